"""Text normalization shared by the pool (search keys, name keys, tag values)."""

import re
import unicodedata
from functools import lru_cache

# C0 controls but tab, line feed and carriage return; DEL; C1 controls. A NUL cannot be stored by
# PostgreSQL, and any of them in a name ends up in a mail header that the transport refuses.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def strip_controls(value: str) -> str:
    """``value`` without control characters (tab and line breaks are kept)."""
    return value if value.isprintable() else _CONTROLS.sub("", value)


def strip_controls_deep(value):
    """``strip_controls`` over every string of a JSON-like value (dict keys included)."""
    if isinstance(value, str):
        return strip_controls(value)
    if isinstance(value, list):
        return [strip_controls_deep(v) for v in value]
    if isinstance(value, dict):
        return {strip_controls_deep(k): strip_controls_deep(v) for k, v in value.items()}
    return value


def nfc(value: str | None) -> str:
    """Trim, NFC-normalize and collapse inner whitespace."""
    if not value:
        return ""
    return " ".join(unicodedata.normalize("NFC", str(value)).split())


def fold(value: str | None) -> str:
    """Lower-case and strip accents: 'Hélène  Dupré' -> 'helene dupre'. For matching, never for display."""
    if not value:
        return ""
    decomposed = unicodedata.normalize("NFKD", nfc(value).casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=65536)
def fold_cached(value: str) -> str:
    """``fold`` with a cache and an ASCII fast path (same results): names, cities, companies and skills
    repeat thousands of times in a pool, and an import or a dedupe folds each of them again and again."""
    if not value:
        return ""
    if value.isascii():
        return " ".join(value.lower().split())
    return fold(value)
