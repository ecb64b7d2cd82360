"""How people write the days they are away, rewritten into the forms the date reader resolves.

An away message names the last day away ("off Friday 19 July", "away July 10-31", "from 10th to 21st August
inclusive") or the day back ("back Monday 22"). The date reader takes "until X" as "back the day after X" and
"back on the 22nd" as that day; these rewrites turn the other spellings into those, on folded text (lower case,
no accents). Only the span of an away message is rewritten; every other word is left alone.
"""

import re

from vivier.lib.datesfr import MONTHS, WEEKDAYS

_MONTH = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = "(?:" + "|".join(sorted((w for w in WEEKDAYS if len(w) > 3), key=len, reverse=True)) + ")"
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th|er)?"
_AWAY = (
    r"(?:off|away|absent|absente|out(?:\s+of\s+(?:the\s+)?office)?|ooo|on\s+(?:annual\s+|parental\s+|sick\s+)?leave|"
    r"on\s+holiday|on\s+vacation|travell?ing)"
)
# A return or end day already said ("back on Monday 22", "until the 31st", "jusqu'au 3") leaves the text alone.
_BACK_OR_UNTIL = re.compile(
    r"\b(?:back|return\w*|retour|until|till|through|thru|jusqu'?(?:au|a|en)?|reviendrai)\s+(?:on\s+|le\s+|the\s+|in\s+)?"
    rf"(?:{_WEEKDAY}|{_MONTH}|\d)"
)

# "July 10-31" -> "until 31 july": a month-first range ends on its second day.
_MONTH_FIRST_RANGE = re.compile(
    rf"\b(?P<m>{_MONTH})\s+(?P<d1>{_DAY})\s*(?:-|–|to|until|through)\s*(?P<d2>{_DAY})\b"
)
# "from 10 to 31 July", "from 10th to 21st August inclusive" -> "until 31 july".
_FROM_TO = re.compile(
    rf"\bfrom\s+(?:{_WEEKDAY}\s+)?(?P<d1>{_DAY})\s+(?:to|until|till|-)\s+(?:{_WEEKDAY}\s+)?(?P<d2>{_DAY})\s+(?P<m>{_MONTH})"
)
# "off Friday 19 July" (no return said) -> "until friday 19 july": the day named is a day away.
_OFF_ON = re.compile(
    rf"\b(?P<away>{_AWAY})\s+(?:on\s+|today\s+\(?|tomorrow\s+\(?)?(?P<date>(?:{_WEEKDAY}\s+)?{_DAY}\s+{_MONTH}|"
    rf"(?:{_WEEKDAY}\s+)?{_MONTH}\s+{_DAY})\b"
)
# "back Monday 22" (a weekday and a day of the month, no month) -> "back on the 22nd".
_BACK_WEEKDAY_DAY = re.compile(
    rf"\b(?P<back>back|returning|return)\s+(?:on\s+)?{_WEEKDAY}\s+(?:the\s+)?(?P<d>{_DAY})\b(?!\s*{_MONTH})"
)


def _num(day: str) -> str:
    return re.sub(r"\D", "", day)


def rewrite(folded: str) -> str:
    """The folded text with its away span in the reader's forms (see the module docstring)."""
    text = _MONTH_FIRST_RANGE.sub(lambda m: f"until {_num(m['d2'])} {m['m']}", folded)
    text = _FROM_TO.sub(lambda m: f"until {_num(m['d2'])} {m['m']}", text)
    text = _BACK_WEEKDAY_DAY.sub(lambda m: f"{m['back']} on the {_num(m['d'])}th", text)
    if not _BACK_OR_UNTIL.search(text):
        text = _OFF_ON.sub(lambda m: f"{m['away']} until {m['date']}", text)
    return text
