"""Step 4 of a query: counting its members, in the shapes that count fastest.

A query made of tag terms is counted from the tag table alone (``tag_count``); tag terms ANDed with a
radius by set operations on candidate ids (``radius_count``); any other query through
``compile_count_query``, the compiled ``Q`` in the shape to count with. Every shape counts the same
candidates as ``compile_query``.
"""

from __future__ import annotations

from datetime import datetime

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q

from vivier.lib import clock, dbstats
from vivier.pool.models import Candidate, CandidateTag

from .compiler import Compiler, value_match
from .parser import Node, parse, unwrap
from .terms import FIELDS, TagAlternatives


def _tag_term(node: Node, team) -> TagAlternatives | None:
    """The tag rows of a term whose registered :class:`~.terms.Term` has ``tag_values`` (job, skill, tag,
    interest, contract, lang with ``:``/``=``), matched as the compiler matches them."""
    if node.op != "term":
        return None
    tok = node.tok
    if "." in tok.field or tok.op not in (":", "="):
        return None
    term = FIELDS.get(tok.field)
    if term is None or term.tag_values is None:
        return None
    values = [v.strip() for v in tok.values]
    return term.tag_values(term.expand(values, team) if term.expand else values)


def _alternatives(node: Node, team) -> TagAlternatives | None:
    """The tag values a candidate must have one of to match ``node``: a term or an OR of terms."""
    node = unwrap(node)
    if node.op == "term":
        return _tag_term(node, team)
    if node.op != "or":
        return None
    merged: TagAlternatives = {}
    for child in node.children:
        part = _alternatives(child, team)
        if part is None:
            return None
        for kind, (exact, prefixes) in part.items():
            have = merged.setdefault(kind, (set(), set()))
            have[0].update(exact)
            have[1].update(prefixes)
    return merged


def _rows(node: Node, team) -> tuple[Q, bool] | None:
    """Tag rows such that a candidate matches ``node`` iff it has one of them, and whether they are one
    (kind, value) (at most one row per candidate). Values of one kind are one ``value IN (...)``: an OR per
    value made PostgreSQL read the rows through a bitmap of the (kind, value) index and the table."""
    alternatives = _alternatives(node, team)
    if alternatives is None:
        return None
    q = Q()
    for kind, (exact, prefixes) in sorted(alternatives.items()):
        match = Q(kind=kind) & value_match(exact, prefixes)
        q = match if not q else q | match
    return q, _single(alternatives) is not None


def _single(alternatives: TagAlternatives | None) -> tuple[str, str] | None:
    """``(kind, value)`` when the alternatives are one tag value (at most one row per candidate)."""
    if alternatives is None or len(alternatives) != 1:
        return None
    ((kind, (exact, prefixes)),) = alternatives.items()
    return (kind, next(iter(exact))) if len(exact) == 1 and not prefixes else None


def _has(node: Node, team) -> Q | None:
    """``node`` as a condition on the outer tag row's candidate (correlated EXISTS on the tag table)."""
    node = unwrap(node)
    if node.op == "and":
        parts = [_has(child, team) for child in node.children]
        q = Q()
        for part in parts:
            if part is None:
                return None
            q &= part
        return q
    if node.op == "not":
        inner = _has(node.children[0], team)
        return None if inner is None else ~inner
    rows = _rows(node, team)
    if rows is None:
        return None  # e.g. an OR of ANDs: not worth a special case
    return Q(Exists(CandidateTag.objects.filter(rows[0], candidate_id=OuterRef("candidate_id"))))


def _set_count(children: list[Node], team) -> int | None:
    """The count of ``children`` ANDed, as set operations on candidate ids: ``P1 INTERSECT P2 ... EXCEPT N1
    EXCEPT N2 ...`` where each P is a positive part's tag rows and each N a negated part's. None unless every
    part is a tag term, an OR of tag terms, or the negation of one.

    SQLite reads each part's index range once and keeps the ids in a temporary b-tree, where the generic
    count probes the candidate index per match and the NOT subquery's list.
    """
    positive, negative, rest = _tag_parts(children, team)
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
        q |= Q(kind=kind) & value_match(exact, prefixes)
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
    building a temporary b-tree per operator. Left to right, only the first part may be an OR of several
    values (a negated OR is EXCEPT after EXCEPT); None for other shapes. Django cannot write it: it wraps a combined query in a
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


def _tag_parts(children: list[Node], team) -> tuple[list, list, list[Node]]:
    """``children`` (ANDed) sorted into tag parts, negated tag parts (their ``_alternatives``) and the rest."""
    positive, negative, rest = [], [], []
    for child in children:
        node = unwrap(child)
        if node.op == "not" and (alternatives := _alternatives(node.children[0], team)) is not None:
            negative.append(alternatives)
        elif (alternatives := _alternatives(node, team)) is not None:
            positive.append(alternatives)
        else:
            rest.append(child)
    return positive, negative, rest


def radius_count(text: str, *, team, now: datetime | None = None) -> int | None:
    """The count of tag terms ANDed with a radius and other candidate terms
    (``job:backend within:30km:Lyon seniority>=senior ...``) by set operations rather than by probes; None
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

    A small radius loses a little (``job:backend within:10km:Brest``: the tag's ids are read in full), which
    is why only a radius takes this shape: it is the one term whose rows come in no useful order and whose
    size the planners misjudge (docs/performance.md).
    """
    node = parse(text)
    if node is None:
        return None
    top = unwrap(node)
    positive, negative, rest = _tag_parts(top.children if top.op == "and" else [top], team)
    if not positive or not any(_is_radius(child) for child in rest):
        return None
    if connection.vendor != "sqlite":
        with dbstats.without_nested_loops():
            return (
                Candidate.objects.filter(team=team)
                .filter(compile_count_query(text, team=team, now=now))
                .count()
            )
    compiler = Compiler(team, now or clock.now())
    condition = Q()
    for child in rest:
        condition &= compiler.compile(child)
    members = Candidate.objects.filter(condition, team=team).order_by().values_list("pk")
    return _merged_count(positive, negative, team, members=members)


def _is_radius(node: Node) -> bool:
    node = unwrap(node)
    return node.op == "term" and node.tok.field == "within"


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
    node = unwrap(node)
    children = node.children if node.op == "and" else [node]
    positive = [
        (i, rows) for i, rows in enumerate(_rows(child, team) for child in children) if rows is not None
    ]
    if not positive:
        return None
    # Rather one (kind, value) as the anchor: COUNT(*) of its rows, no DISTINCT to compute.
    at, anchor = next(((i, rows) for i, rows in positive if rows[1]), positive[0])
    rest = [child for i, child in enumerate(children) if i != at]
    if combine is None:
        combine = connection.vendor != "sqlite"
    if rest and not combine:
        # SQLite: a probe of the tag table per anchor row (plus a DISTINCT) costs more than the generic count's
        # team probe per match (`job:data -skill:rust`, `(skill:rust OR skill:scala) -job:data`). PostgreSQL
        # gains there (a hash anti join).
        # Set operations on the parts' candidate ids (INTERSECT / EXCEPT over index ranges) beat both there.
        return _set_count(children, team)
    conditions = [_has(child, team) for child in rest]
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


def _one_tag(node: Node, team) -> tuple[str, str] | None:
    """``(kind, value)`` when ``node`` matches the candidates having one given tag row (``job:backend``)."""
    return _single(_alternatives(node, team))


def compile_count_query(text: str, *, team, now: datetime | None = None) -> Q:
    """``compile_query`` in the shape to count with (``Candidate.objects.filter(team=...).filter(q).count()``).

    When the query ANDs a one-tag term (``skill:python seniority>=senior``), that term is a join with the
    team's tag rows instead of ``pk IN (subquery)``: at most one row per candidate ((candidate, kind, value)
    is unique), so the count is the same. SQLite runs ``IN (subquery)`` by first copying the subquery's
    ids into a temporary b-tree, then probing it per candidate; as a join it reads the tag index range
    and probes the candidate's narrow index directly, or reads the other term's index and probes the tag
    index, whichever it estimates cheaper. PostgreSQL plans the two shapes alike.
    """
    node = parse(text)
    if node is None:
        return Q()
    compiler = Compiler(team, now or clock.now())
    top = unwrap(node)
    children = top.children if top.op == "and" else [top]
    for i, child in enumerate(children):
        tag = _one_tag(child, team)
        if tag is not None:
            q = Q(tags__team=team, tags__kind=tag[0], tags__value=tag[1])
            for other in children[:i] + children[i + 1 :]:
                q &= compiler.compile(other)
            return q
    return compiler.compile(node)
