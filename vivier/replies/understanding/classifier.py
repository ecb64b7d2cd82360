"""Rules and a naive Bayes model, combined: what a reply means, its reason, its date and its slot.

Steps of ``Classifier.classify``:
1. keep what the person wrote (no quoted thread, no signature), fold it, rewrite negations into markers;
2. decisive patterns first: unsubscribe, a dead mailbox or wrong person, an automatic out-of-office,
   a referral, a pick among the offered slots;
3. otherwise add the cue scores and the model's probabilities, and take the best intent;
4. a reason for a decline, a date for "later" and "out of office", a slot for "slot_choice".
Recruiters' corrections are extra training examples, and a near-identical reply takes the corrected label.
"""

import bisect
import json
import math
import re
from dataclasses import asdict, dataclass
from datetime import date, datetime
from pathlib import Path

from vivier.lib import datesfr as dates
from vivier.lib.datesfr import first_business_day
from vivier.lib.lang import guess_lang as detect

from . import rules, slots
from .clean import fold, visible_text
from .model import NaiveBayes, tokens

DATA = Path(__file__).resolve().parent / "data"
NB_WEIGHT = 2.0
CORRECTION_WEIGHT = 4.0
NEAR_DUPLICATE = 0.8
# Below this confidence a reply with a hard-to-undo effect waits in the inbox as "to check".
TO_CHECK_BELOW = 0.7
MAX_CHARS = 4000  # what a person writes above the thread; a pasted novel is not read further

_QUESTION_SPLIT = re.compile(r"(?<=[?])|\n|(?<=[.!])\s")
_SCHEDULING_Q = re.compile(
    r"\b(?:quand|when|what\s+time|best\s+time|(?:are\s+you|etes[\s-]vous|es[\s-]tu|you'?re)\s+(?:free|available|"
    r"dispo\w*)|(?:free|available|dispo\w*)\s+(?:for|pour)\s+(?:a\s+|un\s+|une\s+)?(?:call|chat|appel|echange|"
    r"entretien|rdv|visio|quick)|your\s+availabilit\w*|vos\s+disponibilites|appel\w*|call|on\s+s'appelle|"
    r"(?:can|could|shall)\s+we\s+(?:talk|speak|chat|meet)|on\s+(?:peut|pourrait)\s+(?:se\s+parler|en\s+parler|"
    r"s'appeler|echanger|discuter)|next\s+steps?|prochaines?\s+etapes?|"
    r"ca\s+vous\s+(?:va|convient|dit)|does\s+that\s+work|would\s+that\s+work|works?\s+for\s+you|"
    r"vous\s+arrange|rdv|rendez-vous|mettre\s+en\s+relation|si\s+vous\s+voulez)\b"
)
_LATER_Q = re.compile(
    r"\b(?:(?:come|get)\s+back\s+to\s+me|in\s+the\s+(?:summer|autumn|fall|spring|new\s+year)|me\s+relancer|me\s+recontacter|revenir\s+vers\s+moi|reach\s+out\s+again|get\s+back\s+to\s+me\s+in|"
    r"check\s+back|on\s+en\s+reparle|ping\s+me|(?:dans|in)\s+\w+\s+(?:mois|months|semaines|weeks|ans?|years?))\b"
)
_THANKS = re.compile(r"\b(?:merci|thanks?|thank\s+you|cheers|appreciated?|noted|bien\s+recu|recu)\b")
_ACK_WORDS = re.compile(
    r"\b(?:merci|thanks?|thank|you|cheers|appreciated?|noted|bien|recu|received|with|for|the|a|votre|vos|"
    r"pour|beaucoup|lot|much|very|ok|okay|bonne|journee|soiree|have|nice|great|good|day|weekend|hi|hello|"
    r"bonjour|so|vous|toi|a\s+vous|info|infos|update|letting|me|know|message|mail|email|note)\b|[^\w\s]"
)
_BUT = re.compile(r"\b(?:mais|but|cependant|however|though|par\s+contre)\b")
_RHETORICAL = re.compile(
    r"\b(?:vraiment|seriously|really|with\s+respect|sans\s+rire|vous\s+pensez|you\s+think|isn'?t\s+that|"
    r"n'est-ce\s+pas|pourquoi\s+je|why\s+would\s+i|apres\s+\d+\s+ans)\b"
)
_INFO_WORD = re.compile(
    r"\b(?:quel\w*|combien|c'est\s+quoi|quoi|qui|ou|est-ce|est-il|est-elle|y\s+a-t-il|il\s+y\s+a|c'est\s+(?:en|du|de|pour|"
    r"un|une)|what\w*|which|who|how|is\s+(?:it|this|there|the)|are\s+(?:there|you)|do\s+you|does|can\s+you|"
    r"could\s+you|pouvez|pourriez|any|s'agit|ce\s+sera|will\s+(?:it|there|i)|would\s+i|et\s+(?:le|la|les)|"
    r"or|ou\s+bien)\b"
)


@dataclass(frozen=True)
class Understanding:
    lang: str
    intent: str
    reason: str | None
    recontact_after: date | None
    chosen_slot: int | None
    confidence: float

    def needs_check(self, threshold: float | None = None) -> bool:
        """A reading whose effect is hard to undo (a permanent opt-out, a decline reason that changes future
        matching, a booked slot, or which slot to book when any would do) and that is not confident enough to
        apply without a recruiter's click."""
        threshold = TO_CHECK_BELOW if threshold is None else threshold
        effect = self.intent in {"unsubscribe", "not_interested", "slot_choice"}
        return effect and self.confidence < threshold

    def as_dict(self) -> dict:
        data = asdict(self)
        data["recontact_after"] = self.recontact_after.isoformat() if self.recontact_after else None
        return data


def load_examples(path: Path | None = None) -> list[dict]:
    path = path or DATA / "train.jsonl"
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _as_datetime(value) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value).replace("Z", "+00:00"))


def _jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


class Classifier:
    """A classifier trained on the bundled corpus plus any ``extra_examples`` (dicts with "text", "intent",
    optionally "subject" and "reason"; recruiters' corrections)."""

    def __init__(self, extra_examples: list[dict] | None = None, *, base_examples: list[dict] | None = None):
        base = load_examples() if base_examples is None else base_examples
        extra = [e for e in (extra_examples or []) if e.get("text") and e.get("intent") in rules.INTENTS]
        docs, reason_docs = [], []
        for example, weight in [(e, 1.0) for e in base] + [(e, CORRECTION_WEIGHT) for e in extra]:
            feats = tokens(rules.rewrite(fold(visible_text(example["text"]))))
            docs.append((feats, example["intent"], weight))
            if example["intent"] == "not_interested":
                reason_docs.append((feats, example.get("reason") or "none", weight))
        self.intent_model = NaiveBayes().fit(docs)
        self.reason_model = NaiveBayes().fit(reason_docs) if reason_docs else None
        # Near-duplicate memory, sorted by size: Jaccard >= 0.8 needs sizes within a factor 0.8 of each other.
        memory = []
        for e in extra:
            words = frozenset(re.findall(r"[a-z0-9']+", fold(visible_text(e["text"]))))
            if words:
                memory.append((len(words), words, e))
        memory.sort(key=lambda m: m[0])
        self.corrections = memory
        self._sizes = [m[0] for m in memory]

    def classify(
        self,
        *,
        text: str,
        subject: str = "",
        received_at: datetime | None = None,
        offered_slots: list[datetime] | None = None,
        lang: str | None = None,
    ) -> Understanding:
        text = text if isinstance(text, str) else ""
        subject = subject if isinstance(subject, str) else ""
        received_at = _as_datetime(received_at)
        if received_at is None:
            from vivier.lib import clock

            received_at = clock.now()
        received = received_at.date()
        offered = [_as_datetime(s) for s in (offered_slots or []) if s]
        seen = visible_text(text)[:MAX_CHARS]
        folded = fold(seen)
        rewritten = rules.rewrite(folded)
        language = lang or (detect(seen, folded=folded) if seen.strip() else detect(text))

        intent, confidence, scores = self._intent(rewritten, folded, fold(subject), offered, received)
        chosen = None
        if intent == "slot_choice":
            chosen = slots.read(folded, offered, received=received).chosen

        reason = None
        if intent == "not_interested":
            reason = self._reason(rewritten, folded)

        corrected = self.near_correction(folded)
        if corrected is not None:
            intent = corrected["intent"]
            reason = corrected.get("reason") if intent == "not_interested" else None
            confidence = max(confidence, 0.9)
            if intent == "slot_choice":
                chosen = slots.read(folded, offered, received=received).chosen
            else:
                chosen = None

        recontact = None
        if intent in ("later", "out_of_office"):
            recontact = dates.resolve(folded, received)
            if recontact is None and intent == "out_of_office":
                recontact = dates.resolve(fold(subject), received)
            if recontact is not None and intent == "out_of_office":
                recontact = first_business_day(recontact)
        return Understanding(language, intent, reason, recontact, chosen, round(confidence, 3))

    # -- intent ------------------------------------------------------------------------------------------

    def _intent(
        self, rw: str, folded: str, subject: str, offered: list[datetime], received: date | None = None
    ) -> tuple[str, float, dict]:
        ev = rules.evidence(rw)
        s = ev.scores
        hits = set(ev.hits)
        # Some people write their answer in the subject line ("STOP", "Unsubscribe", "Désinscription").
        own_subject = re.sub(r"^(?:\s*(?:re|tr|fw|fwd|aw|rep)\s*:\s*)+", "", subject)
        if own_subject != subject or len(folded.strip()) < 3:
            s["unsubscribe"] += (
                rules.evidence(rules.rewrite(own_subject)).scores["unsubscribe"]
                if re.match(
                    r"^\W*(?:stop|unsubscribe|desinscri|desabonn|remove\s+me|retirez[\s-]moi)", own_subject
                )
                else 0.0
            )
        auto = bool(rules.AUTO_SUBJECT.match(subject))

        # Acknowledgements and lone punctuation carry no decision.
        if rules.ACK_ONLY.match(folded.strip()) and s["unsubscribe"] < 3 and s["other"] < 1:
            return "other", 0.8, s
        rest = _ACK_WORDS.sub(" ", folded).split()
        if (
            not offered
            and len(rest) <= 4
            and _THANKS.search(folded)
            and "?" not in folded
            and max(s.values()) < 1.0
        ):
            return "other", 0.7, s  # a short thank-you that decides nothing

        # Questions: an information request is the strongest sign of "more info".
        info_questions = 0
        for sentence in _QUESTION_SPLIT.split(rw):
            if "?" not in sentence:
                continue
            if _LATER_Q.search(sentence):
                s["later"] += 0.8
            elif _SCHEDULING_Q.search(sentence) and not re.search(
                r"\b(?:salaire|salary|remote|teletravail)\b", sentence
            ):
                s["interested"] += 0.8
            elif _RHETORICAL.search(sentence) or "_decline_" in rw:
                s["not_interested"] += 0.3
            else:
                info_questions += 1
        if info_questions:
            s["more_info"] += 2.2 + 0.6 * min(info_questions - 1, 2)
            if _INFO_WORD.search(rw):
                s["more_info"] += 0.5
            if _BUT.search(rw):
                # "open to it, but is it...?": the openness is conditional on the answer.
                s["more_info"] += 1.0
        elif s["more_info"] > 0 and "more_info:ask-more" not in hits:
            s["more_info"] = min(s["more_info"], 0.6)  # topic words alone are no question

        # 1. Unsubscribe outranks everything a person wrote.
        if s["unsubscribe"] >= 4.5:
            return "unsubscribe", _conf(s["unsubscribe"], 2.0), s
        # 2. A dead mailbox, a departed employee, a wrong person.
        if "other:wrong-person" in hits:
            s["referral"] = min(s["referral"], 2.0)
        if (
            ("other:left" in hits or "other:wrong-person" in hits or "other:unrelated" in hits)
            and s["interested"] < 2
            and s["referral"] < 3.5
        ):
            return "other", 0.85, s
        # 3. Automatic out-of-office replies.
        if not auto and offered:
            s["out_of_office"] = min(
                s["out_of_office"], 2.0
            )  # a person answering a slot proposal is not a robot
        robot_wording = "out_of_office:no-mail" in hits or "out_of_office:urgent" in hits
        human = s["interested"] >= 1.5 or s["later"] >= 2 or s["more_info"] >= 2
        if (
            (auto and s["out_of_office"] >= 1)
            or (s["out_of_office"] >= 4 and robot_wording and not human)
            or (auto and s["later"] < 2 and s["interested"] < 2)
        ):
            if not (s["referral"] >= 4 or s["unsubscribe"] >= 3):
                return "out_of_office", _conf(s["out_of_office"] + (3 if auto else 0), 2.0), s
        # 4. Referral: someone else named or described, and passed on.
        if s["referral"] >= 3.5 or (s["referral"] >= 3 and s["not_interested"] >= 1):
            return "referral", _conf(s["referral"], 1.5), s
        # 5. Interview slots.
        if offered:
            reading = slots.read(folded, offered, received=received)
            strong_no = s["not_interested"] >= 3 and reading.chosen is None
            if reading.chosen is not None and not strong_no and s["unsubscribe"] < 3:
                # A booking is hard to undo: a pick read from a half-day alone is less sure than a named slot.
                return "slot_choice", min(0.95, _conf(reading.margin, 1.5)), s
            if reading.either and not strong_no and s["unsubscribe"] < 3:
                # Any slot would do: which one to book is the recruiter's choice, so it waits for a check.
                return "slot_choice", 0.5, s
            if reading.neither or (reading.talks_about_slots and info_questions == 0 and not strong_no):
                return "slot_choice", 0.75, s

        if {h for h in hits if h.startswith("later:")} == {"later:notnow"} and s["not_interested"] > 0:
            s["later"] = min(
                s["later"], max(0.0, s["not_interested"] - NB_WEIGHT)
            )  # "not the moment" and a no: a decline
        if "later:notnow" in hits and s["later"] >= 3:
            s["later"] += 1.0  # "not now, but later" beats the decline it contains

        proba = self.intent_model.predict_proba(tokens(rw))
        total = {}
        for intent in rules.INTENTS:
            if intent == "slot_choice":
                continue
            total[intent] = s[intent] + NB_WEIGHT * proba.get(intent, 0.0)
        # Labels with heavy effects (suppression, a task about someone else) need a cue of their own, not
        # just the model's word for it.
        for intent in ("unsubscribe", "referral"):
            if s[intent] == 0:
                total[intent] = min(total[intent], 0.5)
        # Without a human cue, an automatic-looking text stays in its lane.
        if not auto:
            total["out_of_office"] = min(
                total["out_of_office"], s["out_of_office"] + 0.5 * NB_WEIGHT * proba.get("out_of_office", 0)
            )
            if not robot_wording:
                total["out_of_office"] = min(
                    total["out_of_office"], 1.5
                )  # a person telling us they are away...
                if s["out_of_office"] >= 2.5:
                    total["later"] += 1.0  # ...is asking to be picked up again later
        ranked = sorted(total.items(), key=lambda kv: (-kv[1], rules.INTENTS.index(kv[0])))
        best, second = ranked[0], ranked[1]
        if best[1] < 0.9:
            return "other", 0.4, s
        return best[0], _conf(best[1] - second[1], 1.5), s

    def _reason(self, rw: str, folded: str) -> str | None:
        # Cues read the original wording ("not willing to relocate"), markers add what negations said.
        scores = rules.reason_scores(folded + " " + " ".join(re.findall(r"_[a-z]+_", rw)))
        if self.reason_model is not None:
            proba = self.reason_model.predict_proba(tokens(rw))
            for r in rules.REASONS:
                scores[r] += 1.0 * proba.get(r, 0.0)
            none_p = proba.get("none", 0.0)
        else:
            none_p = 0.0
        best = max(rules.REASONS, key=lambda r: (scores[r], -rules.REASONS.index(r)))
        if scores[best] < 1.2 or (scores[best] < 1.5 and none_p > 0.7):
            return None
        return best

    def near_correction(self, folded: str) -> dict | None:
        if not self.corrections:
            return None
        words = set(re.findall(r"[a-z0-9']+", folded))
        if not words:
            return None
        lo = bisect.bisect_left(self._sizes, math.floor(len(words) * NEAR_DUPLICATE))
        hi = bisect.bisect_right(self._sizes, math.ceil(len(words) / NEAR_DUPLICATE))
        best, best_sim = None, 0.0
        for _, cwords, example in self.corrections[lo:hi]:
            sim = _jaccard(words, cwords)
            if sim > best_sim:
                best, best_sim = example, sim
        return best if best_sim >= NEAR_DUPLICATE else None


def _conf(margin: float, scale: float) -> float:
    return max(0.34, min(0.99, 0.5 + 0.5 * math.tanh(margin / scale)))


_default: Classifier | None = None


def default_classifier() -> Classifier:
    global _default
    if _default is None:
        _default = Classifier()
    return _default


def classifier_with_corrections(examples: list[dict]) -> Classifier:
    """A classifier whose model also learns from recruiters' corrections (dicts with "text" and "intent",
    optionally "subject" and "reason")."""
    return Classifier(extra_examples=examples)


def train(extra_examples: list[dict] | None = None) -> Classifier:
    """The bundled corpus plus ``extra_examples`` (recruiters' corrections, dicts with "text" and "intent", optionally
    "reason"), trained now. Same as ``classifier_with_corrections``."""
    return Classifier(extra_examples=extra_examples)


def classify(
    *,
    text: str,
    subject: str = "",
    received_at: datetime | None = None,
    offered_slots: list[datetime] | None = None,
    lang: str | None = None,
) -> Understanding:
    return default_classifier().classify(
        text=text, subject=subject, received_at=received_at, offered_slots=offered_slots, lang=lang
    )
