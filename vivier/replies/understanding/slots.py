"""Which of the offered interview slots the candidate picks: by ordinal, weekday, date or time.

Each clause of the reply votes for the slots it mentions; a clause that says no ("mardi c'est mort",
"Tuesday doesn't work", "je travaille le 2") votes against them. Returns the 1-based index of the slot picked among
any number offered, or None (neither, or another time asked for), plus whether the reply talks about the slots at all.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from vivier.lib.datesfr import MONTHS, WEEKDAYS

_CLAUSE_SPLIT = re.compile(
    r"[.;!?\n,:()]+|\s[-–—]\s|"
    r"\b(?:mais|par\s+contre|en\s+revanche|but|however|whereas|alors\s+que|donc)\b"
)
_NEGATIVE = re.compile(
    r"(?:'s|\s+is)\s+out\b|\b(?:sauf|hormis|excepte|except|other\s+than|pas|plus(?!\s+(?:vite|tot|tard|simple|facile|pratique|rapide\w*|proche|court|calme))|jamais|aucun\w*|impossible|mort|compliqu\w*|difficile|pris|prise|occupe\w*|empeche\w*|"
    r"indisponible|travaille|bosse|formation|clash\w*|conflict\w*|can'?t|cannot|won'?t|doesn'?t|don'?t|isn'?t|"
    r"not|no\b|busy|booked|unavailable|working|neither|nor|ni|en\s+(?:clientele|rendez-vous|rdv|deplacement|conges?|reunion|"
    r"formation|seminaire)|in\s+meetings|travell?ing|away|off)\b"
)
_NEITHER = re.compile(
    r"\b(?:aucun\s+des\s+deux|aucune?\s+(?:des|de\s+ces)\s+(?:deux\s+)?(?:creneaux|dates|options|propositions|horaires)|"
    r"ni\s+l'un\s+ni\s+l'autre|neither|none\s+of\s+(?:them|these|those|the)|both\s+(?:clash|conflict|are\s+"
    r"(?:difficult|impossible|tricky|bad))|les\s+deux\s+(?:sont|tombent)\s+(?:pris|mal|impossibles?)|"
    r"(?:ces|les)\s+(?:creneaux|horaires|dates)\s+(?:ne|tombent|sont)|\bdecaler\b|\breporter\b|\bautre\s+(?:creneau|"
    r"date|moment|jour|horaire)|\bd'autres\s+(?:creneaux|dates|disponibilites)|\b(?:another|other|different)\s+"
    r"(?:time|slot|day|date)|\breschedule\b|\binstead\b|\bplutot\s+(?:la\s+semaine|le\s+\w+\s+\d)|"
    r"\bautre\s+chose\b|\b(?:something|anything)\s+else\b|\bother\s+(?:days|dates|options|slots|times)\b|\bsemaine\s+(?:d'apres|suivante)\b|\bweek\s+after\b|\bmove\s+(?:it|the\s+(?:interview|call|meeting))\b|"
    r"\bdeplacer\s+(?:le|l')|\bune\s+autre\s+semaine\b|\bfollowing\s+(?:week|monday|tuesday|wednesday|thursday|friday)|"
    r"\bserait\s+possible\s*\?|\bc\s*'?est\s+possible\s+apres\b|\bpossible\s+apres\b|\bwould\s+\w+\s+(?:\w+\s+)?work\s+"
    r"instead\b)"
)
_HARD_NEITHER = re.compile(
    r"\b(?:can'?t\s+(?:do|make)\s+either|neither\s+of|either\s+of\s+(?:those|them|these)\s+(?:is|are)\s+(?:impossible|"
    r"difficult|tricky)|aucun\s+des\s+deux|aucune?\s+(?:des|de\s+ces)\s+(?:deux\s+)?(?:creneaux|dates|options|propositions|"
    r"horaires)|ni\s+l'un\s+ni\s+l'autre|neither|none\s+of\s+(?:them|these|those|the)|both\s+(?:clash|conflict|"
    r"are\s+(?:difficult|impossible|tricky|bad))|both\s+(?:days|slots|dates|options|times)\s+(?:are|clash|don'?t)|les\s+deux\s+(?:sont|tombent)|(?:ces|les)\s+(?:deux\s+)?(?:creneaux|"
    r"horaires|dates)\s+(?:ne\s+(?:me\s+)?(?:vont|conviennent)|tombent)|doesn'?t\s+work\s+either|aucun\s+ne)"
)
_OTHER_WEEK = re.compile(r"\b(?:following|the\s+week\s+after)\s+$")
# Any of the offered slots would do: no single slot is picked, the recruiter chooses.
_COUNT = r"(?:deux|trois|quatre|cinq|[2-9]|two|three|four|five)"
_BOTH_OK = re.compile(
    r"\b(?:(?:les|ces)\s+" + _COUNT + r"(?:\s+(?:creneaux|dates|options|propositions|horaires))?\s+(?:me\s+)?"
    r"(?:vont|iraient|conviennent|conviendraient|sont\s+(?:ok|bons|parfaits)|marchent|m'arrangent)|"
    r"tou(?:s|tes)\s+(?:les\s+" + _COUNT + r"\s+|(?:les\s+)?(?:creneaux|dates|propositions|horaires)\s+)?"
    r"(?:me\s+)?(?:vont|conviennent|sont\s+(?:ok|bons)|marchent)|"
    r"either\s+(?:works|would\s+work|is\s+(?:fine|good|ok)|one|day|slot|time|option|of\s+(?:them|those|these))|"
    r"(?:both|all(?:\s+"
    + _COUNT
    + r")?|all\s+of\s+(?:them|those|these))\s+(?:work|would\s+work|are\s+(?:fine|good|ok)|"
    r"suit|(?:would\s+)?(?:be\s+)?fine)|"
    r"any\s+(?:of\s+(?:them|those|these|the\s+\w+)|one|slot|time|option|day)\s+(?:works|would\s+work|is\s+(?:fine|good|ok)|"
    r"suits|would\s+(?:be\s+)?(?:fine|suit))|"
    r"peu\s+(?:m')?importe|n'importe\s+(?:lequel|laquelle|quel\s+creneau)|whichever|"
    r"(?:choisissez|a\s+vous\s+de\s+(?:choisir|voir)|you\s+(?:choose|pick|decide)|your\s+(?:call|choice)))\b"
)
_FIRST = re.compile(
    r"\b(?:le\s+premier|la\s+premiere|le\s+1er(?!\s+(?:" + "|".join(MONTHS) + r"))|1er\s+creneau|"
    r"premier\s+creneau|creneau\s+(?:n\W?\s*)?1\b|option\s+(?:1|a|une?)\b|proposition\s+1\b|choix\s+1\b|"
    r"the\s+first(?:\s+one|\s+slot|\s+option)?|first\s+(?:one|slot|option)|slot\s+(?:1|one|a)\b|"
    r"the\s+earlier(?:\s+one)?|le\s+plus\s+tot|the\s+former|number\s+one|#1\b|^\W*1\W*$|^\W*(?:a|option\s+a)\W*$)"
)
_SECOND = re.compile(
    r"\b(?:le\s+(?:deuxieme|second|2e|2eme|2nd)|la\s+(?:deuxieme|seconde|2e)|(?:deuxieme|second|2e|2eme)\s+creneau|"
    r"creneau\s+(?:n\W?\s*)?2\b|option\s+(?:2|b|deux)\b|proposition\s+2\b|choix\s+2\b|the\s+second(?:\s+one|"
    r"\s+slot|\s+option)?|second\s+(?:one|slot|option)|slot\s+(?:2|two|b)\b|number\s+two|#2\b|^\W*2\W*$|"
    r"^\W*(?:b|option\s+b)\W*$)"
)
_THIRD = re.compile(
    r"\b(?:le\s+(?:troisieme|3e|3eme)|la\s+(?:troisieme|3e)|(?:troisieme|3e|3eme)\s+creneau|"
    r"creneau\s+(?:n\W?\s*)?3\b|option\s+(?:3|c|trois|three)\b|proposition\s+3\b|choix\s+3\b|the\s+third(?:\s+one|"
    r"\s+slot|\s+option)?|third\s+(?:one|slot|option)|slot\s+(?:3|three|c)\b|number\s+three|#3\b|^\W*3\W*$|"
    r"^\W*(?:c|option\s+c)\W*$)"
)
_FOURTH = re.compile(
    r"\b(?:le\s+(?:quatrieme|4e|4eme)|la\s+(?:quatrieme|4e)|(?:quatrieme|4e|4eme)\s+creneau|"
    r"creneau\s+(?:n\W?\s*)?4\b|option\s+(?:4|d|quatre|four)\b|proposition\s+4\b|choix\s+4\b|the\s+fourth(?:\s+one|"
    r"\s+slot|\s+option)?|fourth\s+(?:one|slot|option)|slot\s+(?:4|four|d)\b|number\s+four|#4\b|^\W*4\W*$|"
    r"^\W*(?:d|option\s+d)\W*$)"
)
# "The last one" is the last slot offered, however many there are; "the later one" only makes sense for two.
_LAST = re.compile(
    r"\b(?:le\s+dernier|la\s+derniere|dernier\s+creneau|the\s+last(?:\s+one|\s+slot|\s+option)?|last\s+(?:one|slot|"
    r"option)|le\s+plus\s+tard|the\s+latter|the\s+later(?:\s+one)?)\b"
)
# From the fifth on, one pattern per rank built from its words: "le cinquième", "the 6th one", "slot 7", "option E".
_RANK_WORDS = {
    5: ("cinquieme", "fifth", "cinq", "five"),
    6: ("sixieme", "sixth", "six", "six"),
    7: ("septieme", "seventh", "sept", "seven"),
    8: ("huitieme", "eighth", "huit", "eight"),
    9: ("neuvieme", "ninth", "neuf", "nine"),
    10: ("dixieme", "tenth", "dix", "ten"),
}


def _rank_pattern(n: int) -> re.Pattern:
    fr, en, fr_n, en_n = _RANK_WORDS[n]
    letter = "abcdefghij"[n - 1]
    return re.compile(
        rf"\b(?:(?:le|la)\s+(?:{fr}|{n}e|{n}eme)|(?:{fr}|{n}e|{n}eme)\s+creneau|creneau\s+(?:n\W?\s*)?{n}\b|"
        rf"(?:option|proposition|choix|slot)\s+(?:{n}|{letter}|{fr_n}|{en_n})\b|the\s+(?:{en}|{n}th)(?:\s+one|\s+slot|"
        rf"\s+option)?|(?:{en}|{n}th)\s+(?:one|slot|option)|number\s+{en_n}|#{n}\b|^\W*{n}\W*$|{fr}\b)"
    )


_ORDINALS = [_FIRST, _SECOND, _THIRD, _FOURTH] + [_rank_pattern(n) for n in sorted(_RANK_WORDS)]
_TIME = re.compile(
    r"\b(?P<h>[0-2]?\d)\s*(?:h|:|heures?)\s*(?P<m>[0-5]\d)?\b|\b(?P<h2>1[0-2]|[1-9])(?::(?P<m2>[0-5]\d))?\s*"
    r"(?P<ampm>am|pm|a\.m\.|p\.m\.)|\b(?:at|a)\s+(?P<h3>[0-2]?\d)(?![\d/:h])(?!\s*(?:ans|years|mois|%))|"
    r"(?<!apres-)(?<!apres\s)\b(?P<noon>midi|noon|lunchtime)\b"
)
# "mon" is also French for "my": only the full English name counts there.
_WEEKDAY = re.compile(
    r"\b(?P<wd>" + "|".join(sorted((w for w in WEEKDAYS if w != "mon"), key=len, reverse=True)) + r")s?\b"
)
_DAYNUM = re.compile(
    r"(?<![\d/.])(?P<d4>[0-3]?\d)[/.](?:0?[1-9]|1[0-2])(?![\d/.:h])|"
    r"\b(?:le|the|on\s+the|du)\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th|er)?\b|\b(?P<d2>[0-3]?\d)(?:st|nd|rd|th|er)?\s+"
    r"(?:" + "|".join(MONTHS) + r")\b|\b(?:" + "|".join(MONTHS) + r")\s+(?P<d3>[0-3]?\d)\b"
)
_PERIOD = re.compile(
    r"\b(?P<am>matin|matinee|morning)\b|\b(?P<pm>apres-?midi|aprem|afternoon|soir|evening|fin\s+de\s+journee)\b"
)
_ACCEPT = re.compile(
    r"\b(?:ok|d'accord|parfait|top|nickel|ca\s+marche|ca\s+me\s+va|me\s+convient|me\s+va|works|fine|perfect|"
    r"good|great|suits|go\s+with|prefere|preference|mieux|plutot|je\s+prends|i'?ll\s+take|choose|pick|retiens|"
    r"please|volontiers|confirme|confirm|let'?s|mettons|disons|va\s+pour|partons\s+sur|on\s+part\s+sur|"
    r"go\s+for|say)\b"
)
# A yes to the one slot offered, beyond the words that accept a named slot.
_YES = re.compile(
    r"\b(?:note|sounds\s+good|count\s+me\s+in|see\s+you|a\s+(?:lundi|mardi|mercredi|jeudi|vendredi)|c'est\s+bon|"
    r"valide|yes|yep|sure|oui|ca\s+roule|j'y\s+serai|i'?ll\s+be\s+there)\b"
)


@dataclass(frozen=True)
class SlotReading:
    chosen: int | None
    talks_about_slots: bool
    neither: bool
    margin: float = 0.0  # votes of the slot picked over the next one: an ordinal is 2, a half-day alone 0.5
    either: bool = False  # any of the slots would do: none is picked, the recruiter chooses


def _slot_features(slot: datetime) -> dict:
    return {"wd": slot.weekday(), "day": slot.day, "hour": slot.hour, "minute": slot.minute}


def _clause_period(clause: str) -> str | None:
    m = _PERIOD.search(clause)
    return None if m is None else ("am" if m["am"] else "pm")


def _fits(feat: dict, period: str | None) -> bool:
    return period is None or (period == "am") == (feat["hour"] < 12)


def _foreign(clause: str, feats: list[dict]) -> bool:
    """Does the clause name a day, a date or a half-day that is none of the offered slots ("could we do the
    14th?", "plutôt mercredi matin" when Wednesday's slot is in the afternoon)."""
    period = _clause_period(clause)
    for m in _WEEKDAY.finditer(clause):
        if all(f["wd"] != WEEKDAYS[m["wd"]] or not _fits(f, period) for f in feats):
            return True
    for m in _DAYNUM.finditer(clause):
        d = int(m["d"] or m["d2"] or m["d3"] or m["d4"])
        if 1 <= d <= 31 and all(f["day"] != d or not _fits(f, period) for f in feats):
            return True
    return False


def _mentions(clause: str, feats: list[dict]) -> list[float]:
    votes = [0.0] * len(feats)
    period = _clause_period(clause)
    for m in _WEEKDAY.finditer(clause):
        if _OTHER_WEEK.search(clause[: m.start()]) or re.match(
            r"\s+(?:d'apres|suivant|de\s+la\s+semaine\s+(?:d'apres|suivante))", clause[m.end() :]
        ):
            continue  # "the following Monday" is another week than the slot's
        wd = WEEKDAYS[m["wd"]]
        for i, f in enumerate(feats):
            if f["wd"] == wd and _fits(f, period):
                votes[i] += 1.0
    for m in _DAYNUM.finditer(clause):
        d = int(m["d"] or m["d2"] or m["d3"] or m["d4"])
        for i, f in enumerate(feats):
            if f["day"] == d and _fits(f, period):
                votes[i] += 1.0
    for m in _TIME.finditer(clause):
        if m["noon"] is not None:
            h, mi = 12, 0
        elif m["h"] is not None:
            h, mi = int(m["h"]), int(m["m"] or 0)
        elif m["h2"] is not None:
            h, mi = int(m["h2"]), int(m["m2"] or 0)
            if m["ampm"].startswith("p") and h < 12:
                h += 12
            if m["ampm"].startswith("a") and h == 12:
                h = 0
        else:
            h, mi = int(m["h3"]), 0
            if h < 8:
                h += 12  # "at 4" means 4pm in an office context
        for i, f in enumerate(feats):
            if f["hour"] == h and (f["minute"] == mi or mi == 0 and m["m"] is None):
                votes[i] += 1.5 if f["minute"] == mi else 1.0
    # With a day named, the half-day only narrows that day's slots (done above); alone, it votes for its slots.
    named_day = bool(_WEEKDAY.search(clause) or _DAYNUM.search(clause))
    for m in [] if named_day else _PERIOD.finditer(clause):
        for i, f in enumerate(feats):
            if (m["am"] and f["hour"] < 12) or (m["pm"] and f["hour"] >= 12):
                votes[i] += 0.5
    for index, pattern in enumerate(_ORDINALS[: len(votes)]):
        if pattern.search(clause):
            votes[index] += 2.0
    if len(votes) > 1 and _LAST.search(clause):
        votes[-1] += 2.0
    return votes


def _as_shown(slot: datetime, local_tz: str) -> datetime:
    """The slot as the recruiter's message showed it: slots stored in UTC are read in ``local_tz``."""
    if slot.tzinfo is not None and slot.utcoffset() == timedelta(0):
        return slot.astimezone(ZoneInfo(local_tz))
    return slot


_RELATIVE_DAY = re.compile(
    r"\b(?P<d2>apres-demain|the\s+day\s+after\s+tomorrow)\b|\b(?P<d1>demain|tomorrow)\b|\b(?P<d0>aujourd'hui|today)\b"
)
_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _name_relative_days(folded: str, received: date) -> str:
    """ "demain 10h" read on a Monday is "tuesday 10h": relative days become the weekday they name."""

    def name(m: re.Match) -> str:
        offset = 2 if m["d2"] else 1 if m["d1"] else 0
        return _WEEKDAY_NAMES[(received + timedelta(days=offset)).weekday()]

    return _RELATIVE_DAY.sub(name, folded)


def read(
    folded: str, offered: list[datetime], local_tz: str = "Europe/Paris", *, received: date | None = None
) -> SlotReading:
    """``received``: the day the reply was written, for "demain" / "tomorrow"."""
    if not offered:
        return SlotReading(None, False, False)
    if received is not None:
        folded = _name_relative_days(folded, received)
    feats = [_slot_features(_as_shown(s, local_tz)) for s in offered]
    totals = [0.0] * len(feats)
    mentioned = False
    pending: list[float] | None = (
        None  # a mention whose verdict comes in the next clause ("mardi, c'est mort")
    )

    def apply(votes: list[float], sign: float) -> None:
        for i, v in enumerate(votes):
            totals[i] += sign * v

    for clause in _CLAUSE_SPLIT.split(folded):
        if not clause or not clause.strip():
            continue
        votes = _mentions(clause, feats)
        negative = bool(_NEGATIVE.search(clause)) and not _ACCEPT.search(clause)
        positive = bool(_ACCEPT.search(clause))
        if any(votes):
            mentioned = True
            if pending is not None:
                apply(pending, 1.0)
                pending = None
            if negative or positive:
                apply(votes, -1.0 if negative else 1.0)
            else:
                pending = votes
        elif pending is not None and (negative or positive):
            apply(pending, -1.0 if negative else 1.0)
            pending = None
    if pending is not None:
        apply(pending, 1.0)
    foreign = any(_foreign(c, feats) for c in _CLAUSE_SPLIT.split(folded) if c)
    if _HARD_NEITHER.search(folded):
        return SlotReading(None, True, True)
    neither = bool(_NEITHER.search(folded))
    both = bool(_BOTH_OK.search(folded))
    if len(feats) == 1 and not mentioned and not neither and not foreign:
        # One slot offered: a plain yes to it ("ok pour moi", "sounds good") books it.
        said_yes = (_ACCEPT.search(folded) or _YES.search(folded)) and not _NEGATIVE.search(folded)
        return SlotReading(1, True, False, 1.0) if said_yes else SlotReading(None, False, False)
    best = max(range(len(totals)), key=lambda i: (totals[i], -i))
    runner = sorted(totals, reverse=True)[1] if len(totals) > 1 else 0.0
    if totals[best] > 0 and totals[best] > runner:
        return SlotReading(best + 1, True, False, totals[best] - max(runner, 0.0))
    if both:
        return SlotReading(None, True, False, either=True)
    if foreign and all(t <= 0 for t in totals):
        return SlotReading(None, True, True)  # another day is proposed instead
    if neither or mentioned:
        return SlotReading(None, True, neither or all(t <= 0 for t in totals))
    return SlotReading(None, False, False)
