"""Understanding candidates' replies: intent, decline reason, recontact date, interview slot. Model-free.

    from vivier.replies.understanding import classify
    u = classify(text=body, subject=subject, received_at=when, offered_slots=[slot1, slot2])
    u.intent, u.reason, u.recontact_after, u.chosen_slot, u.confidence

Recruiters' corrections: ``classifier_with_corrections([{"text": ..., "intent": ..., "reason": ...}])``.
"""

from .classifier import (
    Classifier,
    Understanding,
    classifier_with_corrections,
    classify,
    default_classifier,
    load_examples,
    train,
)
from .clean import visible_text
from .rules import INTENTS, REASONS

__all__ = [
    "INTENTS",
    "REASONS",
    "Classifier",
    "Understanding",
    "classifier_with_corrections",
    "classify",
    "default_classifier",
    "load_examples",
    "train",
    "visible_text",
]
