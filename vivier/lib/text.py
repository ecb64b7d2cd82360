"""Text normalization shared by the pool (search keys, name keys, tag values)."""

import unicodedata
from functools import lru_cache


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
