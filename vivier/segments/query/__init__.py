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

One module per step: ``tokens`` (the string cut into tokens), ``parser`` (the syntax tree), ``compiler``
(the tree to a ``Q``, each field through its registered term: ``terms``, with the built-in ones in
``profile`` and ``engagement``), ``counts`` (the fastest shape to count members in).
"""

from vivier.pool.facets import LANGUAGES

from . import engagement, profile
from .compiler import Compiler, compile_query, filter_candidates
from .counts import compile_count_query, radius_count, tag_count
from .parser import MAX_DEPTH, MAX_TERMS, Node, chips_of, parse
from .profile import TAG_KINDS
from .terms import FIELDS, Term, term_register
from .tokens import QueryError, Token, term_text, tokenize

__all__ = [
    "MAX_DEPTH",
    "MAX_TERMS",
    "FIELDS",
    "LANGUAGES",
    "TAG_KINDS",
    "Compiler",
    "Node",
    "QueryError",
    "Term",
    "Token",
    "builtin_terms_register",
    "chips_of",
    "compile_count_query",
    "compile_query",
    "filter_candidates",
    "parse",
    "radius_count",
    "tag_count",
    "term_register",
    "term_text",
    "tokenize",
]


def builtin_terms_register() -> None:
    """Registers the terms segments defines itself (called by ``SegmentsConfig.ready``)."""
    for term in (*profile.TERMS, *engagement.TERMS):
        term_register(term)
