"""The built-in terms about a candidate's profile: tags, titles, seniority, place, contract, source, consent."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from functools import partial

from django.db import connection
from django.db.models import F, FloatField, Q, Value
from django.db.models.functions import Cast, Coalesce, Lower
from django.db.models.lookups import GreaterThan, In, LessThanOrEqual
from django.utils.translation import gettext as _

from vivier.lib import geo
from vivier.lib.text import fold
from vivier.pool import facets, taxonomy
from vivier.pool.facets import CONTRACTS, LANGUAGES
from vivier.pool.models import (
    CandidateSource,
    CandidateTag,
    CustomField,
    LegalBasis,
    RemotePreference,
    Seniority,
)
from vivier.pool.services import team_taxonomy

from .compiler import Compiler, tag_alternatives
from .terms import EQUAL, TagAlternatives, Term, boolean, day, number
from .tokens import Token

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
DISTANCE_RE = re.compile(r"^(\d+(?:[.,]\d+)?)\s*(km|m)?$", re.I)
TEXT_COLUMNS = {"title": "current_title", "company": "current_company", "headline": "headline"}
TAG_KINDS = {
    "job": CandidateTag.Kind.JOB_FAMILY,
    "skill": CandidateTag.Kind.SKILL,
    "tag": CandidateTag.Kind.TAG,
    "interest": CandidateTag.Kind.INTEREST,
}


def contract_values(value: str) -> set[str]:
    """The contract codes ``contract:value`` matches (synonyms expanded)."""
    folded = fold(value)
    return CONTRACTS.get(folded.replace(" ", "_"), {folded})


def language_values(value: str) -> set[str]:
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


def _tags(kind: str, values: list[str]) -> TagAlternatives:
    return {kind: tag_alternatives(values)}


def job_values(values: list[str], team=None) -> list[str]:
    """``job:`` values with the job taxonomy's names and synonyms, French or English, any case or accent,
    resolved to the tags they name (a ``prefix*`` stays as typed). The team's own families and synonyms
    (``JobFamily``) count as the shipped ones do; they are read only for a word the shipped taxonomy does
    not know, so that ``job:backend`` costs no query."""
    out: list[str] = []
    for value in values:
        tags = set() if value.endswith("*") else _job_tags(taxonomy.default(), value)
        if not tags and team is not None and not value.endswith("*"):
            tags = _job_tags(team_taxonomy(team.pk), value)
        expanded = sorted(tags) or [value]
        out += [v for v in expanded if v not in out]
    return out


def _job_tags(known: taxonomy.Taxonomy, value: str) -> set[str]:
    """The tags ``value`` names in ``known``: empty when it is neither a tag nor a name or synonym there."""
    tags = known.expand(value)
    key = fold(value).strip()
    return tags if tags - {key} or known.label(key, "en") is not None else set()


def _expanded(kind: str, expand, values: list[str]) -> TagAlternatives:
    """The tag rows of ``contract:a|b`` / ``lang:a|b``: every value's synonyms, one after another."""
    return {kind: (set().union(*(expand(value) for value in values)), set())}


def _text(column: str, c: Compiler, tok: Token, value: str) -> Q:
    return Q(**{f"{column}__icontains": value})


def _name(c: Compiler, tok: Token, value: str) -> Q:
    return Q(name_key__contains=fold(value))


def _seniority_level(c: Compiler, tok: Token, value: str) -> int:
    level = SENIORITY.get(fold(value).replace("-", "_").replace(" ", "_"))
    if level is None:
        raise c.error(
            tok,
            _("expected a seniority (%(levels)s), not “%(value)s”")
            % {"levels": "intern, junior, mid, senior, lead, executive", "value": value},
        )
    return int(level)


def _seniority(c: Compiler, tok: Token, level: int) -> Q:
    return c.cmp(tok, "seniority", level)


def _years(c: Compiler, tok: Token, years: float) -> Q:
    return c.cmp(tok, "years_experience", years)


def _salary(c: Compiler, tok: Token, amount: float) -> Q:
    # Compares yearly (or unstated-period) expectations only: a day rate is not comparable to 60000.
    return c.cmp(tok, "salary_amount", amount) & Q(salary_period__in=["year", ""])


def _city(c: Compiler, tok: Token, value: str) -> Q:
    names = {value}
    found = geo.place_find(value)
    if found:
        names.add(found[3])
    return Q(In(Lower(c.col("city")), _case_variants(names)))


def _country_code(c: Compiler, tok: Token, value: str) -> str:
    if not re.fullmatch(r"[A-Za-z]{2}", value):
        raise c.error(
            tok, _("expected a two-letter country code (FR, BE...), not “%(value)s”") % {"value": value}
        )
    return value.upper()


def _country(c: Compiler, tok: Token, code: str) -> Q:
    return c.cq("country", "exact", code)


def _place(c: Compiler, tok: Token, place: str) -> tuple[float, float]:
    found = geo.place_lookup(place)
    if found is None:
        raise c.error(tok, _("unknown place “%(place)s”: expected a city name") % {"place": place})
    return found


def _distance_sq(lat: float, lon: float):
    ky, kx = geo.equirectangular_scales(lat)
    dy = (F("latitude") - Value(lat)) * Value(ky)
    dx = (F("longitude") - Value(lon)) * Value(kx)
    return Cast(dy * dy + dx * dx, FloatField())


def _radius_place(c: Compiler, tok: Token, value: str) -> tuple[float, tuple[float, float]]:
    """``30km:Lyon`` -> (radius in km, the place's coordinates)."""
    radius_text, sep, place = value.partition(":")
    m = DISTANCE_RE.match(radius_text.strip())
    if not sep or not m or not place.strip():
        raise c.error(tok, _("expected a distance and a place, like within:30km:Lyon"))
    radius = float(m.group(1).replace(",", "."))
    if (m.group(2) or "km").lower() == "m":
        radius /= 1000
    return radius, _place(c, tok, place.strip())


def _within(c: Compiler, tok: Token, radius_place: tuple[float, tuple[float, float]]) -> Q:
    radius, (lat, lon) = radius_place
    within = Q(LessThanOrEqual(_distance_sq(lat, lon), Value(radius * radius)))
    if c.correlated and not c.hide_columns:
        # PostgreSQL, page shape: the distance test alone (the box only adds rows it rejects). With the box
        # the planner multiplies the latitude and longitude selectivities as if independent and expects
        # far fewer rows than a city's box holds, so it fetches and sorts the whole box instead of
        # walking the newest-first index for a page. The count shape keeps the box for its index.
        return within
    min_lat, max_lat, min_lon, max_lon = geo.bounding_box(lat, lon, radius)
    # The box uses the (team, latitude, longitude) index; the distance test then runs on few rows.
    return (
        c.cq("latitude", "range", (min_lat, max_lat))
        & c.cq("longitude", "range", (min_lon, max_lon))
        & within
    )


def _commutable(c: Compiler, tok: Token, place: tuple[float, float]) -> Q:
    lat, lon = place
    km = Cast(F("max_commute_km"), FloatField())
    reachable = Q(latitude__isnull=False, longitude__isnull=False, max_commute_km__isnull=False) & Q(
        LessThanOrEqual(_distance_sq(lat, lon), km * km)
    )
    # The two plain column tests first: both databases evaluate an OR left to right and stop at the first
    # true part, so the distance is computed only for the others.
    return Q(open_to_relocation=True) | Q(remote_preference=RemotePreference.REMOTE) | reachable


def _remote_preference(c: Compiler, tok: Token, value: str) -> str:
    pref = REMOTE.get(fold(value).replace("-", "_").replace(" ", "_"))
    if pref is None:
        raise c.error(tok, _("expected onsite, hybrid or remote, not “%(value)s”") % {"value": value})
    return pref


def _remote(c: Compiler, tok: Token, pref: str) -> Q:
    return Q(remote_preference=pref)


def _contract(c: Compiler, tok: Token, value: str) -> Q:
    return c.facet_q(CandidateTag.Kind.CONTRACT, contract_values(value))


def _lang(c: Compiler, tok: Token, value: str) -> Q:
    return c.facet_q(CandidateTag.Kind.LANGUAGE, language_values(value))


def _available(c: Compiler, tok: Token, when) -> Q:
    if tok.op in EQUAL:
        return Q(available_from=when)
    # Candidates with no recorded date match neither side: nothing is known about them.
    return c.cmp(tok, "available_from", when)


def _source(c: Compiler, tok: Token, value: str) -> Q:
    """``source:lever``: a source of kind ``lever`` or named ``lever`` (any case). Read from
    ``source_bits`` (vivier.pool.facets) unless the name has no bit; the source rows otherwise."""
    mask = facets.source_mask(c.team.pk, value)
    if mask is not None:  # 0 when no candidate of the team has that source: false for every row
        return c.bits_q("source_bits", mask)
    by_name = Q(In(Lower("name"), _case_variants([value])))
    by_kind = Q(kind=value.lower())
    if connection.vendor == "sqlite" and not c.correlated:
        # SQLite reads "lower(name) IN (...) OR kind = ..." by scanning every source row (it expects
        # kind = ... to match a whole pool: most rows share a kind); as two subqueries ORed it reads the
        # two indexes (MULTI-INDEX OR). PostgreSQL ORs the two indexes inside one subquery already.
        return c.member_of(CandidateSource.objects.filter(by_name)) | c.member_of(
            CandidateSource.objects.filter(by_kind)
        )
    return c.member_of(CandidateSource.objects.filter(by_name | by_kind))


def _consent_state(c: Compiler, tok: Token, value: str) -> str:
    """``valid``, ``expired``, ``none`` or a legal basis."""
    key = fold(value)
    if key in ("valid", "yes", "true", "oui", "valide"):
        return "valid"
    if key in ("expired", "expire"):
        return "expired"
    if key in ("none", "no", "false", "non", "aucun"):
        return "none"
    if key in LegalBasis.values:
        return key
    raise c.error(tok, _("expected valid, expired, none, consent, legitimate_interest or contract"))


def _consent(c: Compiler, tok: Token, state: str) -> Q:
    if state == "valid":
        # "No expiry, or later than now" as one comparison: written as an OR, SQLite may plan it as two
        # skip-scans of an index that starts with the consent columns' neighbours (MULTI-INDEX OR), far slower.
        live = Q(GreaterThan(Coalesce(c.col("consent_expires_at"), Value(NEVER)), c.now))
        return ~Q(consent_basis="") & live
    if state == "expired":
        return ~Q(consent_basis="") & Q(consent_expires_at__lte=c.now)
    if state == "none":
        return Q(consent_basis="")
    return Q(consent_basis=state)


def _custom(c: Compiler, tok: Token, value: str) -> Q:
    """``custom.<key>``: compared as the team's custom field of that key is typed (text when unknown)."""
    key = tok.field.split(".", 1)[1]
    types = c.cache.get("custom")
    if types is None:
        types = c.cache["custom"] = dict(CustomField.objects.filter(team=c.team).values_list("key", "type"))
    kind = types.get(key)
    path = f"custom_fields__{key}"
    if kind == CustomField.Type.NUMBER or (kind is None and tok.op not in EQUAL):
        return c.cmp(tok, path, number(c, tok, value))
    if kind == CustomField.Type.BOOL:
        c.expect_op(tok, *EQUAL)
        return Q(**{path: boolean(c, tok, value)})
    if kind == CustomField.Type.DATE and tok.op not in EQUAL:
        return c.cmp(tok, path, day(c, tok, value).isoformat())
    c.expect_op(tok, *EQUAL)
    return Q(**{f"{path}__iexact": value})


TERMS = (
    *(
        Term(name, tag_kind=kind, tag_values=partial(_tags, kind))
        for name, kind in TAG_KINDS.items()
        if name != "job"
    ),
    Term(
        "job",
        tag_kind=CandidateTag.Kind.JOB_FAMILY,
        tag_values=partial(_tags, CandidateTag.Kind.JOB_FAMILY),
        expand=job_values,
    ),
    *(Term(name, compile=partial(_text, column)) for name, column in TEXT_COLUMNS.items()),
    Term("name", compile=_name),
    Term("seniority", compile=_seniority, value=_seniority_level, ops=None),
    Term("years", compile=_years, value=number, ops=None),
    Term("salary", compile=_salary, value=number, ops=None),
    Term("city", compile=_city),
    Term("country", compile=_country, value=_country_code),
    Term("within", compile=_within, value=_radius_place, ops=(":",)),
    Term("commutable", compile=_commutable, value=_place, ops=(":",)),
    Term("remote", compile=_remote, value=_remote_preference),
    Term(
        "contract",
        compile=_contract,
        tag_values=partial(_expanded, CandidateTag.Kind.CONTRACT, contract_values),
    ),
    Term("lang", compile=_lang, tag_values=partial(_expanded, CandidateTag.Kind.LANGUAGE, language_values)),
    Term("available", compile=_available, value=day, ops=None),
    Term("source", compile=_source),
    Term("consent", compile=_consent, value=_consent_state),
    Term("custom", compile=_custom, ops=None, keyed=True),
)
