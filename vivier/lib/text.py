"""Text normalization: display values (``nfc``) and the one folding every matcher uses (``fold``): the pool's
search keys, name keys and tag values, segment queries, reply understanding and dates."""

import re
import unicodedata
from functools import lru_cache

# C0 controls but tab, line feed and carriage return; DEL; C1 controls; lone surrogates (JSON can escape
# them, no database can store them). A NUL cannot be stored by PostgreSQL, and any of them in a name ends
# up in a mail header that the transport refuses.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def strip_controls(value: str) -> str:
    """``value`` without control characters or lone surrogates (tab and line breaks are kept)."""
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


# Typographic marks people's keyboards and mail clients put in, and the ligatures NFKD leaves alone. The
# common French letters are listed too (same result as NFKD): most text is then ASCII and skips NFKD.
_PLAIN = str.maketrans(
    {
        **dict(zip("éèêëàâäùûüôöîïçÿ", "eeeeaaauuuooiicy", strict=True)),
        "’": "'",
        "‘": "'",
        "«": '"',
        "»": '"',
        "“": '"',
        "”": '"',
        "\u00a0": " ",
        "\u202f": " ",
        "œ": "oe",
        "æ": "ae",
    }
)


def fold(value: str | None, *, keep_lines: bool = False) -> str:
    """Lower-case, accents stripped, typographic quotes and ligatures made plain: 'Hélène  Dupré’s cœur' ->
    'helene dupre's coeur'. For matching, never for display.

    Whitespace is trimmed and collapsed (keys, names, queries) unless ``keep_lines``: readers of a message
    (reply understanding, dates) keep its line breaks, where clauses and signatures end.
    """
    if not value:
        return ""
    text = (str(value) if keep_lines else nfc(value)).casefold().translate(_PLAIN)
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
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
