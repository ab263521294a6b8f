import pytest

from tpmprep.estimate.storage import daily_storage, retained_storage, storage_estimate
from tpmprep.exceptions import CalculationError
from tpmprep.units import fmt


def test_daily_storage_with_replication_and_compression():
    per_day = daily_storage(1e6, "1 KB", replication=3, compression=2)
    assert per_day.to("GB/day").magnitude == pytest.approx(1.5)


def test_a_bare_size_is_bytes_and_a_rate_may_be_per_second():
    assert daily_storage("1 / s", 1000).to("MB/day").magnitude == pytest.approx(86.4)


def test_retained_storage_over_years_uses_365_25_days():
    total = retained_storage("30 TB/day", "5 years")
    assert total.to("PB").magnitude == pytest.approx(30 * 365.25 * 5 / 1000)
    assert fmt(total) == "54.8 PB"


def test_storage_estimate_per_day_year_and_total():
    s = storage_estimate(100e6, "500 B", retention="10 years", replication=3)
    assert s.per_day.to("GB/day").magnitude == pytest.approx(150)
    assert s.per_year.to("TB").magnitude == pytest.approx(150 * 365.25 / 1000)
    assert s.total.to("TB").magnitude == pytest.approx(10 * s.per_year.to("TB").magnitude)
    assert "a year" in str(s)


@pytest.mark.parametrize(
    ("call", "parameter", "words"),
    [
        (lambda: daily_storage(1e6, "1 KB", replication=0.5), "replication", "at least 1"),
        (lambda: daily_storage(1e6, "1 KB", compression=0), "compression", "greater than zero"),
        (lambda: daily_storage(1e6, "1 KB", compression=0.5), "compression", "at least 1"),
        (lambda: daily_storage(1e6, "5 s"), "item_size", "a duration"),
        (lambda: daily_storage(-1, "1 KB"), "items_per_day", "negative"),
        (lambda: retained_storage("30 TB/day", "-1 year"), "retention", "negative"),
        (lambda: retained_storage("30 TB", "1 year"), "per_day", "a data size"),
    ],
)
def test_bad_input_names_the_parameter(call, parameter, words):
    with pytest.raises(CalculationError, match=words) as err:
        call()
    assert err.value.parameter == parameter
