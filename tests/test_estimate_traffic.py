import pytest

from tpmprep.estimate.traffic import (
    MONTH_DAYS,
    average_rate,
    daily_requests,
    monthly_from_per_second,
    peak_rate,
    per_second_from_monthly,
    traffic_estimate,
)
from tpmprep.exceptions import CalculationError
from tpmprep.units import Q, fmt


def test_daily_requests_from_users_share_and_rate():
    daily = daily_requests("300M", 2, "50%")
    assert daily.to("1/day").magnitude == pytest.approx(300e6)
    assert fmt(daily) == "300M req/day"


def test_requests_per_user_may_be_any_rate():
    assert daily_requests(1, "10 / hour").to("1/day").magnitude == pytest.approx(240)


def test_average_rate_from_a_count_or_a_rate():
    assert average_rate("300M").to("1/s").magnitude == pytest.approx(3472.2, rel=1e-4)
    assert average_rate(Q("300M req/day")).to("1/s").magnitude == pytest.approx(3472.2, rel=1e-4)
    assert average_rate(3600, period="1 hour").to("1/s").magnitude == pytest.approx(1)


def test_peak_is_average_times_factor():
    assert peak_rate("3.5K req/s", 3).to("1/s").magnitude == pytest.approx(10_500)


def test_a_month_is_a_twelfth_of_a_julian_year():
    assert MONTH_DAYS == 30.4375
    assert per_second_from_monthly(2_629_800).to("1/s").magnitude == pytest.approx(1)
    assert monthly_from_per_second(1).to("1/month").magnitude == pytest.approx(2_629_800)
    # 1 billion a month is about 380 a second.
    assert per_second_from_monthly("1B").to("1/s").magnitude == pytest.approx(380.26, rel=1e-4)


def test_traffic_estimate_bundles_the_steps():
    t = traffic_estimate("300M", 2, 0.5, peak_factor=2)
    assert t.active_users == pytest.approx(150e6)
    assert t.peak.to("1/s").magnitude == pytest.approx(2 * t.average.to("1/s").magnitude)
    assert "peak 6.94K req/s" in str(t)


@pytest.mark.parametrize(
    ("call", "parameter", "words"),
    [
        (lambda: daily_requests(-5, 2), "users", "negative"),
        (lambda: daily_requests(float("nan"), 2), "users", "NaN"),
        (lambda: daily_requests(0, 2), "users", "greater than zero"),
        (lambda: daily_requests(100, "5 MB"), "requests_per_user", "data size"),
        (lambda: daily_requests(100, 2, 50), "active_fraction", "'50%'"),
        (lambda: peak_rate(100, 0.5), "peak_factor", "at least 1"),
        (lambda: average_rate("5 GB"), "requests", "data size"),
        (lambda: average_rate(100, period="0 s"), "period", "greater than zero"),
        (lambda: per_second_from_monthly(float("inf")), "per_month", "infinite"),
    ],
)
def test_bad_input_names_the_parameter(call, parameter, words):
    with pytest.raises(CalculationError, match=words) as err:
        call()
    assert err.value.parameter == parameter
    assert isinstance(err.value, ValueError)
