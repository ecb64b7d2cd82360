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
    r"(\s+le)?\s*\**\s*:",
    re.IGNORECASE,
)
SEPARATOR = re.compile(
    r"^\s*(-{2,}\s*(message d'origine|original message|message transf[ée]r[ée]|forwarded message|"
    r"mensaje original|urspr[üu]ngliche nachricht)\s*-{2,}|_{8,}|-{20,}|={20,})\s*$",
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
    r"[àa] (bient[ôo]t|tr[èe]s vite)|amicalement|bises|"
    r"(best|kind|warm|warmest|many thanks and)?\s*regards|best( wishes)?|sincerely|yours( truly| sincerely)?|"
    r"cheers|all the best|respectfully|thanks( again| and regards| & regards)?|thank you|"
    r"merci( beaucoup| encore| d'avance| par avance)?)"
)
# "Cordialement,", "Best regards", "Cordialement / Best regards," on a line of their own.
VALEDICTION = re.compile(rf"^\s*{_CLOSING}(\s*[/|-]\s*{_CLOSING})*\s*[,.!]*\s*$", re.IGNORECASE)
QUOTED = re.compile(r"^\s*>")


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


def cut_quoted(text: str) -> str:
    """The text above the quoted thread, with stray ``>`` lines removed."""
    lines = _normalize(text)
    probes = _probes(lines)
    # only_quotes_from[i]: every non-blank line from i on is quoted (or a mobile footer).
    only_quotes_from = [True] * (len(lines) + 1)
    for i in range(len(lines) - 1, -1, -1):
        line = lines[i]
        only_quotes_from[i] = only_quotes_from[i + 1] and (
            not line.strip() or bool(QUOTED.match(line)) or bool(probes[i] and SENT_FROM.match(probes[i]))
        )
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
        if QUOTED.match(line) and only_quotes_from[i]:
            # A block of quoted lines with nothing of the writer's after it: the thread starts here.
            cut = i
            break
    kept = [line for line in lines[:cut] if not QUOTED.match(line)]
    return "\n".join(kept)


def cut_signature(text: str) -> str:
    """The text above the signature: a ``-- `` line, or a closing word followed by a short name block."""
    lines = _normalize(text)
    probes = _probes(lines)
    for i in range(1, len(lines)):
        if SIGNATURE_DASHES.match(lines[i]):
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


def visible_text(text: str) -> str:
    """What the person wrote: the reply without the quoted thread and the signature."""
    above = _tidy(cut_quoted(text))
    body = _tidy(cut_signature(above))
    return body or above
