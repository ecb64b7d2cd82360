"""Which candidate, enrollment and campaign an inbound message belongs to.

Order:
1. In-Reply-To, then References (newest first), against the Message-IDs of messages we sent;
2. a bounce: the refused recipient's address;
3. the sender's address to a candidate of the team, preferring one with an active enrollment whose thread
   subject matches the normalized subject, then any active enrollment, then the latest campaign;
4. nothing: unmatched (a recruiter attaches it by hand).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vivier.mail.models import Mailbox
from vivier.pool.models import Candidate, CandidateEmail
from vivier.sequences.models import Enrollment, OutboundMessage

# "Re:", "RE :", "TR:", "Fwd:", "AW:", "Réf.", with or without "[n]" counters, repeated.
_PREFIX = re.compile(
    r"^\s*(?:(?:re|r[ée]f|tr|fw|fwd|aw|wg|sv|vs|antw|rép|rep)\s*(?:\[\d+\])?\s*:\s*)+", re.IGNORECASE
)


def normalize_subject(subject: str) -> str:
    """ "RE : TR: Un poste  chez Alvéa" -> "un poste chez alvéa"."""
    previous = None
    text = subject or ""
    while previous != text:
        previous = text
        text = _PREFIX.sub("", text)
    return " ".join(text.split()).casefold()


@dataclass
class Match:
    team: object | None = None
    candidate: object | None = None
    enrollment: Enrollment | None = None
    campaign: object | None = None
    outbound: OutboundMessage | None = None
    matched_by: str = ""

    @property
    def matched(self) -> bool:
        return self.candidate is not None


def _ids(message) -> list[tuple[str, str]]:
    found = []
    if message.in_reply_to:
        found.append((message.in_reply_to.strip(), "in_reply_to"))
    for ref in reversed(message.references or []):
        found.append((str(ref).strip(), "references"))
    return [(i, how) for i, how in found if i]


def _from_outbound(outbound: OutboundMessage, how: str) -> Match:
    enrollment = outbound.enrollment
    return Match(
        team=outbound.team,
        candidate=outbound.candidate,
        enrollment=enrollment,
        campaign=outbound.campaign,
        outbound=outbound,
        matched_by=how,
    )


def message_team(message):
    """The team a message was received for: given at capture, or the mailbox it was delivered to."""
    if message.team_id:
        return message.team
    if message.mailbox_address:
        mailbox = (
            Mailbox.objects.filter(address__iexact=message.mailbox_address).select_related("team").first()
        )
        if mailbox is not None:
            return mailbox.team
    return None


def candidate_match(*, team, candidate, subject: str = "", how: str = "sender") -> Match:
    """The best enrollment of a known candidate: active (same subject first), else the latest one."""
    enrollments = list(
        Enrollment.objects.filter(candidate=candidate)
        .select_related("campaign")
        .order_by("-created_at", "-id")[:20]
    )
    active = [e for e in enrollments if e.state == Enrollment.State.ACTIVE]
    wanted = normalize_subject(subject)
    chosen = None
    if active:
        chosen = next(
            (e for e in active if wanted and normalize_subject(e.thread_subject) == wanted), active[0]
        )
    elif enrollments:
        same = [e for e in enrollments if wanted and normalize_subject(e.thread_subject) == wanted]
        chosen = same[0] if same else None
    outbound = None
    if chosen is not None:
        outbound = (
            OutboundMessage.objects.filter(enrollment=chosen, status=OutboundMessage.Status.SENT)
            .order_by("-sent_at", "-id")
            .first()
        )
    return Match(
        team=team or candidate.team,
        candidate=candidate,
        enrollment=chosen,
        campaign=chosen.campaign if chosen else None,
        outbound=outbound,
        matched_by=how,
    )


def thread_message(message) -> Match:
    """Thread one parsed ``InboundMessage`` (see the module docstring for the order)."""
    team = message_team(message)
    ids = _ids(message)
    if ids:
        # Plain rows first (unique index on message_id): most References name messages we never sent.
        found = dict(
            OutboundMessage.objects.filter(message_id__in=[i for i, _ in ids]).values_list(
                "message_id", "team_id"
            )
        )
        for mid, how in ids:
            # A message received for one team never threads into another team's conversation.
            if mid in found and (team is None or found[mid] == team.pk):
                outbound = OutboundMessage.objects.select_related(
                    "enrollment", "candidate", "campaign", "team"
                ).get(message_id=mid)
                if message.from_address and message.from_address.lower() == outbound.from_email.lower():
                    # The recruiter's own message in the thread (a copy, a manual follow-up): the candidate
                    # said nothing, so nothing stops. It waits in the unmatched list.
                    return Match(team=outbound.team)
                return _from_outbound(outbound, how)
    addresses = []
    if message.kind == "bounce" and message.bounce_recipient:
        addresses.append((message.bounce_recipient, "bounce"))
    if message.from_address and message.kind != "bounce":
        addresses.append((message.from_address, "sender"))
    for address, how in addresses:
        # The pool stores addresses lower-cased: an exact match uses the (team, email) unique index.
        emails = CandidateEmail.objects.filter(email=address.strip().lower())
        if team is not None:
            emails = emails.filter(team=team)
        rows = list(emails.values_list("candidate_id", "team_id")[:5])
        if team is None and len({t for _, t in rows}) > 1:
            continue  # the same address in several teams, and nothing says which: a human decides
        if rows:
            candidate = Candidate.objects.select_related("team").get(pk=rows[0][0])
            return candidate_match(team=candidate.team, candidate=candidate, subject=message.subject, how=how)
    return Match(team=team)
