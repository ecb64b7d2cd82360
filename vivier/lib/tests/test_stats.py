import random

import pytest

from vivier.lib import stats


def test_a_rate_over_nobody_is_none_not_zero():
    assert stats.rate(0, 0) is None
    assert stats.rate(9, 75) == pytest.approx(0.12)


def test_wilson_interval_matches_the_formula_and_stays_inside_zero_one():
    low, high = stats.wilson(9, 75)
    assert (round(low, 4), round(high, 4)) == (0.0644, 0.2126)
    assert stats.wilson(0, 10)[0] == 0.0 and 0.27 < stats.wilson(0, 10)[1] < 0.28
    assert stats.wilson(10, 10)[1] == pytest.approx(1.0)
    assert stats.wilson(0, 0) is None
    with pytest.raises(ValueError):
        stats.wilson(11, 10)


def test_the_chance_that_b_beats_a_is_exact_and_agrees_with_sampling():
    assert stats.prob_better(10, 100, 10, 100) == pytest.approx(0.5, abs=1e-9)
    exact = stats.prob_better(10, 100, 20, 100)
    rng = random.Random(7)
    draws = 60_000
    sampled = sum(rng.betavariate(21, 81) > rng.betavariate(11, 91) for _ in range(draws)) / draws
    assert exact == pytest.approx(sampled, abs=0.006)
    assert 0.97 < exact < 0.99
    assert stats.prob_better(20, 100, 10, 100) == pytest.approx(1 - exact, abs=1e-9)


def test_fisher_exact_gives_the_textbook_p_value():
    assert stats.fisher_exact(8, 2, 1, 5) == pytest.approx(0.034965034965, rel=1e-9)
    assert stats.fisher_exact(3, 1, 1, 3) == pytest.approx(0.485714285714, rel=1e-9)
    assert stats.fisher_exact(5, 5, 5, 5) == pytest.approx(1.0)


def test_quantiles_interpolate_like_numpy():
    assert stats.quantile([], 0.5) is None
    assert stats.quantile([3, 1, 2], 0.5) == 2
    assert stats.quantile([1, 2, 3, 4], 0.75) == pytest.approx(3.25)
