"""Parsing inbound mail (model-free): kind, sender, threading ids, visible text, return date, bounce.

from vivier.lib.mailparse import parse_message
parsed = parse_message(raw_bytes)   # ParsedMessage, or MailParseError for bytes that are not mail
"""

from .detect import Bounce
from .htmltext import html_to_text
from .message import MailParseError, ParsedMessage, parse_message, raw_digest
from .quotes import cut_quoted, cut_signature, visible_text

__all__ = [
    "Bounce",
    "MailParseError",
    "ParsedMessage",
    "cut_quoted",
    "cut_signature",
    "html_to_text",
    "parse_message",
    "raw_digest",
    "visible_text",
]
