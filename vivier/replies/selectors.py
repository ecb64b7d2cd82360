"""Reads for inbound mail."""

from dataclasses import dataclass, field

from django.db.models import Case, Count, IntegerField, QuerySet, Value, When
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from .models import InboundMessage, Reply


def inbound_unprocessed(*, team) -> QuerySet[InboundMessage]:
    """Messages of a team that could not be parsed, newest first (index inbound_team_status)."""
    return InboundMessage.objects.filter(team=team, status=InboundMessage.Status.UNPROCESSED).order_by(
        "-received_at", "-id"
    )


# --- Triage inbox ------------------------------------------------------------------------------

# Display order of the inbox groups; the first nine are also the keyboard shortcuts 1-9.
INTENT_ORDER = [
    "interested",
    "more_info",
    "slot_choice",
    "not_interested",
    "later",
    "out_of_office",
    "unsubscribe",
    "referral",
    "other",
    "bounce",
]
# Short labels for the group counts ("12 yes, 5 more info, 9 no, 3 away").
INTENT_SHORT = {
    "interested": _("yes"),
    "more_info": _("more info"),
    "slot_choice": _("slot chosen"),
    "not_interested": _("no"),
    "later": _("later"),
    "out_of_office": _("away"),
    "unsubscribe": _("unsubscribed"),
    "referral": _("referral"),
    "other": _("other"),
    "bounce": _("bounced"),
}
# Answered first: these ask the recruiter for a reply.
PRIORITY = ("interested", "more_info", "slot_choice")


@dataclass
class Group:
    intent: str
    label: str
    count: int
    replies: list = field(default_factory=list)


def reply_get(*, team, public_id) -> Reply:
    return get_object_or_404(
        Reply.objects.select_related("inbound", "candidate", "campaign", "enrollment", "task"),
        team=team,
        public_id=public_id,
    )


def inbox_replies(*, team, done: bool = False, campaign=None, intent: str = "") -> QuerySet[Reply]:
    """A team's matched replies, open (or done) ones; the ones asking for an answer first, newest first
    (index reply_team_open)."""
    qs = Reply.objects.filter(team=team, candidate__isnull=False, done_at__isnull=not done).select_related(
        "inbound", "candidate", "campaign", "enrollment", "task"
    )
    if campaign is not None:
        qs = qs.filter(campaign=campaign)
    if intent:
        qs = qs.filter(intent=intent)
    first = Case(When(intent__in=PRIORITY, then=Value(0)), default=Value(1), output_field=IntegerField())
    return qs.order_by(first, "-received_at", "-id")


def inbox_groups(*, team, done: bool = False, campaign=None, limit: int = 300) -> list[Group]:
    """Replies grouped by intent in ``INTENT_ORDER``, with the count of each group (a group lists at most
    ``limit`` replies; the count is the whole group's)."""
    base = Reply.objects.filter(team=team, candidate__isnull=False, done_at__isnull=not done)
    if campaign is not None:
        base = base.filter(campaign=campaign)
    counts = dict(base.values_list("intent").annotate(n=Count("id")).values_list("intent", "n"))
    groups = {i: Group(i, INTENT_SHORT[i], counts.get(i, 0)) for i in INTENT_ORDER if counts.get(i)}
    for reply in inbox_replies(team=team, done=done, campaign=campaign)[:limit]:
        if reply.intent in groups:
            groups[reply.intent].replies.append(reply)
    return list(groups.values())


def unmatched_replies(*, team) -> QuerySet[Reply]:
    return (
        # A reply kept (unlinked) for the figures after its author was erased has its campaign: not unmatched.
        Reply.objects.filter(
            team=team, candidate__isnull=True, campaign__isnull=True, enrollment__isnull=True
        )
        .select_related("inbound")
        .order_by("-received_at", "-id")
    )


def inbound_failed(*, team) -> QuerySet[InboundMessage]:
    """Parsed messages whose handling failed (waiting for a retry), newest first."""
    return (
        InboundMessage.objects.filter(team=team, handled_at__isnull=True)
        .exclude(handle_error="")
        .order_by("-received_at", "-id")
    )
