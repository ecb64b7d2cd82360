"""What mail holds about a candidate: the messages sent to them (their address, subject and body).

Declared to ``vivier.pool.holdings`` from ``MailConfig.ready()``.
"""

from vivier.pool.holdings import rows

from .models import OutboundMessage

MODELS = (OutboundMessage,)
# The worker's claim lease: bookkeeping about a worker, not about the candidate.
LEASE = ("claimed_by", "claimed_until")


def export(candidate) -> dict:
    messages = OutboundMessage.objects.filter(candidate=candidate)
    return {"outbound_messages": rows(messages, exclude=["candidate", *LEASE])}


def erase(candidate) -> None:
    OutboundMessage.objects.filter(candidate=candidate).delete()
