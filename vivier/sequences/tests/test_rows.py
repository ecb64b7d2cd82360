"""insert_rows / update_rows (the engine's ORM bypass) store exactly what the ORM would, on both databases."""

import datetime as dt

import pytest

from vivier.pool.models import Candidate, TimelineEvent
from vivier.sequences import engine
from vivier.sequences.engine import claim, decide
from vivier.sequences.engine import rows as bulk

TRICKY = [
    "",
    "NULL",
    "null",
    'a "quoted" {brace}, comma',
    "back\\slash \\\" and '",
    "é à ü 🎉",
    "{1,2}",
    " ",
    "\t\n",
]


@pytest.mark.django_db
def test_rows_written_around_the_orm_read_back_identical(team, make_candidate):
    candidate = make_candidate()
    at = dt.datetime(2026, 3, 9, 9, 30, 1, 123456, tzinfo=dt.UTC)
    rows = [
        bulk.plain_row(
            TimelineEvent,
            team_id=team.pk,
            candidate_id=candidate.pk,
            at=at + dt.timedelta(seconds=i),
            kind=text[:20],  # the event's text column (20 characters)
            params={"text": text, "n": i, "nested": [None, True, {"k": text}]},
        )
        for i, text in enumerate(TRICKY)
    ]
    bulk.insert_rows(TimelineEvent, rows)
    stored = list(TimelineEvent.objects.filter(candidate=candidate).order_by("at"))
    assert [(e.kind, e.params, e.at) for e in stored] == [(r.kind, r.params, r.at) for r in rows]

    people = [make_candidate() for _ in TRICKY]
    for i, (c, text) in enumerate(zip(people, TRICKY, strict=True)):
        c.city = text
        c.last_contacted_at = None if i % 2 else at
    bulk.update_rows(Candidate, people, ["city", "last_contacted_at"])
    assert [
        (c.city, c.last_contacted_at)
        for c in Candidate.objects.filter(pk__in=[p.pk for p in people]).order_by("pk")
    ] == [(p.city, p.last_contacted_at) for p in sorted(people, key=lambda p: p.pk)]
    for c in people:  # a column of NULLs only
        c.last_contacted_at = None
    bulk.update_rows(Candidate, people, ["last_contacted_at"])
    assert not Candidate.objects.filter(
        pk__in=[p.pk for p in people], last_contacted_at__isnull=False
    ).exists()


@pytest.mark.django_db
def test_claimed_enrollments_are_the_instances_the_orm_would_load(campaign, make_candidate, now_at):
    from vivier.sequences.models import Enrollment
    from vivier.sequences.services import campaign_start

    now = now_at("2026-03-09 10:00 Europe/Paris")
    campaign_start(campaign=campaign, candidates=[make_candidate(city="Lyon"), make_candidate(last_name="")])
    Enrollment.objects.update(hook="J'ai lu {{ 7*7 }}", thread_refs="<a@b> <c@d>")
    _, claimed = engine.claim_due(now, 10)
    assert len(claimed) == 2
    for e in claimed:
        orm = Enrollment.objects.select_related("candidate").get(pk=e.pk)
        assert (
            e._state.adding is False
            and e._state.db == "default"
            and not e._state.fields_cache.keys() - {"candidate", "campaign"}
        )
        for f in Enrollment._meta.concrete_fields:
            assert getattr(e, f.attname) == getattr(orm, f.attname), f.name
        loaded = set(claim.claim_columns()[1])
        assert (
            e.candidate.get_deferred_fields()
            == {f.attname for f in orm.candidate._meta.concrete_fields} - loaded
        )
        for f in orm.candidate._meta.concrete_fields:  # deferred ones load on access, as with .defer()
            assert getattr(e.candidate, f.attname) == getattr(orm.candidate, f.attname), f.name
        assert e.campaign == campaign and e.candidate == orm.candidate


@pytest.mark.django_db
def test_a_new_message_is_what_the_model_constructor_builds(team):
    import uuid

    from vivier.mail.services import mailbox_create
    from vivier.sequences.models import OutboundMessage

    box = mailbox_create(
        team=team, address="a@b.fr", smtp_host="127.0.0.1", smtp_port=25, smtp_security="none"
    )
    values = dict(
        public_id=uuid.uuid4(),
        team_id=team.pk,
        transport="smtp",
        status="sending",
        to_email="x@y.fr",
        subject="Sujet",
        due_at=dt.datetime(2026, 3, 9, tzinfo=dt.UTC),
        attempts=1,
    )
    fast = decide.new_message(mailbox=box, **values)
    orm = OutboundMessage(mailbox=box, **values)
    for f in OutboundMessage._meta.concrete_fields:
        assert getattr(fast, f.attname) == getattr(orm, f.attname), f.name
    assert fast.mailbox is box and fast._state.adding and fast._state.db is None and fast.pk is None
    assert decide.new_message(mailbox=None, **values).mailbox is None
