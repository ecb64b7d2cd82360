"""A small multinomial naive Bayes over word unigrams and bigrams, in pure Python.

It is trained at load time (a few hundred examples take milliseconds), so recruiters' corrections are simply
more training examples: ``NaiveBayes.fit(base + corrections)``. The rules carry most of the decision; the
model breaks ties and covers phrasings no rule names.
"""

import math
import re
from collections import Counter, defaultdict

_TOKEN = re.compile(r"_[a-z]+_|[a-z0-9]+(?:'[a-z]+)?|[?!€£$%]")
_STOP = frozenset(
    "le la les un une des de du d' et a au aux en the a an of to and in for on at is it this that".split()
)


def tokens(rewritten: str) -> list[str]:
    words = [w for w in _TOKEN.findall(rewritten)]
    feats = [w for w in words if w not in _STOP]
    feats += [f"{a}_{b}" for a, b in zip(words, words[1:], strict=False)]
    return feats


class NaiveBayes:
    def __init__(self, alpha: float = 0.5):
        self.alpha = alpha
        self.classes: list[str] = []
        self.log_prior: dict[str, float] = {}
        self.log_lik: dict[str, dict[str, float]] = {}
        self.log_unknown: dict[str, float] = {}
        self.vocab: set[str] = set()

    def fit(self, docs: list[tuple[list[str], str, float]]) -> "NaiveBayes":
        """``docs``: (features, label, weight). A correction can weigh more than a synthetic example."""
        counts: dict[str, Counter] = defaultdict(Counter)
        class_weight: Counter = Counter()
        for feats, label, weight in docs:
            class_weight[label] += weight
            for f in set(feats):  # binarized counts: robust on short texts
                counts[label][f] += weight
        self.classes = sorted(class_weight)
        self.vocab = {f for c in counts.values() for f in c}
        total = sum(class_weight.values())
        v = len(self.vocab) + 1
        for c in self.classes:
            # A flattened prior: the training corpus' class balance says little about real mail.
            self.log_prior[c] = 0.3 * math.log(class_weight[c] / total)
            denom = sum(counts[c].values()) + self.alpha * v
            self.log_lik[c] = {f: math.log((n + self.alpha) / denom) for f, n in counts[c].items()}
            self.log_unknown[c] = math.log(self.alpha / denom)
        # Per feature, what it adds over an unseen word, for every class at once (summed column-wise).
        self._delta = {
            f: tuple(self.log_lik[c].get(f, self.log_unknown[c]) - self.log_unknown[c] for c in self.classes)
            for f in self.vocab
        }
        return self

    def predict_proba(self, feats: list[str]) -> dict[str, float]:
        if not self.classes:
            return {}
        delta = self._delta
        rows = [delta[f] for f in set(feats) if f in delta]
        n = len(rows)
        sums = [sum(col) for col in zip(*rows, strict=True)] if rows else [0.0] * len(self.classes)
        scores = {
            c: self.log_prior[c] + n * self.log_unknown[c] + sums[i] for i, c in enumerate(self.classes)
        }
        top = max(scores.values())
        exp = {c: math.exp(s - top) for c, s in scores.items()}
        z = sum(exp.values())
        return {c: e / z for c, e in exp.items()}
