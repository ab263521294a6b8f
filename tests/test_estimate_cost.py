"""Monthly cost from the cost table: arithmetic, editions, and bad input."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tpmprep import Q
from tpmprep.estimate.cost import monthly_cost
from tpmprep.exceptions import CalculationError


def test_a_small_service_on_the_aws_snapshot():
    """10 m7i.large servers, 50 TB in S3 Standard, 10 TB/month out to the internet."""
    bill = monthly_cost(servers=10, storage="50 TB", egress="10 TB/month")
    hours = Q("1 month").to("hour").magnitude  # 730.5 h (year / 12)
    assert bill["compute"].to("USD/month").magnitude == pytest.approx(20 * 0.0504 * hours)
    assert bill["storage"].to("USD/month").magnitude == pytest.approx(50_000 * 0.023)
    assert bill["egress"].to("USD/month").magnitude == pytest.approx(10_000 * 0.09)
    total = sum(line.monthly.to("USD/month").magnitude for line in bill.lines)
    assert bill.total.to("USD/month").magnitude == pytest.approx(total)
    assert bill.edition == "aws"
    text = str(bill)
    assert "compute" in text and "2.79K USD/month" in text and "on-demand" in text


def test_units_are_converted_and_a_size_of_egress_is_per_month():
    a = monthly_cost(egress="10 TB")
    b = monthly_cost(egress="10000 GB/month")
    c = monthly_cost(egress=10_000)  # bare number: GB per month
    totals = [x.total.to("USD/month").magnitude for x in (a, b, c)]
    assert totals == pytest.approx([900.0, 900.0, 900.0])
    per_second = monthly_cost(egress="1 MB/s")
    assert per_second["egress"].to("USD/month").magnitude == pytest.approx(
        Q("1 MB/s * 1 month").to("GB").magnitude * 0.09
    )


def test_the_recent_edition_uses_napkin_math_prices():
    bill = monthly_cost(vcpus=1, storage="1 GB", egress="1 GB", edition="recent")
    assert bill["compute"].to("USD/month").magnitude == pytest.approx(15)
    assert bill["storage"].to("USD/month").magnitude == pytest.approx(0.02)
    assert bill["egress"].to("USD/month").magnitude == pytest.approx(0.1)


@pytest.mark.parametrize(
    ("kwargs", "parameter"),
    [
        ({"vcpus": -1}, "vcpus"),
        ({"servers": float("nan")}, "servers"),
        ({"vcpus_per_server": 0, "servers": 1}, "vcpus_per_server"),
        ({"storage": "5 s"}, "storage"),
        ({"storage": float("inf")}, "storage"),
        ({"egress": "3 req/s"}, "egress"),
        ({"egress": "-1 GB"}, "egress"),
        ({"edition": "zork"}, "edition"),
        ({"vcpus": 1e308, "servers": 1e308}, "vcpus"),
    ],
)
def test_bad_input_names_the_parameter(kwargs, parameter):
    with pytest.raises(CalculationError) as info:
        monthly_cost(**kwargs)
    assert info.value.parameter == parameter


anything = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.text(max_size=12),
    st.sampled_from(["5 TB", "3 s", "1 MB/s", "-2 GB", "1e400 GB", "10 TB/month", "5 req/s", ""]),
    st.none(),
    st.booleans(),
)


@settings(max_examples=150, deadline=None)
@given(vcpus=anything, storage=anything, egress=anything, servers=anything)
def test_arbitrary_input_raises_only_calculation_error_and_never_nan(
    vcpus, storage, egress, servers
):
    try:
        bill = monthly_cost(vcpus=vcpus, storage=storage, egress=egress, servers=servers)
    except CalculationError:
        return
    for line in bill.lines:
        assert math.isfinite(line.monthly.magnitude) and line.monthly.magnitude >= 0
    assert math.isfinite(bill.total.magnitude)
