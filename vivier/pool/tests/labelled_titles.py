"""Reads ``data/job-titles.txt``, the hand-labelled titles of the taxonomy (see its header)."""

from dataclasses import dataclass
from pathlib import Path

LEVELS = {"intern": 10, "junior": 20, "mid": 30, "senior": 40, "lead": 50, "executive": 60}
PATH = Path(__file__).parent / "data" / "job-titles.txt"


@dataclass(frozen=True)
class Title:
    block: str
    title: str
    headline: str | None
    family: str | None
    specialty: str | None
    seniority: int | None
    years: int | None


def load() -> list[Title]:
    cases, block = [], ""
    for line in PATH.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("["):
            block = line.strip("[]")
            continue
        text, family, specialty, seniority, years = (part.strip() for part in line.split("|"))
        title, _, headline = text.partition(" ~ ")
        cases.append(
            Title(
                block,
                title,
                headline or None,
                family or None,
                specialty or None,
                LEVELS[seniority] if seniority else None,
                int(years) if years else None,
            )
        )
    return cases
