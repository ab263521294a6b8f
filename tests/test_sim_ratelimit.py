"""Rate limiters: the fixed-window boundary burst, token-bucket bursts, errors."""

from __future__ import annotations

import numpy as np
import pytest

from tpmprep.exceptions import CalculationError
from tpmprep.sim.ratelimit import (
    LIMITERS,
    boundary_burst_trace,
    bursty_request_times,
    max_in_any_window,
    simulate_rate_limit,
)


def test_fixed_window_lets_twice_the_limit_through_across_an_edge():
    trace = boundary_burst_trace(limit=100, window=1.0, spread=0.05)  # 200 requests in 0.1 s
    fixed = simulate_rate_limit(trace, "fixed_window", limit=100, window=1.0)
    log = simulate_rate_limit(trace, "sliding_log", limit=100, window=1.0)
    assert fixed.accepted_count == 200 and fixed.peak_window == 200
    assert log.accepted_count == 100 and log.peak_window == 100


def test_sliding_log_never_exceeds_the_limit_on_a_bursty_trace():
    times = bursty_request_times(30, 100, burst_factor=5, seed=0)
    for algorithm in LIMITERS:
        result = simulate_rate_limit(times, algorithm, limit=120, window=1.0)
        assert result.accepted_count + result.rejected_count == len(times)
        if algorithm == "sliding_log":
            assert result.peak_window == 120
        elif algorithm == "sliding_counter":  # an estimate: close to the limit, not exact
            assert 120 <= result.peak_window <= 1.5 * 120
        else:  # fixed window edge; token bucket: a full bucket plus a window of refill
            assert 120 < result.peak_window <= 2 * 120


def test_token_bucket_passes_a_burst_then_the_refill_rate():
    times = np.linspace(0, 10, 5_001)[:-1]  # 500 req/s for 10 s against 100 req/s
    result = simulate_rate_limit(times, "token_bucket", limit=100, window=1.0, burst=50)
    assert result.accepted_count == pytest.approx(50 + 100 * 10, abs=3)
    assert result.accepted[:50].all()


def test_max_in_any_window():
    assert max_in_any_window([0.0, 0.5, 0.99, 1.0, 1.2], 1.0) == 4  # [0.5, 1.5)
    assert max_in_any_window([0.0, 1.0, 2.0], 1.0) == 1  # windows are half-open
    assert max_in_any_window([], 1.0) == 0


def test_timeline_counts_every_request():
    times = bursty_request_times(5, 50, seed=2)
    result = simulate_rate_limit(times, "fixed_window", limit=40)
    edges, acc, rej = result.timeline()
    assert acc.sum() + rej.sum() == len(times)
    assert len(edges) == len(acc) + 1
    assert "fixed window" in result.summary()


def test_bursty_trace_is_seeded():
    assert np.array_equal(bursty_request_times(5, 50, seed=1), bursty_request_times(5, 50, seed=1))
    assert not np.array_equal(
        bursty_request_times(5, 50, seed=1), bursty_request_times(5, 50, seed=2)
    )


@pytest.mark.parametrize(
    ("call", "parameter"),
    [
        (lambda: simulate_rate_limit([], "token_bucket"), "times"),
        (lambda: simulate_rate_limit([-1.0, 2.0]), "times"),
        (lambda: simulate_rate_limit([1.0], "leaky"), "algorithm"),
        (lambda: simulate_rate_limit([1.0], limit=0), "limit"),
        (lambda: simulate_rate_limit([1.0], window=-1), "window"),
        (lambda: simulate_rate_limit([1.0], burst=0), "burst"),
        (lambda: bursty_request_times(10, -5), "rate"),
        (lambda: bursty_request_times(10, 5, burst_share=2), "burst_share"),
        (lambda: boundary_burst_trace(spread=0.9), "spread"),
    ],
)
def test_bad_input_names_the_parameter(call, parameter):
    with pytest.raises(CalculationError) as err:
        call()
    assert err.value.parameter == parameter


def test_unknown_algorithm_lists_the_valid_ones():
    with pytest.raises(CalculationError, match="token_bucket, fixed_window, sliding_log"):
        simulate_rate_limit([1.0], "leaky_bucket")
