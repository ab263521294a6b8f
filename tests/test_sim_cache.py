"""Cache eviction: policies on hand-made traces, Zipf traces against analytic hit ratios."""

from __future__ import annotations

import numpy as np
import pytest

from tpmprep.estimate.cache import zipf_hit_ratio
from tpmprep.exceptions import CalculationError
from tpmprep.sim.cache import (
    che_lru_hit_ratio,
    hit_ratio_curve,
    ideal_hit_ratio,
    simulate_cache,
    zipf_trace,
)

# A then B then A again: LRU keeps A (recently used), FIFO evicts it (inserted first).
TRACE = ["A", "B", "A", "C", "A", "B"]


@pytest.mark.parametrize(
    ("policy", "hits"),
    [
        ("lru", 2),  # A hit at 3 and 5: C evicts B (least recent), then B misses
        ("fifo", 1),  # A hit at 3; C evicts A (oldest insert); A misses, evicts B; B misses
        ("lfu", 2),  # A counted twice, so C evicts B; A hits again at 5
    ],
)
def test_policies_on_a_hand_trace(policy, hits):
    assert simulate_cache(TRACE, 2, policy, warmup=0).hits == hits


def test_lfu_keeps_a_frequent_item_that_lru_would_drop():
    trace = ["A", "A", "A", "B", "C", "D", "A"]
    assert simulate_cache(trace, 2, "lfu", warmup=0).hits == 3
    assert simulate_cache(trace, 2, "lru", warmup=0).hits == 2


def test_ttl_entries_expire():
    trace = ["A", "A", "A", "A"]
    times = [0.0, 5.0, 11.0, 12.0]
    result = simulate_cache(trace, 10, "ttl", ttl=10, times=times, warmup=0)
    assert result.hits == 2  # 5 s hit, 11 s expired (written at 0), 12 s hit (rewritten at 11)


def test_lfu_approaches_the_ideal_static_cache_and_lru_does_not():
    """Stationary Zipf(1), 1,000 items: perfect LFU ~ top-C ideal (2 points); LRU well below."""
    trace = zipf_trace(50_000, 1_000, 1.0, seed=0)
    for size in (50, 200):
        ideal = zipf_hit_ratio(size, 1_000, 1.0)
        assert ideal == pytest.approx(ideal_hit_ratio(size, 1_000, 1.0), rel=1e-6)
        lfu = simulate_cache(trace, size, "lfu").hit_ratio
        lru = simulate_cache(trace, size, "lru").hit_ratio
        assert lfu == pytest.approx(ideal, abs=0.02)
        assert lru < ideal - 0.05


def test_che_approximation_predicts_lru():
    trace = zipf_trace(50_000, 1_000, 0.8, seed=1)
    for size in (20, 100):
        assert simulate_cache(trace, size, "lru").hit_ratio == pytest.approx(
            che_lru_hit_ratio(size, 1_000, 0.8), abs=0.02
        )


def test_curve_rises_with_size_and_works_on_user_keys():
    rng = np.random.default_rng(0)
    trace = [f"/page/{k}" for k in rng.zipf(1.5, 20_000) % 500]
    curve = hit_ratio_curve(trace, [5, 20, 80], ["lru", "lfu", "fifo"])
    for ratios in curve.ratios.values():
        assert ratios == sorted(ratios)
    assert "LFU" in curve.summary()


def test_zipf_trace_is_seeded():
    assert np.array_equal(zipf_trace(1000, 50, 1.0, seed=3), zipf_trace(1000, 50, 1.0, seed=3))
    assert not np.array_equal(zipf_trace(1000, 50, 1.0, seed=3), zipf_trace(1000, 50, 1.0, seed=4))


@pytest.mark.parametrize(
    ("call", "parameter"),
    [
        (lambda: simulate_cache([], 10), "trace"),
        (lambda: simulate_cache(["a"], 0), "size"),
        (lambda: simulate_cache(["a"], 1, "random"), "policy"),
        (lambda: simulate_cache(["a"], 1, "ttl"), "ttl"),
        (lambda: simulate_cache(["a"], 1, "ttl", ttl=-1), "ttl"),
        (lambda: simulate_cache([["unhashable"]], 1), "trace"),
        (lambda: simulate_cache(["a"], 1, warmup=1.5), "warmup"),
        (lambda: zipf_trace(10, 100, s=-1), "s"),
        (lambda: zipf_trace(0, 100), "n_requests"),
        (lambda: hit_ratio_curve(["a"], []), "sizes"),
    ],
)
def test_bad_input_names_the_parameter(call, parameter):
    with pytest.raises(CalculationError) as err:
        call()
    assert err.value.parameter == parameter


def test_unknown_policy_lists_the_valid_ones():
    with pytest.raises(CalculationError, match="lru, lfu, fifo, ttl"):
        simulate_cache(["a"], 1, "arc")
