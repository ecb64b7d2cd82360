"""Pieces of a page that a higher app adds: the pool's candidate page and list and the segment page show
actions (launch a campaign, snooze, add to a campaign...) that live in apps they may not import.

A higher app registers a template partial for a place from its ``ready()``, with an optional
``context(team=..., **page)`` giving what the partial needs beyond the page's own context; the page includes
each partial registered for that place with ``{% include panel.template %}``, its extra context as ``extra``.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

PLACES = ("candidate_actions", "segment_actions", "pool_bulk_actions")


@dataclass(frozen=True)
class Panel:
    template: str
    order: int = 50
    context: Callable[..., dict] | None = None


@dataclass(frozen=True)
class Shown:
    template: str
    extra: dict[str, Any] = field(default_factory=dict)


_panels: dict[str, list[Panel]] = {place: [] for place in PLACES}


def panel_register(place: str, template: str, *, order: int = 50, context=None) -> None:
    if place not in _panels:
        raise ValueError(f"unknown place {place!r} (one of {', '.join(PLACES)})")
    _panels[place] = sorted(
        [p for p in _panels[place] if p.template != template] + [Panel(template, order, context)],
        key=lambda p: p.order,
    )


def panels(place: str, **page) -> list[Shown]:
    return [Shown(p.template, p.context(**page) if p.context else {}) for p in _panels[place]]
