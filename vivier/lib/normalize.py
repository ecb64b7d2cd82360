"""Normalization of what recruiters import and type: emails, phones, profile URLs.

Each function returns the canonical form or raises ``InvalidValue`` with a message a recruiter can read.
"""

import re
from urllib.parse import urlsplit, urlunsplit

from vivier.lib.text import nfc


class InvalidValue(ValueError):
    pass


def normalize_email(value: str) -> str:
    """Trim, NFC, lower-case; syntax checked (no DNS lookup: imports must work offline and fast)."""
    value = nfc(value).strip("<>\"' ").replace("mailto:", "")
    if not value:
        raise InvalidValue("empty email")
    # Imported here: quick commands load this module without ever normalizing an address.
    from email_validator import EmailNotValidError, validate_email

    try:
        result = validate_email(value, check_deliverability=False, allow_smtputf8=True)
    except EmailNotValidError as exc:
        raise InvalidValue(f"invalid email {value!r}: {exc}") from exc
    # Refused rather than sent with SMTPUTF8: every server on the way (the recruiter's, the candidate's)
    # must support it, and a message that cannot leave would only wait in the queue. A non-ASCII domain
    # is kept in its ASCII (IDNA) form, which any server delivers.
    if not result.local_part.isascii():
        raise InvalidValue(
            f"invalid email {value!r}: the part before the @ has accented or non-Latin letters, "
            f"which most mail servers cannot deliver; ask the candidate for another address"
        )
    return (result.ascii_email or result.normalized).lower()


def normalize_phone(value: str, region: str = "FR") -> str:
    """E.164 (+33612345678). Numbers without a country code are read in the team's region."""
    value = nfc(value)
    if not value:
        raise InvalidValue("empty phone")
    if value.startswith("00"):
        value = "+" + value[2:]
    import phonenumbers  # here, like email_validator above

    try:
        number = phonenumbers.parse(value, region.upper() or None)
    except phonenumbers.NumberParseException as exc:
        raise InvalidValue(f"invalid phone {value!r}: {exc}") from exc
    if not phonenumbers.is_possible_number(number):
        raise InvalidValue(f"invalid phone {value!r}: not a possible number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


_LINKEDIN_HOST = re.compile(r"^([a-z]{2,3}\.)?(www\.)?linkedin\.com$")
_LINKEDIN_PROFILE = re.compile(r"^/(in|pub)/([^/?#]+)")


def canonical_url(value: str) -> tuple[str, str]:
    """Return ``(kind, canonical_url)`` where kind is linkedin, github or other.

    LinkedIn: ``https://www.linkedin.com/in/<slug>`` whatever the country subdomain, scheme, trailing
    slash, query string or case; GitHub: ``https://github.com/<user>``.
    """
    value = nfc(value)
    if not value:
        raise InvalidValue("empty URL")
    if "://" not in value:
        value = "https://" + value
    try:
        parts = urlsplit(value)
    except ValueError as exc:
        raise InvalidValue(f"invalid URL {value!r}") from exc
    host = (parts.hostname or "").lower()
    if not host or "." not in host:
        raise InvalidValue(f"invalid URL {value!r}")
    path = parts.path or "/"
    if _LINKEDIN_HOST.match(host):
        match = _LINKEDIN_PROFILE.match(path)
        if match:
            from urllib.parse import unquote

            slug = unquote(match.group(2)).lower()
            return "linkedin", f"https://www.linkedin.com/in/{slug}"
        return "linkedin", urlunsplit(("https", "www.linkedin.com", path.rstrip("/") or "/", "", ""))
    if host in ("github.com", "www.github.com"):
        user = path.strip("/").split("/")[0].lower()
        return "github", f"https://github.com/{user}" if user else "https://github.com"
    host = host.removeprefix("www.")
    return "other", urlunsplit(("https", host, path.rstrip("/") or "", parts.query, ""))
