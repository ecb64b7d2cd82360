"""What the person wrote: a reply's text without the quoted thread and without the signature.

Policy, what a recruiter wants to read: the person's own words, greeting included; no quoted thread, no
attribution line ("On ... wrote:", "Am ... schrieb ...:", "Op ... schreef ...:", Gmail's "2014-10-17 11:28
GMT+03:00 Name <x>:"), no Outlook header block (From/Sent/To/Subject in any language), no "-----Original
Message-----" part, no sign-off with the signature under it, no mobile or legal footer. Never an empty text when
the person wrote something: an attribution or header block at the top with the answer written below it keeps
the answer, and a forward with nothing written above it keeps the forwarded text.

Works on plain text (HTML bodies are converted first). Top-posting is the norm for candidates, so the first
attribution line, quoted-header block or forward marker ends the reply; ``>`` lines left above it (inline
answers) are dropped one by one, keeping the writer's own lines between them.

``visible_text(text)`` is what a recruiter reads (the greeting and a bare name stay);
``visible_text(text, strict=True)`` is what a classifier reads: also without the greeting line and the
trailing name, title and contact lines of a signature written without a sign-off.
"""

from __future__ import annotations

import re

from vivier.lib.text import fold

# The verb that ends an attribution, in the languages of European mail clients: "a écrit", "wrote", "schrieb",
# "schreef" / "het volgende geschreven", "skrev", "napisał(a)", "napsal(a)", "pisze", "escreveu", "escribió",
# "ha scritto", "kirjoitti", "написал", "написав", "пише", "đã viết", "írta", and "sent:".
_WROTE = (
    r"a\s+[ée]crit|wrote|sent\s*:|schrieb|schreef|geschreven|skrev|napisa[łl]a?(\(a\))?|napsal[a]?(\(a\))?|"
    r"pisze|escreveu|escribi[óo]|ha\s+scritto|kirjoitti|написала?|написав|писав|пише|đã\s+viết|[íi]rta"
)
ATTRIBUTION_END = re.compile(rf"(?:{_WROTE})\s*:?\s*-*\s*$", re.IGNORECASE)
# "Le lun. 3 nov. 2025 à 10:12, ...", "On Mon, ...", "Am ...", "El ...", "Il ...", "Em ...", "Op ...", "Den ...",
# "Dne ...", "Dnia ...", "W dniu ...", "På ...", "Vào ...".
ATTRIBUTION_START = re.compile(
    r"^\s*-*\s*(le|on|am|el|il|en|em|op|den|dne|dnia|w\s+dniu|p[åa]|vào)\b", re.IGNORECASE
)
# Gmail and Android put the date first: "2014-10-17 11:28 GMT+03:00 Name", "02.04.2012 14:20 пользователь",
# "pe 20. lokakuuta 2017 klo 17.50 Name", "ср, 30 апр. 2025 г. в 15:19, Name".
LEADING_DATE = re.compile(r"^\s*(\w{1,4}\.?,?\s+)?\d")
TIME = re.compile(r"\d{1,2}[:.]\d{2}")
BRACKETED_ADDRESS = re.compile(r"[<(\[]\s*(mailto:)?[^\s<>()]*@", re.IGNORECASE)
ADDRESS = re.compile(r"\S@\S+\.\w")
# Gmail without a verb: "... John Doe <doe@example.com>:".
ENDS_WITH_ADDRESS_COLON = re.compile(r"@[^\s<>()]+\s*[>)\]]?\s*:\s*$")
# "reply On Wed, Apr 4, 2012 at 3:59 PM, bob@example.com wrote:" and "reply--- On ...": the start of an attribution
# written on the same line as the answer.
SHARED_LINE = re.compile(
    r"^(?P<answer>.*?\S)\s*-*\s*(?=\b(on|le|am|el|il|em|op)\s+\S[^\n]*\d)", re.IGNORECASE
)
SENTENCE_END = re.compile(r"[.!?;]\s*$")

_FROM_KEYS = r"de|from|von|exp[ée]diteur|fra|fr[åa]n|od|da|van|l[äa]hett[äa]j[äa]|от|від|remitente"
_OTHER_KEYS = (
    r"envoy[ée](\s+le)?|sent|date|data|datum|dato|[àa]|to|objet|subject|cc|r[ée]pondre\s+[àa]|reply-to|gesendet|an|"
    r"betreff|sendt|til|emne|skickat|till|[äa]mne|wys[łl]ano|do|temat|oggetto|inviato|enviado|enviada|para|asunto|"
    r"assunto|verzonden|aan|onderwerp|odesl[áa]no|komu|p[řr]edm[ěe]t|kopie|l[äa]hetetty|vastaanottaja|aihe|"
    r"отправлено|кому|тема|дата"
)
HEADER_FROM = re.compile(rf"^\s*\**\s*({_FROM_KEYS})\s*\**\s*:\s*\**\s*\S", re.IGNORECASE)
HEADER_OTHER = re.compile(rf"^\s*\**\s*({_OTHER_KEYS})\s*\**\s*:", re.IGNORECASE)
HEADER_DATE = re.compile(r"^\s*\**\s*(date|datum|data|dato|sent|envoy[ée])\s*\**\s*:[^\n]*\d", re.IGNORECASE)
# "---------- Forwarded message ----------" and its translations, Apple's "Begin forwarded message:".
FORWARD = re.compile(
    r"^[\s*_]*(-{2,}\s*(forwarded message|message transf[ée]r[ée]|weitergeleitete nachricht|doorgestuurd bericht|"
    r"mensaje reenviado|messaggio inoltrato|videresendt (meddelelse|melding)|vidarebefordrat meddelande|"
    r"przekazana wiadomo[śs][ćc]|mensagem encaminhada|пересылаемое сообщение|välitetty viesti|"
    r"přeposlaná zpráva)\s*-{2,}|(begin forwarded message|d[ée]but du message r[ée]exp[ée]di[ée])\s*:.*)[\s*_]*$",
    re.IGNORECASE,
)
# "-----Original Message-----" in any language ("-----Oprindelig meddelelse-----", "-----Antwort Nachricht-----"),
# "*-------- Original Message --------*", "---- John Smith wrote ----", long rules.
SEPARATOR = re.compile(
    r"^[\s*_]*(-{3,}\s*\S.{0,100}?\s*-{3,}|-{2,}\s*(message d'origine|original message|mensaje original|"
    r"urspr[üu]ngliche nachricht)\s*-{2,}|_{6,}|-{20,}|={20,})[\s*_]*$",
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
    r"merci( beaucoup| encore| d'avance| par avance)?|"
    # German, Dutch, Nordic, Polish, Czech, Spanish, Italian, Portuguese, Finnish, Russian sign-offs.
    r"((mit )?(freundlichen|viele|beste|liebe|herzliche) gr[üu](ß|ss)e|gr[üu](ß|ss)e|lg|vg|mfg|"
    r"(met )?(vriendelijke )?groet(en)?|mvg|med venlig hilsen|venlig hilsen|(med )?v[äa]nliga? h[äa]lsningar?|"
    r"h[äa]lsningar|hilsen|mvh|pozdrawiam|z powa[żz]aniem|s pozdravem|zdrav[íi]m|(un )?saludos?( cordiales)?|"
    r"atentamente|cordiali saluti|distinti saluti|saluti|un saluto|atenciosamente|cumprimentos|abra[çc]os|"
    r"terveisin|ystävällisin terveisin|с уважением))"
)
# "Cordialement,", "Best regards", "Cordialement / Best regards," on a line of their own.
VALEDICTION = re.compile(rf"^\s*{_CLOSING}(\s*[/|-]\s*{_CLOSING})*\s*[,.!]*\s*$", re.IGNORECASE)
# The Nordic signature: "/B", "/Anders" on the last line.
SLASH_NAME = re.compile(r"^/\s?[A-ZÀ-Ý][\w.'-]{0,20}(\s[A-ZÀ-Ý][\w.'-]{0,20})?$")
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
    # "\u1427" (ᐧ) is the mark a Gmail tracking add-on leaves on a line of its own above the signature.
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").replace("\u200b", "")
    text = text.replace("\u1427", "")
    return [line.rstrip() for line in text.split("\n")]


def _probes(lines: list[str]) -> list[str]:
    """Stripped copies of the lines for pattern matching; '' for overlong ones (no regex runs on them)."""
    return [stripped if len(stripped := line.strip()) <= MAX_PROBE else "" for line in lines]


def _is_attribution(probes: list[str], i: int) -> int:
    """Number of lines the attribution starting at ``i`` spans (0: none). Gmail wraps long ones, Polymail
    splits them over blank lines."""
    first = probes[i]
    if not first or first.startswith(">"):
        return 0
    starts_like_one = bool(ATTRIBUTION_START.match(first))
    date_first = bool(LEADING_DATE.match(first)) and not SENTENCE_END.search(first)
    if not (starts_like_one or date_first or BRACKETED_ADDRESS.search(first) or first.endswith("<")):
        return 0
    joined, span, parts = first, 1, 1
    while True:
        evidence = starts_like_one or date_first or BRACKETED_ADDRESS.search(joined)
        if evidence and ATTRIBUTION_END.search(joined):
            return span
        if (starts_like_one or date_first) and TIME.search(joined) and ENDS_WITH_ADDRESS_COLON.search(joined):
            return span
        if (starts_like_one or date_first) and ADDRESS.search(joined) and _next_is_quoted(probes, i + span):
            return span
        # A sentence of the writer's ends with a full stop; an attribution is wrapped mid-phrase.
        if parts >= 4 or len(joined) > 400 or SENTENCE_END.search(joined):
            return 0
        nxt = i + span
        while nxt < len(probes) and not probes[nxt] and nxt - (i + span) < 2:
            nxt += 1
        # Polymail splits one over blank lines: "On ... John Smith", "", "<", "mailto:...", "> wrote:".
        if nxt > i + span and not (starts_like_one and nxt < len(probes) and probes[nxt].startswith("<")):
            return 0
        if nxt >= len(probes) or not probes[nxt] or ATTRIBUTION_START.match(probes[nxt]):
            return 0
        joined = f"{joined} {probes[nxt]}"
        span, parts = nxt - i + 1, parts + 1


def _next_is_quoted(probes: list[str], j: int) -> bool:
    while j < len(probes) and not probes[j]:
        j += 1
    return j < len(probes) and probes[j].startswith(">")


def _shared_line_answer(probes: list[str], i: int) -> str | None:
    """The answer written before an attribution on the same line ("reply On ..., bob@x wrote:"), or None."""
    probe = probes[i]
    if (
        not probe
        or probe.startswith(">")
        or not ATTRIBUTION_END.search(probe)
        or not _next_is_quoted(probes, i + 1)
    ):
        return None
    m = SHARED_LINE.match(probe)
    if not m or not ATTRIBUTION_START.match(probe[m.end() :]):
        return None
    return m["answer"].rstrip("- ")


def _header_block(probes: list[str], i: int) -> int:
    """Number of lines of the Outlook header block starting at ``i`` (0: none), up to the blank line after it."""
    first = probes[i]
    if not first:
        return 0
    following = [p for p in probes[i + 1 : i + 8] if p]
    if HEADER_FROM.match(first):
        if not (any(HEADER_OTHER.match(p) for p in following[:5]) or ADDRESS.search(first)):
            return 0
    elif not (
        HEADER_DATE.match(first)
        and following
        and (HEADER_OTHER.match(following[0]) or HEADER_FROM.match(following[0]))
    ):
        return 0
    end = i + 1
    while end < len(probes) and probes[end]:
        end += 1
    return end - i


def _only_quotes_from(lines: list[str], probes: list[str]) -> list[bool]:
    """[i]: every non-blank line from i on is quoted (or a mobile footer)."""
    only = [True] * (len(lines) + 1)
    for i in range(len(lines) - 1, -1, -1):
        line = lines[i]
        only[i] = only[i + 1] and (
            not line.strip() or bool(QUOTED.match(line)) or bool(probes[i] and SENT_FROM.match(probes[i]))
        )
    return only


def _cut(lines: list[str], depth: int = 0) -> list[str]:
    """1. Find the first line that starts the thread: a separator, a mobile footer, a header block, an
       attribution (or a block of quoted lines with nothing of the writer's after it).
    2. Keep the writer's lines above it, without stray ``>`` lines.
    3. Nothing above: the answer may be below a header block or attribution (read on after it); a forward keeps
       the forwarded text."""
    probes = _probes(lines)
    only_quotes_from = None  # built at the first ">" line: most replies are cut before one
    cut, skip, forward, shared = len(lines), 0, False, None
    for i, line in enumerate(lines):
        probe = probes[i]
        if probe:
            if FORWARD.match(probe):
                cut, forward = i, True
                break
            if SEPARATOR.match(probe) or SENT_FROM.match(probe):
                cut = i
                break
            if (skip := _header_block(probes, i)) or (skip := _is_attribution(probes, i)):
                cut = i
                break
            if (shared := _shared_line_answer(probes, i)) is not None:
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
    if shared:
        kept.append(shared)
    if any(line.strip() for line in kept) or cut == len(lines) or depth > 3:
        return kept
    if forward:
        return [line for line in lines[cut + 1 :] if not QUOTED.match(line)]
    if skip:
        return _cut(lines[cut + skip :], depth + 1)
    return kept


def cut_quoted(text: str) -> str:
    """The text above the quoted thread, with stray ``>`` lines removed."""
    return "\n".join(_cut(_normalize(text)))


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
        ) or (probes[i] and after_count[i + 1] == 0 and SLASH_NAME.match(probes[i])):
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
