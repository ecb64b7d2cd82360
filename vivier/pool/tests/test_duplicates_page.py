"""The possible-duplicates list is paged: a large pool has thousands of pairs."""

import datetime as dt

from vivier.pool.models import DuplicateReview
from vivier.pool.tests.factories import candidate_make


def test_the_duplicate_list_shows_one_page_of_pairs_newest_first(alice_client, team):
    start = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
    for i in range(55):
        first = candidate_make(team=team, first_name="Marie", last_name=f"Martin{i}", email=f"m{i}@a.fr")
        second = candidate_make(team=team, first_name="Marie", last_name=f"Martin{i}", email=f"m{i}@b.fr")
        DuplicateReview.objects.create(
            team=team,
            first=first,
            second=second,
            reason="same name and city",
            created_at=start + dt.timedelta(hours=i),
        )
    first_page = alice_client.get("/pool/duplicates/").content.decode()
    assert first_page.count('data-testid="duplicate-row"') == 50
    assert "Martin54" in first_page and "Martin4<" not in first_page
    assert "Page 1 of 2" in first_page or "Page 1 sur 2" in first_page
    last = alice_client.get("/pool/duplicates/?page=last").content.decode()
    assert last.count('data-testid="duplicate-row"') == 5
    assert "Martin0<" in last and "Martin54" not in last
