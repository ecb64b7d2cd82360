"""The one place Vivier takes the current time from.

Never call ``datetime.now()`` elsewhere: the worker's ``--now`` and the tests move time through here.
``time_machine`` also works, since ``timezone.now`` is patched by it.
"""

from contextlib import contextmanager
from datetime import datetime

from django.utils import timezone

_frozen: datetime | None = None


def now() -> datetime:
    if _frozen is not None:
        return _frozen
    return timezone.now()


def set_now(value: datetime | None) -> None:
    """Pin the engine's clock (``vivier worker --once --now``); ``None`` releases it."""
    global _frozen
    if value is not None and timezone.is_naive(value):
        raise ValueError("now must be timezone-aware")
    _frozen = value


@contextmanager
def frozen_at(value: datetime):
    previous = _frozen
    set_now(value)
    try:
        yield value
    finally:
        set_now(previous)
