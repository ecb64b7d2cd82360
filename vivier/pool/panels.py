"""Pieces of a page that a higher app adds: the pool's candidate page and the segments' segment page show
actions (launch a campaign, snooze, add to a campaign...) that live in apps they may not import.

A higher app registers a template partial for a place from its ``ready()``; the page includes every partial
registered for that place, with the page's own context (``candidate``, ``segment``...).
"""

PLACES = ("candidate_actions", "segment_actions", "pool_bulk_actions")

_panels: dict[str, list[tuple[int, str]]] = {place: [] for place in PLACES}


def panel_register(place: str, template: str, *, order: int = 50) -> None:
    if place not in _panels:
        raise ValueError(f"unknown place {place!r} (one of {', '.join(PLACES)})")
    if template not in (t for _, t in _panels[place]):
        _panels[place].append((order, template))
        _panels[place].sort()


def panels(place: str) -> list[str]:
    return [template for _, template in _panels[place]]
