"""Contract and language tags mirrored as bits on the candidate row (``Candidate.facets``).

A segment such as ``salary<=60000 lang:en contract:permanent`` asks for candidates having a language tag
among three values (en, anglais, english) and a contract tag among two (permanent, cdi). Answered from the
tag rows, a large pool probes the tag index twice per salary match. With one
bit per known value on the candidate row the same test is ``facets & mask <> 0``, read from the
(team, salary, period, facets) index with no probe at all (see ``pool`` migration 0003_segment_indexes).

Invariant: bit ``BIT[(kind, value)]`` is set in a candidate's ``facets`` if and only if the candidate has that
(kind, value) tag row. Every writer of contract or language tag rows keeps it: ``services.tag_set``, the
merge, the import (both of its write paths) and the demo seed; ``refresh`` recomputes it from the tag rows.
A value without a bit (a language this list does not know) is matched through the tag rows.

``FACETS`` is append-only: a bit's position is stored in every candidate row. 64 bits at most (the column
is a signed 64-bit integer and the last bit is its sign: 63 usable).

Sources work the same way in ``Candidate.source_bits``: ``source:lever`` matches a source whose kind is
``lever`` or whose name is ``lever`` in any case. On PostgreSQL, on a large pool, that term with
``consent:valid in_campaign:false`` hash-joins every source row with every candidate when read from rows;
as bits it is one index-only scan. Kinds are a fixed list (``SOURCE_KINDS``, bits 0-7). Names are free text,
so each team keeps a registry (``SourceName``): a name gets the next free bit the first time one of the
team's candidates comes from it, and once the 55 name bits are taken, none (such a name is matched through
the source rows). Every writer of source rows registers their names and sets the bits.
"""

from __future__ import annotations

from collections.abc import Iterable

# Synonyms a segment term expands to (``contract:cdi`` = permanent or cdi): query value -> tag values.
# The import stores contract codes (permanent, fixed_term...), the form and API too; the synonyms are what
# older files and hand-made tags hold.
CONTRACTS: dict[str, set[str]] = {
    "permanent": {"permanent", "cdi"},
    "cdi": {"permanent", "cdi"},
    "fixed_term": {"fixed_term", "cdd", "fixed term"},
    "cdd": {"fixed_term", "cdd", "fixed term"},
    "freelance": {"freelance", "independant", "contractor"},
    "interim": {"interim"},
    "apprenticeship": {"apprenticeship", "alternance", "stage", "internship"},
    "alternance": {"apprenticeship", "alternance"},
}
# Languages: code, French and English names (folded), all meaning the same language.
LANGUAGES: dict[str, set[str]] = {
    "fr": {"fr", "francais", "french"},
    "en": {"en", "anglais", "english"},
    "de": {"de", "allemand", "german", "deutsch"},
    "es": {"es", "espagnol", "spanish", "espanol"},
    "it": {"it", "italien", "italian", "italiano"},
    "pt": {"pt", "portugais", "portuguese"},
    "nl": {"nl", "neerlandais", "dutch"},
    "zh": {"zh", "chinois", "chinese", "mandarin"},
}
for _code, _names in list(LANGUAGES.items()):
    for _name in _names:
        LANGUAGES.setdefault(_name, _names)

CONTRACT, LANGUAGE = (
    "contract",
    "lang",
)  # CandidateTag.Kind values (not imported: models import nothing of this)

# Append-only (see the module docstring).
FACETS: tuple[tuple[str, str], ...] = (
    (CONTRACT, "permanent"),
    (CONTRACT, "cdi"),
    (CONTRACT, "fixed_term"),
    (CONTRACT, "cdd"),
    (CONTRACT, "fixed term"),
    (CONTRACT, "freelance"),
    (CONTRACT, "independant"),
    (CONTRACT, "contractor"),
    (CONTRACT, "interim"),
    (CONTRACT, "apprenticeship"),
    (CONTRACT, "alternance"),
    (CONTRACT, "stage"),
    (CONTRACT, "internship"),
    (LANGUAGE, "fr"),
    (LANGUAGE, "francais"),
    (LANGUAGE, "french"),
    (LANGUAGE, "en"),
    (LANGUAGE, "anglais"),
    (LANGUAGE, "english"),
    (LANGUAGE, "de"),
    (LANGUAGE, "allemand"),
    (LANGUAGE, "german"),
    (LANGUAGE, "deutsch"),
    (LANGUAGE, "es"),
    (LANGUAGE, "espagnol"),
    (LANGUAGE, "spanish"),
    (LANGUAGE, "espanol"),
    (LANGUAGE, "it"),
    (LANGUAGE, "italien"),
    (LANGUAGE, "italian"),
    (LANGUAGE, "italiano"),
    (LANGUAGE, "pt"),
    (LANGUAGE, "portugais"),
    (LANGUAGE, "portuguese"),
    (LANGUAGE, "nl"),
    (LANGUAGE, "neerlandais"),
    (LANGUAGE, "dutch"),
    (LANGUAGE, "zh"),
    (LANGUAGE, "chinois"),
    (LANGUAGE, "chinese"),
    (LANGUAGE, "mandarin"),
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


def refresh(candidate, *, tags: bool = True, sources: bool = True) -> None:
    """Recompute ``candidate.facets`` (``tags``) and ``candidate.source_bits`` (``sources``) from its tag and
    source rows (after tags were set, rows moved or removed), in the database and on the instance (a later
    ``save()`` writes the instance's values back). A writer of one kind of row refreshes only its bits."""
    from .models import Candidate, CandidateSource, CandidateTag

    changes = {}
    if tags:
        value = bits(
            CandidateTag.objects.filter(candidate=candidate, kind__in=KINDS).values_list("kind", "value")
        )
        if value != candidate.facets:
            changes["facets"] = value
    if sources:
        value = source_bits(
            candidate.team_id, CandidateSource.objects.filter(candidate=candidate).values_list("kind", "name")
        )
        if value != candidate.source_bits:
            changes["source_bits"] = value
    if changes:
        Candidate.objects.filter(pk=candidate.pk).update(**changes)
        for name, value in changes.items():
            setattr(candidate, name, value)


# --- Sources ------------------------------------------------------------------------------------------

# CandidateSource.Kind values, append-only (bit = position). Bits 6 and 7 are kept for kinds to come.
SOURCE_KINDS = ("ats", "linkedin", "referral", "application", "manual", "import")
KIND_BIT = {kind: 1 << i for i, kind in enumerate(SOURCE_KINDS)}
NAME_BITS = range(8, 63)


def source_key(name: str) -> str:
    """The registry key of a source name: ``source:Lever`` and ``source:LEVER`` match the same sources."""
    return name.strip().lower()[:200]


def name_bits(team_id: int, names: Iterable[str], *, register: bool = True) -> dict[str, int | None]:
    """``{key: bit or None}`` for these source names of a team, registering the new ones (in the caller's
    transaction) unless ``register`` is false (then unknown names are left out: no candidate has them).

    Two writers registering names at once: the unique (team, key) and (team, bit) constraints make the
    second one's conflicting rows no-ops, and it reads what was stored and tries again with the bits left.
    """
    from .models import SourceName

    keys = {source_key(n) for n in names} - {""}
    if not keys:
        return {}
    known = dict(SourceName.objects.filter(team_id=team_id, key__in=keys).values_list("key", "bit"))
    for _ in range(5):
        missing = sorted(keys - known.keys())
        if not missing or not register:
            break
        taken = set(
            SourceName.objects.filter(team_id=team_id, bit__isnull=False).values_list("bit", flat=True)
        )
        free = [b for b in NAME_BITS if b not in taken]
        SourceName.objects.bulk_create(
            [
                SourceName(team_id=team_id, key=k, bit=free[i] if i < len(free) else None)
                for i, k in enumerate(missing)
            ],
            ignore_conflicts=True,
        )
        known = dict(SourceName.objects.filter(team_id=team_id, key__in=keys).values_list("key", "bit"))
    else:  # still racing after five rounds: register the rest without a bit (never conflicts)
        missing = sorted(keys - known.keys())
        SourceName.objects.bulk_create(
            [SourceName(team_id=team_id, key=k, bit=None) for k in missing], ignore_conflicts=True
        )
        known = dict(SourceName.objects.filter(team_id=team_id, key__in=keys).values_list("key", "bit"))
    return known


def source_bits(team_id: int, sources: Iterable[tuple[str, str]], bits_of_names: dict | None = None) -> int:
    """The ``source_bits`` of a candidate having these ``(kind, name)`` sources. ``bits_of_names`` is a
    ``name_bits`` answer covering the names (looked up, and registered, when not given)."""
    sources = list(sources)
    if bits_of_names is None:
        bits_of_names = name_bits(team_id, (name for _, name in sources))
    out = 0
    for kind, name in sources:
        out |= KIND_BIT.get(kind, 0)
        bit = bits_of_names.get(source_key(name)) if name else None
        if bit is not None:
            out |= 1 << bit
    return out


def source_mask(team_id: int, value: str) -> int | None:
    """The bits ``source:value`` tests (its kind and its name), or None when the name has no bit (the caller
    then reads the source rows). 0 when no candidate of the team can match."""
    key = source_key(value)
    mask = KIND_BIT.get(key, 0)
    if not key:
        return mask
    bits_of_names = name_bits(team_id, [key], register=False)
    if key in bits_of_names:
        if bits_of_names[key] is None:
            return None
        mask |= 1 << bits_of_names[key]
    return mask
