"""What replies hold about a candidate: the messages they sent (raw bytes included), how each was
understood, and their declines.

Declared to ``vivier.pool.holdings`` from ``RepliesConfig.ready()``.
"""

from vivier.pool.holdings import rows

from .models import DeclineRecord, InboundMessage, Reply

# InboundMessage has no key to the candidate: it is theirs through its Reply.
MODELS = (InboundMessage, Reply, DeclineRecord)


def export(candidate) -> dict:
    return {
        "inbound_messages": rows(InboundMessage.objects.filter(reply__candidate=candidate)),
        "replies": rows(Reply.objects.filter(candidate=candidate), exclude=["candidate"]),
        "declines": rows(DeclineRecord.objects.filter(candidate=candidate), exclude=["candidate"]),
    }


def erase(candidate) -> None:
    # A message's Reply and the decline it recorded go with it.
    InboundMessage.objects.filter(reply__candidate=candidate).delete()
    DeclineRecord.objects.filter(candidate=candidate).delete()
