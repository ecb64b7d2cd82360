"""What the person wrote: a reply's text without the quoted thread and without the signature.

Works on plain text (HTML bodies are converted first). Top-posting is the norm for candidates, so the first
attribution line, quoted-header block or forward marker ends the reply; ``>`` lines left above it (inline
answers) are dropped one by one, keeping the writer's own lines between them. Mobile footers ("Envoyé de mon
iPhone"), the sign-off with the signature under it and legal footers go too.

``visible_text(text)`` is what a recruiter reads (the greeting and a bare name stay);
``visible_text(text, strict=True)`` is what a classifier reads: also without the greeting line and the
trailing name, title and contact lines of a signature written without a sign-off.
"""

from __future__ import annotations

import re

from vivier.lib.text import fold

# "Le lun. 3 nov. 2025 à 10:12, Alice Martin <alice@alvea-rh.fr> a écrit :", "On Mon, Nov 3, 2025 at 10:12 AM
# Alice <a@b> wrote:", Thunderbird "Le 03/11/2025 à 10:12, Alice a écrit :", Apple "Le 3 nov. 2025 à 10:12, ...".
ATTRIBUTION_END = re.compile(r"(a\s+[ée]crit|wrote|schrieb|escribi[óo]|ha\s+scritto)\s*:?\s*$", re.IGNORECASE)
ATTRIBUTION_START = re.compile(r"^\s*(le|on|am|el|il|en)\b", re.IGNORECASE)
HEADER_FROM = re.compile(r"^\s*\**\s*(de|from|von|exp[ée]diteur)\s*\**\s*:\s*\**\s*\S", re.IGNORECASE)
HEADER_OTHER = re.compile(
    r"^\s*\**\s*(envoy[ée]|sent|date|[àa]|to|objet|subject|cc|r[ée]pondre\s+[àa]|reply-to|gesendet|an|betreff)"
    r"(\s+le)?\s*\**\s*:",
    re.IGNORECASE,
)
SEPARATOR = re.compile(
    r"^\s*(-{2,}\s*(message d'origine|original message|message transf[ée]r[ée]|forwarded message|"
    r"mensaje original|urspr[üu]ngliche nachricht)\s*-{2,}|_{6,}|-{20,}|={20,}|"
    r"(begin forwarded message|d[ée]but du message r[ée]exp[ée]di[ée])\s*:.*)\s*$",
    re.IGNORECASE,
)
# Mobile and webmail footers: "Envoyé de mon iPhone", "Envoyé à partir de Outlook pour iOS", "Sent from my
# Galaxy", "Envoyé depuis Yahoo Mail pour Android", "Get Outlook for iOS<https://aka.ms/o0ukef>". Short lines only.
SENT_FROM = re.compile(
    r"^\s*(envoy[ée] (de|depuis|à partir de|a partir de|avec|via) .{1,70}|sent (from|with|via|using) .{1,70}|"
    r"(get|obtenir|t[ée]l[ée]charger) outlook (for|pour) \w+.{0,60}|provenance\s*:\s*courrier pour windows.{0,40}|"
    r"envoy[ée] de mon \w+)$",
    re.IGNORECASE,
)
SIGNATURE_DASHES = re.compile(r"^(--|-- |—|__)\s*$")
_CLOSING = (
    r"(bien\s+)?(cordialement|cdlt|bien [àa] (vous|toi)|sinc[èe]res salutations|salutations( distingu[ée]es)?|"
    r"bonne (journ[ée]e|soir[ée]e|fin de journ[ée]e|semaine|fin de semaine)|(tr[èe]s )?belle (journ[ée]e|soir[ée]e)|"
    r"[àa] (bient[ôo]t|tr[èe]s vite)|amicalement|bises|cdt|sinc[èe]rement|"
    r"(best|kind|warm|warmest|many thanks and)?\s*regards|best( wishes)?|sincerely|yours( truly| sincerely)?|"
    r"cheers|all the best|respectfully|take care|many thanks|thanks( again| and regards| & regards)?|thank you|"
    r"merci( beaucoup| encore| d'avance| par avance)?)"
)
# "Cordialement,", "Best regards", "Cordialement / Best regards," on a line of their own.
VALEDICTION = re.compile(rf"^\s*{_CLOSING}(\s*[/|-]\s*{_CLOSING})*\s*[,.!]*\s*$", re.IGNORECASE)
QUOTED = re.compile(r"^\s*>")
# Legal footers: "Ce message et ses pièces jointes sont confidentiels...", "This email is confidential...".
DISCLAIMER = re.compile(
    r"""^\s*(?:ce\s+(?:message|mail|courriel|e-mail)\s+(?:et\s+(?:ses|toutes\s+les)\s+pi[èe]ces\s+jointes\s+)?(?:est|sont|peut)|
        this\s+(?:e-?mail|message)\s+(?:and\s+any\s+attachments?\s+)?(?:is|are|may)|avertissement|disclaimer|confidentialit[ée]|
        confidentiality|pensez\s+[àa]\s+l'environnement|please\s+consider\s+the\s+environment|p\s+please\s+consider|
        le\s+pr[ée]sent\s+(?:message|courriel)|the\s+information\s+(?:contained|in\s+this))""",
    re.IGNORECASE | re.VERBOSE,
)
# Strict reading only. A greeting on its own first line: "Bonjour Julie,", "Hi there!".
GREETING = re.compile(
    r"""^\s*(?:bonjour|bonsoir|salut|slt|coucou|hello|hey|hi|dear|bjr|madame|monsieur|cher|ch[èe]re|hello\s+there|
        hi\s+there)\b[^\n,.!:]{0,40}[,.!:]?\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
# Trailing signature lines without a sign-off: a phone number, an address, a web site, a name or job title.
CONTACT_LINE = re.compile(
    r"""^\s*(?:(?:t[ée]l|tel|phone|mobile|mob|portable|fax|t|m|p)\.?\s*[:.]?\s*)?\+?[\d\s().-]{8,}\s*$|
        ^\s*\S+@\S+\.\w+\s*$|^\s*(?:https?://|www\.)\S+\s*$|^\s*linkedin\.com/\S+\s*$|\|""",
    re.IGNORECASE | re.VERBOSE,
)
_CONNECTOR = r"de|du|des|d'|la|le|les|et|en|au|aux|of|and|for|in|at|the|&|/|\||,|-|–"
NAME_OR_TITLE = re.compile(
    r"^\s*[-–—]?\s*(?:[A-ZÀ-Ý][\w'’.-]*|" + _CONNECTOR + r"|H/F|[A-Z]{2,6})"
    r"(?:\s+(?:[A-ZÀ-Ý][\w'’.-]*|" + _CONNECTOR + r"|[A-Z]{2,6}))*\s*$"
)
# Words that make a short capitalized line a reply, not a name: "Oui", "Jeudi", "Option B", "STOP".
CONTENT_WORDS = frozenset(
    """oui non yes no ok okay merci thanks stop option lundi mardi mercredi jeudi vendredi samedi
dimanche monday tuesday wednesday thursday friday saturday sunday unsubscribe interesse interessee interested top
parfait perfect partant partante volontiers carrement sure absolutely""".split()
)


MAX_PROBE = 300  # attribution, header and closing lines are short; longer lines are never matched


def _normalize(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").replace("\u200b", "")
    return [line.rstrip() for line in text.split("\n")]


def _probes(lines: list[str]) -> list[str]:
    """Stripped copies of the lines for pattern matching; '' for overlong ones (no regex runs on them)."""
    return [stripped if len(stripped := line.strip()) <= MAX_PROBE else "" for line in lines]


def _is_attribution(probes: list[str], i: int) -> int:
    """Number of lines the attribution starting at ``i`` spans (0: none). Gmail wraps long ones."""
    first = probes[i]
    if not first or first.startswith(">"):
        return 0
    joined = first
    starts_like_one = bool(ATTRIBUTION_START.match(first))
    for span in range(1, 4):
        if ATTRIBUTION_END.search(joined) and (starts_like_one or re.search(r"\d", joined)):
            return span
        if not starts_like_one or i + span >= len(probes) or not probes[i + span]:
            break
        joined = f"{joined} {probes[i + span]}"
    return 0


def _is_header_block(probes: list[str], i: int) -> bool:
    if not probes[i] or not HEADER_FROM.match(probes[i]):
        return False
    following = [p for p in probes[i + 1 : i + 8] if p]
    return any(HEADER_OTHER.match(p) for p in following[:5])


def _only_quotes_from(lines: list[str], probes: list[str]) -> list[bool]:
    """[i]: every non-blank line from i on is quoted (or a mobile footer)."""
    only = [True] * (len(lines) + 1)
    for i in range(len(lines) - 1, -1, -1):
        line = lines[i]
        only[i] = only[i + 1] and (
            not line.strip() or bool(QUOTED.match(line)) or bool(probes[i] and SENT_FROM.match(probes[i]))
        )
    return only


def cut_quoted(text: str) -> str:
    """The text above the quoted thread, with stray ``>`` lines removed."""
    lines = _normalize(text)
    probes = _probes(lines)
    only_quotes_from = None  # built at the first ">" line: most replies are cut before one
    cut = len(lines)
    for i, line in enumerate(lines):
        probe = probes[i]
        if probe and (
            SEPARATOR.match(probe)
            or SENT_FROM.match(probe)
            or _is_header_block(probes, i)
            or _is_attribution(probes, i)
        ):
            cut = i
            break
        if QUOTED.match(line):
            if only_quotes_from is None:
                only_quotes_from = _only_quotes_from(lines, probes)
            if only_quotes_from[i]:
                # A block of quoted lines with nothing of the writer's after it: the thread starts here.
                cut = i
                break
    kept = [line for line in lines[:cut] if not QUOTED.match(line)]
    return "\n".join(kept)


def cut_signature(text: str) -> str:
    """The text above the signature: a ``-- `` line, a closing word followed by a short name block, or a
    legal footer."""
    lines = _normalize(text)
    probes = _probes(lines)
    for i in range(1, len(lines)):
        if SIGNATURE_DASHES.match(lines[i]) or (probes[i] and DISCLAIMER.match(probes[i])):
            return "\n".join(lines[:i])
    # After line i: how many non-blank lines, and the longest of them.
    after_count = [0] * (len(lines) + 1)
    after_longest = [0] * (len(lines) + 1)
    for i in range(len(lines) - 1, -1, -1):
        blank = not lines[i].strip()
        after_count[i] = after_count[i + 1] + (0 if blank else 1)
        after_longest[i] = max(after_longest[i + 1], 0 if blank else len(lines[i]))
    for i in range(1, len(lines)):
        if (
            probes[i]
            and VALEDICTION.match(probes[i])
            and after_count[i + 1] <= 8
            and after_longest[i + 1] <= 90
        ):
            return "\n".join(lines[:i])
    return "\n".join(lines)


def _tidy(text: str) -> str:
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(line.rstrip() for line in text.split("\n")))
    return text.strip()


def cut_greeting_and_trailer(text: str) -> str:
    """Without the greeting line and the trailing name, title and contact lines (five at most) of a
    signature written without a sign-off; a short answer on its own line ("Jeudi", "Option B") stays."""
    lines = text.split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    if len(lines) > 1 and len(lines[0]) <= MAX_PROBE and GREETING.match(lines[0]):
        lines = lines[1:]
    content = [i for i, x in enumerate(lines) if x.strip()]
    dropped = 0
    while len(content) > 1 and dropped < 5:
        last = lines[content[-1]]
        if len(last) > MAX_PROBE:
            break
        words = last.split()
        if CONTACT_LINE.search(last) or (
            len(words) <= 5
            and NAME_OR_TITLE.match(last)
            and not re.search(r"[.!?]\s*$", last)
            and not CONTENT_WORDS.intersection(fold(last).replace(",", " ").split())
        ):
            lines = lines[: content[-1]]
            content.pop()
            dropped += 1
        else:
            break
    return "\n".join(lines)


def visible_text(text: str, *, strict: bool = False) -> str:
    """What the person wrote: the reply without the quoted thread and the signature (``strict``: nor the
    greeting and a bare signature block, see the module's docstring)."""
    above = _tidy(cut_quoted(text))
    body = _tidy(cut_signature(above))
    if strict:
        body = _tidy(cut_greeting_and_trailer(body))
    return body or above
