"""Step 2 of a query: the tokens read into a syntax tree (the grammar is in the package's docstring)."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dc_field

from django.utils.translation import gettext as _

from .tokens import QueryError, Token, tokenize


@dataclass
class Node:
    op: str  # "and" "or" "not" "group" "term" "word"
    pos: int = 0
    children: list[Node] = dc_field(default_factory=list)
    token: Token | None = None
    end: int = 0

    def __post_init__(self):
        if not self.end:
            self.end = self.token.end if self.token else self.children[-1].end

    @property
    def tok(self) -> Token:
        """The token of a ``term`` or ``word`` node."""
        if self.token is None:
            raise ValueError(f"a {self.op} node has no token")
        return self.token


# Past these, a query is refused at the position where it goes too far: deeper nesting overflows Python's
# stack, and more terms than SQLite's expression depth allows fail when counted.
MAX_DEPTH = 50
MAX_TERMS = 200


class _Parser:
    def __init__(self, text: str):
        self.text = text
        self.tokens = tokenize(text)
        self.i = 0
        self.depth = 0
        terms = [t for t in self.tokens if t.kind in ("TERM", "WORD")]
        if len(terms) > MAX_TERMS:
            raise QueryError(
                terms[MAX_TERMS].pos, _("a query has at most %(count)s terms") % {"count": MAX_TERMS}
            )

    def peek(self) -> Token:
        return self.tokens[self.i]

    def next(self) -> Token:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def parse(self) -> Node | None:
        if self.peek().kind == "END":
            return None
        node = self.or_expr()
        tok = self.peek()
        if tok.kind == ")":
            raise QueryError(tok.pos, _("unexpected “)”: no “(” is open here"))
        if tok.kind != "END":  # pragma: no cover - and_expr consumes everything else
            raise QueryError(tok.pos, _("expected the end of the query"))
        return node

    def or_expr(self) -> Node:
        first = self.and_expr()
        parts = [first]
        while self.peek().kind == "OR":
            self.next()
            parts.append(self.and_expr())
        return parts[0] if len(parts) == 1 else Node("or", first.pos, parts)

    def and_expr(self) -> Node:
        first = self.unary()
        parts = [first]
        while True:
            tok = self.peek()
            if tok.kind == "AND":
                self.next()
                parts.append(self.unary())
            elif tok.kind in ("TERM", "WORD", "NOT", "("):
                parts.append(self.unary())
            else:
                break
        return parts[0] if len(parts) == 1 else Node("and", first.pos, parts)

    def unary(self) -> Node:
        tok = self.next()
        if tok.kind in ("NOT", "("):
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise QueryError(
                    tok.pos, _("a query nests at most %(count)s parentheses or NOTs") % {"count": MAX_DEPTH}
                )
            try:
                return self._nested(tok)
            finally:
                self.depth -= 1
        return self._leaf(tok)

    def _nested(self, tok: Token) -> Node:
        if tok.kind == "NOT":
            return Node("not", tok.pos, [self.unary()])
        if self.peek().kind == ")":
            raise QueryError(self.peek().pos, _("expected a term inside the parentheses"))
        inner = self.or_expr()
        close = self.peek()
        if close.kind != ")":
            raise QueryError(
                close.pos, _("expected “)” to close the “(” at position %(pos)s") % {"pos": tok.pos}
            )
        self.next()
        return Node("group", tok.pos, [inner], end=close.end)

    def _leaf(self, tok: Token) -> Node:
        if tok.kind == "TERM":
            return Node("term", tok.pos, token=tok)
        if tok.kind == "WORD":
            return Node("word", tok.pos, token=tok)
        if tok.kind == "END":
            raise QueryError(
                tok.pos,
                _("expected a term after “%(prev)s”")
                % {"prev": self.tokens[self.i - 2].text if self.i >= 2 else ""},
            )
        raise QueryError(
            tok.pos, _("expected a term (like skill:python or a word) before “%(tok)s”") % {"tok": tok.text}
        )


def parse(text: str) -> Node | None:
    """The syntax tree of a query (None for an empty query); raises QueryError."""
    return _Parser(text or "").parse()


def unwrap(node: Node) -> Node:
    """``node`` without the parentheses around it."""
    while node.op == "group":
        node = node.children[0]
    return node


def chips_of(text: str) -> list[dict]:
    """The query's top-level ANDed parts, as the builder shows them: ``[{"text", "start", "end"}]``."""
    node = parse(text)
    if node is None:
        return []
    parts = node.children if node.op == "and" else [node]
    return [{"text": text[p.pos : p.end], "start": p.pos, "end": p.end} for p in parts]
