"""A gram index of the search column on SQLite, so free words do not read every candidate.

A free word (``spark``, ``"data engineer"``) matches candidates whose ``search_text`` *contains* it (``sql``
finds "postgresql", ``dupont`` finds "jean.dupont@..."): ``search_text LIKE '%...%'``, which no B-tree can
seek. PostgreSQL answers it from a trigram index (pool migration 0004_search_trigram). On SQLite a count would
read all the pool's texts. SQLite's own trigram full-text index does not help: a pattern
is the phrase of all its trigrams, whose positions it compares, and common trigrams ("dat", "eng") have
posting lists as long as the pool.

Here the text is cut into *pieces*, runs of letters (FTS5's "ascii" tokenizer's word characters, less the
ASCII digits), and each piece is indexed as its ``GRAM``-letter substrings ("spark" -> "spar park") and its
last ``SUFFIX_MIN`` letters ("ark"); a piece of ``SUFFIX_MIN`` letters as itself ("sql"), a shorter one not. In a
contentless FTS5 table (``pool_search_words``, rowid = the candidate's id) without positions, kept by
triggers on ``pool_candidate``.

The index is a filter in front of the real test. A pattern's pieces each lie inside one piece of any text
containing the pattern (pieces end where the pattern's own letters end). A piece of ``GRAM`` letters or
more is one of the text's grams, and so is each of its grams: the query ANDs them, exact lookups that FTS5
intersects quickly. A shorter piece (``sql``) starts some gram or is a last ``SUFFIX_MIN`` letters: a prefix
lookup. Shorter pieces and digits are not looked up (a pattern without any falls back to reading the
texts). The candidates the index returns then go through ``search_text LIKE``, which decides.

Digits are left out so that the numbers of email addresses (``jean.dupont1987@...``) do not make a new
index entry per candidate: the cost of keeping an FTS5 index grows with its number of distinct terms.

The triggers call ``vivier_search_words`` (:func:`words`), a Python function registered on each SQLite
connection Django opens (:func:`register`). A statement that changes a candidate's search text from another
SQLite client (the ``sqlite3`` shell) fails with "no such function" instead of leaving the index stale.
Changing :func:`words` changes what a deleted row must remove: it needs a migration that rebuilds the index.
"""

from __future__ import annotations

import re
import sqlite3
from functools import lru_cache

from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL

TABLE = "pool_search_words"
FUNCTION = "vivier_search_words"
GRAM = 4
SUFFIX_MIN = 3
MATCH_TERMS_MAX = 24

# FTS5's "ascii" tokenizer splits on ASCII characters other than letters and digits and keeps every other
# character; the pieces split on digits too. Each word written is then read back by FTS5 unchanged.
SEPARATORS = re.compile(r"[\x00-@\[-`{-\x7f]+")


def words(text: str | None) -> str:
    """The index's words for a search text: the grams of each distinct piece."""
    return " ".join(map(_grams, dict.fromkeys(SEPARATORS.split(text)))) if text else ""


@lru_cache(maxsize=65536)
def _grams(piece: str) -> str:
    # Names, titles, cities and skills repeat across a pool: a cached piece costs a lookup.
    n = len(piece)
    if n < GRAM:
        return piece if n == SUFFIX_MIN else ""  # shorter pieces are never looked up
    return " ".join([piece[i : i + GRAM] for i in range(n - GRAM + 1)] + [piece[-SUFFIX_MIN:]])


def match_expression(patterns) -> str | None:
    """The FTS5 query selecting a superset of the texts containing every folded pattern, or None when no
    pattern has a piece the index can look up (then only ``LIKE`` can answer)."""
    terms = {}
    for pattern in patterns:
        for piece in SEPARATORS.split(pattern):
            if len(piece) >= GRAM:
                terms.update(dict.fromkeys(f'"{piece[i : i + GRAM]}"' for i in range(len(piece) - GRAM + 1)))
            elif len(piece) >= SUFFIX_MIN:
                terms[f'"{piece}"*'] = None
    # A piece holds no '"' (a separator): quoting makes FTS5 read each gram as one token, '*' a prefix.
    # A few dozen grams select about as well as all of them (the LIKE tests decide anyway): a pasted
    # paragraph is looked up by its first MATCH_TERMS_MAX terms, not hundreds of posting lists.
    return " AND ".join(list(terms)[:MATCH_TERMS_MAX]) if terms else None


def contains_q(patterns: list[str], *, indexed: bool = True) -> Q:
    """Candidates whose search text contains every one of ``patterns`` (already folded).

    On SQLite the gram index narrows the rows first (see the module's docstring); the ``LIKE`` tests
    decide. Use it where a count or a sort reads every match; a first page in newest-first order walks the
    pool and stops after a page, and is faster with the ``LIKE`` tests alone (``indexed=False``)."""
    q = Q()
    for pattern in patterns:
        q &= Q(search_text__contains=pattern)
    if indexed and connection.vendor == "sqlite" and fts5_available():
        expression = match_expression(patterns)
        if expression is not None:
            q &= Q(pk__in=RawSQL(f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s", [expression]))
    return q


@lru_cache(maxsize=1)
def fts5_available() -> bool:
    """Whether this Python's SQLite has FTS5 (every common build does). Without it migration 0002_search_words
    builds no index and free words read the texts: slower on a large pool, the same results."""
    try:
        sqlite3.connect(":memory:").execute("CREATE VIRTUAL TABLE probe USING fts5(words)")
    except sqlite3.OperationalError:
        return False
    return True


def register(sender, connection, **kwargs) -> None:
    """``connection_created`` receiver: the triggers' function on every SQLite connection."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(FUNCTION, 1, words, deterministic=True)
