"""The job taxonomy (``data/job_taxonomy.yaml``): job family, specialty and seniority read from a title.

A title is cut into words (lower-case, accents removed, punctuation as separators) and matched against every
synonym of every family and specialty, several-word synonyms included. The longest match decides; at equal
length a specialty beats a family, a precise word beats a generic head noun ("Développeur data" is data, not
software development), and the earlier word wins (French puts the head noun first). When no synonym names a
specialty, weaker hints (a language or a tool: "Python", "React") may, within the family found.

Inference only fills what nobody stated: callers keep what a person or a file said and mark what came from
here as inferred.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml

from vivier.lib.text import fold, fold_cached

INTERN, JUNIOR, MID, SENIOR, LEAD, EXECUTIVE = 10, 20, 30, 40, 50, 60  # pool.models.Seniority values

# Head nouns that say little about the family when a more precise word stands beside them.
GENERIC = frozenset(
    {
        "developpeur",
        "developpeuse",
        "developer",
        "dev",
        "devs",
        "developpement",
        "development",
        "technicien",
        "technicienne",
        "technician",
        "designer",
        "ingenieur",
        "ingenieure",
        "engineer",
        "engineering",
        "consultant",
        "consultante",
    }
)

# Seniority words, as word sequences. The highest level named wins.
_LEVEL_WORDS: dict[int, tuple[str, ...]] = {
    INTERN: (
        "stagiaire",
        "stage",
        "intern",
        "internship",
        "alternant",
        "alternante",
        "alternance",
        "apprenti",
        "apprentie",
        "apprentice",
        "apprenticeship",
        "trainee",
        "eleve",
        "etudiant",
        "etudiante",
        "student",
        "en formation",
        "working student",
    ),
    JUNIOR: (
        "junior",
        "jr",
        "debutant",
        "debutante",
        "jeune diplome",
        "jeune diplomee",
        "graduate",
        "entry level",
        "associate engineer",
    ),
    MID: ("confirme", "confirmee", "intermediate", "mid level", "medior"),
    SENIOR: ("senior", "sr", "experimente", "experimentee", "experienced", "tres experimente"),
    LEAD: (
        "lead",
        "principal",
        "staff engineer",
        "staff software engineer",
        "staff developer",
        "head",
        "manager",
        "responsable",
        "chef",
        "cheffe",
        "cadre",
        "rssi",
        "team leader",
        "superviseur",
        "superviseuse",
        "supervisor",
        "encadrant",
        "encadrante",
    ),
    EXECUTIVE: (
        "directeur",
        "directrice",
        "director",
        "vp",
        "vice president",
        "cto",
        "ceo",
        "cfo",
        "coo",
        "cpo",
        "cio",
        "chro",
        "cdo",
        "chief",
        "drh",
        "daf",
        "dsi",
        "president",
        "presidente",
        "c level",
    ),
}
# Role names that contain a level word without being that level ("Product Manager" manages no one).
_NOT_A_LEVEL = (
    "product manager",
    "account manager",
    "customer success manager",
    "office manager",
    "community manager",
    "credit manager",
    "category manager",
    "project manager",
    "chef de produit",
    "cheffe de produit",
    "chef de projet",
    "cheffe de projet",
    "chef de secteur",
    "cheffe de secteur",
    "chef de cuisine",
    "chef cuisinier",
    "lead generation",
    "head hunter",
)
_YEARS = re.compile(
    r"(?<![\d.])(\d{1,2})\s*\+?\s*(?:ans|an|annees|years?|yrs?)\b(?!\s*(?:old|d'age|d age))", re.IGNORECASE
)
_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"[a-z0-9#+&]+(?:\.[a-z0-9]+)*")


def words(text: str) -> tuple[str, ...]:
    """'Dév. Python/Django (H/F)' -> ('dev', 'python', 'django', 'h', 'f')."""
    return tuple(_WORD.findall(fold_cached(text).replace("'", " ").replace("\u2019", " ")))


@dataclass(frozen=True)
class Specialty:
    tag: str
    names: dict[str, str]
    family: str


@dataclass(frozen=True)
class Family:
    tag: str
    names: dict[str, str]
    rome: tuple[str, ...]
    isco: tuple[str, ...]
    specialties: tuple[Specialty, ...]


@dataclass(frozen=True)
class Inferred:
    family: str | None = None
    specialty: str | None = None
    seniority: int | None = None
    years: int | None = None

    @property
    def job_tags(self) -> list[str]:
        return [tag for tag in (self.family, self.specialty) if tag]


@dataclass
class _Entry:
    family: str
    specialty: str | None
    generic: bool


@dataclass
class Taxonomy:
    version: str
    families: tuple[Family, ...]
    # first word -> [(phrase, entry)], longest phrases first
    phrases: dict[str, list[tuple[tuple[str, ...], _Entry]]] = field(default_factory=dict)
    hints: dict[str, list[tuple[tuple[str, ...], _Entry]]] = field(default_factory=dict)
    # folded name or synonym -> tag values a `job:` term with it matches
    terms: dict[str, set[str]] = field(default_factory=dict)
    labels: dict[str, dict[str, str]] = field(default_factory=dict)

    def infer(self, title: str | None, headline: str | None = None) -> Inferred:
        """Family, specialty, seniority and years from a title, else from a headline (a profile's tagline)."""
        result = self._read(words(title or ""), title or "")
        if headline and (result.family is None or result.seniority is None or result.years is None):
            extra = self._read(words(headline), headline)
            result = Inferred(
                family=result.family or extra.family,
                specialty=result.specialty if result.family else extra.specialty,
                seniority=result.seniority if result.seniority is not None else extra.seniority,
                years=result.years if result.years is not None else extra.years,
            )
        return result

    def _read(self, tokens: tuple[str, ...], raw: str) -> Inferred:
        matches = _find(tokens, self.phrases)
        family = specialty = None
        if matches:
            # (length, is specialty, precise word, earlier) decides.
            start, phrase, entry = max(
                matches, key=lambda m: (len(m[1]), m[2].specialty is not None, not m[2].generic, -m[0])
            )
            family, specialty = entry.family, entry.specialty
            if specialty is None:
                named = [m[2].specialty for m in matches if m[2].family == family and m[2].specialty]
                specialty = named[0] if named else None
        if specialty is None:
            hinted = {m[2].specialty: m[2].family for m in _find(tokens, self.hints)}
            if family is not None:
                hinted = {s: f for s, f in hinted.items() if f == family}
            if {"backend", "front-end"} <= hinted.keys():
                hinted = {"full-stack": hinted["backend"]}
            if len(hinted) == 1:
                specialty, hinted_family = next(iter(hinted.items()))
                family = family or hinted_family
        return Inferred(family=family, specialty=specialty, seniority=level(tokens), years=years(raw))

    def expand(self, value: str) -> set[str]:
        """The job tag values that ``job:<value>`` matches: the value itself, and the tag of every family or
        specialty whose name or synonym it is, in French or English, any case, with or without accents."""
        key = " ".join(words(value))
        return {fold(value).strip(), *self.terms.get(key, ())} - {""}

    def label(self, tag: str, language: str) -> str | None:
        names = self.labels.get(fold(tag))
        if not names:
            return None
        return names.get(language[:2]) or names.get("en")


def _find(tokens, index) -> list[tuple[int, tuple[str, ...], _Entry]]:
    found = []
    for start, token in enumerate(tokens):
        for phrase, entry in index.get(token, ()):
            if tokens[start : start + len(phrase)] == phrase:
                found.append((start, phrase, entry))
    return found


def _level_index() -> dict[str, list[tuple[tuple[str, ...], int | None]]]:
    index: dict[str, list[tuple[tuple[str, ...], int | None]]] = {}
    for value, phrases in _LEVEL_WORDS.items():
        for phrase in phrases:
            _add(index, words(phrase), value)
    for role in _NOT_A_LEVEL:
        _add(index, words(role), None)
    for entries in index.values():
        entries.sort(key=lambda item: -len(item[0]))
    return index


def level(tokens: tuple[str, ...]) -> int | None:
    """The highest level a title names; a role name such as "Product Manager" hides the words it is made of."""
    best, hidden_until = None, 0
    for start, token in enumerate(tokens):
        for phrase, value in _LEVELS.get(token, ()):
            if tokens[start : start + len(phrase)] != phrase:
                continue
            if value is None:
                hidden_until = max(hidden_until, start + len(phrase))
            elif start >= hidden_until:
                best = value if best is None else max(best, value)
            break
    return best


def years(text: str) -> int | None:
    if not _DIGIT.search(text):
        return None
    match = _YEARS.search(fold(text))
    return int(match.group(1)) if match else None


def _add(index, phrase: tuple[str, ...], entry: _Entry) -> None:
    if phrase:
        index.setdefault(phrase[0], []).append((phrase, entry))


def build(document: dict) -> Taxonomy:
    families = []
    taxonomy = Taxonomy(version=str(document.get("version", "")), families=())
    for fam in document["families"]:
        tag = fold(fam["tag"])
        specialties = []
        for spec in fam.get("specialties", ()):
            spec_tag = fold(spec["tag"])
            specialties.append(Specialty(tag=spec_tag, names=dict(spec["name"]), family=tag))
            entry = _Entry(family=tag, specialty=spec_tag, generic=False)
            for synonym in (spec_tag, *spec["name"].values(), *spec.get("synonyms", ())):
                _add(taxonomy.phrases, words(synonym), entry)
                taxonomy.terms.setdefault(" ".join(words(synonym)), set()).add(spec_tag)
            for hint in spec.get("hints", ()):
                _add(taxonomy.hints, words(hint), entry)
            taxonomy.labels[spec_tag] = dict(spec["name"])
        for synonym in (tag, *fam["name"].values(), *fam.get("synonyms", ())):
            phrase = words(synonym)
            entry = _Entry(family=tag, specialty=None, generic=len(phrase) == 1 and phrase[0] in GENERIC)
            _add(taxonomy.phrases, phrase, entry)
            taxonomy.terms.setdefault(" ".join(phrase), set()).add(tag)
        taxonomy.labels[tag] = dict(fam["name"])
        families.append(
            Family(
                tag=tag,
                names=dict(fam["name"]),
                rome=tuple(fam.get("rome", ())),
                isco=tuple(str(code) for code in fam.get("isco", ())),
                specialties=tuple(specialties),
            )
        )
    for index in (taxonomy.phrases, taxonomy.hints):
        for entries in index.values():
            entries.sort(key=lambda item: -len(item[0]))
    taxonomy.families = tuple(families)
    return taxonomy


_LEVELS = _level_index()


@lru_cache(maxsize=1)
def document() -> dict:
    """The shipped file as loaded (teams' own families are added to a copy: services.classify)."""
    text = resources.files("vivier.pool").joinpath("data/job_taxonomy.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


@lru_cache(maxsize=1)
def default() -> Taxonomy:
    return build(document())


@lru_cache(maxsize=65536)
def infer(title: str | None, headline: str | None = None) -> Inferred:
    """``default().infer``, cached: a pool repeats the same few thousand titles."""
    return default().infer(title, headline)
