"""Which interview slots a candidate was offered, asked of the app that offers them (the funnel fills the
registry in its ``ready()``): the inbound classification passes them on, so "jeudi 14h me convient" names
one of them.

    offered_slots_provider_register(fn)      fn(candidate, at) -> list[datetime] (oldest offer first) or None
    offered_slots(candidate=..., at=...)     the first provider's non-empty answer, else []
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

Provider = Callable[[object, dt.datetime], "list[dt.datetime] | None"]
_providers: dict[str, Provider] = {}


def offered_slots_provider_register(fn: Provider, *, name: str | None = None) -> None:
    """Add a provider; registering the same name again replaces it."""
    _providers[name or f"{fn.__module__}.{fn.__qualname__}"] = fn


def offered_slots_provider_unregister(name: str) -> None:
    _providers.pop(name, None)


def offered_slots(*, candidate, at: dt.datetime) -> list[dt.datetime]:
    """The slots the candidate's latest slot proposal offered, as of ``at`` (1-based ``chosen_slot`` indexes
    into this list)."""
    if candidate is None:
        return []
    for provider in list(_providers.values()):
        found = provider(candidate, at)
        if found:
            return list(found)
    return []
