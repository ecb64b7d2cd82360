"""The demo's replies: answer a message of the built-in outbox as the candidate would, and a few replies
to seed the demo with (``vivier demo`` calls ``seed_demo`` through ``vivier.demo.seed.HOOKS``).

    reply_as_candidate(outbound=message, text="Oui, avec plaisir !")  -> Reply (threaded, understood, applied)
    seed_demo(team, users)                                              -> number of replies added
"""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from django.utils.translation import gettext

from vivier.lib import clock
from vivier.replies.capture import inbound_store
from vivier.replies.models import Reply
from vivier.replies.services import inbound_handle
from vivier.sequences.models import OutboundMessage

# Only messages that never left the machine can be answered in the demo: a real email gets real replies.
DEMO_TRANSPORTS = ("outbox", "memory")

# What candidates answer, one per intent the demo shows (French and English).
SAMPLES = {
    "fr": [
        "Oui, avec plaisir ! Je suis disponible pour un appel jeudi après-midi.",
        "Bonjour, merci pour votre message. Quel est le salaire proposé ? Et le télétravail est-il possible ?",
        "Non merci, le salaire est trop bas pour moi.",
        "Pas pour le moment, recontactez-moi dans 6 mois.",
        "Ce poste ne me correspond pas, mais ma collègue Inès Garnier (ines.garnier@example.org) serait intéressée.",
    ],
    "en": [
        "Yes, happy to talk! I am free on Thursday afternoon.",
        "Thanks for reaching out. What is the salary range, and is remote work possible?",
        "No thanks, I am happy where I am.",
        "Not right now, please get back to me in 6 months.",
        "Not for me, but my colleague Sam Carter (sam.carter@example.org) might be interested.",
    ],
}


class DemoRefused(ValueError):
    pass


def demo_outbound(*, team, limit: int = 50):
    """Messages of the built-in outbox a demo user may answer as the candidate would."""
    return (
        OutboundMessage.objects.filter(
            team=team, status=OutboundMessage.Status.SENT, transport__in=DEMO_TRANSPORTS
        )
        .select_related("candidate", "campaign")
        .order_by("-sent_at", "-id")[:limit]
    )


def reply_raw(*, outbound: OutboundMessage, text: str) -> bytes:
    """The bytes a candidate's mail client would send back: threaded (In-Reply-To, References), the
    original quoted below the answer."""
    msg = EmailMessage()
    msg["From"] = f"{outbound.to_name} <{outbound.to_email}>" if outbound.to_name else outbound.to_email
    msg["To"] = outbound.from_email
    subject = outbound.subject
    msg["Subject"] = subject if subject.lower().startswith("re:") else f"Re: {subject}"
    msg["Date"] = format_datetime(clock.now())
    msg["Message-ID"] = make_msgid(domain=outbound.to_email.rpartition("@")[2] or "demo.vivier")
    msg["In-Reply-To"] = outbound.message_id
    msg["References"] = " ".join([*outbound.references.split(), outbound.message_id][-10:])
    sent = outbound.sent_at or outbound.created_at
    quoted = "\n".join("> " + line for line in outbound.body.splitlines())
    who = f"{outbound.from_name} <{outbound.from_email}>" if outbound.from_name else outbound.from_email
    msg.set_content(f"{text.strip()}\n\nLe {sent:%d/%m/%Y à %H:%M}, {who} a écrit :\n{quoted}\n")
    return bytes(msg)


def reply_as_candidate(*, outbound: OutboundMessage, text: str) -> Reply:
    """Store a reply to ``outbound`` as if it came back through the mailbox, and handle it at once."""
    if outbound.transport not in DEMO_TRANSPORTS:
        raise DemoRefused(gettext("Only messages of the built-in outbox can be answered in the demo."))
    if not (text or "").strip():
        raise DemoRefused(gettext("Write the candidate’s answer."))
    message, _ = inbound_store(
        raw=reply_raw(outbound=outbound, text=text),
        source="upload",
        team=outbound.team,
        mailbox_address=outbound.from_email,
    )
    reply = inbound_handle(message=message)
    if reply is None:
        raise DemoRefused(message.error or "the reply could not be read")
    return reply


def seed_demo(team, users=None) -> int:
    """Answer a few of the team's sent outbox messages with varied replies (one per candidate, oldest
    first), so the demo inbox has something in each group. Returns how many replies were added."""
    added = 0
    seen = set(Reply.objects.filter(team=team).values_list("candidate_id", flat=True))
    messages = (
        OutboundMessage.objects.filter(
            team=team, status=OutboundMessage.Status.SENT, transport__in=DEMO_TRANSPORTS
        )
        .select_related("candidate", "team")
        .order_by("sent_at", "id")
    )
    for outbound in messages:
        if outbound.candidate_id in seen:
            continue
        samples = SAMPLES["en" if outbound.candidate.preferred_language == "en" else "fr"]
        reply_as_candidate(outbound=outbound, text=samples[added % len(samples)])
        seen.add(outbound.candidate_id)
        added += 1
        if added >= len(samples):
            break
    return added
