"""Member lists (segment page, builder preview, API, CLI, CSV export) read the member columns and the primary
email in the page's own query: the number of queries does not grow with the members shown."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from vivier.pool.models import Candidate
from vivier.pool.selectors import with_primary_email
from vivier.pool.services import email_add
from vivier.segments.selectors import MEMBER_COLUMNS, members_for_display, segment_candidates
from vivier.segments.services import segment_create

QUERY = "job:backend"


def _queries(run) -> int:
    with CaptureQueriesContext(connection) as captured:
        run()
    return len(captured)


def _more_backends(make_candidate, n):
    for i in range(n):
        make_candidate(
            f"Extra{i}",
            "Dev",
            jobs=["Backend"],
            place="Lyon",
            seniority=40,
            current_title="Dev",
            last_reply_intent="interested",
        )


def _lists(alice_client, api, segment, team):
    """Every member list, each as a function that renders it and returns its text."""
    sid = segment.public_id

    def cli():
        out = io.StringIO()
        call_command("segment", "list", QUERY, "--team", team.slug, "--json", stdout=out)
        return out.getvalue()

    return {
        "segment page": lambda: alice_client.get(f"/segments/{sid}/").content.decode(),
        "builder preview": lambda: alice_client.get(
            "/segments/new/", {"q": QUERY, "part": "live"}, headers={"HX-Request": "true"}
        ).content.decode(),
        "api candidates": lambda: api.get("/api/candidates", data={"q": QUERY}).content.decode(),
        "api segment members": lambda: api.get(f"/api/segments/{sid}/candidates").content.decode(),
        "csv export": lambda: b"".join(
            alice_client.get(f"/segments/{sid}/export.csv").streaming_content
        ).decode(),
        "cli list": cli,
    }


def test_every_member_list_reads_a_fixed_number_of_queries(
    alice_client, api, alice, team, lyon_pool, make_candidate, time_machine_now
):
    segment = segment_create(team=team, owner=alice, name="Backends", query=QUERY)
    lists = _lists(alice_client, api, segment, team)
    for run in lists.values():
        run()  # sessions, tokens, caches: what a first request sets up
    before = {name: _queries(run) for name, run in lists.items()}
    _more_backends(make_candidate, 5)
    after = {}
    for name, run in lists.items():
        text = run()
        assert "Extra4" in text, name  # the new members are shown
        if name != "builder preview":  # names and cities only
            assert "extra4.dev@example.org" in text, name
        after[name] = _queries(run)
    assert after == before


def test_the_primary_email_is_the_one_the_property_picks(team, make_candidate):
    ana = make_candidate("Ana", "Lopez", jobs=["Backend"])  # one primary email
    two = make_candidate("Two", "Mails", jobs=["Backend"], email="first@example.org")
    email_add(candidate=two, email="second@example.org", primary=False)
    later = make_candidate("Later", "Primary", jobs=["Backend"], email="old@example.org")
    later.emails.update(is_primary=False)
    email_add(candidate=later, email="new@example.org", primary=True)  # the primary one, not the oldest
    none_primary = make_candidate("None", "Primary", jobs=["Backend"], email="b-old@example.org")
    email_add(candidate=none_primary, email="a-new@example.org", primary=False)
    none_primary.emails.update(is_primary=False)  # none marked: the oldest
    nobody = make_candidate("No", "Email", jobs=["Backend"])
    nobody.emails.all().delete()

    annotated = {c.pk: c.primary_email for c in with_primary_email(Candidate.objects.filter(team=team))}
    prefetched = {
        c.pk: c.primary_email for c in Candidate.objects.filter(team=team).prefetch_related("emails")
    }
    assert annotated == prefetched
    assert annotated == {
        ana.pk: "ana.lopez@example.org",
        two.pk: "first@example.org",
        later.pk: "new@example.org",
        none_primary.pk: "b-old@example.org",
        nobody.pk: "",
    }


def test_members_for_display_reads_only_the_member_columns(team, lyon_pool, time_machine_now):
    members = members_for_display(segment_candidates(team=team, query=QUERY))
    with CaptureQueriesContext(connection) as captured:
        rows = list(members)
    assert len(captured) == 1 and rows
    sql = captured[0]["sql"]
    select = sql[: sql.index(" FROM ")]
    assert "search_text" not in select and "custom_fields" not in select
    for column in MEMBER_COLUMNS:
        assert f'"{column}"' in select


@pytest.mark.parametrize("field", ["headline", "custom_fields"])
def test_a_column_outside_the_member_columns_still_reads_correctly(team, lyon_pool, field, time_machine_now):
    # Deferred, not lost: a caller reading another column gets its value (with one more query).
    member = members_for_display(segment_candidates(team=team, query=QUERY)).first()
    assert getattr(member, field) == getattr(Candidate.objects.get(pk=member.pk), field)


def test_a_member_has_its_columns_loaded_and_the_others_deferred(team, lyon_pool, time_machine_now):
    member = members_for_display(segment_candidates(team=team, query=QUERY)).first()
    loaded = {f.attname for f in Candidate._meta.concrete_fields} - member.get_deferred_fields()
    assert loaded == {"id", *MEMBER_COLUMNS}
    full = Candidate.objects.get(pk=member.pk)
    assert all(getattr(member, name) == getattr(full, name) for name in loaded)
