"""Contract and language tags mirrored as bits on the candidate row (``Candidate.facets``).

A segment such as ``salary<=60000 lang:en contract:permanent`` asks for candidates having a language tag
among three values (en, anglais, english) and a contract tag among two (permanent, cdi). Answered from the
tag rows, a million-candidate pool probes the tag index twice per salary match (450 ms on SQLite). With one
bit per known value on the candidate row the same test is ``facets & mask <> 0``, read from the
(team, salary, period, facets) index with no probe at all (see ``segments`` migration 0010).

Invariant: bit ``BIT[(kind, value)]`` is set in a candidate's ``facets`` if and only if the candidate has that
(kind, value) tag row. Every writer of contract or language tag rows keeps it: ``services.tag_set``, the
merge, the import (both of its write paths) and the demo seed; ``refresh`` recomputes it from the tag rows.
A value without a bit (a language this list does not know) is matched through the tag rows, as before.

``FACETS`` is append-only: a bit's position is stored in every candidate row. 64 bits at most (the column
is a signed 64-bit integer and the last bit is its sign: 63 usable).
"""

from __future__ import annotations

from collections.abc import Iterable

# Synonyms a segment term expands to (``contract:cdi`` = permanent or cdi): query value -> tag values.
# The import stores contract codes (permanent, fixed_term...), the form and API too; the synonyms are what
# older files and hand-made tags hold.
CONTRACTS: dict[str, set[str]] = {
    "permanent": {"permanent", "cdi"}, "cdi": {"permanent", "cdi"},
    "fixed_term": {"fixed_term", "cdd", "fixed term"}, "cdd": {"fixed_term", "cdd", "fixed term"},
    "freelance": {"freelance", "independant", "contractor"},
    "interim": {"interim"}, "apprenticeship": {"apprenticeship", "alternance", "stage", "internship"},
    "alternance": {"apprenticeship", "alternance"},
}
# Languages: code, French and English names (folded), all meaning the same language.
LANGUAGES: dict[str, set[str]] = {
    "fr": {"fr", "francais", "french"}, "en": {"en", "anglais", "english"},
    "de": {"de", "allemand", "german", "deutsch"}, "es": {"es", "espagnol", "spanish", "espanol"},
    "it": {"it", "italien", "italian", "italiano"}, "pt": {"pt", "portugais", "portuguese"},
    "nl": {"nl", "neerlandais", "dutch"}, "zh": {"zh", "chinois", "chinese", "mandarin"},
}
for _code, _names in list(LANGUAGES.items()):
    for _name in _names:
        LANGUAGES.setdefault(_name, _names)

CONTRACT, LANGUAGE = "contract", "lang"  # CandidateTag.Kind values (not imported: models import nothing of this)

# Append-only (see the module docstring).
FACETS: tuple[tuple[str, str], ...] = (
    (CONTRACT, "permanent"), (CONTRACT, "cdi"), (CONTRACT, "fixed_term"), (CONTRACT, "cdd"),
    (CONTRACT, "fixed term"), (CONTRACT, "freelance"), (CONTRACT, "independant"), (CONTRACT, "contractor"),
    (CONTRACT, "interim"), (CONTRACT, "apprenticeship"), (CONTRACT, "alternance"), (CONTRACT, "stage"),
    (CONTRACT, "internship"),
    (LANGUAGE, "fr"), (LANGUAGE, "francais"), (LANGUAGE, "french"),
    (LANGUAGE, "en"), (LANGUAGE, "anglais"), (LANGUAGE, "english"),
    (LANGUAGE, "de"), (LANGUAGE, "allemand"), (LANGUAGE, "german"), (LANGUAGE, "deutsch"),
    (LANGUAGE, "es"), (LANGUAGE, "espagnol"), (LANGUAGE, "spanish"), (LANGUAGE, "espanol"),
    (LANGUAGE, "it"), (LANGUAGE, "italien"), (LANGUAGE, "italian"), (LANGUAGE, "italiano"),
    (LANGUAGE, "pt"), (LANGUAGE, "portugais"), (LANGUAGE, "portuguese"),
    (LANGUAGE, "nl"), (LANGUAGE, "neerlandais"), (LANGUAGE, "dutch"),
    (LANGUAGE, "zh"), (LANGUAGE, "chinois"), (LANGUAGE, "chinese"), (LANGUAGE, "mandarin"),
)
assert len(FACETS) <= 63 and len(set(FACETS)) == len(FACETS)
BIT: dict[tuple[str, str], int] = {facet: 1 << i for i, facet in enumerate(FACETS)}
KINDS = (CONTRACT, LANGUAGE)


def bits(tags: Iterable[tuple[str, str]]) -> int:
    """The ``facets`` value of a candidate having the ``(kind, value)`` tags (other kinds are ignored)."""
    out = 0
    for kind, value in tags:
        out |= BIT.get((kind, value), 0)
    return out


def mask(kind: str, values: Iterable[str]) -> int | None:
    """The bits of ``values`` of one kind, or None when one of them has no bit (the caller then reads the
    tag rows: a zero test on the mask would miss the candidates holding that value)."""
    out = 0
    for value in values:
        bit = BIT.get((kind, value))
        if bit is None:
            return None
        out |= bit
    return out


def refresh(candidate) -> None:
    """Recompute ``candidate.facets`` from its tag rows (after tags were set, moved or removed), in the
    database and on the instance (a later ``save()`` writes the instance's value back)."""
    from .models import Candidate, CandidateTag

    value = bits(CandidateTag.objects.filter(candidate=candidate, kind__in=KINDS).values_list("kind", "value"))
    if value != candidate.facets:
        Candidate.objects.filter(pk=candidate.pk).update(facets=value)
        candidate.facets = value
