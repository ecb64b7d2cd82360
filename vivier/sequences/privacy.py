"""What sequences hold about a candidate: their enrollments in campaigns, the tasks about them and every
message sent to them (address, subject, body, the exact bytes sent and their attachments).

Declared to ``vivier.pool.holdings`` from ``SequencesConfig.ready()``.
"""

from vivier.pool.holdings import rows

from .models import Enrollment, OutboundAttachment, OutboundMessage, Task

MODELS = (Enrollment, Task, OutboundMessage, OutboundAttachment)
# The worker's claim lease: bookkeeping about a worker, not about the candidate.
LEASE = ("claimed_by", "claimed_until")


def export(candidate) -> dict:
    messages = OutboundMessage.objects.filter(candidate=candidate)
    return {
        "enrollments": rows(Enrollment.objects.filter(candidate=candidate), exclude=["candidate", *LEASE]),
        "tasks": rows(Task.objects.filter(candidate=candidate), exclude=["candidate"]),
        "outbound_messages": rows(messages, exclude=["candidate", *LEASE]),
        "attachments": rows(OutboundAttachment.objects.filter(message__candidate=candidate)),
    }


def erase(candidate) -> None:
    # Attachments go with their message.
    OutboundMessage.objects.filter(candidate=candidate).delete()
    Task.objects.filter(candidate=candidate).delete()
    Enrollment.objects.filter(candidate=candidate).delete()
