"""The sending engine: the worker's ``handle_one_*`` steps for due enrollments, retries and stale sends.

At most once, in three short transactions per batch:

1. ``claim``: claim due enrollments (conditional UPDATE of a lease; ``FOR UPDATE SKIP LOCKED`` on PostgreSQL).
2. ``decide``: re-check each one (unsubscribed? window? contact pressure? valid address? template?), then
   ``commit``: in one transaction that re-verifies the enrollment is still active and still ours, take mailbox
   slots and commit the message rows as ``sending``. From here on, a message is never created again for that
   step.
3. ``sender``: talk to SMTP, then ``commit.record_outcomes``. A crash between 2 and 3 leaves rows in
   ``sending``; the stale sweep (``sweeps``) flags them ``unknown`` for a human: never resent automatically.

``due.handle_one_due`` runs the three in a pipeline; ``rows`` is the bulk-write layer they share.
"""

from . import state
from .claim import batch_size, claim_due, is_postgres, worker_id
from .due import handle_one_due
from .sender import shutdown_sender
from .sweeps import after_sent_manually, handle_one_new_matches, handle_one_retry, handle_one_stale

__all__ = [
    "after_sent_manually",
    "batch_size",
    "claim_due",
    "handle_one_due",
    "handle_one_new_matches",
    "handle_one_retry",
    "handle_one_stale",
    "is_postgres",
    "shutdown_sender",
    "state",
    "worker_id",
]
