import math

import numpy as np
import pytest

from tpmprep.estimate.queueing import (
    erlang_b,
    erlang_c,
    latency_curve,
    littles_law,
    mm1,
    mmc,
    service_level,
)
from tpmprep.exceptions import CalculationError
from tpmprep.units import Q


def erlang_c_by_factorials(load, c):
    """The textbook formula, for small c only."""
    top = load**c / math.factorial(c) * c / (c - load)
    return top / (sum(load**k / math.factorial(k) for k in range(c)) + top)


def erlang_c_in_log_space(load, c):
    """The same formula with log-gamma and log-sum-exp: an independent check for large c."""
    log_terms = [k * math.log(load) - math.lgamma(k + 1) for k in range(c)]
    log_top = c * math.log(load) - math.lgamma(c + 1) + math.log(c / (c - load))
    peak = max([*log_terms, log_top])
    total = sum(math.exp(t - peak) for t in log_terms) + math.exp(log_top - peak)
    return math.exp(log_top - peak) / total


@pytest.mark.parametrize(("lam", "mu"), [(1, 2), (8, 10), (0.99, 1), (150, 200)])
def test_mm1_matches_the_closed_forms(lam, mu):
    q = mm1(lam, mu)
    rho = lam / mu
    assert q.utilisation == pytest.approx(rho)
    assert q.wait_probability == pytest.approx(rho)
    assert q.mean_response.to("s").magnitude == pytest.approx(1 / (mu - lam))
    assert q.mean_wait.to("s").magnitude == pytest.approx(rho / (mu - lam))
    assert q.mean_queue_length == pytest.approx(rho**2 / (1 - rho))
    assert q.mean_in_system == pytest.approx(rho / (1 - rho))


@pytest.mark.parametrize("c", [1, 2, 5, 10])
@pytest.mark.parametrize("share", [0.1, 0.5, 0.9, 0.99])
def test_erlang_c_matches_the_factorial_formula(c, share):
    load = share * c
    assert erlang_c(load, 1, c) == pytest.approx(erlang_c_by_factorials(load, c), rel=1e-12)


@pytest.mark.parametrize("c", [100, 1000, 10_000])
def test_erlang_c_is_stable_for_many_servers(c):
    load = 0.99 * c
    assert erlang_c(load, 1, c) == pytest.approx(erlang_c_in_log_space(load, c), rel=1e-9)


def test_erlang_b_matches_the_factorial_formula():
    load, c = 10.0, 10
    expected = (load**c / math.factorial(c)) / sum(
        load**k / math.factorial(k) for k in range(c + 1)
    )
    assert erlang_b(load, c) == pytest.approx(expected, rel=1e-12)


def test_mmc_obeys_littles_law_and_accepts_quantities():
    q = mmc(Q("200 / hour"), Q("1 / (3 min)"), 12)
    lam = 200 / 3600
    assert q.mean_in_system == pytest.approx(lam * q.mean_response.to("s").magnitude)
    assert q.mean_queue_length == pytest.approx(lam * q.mean_wait.to("s").magnitude)
    assert mmc(8, 10, 1) == mm1(8, 10)


def test_service_level_rises_with_the_wait_target():
    levels = [service_level(9, 1, 10, t) for t in (0, 0.1, 1, 10)]
    assert levels == sorted(levels)
    assert levels[0] == pytest.approx(1 - erlang_c(9, 1, 10))


def test_utilisation_of_one_or_more_is_an_error_that_names_it():
    with pytest.raises(CalculationError, match="the queue grows without bound") as err:
        mmc(10, 1, 10)
    assert err.value.parameter == "arrival_rate"
    assert "add servers or reduce load" in str(err.value)


def test_littles_law_solves_for_any_one():
    assert littles_law(10, 50).to("s").magnitude == pytest.approx(0.2)
    assert littles_law(arrival_rate=50, time_in_system="0.2 s").magnitude == pytest.approx(10)
    assert littles_law(10, time_in_system="200 ms").to("1/s").magnitude == pytest.approx(50)
    with pytest.raises(CalculationError, match="exactly two"):
        littles_law(10)


def test_latency_curve_climbs_towards_saturation():
    curve = latency_curve("10 / s", servers=1, points=10, max_utilisation=0.9)
    response = curve.mean_response.to("ms").magnitude
    assert curve.utilisation[0] == 0 and curve.utilisation[-1] == pytest.approx(0.9)
    assert response[0] == pytest.approx(100)  # the service time
    assert response[-1] == pytest.approx(1000)  # 10x the service time at 90%
    assert np.all(np.diff(response) > 0)
    pooled = latency_curve(10, servers=8, points=10, max_utilisation=0.9)
    assert pooled.mean_response.to("ms").magnitude[-1] < response[-1]


@pytest.mark.parametrize(
    ("call", "parameter"),
    [
        (lambda: mmc(1, 0, 1), "service_rate"),
        (lambda: mmc(-1, 1, 1), "arrival_rate"),
        (lambda: mmc(1, 2, 0), "servers"),
        (lambda: mmc(1, 2, 2.5), "servers"),
        (lambda: mmc("5 MB", 2, 1), "arrival_rate"),
        (lambda: mmc(1, 2, 10**7), "servers"),
        (lambda: latency_curve(10, points=1), "points"),
        (lambda: latency_curve(10, max_utilisation=1), "max_utilisation"),
        (lambda: service_level(1, 2, 1, "-1 s"), "target_wait"),
    ],
)
def test_bad_input_names_the_parameter(call, parameter):
    with pytest.raises(CalculationError) as err:
        call()
    assert err.value.parameter == parameter
