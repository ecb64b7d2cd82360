"""Text normalization shared by the pool (search keys, name keys, tag values)."""

import unicodedata


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
