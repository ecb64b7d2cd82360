"""Dated promises a recruiter makes in writing: "je reviens vers vous demain à 16h", "I'll call you Thursday
morning". Vivier shows what it read ("Promesse : jeudi 16:00, suivre ?"); confirmed, it becomes a task.

Precision first: a false promise is noise on the recruiter's list, a missed one only loses a reminder. So a
sentence counts only when all of this holds:
1. a first-person subject (je, nous, on; I, we) commits to an action (reviens, envoie, rappelle, ...; will/'ll
   + a verb), in the present or future, not negated, not conditional ("si", "pourrais", "could", "might"), not
   in the past ("je vous ai envoyé", "I sent", "hier");
2. the sentence is not a question;
3. it names a time that resolves to a moment after the message was written.

Due-time conventions (the labelled set's header says them): a day without an hour is due at 18:00 that day;
"matin"/"morning" and "midi"/"noon" 12:00; "après-midi"/"afternoon" 18:00; "soir"/"tonight" 20:00; "fin de
semaine"/"end of the week" Friday 18:00; "la semaine prochaine"/"next week" the next Friday 18:00; "dans
l'heure"/"within the hour" an hour later; "sous 48h"/"within 48 hours" that many hours later.

Only the recruiter's own new text should be given (quotes and signatures removed by the caller).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from vivier.lib.datesfr import MONTHS, WEEKDAYS
from vivier.lib.text import fold

_COMMIT_FR = re.compile(
    r"\b(?:je|j|nous|on)\s+(?:vous\s+|te\s+|t\s+|m\s+|me\s+|y\s+)?(?:"
    r"reviens|reviendrai|reviendrons|revenons|rappelle|rappellerai|rappellerons|rappelons|envoie|enverrai|"
    r"enverrons|envoyons|ecris|ecrirai|ecrirons|transmets|transmettrai|transmettons|fais|ferai|ferons|faisons|"
    r"appelle|appellerai|appellerons|appelons|confirme|confirmerai|confirmons|recontacte|recontacterai|"
    r"recontactons|adresse|adresserai|adressons|partage|partagerai|partageons|tiens|tiendrai|tenons|donne|"
    r"donnerai|donnons|passe|passerai|renvoie|renverrai|occupe|engage|propose\s+de\s+vous\s+(?:rappeler|appeler)|"
    r"contacte|contacterai|contactons|telephone|telephonerai)\b"
)
_COMMIT_EN = re.compile(
    r"\b(?:i|we)\s*(?:'ll|\s+will|\s+shall|'m\s+going\s+to|\s+am\s+going\s+to|\s+are\s+going\s+to)\s+"
    r"(?:also\s+|then\s+|definitely\s+)?(?:call|ring|phone|send|email|e-mail|write|get|follow|reach|share|"
    r"confirm|be|let|come|forward|circle|touch|update|text|message|revert|check)\b"
)
_NEGATED = re.compile(
    r"\b(?:ne|n)\s+\w+\s+(?:pas|plus|jamais)\b|\bwon'?t\b|\bwill\s+not\b|\bcannot\b|\bcan'?t\b|\bnot\b"
)
_HYPOTHETICAL = re.compile(
    r"\b(?:si|if|pourrais|pourrait|pourrions|peut-etre|peut etre|might|could|would|maybe|perhaps|"
    r"rappellerais|enverrais|reviendrais|ferais|appellerais)\b"
)
_PAST = re.compile(
    r"\b(?:ai|avais|avons|avait|devais|devait|etais|hier|dernier|derniere|yesterday|last|was|were|sent|called|"
    r"wrote|emailed|promised|supposed)\b"
)

_HOUR = re.compile(
    r"\b(?:a|vers|avant|pour|at|around|by|before)?\s*(\d{1,2})\s*(?:h|:)\s*(\d{2})?\s*(am|pm)?\b"
    r"|\b(?:at|around|by|before)?\s*(\d{1,2})\s*(am|pm)\b"
)
_WITHIN_HOURS = re.compile(r"\b(?:sous|d ici|within|in)\s+(\d{1,3})\s*(?:h|heures?|hours?)\b")
_DAY_MONTH = re.compile(r"\b(\d{1,2})(?:er|st|nd|rd|th)?\s+([a-z]+)\b")
_MONTH_DAY = re.compile(r"\b([a-z]+)\s+(\d{1,2})(?:st|nd|rd|th)?\b")


@dataclass(frozen=True)
class Promise:
    text: str
    due: dt.datetime


def _sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[.!?])\s+|\n+", text)
    return [p.strip() for p in parts if p.strip()]


def _committed(folded: str) -> bool:
    """``folded`` keeps its apostrophes ("i'll"); French elisions ("j'envoie") are read as two words."""
    if folded.rstrip().endswith("?"):
        return False
    spaced = folded.replace("'", " ")
    if not (_COMMIT_FR.search(spaced) or _COMMIT_EN.search(folded)):
        return False
    return not (_NEGATED.search(folded) or _HYPOTHETICAL.search(spaced) or _PAST.search(spaced))


def _next_weekday(today: dt.date, weekday: int, *, strictly_after: bool = True) -> dt.date:
    days = (weekday - today.weekday()) % 7
    if days == 0 and strictly_after:
        days = 7
    return today + dt.timedelta(days=days)


def _hour(folded: str) -> dt.time | None:
    for match in _HOUR.finditer(folded):
        if match.group(1) is not None:
            hour, minute, half = int(match.group(1)), int(match.group(2) or 0), match.group(3)
        else:
            hour, minute, half = int(match.group(4)), 0, match.group(5)
        if half == "pm" and hour < 12:
            hour += 12
        elif half == "am" and hour == 12:
            hour = 0
        if hour <= 23 and minute <= 59:
            return dt.time(hour, minute)
    return None


def _part_of_day(folded: str) -> dt.time | None:
    if re.search(r"\b(?:apres-midi|apres midi|afternoon)\b", folded):
        return dt.time(18, 0)
    if re.search(r"\b(?:midi|noon|lunchtime)\b", folded):
        return dt.time(12, 0)
    if re.search(r"\b(?:matin|morning)\b", folded):
        return dt.time(12, 0)
    if re.search(r"\b(?:soir|tonight|evening|soiree)\b", folded):
        return dt.time(20, 0)
    return None


def _day(folded: str, today: dt.date) -> dt.date | None:
    if re.search(r"\b(?:apres-demain|apres demain|day after tomorrow)\b", folded):
        return today + dt.timedelta(days=2)
    if re.search(r"\b(?:demain|tomorrow)\b", folded):
        return today + dt.timedelta(days=1)
    if re.search(
        r"\b(?:aujourd hui|aujourdhui|today|tonight|ce soir|cet apres-midi|cet apres midi|ce matin|"
        r"this afternoon|this morning|this evening|dans l heure|within the hour|tout a l heure)\b",
        folded,
    ):
        return today
    if re.search(r"\b(?:fin de (?:la )?semaine|end of (?:the )?week|end of this week)\b", folded):
        return _next_weekday(today, 4, strictly_after=False)
    if re.search(r"\b(?:semaine prochaine|next week)\b", folded):
        return _next_weekday(today, 4, strictly_after=False) + dt.timedelta(days=7)
    pairs = [(m.group(1), m.group(2)) for m in _DAY_MONTH.finditer(folded)]
    pairs += [(m.group(2), m.group(1)) for m in _MONTH_DAY.finditer(folded)]
    for day_text, month_text in pairs:
        month = MONTHS.get(month_text)
        if month:
            for year in (today.year, today.year + 1):
                try:
                    found = dt.date(year, month, int(day_text))
                except ValueError:
                    break
                if found >= today:
                    return found
    for word in re.findall(r"[a-z]+", folded):
        if word in WEEKDAYS and len(word) > 3:
            following = " prochain" in folded or "next " + word in folded
            day = _next_weekday(today, WEEKDAYS[word])
            if following and (day - today).days < 7 and " prochain" not in folded:
                day += dt.timedelta(days=7)
            return day
    return None


def find(text: str, *, written_at: dt.datetime, tz: str) -> list[Promise]:
    """The dated first-person promises of ``text``, each with its due moment (aware, in ``tz``)."""
    zone = ZoneInfo(tz)
    now = written_at.astimezone(zone)
    found = []
    for sentence in _sentences(text):
        folded = fold(sentence).replace("'", " ").replace("\u2019", " ")
        folded = re.sub(r"\s+", " ", folded)
        if not _committed(fold(sentence).replace("\u2019", "'")):
            continue
        within = _WITHIN_HOURS.search(folded)
        if within:
            found.append(Promise(sentence, now + dt.timedelta(hours=int(within.group(1)))))
            continue
        if re.search(r"\b(?:dans l heure|within the hour|within an hour)\b", folded):
            found.append(Promise(sentence, now + dt.timedelta(hours=1)))
            continue
        day = _day(folded, now.date())
        time = _hour(folded) or _part_of_day(folded)
        if day is None and time is None:
            continue
        if day is None:
            day = now.date()
        due = dt.datetime.combine(day, time or dt.time(18, 0), tzinfo=zone)
        if due > now:
            found.append(Promise(sentence, due))
    return found
