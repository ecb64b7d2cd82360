"""The registry of segment terms (``job:``, ``within:``, ``replied:``...) and the value readers they share.

Each field of the query language is one :class:`Term`, registered at start-up by its app's
``AppConfig.ready()`` (segments registers the built-in ones, see ``builtin.py``). A higher app adds a term
with ``term_register(Term(...))`` from its own ``ready()``: the compiler, the counts, the builder's field
list and the "unknown field" message all read this registry, so segments never imports that app.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from dateutil.relativedelta import relativedelta
from django.db.models import Q
from django.utils.translation import gettext as _

from vivier.lib.text import fold

from .tokens import Token

if TYPE_CHECKING:
    from .compiler import Compiler

EQUAL = (":", "=")
TRUE = {"true", "yes", "oui", "1", "y", "vrai"}
FALSE = {"false", "no", "non", "0", "n", "faux"}
DURATION_RE = re.compile(r"^(\d+)\s*(d|j|w|s|m|y|a)$", re.I)
NUMBER_RE = re.compile(r"^(\d+(?:[.,]\d+)?)\s*([kK])?$")

# ``{kind: (exact values, prefixes)}``: the tag rows a candidate must have one of.
TagAlternatives = dict[str, tuple[set[str], set[str]]]


def text(compiler: Compiler, tok: Token, value: str) -> str:
    """The value as typed (stripped)."""
    return value


@dataclass(frozen=True)
class Term:
    """One field of the query language.

    - ``name``: what the user types before the operator, in lower case.
    - ``compile(compiler, token, value)``: the ``Q`` selecting the candidates matching one value (read by
      ``value``); the values of ``field:a|b`` are ORed. Errors are ``compiler.error(token, message)``.
    - ``value(compiler, token, text)``: reads one value into what ``compile`` takes (``text`` keeps it).
    - ``ops``: the operators the term accepts, checked before any value; None when ``compile`` checks them.
    - ``tag_kind``: a tag term (``skill:``): all its values, and an OR of such terms, become one subquery
      of the tag table, so it needs no ``compile``.
    - ``tag_values(values)``: the tag rows matching the term (:data:`TagAlternatives`), when a candidate
      matches it exactly when it has one of them: a query of such terms is then counted from the tag table.
    - ``expand(values, team)``: for a tag term, the values it stands for in the team's words
      (``job:développeur`` is the family's tag and its specialties' names resolved through the job taxonomy,
      the team's own families and synonyms included), before they are matched (and before ``tag_values``).
    - ``listed``: shown in the builder's field list and in the "unknown field" message (an alias is not).
    - ``keyed``: written ``name.<key>`` (``custom.level``), never bare.
    - ``label``: what the builder's field list shows (a lazy translation); the built-in terms' are in
      ``segments/forms.py``.
    """

    name: str
    compile: Callable[[Compiler, Token, Any], Q] | None = None
    value: Callable[[Compiler, Token, str], Any] = text
    ops: tuple[str, ...] | None = EQUAL
    tag_kind: str | None = None
    tag_values: Callable[[list[str]], TagAlternatives] | None = None
    expand: Callable[[list[str], Any], list[str]] | None = None
    listed: bool = True
    keyed: bool = False
    label: Any = None

    def __post_init__(self):
        if (self.compile is None) == (self.tag_kind is None):
            raise ValueError(f"term {self.name!r}: give either compile or tag_kind")


FIELDS: dict[str, Term] = {}


def term_register(term: Term) -> None:
    """Adds ``term`` to the query language; a second term of the same name is a programming error."""
    known = FIELDS.get(term.name)
    if known is not None and known is not term:
        raise ValueError(f"segment term {term.name!r} is already registered")
    FIELDS[term.name] = term


def field_names() -> list[str]:
    """The listed fields as the "unknown field" message names them (``custom.<field>`` for a keyed one)."""
    return sorted(f"{t.name}.<field>" if t.keyed else t.name for t in FIELDS.values() if t.listed)


# --- Value readers the terms share ----------------------------------------------------------------


def number(compiler: Compiler, tok: Token, value: str) -> float:
    """``60000``, ``60 000``, ``4,5``, ``55k``."""
    m = NUMBER_RE.match(value.replace(" ", "").replace("\u202f", ""))
    if not m:
        raise compiler.error(tok, _("expected a number, not “%(value)s”") % {"value": value})
    amount = float(m.group(1).replace(",", "."))
    return amount * 1000 if m.group(2) else amount


def day(compiler: Compiler, tok: Token, value: str) -> date:
    """``2027-01-01`` or ``today``."""
    if fold(value) in ("now", "today", "maintenant", "aujourdhui"):
        return compiler.now.date()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise compiler.error(
            tok, _("expected a date like 2027-01-01, not “%(value)s”") % {"value": value}
        ) from None


def boolean(compiler: Compiler, tok: Token, value: str) -> bool:
    key = fold(value)
    if key in TRUE:
        return True
    if key in FALSE:
        return False
    raise compiler.error(tok, _("expected true or false, not “%(value)s”") % {"value": value})


def moment(compiler: Compiler, tok: Token, value: str) -> tuple[datetime, bool]:
    """A duration ago (``90d``, ``6m``) -> (instant, True) or a date -> (midnight UTC, False)."""
    m = DURATION_RE.match(value)
    if m:
        n, unit = int(m.group(1)), m.group(2).lower()
        delta = {
            "d": relativedelta(days=n),
            "j": relativedelta(days=n),
            "w": relativedelta(weeks=n),
            "s": relativedelta(weeks=n),
            "m": relativedelta(months=n),
            "y": relativedelta(years=n),
            "a": relativedelta(years=n),
        }[unit]
        try:
            return compiler.now - delta, True
        except (ValueError, OverflowError):
            raise compiler.error(tok, _("this duration goes back before the year 1")) from None
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        raise compiler.error(
            tok, _("expected a duration like 90d, 6m, 1y or a date like 2026-01-31")
        ) from None
    return datetime(parsed.year, parsed.month, parsed.day, tzinfo=compiler.now.tzinfo), False
