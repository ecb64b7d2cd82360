"""Reads for inbound mail."""

from dataclasses import dataclass, field

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

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
# Decline reasons (``understanding.REASONS``) in the reader's language.
REASON_LABELS = {
    "salary": _("Salary"),
    "location": _("Location"),
    "timing": _("Timing"),
    "role": _("Role"),
    "company": _("Company"),
    "contract": _("Contract type"),
    "remote": _("Remote work"),
    "happy": _("Happy where they are"),
    "other": _("Other reason"),
}
# Answered first: these ask the recruiter for a reply.
PRIORITY = ("interested", "more_info", "slot_choice")


# "3 referrals": each group's count with its noun, singular or plural as the language wants.
INTENT_COUNT = {
    "interested": ngettext_lazy("%(n)s yes", "%(n)s yes", "n"),
    "more_info": ngettext_lazy("%(n)s asks for more info", "%(n)s ask for more info", "n"),
    "slot_choice": ngettext_lazy("%(n)s slot chosen", "%(n)s slots chosen", "n"),
    "not_interested": ngettext_lazy("%(n)s no", "%(n)s no", "n"),
    "later": ngettext_lazy("%(n)s later", "%(n)s later", "n"),
    "out_of_office": ngettext_lazy("%(n)s away", "%(n)s away", "n"),
    "unsubscribe": ngettext_lazy("%(n)s unsubscribed", "%(n)s unsubscribed", "n"),
    "referral": ngettext_lazy("%(n)s referral", "%(n)s referrals", "n"),
    "other": ngettext_lazy("%(n)s other", "%(n)s others", "n"),
    "bounce": ngettext_lazy("%(n)s bounced", "%(n)s bounced", "n"),
}


@dataclass
class Group:
    intent: str
    label: str
    count: int
    replies: list = field(default_factory=list)

    @property
    def count_text(self) -> str:
        counted = INTENT_COUNT.get(self.intent)
        return counted % {"n": self.count} if counted else f"{self.count} {self.label}"


def reply_get(*, team, public_id) -> Reply:
    return get_object_or_404(
        Reply.objects.select_related("inbound", "candidate", "campaign", "enrollment", "task"),
        team=team,
        public_id=public_id,
    )


def inbox_replies(
    *, team, done: bool = False, campaign=None, intent: str = "", to_check: bool = False
) -> QuerySet[Reply]:
    """A team's matched replies, open (or done) ones; the ones to check first, then the ones asking for an
    answer, newest first (index reply_team_open). ``to_check``: only the replies waiting to be checked."""
    qs = Reply.objects.filter(team=team, candidate__isnull=False, done_at__isnull=not done).select_related(
        "inbound", "candidate", "campaign", "enrollment", "task"
    )
    if campaign is not None:
        qs = qs.filter(campaign=campaign)
    if intent:
        qs = qs.filter(intent=intent)
    if to_check:
        qs = qs.filter(check_state=Reply.Check.PENDING)
    first = Case(
        When(check_state=Reply.Check.PENDING, then=Value(0)),
        When(intent__in=PRIORITY, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return qs.order_by(first, "-received_at", "-id")


TO_CHECK = "to_check"


def inbox_groups(
    *, team, done: bool = False, campaign=None, limit: int = 300, to_check: bool = False
) -> list[Group]:
    """The replies to check first (a group of their own: their label is only a best guess), then the others
    grouped by intent in ``INTENT_ORDER``, with the count of each group (a group lists at most ``limit``
    replies; the count is the whole group's). ``to_check``: that first group only."""
    base = Reply.objects.filter(team=team, candidate__isnull=False, done_at__isnull=not done)
    if campaign is not None:
        base = base.filter(campaign=campaign)
    pending = Q(check_state=Reply.Check.PENDING)
    groups = {}
    waiting = base.filter(pending).count()
    if waiting:
        groups[TO_CHECK] = Group(TO_CHECK, _("to check"), waiting)
    if not to_check:
        counts = dict(
            base.exclude(pending).values_list("intent").annotate(n=Count("id")).values_list("intent", "n")
        )
        groups.update({i: Group(i, INTENT_SHORT[i], counts[i]) for i in INTENT_ORDER if counts.get(i)})
    for reply in inbox_replies(team=team, done=done, campaign=campaign, to_check=to_check)[:limit]:
        key = TO_CHECK if reply.awaits_check else reply.intent
        if key in groups:
            groups[key].replies.append(reply)
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
