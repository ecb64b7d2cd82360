"""What the home page, the notifications and the daily digest show: registries the apps fill in ``ready()``.

The home page knows no app above ``accounts``: each app registers its own pieces, and each piece is one
selector of that app.

- ``step_register``: a step of the getting-started checklist (import a pool, build a segment, write a
  sequence, launch), done or not for a team.
- ``source_register``: a kind of thing that needs attention (replies to answer, tasks due, messages whose
  fate is unknown...). ``notify`` kinds are also notifications (the bell, the daily digest) that each user
  may switch off; the others only show on the home page. An app that lands later (bookings, data requests)
  registers its kind here and it appears everywhere, with its switch.

Registering a name again replaces it: an app that knows better (a mailbox's own error state) takes over a
kind another app filled with what it could see.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Item:
    """One thing to look at. ``key`` is stable across requests (``reply:<uuid>``): read marks use it."""

    key: str
    text: str
    url: str
    due_at: dt.datetime | None = None
    detail: str = ""


@dataclass(frozen=True)
class Source:
    kind: str
    label: object  # a lazy translation, rendered in the reader's language
    items: Callable[..., list[Item]]  # items(*, team, user, now) -> list[Item]
    order: int
    notify: bool
    home: bool


@dataclass(frozen=True)
class Step:
    name: str
    label: object
    url_name: str
    done: Callable[..., bool]  # done(*, team) -> bool
    order: int


@dataclass
class Block:
    source: Source
    items: list[Item] = field(default_factory=list)


_sources: dict[str, Source] = {}
_steps: dict[str, Step] = {}


def source_register(
    kind: str,
    *,
    label,
    items: Callable[..., list[Item]],
    order: int,
    notify: bool = True,
    home: bool = True,
) -> None:
    _sources[kind] = Source(kind, label, items, order, notify, home)


def step_register(name: str, *, label, url_name: str, done: Callable[..., bool], order: int) -> None:
    _steps[name] = Step(name, label, url_name, done, order)


def sources(*, notify: bool | None = None, home: bool | None = None) -> list[Source]:
    chosen = [
        s
        for s in _sources.values()
        if (notify is None or s.notify == notify) and (home is None or s.home == home)
    ]
    return sorted(chosen, key=lambda s: (s.order, s.kind))


def steps() -> list[Step]:
    return sorted(_steps.values(), key=lambda s: (s.order, s.name))
