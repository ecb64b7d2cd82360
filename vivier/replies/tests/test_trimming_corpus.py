"""What the person wrote, on the public trimming corpus (tests/fixtures/corpus/trimming.jsonl, see its README).

A floor: the figure may only go up.
"""

import json
import re
from pathlib import Path

from vivier.lib.mailparse import visible_text

CORPUS = Path(__file__).resolve().parent / "fixtures" / "corpus" / "trimming.jsonl"
CASES = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line]


def normalize(text: str) -> str:
    lines = [line.rstrip() for line in (text or "").replace("\r\n", "\n").strip().split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def test_every_case_names_its_source_and_licence():
    assert len(CASES) >= 60
    for case in CASES:
        assert case["source"]["repository"] and case["source"]["path"] and case["licence"]


def test_the_trimming_corpus_stays_above_its_floor():
    exact = 0
    for case in CASES:
        got = normalize(visible_text(case["raw"]))
        exact += got in {normalize(case["expected"]), *(normalize(a) for a in case["also_ok"])}
    assert exact >= 79
