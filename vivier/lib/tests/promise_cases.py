"""Reads ``data/promises.txt``, the labelled recruiter sentences (see its header)."""

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

PATH = Path(__file__).parent / "data" / "promises.txt"
WRITTEN_AT = dt.datetime(2026, 12, 7, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))


@dataclass(frozen=True)
class Case:
    block: str
    text: str
    due: dt.datetime | None


def load() -> list[Case]:
    cases, block = [], ""
    for line in PATH.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("["):
            block = line.strip("[]")
            continue
        text, _, due = line.rpartition("|")
        due = due.strip()
        cases.append(
            Case(
                block,
                text.strip(),
                dt.datetime.strptime(due, "%Y-%m-%d %H:%M").replace(tzinfo=WRITTEN_AT.tzinfo)
                if due
                else None,
            )
        )
    return cases


def score(cases, find):
    """(true positives with the right due time, true positives, false positives, promises labelled)."""
    right = tp = fp = 0
    for case in cases:
        found = find(case.text)
        if found and case.due:
            tp += 1
            right += found[0].due == case.due
        elif found:
            fp += 1
    return right, tp, fp, sum(1 for c in cases if c.due)
