"""Jobs describe positions, never a candidate: nothing to export or erase.

Declared to ``vivier.pool.holdings`` from ``JobsConfig.ready()`` all the same, so that every app above the
pool has said what it holds.
"""

MODELS = ()


def export(candidate) -> dict:
    return {}


def erase(candidate) -> None:
    pass
