"""The M/M/c simulation against Erlang C (est-calc), M/D/1 against Pollaczek-Khinchine."""

from __future__ import annotations

import numpy as np
import pytest

from tpmprep.estimate.queueing import mmc
from tpmprep.exceptions import CalculationError
from tpmprep.sim.mmc import simulate_mmc


@pytest.mark.parametrize("servers", [1, 4, 10])
def test_mmc_simulation_agrees_with_erlang_c(servers):
    """200,000 customers at utilisation 0.8, seed 0.

    Tolerances: mean wait within 5% and P(wait) within 4% (over seeds 0-7 the mean-wait
    error had a standard deviation of 2-3%, P(wait) of 0.5-1.7%, worst 2.6% at c=10).
    """
    lam, mu = 0.8 * servers * 10.0, 10.0
    sim = simulate_mmc(lam, mu, servers, customers=200_000, seed=0)
    theory = mmc(lam, mu, servers)
    assert sim.mean_wait == pytest.approx(theory.mean_wait.to("s").magnitude, rel=0.05)
    assert sim.wait_probability == pytest.approx(theory.wait_probability, rel=0.04)
    assert sim.mean_response == pytest.approx(theory.mean_response.to("s").magnitude, rel=0.05)
    assert sim.utilisation == pytest.approx(0.8, rel=0.02)


def test_constant_service_halves_the_wait_pollaczek_khinchine():
    """M/D/1: Wq = rho / (2 mu (1 - rho)), half the M/M/1 wait."""
    sim = simulate_mmc(7.0, 10.0, 1, customers=100_000, service_cv=0, seed=0)
    assert sim.mean_wait == pytest.approx(0.7 / (2 * 10 * 0.3), rel=0.05)


def test_same_seed_same_waits_other_seed_different():
    a = simulate_mmc(30, 10, 4, customers=2_000, seed=5)
    b = simulate_mmc(30, 10, 4, customers=2_000, seed=5)
    c = simulate_mmc(30, 10, 4, customers=2_000, seed=6)
    assert np.array_equal(a.waits, b.waits)
    assert not np.array_equal(a.waits, c.waits)
    assert "M/M/4" in a.summary()


@pytest.mark.parametrize(
    ("args", "kwargs", "parameter"),
    [
        ((-1, 10, 2), {}, "arrival_rate"),
        ((10, 0, 2), {}, "service_rate"),
        ((10, 10, 0), {}, "servers"),
        ((25, 10, 2), {}, "arrival_rate"),  # utilisation 1.25: no steady state
        ((10, 10, 2), {"warmup": 1.5}, "warmup"),
        ((10, 10, 2), {"service_cv": -1}, "service_cv"),
    ],
)
def test_bad_input_names_the_parameter(args, kwargs, parameter):
    with pytest.raises(CalculationError) as err:
        simulate_mmc(*args, **kwargs)
    assert err.value.parameter == parameter


def test_an_unstable_queue_says_how_to_fix_it():
    with pytest.raises(CalculationError, match="add servers"):
        simulate_mmc(25, 10, 2)
