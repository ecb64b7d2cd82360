"""Regression floors on labelled sets: the shared dev set (when present) and our own probe set."""

from pathlib import Path

import pytest

from vivier.replies.understanding.evaluate import evaluate, read_jsonl

REPO = Path(__file__).resolve().parents[3]
DEV_CANDIDATES = [
    Path("/work/shared/data/replies-dev.jsonl"),
    REPO.parent / "shared" / "data" / "replies-dev.jsonl",
    REPO / ".." / ".." / "shared" / "data" / "replies-dev.jsonl",
]
PROBES = [
    Path(__file__).resolve().parent / "data" / name
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


def dev_path():
    for path in DEV_CANDIDATES:
        if path.exists():
            return path
    pytest.skip("replies-dev.jsonl is not available next to the repository")


def test_dev_set_macro_f1_stays_above_the_floor():
    report = evaluate(read_jsonl(dev_path()))
    assert report.macro_f1 >= 0.90, "\n".join(report.lines())
    assert report.reason_accuracy >= 0.80
    assert report.date_accuracy >= 0.85
    assert report.slot_accuracy >= 0.85


@pytest.mark.parametrize("path", PROBES, ids=lambda p: p.stem)
def test_our_probe_sets_stay_above_the_floor(path):
    report = evaluate(read_jsonl(path))
    assert report.macro_f1 >= 0.88, "\n".join(report.lines())
    assert report.reason_n == 0 or report.reason_accuracy >= 0.75
    assert report.date_n == 0 or report.date_accuracy >= 0.85
    assert report.slot_n == 0 or report.slot_accuracy >= 0.85
