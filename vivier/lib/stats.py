"""Small-sample honest rates: Wilson intervals, the Beta-Binomial chance that one variant beats another, and
Fisher's exact test. Plain functions of counts (no model), for insights and A/B verdicts."""

from __future__ import annotations

import math


def rate(k: int, n: int) -> float | None:
    """k / n, or None when nobody is in the denominator."""
    return k / n if n else None


def wilson(k: int, n: int, z: float = 1.959963984540054) -> tuple[float, float] | None:
    """The Wilson score interval of k successes in n trials (95 % by default): sound near 0 %, 100 % and
    on small n, where the normal approximation gives intervals outside [0, 1]."""
    if n <= 0:
        return None
    if not 0 <= k <= n:
        raise ValueError(f"{k} successes out of {n}")
    p = k / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    margin = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return max(0.0, centre - margin), min(1.0, centre + margin)


def _log_beta(a: float, b: float) -> float:
    return math.lgamma(a) + math.lgamma(b) - math.lgamma(a + b)


def prob_better(k_a: int, n_a: int, k_b: int, n_b: int, prior: tuple[int, int] = (1, 1)) -> float:
    """P(rate of B > rate of A) under independent Beta posteriors (uniform prior by default), computed exactly
    (a finite sum, Evan Miller's closed form) rather than by sampling, so a verdict is reproducible."""
    alpha_a, beta_a = k_a + prior[0], n_a - k_a + prior[1]
    alpha_b, beta_b = k_b + prior[0], n_b - k_b + prior[1]
    total = 0.0
    for i in range(alpha_b):
        total += math.exp(
            _log_beta(alpha_a + i, beta_a + beta_b)
            - math.log(beta_b + i)
            - _log_beta(1 + i, beta_b)
            - _log_beta(alpha_a, beta_a)
        )
    return min(1.0, max(0.0, total))


def fisher_exact(a: int, b: int, c: int, d: int) -> float:
    """Two-sided p-value of Fisher's exact test on the table [[a, b], [c, d]] (e.g. replied / not replied for
    two variants): the probability of tables at least as extreme as this one, margins fixed."""
    row1, row2, col1 = a + b, c + d, a + c
    n = row1 + row2

    def log_p(x: int) -> float:
        return (
            math.lgamma(row1 + 1)
            - math.lgamma(x + 1)
            - math.lgamma(row1 - x + 1)
            + math.lgamma(row2 + 1)
            - math.lgamma(col1 - x + 1)
            - math.lgamma(row2 - col1 + x + 1)
            - (math.lgamma(n + 1) - math.lgamma(col1 + 1) - math.lgamma(n - col1 + 1))
        )

    low, high = max(0, col1 - row2), min(row1, col1)
    observed = log_p(a)
    total = sum(math.exp(log_p(x)) for x in range(low, high + 1) if log_p(x) <= observed + 1e-7)
    return min(1.0, total)


def quantile(values: list[float], q: float) -> float | None:
    """The q-quantile (linear interpolation between closest ranks, as numpy's default), None when empty."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * q
    lower = math.floor(position)
    upper = min(lower + 1, len(ordered) - 1)
    return ordered[lower] + (ordered[upper] - ordered[lower]) * (position - lower)
