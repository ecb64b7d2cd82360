"""HTML mail to plain text with the stdlib parser, leaving out the quoted thread clients mark up.

Clients wrap what they quote in recognisable elements: Gmail ``div.gmail_quote``, Outlook on the web
``#appendonsend`` / ``#divRplyFwdMsg`` (the quoted mail follows as siblings, so everything after them goes),
Apple Mail and Thunderbird ``blockquote type=cite`` / ``.moz-cite-prefix``, Yahoo ``.yahoo_quoted``.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

BLOCK = {
    "p",
    "div",
    "br",
    "tr",
    "li",
    "ul",
    "ol",
    "table",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "blockquote",
    "pre",
    "section",
    "article",
    "header",
    "footer",
    "dt",
    "dd",
    "address",
}
VOID = {"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "source", "track", "wbr"}
INVISIBLE = {"script", "style", "head", "title", "template", "noscript", "xml"}
# Everything from here on is the quoted thread.
STOP_IDS = {
    "appendonsend",
    "divrplyfwdmsg",
    "olk_src_body_section",
    "mail-editor-reference-message-container",
}
STOP_CLASSES = {
    "gmail_quote",
    "gmail_quote_container",
    "moz-cite-prefix",
    "yahoo_quoted",
    "protonmail_quote",
    "zmail_extra",
    "outlookmessageheader",
    "ms-outlook-mobile-reference-message",
}
# Left out, but what follows may still be the writer's (inline answers).
SKIP_CLASSES = {"gmail_signature", "gmail_attr", "moz-signature"}


class _TextExtractor(HTMLParser):
    def __init__(self, keep_quotes: bool):
        super().__init__(convert_charrefs=True)
        self.keep_quotes = keep_quotes
        self.parts: list[str] = []
        self.skip_tag: str | None = None
        self.skip_depth = 0
        self.stopped = False
        self.pre = 0
        self.at_line_start = True

    def _break(self, hard: bool = False) -> None:
        """A block boundary ends the current line once; <br> always adds one (a blank line after a line)."""
        if hard or not self.at_line_start:
            self.parts.append("\n")
            self.at_line_start = True

    def handle_starttag(self, tag, attrs):
        if self.stopped:
            return
        if self.skip_tag:
            if tag == self.skip_tag and tag not in VOID:
                self.skip_depth += 1
            return
        attributes = {k.lower(): (v or "") for k, v in attrs}
        classes = set(attributes.get("class", "").lower().split())
        element_id = attributes.get("id", "").lower()
        if not self.keep_quotes:
            if element_id in STOP_IDS or classes & STOP_CLASSES:
                self.stopped = True
                return
            if tag == "blockquote" or classes & SKIP_CLASSES:
                self._skip(tag)
                return
        if tag in INVISIBLE:
            self._skip(tag)
            return
        if tag == "pre":
            self.pre += 1
        if tag == "li":
            self._break()
            self.parts.append("- ")
        elif tag == "br":
            self._break(hard=True)
        elif tag in BLOCK:
            self._break()
        elif tag in {"td", "th"}:
            self.parts.append(" ")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if self.skip_tag == tag and self.skip_depth == 1:
            self.skip_tag, self.skip_depth = None, 0

    def _skip(self, tag):
        if tag in VOID:
            return
        self.skip_tag, self.skip_depth = tag, 1

    def handle_endtag(self, tag):
        if self.stopped:
            return
        if self.skip_tag:
            if tag == self.skip_tag:
                self.skip_depth -= 1
                if self.skip_depth == 0:
                    self.skip_tag = None
            return
        if tag == "pre":
            self.pre = max(0, self.pre - 1)
        if tag in BLOCK and tag != "br":
            self._break()

    def handle_data(self, data):
        if self.stopped or self.skip_tag:
            return
        if not self.pre:
            data = re.sub(r"[ \t\r\n\f]+", " ", data)
            if self.at_line_start:
                data = data.lstrip(" ")
            if not data:
                return
        self.parts.append(data)
        self.at_line_start = data.endswith("\n")


def html_to_text(html: str, *, keep_quotes: bool = False) -> str:
    """Readable text of an HTML body: one line per block, the quoted thread left out unless asked."""
    parser = _TextExtractor(keep_quotes)
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # noqa: BLE001 - html.parser is lenient, but never lose the text over markup
        return re.sub(r"<[^>]+>", " ", html)
    text = "".join(parser.parts).replace("\u00a0", " ")
    lines = [line.strip() for line in text.split("\n")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()
