"""What the person wrote: a reply's text without the quoted thread and without the signature.

Works on plain text (HTML bodies are converted first). Top-posting is the norm for candidates, so the first
attribution line or quoted-header block ends the reply; ``>`` lines left above it (inline answers) are
dropped one by one, keeping the writer's own lines between them.
"""

from __future__ import annotations

import re

# "Le lun. 3 nov. 2025 à 10:12, Alice Martin <alice@alvea-rh.fr> a écrit :", "On Mon, Nov 3, 2025 at 10:12 AM
# Alice <a@b> wrote:", Thunderbird "Le 03/11/2025 à 10:12, Alice a écrit :", Apple "Le 3 nov. 2025 à 10:12, ...".
ATTRIBUTION_END = re.compile(r"(a\s+[ée]crit|wrote|schrieb|escribi[óo]|ha\s+scritto)\s*:?\s*$", re.IGNORECASE)
ATTRIBUTION_START = re.compile(r"^\s*(le|on|am|el|il|en)\b", re.IGNORECASE)
HEADER_FROM = re.compile(r"^\s*\**\s*(de|from|von|exp[ée]diteur)\s*\**\s*:\s*\**\s*\S", re.IGNORECASE)
HEADER_OTHER = re.compile(
    r"^\s*\**\s*(envoy[ée]|sent|date|[àa]|to|objet|subject|cc|r[ée]pondre\s+[àa]|reply-to|gesendet|an|betreff)"
    r"(\s+le)?\s*\**\s*:", re.IGNORECASE)
SEPARATOR = re.compile(
    r"^\s*(-{2,}\s*(message d'origine|original message|message transf[ée]r[ée]|forwarded message|"
    r"mensaje original|urspr[üu]ngliche nachricht)\s*-{2,}|_{8,}|-{20,}|={20,})\s*$", re.IGNORECASE)
# Mobile and webmail footers: "Envoyé de mon iPhone", "Envoyé à partir de Outlook pour iOS", "Sent from my
# Galaxy", "Envoyé depuis Yahoo Mail pour Android", "Get Outlook for iOS<https://aka.ms/o0ukef>". Short lines only.
SENT_FROM = re.compile(
    r"^\s*(envoy[ée] (de|depuis|à partir de|a partir de|avec|via) .{1,70}|sent (from|with|via|using) .{1,70}|"
    r"(get|obtenir|t[ée]l[ée]charger) outlook (for|pour) \w+.{0,60}|provenance\s*:\s*courrier pour windows.{0,40}|"
    r"envoy[ée] de mon \w+)$", re.IGNORECASE)
SIGNATURE_DASHES = re.compile(r"^(--|-- |—|__)\s*$")
_CLOSING = (
    r"(bien\s+)?(cordialement|cdlt|bien [àa] (vous|toi)|sinc[èe]res salutations|salutations( distingu[ée]es)?|"
    r"bonne (journ[ée]e|soir[ée]e|fin de journ[ée]e|semaine|fin de semaine)|(tr[èe]s )?belle (journ[ée]e|soir[ée]e)|"
    r"[àa] (bient[ôo]t|tr[èe]s vite)|amicalement|bises|"
    r"(best|kind|warm|warmest|many thanks and)?\s*regards|best( wishes)?|sincerely|yours( truly| sincerely)?|"
    r"cheers|all the best|respectfully|thanks( again| and regards| & regards)?|thank you|"
    r"merci( beaucoup| encore| d'avance| par avance)?)"
)
# "Cordialement,", "Best regards", "Cordialement / Best regards," on a line of their own.
VALEDICTION = re.compile(rf"^\s*{_CLOSING}(\s*[/|-]\s*{_CLOSING})*\s*[,.!]*\s*$", re.IGNORECASE)
QUOTED = re.compile(r"^\s*>")


def _normalize(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").replace("\u200b", "")
    return [line.rstrip() for line in text.split("\n")]


def _is_attribution(lines: list[str], i: int) -> int:
    """Number of lines the attribution starting at ``i`` spans (0: none). Gmail wraps long ones."""
    line = lines[i]
    if QUOTED.match(line):
        return 0
    joined = line
    for span in range(1, 4):
        if ATTRIBUTION_END.search(joined) and (ATTRIBUTION_START.match(lines[i]) or re.search(r"\d", joined)):
            # "X a écrit :" without a date: still an attribution when the next lines are quoted.
            return span
        if i + span >= len(lines) or not lines[i + span].strip():
            break
        if not ATTRIBUTION_START.match(lines[i]):
            break
        joined = f"{joined} {lines[i + span].strip()}"
    return 0


def _is_header_block(lines: list[str], i: int) -> bool:
    if not HEADER_FROM.match(lines[i]):
        return False
    following = [line for line in lines[i + 1:i + 8] if line.strip()]
    return sum(1 for line in following[:5] if HEADER_OTHER.match(line)) >= 1


def cut_quoted(text: str) -> str:
    """The text above the quoted thread, with stray ``>`` lines removed."""
    lines = _normalize(text)
    cut = len(lines)
    for i, line in enumerate(lines):
        if SEPARATOR.match(line) or SENT_FROM.match(line) or _is_header_block(lines, i):
            cut = i
            break
        if line.strip() and _is_attribution(lines, i):
            cut = i
            break
        if QUOTED.match(line):
            # A block of quoted lines with nothing of the writer's after it: the thread starts here.
            rest = [x for x in lines[i:] if x.strip()]
            if all(QUOTED.match(x) or SENT_FROM.match(x) for x in rest):
                cut = i
                break
    kept = [line for line in lines[:cut] if not QUOTED.match(line)]
    return "\n".join(kept)


def cut_signature(text: str) -> str:
    """The text above the signature: a ``-- `` line, or a closing word followed by a short name block."""
    lines = _normalize(text)
    for i, line in enumerate(lines):
        if SIGNATURE_DASHES.match(line) and i > 0:
            return "\n".join(lines[:i])
    for i, line in enumerate(lines):
        if i == 0 or not VALEDICTION.match(line):
            continue
        tail = [x for x in lines[i + 1:] if x.strip()]
        if len(tail) <= 8 and all(len(x) <= 90 for x in tail):
            return "\n".join(lines[:i])
    return "\n".join(lines)


def _tidy(text: str) -> str:
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(line.rstrip() for line in text.split("\n")))
    return text.strip()


def visible_text(text: str) -> str:
    """What the person wrote: the reply without the quoted thread and the signature."""
    above = _tidy(cut_quoted(text))
    body = _tidy(cut_signature(above))
    return body or above
