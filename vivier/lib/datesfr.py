"""Dates written by people in French and English mail: "de retour le 12 janvier", "back on Monday 14 March",
"recontactez-moi dans 6 mois", "after the summer".

One question, asked by an out-of-office message and by a "later" reply alike: from which calendar day may we
write to this person again? ``extract_return_date(text, reference, lang)`` answers it from raw text,
``resolve(folded, received, lang)`` from text already folded (``vivier.lib.text.fold(..., keep_lines=True)``).

Conventions (they match the reply dataset's ``recontact_after``, see ``replies/tests/data/REPLIES.md``):
- "de retour le X", "back on X", "je reprends le X", "à partir du X"          -> X
- "jusqu'au X (inclus)", "until X", "du 3 au X"                                -> the day after X
- "jusqu'en septembre", "until September", "en juin"                          -> the 1st of that month
- "mi-avril" -> the 15th, "fin juin" / "end of June" -> July 1st
- "lundi", "next Tuesday" -> the next such weekday; "lundi 3" -> the next 3rd that is a Monday
- "from 13/07 to 24/07", "du 13 au 24 juillet" name the last day away -> the day after the second date
- "a fortnight", "une quinzaine" -> 14 days; "un mois et demi" -> a month and 15 days; "away for two weeks" -> from
  the message
- "dans 6 mois", "in 3 weeks", "next week", "demain", "à la rentrée", "après les fêtes", "début 2027", "Q2"
  -> resolved from the day the message arrived
- an away message names the last day away ("off Friday 19 July", "away July 10-31", "from 10th to 21st August")
  -> the day after it; "back Monday 22" -> that day; ``first_business_day`` then moves a weekend or a public
  holiday to the day the office reopens
- "12/03" is day first, unless ``lang`` is "en" (month first) or only one reading is a date ("7/20")
An explicit return date outranks an "until" date, which outranks a vaguer period; dates without a year are
placed on or after the reference day (year rollover: "back on Jan 4th" written in November is next January),
and a date before it (the quoted thread's "Le 3 nov. 2025 ... a écrit") is ignored.
"""

import re
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from vivier.lib.text import fold

MONTHS = {
    "janvier": 1,
    "janv": 1,
    "jan": 1,
    "january": 1,
    "fevrier": 2,
    "fevr": 2,
    "fev": 2,
    "feb": 2,
    "february": 2,
    "mars": 3,
    "mar": 3,
    "march": 3,
    "avril": 4,
    "avr": 4,
    "apr": 4,
    "april": 4,
    "mai": 5,
    "may": 5,
    "juin": 6,
    "jun": 6,
    "june": 6,
    "juillet": 7,
    "juil": 7,
    "jul": 7,
    "july": 7,
    "aout": 8,
    "aug": 8,
    "august": 8,
    "septembre": 9,
    "sept": 9,
    "sep": 9,
    "september": 9,
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
    "mardi": 1,
    "mercredi": 2,
    "jeudi": 3,
    "vendredi": 4,
    "samedi": 5,
    "dimanche": 6,
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
    "mon": 0,
    "tue": 1,
    "tues": 1,
    "wed": 2,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "fri": 4,
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
    "dix-huit": 18,
    "eighteen": 18,
    "a couple of": 2,
    "quelques": 3,
    "a few": 3,
    "few": 3,
    "couple of": 2,
}

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WD = r"(?:(?:" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\.?,?\s+)?"
_DAY = r"(?P<day>1er|premier|[0-3]?\d)(?:st|nd|rd|th|er|e)?"
_YEAR = r"(?:,?\s+(?P<year>20\d\d))?"

# "le 12 janvier (2027)", "lundi 5 janvier", "12th of June", "8th June"
_DAY_MONTH = re.compile(r"\b" + _WD + _DAY + r"\s+(?:of\s+|de\s+)?" + _MONTH + r"(?![a-z])" + _YEAR)
# "January 4th", "Jan 4", "Monday, Sept 14", "April 27th, 2026"
_MONTH_DAY = re.compile(r"\b" + _WD + _MONTH + r"\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:h])" + _YEAR)
# 12/01, 12/01/2027, 7/20
_NUMERIC = re.compile(r"(?<![\d/])(?P<a>[0-3]?\d)[/.](?P<b>[0-3]?\d)(?:[/.](?P<y>(?:20)?\d\d))?(?![\d/])")
# 2025-12-15
_ISO = re.compile(r"\b(?P<y>20\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")
# "lundi 3", "Monday 1st" (no month): the next 3rd that is a Monday
_WEEKDAY_DAY = re.compile(
    r"\b(?P<wd>lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday)\s+(?:the\s+)?(?P<day>1er|[0-3]?\d)(?:st|nd|rd|th|er)?\b(?!\s*(?:h\b|h\d|:|/|\.\d|%|ans|mois|"
    r"jours|days|years|months|semaines|weeks|personnes|people|k\b))"
)
# "le 16", "the 20th", "on the 20th"
_DAY_ONLY = re.compile(
    r"\b(?:le|the|du|au|on)\s+(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday)\s+(?:the\s+)?)?(?P<day>1er|[0-3]?\d)(?:st|nd|rd|th|er)?\b(?!\s*(?:h\b|h\d|:|%|ans|mois|jours|"
    r"days|years|months|semaines|weeks|personnes|people|k\b))"
)
# "mi-avril", "fin juin", "début juillet", "en mai", "in May", "avril prochain", "end of April", "early July"
_MONTH_ONLY = re.compile(
    r"\b(?P<pre>mi-?|mid-?|fin|end\s+of|late|debut|early|beginning\s+of|en|in|au\s+mois\s+de|a\s+partir\s+de|"
    r"from|after|apres|avant|before|jusqu'en|until|till|des|courant|d'ici)?\s*"
    + _MONTH
    + r"(?![a-z])(?P<next>\s+prochain|\s+next\s+year)?(?P<year2>\s+20\d\d)?"
)
_IN_DURATION = re.compile(
    r"\b(?:dans|d'ici|in|within|sous|after|apres|laissez[\s-]moi|give\s+me|allow\s+me|wait|attendez|"
    r"attendre|encore)\s+(?:(?:about|environ|around|approx\w*)\s+)?"
    r"(?P<n>\d+|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|quinze|dix-huit|a\s+couple\s+of|"
    r"a\s+few|quelques|an|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|eighteen)\s+"
    r"(?P<unit>mois|ans?|annees?|semaines?|jours?|months?|years?|weeks?|days?|quinzaines?|fortnights?)\b"
    r"(?P<half>\s+(?:et\s+demie?|and\s+a\s+half))?"
)
# "a fortnight", "une quinzaine (de jours)" without "in"/"dans" before them: two weeks from the reply.
_FORTNIGHT = re.compile(r"\b(?:a|one|une)\s+(?:fortnight|quinzaine)\b")
_WEEKDAY_REL = re.compile(
    r"\b(?P<wd>lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|"
    r"friday|saturday|sunday)\b(?P<next>\s+prochain|\s+d'apres)?|\bnext\s+(?P<wd2>monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday)\b"
)

_RETURN_CTX = re.compile(
    r"(?:de\s+retour|retour|back|return\w*|reprends?|reprise|reviens|rentre\w*|recontact\w*|revenez|relancez|"
    r"rappel\w*|reach\s+out|contact\s+me|reconnect|talk|parle|a\s+partir|from|pas\s+avant|not\s+before|"
    r"disponible|available|ping|touch\s+base|reprendrai|on\s+en|after\s+that|en\s+reparler|revisit|reviendrai|get\s+back|"
    r"repondrai|respond|reply|traiterai)\W+(?:\w+\W+){0,6}$"
)
_UNTIL_CTX = re.compile(
    r"(?:jusqu'(?:au|a|en|a\s+la|a\s+fin)?|until|till|through|au|to|-|–)\s*(?:\w+\.?\s+){0,2}$"
)
_INCLUSIVE = re.compile(r"^\s*(?:inclus|included|inclusive)")

# Return dates sit in the first lines of a message; a megabyte of text is not read for them.
MAX_CHARS = 4000


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _forward(ref: date, month: int, day: int, year: int | None = None) -> date | None:
    """The date with that month and day on or after ``ref`` (or in the given year)."""
    if year:
        return _safe(year, month, day)
    candidate = _safe(ref.year, month, day)
    if candidate is None:
        return None
    if candidate < ref - timedelta(days=1):
        candidate = _safe(ref.year + 1, month, day)
    return candidate


def _month_start_forward(ref: date, month: int, next_year: bool = False) -> date:
    year = ref.year + (1 if (month < ref.month or next_year) else 0)
    return date(year, month, 1)


def _first_of_next_month(d: date) -> date:
    return d.replace(day=1) + relativedelta(months=1)


def _number(word: str) -> int | None:
    word = word.strip()
    if word.isdigit():
        return int(word)
    return NUMBERS.get(re.sub(r"\s+", " ", word))


class _Found:
    __slots__ = ("when", "priority", "pos")

    def __init__(self, when: date, priority: int, pos: int):
        self.when, self.priority, self.pos = when, priority, pos


def _context_priority(text: str, start: int, end: int, base: int) -> tuple[int, bool]:
    """(priority, is_until): a date after "de retour"/"back on" ranks first, after "jusqu'au"/"until" second."""
    before = text[max(0, start - 60) : start]
    if _RETURN_CTX.search(before):
        return base + 50, False
    if _UNTIL_CTX.search(before[-25:]):
        return base + 10, True
    return base, False


# How people write the days they are away, rewritten into the forms ``resolve`` reads ("until X" is back the day
# after X, "back on the 22nd" is that day). Only the span of an away message is rewritten.
_A_MONTH = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_A_WEEKDAY = "(?:" + "|".join(sorted((w for w in WEEKDAYS if len(w) > 3), key=len, reverse=True)) + ")"
_A_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th|er)?"
_AWAY = (
    r"(?:off|away|absent|absente|out(?:\s+of\s+(?:the\s+)?office)?|ooo|on\s+(?:annual\s+|parental\s+|sick\s+)?leave|"
    r"on\s+holiday|on\s+vacation|travell?ing)"
)
# A return or end day already said ("back on Monday 22", "until the 31st", "jusqu'au 3") leaves the text alone.
_BACK_OR_UNTIL = re.compile(
    r"\b(?:back|return\w*|retour|until|till|through|thru|jusqu'?(?:au|a|en)?|reviendrai)\s+(?:on\s+|le\s+|the\s+|in\s+)?"
    rf"(?:{_A_WEEKDAY}|{_A_MONTH}|\d)"
)
# "July 10-31" -> "until 31 july": a month-first range ends on its second day.
_MONTH_FIRST_RANGE = re.compile(
    rf"\b(?P<m>{_A_MONTH})\s+(?P<d1>{_A_DAY})\s*(?:-|–|to|until|through)\s*(?P<d2>{_A_DAY})\b"
)
# "from 10 to 31 July", "from 10th to 21st August inclusive" -> "until 31 july".
_FROM_TO = re.compile(
    rf"\bfrom\s+(?:{_A_WEEKDAY}\s+)?(?P<d1>{_A_DAY})\s+(?:to|until|till|-)\s+(?:{_A_WEEKDAY}\s+)?(?P<d2>{_A_DAY})\s+"
    rf"(?P<m>{_A_MONTH})"
)
# "from 13/07 to 24/07", "du lundi 13 juillet au vendredi 24 juillet", "from July 13th through July 24th" -> "until"
# the second date: the first is the first day away, not a return.
_A_DATE = rf"(?:{_A_WEEKDAY}\s+)?(?:\d{{1,2}}[/.]\d{{1,2}}(?:[/.]\d{{2,4}})?|{_A_DAY}\s+(?:of\s+)?{_A_MONTH}|{_A_MONTH}\s+{_A_DAY})"
_DATE_RANGE = re.compile(
    rf"\b(?:from|du|de|between)\s+(?:the\s+|le\s+)?{_A_DATE}\s*(?:to|au|and|-|–|until|till|through|thru|jusqu'au)\s+"
    rf"(?:the\s+|le\s+)?(?P<end>{_A_DATE})(?P<year>\s+20\d\d)?"
)
# "away for the next two weeks", "absente pour deux semaines" -> "in two weeks": how long, from the message.
_AWAY_FOR = re.compile(
    rf"\b(?P<away>{_AWAY}|absente?s?|absent\(e\)|en\s+conges?|en\s+vacances|en\s+deplacement)\s+(?:[\w()']+\s+){{0,4}}?"
    r"(?:for|pour|pendant|durant)\s+(?:the\s+next\s+|the\s+coming\s+|les\s+(?:\w+\s+)?prochaine?s\s+)?"
    r"(?P<n>\d+|une?|deux|trois|quatre|cinq|six|a|one|two|three|four|five|six|a\s+couple\s+of|a\s+few|quelques)\s+"
    r"(?P<unit>semaines?|jours?|mois|weeks?|days?|months?)\b"
)
# "off Friday 19 July" (no return said) -> "until friday 19 july": the day named is a day away.
_OFF_ON = re.compile(
    rf"\b(?P<away>{_AWAY})\s+(?:on\s+|today\s+\(?|tomorrow\s+\(?)?(?P<date>(?:{_A_WEEKDAY}\s+)?{_A_DAY}\s+{_A_MONTH}|"
    rf"(?:{_A_WEEKDAY}\s+)?{_A_MONTH}\s+{_A_DAY})\b"
)
# "back Monday 22" (a weekday and a day of the month, no month) -> "back on the 22nd".
_BACK_WEEKDAY_DAY = re.compile(
    rf"\b(?P<back>back|returning|return)\s+(?:on\s+)?{_A_WEEKDAY}\s+(?:the\s+)?(?P<d>{_A_DAY})\b(?!\s*{_A_MONTH})"
)


def _digits(day: str) -> str:
    return re.sub(r"\D", "", day)


def _rewrite_away(folded: str) -> str:
    """The folded text with its away span in the forms ``resolve`` reads."""
    text = _MONTH_FIRST_RANGE.sub(lambda m: f"until {_digits(m['d2'])} {m['m']}", folded)
    text = _FROM_TO.sub(lambda m: f"until {_digits(m['d2'])} {m['m']}", text)
    text = _DATE_RANGE.sub(lambda m: f"until {m['end']}{m['year'] or ''}", text)
    if not _BACK_OR_UNTIL.search(text):
        text = _AWAY_FOR.sub(lambda m: f"{m['away']} in {m['n']} {m['unit']}", text)
    text = _BACK_WEEKDAY_DAY.sub(lambda m: f"{m['back']} on the {_digits(m['d'])}th", text)
    if not _BACK_OR_UNTIL.search(text):
        text = _OFF_ON.sub(lambda m: f"{m['away']} until {m['date']}", text)
    return text


# Days no office reopens on, in France and the United Kingdom alike.
_CLOSED = {(1, 1), (12, 25)}


def first_business_day(day: date) -> date:
    """The person is back on the first working day from ``day``: an away message "until Friday 31 July"
    resolves to Saturday 1 August, and the sequence resumes on Monday 3."""
    while day.weekday() >= 5 or (day.month, day.day) in _CLOSED:
        day += timedelta(days=1)
    return day


def extract_return_date(text: str, reference: date, lang: str | None = None) -> date | None:
    """The first day the writer may be contacted again, or None when the text gives no date."""
    if not text:
        return None
    return resolve(fold(text[:MAX_CHARS], keep_lines=True), reference, lang)


def resolve(folded: str, received: date, lang: str | None = None) -> date | None:
    """The recontact/return date stated or implied in ``folded`` (already lower-cased, accent-free).

    Candidates are found in this order (an earlier one owns its characters): 1. full dates (ISO, written,
    numeric), 2. durations, 3. months alone, 4. named periods, years and quarters, 5. a weekday with a day
    number, then a day of the month alone (only after a return or "until" cue), 6. weekdays. Each gets a
    priority from what precedes it (return cue > "until" cue > none); the highest wins, the latest of equals.
    """
    folded = _rewrite_away(folded)
    found: list[_Found] = []
    spans: list[tuple[int, int]] = []

    def add(when: date | None, priority: int, start: int, end: int) -> None:
        if when is None or when < received:
            return
        found.append(_Found(when, priority, start))
        spans.append((start, end))

    def taken(start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in spans)

    def place(m: re.Match, month: int, day: int, year: int | None, base: int) -> None:
        when = _forward(received, month, day, year)
        if when is None:
            return
        priority, until = _context_priority(folded, m.start(), m.end(), base)
        after = folded[m.end() : m.end() + 12]
        if until or _INCLUSIVE.match(after):
            if not _RETURN_CTX.search(folded[max(0, m.start() - 60) : m.start()]):
                when = when + timedelta(days=1)
        add(when, priority, m.start(), m.end())

    # 1. Full dates.
    for m in _ISO.finditer(folded):
        place(m, int(m["m"]), int(m["d"]), int(m["y"]), 50)
    for m in _DAY_MONTH.finditer(folded):
        day = 1 if m["day"] in ("1er", "premier") else int(m["day"])
        place(m, MONTHS[m["month"]], day, int(m["year"]) if m["year"] else None, 50)
    for m in _MONTH_DAY.finditer(folded):
        if taken(m.start(), m.end()):
            continue
        place(m, MONTHS[m["month"]], int(m["day"]), int(m["year"]) if m["year"] else None, 50)
    for m in _NUMERIC.finditer(folded):
        if taken(m.start(), m.end()):
            continue
        a, b = int(m["a"]), int(m["b"])
        year = m["y"]
        year_n = (int(year) + (2000 if len(year) == 2 else 0)) if year else None
        # Day first (French, British); month first in English text or when the day-first reading is
        # impossible (7/20).
        if lang == "en" and a <= 12:
            day, month = b, a
        else:
            day, month = (a, b) if b <= 12 and a <= 31 else (b, a)
        if month > 12:
            continue
        if not 1 <= day <= 31:
            continue
        if b > 12 and a <= 12:
            day, month = b, a
        place(m, month, day, year_n, 45)

    # 2. Durations: "dans 6 mois", "in three months", "in a year".
    for m in _IN_DURATION.finditer(folded):
        n = _number(m["n"])
        if not n:
            continue
        unit = m["unit"]
        half = bool(m["half"])
        if unit.startswith(("mois", "month")):
            when = received + relativedelta(months=n, days=15 if half else 0)
        elif unit.startswith(("an", "year")):
            when = received + relativedelta(years=n, months=6 if half else 0)
        elif unit.startswith(("semaine", "week")):
            when = received + timedelta(weeks=n, days=3 if half else 0)
        elif unit.startswith(("quinzaine", "fortnight")):
            when = received + timedelta(days=14 * n)
        else:
            when = received + timedelta(days=n)
        add(when, 60, m.start(), m.end())
    for m in _FORTNIGHT.finditer(folded):
        if not taken(m.start(), m.end()):
            add(received + timedelta(days=14), 60, m.start(), m.end())
    for m in re.finditer(
        r"\b(?:in|within|dans|d'ici)\s+(?:about\s+|environ\s+)?(?:half\s+a\s+year|un\s+semestre)\b", folded
    ):
        if not taken(m.start(), m.end()):
            add(received + relativedelta(months=6), 60, m.start(), m.end())

    # 3. Months alone: "mi-avril" -> 15th, "fin juin" -> July 1st, "début juillet"/"en mai" -> the 1st.
    for m in _MONTH_ONLY.finditer(folded):
        if taken(m.start(), m.end()):
            continue
        month = MONTHS[m["month"]]
        if (
            m["month"] in ("mar", "may", "jan", "sep", "oct", "dec", "nov", "aug", "jun", "jul", "apr", "feb")
            and not m["pre"]
        ):
            continue  # "may" is a verb, short forms are noise without a preposition
        if m["month"] == "may" and m["pre"] not in (
            "in",
            "early",
            "mid-",
            "mid",
            "end of",
            "late",
            "until",
            "till",
            "from",
            "after",
            "before",
            "beginning of",
        ):
            continue
        pre = (m["pre"] or "").strip()
        year = int(m["year2"]) if m["year2"] else None
        start = date(year, month, 1) if year else _month_start_forward(received, month, bool(m["next"]))
        if (
            start.year == received.year
            and month == received.month
            and not year
            and pre not in ("fin", "end of", "late")
        ):
            start = received.replace(day=1)
        if pre.startswith(("mi", "mid")):
            when = start.replace(day=15)
        elif pre in ("fin", "end of", "late", "jusqu'en", "until", "till", "apres", "after"):
            when = _first_of_next_month(start) if pre not in ("jusqu'en", "until", "till") else start
            if pre in ("until", "till", "jusqu'en"):
                when = start  # "until September" -> from September 1st
        else:
            when = start
        if when < received and pre in ("fin", "end of", "late"):
            when = _first_of_next_month(received)
        base = 40
        priority, _ = _context_priority(folded, m.start(), m.end(), base)
        add(max(when, received), priority, m.start(), m.end())

    # 4. Named periods.
    y = received.year
    periods = [
        (
            r"\bla\s+rentree\b|\bafter\s+(?:the|next)\s+summer(?:\s+(?:break|holidays?))?\b|\bapres\s+l'ete\s+prochain\b|\bapres\s+l'ete\b|"
            r"\bapres\s+les\s+vacances\s+d'ete\b|\bafter\s+summer\b|\bend\s+of\s+(?:the\s+)?summer\b|\bfin\s+de\s+l'ete\b|"
            r"\bin\s+the\s+autumn\b|\bin\s+the\s+fall\b|\ba\s+l'automne\b|\ben\s+automne\b|\bthis\s+autumn\b|\bcet\s+automne\b|"
            r"\b(?:the\s+)?summer(?:'s|\s+is|\s+has\s+ended|\s+ends)(?:\s+over)?\b|\bonce\s+(?:the\s+)?summer\b|"
            r"\bapres\s+les\s+grandes\s+vacances\b|\bune\s+fois\s+l'ete\s+(?:passe|termine|fini)\b",
            lambda: date(y if received < date(y, 9, 1) else y + 1, 9, 1),
        ),
        (
            r"\bl'annee\s+prochaine\b|\bl'an\s+prochain\b|\ban\s+prochain\b|\bnext\s+year\b|\bnew\s+year\b|\bnouvelle\s+annee\b|\bdebut\s+(?:d'|de\s+l')annee\b|"
            r"\bstart\s+of\s+(?:the\s+)?(?:next\s+)?year\b|\bearly\s+next\s+year\b|\bbeginning\s+of\s+next\s+year\b|"
            r"\bapres\s+les\s+fetes\b|\bafter\s+the\s+holidays\b|\bfin\s+d'annee\b|\bend\s+of\s+(?:the\s+)?year\b|"
            r"\bdebut\s+janvier\b",
            lambda: date(y + 1, 1, 1),
        ),
        (
            r"\bcet\s+ete\b|\bthis\s+summer\b|\ben\s+ete\b|\bin\s+the\s+summer\b|\bapres\s+le\s+printemps\b|"
            r"\b(?:second|2e|deuxieme)\s+semestre\b|\bsecond\s+half\s+of\s+(?:the\s+|this\s+)?year\b|\bh2\b",
            lambda: date(y if received < date(y, 7, 1) else y + 1, 7, 1),
        ),
        (
            r"\bau\s+printemps\b|\bin\s+(?:the\s+)?spring\b|\bce\s+printemps\b|\bthis\s+spring\b",
            lambda: date(y if received < date(y, 3, 20) else y + 1, 3, 20),
        ),
        (
            r"\bfin\s+du\s+mois\b|\bend\s+of\s+(?:the|this)\s+month\b|\bmois\s+prochain\b|\bnext\s+month\b",
            lambda: _first_of_next_month(received),
        ),
        (
            r"\bla\s+semaine\s+prochaine\b|\bnext\s+week\b|\bfin\s+de\s+(?:la\s+)?semaine\b|\bend\s+of\s+(?:the|this)\s+week\b",
            lambda: received + timedelta(days=7 - received.weekday()),
        ),
        (r"\bdemain\b|\btomorrow\b", lambda: received + timedelta(days=1)),
    ]
    for pattern, resolve_period in periods:
        period = re.search(pattern, folded)
        if period and not taken(period.start(), period.end()):
            add(resolve_period(), 30, period.start(), period.end())

    # "début 2027", "en 2027", "in 2027"
    for m in re.finditer(r"\b(?:debut|en|in|early|courant|d'ici|from|des)\s+(?P<y>20\d\d)\b", folded):
        if not taken(m.start(), m.end()):
            add(date(int(m["y"]), 1, 1), 35, m.start(), m.end())
    # Quarters: "Q2", "T3", "au 2e trimestre", "second quarter"
    for m in re.finditer(
        r"\b(?:q|t)(?P<q>[1-4])\b(?:\s+(?P<y>20\d\d))?|\b(?P<q2>[1-4])(?:e|er|eme|st|nd|rd|th)\s+(?:trimestre|quarter)\b",
        folded,
    ):
        q = int(m["q"] or m["q2"])
        month = 3 * (q - 1) + 1
        year = (
            int(m["y"])
            if m["y"]
            else (y if month >= received.month or q == (received.month - 1) // 3 + 1 else y + 1)
        )
        when = date(year, month, 1)
        if when < received:
            when = received if q == (received.month - 1) // 3 + 1 else date(year + 1, month, 1)
        add(when, 35, m.start(), m.end())

    # 5. A weekday with a day number: "de retour lundi 3" -> the next 3rd that is a Monday.
    for m in _WEEKDAY_DAY.finditer(folded):
        if taken(m.start(), m.end()):
            continue
        day = 1 if m["day"] == "1er" else int(m["day"])
        wd = WEEKDAYS[m["wd"]]
        first = received.replace(day=1)
        weekday_date: date | None = None
        for offset in range(13):
            month_start = first + relativedelta(months=offset)
            candidate = _safe(month_start.year, month_start.month, day)
            if candidate and candidate > received and candidate.weekday() == wd:
                weekday_date = candidate
                break
        if weekday_date is None:
            continue
        priority, until = _context_priority(folded, m.start(), m.end(), 20)
        if until:
            weekday_date += timedelta(days=1)
        add(weekday_date, priority, m.start(), m.end())

    # Day of month alone: "de retour le 16", "back on the 20th".
    for m in _DAY_ONLY.finditer(folded):
        if taken(m.start(), m.end()):
            continue
        day = 1 if m["day"] == "1er" else int(m["day"])
        if not 1 <= day <= 31:
            continue
        priority, until = _context_priority(folded, m.start(), m.end(), 10)
        if priority <= 10:
            continue  # a bare "le 16" is only a date after "de retour" / "back" or "jusqu'au" / "until"
        day_date = _safe(received.year, received.month, day)
        if day_date is None or day_date < received:
            nxt = _first_of_next_month(received)
            day_date = _safe(nxt.year, nxt.month, day)
        if day_date and until:
            day_date += timedelta(days=1)
        add(day_date, priority, m.start(), m.end())

    # 6. Weekdays: "de retour lundi", "back next Tuesday" -> the next such day after the reply.
    for m in _WEEKDAY_REL.finditer(folded):
        if taken(m.start(), m.end() + 8):
            continue
        wd = WEEKDAYS[m["wd"] or m["wd2"]]
        delta = (wd - received.weekday()) % 7 or 7
        when = received + timedelta(days=delta)
        if m["next"] and "d'apres" in m["next"]:
            when += timedelta(days=7)
        priority, until = _context_priority(folded, m.start(), m.end(), 20)
        if until:
            when += timedelta(days=1)
        add(when, priority, m.start(), m.end())

    if not found:
        return None
    best = max(found, key=lambda f: (f.priority, f.pos))
    return best.when
