import pytest

from tpmprep.estimate.availability import (
    budget_consumed,
    burn_rate,
    burn_rate_threshold,
    downtime,
    error_budget,
    nines,
    parallel,
    series,
    time_to_exhaustion,
)
from tpmprep.exceptions import CalculationError
from tpmprep.units import Q, fmt


def test_downtime_per_year_uses_a_julian_year():
    assert downtime("99.99%").to("minute").magnitude == pytest.approx(52.596)
    assert fmt(downtime(0.9999)) == "52.6 min"
    assert downtime(Q("99.9%"), "1 week").to("minute").magnitude == pytest.approx(10.08)


def test_series_multiplies_and_parallel_multiplies_the_failures():
    assert series(0.99, 0.99) == pytest.approx(0.9801)
    assert parallel("99%", "99%") == pytest.approx(0.9999)
    assert series([0.999, 0.999, 0.999]) == pytest.approx(0.997003)
    assert nines(parallel(0.99, 0.99)) == pytest.approx(4)


def test_error_budget_and_burn_rate():
    assert error_budget("99.9%", "30 days").to("minute").magnitude == pytest.approx(43.2)
    assert error_budget(0.999, Q("30 day")).to("minute").magnitude == pytest.approx(43.2)
    assert burn_rate(0.0144, "99.9%") == pytest.approx(14.4)
    assert burn_rate(0.001, 0.999) == pytest.approx(1)


def test_burn_rate_budget_and_time_agree():
    rate = burn_rate_threshold("2%", "1 hour")
    assert budget_consumed(rate, "1 hour") == pytest.approx(0.02)
    assert time_to_exhaustion(rate).to("hour").magnitude == pytest.approx(50)


@pytest.mark.parametrize(
    ("call", "parameter", "words"),
    [
        (lambda: error_budget(1.0), "slo", "no error budget"),
        (lambda: error_budget(99.9), "slo", "'99.9%' or 0.999"),
        (lambda: error_budget(0.999, "30 GB"), "window", "data size"),
        (lambda: burn_rate(-0.1, 0.999), "error_ratio", "negative"),
        (lambda: downtime(1.5), "availability", "fraction"),
        (lambda: series(), "availabilities", "at least one"),
        (lambda: parallel(0.9, "abc"), "availabilities[1]", "unknown unit"),
        (lambda: nines(1), "availability", "less than 1"),
        (lambda: time_to_exhaustion(0), "rate", "greater than zero"),
    ],
)
def test_bad_input_names_the_parameter(call, parameter, words):
    with pytest.raises(CalculationError, match=words) as err:
        call()
    assert err.value.parameter == parameter
