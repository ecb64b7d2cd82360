"""insert_rows / update_rows (the engine's ORM bypass) store exactly what the ORM would, on both databases."""

import datetime as dt

import pytest

from vivier.pool.models import Candidate, TimelineEvent
from vivier.sequences import engine

TRICKY = ["", "NULL", "null", 'a "quoted" {brace}, comma', "back\\slash \\\" and '", "é à ü 🎉", "{1,2}", " ", "\t\n"]


@pytest.mark.django_db
def test_rows_written_around_the_orm_read_back_identical(team, make_candidate):
    candidate = make_candidate()
    at = dt.datetime(2026, 3, 9, 9, 30, 1, 123456, tzinfo=dt.UTC)
    rows = [engine.plain_row(TimelineEvent, team_id=team.pk, candidate_id=candidate.pk, at=at + dt.timedelta(seconds=i),
                             kind=TimelineEvent.Kind.MESSAGE_OUT, summary=text,
                             data={"text": text, "n": i, "nested": [None, True, {"k": text}]})
            for i, text in enumerate(TRICKY)]
    engine.insert_rows(TimelineEvent, rows)
    stored = list(TimelineEvent.objects.filter(candidate=candidate).order_by("at"))
    assert [(e.summary, e.data, e.at, e.kind) for e in stored] == [
        (r.summary, r.data, r.at, r.kind) for r in rows]

    people = [make_candidate() for _ in TRICKY]
    for i, (c, text) in enumerate(zip(people, TRICKY, strict=True)):
        c.city = text
        c.last_contacted_at = None if i % 2 else at
    engine.update_rows(Candidate, people, ["city", "last_contacted_at"])
    assert [(c.city, c.last_contacted_at) for c in Candidate.objects.filter(pk__in=[p.pk for p in people])
            .order_by("pk")] == [(p.city, p.last_contacted_at) for p in sorted(people, key=lambda p: p.pk)]
    for c in people:  # a column of NULLs only
        c.last_contacted_at = None
    engine.update_rows(Candidate, people, ["last_contacted_at"])
    assert not Candidate.objects.filter(pk__in=[p.pk for p in people], last_contacted_at__isnull=False).exists()
