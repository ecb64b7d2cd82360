"""What each app holds about a candidate (``vivier.pool.holdings``): nothing is forgotten, export and erase work."""

import base64
import json

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured

from vivier.demo.seed import demo_seed
from vivier.pool import holdings
from vivier.pool.models import Candidate
from vivier.replies.models import DeclineRecord, InboundMessage
from vivier.sequences.models import Task


def candidate_links() -> dict[type, str]:
    """Every model with a foreign key to pool.Candidate, directly or through another model, and the lookup
    from it to the candidate (``"enrollment__candidate"``)."""
    links: dict[type, str] = {Candidate: "pk"}
    grew = True
    while grew:
        grew = False
        for model in apps.get_models():
            if model in links:
                continue
            for field in model._meta.concrete_fields + model._meta.many_to_many:
                if field.is_relation and field.related_model in links:
                    through = links[field.related_model]
                    links[model] = field.name if through == "pk" else f"{field.name}__{through}"
                    grew = True
                    break
    return links


def undeclared(declared) -> list[str]:
    return sorted(m._meta.label for m in candidate_links() if m not in declared)


def test_every_model_linked_to_a_candidate_is_declared_by_its_app():
    missing = undeclared(holdings.declared_models())

    assert not missing, (
        f"{missing} hold rows about a candidate: add them to MODELS (and to export and erase) in their "
        "app's privacy.py"
    )


def test_a_model_left_out_of_the_declarations_is_reported():
    assert undeclared(holdings.declared_models() - {Task}) == ["sequences.Task"]


def test_every_app_above_the_pool_with_models_declares_its_holdings():
    order = [config.label for config in apps.get_app_configs()]
    above_pool = [
        config.label
        for config in apps.get_app_configs()
        if config.name.startswith("vivier.")
        and order.index(config.label) >= order.index("pool")
        and list(config.get_models())
    ]

    assert [h.app for h in holdings.holdings()] == above_pool


def test_an_app_may_only_declare_its_own_models():
    with pytest.raises(ImproperlyConfigured, match="sequences.Task"):
        holdings.register("replies", models=[Task], export=lambda c: {}, erase=lambda c: None)


@pytest.fixture
def seeded(db):
    """The demo: a pool, a campaign whose first messages were sent, and replies (a decline among them)."""
    result = demo_seed(candidates=300, seed=4)
    declined = DeclineRecord.objects.filter(team=result.team).select_related("candidate").first()
    assert declined is not None, "the demo's replies include a decline"
    other = Candidate.objects.filter(team=result.team, enrollments__isnull=False).exclude(
        pk=declined.candidate_id
    )[0]
    return declined, other


def export(candidate) -> dict:
    return {h.app: h.export(candidate) for h in holdings.holdings()}


def test_the_export_is_json_and_holds_what_each_app_holds_about_the_candidate(seeded):
    declined, other = seeded
    candidate = declined.candidate

    data = json.loads(json.dumps(export(candidate)))

    assert set(data) == {"pool", "segments", "jobs", "sequences", "mail", "replies", "privacy"}
    pool = data["pool"]
    assert pool["candidate"]["public_id"] == str(candidate.public_id)
    assert pool["candidate"]["first_name"] == candidate.first_name
    assert candidate.primary_email in [e["email"] for e in pool["emails"]]
    assert pool["timeline"]
    (enrollment,) = data["sequences"]["enrollments"]
    assert enrollment["campaign"] and enrollment["hook"]
    assert [m["to_email"] for m in data["sequences"]["outbound_messages"]] == [candidate.primary_email]
    replies = data["replies"]
    assert [r["intent"] for r in replies["replies"]] == ["not_interested"]
    assert [d["reason"] for d in replies["declines"]] == [declined.reason]
    (inbound,) = replies["inbound_messages"]
    assert inbound["visible_text"] == declined.reply.inbound.visible_text != ""
    assert base64.b64decode(inbound["raw"]) == bytes(declined.reply.inbound.raw)
    # Integer keys never leave the server, and nothing of another candidate is in the export.
    keys = set(_keys(data))
    assert "id" not in keys
    assert {k for k in keys if k.endswith("_id")} <= {
        "public_id",
        "external_id",
        "message_id",
        "thread_root_id",
    }
    text = json.dumps(data)
    assert other.primary_email not in text and str(other.public_id) not in text


def _keys(value):
    if isinstance(value, dict):
        for key, inner in value.items():
            yield key
            yield from _keys(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _keys(inner)


def _held(candidate) -> dict[str, set[int]]:
    """The primary keys of every declared row about ``candidate``."""
    links = candidate_links()
    held = {}
    for model in holdings.declared_models():
        if model is InboundMessage:  # no key to the candidate: theirs through its Reply
            qs = InboundMessage.objects.filter(reply__candidate=candidate)
        else:
            qs = model.objects.filter(**{links[model]: candidate.pk})
        held[model._meta.label] = set(qs.values_list("pk", flat=True))
    return held


def test_erasing_in_reverse_order_removes_every_row_about_the_candidate_and_only_those(seeded):
    declined, other = seeded
    candidate = declined.candidate
    before, others_before = _held(candidate), _held(other)
    assert all(
        before[label] for label in ("sequences.Enrollment", "sequences.OutboundMessage", "replies.Reply")
    )

    for holding in reversed(holdings.holdings()):
        holding.erase(candidate)

    for label, pks in before.items():
        model = apps.get_model(label)
        assert not model.objects.filter(pk__in=pks).exists(), f"{label} rows left after erasure"
    assert _held(other) == others_before
