"""What the classifier reads of a reply: the strict visible text (``vivier.lib.mailparse.quotes``: no quoted
thread, footer, greeting or signature), folded with its line breaks kept (clauses end there)."""

from vivier.lib.mailparse.quotes import visible_text as _visible_text
from vivier.lib.text import fold as _fold


def visible_text(text: str) -> str:
    return _visible_text(text or "", strict=True)


def fold(text: str) -> str:
    return _fold(text, keep_lines=True)
