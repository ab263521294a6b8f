import math

import numpy as np
import pytest

from tpmprep.estimate.cache import (
    cache_size_for_hit_ratio,
    effective_latency,
    harmonic,
    working_set_memory,
    zipf_hit_ratio,
)
from tpmprep.exceptions import CalculationError

EULER_GAMMA = 0.5772156649015329


def brute(n, s):
    return math.fsum(float(k) ** -s for k in range(1, n + 1))


def test_harmonic_small_values_are_exact():
    assert harmonic(10, 1) == pytest.approx(7381 / 2520, rel=1e-15)
    assert harmonic(1000, 0) == 1000


@pytest.mark.parametrize("s", [0.0, 0.3, 0.8, 0.99, 1.0, 1.01, 1.5, 2.0, 4.0])
@pytest.mark.parametrize("n", [10_001, 65_537])
def test_euler_maclaurin_above_the_exact_range_matches_the_exact_sum(n, s):
    exact = float(np.sum(np.arange(n, 0, -1, dtype=float) ** -s))
    assert harmonic(n, s) == pytest.approx(exact, rel=1e-12)


def test_harmonic_for_a_trillion_matches_the_asymptotic_series():
    n = 10**12
    expected = math.log(n) + EULER_GAMMA + 1 / (2 * n) - 1 / (12 * n**2)
    assert harmonic(n, 1) == pytest.approx(expected, rel=1e-13)
    assert harmonic(n, 2) == pytest.approx(math.pi**2 / 6 - 1 / n, rel=1e-12)


def test_uniform_popularity_hit_ratio_is_the_cached_share():
    assert zipf_hit_ratio(100, 1000, s=0) == pytest.approx(0.1)


def test_hit_ratio_end_points_and_monotonic():
    assert zipf_hit_ratio(0, 1000) == 0.0
    assert zipf_hit_ratio(1000, 1000) == 1.0
    assert zipf_hit_ratio(5000, 1000) == 1.0
    ratios = [zipf_hit_ratio(c, 10**9) for c in (1, 10, 10**3, 10**6, 10**8)]
    assert ratios == sorted(ratios)


def test_hit_ratio_for_a_small_catalogue_is_the_exact_ratio():
    assert zipf_hit_ratio(10, 100, s=0.8) == pytest.approx(brute(10, 0.8) / brute(100, 0.8))


def test_one_percent_of_a_trillion_items_under_zipf_1():
    # H(1e10) / H(1e12) = (ln 1e10 + gamma) / (ln 1e12 + gamma): about 0.834.
    expected = (math.log(1e10) + EULER_GAMMA) / (math.log(1e12) + EULER_GAMMA)
    assert zipf_hit_ratio(10**10, 10**12) == pytest.approx(expected, rel=1e-9)


def test_cache_size_for_a_hit_ratio_is_the_smallest_that_reaches_it():
    size = cache_size_for_hit_ratio("80%", 10**6, s=0.9)
    assert zipf_hit_ratio(size, 10**6, 0.9) >= 0.8 > zipf_hit_ratio(size - 1, 10**6, 0.9)


def test_working_set_memory_and_effective_latency():
    assert working_set_memory("20M", "1 KB", 1.5).to("GB").magnitude == pytest.approx(30)
    latency = effective_latency("90%", "1 ms", "20 ms")
    assert latency.to("ms").magnitude == pytest.approx(2.9)


@pytest.mark.parametrize(
    ("call", "parameter", "words"),
    [
        (lambda: zipf_hit_ratio(10, 100, s=-1), "s", "negative"),
        (lambda: zipf_hit_ratio(10, 0), "catalogue_items", "greater than zero"),
        (lambda: zipf_hit_ratio(-2, 100), "cache_items", "at least 0"),
        (lambda: zipf_hit_ratio(10, float("inf")), "catalogue_items", "infinite"),
        (lambda: zipf_hit_ratio(10, "1 GB"), "catalogue_items", "data size"),
        (lambda: effective_latency(95, "1 ms", "2 ms"), "hit_ratio", "'95%'"),
        (lambda: effective_latency(0.9, "1 MB", "2 ms"), "hit_latency", "a data size"),
        (lambda: working_set_memory(10, "1 KB", 0.5), "overhead", "at least 1"),
    ],
)
def test_bad_input_names_the_parameter(call, parameter, words):
    with pytest.raises(CalculationError, match=words) as err:
        call()
    assert err.value.parameter == parameter
