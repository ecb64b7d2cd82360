"""Dates written by people in French and English mail: "de retour le 12 janvier", "back on Monday 14 March".

``extract_return_date(text, reference, lang)`` answers the question an out-of-office message or a "later"
reply raises: from which calendar day may we write to this person again? Dates without a year are resolved
against ``reference`` (the message's Date:) and roll over to the next year when they would fall in the past.

Conventions (they match the reply dataset's ``recontact_after``):
- "de retour le X", "back on X", "je reprends le X", "à partir du X"          -> X
- "jusqu'au X (inclus)", "until X", "du 3 au X", "3–X April"                  -> the day after X
- a month alone ("jusqu'en septembre", "until September", "en juin")          -> the 1st of that month
- "mi-avril" -> the 15th, "fin juin" / "end of June" -> July 1st, "début juillet" -> July 1st
- "lundi", "next Tuesday"                                                      -> the next such weekday
- "dans 6 mois", "in 3 weeks", "next week", "demain", "end of the month", "après l'été", "après les fêtes",
  "en début d'année", "Q4"                                                      -> resolved from reference
An explicit return cue wins over an "until" cue, which wins over a bare date.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

MONTHS = {
    "janvier": 1,
    "janv": 1,
    "jan": 1,
    "january": 1,
    "fevrier": 2,
    "fevr": 2,
    "fev": 2,
    "february": 2,
    "feb": 2,
    "mars": 3,
    "march": 3,
    "mar": 3,
    "avril": 4,
    "avr": 4,
    "april": 4,
    "apr": 4,
    "mai": 5,
    "may": 5,
    "juin": 6,
    "june": 6,
    "jun": 6,
    "juillet": 7,
    "juil": 7,
    "july": 7,
    "jul": 7,
    "aout": 8,
    "august": 8,
    "aug": 8,
    "septembre": 9,
    "sept": 9,
    "september": 9,
    "sep": 9,
    "octobre": 10,
    "oct": 10,
    "october": 10,
    "novembre": 11,
    "nov": 11,
    "november": 11,
    "decembre": 12,
    "dec": 12,
    "december": 12,
}
WEEKDAYS = {
    "lundi": 0,
    "lun": 0,
    "monday": 0,
    "mon": 0,
    "mardi": 1,
    "tuesday": 1,
    "tue": 1,
    "tues": 1,
    "mercredi": 2,
    "mer": 2,
    "wednesday": 2,
    "wed": 2,
    "jeudi": 3,
    "jeu": 3,
    "thursday": 3,
    "thu": 3,
    "thurs": 3,
    "vendredi": 4,
    "ven": 4,
    "friday": 4,
    "fri": 4,
    "samedi": 5,
    "sam": 5,
    "saturday": 5,
    "sat": 5,
    "dimanche": 6,
    "dim": 6,
    "sunday": 6,
    "sun": 6,
}
NUMBERS = {
    "un": 1,
    "une": 1,
    "a": 1,
    "an": 1,
    "one": 1,
    "deux": 2,
    "two": 2,
    "trois": 3,
    "three": 3,
    "quatre": 4,
    "four": 4,
    "cinq": 5,
    "five": 5,
    "six": 6,
    "sept": 7,
    "seven": 7,
    "huit": 8,
    "eight": 8,
    "neuf": 9,
    "nine": 9,
    "dix": 10,
    "ten": 10,
    "onze": 11,
    "eleven": 11,
    "douze": 12,
    "twelve": 12,
    "quinze": 15,
    "fifteen": 15,
    "couple of": 2,
    "few": 3,
    "quelques": 3,
}

_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY_LONG = "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_WEEKDAY_RE = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_NUM_RE = "|".join(sorted((re.escape(k) for k in NUMBERS), key=len, reverse=True))
_ORD = r"(?:er|re|eme|e|st|nd|rd|th)?"

RETURN_CUES = re.compile(
    r"(retour|reviens|revenu|reviendrai|reprends|reprendrai|reprise|reprend|de nouveau|joignable|disponible|"
    r"a partir d[ue]|des (?:le )?|apres le|pas avant|recontact\w*|relance\w*|rappel\w*|"
    r"back|return|returning|resume|from|starting|after|not before|reach out|get back|reconnect|available|"
    r"respond on|reply on|revisit|ping me)\W*(?:\w+\W+){0,3}$"
)
UNTIL_CUES = re.compile(
    r"(jusqu'?\s?(?:au|a|en|le)|jusque|until|till|through|thru|to|au|[-–—]|ending)\W*(?:\w+\W+){0,1}$"
)


# Return dates sit in the first lines of a message; a megabyte of text is not read for them.
MAX_CHARS = 4000


@dataclass(frozen=True)
class DateMention:
    day: date
    start: int
    end: int
    kind: str  # "exact" (a day), "period" (a month, a season: already the first available day), "relative"


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return folded.replace("’", "'").replace("\u00a0", " ").replace("\u202f", " ")


def guess_lang(text: str) -> str:
    words = re.findall(r"[a-z']+", fold(text))
    fr = sum(w in _FR_WORDS for w in words)
    en = sum(w in _EN_WORDS for w in words)
    return "en" if en > fr else "fr"


_FR_WORDS = set(
    "je suis le la les de du des et au aux pour avec mon ma mes vous votre merci bonjour retour "
    "absent absente pas une un est sur dans ce cette serai jusqu'au conges".split()
)
_EN_WORDS = set(
    "i am the and of to for with my your you thank thanks hello hi back office until will be "
    "on is this out not".split()
)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _future(
    reference: date, month: int, day: int, year: int | None = None, weekday: int | None = None
) -> date | None:
    """The date (month, day) after ``reference``: this year or the next one, preferring a matching weekday."""
    if year is not None:
        if year < 100:
            year += 2000
        return _safe_date(year, month, day)
    candidates = [d for y in (reference.year, reference.year + 1) if (d := _safe_date(y, month, day))]
    after = [d for d in candidates if d >= reference] or candidates
    if weekday is not None:
        matching = [d for d in after if d.weekday() == weekday]
        if matching:
            return matching[0]
    return after[0] if after else None


def _month_start(reference: date, month: int, year: int | None = None, day: int = 1) -> date:
    if year is not None:
        return date(year if year > 100 else year + 2000, month, day)
    candidate = date(reference.year, month, day)
    if candidate < reference or (
        candidate.month == reference.month
        and candidate <= reference
        and day == 1
        and month != reference.month
    ):
        candidate = date(reference.year + 1, month, day)
    return candidate


def _next_weekday(reference: date, weekday: int) -> date:
    delta = (weekday - reference.weekday()) % 7 or 7
    return reference + timedelta(days=delta)


def _number(word: str) -> int:
    return int(word) if word.isdigit() else NUMBERS.get(word.strip(), 1)


def find_dates(text: str, reference: date, lang: str | None = None) -> list[DateMention]:
    """Every date mentioned in ``text``, resolved against ``reference``, in order of appearance."""
    text = text[:MAX_CHARS]
    t = fold(text)
    lang = lang or guess_lang(text)
    found: list[DateMention] = []
    covered = bytearray(len(t) + 1)  # characters already part of a mention (earlier patterns win)

    def add(m: re.Match, day: date | None, kind: str) -> None:
        if day is None:
            return
        if any(covered[m.start() : m.end()]):
            return
        covered[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
        found.append(DateMention(day, m.start(), m.end(), kind))

    # 1. Full numeric dates.
    for m in re.finditer(r"\b(\d{4})-(\d{2})-(\d{2})\b", t):
        add(m, _safe_date(int(m[1]), int(m[2]), int(m[3])), "exact")
    for m in re.finditer(r"\b(\d{1,2})([/.])(\d{1,2})(?:\2(\d{2,4}))?\b(?![/.:]?\d)", t):
        a, b = int(m[1]), int(m[3])
        if m[2] == "." and not m[4]:
            continue  # "10.30" is a time more often than a date
        day_number, month = (a, b) if lang == "fr" or a > 12 else (b, a)
        if month > 12 and day_number <= 12:
            day_number, month = month, day_number
        if not (1 <= month <= 12):
            continue
        add(m, _future(reference, month, day_number, int(m[4]) if m[4] else None), "exact")

    # 2. Written dates: "lundi 3 novembre 2025", "3rd of November", "Monday, March 14th", "Jan 4th".
    wd = rf"(?:({_WEEKDAY_RE})\.?,?\s+)?"
    for m in re.finditer(
        rf"\b{wd}(?:le\s+|the\s+)?(\d{{1,2}}){_ORD}\s+(?:of\s+|de\s+)?({_MONTH_RE})\b\.?(?:,?\s+(\d{{4}}))?",
        t,
    ):
        weekday = WEEKDAYS.get(m[1]) if m[1] else None
        add(m, _future(reference, MONTHS[m[3]], int(m[2]), int(m[4]) if m[4] else None, weekday), "exact")
    for m in re.finditer(
        rf"\b{wd}({_MONTH_RE})\.?\s+(?:the\s+)?(\d{{1,2}}){_ORD}\b(?!\s*(?:h|:|\d))(?:,?\s+(\d{{4}}))?", t
    ):
        weekday = WEEKDAYS.get(m[1]) if m[1] else None
        add(m, _future(reference, MONTHS[m[2]], int(m[3]), int(m[4]) if m[4] else None, weekday), "exact")

    # 3. A day of the month without the month: "lundi 3", "le 16", "the 20th".
    for m in re.finditer(
        rf"\b(?:({_WEEKDAY_RE})\.?\s+(?:the\s+)?|le\s+|the\s+)(\d{{1,2}}){_ORD}\b(?!\s*(?:h\b|:|/|\.\d|%|€|\$|\d|ans|mois|jours|days|weeks|months|creneau|option|choix|proposition|slot|one|time))",
        t,
    ):
        day_number = int(m[2])
        if not 1 <= day_number <= 31:
            continue
        weekday = WEEKDAYS.get(m[1]) if m[1] else None
        day = None
        month_start = date(reference.year, reference.month, 1)
        for offset in range(0, 13):
            first = month_start + relativedelta(months=offset)
            candidate = _safe_date(first.year, first.month, day_number)
            if candidate and candidate > reference and (weekday is None or candidate.weekday() == weekday):
                day = candidate
                break
        if day is None and weekday is not None:
            continue
        add(m, day, "exact")

    # 4. Months and parts of months: "mi-avril", "fin juin", "early July", "end of April", "en septembre".
    for m in re.finditer(
        rf"(?:\b(mi|debut|fin|early|mid|late|end of|beginning of|start of)[\s-]*)?(?:du mois d'|(?:the )?month of )?"
        rf"(?<![\d] )\b({_MONTH_RE})\b(?!\.?\s*\d)(?:\s+(prochain|next))?(?:\s+(\d{{4}}))?",
        t,
    ):
        word = m[2]
        if word in {
            "mar",
            "may",
            "jan",
            "sept",
            "dec",
            "sep",
            "jun",
            "jul",
            "aug",
            "apr",
            "feb",
            "oct",
            "nov",
        }:
            # Short and ambiguous ("may", "sept" = seven, "mar." = mardi): only with a clear lead-in.
            before = t[max(0, m.start() - 12) : m.start()]
            if not (m[1] or re.search(r"\b(en|in|until|jusqu'en|from|after|by|apres)\s*$", before)):
                continue
        if not m[1]:
            before = t[max(0, m.start() - 20) : m.start()]
            if not re.search(
                r"\b(en|in|until|till|jusqu'en|jusqu'a|from|after|by|apres|avant|before|d'ici|"
                r"a partir d[e']|des|pour|for|courant|au mois d[e']|vers|around|this|ce mois d[e'])\s*$",
                before,
            ):
                continue
        month = MONTHS[word]
        year = int(m[4]) if m[4] else None
        part = m[1] or ""
        if part in {"fin", "late", "end of"}:
            first = _month_start(reference, month, year, 1)
            if first <= reference and first.month != reference.month:
                first = first.replace(year=first.year + 1)
            day = first + relativedelta(months=1)
            if part == "late":
                day = first.replace(day=20)
        elif part in {"mi", "mid"}:
            day = _month_start(reference, month, year, 15)
        else:
            day = _month_start(reference, month, year, 1)
        if m[3] and day.year == reference.year and month <= reference.month:
            day = day.replace(year=reference.year + 1)
        add(m, day, "period")

    # 5. Relative expressions.
    for m in re.finditer(
        rf"\b(?:dans|d'ici|in|within|again in|encore)\s+(\d+|{_NUM_RE})\s+(jours?|days?|semaines?|weeks?|mois|months?|ans?|annees?|years?)\b",
        t,
    ):
        n = _number(m[1])
        unit = m[2]
        if unit.startswith(("jour", "day")):
            add(m, reference + timedelta(days=n), "relative")
        elif unit.startswith(("semaine", "week")):
            add(m, reference + timedelta(weeks=n), "relative")
        elif unit.startswith(("mois", "month")):
            add(m, reference + relativedelta(months=n), "relative")
        else:
            add(m, reference + relativedelta(years=n), "relative")
    for m in re.finditer(r"\b(?:dans|in)\s+(?:un|une|a|an)\s+(an|annee|year|mois|month|semaine|week)\b", t):
        unit = m[1]
        delta = (
            relativedelta(years=1)
            if unit in {"an", "annee", "year"}
            else relativedelta(months=1)
            if unit in {"mois", "month"}
            else relativedelta(weeks=1)
        )
        add(m, reference + delta, "relative")
    for m in re.finditer(rf"\b(?:(next|this coming|coming)\s+)?({_WEEKDAY_LONG})\b(?:\s+(prochain))?", t):
        add(m, _next_weekday(reference, WEEKDAYS[m[2]]), "relative")
    simple = [
        (r"\bapres[\s-]demain\b|\bday after tomorrow\b", lambda r: r + timedelta(days=2)),
        (r"\bdemain\b|\btomorrow\b", lambda r: r + timedelta(days=1)),
        (r"\b(?:la semaine prochaine|next week|the week after)\b", lambda r: _next_weekday(r, 0)),
        (
            r"\b(?:le mois prochain|next month)\b",
            lambda r: date(r.year, r.month, 1) + relativedelta(months=1),
        ),
        (
            r"\bfin (?:du|de ce) mois\b|\bend of (?:the|this) month\b",
            lambda r: date(r.year, r.month, 1) + relativedelta(months=1),
        ),
        (r"\bfin (?:de la|de cette) semaine\b|\bend of (?:the|this) week\b", lambda r: _next_weekday(r, 0)),
        (
            r"\bapres (?:les|ces) (?:fetes|vacances de noel|vacances de fin d'annee)\b|\bafter (?:the )?(?:holidays|christmas|festive season)\b",
            lambda r: _future(r, 1, 2),
        ),
        (
            r"\b(?:apres l'ete|a la rentree|la rentree|rentree de septembre|after (?:the )?summer(?: break| holidays)?)\b",
            lambda r: _future(r, 9, 1),
        ),
        (
            r"\b(?:(?:en |au )?debut d'annee(?: prochaine)?|l'annee prochaine|next year|the new year|new year)\b",
            lambda r: date(r.year + 1, 1, 1),
        ),
        (r"\b(?:q|t)([1-4])\b", None),
    ]
    for pattern, resolve in simple:
        for m in re.finditer(pattern, t):
            if resolve is None:
                quarter_month = (int(m[1]) - 1) * 3 + 1
                add(m, _month_start(reference, quarter_month), "period")
            else:
                add(m, resolve(reference), "relative")
    found.sort(key=lambda mention: mention.start)
    return found


def extract_return_date(text: str, reference: date, lang: str | None = None) -> date | None:
    """The first day the writer may be contacted again, or None when the text gives no date.

    1. Find every date mention, resolved against ``reference``.
    2. Rank: a mention after a return cue ("de retour le", "back on") first, then one after an "until" cue
       ("jusqu'au", "until", "du 3 au"; an exact day there means the day after), then relative mentions,
       then any other future date.
    3. Dates on or before ``reference`` are ignored (often the quoted thread's "Le 3 nov. 2025 ... a écrit").
    """
    if not text:
        return None
    text = text[:MAX_CHARS]
    t = fold(text)
    mentions = find_dates(text, reference, lang)
    ranked: list[tuple[int, int, date]] = []
    for mention in mentions:
        before = t[max(0, mention.start - 60) : mention.start]
        after = t[mention.end : mention.end + 12]
        day = mention.day
        inclusive = bool(re.match(r"\W*(inclus|inclusive|included)", after))
        if RETURN_CUES.search(before):
            rank = 0
            if re.search(r"(apres le|after)\W*(?:\w+\W+){0,1}$", before) and mention.kind == "exact":
                day = day + timedelta(days=1)
        elif UNTIL_CUES.search(before) or inclusive:
            rank = 1
            if mention.kind == "exact":
                day = day + timedelta(days=1)
        elif mention.kind in {"relative", "period"}:
            rank = 2
        else:
            rank = 3
        if day <= reference:
            continue
        ranked.append((rank, mention.start, day))
    if not ranked:
        return None
    ranked.sort()
    return ranked[0][2]
