"""Create and update a candidate: profile fields, contacts, custom fields, owner."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from vivier.accounts.models import Team
from vivier.lib import clock
from vivier.lib.geo import place_lookup
from vivier.lib.normalize import InvalidValue, canonical_url, normalize_email, normalize_phone
from vivier.lib.text import fold, fold_cached, nfc

from .. import facets
from ..models import (
    Candidate,
    CandidateEmail,
    CandidatePhone,
    CandidateProfile,
    CandidateSource,
    CandidateTag,
    CustomField,
    TimelineEvent,
)
from .classify import candidates_classify
from .notes import tag_set
from .timeline import timeline_add


def candidate_refresh_search(*, candidate: Candidate) -> None:
    """Recompute the quick-search column from the candidate's current values."""
    parts = [
        candidate.first_name,
        candidate.last_name,
        candidate.current_title,
        candidate.current_company,
        candidate.headline,
        candidate.city,
    ]
    parts += [e.email for e in candidate.emails.all()]
    # What the job taxonomy inferred is not text anyone wrote: the quick search leaves it out.
    inferred = set((candidate.inferred or {}).get("job", ()))
    parts += [
        t.label
        for t in candidate.tags.all()
        if t.kind == CandidateTag.Kind.SKILL
        or (t.kind == CandidateTag.Kind.JOB_FAMILY and t.value not in inferred)
    ]
    text = search_text(parts)
    if text != candidate.search_text:
        Candidate.objects.filter(pk=candidate.pk).update(search_text=text)
        candidate.search_text = text


def search_text(parts) -> str:
    """The quick-search column: the folded non-empty parts, space-separated (the import calls it too)."""
    return " ".join(f for f in map(fold_cached, filter(None, parts)) if f)


def name_key(first_name: str, last_name: str) -> str:
    """Folded "first last": what the possible-duplicate check compares."""
    return " ".join(f for f in (fold_cached(first_name), fold_cached(last_name)) if f)


def source_add(
    *, candidate: Candidate, kind: str, name: str = "", first_seen_at: datetime | None = None, **details
) -> CandidateSource:
    """Record where the candidate came from (and keep ``source_bits`` in step: vivier.pool.facets)."""
    source = CandidateSource.objects.create(
        candidate=candidate, kind=kind, name=name, first_seen_at=first_seen_at or clock.now(), **details
    )
    facets.refresh(candidate, tags=False)
    return source


def email_add(*, candidate: Candidate, email: str, primary: bool = False) -> CandidateEmail:
    email_obj, _ = CandidateEmail.objects.get_or_create(
        team_id=candidate.team_id,
        email=email.strip().lower(),
        defaults={"candidate": candidate, "is_primary": primary},
    )
    return email_obj


# --- Candidates: create, update, owner ------------------------------------------------------------

# Single-valued profile fields a recruiter can set; create, update, merge and the API share this list.
PROFILE_FIELDS = (
    "first_name",
    "last_name",
    "headline",
    "current_title",
    "current_company",
    "seniority",
    "years_experience",
    "city",
    "country",
    "max_commute_km",
    "open_to_relocation",
    "remote_preference",
    "available_from",
    "notice_period_days",
    "salary_amount",
    "salary_currency",
    "salary_period",
    "preferred_language",
    "time_zone",
    "consent_basis",
    "consent_given_at",
    "consent_expires_at",
    "consent_informed_via",
    "last_candidate_activity_at",
)
TEXT_FIELDS = {
    "first_name",
    "last_name",
    "headline",
    "current_title",
    "current_company",
    "city",
    "country",
    "remote_preference",
    "salary_currency",
    "salary_period",
    "preferred_language",
    "time_zone",
    "consent_basis",
    "consent_informed_via",
}
# Multi-valued fields, given as lists: emails (the first is primary), phones, profile URLs, tags by kind.
LIST_FIELDS = ("emails", "phones", "profiles", "tags", "custom_fields", "owner")


class CandidateInvalid(ValidationError):
    """Field errors a recruiter can read: ``exc.message_dict == {"emails": ["..."]}``."""


class CandidateExists(CandidateInvalid):
    """An email, phone or LinkedIn URL already belongs to a candidate of the team's pool."""

    def __init__(self, errors, *, existing: Candidate):
        super().__init__(errors)
        self.existing = existing


def _is_empty(value) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _clean_profile_fields(values: dict) -> dict:
    cleaned = {}
    for name, value in values.items():
        if name in TEXT_FIELDS:
            value = nfc(value)
        if name == "country" or name == "salary_currency":
            value = value.upper()
        cleaned[name] = value
    return cleaned


def _tag_errors(tags: dict | None) -> dict:
    unknown = sorted(set(tags or {}) - set(CandidateTag.Kind.values))
    if unknown:
        return {"tags": [_("Unknown kind of values: %(kinds)s.") % {"kinds": ", ".join(unknown)}]}
    return {}


def _clean_contacts(*, team: Team, emails=None, phones=None, profiles=None) -> tuple[dict, dict]:
    """Normalize the multi-valued contacts; returns (cleaned, errors)."""
    cleaned, errors = {}, {}
    if emails is not None:
        out = []
        for raw in emails:
            if not nfc(raw):
                continue
            try:
                email = normalize_email(raw)
            except InvalidValue:
                errors.setdefault("emails", []).append(
                    _("“%(value)s” is not a valid email address.") % {"value": raw}
                )
                continue
            if email not in out:
                out.append(email)
        cleaned["emails"] = out
    if phones is not None:
        out = []
        for raw in phones:
            if not nfc(raw):
                continue
            try:
                e164 = normalize_phone(raw, team.default_region)
            except InvalidValue:
                errors.setdefault("phones", []).append(
                    _("“%(value)s” is not a valid phone number.") % {"value": raw}
                )
                continue
            if e164 not in [p for p, _raw in out]:
                out.append((e164, nfc(raw)[:50]))
        cleaned["phones"] = out
    if profiles is not None:
        out = []
        for raw in profiles:
            if not nfc(raw):
                continue
            try:
                kind, url = canonical_url(raw)
            except InvalidValue:
                errors.setdefault("profiles", []).append(
                    _("“%(value)s” is not a valid web address.") % {"value": raw}
                )
                continue
            if url not in [u for _, u in out]:
                out.append((kind, url))
        cleaned["profiles"] = out
    return cleaned, errors


def _find_existing(
    *, team: Team, contacts: dict, exclude: Candidate | None = None
) -> tuple[Candidate, dict] | None:
    """The candidate already holding one of these emails, phones or LinkedIn URLs, with the field errors."""
    checks = (
        ("emails", CandidateEmail, "email", contacts.get("emails") or []),
        ("phones", CandidatePhone, "e164", [p for p, _raw in contacts.get("phones") or []]),
        (
            "profiles",
            CandidateProfile,
            "url",
            [u for k, u in contacts.get("profiles") or [] if k == "linkedin"],
        ),
    )
    for field, model, column, values in checks:
        if not values:
            continue
        rows = model.objects.filter(team=team, **{f"{column}__in": values}).select_related("candidate")
        if exclude is not None:
            rows = rows.exclude(candidate=exclude)
        row = rows.first()
        if row is not None:
            message = _("%(value)s already belongs to %(name)s in this pool.") % {
                "value": getattr(row, column),
                "name": row.candidate.full_name or row.candidate.public_id,
            }
            return row.candidate, {field: [message]}
    return None


def custom_fields_clean(*, team: Team, values: dict) -> dict:
    """Validate typed values against the team's CustomField definitions; stored as JSON (dates in ISO)."""
    definitions = {f.key: f for f in CustomField.objects.filter(team=team)}
    cleaned, errors = {}, []
    for key, value in (values or {}).items():
        definition = definitions.get(key)
        if definition is None:
            errors.append(_("Unknown custom field “%(key)s”.") % {"key": key})
            continue
        if _is_empty(value):
            continue
        try:
            cleaned[key] = _custom_value(definition, value)
        except (TypeError, ValueError):
            errors.append(
                _("%(label)s: “%(value)s” is not a valid %(type)s.")
                % {"label": definition.label, "value": value, "type": definition.get_type_display().lower()}
            )
    if errors:
        raise CandidateInvalid({"custom_fields": errors})
    return cleaned


def _custom_value(definition: CustomField, value):
    kind = definition.type
    if kind == CustomField.Type.TEXT:
        return nfc(str(value))
    if kind == CustomField.Type.NUMBER:
        if isinstance(value, bool):
            raise ValueError(value)
        number = float(str(value).replace(",", ".").replace(" ", ""))
        return int(number) if number.is_integer() else number
    if kind == CustomField.Type.DATE:
        return (
            value.isoformat()
            if isinstance(value, date)
            else date.fromisoformat(str(value).strip()).isoformat()
        )
    if kind == CustomField.Type.BOOL:
        if isinstance(value, bool):
            return value
        lowered = fold(str(value))
        if lowered in ("1", "true", "yes", "oui", "vrai", "on"):
            return True
        if lowered in ("0", "false", "no", "non", "faux", "off"):
            return False
        raise ValueError(value)
    if kind == CustomField.Type.CHOICE:
        if str(value) not in [str(c) for c in definition.choices]:
            raise ValueError(value)
        return str(value)
    raise ValueError(kind)


def _locate(candidate: Candidate) -> None:
    if candidate.city:
        found = place_lookup(candidate.city, candidate.country or None)
        candidate.latitude, candidate.longitude = found if found else (None, None)
    else:
        candidate.latitude = candidate.longitude = None


def _validate_model(candidate: Candidate) -> None:
    try:
        candidate.full_clean(
            exclude=["team", "owner", "name_key", "search_text", "custom_fields"],
            validate_unique=False,
            validate_constraints=False,
        )
    except ValidationError as exc:
        raise CandidateInvalid(exc.message_dict) from exc


def _save_contacts(*, candidate: Candidate, contacts: dict, replace: bool) -> None:
    team_id = candidate.team_id
    if "emails" in contacts:
        if replace:
            candidate.emails.exclude(email__in=contacts["emails"]).delete()
        existing = {e.email: e for e in candidate.emails.all()}
        for position, email in enumerate(contacts["emails"]):
            is_primary = position == 0
            row = existing.get(email)
            if row is None:
                CandidateEmail.objects.create(
                    team_id=team_id, candidate=candidate, email=email, is_primary=is_primary
                )
            elif row.is_primary != is_primary:
                CandidateEmail.objects.filter(pk=row.pk).update(is_primary=is_primary)
    if "phones" in contacts:
        wanted = [p for p, _raw in contacts["phones"]]
        if replace:
            candidate.phones.exclude(e164__in=wanted).delete()
        existing = set(candidate.phones.values_list("e164", flat=True))
        CandidatePhone.objects.bulk_create(
            [
                CandidatePhone(team_id=team_id, candidate=candidate, e164=p, raw=raw)
                for p, raw in contacts["phones"]
                if p not in existing
            ]
        )
    if "profiles" in contacts:
        wanted = [u for _, u in contacts["profiles"]]
        if replace:
            candidate.profiles.exclude(url__in=wanted).delete()
        existing = set(candidate.profiles.values_list("url", flat=True))
        CandidateProfile.objects.bulk_create(
            [
                CandidateProfile(team_id=team_id, candidate=candidate, kind=k, url=u)
                for k, u in contacts["profiles"]
                if u not in existing
            ]
        )


@transaction.atomic
def candidate_create(
    *,
    team: Team,
    by=None,
    first_name: str = "",
    last_name: str = "",
    emails: list[str] = (),
    phones: list[str] = (),
    profiles: list[str] = (),
    tags: dict[str, list[str]] | None = None,
    custom_fields: dict | None = None,
    source: dict | None = None,
    owner=None,
    **fields,
) -> Candidate:
    """Add one candidate by hand (page, API).

    1. Normalize names, emails (first is primary), phones (E.164 in the team's region), profile URLs.
    2. Refuse with field errors (``CandidateInvalid``) or, when an email, phone or LinkedIn URL is already
       in the team's pool, with ``CandidateExists`` pointing to that candidate.
    3. Save the candidate, its contacts, tags, source; record ``created`` on the timeline.
    """
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"unknown candidate fields: {', '.join(sorted(unknown))}")
    values = _clean_profile_fields({"first_name": first_name, "last_name": last_name, **fields})
    contacts, errors = _clean_contacts(
        team=team, emails=list(emails), phones=list(phones), profiles=list(profiles)
    )
    if not (values["first_name"] or values["last_name"] or contacts["emails"]):
        errors.setdefault("last_name", []).append(_("Give at least a name or an email address."))
    errors.update(_tag_errors(tags))
    if errors:
        raise CandidateInvalid(errors)
    found = _find_existing(team=team, contacts=contacts)
    if found:
        existing, errors = found
        raise CandidateExists(errors, existing=existing)
    candidate = Candidate(team=team, owner=owner, **{k: v for k, v in values.items() if v is not None})
    candidate.custom_fields = custom_fields_clean(team=team, values=custom_fields or {})
    candidate.name_key = name_key(candidate.first_name, candidate.last_name)
    _locate(candidate)
    _validate_model(candidate)
    candidate.save()
    _save_contacts(candidate=candidate, contacts=contacts, replace=False)
    for kind, labels in (tags or {}).items():
        tag_set(candidate=candidate, kind=kind, labels=labels)
    source_add(candidate=candidate, **(source or {"kind": CandidateSource.Kind.MANUAL}))
    _classify(candidate)
    timeline_add(
        candidate=candidate,
        kind=TimelineEvent.Kind.CREATED,
        actor=by,
        params={"how": "manual"},
    )
    candidate_refresh_search(candidate=candidate)
    return candidate


def _actor_name(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def _display(value):
    """A JSON-safe value for the timeline's old -> new record."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def _snapshot(candidate: Candidate) -> dict:
    return {
        "emails": [e.email for e in candidate.emails.all()],
        "phones": [p.e164 for p in candidate.phones.all()],
        "profiles": [p.url for p in candidate.profiles.all()],
    }


@transaction.atomic
def candidate_update(*, candidate: Candidate, by=None, **changes) -> Candidate:
    """Change profile fields, contacts (lists replace the current ones), tags by kind, custom fields.

    Records one ``edited`` event with ``{"changes": {field: [old, new]}}``; nothing changed, nothing recorded.
    """
    unknown = set(changes) - set(PROFILE_FIELDS) - set(LIST_FIELDS)
    if unknown:
        raise TypeError(f"unknown candidate fields: {', '.join(sorted(unknown))}")
    team = candidate.team
    values = _clean_profile_fields({k: v for k, v in changes.items() if k in PROFILE_FIELDS})
    contacts, errors = _clean_contacts(
        team=team,
        emails=changes.get("emails"),
        phones=changes.get("phones"),
        profiles=changes.get("profiles"),
    )
    errors.update(_tag_errors(changes.get("tags")))
    if errors:
        raise CandidateInvalid(errors)
    found = _find_existing(team=team, contacts=contacts, exclude=candidate)
    if found:
        existing, errors = found
        raise CandidateExists(errors, existing=existing)
    custom = None
    if "custom_fields" in changes:
        custom = custom_fields_clean(team=team, values=changes["custom_fields"])
    owner = changes.get("owner", candidate.owner)
    if owner is not None and owner != candidate.owner and not owner.memberships.filter(team=team).exists():
        raise CandidateInvalid({"owner": [_("The owner must be a member of this team.")]})

    diff = {}
    for name, new in values.items():
        if new is None and name in TEXT_FIELDS:
            new = ""
        old = getattr(candidate, name)
        if old != new:
            diff[name] = [_display(old), _display(new)]
            setattr(candidate, name, new)
    if custom is not None and custom != candidate.custom_fields:
        diff["custom_fields"] = [candidate.custom_fields, custom]
        candidate.custom_fields = custom
    if owner != candidate.owner:
        diff["owner"] = [_actor_name(candidate.owner), _actor_name(owner)]
        candidate.owner = owner
    if not (
        candidate.first_name or candidate.last_name or contacts.get("emails") or candidate.emails.exists()
    ):
        raise CandidateInvalid({"last_name": [_("Give at least a name or an email address.")]})
    before = _snapshot(candidate)
    if "city" in diff or "country" in diff:
        _locate(candidate)
    candidate.name_key = name_key(candidate.first_name, candidate.last_name)
    _validate_model(candidate)
    candidate.save()
    _save_contacts(candidate=candidate, contacts=contacts, replace=True)
    after = _snapshot(candidate)
    for name in ("emails", "phones", "profiles"):
        if name in contacts and before[name] != after[name]:
            diff[name] = [before[name], after[name]]
    for kind, labels in (changes.get("tags") or {}).items():
        old = sorted(candidate.tags.filter(kind=kind).values_list("label", flat=True))
        tag_set(candidate=candidate, kind=kind, labels=labels)
        new = sorted(candidate.tags.filter(kind=kind).values_list("label", flat=True))
        if old != new:
            diff[f"tags.{kind}"] = [old, new]
    edited = [name for key, name in _STATED.items() if key in diff]
    if edited:
        _stated(candidate, edited)
    if diff.keys() & {"current_title", "headline", "seniority", "years_experience", "tags.job"}:
        _classify(candidate)
    if diff:
        timeline_add(
            candidate=candidate,
            kind=TimelineEvent.Kind.EDITED,
            actor=by,
            params={"changes": diff},
        )
        candidate_refresh_search(candidate=candidate)
    return candidate


# What a person edits on the form, by the name the edit records: stated from then on.
_STATED = {"seniority": "seniority", "years_experience": "years_experience", "tags.job": "job"}


def _stated(candidate: Candidate, names: list[str]) -> None:
    """Record that a person set (or emptied) these values: inference never refills or replaces them."""
    record = dict(candidate.inferred or {})
    for name in names:
        record.pop(name, None)
    record["stated"] = sorted({*record.get("stated", ()), *names})
    candidate.inferred = record
    Candidate.objects.filter(pk=candidate.pk).update(inferred=record)


def _classify(candidate: Candidate) -> None:
    """Fill what the job taxonomy infers from the title and headline (services.classify)."""
    if candidates_classify(team_id=candidate.team_id, ids=[candidate.pk]):
        fresh = Candidate.objects.values("seniority", "years_experience", "inferred").get(pk=candidate.pk)
        for name, value in fresh.items():
            setattr(candidate, name, value)


def field_label(name: str) -> str:
    """The translated label of a candidate field name as recorded in timeline changes."""
    if name.startswith("tags."):
        return str(dict(CandidateTag.Kind.choices).get(name[5:], name))
    labels = {
        "emails": _("emails"),
        "phones": _("phones"),
        "profiles": _("profiles"),
        "custom_fields": _("custom fields"),
        "owner": _("owner"),
    }
    if name in labels:
        return str(labels[name])
    try:
        return str(Candidate._meta.get_field(name).verbose_name)
    except Exception:
        return name


def candidate_set_owner(*, candidate: Candidate, owner, by=None) -> Candidate:
    """Give the candidate to a recruiter of the team (or to nobody); recorded on the timeline."""
    return candidate_update(candidate=candidate, by=by, owner=owner)


# --- Custom field definitions ------------------------------------------------------------------------


def custom_field_create(
    *,
    team: Team,
    label: str,
    type: str = CustomField.Type.TEXT,
    key: str = "",
    choices: list[str] | None = None,
) -> CustomField:
    """Define a typed field for the team's candidates (values live in ``Candidate.custom_fields[key]``)."""
    from django.utils.text import slugify

    label = nfc(label)
    key = slugify(key or fold(label)).replace("-", "_")[:50]
    errors = {}
    if not label or not key:
        errors["label"] = [_("Give the field a name.")]
    if type not in CustomField.Type.values:
        errors["type"] = [_("Unknown field type.")]
    choices = [nfc(c) for c in (choices or []) if nfc(c)]
    if type == CustomField.Type.CHOICE and not choices:
        errors["choices"] = [_("A choice field needs at least one choice.")]
    if key and CustomField.objects.filter(team=team, key=key).exists():
        errors["label"] = [_("A field with this name already exists.")]
    if errors:
        raise CandidateInvalid(errors)
    return CustomField.objects.create(
        team=team, key=key, label=label, type=type, choices=choices if type == CustomField.Type.CHOICE else []
    )


def custom_field_delete(*, field: CustomField) -> None:
    """Remove the definition; values already entered stay on the candidates (nothing is dropped)."""
    field.delete()
