"""People who asked to be erased: the check that stops an import or an inbound message from re-creating them.

The tombstones live in the privacy app, above the pool; the pool only offers this registry, which the
privacy app fills from its ``AppConfig.ready()``::

    blocklist.register(privacy.services.blocked_keys)

A checker takes a team (or None: any team) and returns a function of identity keys (``e:email``,
``p:+33...``, ``u:url``, as ``dedupe.identity_keys`` spells them) giving the keys that are tombstoned.
With no checker registered nothing is blocked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

Checker = Callable[[Iterable[str]], set[str]]

_checkers: list[Callable[[object], Checker]] = []
# Told when something was refused because of a tombstone: ``fn(team, key, what)`` (the privacy app's audit).
_listeners: list[Callable[[object, str, str], None]] = []


def register(fn: Callable[[object], Checker]) -> None:
    """Add a checker factory: ``fn(team)`` returns ``check(keys) -> the blocked keys``."""
    if fn not in _checkers:
        _checkers.append(fn)


def checker(team) -> Checker:
    """One function for ``team`` (loaded once: an import calls it for every row)."""
    checks = [fn(team) for fn in _checkers]

    def check(keys: Iterable[str]) -> set[str]:
        keys = list(keys)
        found: set[str] = set()
        for one in checks:
            found |= one(keys)
        return found

    return check


def blocked(team, keys: Iterable[str]) -> set[str]:
    return checker(team)(keys)


def listener_register(fn: Callable[[object, str, str], None]) -> None:
    if fn not in _listeners:
        _listeners.append(fn)


def refused(team, key: str, what: str) -> None:
    """Report that ``what`` (a code: ``inbound``) about identity ``key`` was refused for ``team`` (or None)."""
    for fn in _listeners:
        fn(team, key, what)
