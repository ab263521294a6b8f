"""Load balancing: balls into bins against theory, queueing sanity, policies, errors, seeds."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tpmprep.exceptions import CalculationError
from tpmprep.sim import loadbalance
from tpmprep.sim.arrivals import arrival_times
from tpmprep.sim.fifo import fifo_waits, fifo_waits_by_server
from tpmprep.sim.loadbalance import (
    POLICIES,
    _least_connections_run,
    balls_into_bins,
    compare_policies,
    simulate_load_balancing,
    theory_max_load,
)


def test_two_choices_max_load_is_far_below_random_at_n_1000():
    """Azar et al. 1999: ln n / ln ln n (about 5-6 at n = 1000) against ln ln n / ln 2 + O(1)."""
    random_max = [balls_into_bins(1000, choices=1, seed=s).max_load for s in range(10)]
    two_max = [balls_into_bins(1000, choices=2, seed=s).max_load for s in range(10)]
    assert 4.5 <= np.mean(random_max) <= 7
    assert max(two_max) <= 4 and np.mean(two_max) <= 3.5
    assert all(t < r for t, r in zip(two_max, random_max, strict=True))


def test_balls_are_all_placed():
    result = balls_into_bins(100, 250, choices=3, seed=1)
    assert result.loads.sum() == 250 and len(result.loads) == 100
    assert "250 balls into 100 bins" in result.summary()


def test_theory_max_load_formulas():
    assert theory_max_load(1000, 1) == pytest.approx(math.log(1000) / math.log(math.log(1000)))
    assert theory_max_load(1000, 2) == pytest.approx(math.log(math.log(1000)) / math.log(2))


def test_vectorised_lindley_matches_the_plain_recursion():
    rng = np.random.default_rng(3)
    arr = np.cumsum(rng.exponential(1.0, 500))
    svc = rng.exponential(0.9, 500)
    waits, w = [], 0.0
    for k in range(500):
        if k:
            w = max(0.0, w + svc[k - 1] - (arr[k] - arr[k - 1]))
        waits.append(w)
    assert np.allclose(fifo_waits(arr, svc), waits)
    server = rng.integers(0, 3, 500)
    by_server = fifo_waits_by_server(arr, svc, server, 3)
    for s in range(3):
        mask = server == s
        assert np.allclose(by_server[mask], fifo_waits(arr[mask], svc[mask]))


def test_random_split_of_poisson_traffic_gives_mm1_response_times():
    """Each server is M/M/1 at utilisation 0.7: mean response 1 / (mu - lambda) = 33.3 ms."""
    r = simulate_load_balancing("random", servers=8, requests=200_000, load=0.7, seed=0)
    assert r.latency.mean() == pytest.approx(1 / (100 - 70), rel=0.05)
    assert r.p50 == pytest.approx(math.log(2) / (100 - 70), rel=0.05)
    assert r.utilisation == pytest.approx(np.full(8, 0.7), abs=0.02)


def test_round_robin_overloads_a_slow_server_that_adaptive_policies_spare():
    comparison = compare_policies(
        ["round_robin", "least_connections", "two_choices"],
        servers=[100, 100, 100, 25],
        requests=40_000,
        load=0.8,
        seed=0,
    )
    assert (
        comparison["round_robin"].utilisation[-1] > 2
    )  # a quarter of the requests, 8% of capacity
    assert comparison["least_connections"].peak_utilisation < 1
    assert comparison["two_choices"].peak_utilisation < 1
    assert comparison["least_connections"].p99 * 10 < comparison["round_robin"].p99
    assert "overloaded" in comparison["round_robin"].summary()


def test_round_robin_wins_when_servers_and_requests_are_equal():
    comparison = compare_policies(["round_robin", "random"], requests=50_000, cost_cv=0, seed=0)
    assert comparison["round_robin"].p99 < comparison["random"].p99 / 2


def test_two_choices_and_least_connections_cut_tail_latency_against_random():
    policies = ["random", "two_choices", "least_connections"]
    comparison = compare_policies(policies, requests=30_000, load=0.8, seed=0)
    random_p99 = comparison["random"].p99
    assert comparison["two_choices"].p99 < 0.7 * random_p99
    assert comparison["least_connections"].p99 < comparison["two_choices"].p99


def test_comparison_runs_every_policy_by_default():
    comparison = compare_policies(requests=500, seed=0)
    assert list(comparison.results) == list(POLICIES)
    assert all(name in comparison.summary() for name in POLICIES)


def test_hot_keys_unbalance_consistent_hashing():
    even = simulate_load_balancing("consistent_hashing", requests=50_000, key_skew=0, seed=0)
    hot = simulate_load_balancing("consistent_hashing", requests=50_000, key_skew=1.2, seed=0)
    assert hot.max_mean_requests > even.max_mean_requests + 0.3


def test_bursty_arrivals_keep_the_mean_rate_and_are_burstier_than_poisson():
    poisson = arrival_times(200_000, 1000.0, seed=0)
    bursty = arrival_times(200_000, 1000.0, burst_factor=5, burst_share=0.1, seed=0)
    assert len(bursty) / bursty[-1] == pytest.approx(1000, rel=0.05)

    def dispersion(t):
        counts = np.bincount((t / 0.1).astype(int))  # arrivals per 100 ms
        return counts.var() / counts.mean()

    assert dispersion(poisson) == pytest.approx(1, abs=0.1)
    assert dispersion(bursty) > 5


def test_same_seed_same_result_other_seed_different():
    a = simulate_load_balancing("two_choices", requests=5_000, seed=7)
    b = simulate_load_balancing("two_choices", requests=5_000, seed=7)
    c = simulate_load_balancing("two_choices", requests=5_000, seed=8)
    assert np.array_equal(a.latency, b.latency) and np.array_equal(a.requests, b.requests)
    assert not np.array_equal(a.latency, c.latency)
    assert balls_into_bins(50, seed=1).loads.tolist() == balls_into_bins(50, seed=1).loads.tolist()


def test_policy_names_are_forgiving_about_case_and_separators():
    assert simulate_load_balancing("Two-Choices", requests=100).policy == "two_choices"


@pytest.mark.parametrize(
    ("kwargs", "parameter"),
    [
        ({"policy": "fastest"}, "policy"),
        ({"servers": 0}, "servers"),
        ({"servers": []}, "servers"),
        ({"servers": [100, -5]}, "servers"),
        ({"capacity": -1}, "capacity"),
        ({"load": -0.5}, "load"),
        ({"requests": 0}, "requests"),
        ({"cost_cv": -1}, "cost_cv"),
        ({"burst_share": 1.5}, "burst_share"),
        ({"burst_factor": 20, "burst_share": 0.1}, "burst_factor"),
        ({"seed": -1}, "seed"),
    ],
)
def test_bad_input_names_the_parameter(kwargs, parameter):
    args = {"policy": "random", "requests": 100, **kwargs}
    with pytest.raises(CalculationError) as err:
        simulate_load_balancing(**args)
    assert err.value.parameter == parameter


def test_unknown_policy_lists_the_valid_ones():
    with pytest.raises(CalculationError, match="round_robin, random, least_connections"):
        simulate_load_balancing("fastest")


def test_balls_into_bins_rejects_zero_bins():
    with pytest.raises(CalculationError, match="bins"):
        balls_into_bins(0)


def test_least_connections_follows_a_hand_worked_trace():
    """Two servers of 1 req/s: fewest outstanding wins, ties go to the least recent pick.

    t=0 -> s0 (ends 1); t=0.25 -> s1 (ends 2.25); t=0.5: one each, s0 picked longer ago,
    waits 0.5 behind its first request (ends 1.5); t=1.5: s0's two have ended (one at this
    very instant), s1 still busy -> s0 (ends 1.75); t=1.75: same again -> s0; t=3: both idle,
    s1 picked longer ago -> s1.
    """
    arr = np.array([0.0, 0.25, 0.5, 1.5, 1.75, 3.0])
    size = np.array([1.0, 2.0, 0.5, 0.25, 0.25, 0.25])
    server, waits = _least_connections_run(arr, size, np.array([1.0, 1.0]), 2, 0)
    assert server.tolist() == [0, 1, 0, 0, 0, 1]
    assert waits.tolist() == [0.0, 0.0, 0.5, 0.0, 0.0, 0.0]


def test_least_connections_carries_outstanding_requests_across_chunks(monkeypatch):
    whole = simulate_load_balancing("least_connections", requests=3_000, load=0.95, seed=4)
    monkeypatch.setattr(loadbalance, "_CHUNK", 7)
    chunked = simulate_load_balancing("least_connections", requests=3_000, load=0.95, seed=4)
    assert np.array_equal(whole.latency, chunked.latency)
    assert np.array_equal(whole.requests, chunked.requests)


def test_least_connections_is_reproducible_and_rotates_equal_requests_under_overload():
    """At 150% load every queue grows without bound; with equal servers and equal requests the
    outstanding counts stay level, so ties to the least recent pick make it a strict rotation."""
    a = simulate_load_balancing("least_connections", requests=20_000, load=1.5, cost_cv=0, seed=3)
    b = simulate_load_balancing("least_connections", requests=20_000, load=1.5, cost_cv=0, seed=3)
    assert np.array_equal(a.latency, b.latency)
    assert a.requests.tolist() == [2_500] * 8
    assert a.utilisation.min() > 1.4
