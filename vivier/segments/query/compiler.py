"""Step 3 of a query: the syntax tree compiled to a ``Q`` over the candidates.

The compiler walks the tree (AND, OR, NOT, free words) and hands each ``field:value`` term to its
registered :class:`~.terms.Term`; the methods below are the building blocks the terms share (a column
test, a tag subquery, facet bits). Values are always bound parameters.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import connection
from django.db.models import (
    BigIntegerField,
    BooleanField,
    Exists,
    ExpressionWrapper,
    F,
    Func,
    OuterRef,
    Q,
    Value,
)
from django.db.models.functions import Coalesce
from django.db.models.lookups import (
    Exact,
    GreaterThan,
    GreaterThanOrEqual,
    In,
    IsNull,
    LessThan,
    LessThanOrEqual,
    Range,
)
from django.utils.translation import gettext as _

from vivier.lib import clock
from vivier.lib.text import fold
from vivier.pool import facets, search
from vivier.pool.models import Candidate, CandidateTag

from .parser import Node, parse
from .terms import FIELDS, Term, field_names
from .tokens import QueryError, Token


def tag_alternatives(values) -> tuple[set[str], set[str]]:
    """``(exact values, prefixes)`` a tag term matches: folded; ``py*`` is a prefix."""
    folded = [fold(v) for v in values]
    prefixes = {f[:-1] for f in folded if f.endswith("*") and len(f) > 1}
    return {f for f in folded if not (f.endswith("*") and len(f) > 1)}, prefixes


def value_match(exact, prefixes) -> Q:
    """Tag rows whose value is one of ``exact`` or starts with one of ``prefixes``."""
    conditions = ([Q(value__in=sorted(exact))] if exact else []) + [
        Q(value__startswith=p) for p in sorted(prefixes)
    ]
    match = conditions[0]
    for condition in conditions[1:]:
        match |= condition
    return match


class _Mostly(Func):
    """SQLite's ``likelihood(X, 0.9)``: X, with a hint to the query planner that it is true for most rows
    (the probability must be a literal)."""

    template = "likelihood(%(expressions)s, 0.9)"
    output_field = BooleanField()


class Compiler:
    def __init__(self, team, now: datetime, correlated: bool = False):
        self.team = team
        self.now = now
        self.correlated = correlated
        # PostgreSQL's planner already walks the newest-first index for a common match, and hiding a column
        # also hides its statistics from it (it then expects 3 rows and scans the table): SQLite only.
        self.hide_columns = correlated and connection.vendor == "sqlite"
        self.cache: dict[str, Any] = {}  # what a term reads once per query (the team's custom fields)
        self.negated = 0  # depth of NOTs around the node being compiled

    def member_of(self, rows) -> Q:
        """Candidates having one of ``rows`` (tag or source rows): a semi-join, in the shape the use needs.

        ``pk IN (subquery)`` suits counting every match: the planners read the tag index once. A correlated
        ``EXISTS`` suits a first page: the planner walks the newest-first index and probes the tag index per
        candidate, stopping after a page, instead of fetching and sorting every match (SQLite does the latter
        with ``IN``). Both select the same rows.
        """
        if self.correlated:
            return Q(Exists(rows.filter(candidate_id=OuterRef("pk"))))
        return Q(pk__in=rows.values("candidate_id"))

    def tag_rows(self, match: Q):
        """Tag rows matching ``match``. In the counting shape they are the team's rows: the subquery reads
        the team's range of the (team, kind, value, candidate) index, not other teams' rows with the same
        tag (same figures with one team in the pool; the correlated page shape probes by candidate anyway)."""
        rows = CandidateTag.objects.filter(match)
        return rows if self.correlated else rows.filter(team=self.team)

    LOOKUPS = {
        "exact": Exact,
        "gt": GreaterThan,
        "gte": GreaterThanOrEqual,
        "lt": LessThan,
        "lte": LessThanOrEqual,
        "isnull": IsNull,
        "in": In,
        "range": Range,
    }

    def col(self, column: str):
        """A candidate column as a filter reads it. For a page on SQLite it is ``COALESCE(c, c)``: the
        same value, but no index on ``c`` matches it, so the planner walks the newest-first index and stops
        after a page, instead of reading every match through the column's index and sorting them (see
        docs/performance.md)."""
        return Coalesce(F(column), F(column)) if self.hide_columns else F(column)

    def cq(self, column: str, lookup: str, value) -> Q:
        """``Q(column__lookup=value)`` through :meth:`col`, with the same meaning under NOT."""
        if lookup == "isnull" and value is True and connection.vendor == "sqlite":
            # "Never contacted", "no reply": SQLite without stat4 statistics estimates ``c IS NULL`` as rare
            # as ``c = <a date>`` and reads the pool through that index, probing the other terms for each
            # row, when most of a pool was never contacted (``job:backend replied:no``). likelihood() tells
            # it the truth.
            return Q(_Mostly(IsNull(self.col(column), True)))
        if not self.hide_columns:
            return Q(**{f"{column}__{lookup}": value})
        q = Q(self.LOOKUPS[lookup](self.col(column), value))
        if lookup != "isnull" and Candidate._meta.get_field(column).null:
            # As Django writes NOT (c > x) for a nullable column: NULL rows stay on the NOT side.
            q &= Q(IsNull(self.col(column), False))
        return q

    def cmp(self, tok: Token, column: str, value) -> Q:
        """``column`` compared to ``value`` with the term's operator (``:`` and ``=`` are equality)."""
        op = {":": "exact", "=": "exact", ">=": "gte", "<=": "lte", ">": "gt", "<": "lt"}[tok.op]
        if "__" in column:  # a custom field's JSON path
            return Q(**{f"{column}__{op}": value})
        return self.cq(column, op, value)

    def tags_q(self, kind: str, values: list[str]) -> Q:
        """One ``pk IN (tag rows)`` subquery for all the alternatives: ORs of subqueries defeat both planners."""
        return self.member_of(self.tag_rows(Q(kind=kind) & value_match(*tag_alternatives(values))))

    def facet_q(self, kind: str, values: set[str]) -> Q:
        """Candidates having a ``kind`` tag among ``values``: ``facets & mask <> 0`` on the candidate row when
        every value has a bit (vivier.pool.facets), the tag rows otherwise. The same rows either way; the
        bits spare a probe of the tag index per candidate (``salary<=60000 lang:en contract:permanent``
        counts from one index). NULL facets means no bit, hence the IS NOT NULL: under a NOT (``-lang:en``)
        it keeps those candidates on the matching side."""
        mask = facets.mask(kind, values)
        if mask is None:
            return self.member_of(self.tag_rows(Q(kind=kind, value__in=sorted(values))))
        return self.bits_q("facets", mask)

    def bits_q(self, column: str, mask: int) -> Q:
        """``column & mask <> 0``, false for a NULL column (no bit) also under NOT."""
        bits = ExpressionWrapper(self.col(column).bitand(Value(mask)), output_field=BigIntegerField())
        return Q(IsNull(self.col(column), False)) & Q(GreaterThan(bits, 0))

    def error(self, tok: Token, message: str) -> QueryError:
        return QueryError(tok.value_pos or tok.pos, message)

    def expect_op(self, tok: Token, *ops: str) -> None:
        if tok.op not in ops:
            raise QueryError(
                tok.pos + len(tok.field),
                _("expected %(ops)s after “%(field)s”")
                % {"ops": " ".join(f"“{o}”" for o in ops), "field": tok.field},
            )

    # Tree walk
    def compile(self, node: Node) -> Q:
        if node.op == "and":
            q = Q()
            words = []
            for child in node.children:
                if child.op == "word":
                    words.append(child.tok)
                else:
                    q &= self.compile(child)
            return q & self.words(words) if words else q
        if node.op == "or":
            return self.compile_or(node.children)
        if node.op == "not":
            self.negated += 1
            try:
                return ~self.compile(node.children[0])
            finally:
                self.negated -= 1
        if node.op == "group":
            return self.compile(node.children[0])
        if node.op == "word":
            return self.words([node.tok])
        return self.term(node.tok)

    def compile_or(self, children: list[Node]) -> Q:
        """``skill:rust OR skill:scala`` (and ``skill:rust|scala``) become one tag subquery per kind."""
        by_kind: dict[str, list[str]] = {}
        parts = []
        for child in children:
            tok = child.tok if child.op == "term" else None
            term = FIELDS.get(tok.field) if tok is not None and "." not in tok.field else None
            if tok is not None and term is not None and term.tag_kind is not None and tok.op in (":", "="):
                by_kind.setdefault(term.tag_kind, []).extend(_values(term, tok, self.team))
            else:
                parts.append(self.compile(child))
        parts += [self.tags_q(kind, values) for kind, values in by_kind.items()]
        q = parts[0]
        for part in parts[1:]:
            q |= part
        return q

    def words(self, toks: list[Token]) -> Q:
        """Free words and quoted phrases ANDed together: the search text contains each (folded).

        Counted or sorted, they go through the word-suffix index first (``pool.search.contains_q``, one
        lookup for all of them). A first page walks the newest-first index and stops after a page, which
        the ``LIKE`` tests alone do fastest; under a NOT the index would only add work."""
        patterns = [value for value in (fold(tok.text) for tok in toks) if value]
        return search.contains_q(patterns, indexed=not (self.correlated or self.negated))

    def term(self, tok: Token) -> Q:
        term = term_of(tok)
        if term.ops is not None:
            self.expect_op(tok, *term.ops)
        if term.tag_kind is not None:
            return self.tags_q(term.tag_kind, _values(term, tok, self.team))
        assert term.compile is not None
        q = Q()
        for i, value in enumerate(tok.values):
            tok.value_pos = tok.value_positions[i] if i < len(tok.value_positions) else tok.value_pos
            part = term.compile(self, tok, term.value(self, tok, value.strip()))
            q = part if i == 0 else q | part
        return q


def _values(term: Term, tok: Token, team) -> list[str]:
    values = [v.strip() for v in tok.values]
    return term.expand(values, team) if term.expand else values


def term_of(tok: Token) -> Term:
    """The registered term of ``tok`` (``custom.level`` is the term ``custom``); raises QueryError."""
    term = FIELDS.get(tok.field.split(".", 1)[0])
    if term is None or ("." in tok.field) != term.keyed:
        raise QueryError(
            tok.pos,
            _("unknown field “%(field)s”: expected one of %(fields)s")
            % {"field": tok.field, "fields": ", ".join(field_names())},
        )
    return term


def compile_query(text: str, *, team, now: datetime | None = None, correlated: bool = False) -> Q:
    """The ``Q`` selecting the candidates matching ``text`` (team scoping is the caller's job).

    ``correlated=True`` writes tag and source terms as correlated ``EXISTS`` (best for a first page in
    order) instead of ``pk IN (subquery)`` (best for a count); the rows are the same.
    """
    node = parse(text)
    if node is None:
        return Q()
    return Compiler(team, now or clock.now(), correlated).compile(node)


def filter_candidates(queryset, text: str, *, team, now: datetime | None = None):
    return queryset.filter(compile_query(text, team=team, now=now))
