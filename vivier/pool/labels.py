"""Values stored as codes, shown as labels in the reader's language: tags (job families, languages,
contracts), duplicate reasons, import errors, phone numbers.

The stored value stays what the code, the API and the CLI read (a tag's value, a reason's code and params, an
import error's code and params); only what a page shows is worded here, with the language active when it
renders.
"""

from __future__ import annotations

import phonenumbers
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vivier.lib.text import fold

from . import facets, taxonomy
from .import_problems import LABELS
from .models import CandidateTag, ContractType

LANGUAGE_NAMES = {
    "fr": gettext_lazy("French"),
    "en": gettext_lazy("English"),
    "de": gettext_lazy("German"),
    "es": gettext_lazy("Spanish"),
    "it": gettext_lazy("Italian"),
    "pt": gettext_lazy("Portuguese"),
    "nl": gettext_lazy("Dutch"),
    "zh": gettext_lazy("Chinese"),
}


def language_name(code_or_name: str) -> str:
    """``fr``, ``français`` or ``French`` -> "French" in English, "Français" in French; others as given."""
    names = facets.LANGUAGES.get(fold(code_or_name).strip())
    code = next((c for c in LANGUAGE_NAMES if names and c in names), None)
    return str(LANGUAGE_NAMES[code]) if code else code_or_name


def tag_label(kind: str, value: str, label: str) -> str:
    """A tag as the reader reads it: a job family or specialty from the taxonomy, a language or a contract
    by its name in the reader's language, anything else as it was typed."""
    if kind == CandidateTag.Kind.JOB_FAMILY:
        lang = translation.get_language() or "fr"
        return taxonomy.default().label(value, lang) or taxonomy.default().label(label, lang) or label
    if kind == CandidateTag.Kind.LANGUAGE:
        return language_name(value) if language_name(value) != value else language_name(label)
    if kind == CandidateTag.Kind.CONTRACT:
        return str(dict(ContractType.choices).get(value, label))
    return label


# --- Duplicate reasons ------------------------------------------------------------------------------

DUPLICATE_REASONS = {
    "company": gettext_lazy("same name and company (%(value)s)"),
    "city": gettext_lazy("same name and city (%(value)s)"),
    "linked": gettext_lazy("share an email, phone or profile in one import row"),
}


def duplicate_reason_label(code: str, params: dict | None) -> str:
    """Why a pair is queued for review (``DuplicateReview.reason_code`` and ``reason_params``)."""
    label = DUPLICATE_REASONS.get(code)
    return str(label) % {"value": "", **(params or {})} if label else ""


# --- Import errors ----------------------------------------------------------------------------------


def import_error_label(error: dict | None) -> str:
    """An import problem (``{"code", "params"}``, see ``import_problems``) in the reader's language, the
    file's name before it and the "row imported" note after it when it has them."""
    error = error or {"code": "stopped", "params": {}}
    params = error.get("params") or {}
    label = LABELS.get(error.get("code", ""), LABELS["stopped"])
    message = str(label) % params if "%(" in str(label) else str(label)
    if params.get("kept"):
        message = _("%(error)s (row imported; the value is kept on the timeline)") % {"error": message}
    if params.get("file"):
        message = f"{params['file']}: {message}"
    return message


# --- Phone numbers ----------------------------------------------------------------------------------


def phone_display(e164: str, region: str | None) -> str:
    """National format for a number of the reader's region (``06 12 34 56 78``), international otherwise
    (``+44 7700 900123``); a number that does not parse is shown as stored."""
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    if region and phonenumbers.region_code_for_number(number) == region.upper():
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
