"""``demo_seed``: a believable demo team, two users and a pool of a few thousand candidates.

Rows are built in memory from a seeded ``random.Random`` and written with ``bulk_create`` in chunks, so
3,000 candidates take a few seconds on SQLite. The later apps' parts of the demo follow the pool, each a
``seed_demo(team, users)``: the campaign (``vivier.demo.campaign``), then the replies
(``vivier.demo.replies``).

Long on purpose: one builder drawing from one seeded random stream, whose draw order is the demo.
"""

import logging
import random
import re
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import phonenumbers
from django.db import transaction
from django.db.models import OuterRef, Subquery

from vivier.accounts.models import Membership, Team, User
from vivier.accounts.services import team_create, user_create
from vivier.lib import clock
from vivier.lib.geo import place_lookup
from vivier.lib.normalize import canonical_url
from vivier.lib.text import fold
from vivier.pool import facets
from vivier.pool.models import (
    Candidate,
    CandidateEmail,
    CandidatePhone,
    CandidateProfile,
    CandidateSource,
    CandidateTag,
    CustomField,
    DuplicateReview,
    LegalBasis,
    Note,
    TimelineEvent,
)
from vivier.sequences.models import Campaign

from . import DEMO_PASSWORD, DEMO_TEAM_NAME, DEMO_TEAM_SLUG, campaign, data
from . import replies as replies_demo

logger = logging.getLogger(__name__)

DEMO_USERS = (
    # username, first name, last name, email, UI language, role
    ("demo", "Sophie", "Lambert", "sophie.lambert@alvea-rh.example", "fr", Membership.Role.ADMIN),
    ("demo-en", "James", "Walker", "james.walker@alvea-rh.example", "en", Membership.Role.RECRUITER),
)
DUPLICATE_SHARE = 0.02
# The parts of the demo after the pool, in order: the replies answer the campaign's first messages.
HOOKS = (campaign.seed_demo, replies_demo.seed_demo)
BATCH = 500


@dataclass
class DemoResult:
    team: Team
    created: bool
    candidates: int
    duplicates: int
    seed: int | None = None
    users: list[User] = field(default_factory=list)
    hooks: list[str] = field(default_factory=list)


def demo_team() -> Team | None:
    return Team.objects.filter(slug=DEMO_TEAM_SLUG).first()


@transaction.atomic
def demo_reset() -> None:
    """Delete the demo team (its pool goes with it) and the demo users."""
    # A campaign protects its sequence, job and mailbox: it goes first, or the team's cascade stops.
    Campaign.objects.filter(team__slug=DEMO_TEAM_SLUG).delete()
    Team.objects.filter(slug=DEMO_TEAM_SLUG).delete()
    User.objects.filter(username__in=[u[0] for u in DEMO_USERS]).delete()


def demo_seed(*, candidates: int = 3000, seed: int | None = None, reset: bool = False) -> DemoResult:
    """Create the demo unless it exists.

    1. ``reset`` deletes a previous demo first; otherwise an existing demo is left as it is.
    2. The team, its users, then the pool are created in one transaction.
    3. The later apps add their part (campaign, replies...).
    """
    if candidates < 1:
        raise ValueError("the demo needs at least one candidate")
    if reset:
        demo_reset()
    existing = demo_team()
    if existing is not None:
        return DemoResult(
            team=existing,
            created=False,
            candidates=Candidate.objects.filter(team=existing).count(),
            duplicates=DuplicateReview.objects.filter(
                team=existing, status=DuplicateReview.Status.OPEN
            ).count(),
            users=list(User.objects.filter(username__in=[u[0] for u in DEMO_USERS]).order_by("id")),
        )
    if seed is None:
        seed = random.SystemRandom().randrange(1_000_000)
    with transaction.atomic():
        team = team_create(name=DEMO_TEAM_NAME, slug=DEMO_TEAM_SLUG)
        # A user left over from a half-deleted demo would make user_create fail on the unique username.
        User.objects.filter(username__in=[u[0] for u in DEMO_USERS]).delete()
        users = [
            user_create(
                username=username,
                password=DEMO_PASSWORD,
                team=team,
                role=role,
                email=email,
                first_name=first,
                last_name=last,
                language=language,
                validate_password=False,
            )
            for username, first, last, email, language, role in DEMO_USERS
        ]
        builder = _PoolBuilder(team=team, users=users, rng=random.Random(seed), now=clock.now())
        builder.build(candidates)
        builder.save()
        hooks = _run_hooks(team, users)
    return DemoResult(
        team=team,
        created=True,
        candidates=len(builder.candidates),
        duplicates=len(builder.reviews),
        seed=seed,
        users=users,
        hooks=hooks,
    )


def _run_hooks(team: Team, users: list[User]) -> list[str]:
    """Each later part in turn; the names of their modules, for the command to list."""
    for hook in HOOKS:
        hook(team, users)
    return [hook.__module__ for hook in HOOKS]


# --- Generation ----------------------------------------------------------------------------------

_ENGLISH_SHARE = {"London": 0.9, "Lisbon": 0.6, "Montréal": 0.35, "Geneva": 0.25, "Brussels": 0.2}
_CURRENCY_RATE = {"EUR": 1.0, "GBP": 0.86, "CHF": 1.35, "CAD": 1.5}
_SENIOR_WORDS = ("Lead", "Head", "Responsable", "Cadre", "Architecte", "Chef", "manager")
_FREELANCE_DAY_RATE = (350, 850)
_INTERIM_HOUR_RATE = (12, 17)
_PHONE_PATTERNS = {
    "FR": ("+33", ["6", "7"], 8),
    "RE": ("+262", ["692", "693"], 6),
    "BE": ("+32", ["47", "48", "49"], 7),
    "CH": ("+41", ["76", "77", "78", "79"], 7),
    "GB": ("+44", ["74", "75", "77", "78", "79"], 8),
    "CA": ("+1", ["514", "438"], 7),
    "PT": ("+351", ["91", "92", "93", "96"], 7),
}


class _PoolBuilder:
    def __init__(self, *, team: Team, users: list[User], rng: random.Random, now: datetime):
        self.team, self.users, self.rng, self.now = team, users, rng, now
        self.candidates: list[Candidate] = []
        self.emails: list[tuple[int, str, bool]] = []  # (candidate index, email, primary)
        self.phones: list[tuple[int, str]] = []
        self.profiles: list[tuple[int, str, str]] = []
        self.tags: list[tuple[int, str, str]] = []  # (index, kind, label)
        self.sources: list[tuple[int, dict]] = []
        self.events: list[tuple[int, dict]] = []
        self.notes: list[tuple[int, str, datetime, User]] = []
        self.reviews: list[tuple[int, int, tuple[str, str]]] = []
        self._seen_emails: set[str] = set()
        self._seen_phones: set[str] = set()
        self._seen_urls: set[str] = set()
        self._by_name: dict[str, list[int]] = {}
        self._places = {}
        for city, country, tz, _prefix, currency, _weight in data.CITIES:
            self._places[city] = (country, tz, currency, place_lookup(city, country))
        self._city_names = [c[0] for c in data.CITIES]
        self._city_weights = [c[5] for c in data.CITIES]
        self._families = list(data.FAMILIES)
        self._family_weights = [data.FAMILIES[f]["weight"] for f in self._families]
        self._domains = [d for d, _ in data.PERSONAL_DOMAINS]
        self._domain_weights = [w for _, w in data.PERSONAL_DOMAINS]

    # 1. people ---------------------------------------------------------------------------------
    def build(self, total: int) -> None:
        duplicates = round(total * DUPLICATE_SHARE) if total >= 50 else 0
        for _ in range(total - duplicates):
            self._person()
        originals = self.rng.sample(range(len(self.candidates)), duplicates)
        for index in originals:
            self._duplicate_of(index)

    def _pick_name(self, city: str, english: bool) -> tuple[str, str, str]:
        rng = self.rng
        gender = rng.choice("FM")
        if english and city in ("London", "Montréal") and rng.random() < 0.75:
            return gender, rng.choice(data.EN_FIRST), rng.choice(data.EN_LAST)
        if rng.random() < 0.7:
            first = rng.choice(data.FR_FIRST_F if gender == "F" else data.FR_FIRST_M)
            return gender, first, rng.choice(data.FR_LAST)
        firsts, lasts, _ = rng.choices(data.INTL_GROUPS, weights=[g[2] for g in data.INTL_GROUPS])[0]
        first = rng.choice(firsts)
        return ("F" if first in data.INTL_FEMALE else "M"), first, rng.choice(lasts)

    def _person(self) -> None:
        rng = self.rng
        city = rng.choices(self._city_names, weights=self._city_weights)[0]
        country, tz, currency, coords = self._places[city]
        english = rng.random() < _ENGLISH_SHARE.get(city, 0.06)
        family_key = rng.choices(self._families, weights=self._family_weights)[0]
        family = data.FAMILIES[family_key]
        company = rng.choice(family["companies"]) if rng.random() < 0.85 else ""
        # Same name with the same company or city is what the import flags as a possible duplicate; the
        # demo wants its duplicates on purpose only, so draw another name (a few times) on a clash.
        for _attempt in range(30):
            gender, first, last = self._pick_name(city, english)
            clash = self._clash(fold(f"{first} {last}"), company, city)
            if clash is None:
                break
        index = self._candidate(
            first=first,
            last=last,
            gender=gender,
            city=city,
            country=country,
            tz=tz,
            currency=currency,
            coords=coords,
            english=english,
            family_key=family_key,
            company=company,
        )
        if clash is not None:
            self.reviews.append((clash, index, self._reason(clash, index)))

    def _clash(self, key: str, company: str, city: str) -> int | None:
        for other in self._by_name.get(key, ()):
            cand = self.candidates[other]
            if (company and cand.current_company == company) or cand.city == city:
                return other
        return None

    def _reason(self, first: int, second: int) -> tuple[str, str]:
        a, b = self.candidates[first], self.candidates[second]
        if a.current_company and a.current_company == b.current_company:
            return "company", a.current_company
        return "city", a.city

    def _candidate(
        self,
        *,
        first,
        last,
        gender,
        city,
        country,
        tz,
        currency,
        coords,
        english,
        family_key,
        company,
        title=None,
        source_kinds=None,
        with_phone=None,
        with_linkedin=None,
    ) -> int:
        rng, now = self.rng, self.now
        family = data.FAMILIES[family_key]
        title_m, title_f, title_en = rng.choice(family["titles"])
        title = title or (title_en if english else (title_f if gender == "F" else title_m))
        seniority = rng.choices(list(data.SENIORITY_WEIGHTS), weights=list(data.SENIORITY_WEIGHTS.values()))[
            0
        ]
        if (
            any(word in title_m or word in title_en for word in _SENIOR_WORDS)
            and title_en != "Product Manager"
        ):
            seniority = max(seniority, 40)
        years = rng.randint(*data.SENIORITY_YEARS[seniority])
        skills = rng.sample(family["skills"], k=min(len(family["skills"]), rng.randint(3, 7)))
        contracts = self._contracts(family)
        salary_amount, salary_period, salary_currency = self._salary(family, seniority, contracts, currency)
        remote = rng.choices(["onsite", "hybrid", "remote"], weights=family["remote"])[0]

        index = len(self.candidates)
        first_seen = now - timedelta(days=rng.randint(10, 6 * 365), minutes=rng.randint(0, 1439))
        kinds = source_kinds or self._source_kinds()
        activity = None
        if "application" in kinds or rng.random() < 0.35:
            activity = first_seen + timedelta(days=rng.randint(0, max(0, (now - first_seen).days)))
        basis = LegalBasis.CONSENT if rng.random() < 0.45 else LegalBasis.LEGITIMATE_INTEREST
        last_activity = activity or first_seen
        candidate = Candidate(
            public_id=uuid.UUID(int=rng.getrandbits(128), version=4),
            team=self.team,
            owner=rng.choices([self.users[0], self.users[1], None], weights=[5, 1, 4])[0],
            first_name=first,
            last_name=last,
            name_key=fold(f"{first} {last}"),
            headline=(f"{title} · {', '.join(skills[:3])}" if rng.random() < 0.7 else ""),
            current_title=title,
            current_company=company,
            seniority=seniority,
            years_experience=years,
            city=city,
            country=country,
            latitude=coords[0] if coords else None,
            longitude=coords[1] if coords else None,
            max_commute_km=rng.choice([10, 15, 20, 25, 30, 40, 50, 80]) if rng.random() < 0.7 else None,
            open_to_relocation=rng.choices([True, False, None], weights=[2, 4, 4])[0],
            remote_preference=remote if rng.random() < 0.85 else "",
            available_from=(now + timedelta(days=rng.randint(-30, 150))).date()
            if rng.random() < 0.3
            else None,
            notice_period_days=rng.choice([0, 15, 30, 60, 90, 90]) if rng.random() < 0.6 else None,
            salary_amount=salary_amount,
            salary_currency=salary_currency,
            salary_period=salary_period,
            preferred_language="en" if english else "fr",
            time_zone=tz,
            consent_basis=basis,
            consent_given_at=first_seen if basis == LegalBasis.CONSENT else None,
            # CNIL: keep a candidate two years after their last contact, then ask again or erase.
            consent_expires_at=last_activity + timedelta(days=730),
            consent_informed_via=data.CONSENT_INFORMED_VIA[kinds[0]],
            last_candidate_activity_at=activity,
            custom_fields=self._custom_fields(family_key),
        )
        if rng.random() < 0.01:
            candidate.unsubscribed_at = now - timedelta(days=rng.randint(1, 400))
        self.candidates.append(candidate)
        self._by_name.setdefault(candidate.name_key, []).append(index)

        # Mostly personal addresses, as candidates give them; some also left a work address.
        self.emails.append((index, self._email(first, last, ""), True))
        if company and rng.random() < 0.1:
            self.emails.append((index, self._email(first, last, company), False))
        if with_phone if with_phone is not None else rng.random() < 0.85:
            self.phones.append((index, self._phone(country)))
        if with_linkedin if with_linkedin is not None else rng.random() < 0.7:
            self.profiles.append(
                (index, "linkedin", self._profile_url("https://www.linkedin.com/in/", first, last))
            )
        if family_key in ("dev", "devops", "data") and rng.random() < 0.3:
            self.profiles.append((index, "github", self._profile_url("https://github.com/", first, last)))

        self.tags.append((index, CandidateTag.Kind.JOB_FAMILY, family["label"]))
        specialty = next(
            (
                data.SPECIALTIES[titles[2]]
                for titles in family["titles"]
                if title in titles and titles[2] in data.SPECIALTIES
            ),
            None,
        )
        if specialty:
            self.tags.append((index, CandidateTag.Kind.JOB_FAMILY, specialty))
        self.tags += [(index, CandidateTag.Kind.SKILL, s) for s in skills]
        self.tags += [(index, CandidateTag.Kind.CONTRACT, c) for c in contracts]
        for language in self._languages(english, country):
            self.tags.append((index, CandidateTag.Kind.LANGUAGE, language))
        for interest in rng.sample(data.INTERESTS, k=rng.choice([0, 0, 1, 2, 3])):
            self.tags.append((index, CandidateTag.Kind.INTEREST, interest))

        seen = first_seen
        for position, kind in enumerate(kinds):
            if position:
                seen = seen + timedelta(days=rng.randint(30, max(31, (now - seen).days or 31)))
                seen = min(seen, now)
            source = self._source(kind, family_key)
            self.sources.append((index, {**source, "first_seen_at": seen}))
            label = source["name"] or kind
            self.events.append(
                (
                    index,
                    {
                        "kind": TimelineEvent.Kind.IMPORTED,
                        "at": seen,
                        "params": {
                            "source": label,
                            "source_kind": kind,
                            "job": source["job"],
                            "referrer": source["referrer"],
                            "demo": True,
                        },
                    },
                )
            )
        if basis == LegalBasis.CONSENT:
            self.events.append(
                (
                    index,
                    {
                        "kind": TimelineEvent.Kind.CONSENT,
                        "at": first_seen,
                        "params": {
                            "via": candidate.consent_informed_via,
                            "basis": basis.value,
                            "expires_at": candidate.consent_expires_at.isoformat(),
                        },
                    },
                )
            )
        if rng.random() < 0.12:
            body = rng.choice(data.NOTES_EN if english else data.NOTES_FR)
            at = first_seen + timedelta(days=rng.randint(0, max(0, (now - first_seen).days)), hours=2)
            self.notes.append((index, body, min(at, now), self.users[1] if english else self.users[0]))
        if candidate.unsubscribed_at:
            self.events.append(
                (
                    index,
                    {
                        "kind": "unsubscribed",
                        "at": candidate.unsubscribed_at,
                        "params": {"via": "unsubscribe page"},
                    },
                )
            )
        candidate.search_text = fold(
            " ".join(
                p
                for p in (
                    first,
                    last,
                    title,
                    company,
                    candidate.headline,
                    city,
                    *(e for i, e, _ in self.emails[-2:] if i == index),
                    *skills,
                    family["label"],
                )
                if p
            )
        )
        return index

    def _duplicate_of(self, index: int) -> None:
        """The same person met twice: another email, no shared phone or LinkedIn, so no automatic merge."""
        rng = self.rng
        orig = self.candidates[index]
        country, tz, currency, coords = self._places[orig.city]
        family_key = next(
            k
            for k, f in data.FAMILIES.items()
            if orig.current_title in {t for titles in f["titles"] for t in titles}
        )
        same_company = bool(orig.current_company) and rng.random() < 0.6
        first, last = orig.first_name, orig.last_name
        if rng.random() < 0.4:
            # Typed again without accents, as an old ATS export often has it.
            first, last = fold(first).title(), fold(last).title()
        dup = self._candidate(
            first=first,
            last=last,
            gender="",
            city=orig.city,
            country=country,
            tz=tz,
            currency=currency,
            coords=coords,
            english=orig.preferred_language == "en",
            family_key=family_key,
            company=orig.current_company
            if same_company
            else rng.choice(data.FAMILIES[family_key]["companies"]),
            title=orig.current_title,
            source_kinds=[rng.choice(["import", "ats", "application"])],
            with_phone=False,
            with_linkedin=False,
        )
        self.reviews.append((index, dup, self._reason(index, dup)))

    def _contracts(self, family: dict) -> list[str]:
        options = list(family["contracts"])
        first = self.rng.choices(options, weights=list(family["contracts"].values()))[0]
        chosen = [first]
        if len(options) > 1 and self.rng.random() < 0.3:
            chosen.append(self.rng.choice([o for o in options if o != first]))
        return chosen

    def _salary(self, family: dict, seniority: int, contracts: list[str], currency: str):
        rng = self.rng
        if rng.random() < 0.2:
            return None, "", ""
        rate = _CURRENCY_RATE[currency]
        level = (seniority - 10) / 50
        if contracts[0] == "freelance":
            low, high = _FREELANCE_DAY_RATE
            return (
                int(round((low + (high - low) * level * rng.uniform(0.8, 1.1)) * rate, -1)),
                "day",
                currency,
            )
        if contracts[0] == "interim":
            low, high = _INTERIM_HOUR_RATE
            return int(round((low + (high - low) * level) * rng.uniform(0.95, 1.1) * rate)), "hour", currency
        low, high = family["salary"]
        amount = (low + (high - low) * level * rng.uniform(0.85, 1.15)) * 1000 * rate
        return int(round(amount, -3)), "year", currency

    def _languages(self, english: bool, country: str) -> list[str]:
        rng = self.rng
        languages = ["English"] if english else ["French"]
        if english and (country in ("CA", "BE", "CH", "FR") or rng.random() < 0.3):
            languages.append("French")
        if country == "PT":
            languages.append("Portuguese")
        for _ in range(rng.choice([0, 1, 1, 2])):
            extra = rng.choices(
                [x for x, _ in data.EXTRA_LANGUAGES], weights=[w for _, w in data.EXTRA_LANGUAGES]
            )[0]
            if extra not in languages:
                languages.append(extra)
        return languages

    def _custom_fields(self, family_key: str) -> dict:
        rng = self.rng
        values = {}
        if family_key in ("logistics", "technician", "sales", "nursing") and rng.random() < 0.8:
            values["driving_licence"] = rng.random() < 0.8
        if family_key in ("nursing", "logistics") and rng.random() < 0.7:
            values["night_shifts"] = rng.random() < 0.5
        return values

    def _source_kinds(self) -> list[str]:
        kinds = ["ats", "linkedin", "application", "referral", "import"]
        first = self.rng.choices(kinds, weights=[30, 20, 25, 10, 15])[0]
        if self.rng.random() < 0.25:
            return [first, self.rng.choice([k for k in kinds if k != first])]
        return [first]

    def _source(self, kind: str, family_key: str) -> dict:
        rng = self.rng
        source = {"kind": kind, "name": "", "referrer": "", "job": "", "external_id": ""}
        if kind == "ats":
            source["name"] = rng.choice(data.ATS_NAMES)
            source["external_id"] = f"{rng.getrandbits(40):010x}"
        elif kind == "linkedin":
            source["name"] = "linkedin"
        elif kind == "application":
            source["name"] = rng.choice(["welcometothejungle", "indeed", "site carrières", "hellowork"])
            source["job"] = rng.choice(data.JOB_OPENINGS[family_key])
        elif kind == "referral":
            source["referrer"] = rng.choice(data.REFERRERS)
        else:
            source["name"] = rng.choice(data.IMPORT_FILES)
        return source

    # 2. contact details, unique within the team -------------------------------------------------
    def _email(self, first: str, last: str, company: str) -> str:
        rng = self.rng
        f = re.sub(r"[^a-z0-9]+", "", fold(first)) or "contact"
        ln = re.sub(r"[^a-z0-9]+", "", fold(last)) or "candidat"
        if company:
            domain = re.sub(r"[^a-z0-9]+", "", fold(company)) + ".example"
            patterns = [(f"{f}.{ln}", 6), (f"{f[0]}{ln}", 3), (f, 1)]
        else:
            domain = rng.choices(self._domains, weights=self._domain_weights)[0]
            year = rng.choice([rng.randint(70, 99), rng.randint(1975, 2004)])
            patterns = [
                (f"{f}.{ln}", 10),
                (f"{f}{ln}", 3),
                (f"{f[0]}.{ln}", 3),
                (f"{ln}.{f}", 2),
                (f"{f}_{ln}", 1),
                (f"{f}.{ln}{year}", 4),
                (f"{f}{ln}{rng.randint(1, 99)}", 2),
                (f"{f}{year}", 2),
            ]
        locals_, weights = [p for p, _ in patterns], [w for _, w in patterns]
        for attempt in range(50):
            local = (
                rng.choices(locals_, weights=weights)[0] if attempt < 5 else f"{f}.{ln}{rng.randint(1, 9999)}"
            )
            email = f"{local}@{domain}"
            if email not in self._seen_emails:
                self._seen_emails.add(email)
                return email
        email = f"{f}.{ln}.{uuid.UUID(int=rng.getrandbits(128)).hex[:8]}@{domain}"
        self._seen_emails.add(email)
        return email

    def _phone(self, country: str) -> str:
        prefix, starts, digits = _PHONE_PATTERNS.get(country, _PHONE_PATTERNS["FR"])
        while True:
            number = (
                prefix + self.rng.choice(starts) + "".join(str(self.rng.randint(0, 9)) for _ in range(digits))
            )
            if number in self._seen_phones:
                continue
            if phonenumbers.is_valid_number(phonenumbers.parse(number)):
                self._seen_phones.add(number)
                return number

    def _profile_url(self, base: str, first: str, last: str) -> str:
        slug = re.sub(r"[^a-z0-9]+", "-", fold(f"{first} {last}")).strip("-")
        while True:
            suffix = self.rng.choice(["", f"-{self.rng.randint(1, 99)}", f"-{self.rng.getrandbits(32):08x}"])
            _kind, url = canonical_url(base + slug + suffix)
            if url not in self._seen_urls:
                self._seen_urls.add(url)
                return url

    # 3. writing --------------------------------------------------------------------------------
    def save(self) -> None:
        team, now = self.team, self.now
        CustomField.objects.bulk_create(
            [
                CustomField(team=team, key="driving_licence", label="Permis B", type=CustomField.Type.BOOL),
                CustomField(
                    team=team,
                    key="night_shifts",
                    label="Accepte le travail de nuit",
                    type=CustomField.Type.BOOL,
                ),
            ]
        )
        for i, kind, label in self.tags:  # the contract and language bits segments read (vivier.pool.facets)
            candidate = self.candidates[i]
            candidate.facets = (candidate.facets or 0) | facets.bits([(kind, fold(label)[:100])])
        names = facets.name_bits(team.pk, (source.get("name", "") for _, source in self.sources))
        for i, source in self.sources:
            candidate = self.candidates[i]
            candidate.source_bits = (candidate.source_bits or 0) | facets.source_bits(
                team.pk, [(source["kind"], source.get("name", ""))], names
            )
        Candidate.objects.bulk_create(self.candidates, batch_size=BATCH)
        if any(c.pk is None for c in self.candidates):
            # A database that does not return keys from a bulk insert: read them back by public id.
            ids = dict(Candidate.objects.filter(team=team).values_list("public_id", "pk"))
            for c in self.candidates:
                c.pk = ids[c.public_id]
        cands = self.candidates
        CandidateEmail.objects.bulk_create(
            [CandidateEmail(team=team, candidate=cands[i], email=e, is_primary=p) for i, e, p in self.emails],
            batch_size=BATCH,
        )
        CandidatePhone.objects.bulk_create(
            [CandidatePhone(team=team, candidate=cands[i], e164=n, raw=n) for i, n in self.phones],
            batch_size=BATCH,
        )
        CandidateProfile.objects.bulk_create(
            [CandidateProfile(team=team, candidate=cands[i], kind=k, url=u) for i, k, u in self.profiles],
            batch_size=BATCH,
        )
        CandidateTag.objects.bulk_create(
            [
                CandidateTag(
                    team=team, candidate=cands[i], kind=k, value=fold(label)[:100], label=label[:100]
                )
                for i, k, label in self.tags
            ],
            batch_size=BATCH,
            ignore_conflicts=True,
        )
        CandidateSource.objects.bulk_create(
            [CandidateSource(candidate=cands[i], **s) for i, s in self.sources], batch_size=BATCH
        )
        notes = [
            Note(public_id=self._uuid(), candidate=cands[i], author=author, body=body, created_at=at)
            for i, body, at, author in self.notes
        ]
        Note.objects.bulk_create(notes, batch_size=BATCH)
        events = [
            TimelineEvent(public_id=self._uuid(), team=team, candidate=cands[i], **e) for i, e in self.events
        ]
        events += [
            TimelineEvent(
                public_id=self._uuid(),
                team=team,
                candidate=cands[i],
                at=at,
                kind=TimelineEvent.Kind.NOTE,
                actor=author,
                params={"note": str(note.public_id), "body": body[:200]},
            )
            for (i, body, at, author), note in zip(self.notes, notes, strict=True)
        ]
        TimelineEvent.objects.bulk_create(events, batch_size=BATCH)
        # The pool was gathered over the years: a candidate is "added" when first seen (created_at is
        # auto_now_add, which bulk_create honours, hence one UPDATE afterwards).
        first_seen = CandidateSource.objects.filter(candidate=OuterRef("pk")).order_by("first_seen_at")
        Candidate.objects.filter(team=team).update(
            created_at=Subquery(first_seen.values("first_seen_at")[:1])
        )
        DuplicateReview.objects.bulk_create(
            [
                DuplicateReview(
                    public_id=self._uuid(),
                    team=team,
                    first=cands[a],
                    second=cands[b],
                    reason=f"Same name and {code} ({value})",
                    reason_code=code,
                    reason_params={"value": value},
                    created_at=now,
                )
                for a, b, (code, value) in self.reviews
            ],
            batch_size=BATCH,
        )

    def _uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)
