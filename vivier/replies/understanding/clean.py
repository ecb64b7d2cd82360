"""What the candidate wrote, from a plain-text body as a mail client delivers it.

Cuts the quoted thread (Gmail/Apple "Le ... a écrit :" / "On ... wrote:", Outlook "De : / Envoyé :" and
"From: / Sent:" blocks, "-----Message d'origine-----", "> " lines), the mobile footers ("Envoyé de mon
iPhone") and the sign-off/signature block. The MIME parser does its own stripping; this one works on the
text alone so that the classifier is robust whatever it is given.
"""

import re
import unicodedata

# A line that starts the quoted thread: everything from it on is someone else's text.
_QUOTE_HEADER = re.compile(
    r"""^\s*(?:
        -{2,}\s*(?:message\s+d'origine|original\s+message|message\s+transf[ée]r[ée]|forwarded\s+message|
                 mensaje\s+original)\s*-{2,}
      | _{6,}\s*$
      | (?:le|on|am|el)\s.{0,200}?(?:a\s+[ée]crit|wrote|schrieb|escribi[óo])\s*:\s*$
      | (?:begin\s+forwarded\s+message|d[ée]but\s+du\s+message\s+r[ée]exp[ée]di[ée])\s*:
    )""",
    re.IGNORECASE | re.VERBOSE,
)
# A "Le ... " / "On ..." line whose "a écrit :" / "wrote:" is wrapped onto the next line.
_QUOTE_HEADER_START = re.compile(r"^\s*(?:le|on)\s+.{3,}", re.IGNORECASE)
_QUOTE_HEADER_END = re.compile(r"(?:a\s+[ée]crit|wrote)\s*:\s*$", re.IGNORECASE)
# Outlook's header block: "De : ..." then "Envoyé : ..." / "Date : ..." / "À : ..." / "Objet : ...".
_FROM_LINE = re.compile(r"^\s*\**\s*(?:de|from|von)\s*\**\s*:", re.IGNORECASE)
_HEADER_LINE = re.compile(
    r"^\s*\**\s*(?:envoy[ée]|sent|date|[àa]|to|objet|subject|cc|betreff)\s*\**\s*:", re.IGNORECASE
)
_MOBILE_FOOTER = re.compile(
    r"""^\s*(?:envoy[ée]\s+(?:de|depuis)\s+mon\s+\w+|sent\s+from\s+my\s+\w+|sent\s+from\s+(?:outlook|mail|yahoo)
      |obtenir\s+outlook|get\s+outlook|envoy[ée]\s+(?:de|depuis)\s+(?:outlook|yahoo|l'application))""",
    re.IGNORECASE | re.VERBOSE,
)
_SIGNATURE_DELIMITER = re.compile(r"^\s*(?:--|—|–)\s*$")
# Closing formulas alone on their line: what follows is a name, a title, a phone number.
_CLOSING = re.compile(
    r"""^\s*(?:cordialement|bien\s+cordialement|tr[èe]s\s+cordialement|cdlt|cdt|bien\s+[àa]\s+vous|
        bien\s+[àa]\s+toi|salutations(?:\s+distingu[ée]es)?|sinc[èe]rement|belle\s+journ[ée]e|bonne\s+journ[ée]e|
        bonne\s+soir[ée]e|bonne\s+fin\s+de\s+journ[ée]e|[àa]\s+bient[ôo]t|amicalement|bises|merci\s+d'avance|
        best(?:\s+regards|\s+wishes)?|kind\s+regards|warm\s+regards|regards|many\s+thanks|cheers|thanks|thank\s+you|
        all\s+the\s+best|sincerely|yours(?:\s+sincerely|\s+truly)?|take\s+care|merci(?:\s+beaucoup)?|
        cordialement\s*/\s*best\s+regards)\s*[,.!]*\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
# Legal footers: "Ce message et ses pièces jointes sont confidentiels...", "This email is confidential...".
_DISCLAIMER = re.compile(
    r"""^\s*(?:ce\s+(?:message|mail|courriel|e-mail)\s+(?:et\s+(?:ses|toutes\s+les)\s+pi[èe]ces\s+jointes\s+)?(?:est|sont|peut)|
        this\s+(?:e-?mail|message)\s+(?:and\s+any\s+attachments?\s+)?(?:is|are|may)|avertissement|disclaimer|confidentialit[ée]|
        confidentiality|pensez\s+[àa]\s+l'environnement|please\s+consider\s+the\s+environment|p\s+please\s+consider|
        le\s+pr[ée]sent\s+(?:message|courriel)|the\s+information\s+(?:contained|in\s+this))""",
    re.IGNORECASE | re.VERBOSE,
)
# Trailing signature lines without a sign-off: a phone number, an address, a web site, a name or job title.
_CONTACT_LINE = re.compile(
    r"""^\s*(?:(?:t[ée]l|tel|phone|mobile|mob|portable|fax|t|m|p)\.?\s*[:.]?\s*)?\+?[\d\s().-]{8,}\s*$|
        ^\s*\S+@\S+\.\w+\s*$|^\s*(?:https?://|www\.)\S+\s*$|^\s*linkedin\.com/\S+\s*$|\|""",
    re.IGNORECASE | re.VERBOSE,
)
_CONNECTOR = r"de|du|des|d'|la|le|les|et|en|au|aux|of|and|for|in|at|the|&|/|\||,|-|–"
_NAME_OR_TITLE = re.compile(
    r"^\s*[-–—]?\s*(?:[A-ZÀ-Ý][\w'’.-]*|" + _CONNECTOR + r"|H/F|[A-Z]{2,6})"
    r"(?:\s+(?:[A-ZÀ-Ý][\w'’.-]*|" + _CONNECTOR + r"|[A-Z]{2,6}))*\s*$"
)
# Words that make a short capitalized line a reply, not a name: "Oui", "Jeudi", "Option B", "STOP".
_CONTENT_WORDS = frozenset(
    """oui non yes no ok okay merci thanks stop option lundi mardi mercredi jeudi vendredi samedi
dimanche monday tuesday wednesday thursday friday saturday sunday unsubscribe interesse interessee interested top
parfait perfect partant partante volontiers carrement sure absolutely""".split()
)
_GREETING = re.compile(
    r"""^\s*(?:bonjour|bonsoir|salut|slt|coucou|hello|hey|hi|dear|bjr|madame|monsieur|cher|ch[èe]re|hello\s+there|
        hi\s+there)\b[^\n,.!:]{0,40}[,.!:]?\s*$""",
    re.IGNORECASE | re.VERBOSE,
)


def strip_quoted(text: str) -> str:
    """The text above the quoted thread, without "> " lines or mobile footers."""
    lines = (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    kept: list[str] = []
    for i, line in enumerate(lines):
        if _QUOTE_HEADER.match(line):
            break
        if (
            _QUOTE_HEADER_START.match(line)
            and i + 1 < len(lines)
            and not _QUOTE_HEADER_END.search(line)
            and _QUOTE_HEADER_END.search(lines[i + 1])
            and len(line) < 200
        ):
            break
        if _FROM_LINE.match(line) and any(_HEADER_LINE.match(x) for x in lines[i + 1 : i + 5]):
            break
        if _MOBILE_FOOTER.match(line):
            break
        if line.lstrip().startswith(">"):
            continue
        kept.append(line)
    return "\n".join(kept).strip()


def strip_signature(text: str) -> str:
    """Drop the sign-off and what follows it, and a greeting line; keep everything else."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if _SIGNATURE_DELIMITER.match(line) and i > 0:
            lines = lines[:i]
            break
    # The last closing formula that has real content above it ends the message.
    for i in range(len(lines) - 1, 0, -1):
        if _CLOSING.match(lines[i]) and any(x.strip() for x in lines[:i]):
            # A closing close to the end: a signature follows (a few short lines at most).
            tail = [x for x in lines[i + 1 :] if x.strip()]
            if len(tail) <= 6:
                lines = lines[:i]
                break
    for i, line in enumerate(lines):
        if i > 0 and _DISCLAIMER.match(line):
            lines = lines[:i]
            break
    while lines and not lines[0].strip():
        lines.pop(0)
    if len(lines) > 1 and _GREETING.match(lines[0]):
        lines = lines[1:]
    # Trailing contact lines and a bare name/title block (at most 5 lines) under the message.
    content = [i for i, x in enumerate(lines) if x.strip()]
    dropped = 0
    while len(content) > 1 and dropped < 5:
        last = lines[content[-1]]
        words = last.split()
        if _CONTACT_LINE.search(last) or (
            len(words) <= 5
            and _NAME_OR_TITLE.match(last)
            and not re.search(r"[.!?]\s*$", last)
            and not _CONTENT_WORDS.intersection(fold(last).replace(",", " ").split())
        ):
            lines = lines[: content[-1]]
            content.pop()
            dropped += 1
        else:
            break
    return "\n".join(lines).strip()


def visible_text(text: str) -> str:
    """What the person wrote for this message: no quoted thread, no footer, no signature."""
    body = strip_quoted(text)
    cleaned = strip_signature(body)
    return cleaned or body


_PLAIN = str.maketrans(
    {
        "’": "'",
        "‘": "'",
        "«": '"',
        "»": '"',
        "“": '"',
        "”": '"',
        "\u00a0": " ",
        "\u202f": " ",
        "é": "e",
        "è": "e",
        "ê": "e",
        "ë": "e",
        "à": "a",
        "â": "a",
        "ä": "a",
        "ù": "u",
        "û": "u",
        "ü": "u",
        "ô": "o",
        "ö": "o",
        "î": "i",
        "ï": "i",
        "ç": "c",
        "ÿ": "y",
        "œ": "oe",
        "æ": "ae",
    }
)


def fold(text: str) -> str:
    """Lower-case, accents stripped, typographic quotes and dashes made plain, for matching."""
    text = (text or "").casefold().translate(_PLAIN)
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
