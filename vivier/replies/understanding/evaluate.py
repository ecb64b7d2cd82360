"""Scores a labelled JSONL file (the REPLIES.md schema): accuracy, per-intent P/R/F1, macro-F1, reasons,
dates and slots. Used by ``vivier classify --eval``, the bench and the regression test."""

import json
from dataclasses import dataclass, field

from .classifier import TO_CHECK_BELOW, Classifier, default_classifier
from .rules import INTENTS


@dataclass
class Report:
    n: int = 0
    accuracy: float = 0.0
    macro_f1: float = 0.0
    per_intent: dict = field(default_factory=dict)
    reason_accuracy: float = 0.0
    reason_n: int = 0
    date_accuracy: float = 0.0
    date_n: int = 0
    slot_accuracy: float = 0.0
    slot_n: int = 0
    to_check: int = 0
    to_check_wrong: int = 0
    effect_wrong_unchecked: int = 0
    errors: list = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [
            f"replies: {self.n}",
            f"accuracy: {self.accuracy:.3f}",
            f"macro-F1: {self.macro_f1:.3f}",
            "",
            f"{'intent':<16}{'precision':>10}{'recall':>8}{'F1':>7}{'support':>9}",
        ]
        for intent, m in self.per_intent.items():
            out.append(
                f"{intent:<16}{m['precision']:>10.3f}{m['recall']:>8.3f}{m['f1']:>7.3f}{m['support']:>9}"
            )
        out += [
            "",
            f"reason accuracy (true not_interested): {self.reason_accuracy:.3f} (n={self.reason_n})",
            f"date accuracy (true later/out_of_office): {self.date_accuracy:.3f} (n={self.date_n})",
            f"slot accuracy (true slot_choice): {self.slot_accuracy:.3f} (n={self.slot_n})",
            f"to check (hard-to-undo effect, confidence < {TO_CHECK_BELOW}): {self.to_check} "
            f"({self.to_check_wrong} of them wrong); wrong effects applied without a check: "
            f"{self.effect_wrong_unchecked}",
        ]
        return out


def read_jsonl(path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def evaluate(rows: list[dict], classifier: Classifier | None = None) -> Report:
    clf = classifier or default_classifier()
    report = Report(n=len(rows))
    tp = dict.fromkeys(INTENTS, 0)
    fp = dict.fromkeys(INTENTS, 0)
    fn = dict.fromkeys(INTENTS, 0)
    correct = reason_ok = date_ok = slot_ok = 0
    for row in rows:
        u = clf.classify(
            text=row.get("text") or "",
            subject=row.get("subject") or "",
            received_at=row.get("received_at"),
            offered_slots=row.get("offered_slots"),
        )
        gold = row["intent"]
        right = (
            u.intent == gold
            and (gold != "not_interested" or u.reason == row.get("reason"))
            and (gold != "slot_choice" or u.chosen_slot == row.get("chosen_slot"))
        )
        if u.needs_check():
            report.to_check += 1
            report.to_check_wrong += not right
        elif not right and (u.intent in {"unsubscribe", "not_interested"} or u.chosen_slot is not None):
            report.effect_wrong_unchecked += 1
        if u.intent == gold:
            correct += 1
            tp[gold] += 1
        else:
            fp[u.intent] += 1
            fn[gold] += 1
            report.errors.append((row.get("id"), gold, u.intent))
        if gold == "not_interested":
            report.reason_n += 1
            reason_ok += u.intent == gold and u.reason == row.get("reason")
        if gold in ("later", "out_of_office"):
            report.date_n += 1
            got = u.recontact_after.isoformat() if u.recontact_after else None
            date_ok += u.intent == gold and got == row.get("recontact_after")
        if gold == "slot_choice":
            report.slot_n += 1
            slot_ok += u.intent == gold and u.chosen_slot == row.get("chosen_slot")
    f1s = []
    for intent in INTENTS:
        support = tp[intent] + fn[intent]
        if support == 0 and fp[intent] == 0:
            continue
        p = tp[intent] / (tp[intent] + fp[intent]) if tp[intent] + fp[intent] else 0.0
        r = tp[intent] / support if support else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        report.per_intent[intent] = {"precision": p, "recall": r, "f1": f1, "support": support}
        if support:
            f1s.append(f1)
    report.accuracy = correct / len(rows) if rows else 0.0
    report.macro_f1 = sum(f1s) / len(f1s) if f1s else 0.0
    report.reason_accuracy = reason_ok / report.reason_n if report.reason_n else 0.0
    report.date_accuracy = date_ok / report.date_n if report.date_n else 0.0
    report.slot_accuracy = slot_ok / report.slot_n if report.slot_n else 0.0
    return report
