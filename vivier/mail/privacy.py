"""What mail holds about a candidate: nothing (mailboxes are the team's; the messages sent to a candidate
belong to the outbox, in ``sequences``).

Declared to ``vivier.pool.holdings`` from ``MailConfig.ready()``.
"""

MODELS: tuple = ()


def export(candidate) -> dict:
    return {}


def erase(candidate) -> None:
    return None
