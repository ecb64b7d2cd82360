"""Regression floors on labelled sets: the development set (``data/replies-dev.jsonl``, schema in
``data/REPLIES.md``) and our own probe sets."""

from pathlib import Path

import pytest

from vivier.replies.understanding.evaluate import evaluate, read_jsonl

DATA = Path(__file__).resolve().parent / "data"
DEV = DATA / "replies-dev.jsonl"
PROBES = [
    DATA / name
    for name in (
        "probe.jsonl",
        "probe2.jsonl",
        "probe3.jsonl",
        "probe4.jsonl",
        "probe5.jsonl",
        "probe6.jsonl",
        "probe7.jsonl",
        "probe8.jsonl",
        "probe9.jsonl",
        "probe10.jsonl",
        "probe11.jsonl",
        "probe12.jsonl",
        "probe13.jsonl",
        "probe14.jsonl",
    )
]


def test_the_dev_set_keeps_the_scores_the_classifier_reaches():
    # Every reply of the set is read right today; one miss per figure is tolerated, not two.
    report = evaluate(read_jsonl(DEV))
    assert report.n == 240
    assert report.macro_f1 >= 0.98, "\n".join(report.lines())
    assert report.accuracy >= 0.995, "\n".join(report.lines())
    assert report.reason_n == 55 and report.reason_accuracy >= 0.98
    assert report.date_n == 50 and report.date_accuracy >= 0.98
    assert report.slot_n == 20 and report.slot_accuracy >= 0.95


@pytest.mark.parametrize("path", PROBES, ids=lambda p: p.stem)
def test_our_probe_sets_stay_above_the_floor(path):
    report = evaluate(read_jsonl(path))
    assert report.macro_f1 >= 0.88, "\n".join(report.lines())
    assert report.reason_n == 0 or report.reason_accuracy >= 0.75
    assert report.date_n == 0 or report.date_accuracy >= 0.85
    assert report.slot_n == 0 or report.slot_accuracy >= 0.85
