"""What the privacy app holds about a candidate: nothing that identifies them. Tombstones are HMACs under a
key kept outside the database and the audit log keeps hashes, so both stay after an erasure (that is their
purpose).

Declared to ``vivier.pool.holdings`` from ``PrivacyConfig.ready()``.
"""

MODELS: tuple = ()


def export(candidate) -> dict:
    return {}


def erase(candidate) -> None:
    return None
