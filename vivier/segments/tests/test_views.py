import csv
import io

from vivier.segments.models import Segment
from vivier.segments.services import segment_create

from .conftest import DEMO_QUERY


def test_the_builder_shows_the_live_count_and_chips(alice_client, lyon_pool, time_machine_now):
    page = alice_client.get("/segments/new/", {"q": DEMO_QUERY})
    html = page.content.decode()
    assert page.status_code == 200
    assert 'data-testid="live-count">2<' in html
    assert html.count('data-testid="chip"') == 5


def test_the_builder_adds_and_removes_terms(alice_client, lyon_pool, time_machine_now):
    added = alice_client.get(
        "/segments/new/",
        {"q": "job:backend", "add": "1", "field": "seniority", "op": ">=", "value": "senior"},
        headers={"HX-Request": "true"},
    )
    assert 'value="job:backend seniority&gt;=senior"' in added.content.decode()
    removed = alice_client.get(
        "/segments/new/",
        {"q": "job:backend seniority>=senior", "remove": "0"},
        headers={"HX-Request": "true"},
    )
    assert 'value="seniority&gt;=senior"' in removed.content.decode()


def test_a_bad_query_in_the_builder_points_at_the_position(alice_client, team):
    live = alice_client.get(
        "/segments/new/", {"q": "job:backend (", "part": "live"}, headers={"HX-Request": "true"}
    )
    html = live.content.decode()
    assert 'data-testid="query-error"' in html and "13" in html


def test_suggestions_are_values_that_exist_in_the_pool(alice_client, lyon_pool):
    html = alice_client.get("/segments/suggest/", {"field": "job", "value": "back"}).content.decode()
    assert ">backend<" in html and "frontend" not in html
    cities = alice_client.get("/segments/suggest/", {"field": "city", "value": "ly"}).content.decode()
    assert ">Lyon<" in cities


def test_saving_a_segment_then_listing_and_exporting_it(alice_client, alice, lyon_pool, time_machine_now):
    response = alice_client.post(
        "/segments/new/", {"name": "Backends Lyon", "description": "demo", "q": DEMO_QUERY}
    )
    segment = Segment.objects.get(name="Backends Lyon")
    assert response.status_code == 302 and response["Location"] == f"/segments/{segment.public_id}/"
    assert segment.owner == alice
    detail = alice_client.get(response["Location"]).content.decode()
    assert detail.count('data-testid="member"') == 2 and "Ana Lopez" in detail
    listing = alice_client.get("/segments/").content.decode()
    assert "Backends Lyon" in listing and 'data-testid="segment-count">2<' in listing
    export = alice_client.get(f"/segments/{segment.public_id}/export.csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig"))))
    assert sorted(r["email"] for r in rows) == ["ana.lopez@example.org", "bruno.marchal@example.org"]


def test_saving_with_a_bad_query_keeps_what_was_typed(alice_client, team):
    response = alice_client.post("/segments/new/", {"name": "Broken", "q": "skill:python OR"})
    assert response.status_code == 400
    assert 'value="skill:python OR"' in response.content.decode()
    assert not Segment.objects.exists()


def test_the_export_neutralizes_spreadsheet_formulas(alice_client, alice, team, make_candidate):
    make_candidate('=HYPERLINK("x")', "Evil", jobs=["Backend"])
    segment = segment_create(team=team, owner=alice, name="All", query="job:backend")
    body = b"".join(alice_client.get(f"/segments/{segment.public_id}/export.csv").streaming_content).decode()
    assert "'=HYPERLINK" in body


def test_another_teams_segment_is_not_found(alice_client, other_team, charlie):
    theirs = segment_create(team=other_team, owner=charlie, name="Theirs", query="job:backend")
    for url in ("/", "/edit/", "/export.csv"):
        assert alice_client.get(f"/segments/{theirs.public_id}{url}").status_code == 404
    assert alice_client.post(f"/segments/{theirs.public_id}/delete/").status_code == 404


def test_deleting_a_segment_keeps_the_candidates(alice_client, alice, team, lyon_pool):
    segment = segment_create(team=team, owner=alice, name="All", query="job:backend")
    assert alice_client.post(f"/segments/{segment.public_id}/delete/").status_code == 302
    assert not Segment.objects.exists()
    from vivier.pool.models import Candidate

    assert Candidate.objects.filter(team=team).count() == 7


def test_the_live_count_stops_at_the_cap_and_says_so(alice_client, lyon_pool, time_machine_now, monkeypatch):
    from vivier.segments import selectors

    monkeypatch.setattr(selectors, "LIVE_COUNT_CAP", 1)
    html = alice_client.get("/segments/new/", {"q": DEMO_QUERY}).content.decode()
    assert 'data-testid="live-count">1+<' in html
    monkeypatch.setattr(selectors, "LIVE_COUNT_CAP", 2)
    html = alice_client.get("/segments/new/", {"q": DEMO_QUERY}).content.decode()
    assert 'data-testid="live-count">2<' in html  # exactly at the cap: the exact figure, no "+"
