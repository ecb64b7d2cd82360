"""Values stored as codes, shown as labels in the reader's language: tags (job families, languages,
contracts), duplicate reasons, import errors, phone numbers.

The stored value stays what the code, the API and the CLI read (a tag's value, a reason's English code, an
import error's message); only what a page shows is worded here, with the language active when it renders.
"""

from __future__ import annotations

import re

import phonenumbers
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vivier.lib.text import fold

from . import facets, taxonomy
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

_REASONS = (
    (
        re.compile(r"^same name and company \((?P<value>.*)\)$", re.I),
        gettext_lazy("same name and company (%(value)s)"),
    ),
    (
        re.compile(r"^same name and city \((?P<value>.*)\)$", re.I),
        gettext_lazy("same name and city (%(value)s)"),
    ),
)


def duplicate_reason_label(reason: str) -> str:
    for pattern, label in _REASONS:
        match = pattern.match(reason or "")
        if match:
            return str(label) % {"value": match["value"]}
    return reason or ""


# --- Import errors ----------------------------------------------------------------------------------

# The importer words its errors in English (the CLI and the API print them as they are); a page shows them
# in the reader's language. An unknown message is shown as it is.
_IMPORT_ERRORS = [
    (
        r"too many columns: (?P<cells>\d+) cells but the header has (?P<width>\d+)(?: \(.*\))?",
        gettext_lazy(
            "too many columns: %(cells)s cells but the header has %(width)s (a delimiter inside a value?)"
        ),
    ),
    (r"unreadable row \((?P<detail>.*)\)", gettext_lazy("unreadable row (%(detail)s)")),
    (
        r"broken encoding \(unreadable characters\) in column (?P<columns>.*?): .*",
        gettext_lazy(
            "broken encoding (unreadable characters) in column %(columns)s: fix the file’s encoding and "
            "import it again"
        ),
    ),
    (
        r"no usable email, phone or LinkedIn URL: (?P<detail>.*)",
        gettext_lazy("no usable email, phone or LinkedIn URL: %(detail)s"),
    ),
    (
        r"no email, phone or LinkedIn URL: .*",
        gettext_lazy(
            "no email, phone or LinkedIn URL: a candidate needs at least one to be told apart from the others"
        ),
    ),
    (r"invalid email (?P<value>'.*'|\".*\"): .*", gettext_lazy("invalid email %(value)s")),
    (r"invalid phone (?P<value>'.*'|\".*\"): .*", gettext_lazy("invalid phone number %(value)s")),
    (r"invalid URL (?P<value>.*)", gettext_lazy("invalid web address %(value)s")),
    (r"the file is empty", gettext_lazy("the file is empty")),
    (r"the file has no header row", gettext_lazy("the file has no header row")),
    (r"the first sheet has no header row", gettext_lazy("the first sheet has no header row")),
    (
        r"the file has (?P<width>\d+) columns; Vivier reads at most (?P<max>\d+)",
        gettext_lazy("the file has %(width)s columns; Vivier reads at most %(max)s"),
    ),
    (
        r"this is a web page \(HTML\), not a CSV or Excel file.*",
        gettext_lazy(
            "this is a web page (HTML), not a CSV or Excel file: open it in Excel and save it as CSV or XLSX"
        ),
    ),
    (
        r"this Excel file cannot be read: (?P<detail>.*)",
        gettext_lazy("this Excel file cannot be read: %(detail)s"),
    ),
    (r"(?P<count>\d+) more errors not listed", gettext_lazy("%(count)s more errors not listed")),
]
_IMPORT_ERRORS_RE = [(re.compile(f"^{pattern}$", re.S), label) for pattern, label in _IMPORT_ERRORS]
_KEPT = " (row imported; the value is kept on the timeline)"
_FILE_PREFIX = re.compile(r"^(?P<file>[^:\s][^:]*\.(?:csv|tsv|txt|xlsx?|ods)): ", re.I)


def import_error_label(message: str) -> str:
    """An import error in the reader's language (a file name before it and the "row imported" note kept)."""
    message = message or ""
    prefix = ""
    found = _FILE_PREFIX.match(message)
    if found:
        prefix, message = found.group(0), message[found.end() :]
    kept = message.endswith(_KEPT)
    if kept:
        message = message[: -len(_KEPT)]
    for pattern, label in _IMPORT_ERRORS_RE:
        match = pattern.match(message)
        if match:
            message = str(label) % match.groupdict()
            break
    if kept:
        message = _("%(error)s (row imported; the value is kept on the timeline)") % {"error": message}
    return prefix + message


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
