"""The segment query language: a search-box string compiled to Django ORM filters.

    backend developers -contacted:recent
    job:backend within:30km:Lyon seniority>=senior (contacted:never OR last_contacted>6m) snoozed:false

Grammar (terms side by side are ANDed; ``OR`` binds looser than AND)::

    query   := or_expr
    or_expr := and_expr (("OR" | "|") and_expr)*
    and_expr:= unary (["AND"] unary)*
    unary   := ("-" | "NOT") unary | "(" or_expr ")" | term
    term    := FIELD OP VALUE ("|" VALUE)*  |  WORD  |  "quoted phrase"
    OP      := ":" | "=" | ">=" | "<=" | ">" | "<"

``skill:python|go`` means either value. A value may be quoted: ``title:"data engineer"``,
``within:30km:"Le Mans"``. Every error is a :class:`QueryError` carrying the 0-based ``position`` in the
string and a ``message`` saying what was expected there.

Compilation builds ``Q`` objects over the ORM only (values are always bound parameters), so the same
query behaves the same on SQLite and PostgreSQL. Tag-like terms compile to ``pk IN (subquery)``, which
both planners turn into an index-driven semi-join.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from dataclasses import field as dc_field
from datetime import UTC, date, datetime

from dateutil.relativedelta import relativedelta
from django.db import connection
from django.db.models import (
    BigIntegerField,
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    OuterRef,
    Q,
    Value,
)
from django.db.models.functions import Cast, Coalesce, Lower
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

from vivier.lib import clock, dbstats, geo
from vivier.lib.text import fold
from vivier.pool import facets, search
from vivier.pool.facets import CONTRACTS, LANGUAGES
from vivier.pool.models import (
    Candidate,
    CandidateSource,
    CandidateTag,
    CustomField,
    LegalBasis,
    RemotePreference,
    Seniority,
)


class QueryError(ValueError):
    def __init__(self, position: int, message: str):
        super().__init__(f"{message} (at position {position})")
        self.position = position
        self.message = message


# --- Tokens ---------------------------------------------------------------------------------------


@dataclass
class Token:
    kind: str  # "(" ")" "OR" "AND" "NOT" "TERM" "WORD" "END"
    pos: int
    text: str = ""
    field: str = ""
    op: str = ""
    values: list[str] = dc_field(default_factory=list)
    value_pos: int = 0
    value_positions: list[int] = dc_field(default_factory=list)
    end: int = 0  # index just after the token in the query string


OPS = (">=", "<=", ">", "<", ":", "=")
FIELD_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_-]+)?")
STOP = set(" \t\r\n()")


def _read_quoted(text: str, i: int) -> tuple[str, int]:
    """Read a "..." string starting at text[i] == '"'; returns (content, index after the closing quote)."""
    end = text.find('"', i + 1)
    if end < 0:
        raise QueryError(i, _('unclosed quote: expected a closing "'))
    return text[i + 1 : end], end + 1


def _read_value(text: str, i: int) -> tuple[str, int]:
    """A bare value runs until a space or a parenthesis; quoted pieces may contain both."""
    out = []
    n = len(text)
    while i < n and text[i] not in STOP and text[i] != "|":
        if text[i] == '"':
            chunk, i = _read_quoted(text, i)
            out.append(chunk)
        else:
            out.append(text[i])
            i += 1
    return "".join(out), i


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        if ch in "()":
            tokens.append(Token(ch, i, ch, end=i + 1))
            i += 1
            continue
        if ch == "|":
            tokens.append(Token("OR", i, ch, end=i + 1))
            i += 1
            continue
        if ch == "-" and i + 1 < n and not text[i + 1].isspace() and text[i + 1] != ")":
            tokens.append(Token("NOT", i, ch, end=i + 1))
            i += 1
            continue
        if ch == '"':
            phrase, j = _read_quoted(text, i)
            tokens.append(Token("WORD", i, phrase, end=j))
            i = j
            continue
        m = FIELD_RE.match(text, i)
        if m:
            after = m.end()
            op = next((o for o in OPS if text.startswith(o, after)), None)
            if op:
                field_name = m.group(0)
                j = after + len(op)
                values, positions = [], []
                while True:
                    start = j
                    positions.append(start)
                    value, j = _read_value(text, j)
                    if value == "":
                        raise QueryError(
                            start,
                            _("expected a value after “%(field)s%(op)s”") % {"field": field_name, "op": op},
                        )
                    values.append(value)
                    if j < n and text[j] == "|" and j + 1 < n and text[j + 1] not in STOP:
                        j += 1
                        continue
                    break
                tokens.append(
                    Token(
                        "TERM",
                        i,
                        text[i:j],
                        field=field_name.lower(),
                        op=op,
                        values=values,
                        value_pos=positions[0],
                        value_positions=positions,
                        end=j,
                    )
                )
                i = j
                continue
        # A free word.
        word, j = _read_value(text, i)
        if word == "":  # a lone character such as '"' handled above; be safe
            raise QueryError(i, _("unexpected character “%(char)s”") % {"char": ch})
        upper = word.upper()
        if upper in ("OR", "AND", "NOT") and word.isupper():
            tokens.append(Token(upper, i, word, end=j))
        else:
            tokens.append(Token("WORD", i, word, end=j))
        i = j
    tokens.append(Token("END", n, end=n))
    return tokens


# --- Syntax tree ----------------------------------------------------------------------------------


@dataclass
class Node:
    op: str  # "and" "or" "not" "group" "term" "word"
    pos: int = 0
    children: list[Node] = dc_field(default_factory=list)
    token: Token | None = None
    end: int = 0

    def __post_init__(self):
        if not self.end:
            self.end = self.token.end if self.token else self.children[-1].end


# Past these, a query is refused at the position where it goes too far: deeper nesting overflows Python's
# stack, and more terms than SQLite's expression depth allows fail when counted.
MAX_DEPTH = 50
MAX_TERMS = 200


class _Parser:
    def __init__(self, text: str):
        self.text = text
        self.tokens = tokenize(text)
        self.i = 0
        self.depth = 0
        terms = [t for t in self.tokens if t.kind in ("TERM", "WORD")]
        if len(terms) > MAX_TERMS:
            raise QueryError(
                terms[MAX_TERMS].pos, _("a query has at most %(count)s terms") % {"count": MAX_TERMS}
            )

    def peek(self) -> Token:
        return self.tokens[self.i]

    def next(self) -> Token:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def parse(self) -> Node | None:
        if self.peek().kind == "END":
            return None
        node = self.or_expr()
        tok = self.peek()
        if tok.kind == ")":
            raise QueryError(tok.pos, _("unexpected “)”: no “(” is open here"))
        if tok.kind != "END":  # pragma: no cover - and_expr consumes everything else
            raise QueryError(tok.pos, _("expected the end of the query"))
        return node

    def or_expr(self) -> Node:
        first = self.and_expr()
        parts = [first]
        while self.peek().kind == "OR":
            self.next()
            parts.append(self.and_expr())
        return parts[0] if len(parts) == 1 else Node("or", first.pos, parts)

    def and_expr(self) -> Node:
        first = self.unary()
        parts = [first]
        while True:
            tok = self.peek()
            if tok.kind == "AND":
                self.next()
                parts.append(self.unary())
            elif tok.kind in ("TERM", "WORD", "NOT", "("):
                parts.append(self.unary())
            else:
                break
        return parts[0] if len(parts) == 1 else Node("and", first.pos, parts)

    def unary(self) -> Node:
        tok = self.next()
        if tok.kind in ("NOT", "("):
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise QueryError(
                    tok.pos, _("a query nests at most %(count)s parentheses or NOTs") % {"count": MAX_DEPTH}
                )
            try:
                return self._nested(tok)
            finally:
                self.depth -= 1
        return self._leaf(tok)

    def _nested(self, tok: Token) -> Node:
        if tok.kind == "NOT":
            return Node("not", tok.pos, [self.unary()])
        if self.peek().kind == ")":
            raise QueryError(self.peek().pos, _("expected a term inside the parentheses"))
        inner = self.or_expr()
        close = self.peek()
        if close.kind != ")":
            raise QueryError(
                close.pos, _("expected “)” to close the “(” at position %(pos)s") % {"pos": tok.pos}
            )
        self.next()
        return Node("group", tok.pos, [inner], end=close.end)

    def _leaf(self, tok: Token) -> Node:
        if tok.kind == "TERM":
            return Node("term", tok.pos, token=tok)
        if tok.kind == "WORD":
            return Node("word", tok.pos, token=tok)
        if tok.kind == "END":
            raise QueryError(
                tok.pos,
                _("expected a term after “%(prev)s”")
                % {"prev": self.tokens[self.i - 2].text if self.i >= 2 else ""},
            )
        raise QueryError(
            tok.pos, _("expected a term (like skill:python or a word) before “%(tok)s”") % {"tok": tok.text}
        )


def parse(text: str) -> Node | None:
    """The syntax tree of a query (None for an empty query); raises QueryError."""
    return _Parser(text or "").parse()


# --- Compilation ----------------------------------------------------------------------------------

SENIORITY = {
    "intern": Seniority.INTERN,
    "stagiaire": Seniority.INTERN,
    "apprentice": Seniority.INTERN,
    "alternant": Seniority.INTERN,
    "junior": Seniority.JUNIOR,
    "mid": Seniority.MID,
    "confirme": Seniority.MID,
    "intermediate": Seniority.MID,
    "senior": Seniority.SENIOR,
    "lead": Seniority.LEAD,
    "principal": Seniority.LEAD,
    "staff": Seniority.LEAD,
    "executive": Seniority.EXECUTIVE,
    "exec": Seniority.EXECUTIVE,
    "director": Seniority.EXECUTIVE,
    "directeur": Seniority.EXECUTIVE,
}
REMOTE = {
    "onsite": "onsite",
    "on_site": "onsite",
    "site": "onsite",
    "presentiel": "onsite",
    "hybrid": "hybrid",
    "hybride": "hybrid",
    "remote": "remote",
    "teletravail": "remote",
    "full_remote": "remote",
}
NEVER = datetime(9999, 12, 31, tzinfo=UTC)  # the expiry of a consent that has none
TRUE = {"true", "yes", "oui", "1", "y", "vrai"}
FALSE = {"false", "no", "non", "0", "n", "faux"}
DURATION_RE = re.compile(r"^(\d+)\s*(d|j|w|s|m|y|a)$", re.I)
DISTANCE_RE = re.compile(r"^(\d+(?:[.,]\d+)?)\s*(km|m)?$", re.I)
NUMBER_RE = re.compile(r"^(\d+(?:[.,]\d+)?)\s*([kK])?$")

# Field name -> (handler name, help); aliases map to the same handler.
FIELDS: dict[str, str] = {
    "job": "tag",
    "skill": "tag",
    "tag": "tag",
    "interest": "tag",
    "title": "text",
    "company": "text",
    "headline": "text",
    "name": "text",
    "seniority": "seniority",
    "years": "years",
    "city": "city",
    "country": "country",
    "within": "within",
    "commutable": "commutable",
    "remote": "remote",
    "contract": "contract",
    "available": "available",
    "salary": "salary",
    "lang": "lang",
    "source": "source",
    "consent": "consent",
    "contacted": "contacted",
    "last_contacted": "last_contacted",
    "replied": "replied",
    "last_reply": "last_reply",
    "intent": "intent",
    "reason": "reason",
    "last_reason": "reason",
    "snoozed": "snoozed",
    "in_campaign": "in_campaign",
    "unsubscribed": "unsubscribed",
    "custom": "custom",
}
TEXT_COLUMNS = {"title": "current_title", "company": "current_company", "headline": "headline"}
TAG_KINDS = {
    "job": CandidateTag.Kind.JOB_FAMILY,
    "skill": CandidateTag.Kind.SKILL,
    "tag": CandidateTag.Kind.TAG,
    "interest": CandidateTag.Kind.INTEREST,
}


def _tag_values(values) -> tuple[set[str], set[str]]:
    """``(exact values, prefixes)`` a tag term matches: folded; ``py*`` is a prefix."""
    folded = [fold(v) for v in values]
    prefixes = {f[:-1] for f in folded if f.endswith("*") and len(f) > 1}
    return {f for f in folded if not (f.endswith("*") and len(f) > 1)}, prefixes


def _value_match(exact, prefixes) -> Q:
    """Tag rows whose value is one of ``exact`` or starts with one of ``prefixes``."""
    conditions = ([Q(value__in=sorted(exact))] if exact else []) + [
        Q(value__startswith=p) for p in sorted(prefixes)
    ]
    match = conditions[0]
    for condition in conditions[1:]:
        match |= condition
    return match


def _contract_values(value: str) -> set[str]:
    """The contract codes ``contract:value`` matches (synonyms expanded)."""
    folded = fold(value)
    return CONTRACTS.get(folded.replace(" ", "_"), {folded})


def _language_values(value: str) -> set[str]:
    """The language codes ``lang:value`` matches (names in French and English expanded)."""
    folded = fold(value)
    return LANGUAGES.get(folded, {folded})


def _case_variants(values) -> list[str]:
    """Lower-cased forms matching ``Lower(column)`` on both databases (SQLite's lower() is ASCII-only)."""
    out = set()
    for v in values:
        out.add(v.lower())
        out.add("".join(c.lower() if c.isascii() else c for c in v))
    return sorted(out)


class _Mostly(Func):
    """SQLite's ``likelihood(X, 0.9)``: X, with a hint to the query planner that it is true for most rows
    (the probability must be a literal)."""

    template = "likelihood(%(expressions)s, 0.9)"
    output_field = BooleanField()


class _Compiler:
    def __init__(self, team, now: datetime, correlated: bool = False):
        self.team = team
        self.now = now
        self.correlated = correlated
        # PostgreSQL's planner already walks the newest-first index for a common match, and hiding a column
        # also hides its statistics from it (it then expects 3 rows and scans the table): SQLite only.
        self.hide_columns = correlated and connection.vendor == "sqlite"
        self._custom: dict[str, str] | None = None
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
        after a page, instead of reading every match through the column's index and sorting them (4.5 s
        instead of 1 ms for ``city:Paris years>=5`` on a million candidates with SQLite)."""
        return Coalesce(F(column), F(column)) if self.hide_columns else F(column)

    def cq(self, column: str, lookup: str, value) -> Q:
        """``Q(column__lookup=value)`` through :meth:`col`, with the same meaning under NOT."""
        if lookup == "isnull" and value is True and connection.vendor == "sqlite":
            # "Never contacted", "no reply": SQLite without stat4 statistics estimates ``c IS NULL`` as rare
            # as ``c = <a date>`` and reads the pool through that index, probing the other terms for each
            # row, when most of a pool was never contacted: ``job:backend replied:no`` 820-1,000 ms instead
            # of 110 (a million candidates, 84% without a reply). likelihood() tells it the truth.
            return Q(_Mostly(IsNull(self.col(column), True)))
        if not self.hide_columns:
            return Q(**{f"{column}__{lookup}": value})
        q = Q(self.LOOKUPS[lookup](self.col(column), value))
        if lookup != "isnull" and Candidate._meta.get_field(column).null:
            # As Django writes NOT (c > x) for a nullable column: NULL rows stay on the NOT side.
            q &= Q(IsNull(self.col(column), False))
        return q

    # Tree walk
    def compile(self, node: Node) -> Q:
        if node.op == "and":
            q = Q()
            words = []
            for child in node.children:
                if child.op == "word":
                    words.append(child.token)
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
            return self.words([node.token])
        return self.term(node.token)

    def compile_or(self, children: list[Node]) -> Q:
        """``skill:rust OR skill:scala`` (and ``skill:rust|scala``) become one tag subquery per kind."""
        by_kind: dict[str, list[str]] = {}
        parts = []
        for child in children:
            tok = child.token if child.op == "term" else None
            if tok and "." not in tok.field and FIELDS.get(tok.field) == "tag" and tok.op in (":", "="):
                by_kind.setdefault(TAG_KINDS[tok.field], []).extend(v.strip() for v in tok.values)
            else:
                parts.append(self.compile(child))
        parts += [self.tags_q(kind, values) for kind, values in by_kind.items()]
        q = parts[0]
        for part in parts[1:]:
            q |= part
        return q

    def error(self, tok: Token, message: str) -> QueryError:
        return QueryError(tok.value_pos or tok.pos, message)

    def words(self, toks: list[Token]) -> Q:
        """Free words and quoted phrases ANDed together: the search text contains each (folded).

        Counted or sorted, they go through the word-suffix index first (``pool.search.contains_q``, one
        lookup for all of them). A first page walks the newest-first index and stops after a page, which
        the ``LIKE`` tests alone do fastest; under a NOT the index would only add work."""
        patterns = [value for value in (fold(tok.text) for tok in toks) if value]
        return search.contains_q(patterns, indexed=not (self.correlated or self.negated))

    def term(self, tok: Token) -> Q:
        name = tok.field.split(".", 1)[0]
        handler = FIELDS.get(name)
        if handler is None or ("." in tok.field) != (handler == "custom"):
            raise QueryError(
                tok.pos,
                _("unknown field “%(field)s”: expected one of %(fields)s")
                % {
                    "field": tok.field,
                    "fields": ", ".join(
                        sorted(f if f != "custom" else "custom.<field>" for f in FIELDS if f != "last_reason")
                    ),
                },
            )
        if handler == "tag":
            self.expect_op(tok, ":", "=")
            return self.tags_q(TAG_KINDS[name], [v.strip() for v in tok.values])
        q = Q()
        for i, value in enumerate(tok.values):
            tok.value_pos = tok.value_positions[i] if i < len(tok.value_positions) else tok.value_pos
            part = getattr(self, f"t_{handler}")(tok, name, value.strip())
            q = part if i == 0 else q | part
        return q

    def expect_op(self, tok: Token, *ops: str) -> None:
        if tok.op not in ops:
            raise QueryError(
                tok.pos + len(tok.field),
                _("expected %(ops)s after “%(field)s”")
                % {"ops": " ".join(f"“{o}”" for o in ops), "field": tok.field},
            )

    def _cmp(self, tok: Token, column: str, value) -> Q:
        op = {":": "exact", "=": "exact", ">=": "gte", "<=": "lte", ">": "gt", "<": "lt"}[tok.op]
        if "__" in column:  # a custom field's JSON path
            return Q(**{f"{column}__{op}": value})
        return self.cq(column, op, value)

    # Profile
    def tags_q(self, kind: str, values: list[str]) -> Q:
        """One ``pk IN (tag rows)`` subquery for all the alternatives: ORs of subqueries defeat both planners."""
        return self.member_of(self.tag_rows(Q(kind=kind) & _value_match(*_tag_values(values))))

    def t_tag(self, tok: Token, name: str, value: str) -> Q:
        self.expect_op(tok, ":", "=")
        return self.tags_q(TAG_KINDS[name], [value])

    def t_text(self, tok: Token, name: str, value: str) -> Q:
        self.expect_op(tok, ":", "=")
        if name == "name":
            return Q(name_key__contains=fold(value))
        return Q(**{f"{TEXT_COLUMNS[name]}__icontains": value})

    def t_seniority(self, tok: Token, name: str, value: str) -> Q:
        key = fold(value).replace("-", "_").replace(" ", "_")
        level = SENIORITY.get(key)
        if level is None:
            raise self.error(
                tok,
                _("expected a seniority (%(levels)s), not “%(value)s”")
                % {"levels": "intern, junior, mid, senior, lead, executive", "value": value},
            )
        return self._cmp(tok, "seniority", int(level))

    def _number(self, tok: Token, value: str) -> float:
        m = NUMBER_RE.match(value.replace(" ", "").replace("\u202f", ""))
        if not m:
            raise self.error(tok, _("expected a number, not “%(value)s”") % {"value": value})
        number = float(m.group(1).replace(",", "."))
        return number * 1000 if m.group(2) else number

    def t_years(self, tok: Token, name: str, value: str) -> Q:
        return self._cmp(tok, "years_experience", self._number(tok, value))

    def t_salary(self, tok: Token, name: str, value: str) -> Q:
        # Compares yearly (or unstated-period) expectations only: a day rate is not comparable to 60000.
        return self._cmp(tok, "salary_amount", self._number(tok, value)) & Q(salary_period__in=["year", ""])

    def t_city(self, tok: Token, name: str, value: str) -> Q:
        self.expect_op(tok, ":", "=")
        names = {value}
        found = geo.place_find(value)
        if found:
            names.add(found[3])
        return Q(In(Lower(self.col("city")), _case_variants(names)))

    def t_country(self, tok: Token, name: str, value: str) -> Q:
        self.expect_op(tok, ":", "=")
        if not re.fullmatch(r"[A-Za-z]{2}", value):
            raise self.error(
                tok, _("expected a two-letter country code (FR, BE...), not “%(value)s”") % {"value": value}
            )
        return self.cq("country", "exact", value.upper())

    def _place(self, tok: Token, place: str) -> tuple[float, float]:
        found = geo.place_lookup(place)
        if found is None:
            raise self.error(tok, _("unknown place “%(place)s”: expected a city name") % {"place": place})
        return found

    def _distance_sq(self, lat: float, lon: float):
        ky, kx = geo.equirectangular_scales(lat)
        dy = (F("latitude") - Value(lat)) * Value(ky)
        dx = (F("longitude") - Value(lon)) * Value(kx)
        return Cast(dy * dy + dx * dx, FloatField())

    def t_within(self, tok: Token, name: str, value: str) -> Q:
        self.expect_op(tok, ":")
        radius_text, sep, place = value.partition(":")
        m = DISTANCE_RE.match(radius_text.strip())
        if not sep or not m or not place.strip():
            raise self.error(tok, _("expected a distance and a place, like within:30km:Lyon"))
        radius = float(m.group(1).replace(",", "."))
        if (m.group(2) or "km").lower() == "m":
            radius /= 1000
        lat, lon = self._place(tok, place.strip())
        within = Q(LessThanOrEqual(self._distance_sq(lat, lon), Value(radius * radius)))
        if self.correlated and not self.hide_columns:
            # PostgreSQL, page shape: the distance test alone (the box only adds rows it rejects). With the box
            # the planner multiplies the latitude and longitude selectivities as if independent and expects
            # ~15x fewer rows than a city's box holds (2,300 instead of 42,000 for the done-when demo), so it
            # fetches and sorts the whole box (200 ms on a million candidates) instead of walking the
            # newest-first index for a page (5 ms). The count shape keeps the box for its index.
            return within
        min_lat, max_lat, min_lon, max_lon = geo.bounding_box(lat, lon, radius)
        # The box uses the (team, latitude, longitude) index; the distance test then runs on few rows.
        return (
            self.cq("latitude", "range", (min_lat, max_lat))
            & self.cq("longitude", "range", (min_lon, max_lon))
            & within
        )

    def t_commutable(self, tok: Token, name: str, value: str) -> Q:
        self.expect_op(tok, ":")
        lat, lon = self._place(tok, value)
        km = Cast(F("max_commute_km"), FloatField())
        reachable = Q(latitude__isnull=False, longitude__isnull=False, max_commute_km__isnull=False) & Q(
            LessThanOrEqual(self._distance_sq(lat, lon), km * km)
        )
        # The two plain column tests first: both databases evaluate an OR left to right and stop at the first
        # true part, so the distance is computed only for the others (87 -> 81 ms of CPU for
        # "commutable:Lyon job:data" on a million candidates with SQLite).
        return Q(open_to_relocation=True) | Q(remote_preference=RemotePreference.REMOTE) | reachable

    def t_remote(self, tok: Token, name: str, value: str) -> Q:
        self.expect_op(tok, ":", "=")
        pref = REMOTE.get(fold(value).replace("-", "_").replace(" ", "_"))
        if pref is None:
            raise self.error(tok, _("expected onsite, hybrid or remote, not “%(value)s”") % {"value": value})
        return Q(remote_preference=pref)

    def t_contract(self, tok: Token, name: str, value: str) -> Q:
        self.expect_op(tok, ":", "=")
        return self.facet_q(CandidateTag.Kind.CONTRACT, _contract_values(value))

    def t_lang(self, tok: Token, name: str, value: str) -> Q:
        self.expect_op(tok, ":", "=")
        return self.facet_q(CandidateTag.Kind.LANGUAGE, _language_values(value))

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

    def _date(self, tok: Token, value: str) -> date:
        if fold(value) in ("now", "today", "maintenant", "aujourdhui"):
            return self.now.date()
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise self.error(
                tok, _("expected a date like 2027-01-01, not “%(value)s”") % {"value": value}
            ) from None

    def t_available(self, tok: Token, name: str, value: str) -> Q:
        day = self._date(tok, value)
        if tok.op in (":", "="):
            return Q(available_from=day)
        # Candidates with no recorded date match neither side: nothing is known about them.
        return self._cmp(tok, "available_from", day)

    def t_source(self, tok: Token, name: str, value: str) -> Q:
        """``source:lever``: a source of kind ``lever`` or named ``lever`` (any case). Read from
        ``source_bits`` (vivier.pool.facets) unless the name has no bit; the source rows otherwise."""
        self.expect_op(tok, ":", "=")
        mask = facets.source_mask(self.team.pk, value)
        if mask is not None:  # 0 when no candidate of the team has that source: false for every row
            return self.bits_q("source_bits", mask)
        by_name = Q(In(Lower("name"), _case_variants([value])))
        by_kind = Q(kind=value.lower())
        if connection.vendor == "sqlite" and not self.correlated:
            # SQLite reads "lower(name) IN (...) OR kind = ..." by scanning every source row (it expects
            # kind = ... to match a whole pool: most rows share a kind); as two subqueries ORed it reads the
            # two indexes (MULTI-INDEX OR). PostgreSQL ORs the two indexes inside one subquery already.
            return self.member_of(CandidateSource.objects.filter(by_name)) | self.member_of(
                CandidateSource.objects.filter(by_kind)
            )
        return self.member_of(CandidateSource.objects.filter(by_name | by_kind))

    def t_consent(self, tok: Token, name: str, value: str) -> Q:
        self.expect_op(tok, ":", "=")
        key = fold(value)
        # "No expiry, or later than now" as one comparison: written as an OR, SQLite may plan it as two skip-scans
        # of an index that starts with the consent columns' neighbours (MULTI-INDEX OR): 340 instead of 40 ms
        # for "source:lever consent:valid in_campaign:false" on a million candidates.
        live = Q(GreaterThan(Coalesce(self.col("consent_expires_at"), Value(NEVER)), self.now))
        if key in ("valid", "yes", "true", "oui", "valide"):
            return ~Q(consent_basis="") & live
        if key in ("expired", "expire"):
            return ~Q(consent_basis="") & Q(consent_expires_at__lte=self.now)
        if key in ("none", "no", "false", "non", "aucun"):
            return Q(consent_basis="")
        if key in LegalBasis.values:
            return Q(consent_basis=key)
        raise self.error(tok, _("expected valid, expired, none, consent, legitimate_interest or contract"))

    # Engagement
    def _bool(self, tok: Token, value: str) -> bool:
        key = fold(value)
        if key in TRUE:
            return True
        if key in FALSE:
            return False
        raise self.error(tok, _("expected true or false, not “%(value)s”") % {"value": value})

    def _moment(self, tok: Token, value: str) -> tuple[datetime, bool]:
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
                return self.now - delta, True
            except (ValueError, OverflowError):
                raise self.error(tok, _("this duration goes back before the year 1")) from None
        try:
            day = date.fromisoformat(value)
        except ValueError:
            raise self.error(
                tok, _("expected a duration like 90d, 6m, 1y or a date like 2026-01-31")
            ) from None
        return datetime(day.year, day.month, day.day, tzinfo=self.now.tzinfo), False

    def _when(self, tok: Token, column: str, value: str) -> Q:
        """``>90d`` means longer ago than 90 days; ``>2026-01-01`` means after that date."""
        if tok.op in (":", "="):
            key = fold(value)
            if key in ("never", "jamais"):
                return self.cq(column, "isnull", True)
            if key in ("ever", "yes", "oui", "true"):
                return self.cq(column, "isnull", False)
            raise self.error(tok, _("expected never, yes, or a comparison like >90d"))
        moment, is_duration = self._moment(tok, value)
        op = tok.op
        if is_duration:
            op = {">": "<", ">=": "<=", "<": ">", "<=": ">="}[op]
        lookup = {">=": "gte", "<=": "lte", ">": "gt", "<": "lt"}[op]
        return self.cq(column, lookup, moment)

    def t_contacted(self, tok: Token, name: str, value: str) -> Q:
        if tok.op in (":", "=") and fold(value) in TRUE | FALSE:
            return self.cq("last_contacted_at", "isnull", not self._bool(tok, value))
        return self._when(tok, "last_contacted_at", value)

    def t_last_contacted(self, tok: Token, name: str, value: str) -> Q:
        return self._when(tok, "last_contacted_at", value)

    def t_replied(self, tok: Token, name: str, value: str) -> Q:
        if tok.op in (":", "=") and fold(value) in TRUE | FALSE:
            return self.cq("last_reply_at", "isnull", not self._bool(tok, value))
        return self._when(tok, "last_reply_at", value)

    def t_last_reply(self, tok: Token, name: str, value: str) -> Q:
        return self._when(tok, "last_reply_at", value)

    def t_intent(self, tok: Token, name: str, value: str) -> Q:
        self.expect_op(tok, ":", "=")
        return self.cq("last_reply_intent", "exact", fold(value).replace(" ", "_"))

    def t_reason(self, tok: Token, name: str, value: str) -> Q:
        """``reason:salary``: the decline reason.

        Today only the latest reason is kept (``last_decline_reason``), so ``reason:`` and ``last_reason:``
        both read it. When the replies app keeps a decline history, ``reason:`` becomes "ever" by OR-ing a
        ``pk IN (history rows with that reason)`` subquery here, and ``last_reason:`` stays the column.
        """
        self.expect_op(tok, ":", "=")
        return self.cq("last_decline_reason", "exact", fold(value).replace(" ", "_"))

    def t_snoozed(self, tok: Token, name: str, value: str) -> Q:
        self.expect_op(tok, ":", "=")
        snoozed = self.cq("snoozed_until", "gt", self.now)
        return snoozed if self._bool(tok, value) else ~snoozed

    def t_in_campaign(self, tok: Token, name: str, value: str) -> Q:
        self.expect_op(tok, ":", "=")
        return Q(in_active_campaign=self._bool(tok, value))

    def t_unsubscribed(self, tok: Token, name: str, value: str) -> Q:
        self.expect_op(tok, ":", "=")
        return Q(unsubscribed_at__isnull=not self._bool(tok, value))

    def t_custom(self, tok: Token, name: str, value: str) -> Q:
        key = tok.field.split(".", 1)[1]
        if self._custom is None:
            self._custom = dict(CustomField.objects.filter(team=self.team).values_list("key", "type"))
        kind = self._custom.get(key)
        path = f"custom_fields__{key}"
        if kind == CustomField.Type.NUMBER or (kind is None and tok.op not in (":", "=")):
            return self._cmp(tok, path, self._number(tok, value))
        if kind == CustomField.Type.BOOL:
            self.expect_op(tok, ":", "=")
            return Q(**{path: self._bool(tok, value)})
        if kind == CustomField.Type.DATE and tok.op not in (":", "="):
            return self._cmp(tok, path, self._date(tok, value).isoformat())
        self.expect_op(tok, ":", "=")
        return Q(**{f"{path}__iexact": value})


# --- Counting tag-only queries from the tag table ------------------------------------------------


def _tag_term(node: Node) -> dict[str, tuple[set[str], set[str]]] | None:
    """``{kind: (exact values, prefixes)}`` of a plain tag-like term (job, skill, tag, interest, contract,
    lang with ``:``/``=``), matched as the compiler matches them (folded; ``py*`` a prefix for the tag
    fields; contract and language synonyms expanded)."""
    tok = node.token
    if node.op != "term" or "." in tok.field or tok.op not in (":", "="):
        return None
    handler = FIELDS.get(tok.field)
    values = [v.strip() for v in tok.values]
    if handler == "tag":  # the values tags_q matches
        return {TAG_KINDS[tok.field]: _tag_values(values)}
    if handler in ("contract", "lang"):  # the values t_contract / t_lang match, one value after another
        expand = _contract_values if handler == "contract" else _language_values
        expanded: set[str] = set().union(*(expand(value) for value in values))
        kind = CandidateTag.Kind.CONTRACT if handler == "contract" else CandidateTag.Kind.LANGUAGE
        return {kind: (expanded, set())}
    return None


def _unwrap(node: Node) -> Node:
    while node.op == "group":
        node = node.children[0]
    return node


def _alternatives(node: Node) -> dict[str, tuple[set[str], set[str]]] | None:
    """The tag values a candidate must have one of to match ``node``: a term or an OR of terms."""
    node = _unwrap(node)
    if node.op == "term":
        return _tag_term(node)
    if node.op != "or":
        return None
    merged: dict[str, tuple[set[str], set[str]]] = {}
    for child in node.children:
        part = _alternatives(child)
        if part is None:
            return None
        for kind, (exact, prefixes) in part.items():
            have = merged.setdefault(kind, (set(), set()))
            have[0].update(exact)
            have[1].update(prefixes)
    return merged


def _rows(node: Node) -> tuple[Q, bool] | None:
    """Tag rows such that a candidate matches ``node`` iff it has one of them, and whether they are one
    (kind, value) (at most one row per candidate). Values of one kind are one ``value IN (...)``: an OR per
    value made PostgreSQL read the rows through a bitmap of the (kind, value) index and the table."""
    alternatives = _alternatives(node)
    if alternatives is None:
        return None
    q = Q()
    for kind, (exact, prefixes) in sorted(alternatives.items()):
        match = Q(kind=kind) & _value_match(exact, prefixes)
        q = match if not q else q | match
    return q, _single(alternatives) is not None


def _single(alternatives: dict[str, tuple[set[str], set[str]]] | None) -> tuple[str, str] | None:
    """``(kind, value)`` when the alternatives are one tag value (at most one row per candidate)."""
    if alternatives is None or len(alternatives) != 1:
        return None
    ((kind, (exact, prefixes)),) = alternatives.items()
    return (kind, next(iter(exact))) if len(exact) == 1 and not prefixes else None


def _has(node: Node) -> Q | None:
    """``node`` as a condition on the outer tag row's candidate (correlated EXISTS on the tag table)."""
    node = _unwrap(node)
    if node.op == "and":
        parts = [_has(child) for child in node.children]
        if any(p is None for p in parts):
            return None
        q = Q()
        for part in parts:
            q &= part
        return q
    if node.op == "not":
        inner = _has(node.children[0])
        return None if inner is None else ~inner
    rows = _rows(node)
    if rows is None:
        return None  # e.g. an OR of ANDs: not worth a special case
    return Q(Exists(CandidateTag.objects.filter(rows[0], candidate_id=OuterRef("candidate_id"))))


def _set_count(children: list[Node], team) -> int | None:
    """The count of ``children`` ANDed, as set operations on candidate ids: ``P1 INTERSECT P2 ... EXCEPT N1
    EXCEPT N2 ...`` where each P is a positive part's tag rows and each N a negated part's. None unless every
    part is a tag term, an OR of tag terms, or the negation of one.

    SQLite reads each part's index range once and keeps the ids in a temporary b-tree: at 1,000,000
    candidates ``(skill:rust OR skill:scala) -job:data`` counts in 90 ms of CPU instead of 205 ms for the
    generic count (which probes the candidate index per match and the NOT subquery's list).
    """
    positive, negative, rest = _tag_parts(children)
    if rest or not positive:
        return None
    if connection.vendor == "sqlite":
        n = _merged_count(positive, negative, team)
        if n is not None:
            return n
    positive = [_ids(alternatives, team) for alternatives in positive]
    negative = [_ids(alternatives, team) for alternatives in negative]
    ids = positive[0]
    if len(positive) > 1:
        ids = ids.intersection(*positive[1:])
    if negative:
        ids = ids.difference(*negative)
    return ids.count()


def _ids(alternatives, team):
    """The team's candidate ids having one of the tag ``alternatives`` (one query, ``value IN (...)``)."""
    q = Q()
    for kind, (exact, prefixes) in sorted(alternatives.items()):
        q |= Q(kind=kind) & _value_match(exact, prefixes)
    return CandidateTag.objects.filter(q, team=team).order_by().values_list("candidate_id")


def _branches(alternatives, team) -> list:
    """The same ids as one query per (kind, value) or prefix: each reads one range of the (team, kind, value,
    candidate) index, so a single value's ids come out sorted."""
    rows = CandidateTag.objects.filter(team=team).order_by().values_list("candidate_id")
    out = []
    for kind, (exact, prefixes) in sorted(alternatives.items()):
        out += [rows.filter(kind=kind, value=value) for value in sorted(exact)]
        out += [rows.filter(kind=kind, value__startswith=prefix) for prefix in sorted(prefixes)]
    return out


# SQLite refuses a compound SELECT of more than 500 parts (SQLITE_MAX_COMPOUND_SELECT); far fewer in practice.
MERGED_PARTS_MAX = 100


def _merged_count(positive, negative, team, members=None) -> int | None:
    """SQLite: ``_set_count`` as one compound SELECT that SQLite runs with its merge algorithm.

    ``A1 UNION A2 INTERSECT B EXCEPT N1 EXCEPT N2 ORDER BY 1``: SQLite evaluates compound operators left to
    right, and with the ORDER BY it merges the parts' sorted id streams (each one index range) instead of
    building a temporary b-tree per operator: ``(skill:rust OR skill:scala) -job:data`` at 1,000,000
    candidates 90 -> 64 ms. Left to right, only the first part may be an OR of several values (a negated
    OR is EXCEPT after EXCEPT); None for other shapes. Django cannot write it: it wraps a combined query in a
    subquery and drops its ORDER BY to count it, so the SQL is joined here from Django's SQL of each part.
    ``members``, the ids of candidates matching the query's other terms, is one more INTERSECT part (see
    ``radius_count``).
    """
    first, *others = sorted(
        (_branches(alternatives, team) for alternatives in positive), key=len, reverse=True
    )
    if any(len(branches) != 1 for branches in others):
        return None
    parts = [("UNION", branch) for branch in first] + [("INTERSECT", branches[0]) for branches in others]
    if members is not None:
        parts.append(("INTERSECT", members))
    parts += [("EXCEPT", branch) for alternatives in negative for branch in _branches(alternatives, team)]
    if len(parts) > MERGED_PARTS_MAX:
        return None
    sql, params = [], []
    for i, (operator, branch) in enumerate(parts):
        part_sql, part_params = branch.query.sql_with_params()
        sql.append(part_sql if i == 0 else f"{operator} {part_sql}")
        params.extend(part_params)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM ({' '.join(sql)} ORDER BY 1)", params)
        return cursor.fetchone()[0]


def _tag_parts(children: list[Node]) -> tuple[list, list, list[Node]]:
    """``children`` (ANDed) sorted into tag parts, negated tag parts (their ``_alternatives``) and the rest."""
    positive, negative, rest = [], [], []
    for child in children:
        node = _unwrap(child)
        if node.op == "not" and (alternatives := _alternatives(node.children[0])) is not None:
            negative.append(alternatives)
        elif (alternatives := _alternatives(node)) is not None:
            positive.append(alternatives)
        else:
            rest.append(child)
    return positive, negative, rest


def radius_count(text: str, *, team, now: datetime | None = None) -> int | None:
    """The count of tag terms ANDed with a radius and other candidate terms (the done-when demo,
    ``job:backend within:30km:Lyon seniority>=senior ...``) by set operations rather than by probes; None
    for other queries.

    As a join, both databases tend to probe the tag index once per candidate of the radius (or the
    candidate once per tag row): one b-tree descent per row, tens of thousands of them. Intersecting the
    two sides costs a fraction of that when both are large:

    - SQLite: one merged compound SELECT (``_merged_count``), the tag's candidate ids (one index range, in
      id order) INTERSECT the ids of the candidates in the radius matching the other terms (the box's
      index range, sorted once). Without stat4 statistics SQLite cannot tell a small box from a large one.
    - PostgreSQL: the count's join planned without nested loops (``dbstats.without_nested_loops``), so a
      hash join: its planner multiplies the latitude and longitude bands as if independent and expects ~50x
      fewer candidates in the radius than there are, hence the probes.

    On 1,000,000 candidates (SQLite / PostgreSQL, ms): the done-when demo 74-88 -> 56-66 / 88-107 -> 45-52;
    ``job:backend within:30km:Paris`` (a third of the pool in the box) 290 -> 236 / 111 -> 95; on
    PostgreSQL ``(job:backend OR job:data) within:30km:Lyon seniority>=senior`` 225 -> 67. A small radius loses a few
    ms (``job:backend within:10km:Brest``: 2 -> 15 / 8 -> 23: the tag's ids are read in full), which is why
    only a radius takes this shape: it is the one term whose rows come in no useful order and whose size
    the planners misjudge.
    """
    node = parse(text)
    if node is None:
        return None
    top = _unwrap(node)
    positive, negative, rest = _tag_parts(top.children if top.op == "and" else [top])
    if not positive or not any(
        _unwrap(child).op == "term" and FIELDS.get(_unwrap(child).token.field) == "within" for child in rest
    ):
        return None
    if connection.vendor != "sqlite":
        with dbstats.without_nested_loops():
            return (
                Candidate.objects.filter(team=team)
                .filter(compile_count_query(text, team=team, now=now))
                .count()
            )
    compiler = _Compiler(team, now or clock.now())
    condition = Q()
    for child in rest:
        condition &= compiler.compile(child)
    members = Candidate.objects.filter(condition, team=team).order_by().values_list("pk")
    return _merged_count(positive, negative, team, members=members)


def tag_count(text: str, *, team, combine: bool | None = None) -> int | None:
    """The number of the team's candidates matching ``text``, counted on the tag table alone, or None when
    the query is not made of tag terms only (the caller then counts the generic way).

    A tag row carries its candidate's team, so ``job:backend`` is ``COUNT(*)`` of the team's (job, backend)
    rows (one per candidate: (candidate, kind, value) is unique) and ``skill:rust|scala`` a
    ``COUNT(DISTINCT candidate_id)``: index ranges of (team, kind, value, candidate), without reading a
    candidate row per match. With AND / NOT (``(skill:rust OR skill:scala) -job:data``) one positive part
    gives the rows and the others are EXISTS / NOT EXISTS probes of the (candidate, kind, value) index. A
    query with no positive tag part (``-job:data`` alone) also counts candidates without any tag: None.
    That combination is used on PostgreSQL only (see below); SQLite counts such an AND with set operations
    instead (``_set_count``). ``combine=True`` / ``False`` force one or the other (the tests compare both
    with the generic count on both databases).
    Raises ``QueryError`` as ``compile_query`` does.
    """
    node = parse(text)
    if node is None:
        return None
    node = _unwrap(node)
    children = node.children if node.op == "and" else [node]
    positive = [(i, rows) for i, rows in enumerate(_rows(child) for child in children) if rows is not None]
    if not positive:
        return None
    # Rather one (kind, value) as the anchor: COUNT(*) of its rows, no DISTINCT to compute.
    at, anchor = next(((i, rows) for i, rows in positive if rows[1]), positive[0])
    rest = [child for i, child in enumerate(children) if i != at]
    if combine is None:
        combine = connection.vendor != "sqlite"
    if rest and not combine:
        # SQLite: a probe of the tag table per anchor row (plus a DISTINCT) costs more than the generic count's
        # team probe per match: at 1,000,000 candidates 145 vs 104 ms CPU for `job:data -skill:rust`, 397 vs
        # 204 ms for `(skill:rust OR skill:scala) -job:data`. PostgreSQL gains 1.5-8x there (a hash anti join).
        # Set operations on the parts' candidate ids (INTERSECT / EXCEPT over index ranges) beat both there.
        return _set_count(children, team)
    conditions = [_has(child) for child in rest]
    if any(c is None for c in conditions):
        return None
    rows = CandidateTag.objects.filter(anchor[0], team=team)
    for condition in conditions:
        rows = rows.filter(condition)
    if anchor[1]:
        return rows.count()
    # COUNT(DISTINCT ...) rather than COUNT over SELECT DISTINCT: SQLite would get the latter's order from the
    # (candidate, kind, value) unique index by scanning the whole table instead of reading the team's range.
    return rows.aggregate(n=Count("candidate_id", distinct=True))["n"]


def chips_of(text: str) -> list[dict]:
    """The query's top-level ANDed parts, as the builder shows them: ``[{"text", "start", "end"}]``."""
    node = parse(text)
    if node is None:
        return []
    parts = node.children if node.op == "and" else [node]
    return [{"text": text[p.pos : p.end], "start": p.pos, "end": p.end} for p in parts]


def term_text(field: str, op: str, value: str) -> str:
    """One term as the builder writes it: ``skill:python``, ``title:"data engineer"``, or a free word."""
    value = " ".join(value.replace('"', " ").split())
    if any(ch.isspace() or ch in "()|" for ch in value):
        value = f'"{value}"'
    if not field or field == "text":
        return value
    return f"{field}{op}{value}"


def compile_query(text: str, *, team, now: datetime | None = None, correlated: bool = False) -> Q:
    """The ``Q`` selecting the candidates matching ``text`` (team scoping is the caller's job).

    ``correlated=True`` writes tag and source terms as correlated ``EXISTS`` (best for a first page in
    order) instead of ``pk IN (subquery)`` (best for a count); the rows are the same.
    """
    node = parse(text)
    if node is None:
        return Q()
    return _Compiler(team, now or clock.now(), correlated).compile(node)


def _one_tag(node: Node) -> tuple[str, str] | None:
    """``(kind, value)`` when ``node`` matches the candidates having one given tag row (``job:backend``)."""
    return _single(_alternatives(node))


def compile_count_query(text: str, *, team, now: datetime | None = None) -> Q:
    """``compile_query`` in the shape to count with (``Candidate.objects.filter(team=...).filter(q).count()``).

    When the query ANDs a one-tag term (``skill:python seniority>=senior``), that term is a join with the
    team's tag rows instead of ``pk IN (subquery)``: at most one row per candidate ((candidate, kind, value)
    is unique), so the count is the same. SQLite runs ``IN (subquery)`` by first copying the subquery's
    ids into a temporary b-tree, then probing it per candidate; as a join it reads the tag index range
    and probes the candidate's narrow index directly, or reads the other term's index and probes the tag
    index, whichever it estimates cheaper (on a million candidates: 125,000 python tags with seniority,
    91 -> 76 ms of CPU). PostgreSQL plans the two shapes alike.
    """
    node = parse(text)
    if node is None:
        return Q()
    compiler = _Compiler(team, now or clock.now())
    top = _unwrap(node)
    children = top.children if top.op == "and" else [top]
    for i, child in enumerate(children):
        tag = _one_tag(child)
        if tag is not None:
            q = Q(tags__team=team, tags__kind=tag[0], tags__value=tag[1])
            for other in children[:i] + children[i + 1 :]:
                q &= compiler.compile(other)
            return q
    return compiler.compile(node)


def filter_candidates(queryset, text: str, *, team, now: datetime | None = None):
    return queryset.filter(compile_query(text, team=team, now=now))
