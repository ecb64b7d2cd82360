"""Step 1 of a query: the search-box string cut into tokens (and one term written back as text)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from dataclasses import field as dc_field

from django.utils.translation import gettext as _


class QueryError(ValueError):
    def __init__(self, position: int, message: str):
        super().__init__(f"{message} (at position {position})")
        self.position = position
        self.message = message


@dataclass
class Token:
    kind: str  # "(" ")" "OR" "AND" "NOT" "TERM" "WORD" "END"
    pos: int
    text: str = ""
    field: str = ""
    op: str = ""
    values: list[str] = dc_field(default_factory=list)
    value_pos: int = 0
    value_positions: list[int] = dc_field(default_factory=list)
    end: int = 0  # index just after the token in the query string


OPS = (">=", "<=", ">", "<", ":", "=")
FIELD_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_-]+)?")
STOP = set(" \t\r\n()")


def _read_quoted(text: str, i: int) -> tuple[str, int]:
    """Read a "..." string starting at text[i] == '"'; returns (content, index after the closing quote)."""
    end = text.find('"', i + 1)
    if end < 0:
        raise QueryError(i, _('unclosed quote: expected a closing "'))
    return text[i + 1 : end], end + 1


def _read_value(text: str, i: int) -> tuple[str, int]:
    """A bare value runs until a space or a parenthesis; quoted pieces may contain both."""
    out = []
    n = len(text)
    while i < n and text[i] not in STOP and text[i] != "|":
        if text[i] == '"':
            chunk, i = _read_quoted(text, i)
            out.append(chunk)
        else:
            out.append(text[i])
            i += 1
    return "".join(out), i


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        if ch in "()":
            tokens.append(Token(ch, i, ch, end=i + 1))
            i += 1
            continue
        if ch == "|":
            tokens.append(Token("OR", i, ch, end=i + 1))
            i += 1
            continue
        if ch == "-" and i + 1 < n and not text[i + 1].isspace() and text[i + 1] != ")":
            tokens.append(Token("NOT", i, ch, end=i + 1))
            i += 1
            continue
        if ch == '"':
            phrase, j = _read_quoted(text, i)
            tokens.append(Token("WORD", i, phrase, end=j))
            i = j
            continue
        m = FIELD_RE.match(text, i)
        if m:
            after = m.end()
            op = next((o for o in OPS if text.startswith(o, after)), None)
            if op:
                field_name = m.group(0)
                j = after + len(op)
                values, positions = [], []
                while True:
                    start = j
                    positions.append(start)
                    value, j = _read_value(text, j)
                    if value == "":
                        raise QueryError(
                            start,
                            _("expected a value after “%(field)s%(op)s”") % {"field": field_name, "op": op},
                        )
                    values.append(value)
                    if j < n and text[j] == "|" and j + 1 < n and text[j + 1] not in STOP:
                        j += 1
                        continue
                    break
                tokens.append(
                    Token(
                        "TERM",
                        i,
                        text[i:j],
                        field=field_name.lower(),
                        op=op,
                        values=values,
                        value_pos=positions[0],
                        value_positions=positions,
                        end=j,
                    )
                )
                i = j
                continue
        # A free word.
        word, j = _read_value(text, i)
        if word == "":  # a lone character such as '"' handled above; be safe
            raise QueryError(i, _("unexpected character “%(char)s”") % {"char": ch})
        upper = word.upper()
        if upper in ("OR", "AND", "NOT") and word.isupper():
            tokens.append(Token(upper, i, word, end=j))
        else:
            tokens.append(Token("WORD", i, word, end=j))
        i = j
    tokens.append(Token("END", n, end=n))
    return tokens


def term_text(field: str, op: str, value: str) -> str:
    """One term as the builder writes it: ``skill:python``, ``title:"data engineer"``, or a free word."""
    value = " ".join(value.replace('"', " ").split())
    if any(ch.isspace() or ch in "()|" for ch in value):
        value = f'"{value}"'
    if not field or field == "text":
        return value
    return f"{field}{op}{value}"
