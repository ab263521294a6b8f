"""Quantities divide, compare and round the way napkin math does (issue 15, item 3)."""

from __future__ import annotations

import math

import pint
import pytest

from tpmprep import Q, ceil, fmt
from tpmprep.exceptions import InputError


@pytest.mark.parametrize(
    ("expression", "shown"),
    [
        (lambda: Q("10 GB") / Q("300 MB"), "33.3"),
        (lambda: Q("1K req/s") * Q("1 day"), "86.4M req"),
        (lambda: Q("3 day") / Q("12 h"), "6"),
        (lambda: Q("90%") * Q("1 day") / Q("1 h"), "21.6"),
        (lambda: Q("10 GB / 300 MB"), "33.3"),
    ],
)
def test_a_ratio_of_like_quantities_is_a_plain_number(expression, shown):
    """Does 10 GB ÷ 300 MB print as 33.3 rather than 0.0333 GB/MB?"""
    assert fmt(expression()) == shown
    assert "GB" not in str(expression()) and "day" not in str(expression())


def test_counts_and_percentages_keep_their_units_when_nothing_cancels():
    """Are 90% of 1K req/s still requests per second, and a count of users still users?"""
    assert fmt(Q("90%") * Q("1K req/s")) == "900 req/s"
    assert fmt(Q("20M user") * Q("5 / day")) == "100M user/day"
    assert fmt(Q("3 USD/GB/month") * Q("5 TB")) == "15K USD/month"
    assert fmt(Q("5 MB/s") * Q("1 day")) == "432 GB"


def test_a_percentage_in_a_product_is_folded_into_the_number():
    """Is 2K req/s ÷ (1K req/s × 50%) 4 servers, not 4 per percent, and 90% × 1K req/s 900?"""
    assert fmt(Q("2K req/s") / (Q("1K req/s") * Q("50%"))) == "4"
    assert str(Q("90%") * Q("1K req/s")) == "900.0 req/s"
    assert fmt(Q("99.9%") ** 2) == "0.998"
    assert fmt(Q("50%") * 2) == "100%"  # a number scales a percentage
    assert fmt(Q(650) * Q("60%")) == "390"  # a count times a share is a count
    assert fmt(Q("99.95%")) == "99.95%"


def test_a_share_taken_from_one_stays_a_share():
    """Is 1 - 99.95% 0.05%, so that a burn rate 40% / (1 - 99.95%) is 800?"""
    assert fmt(1 - Q("99.95%")) == "0.05%"
    assert fmt(Q("40%") / (1 - Q("99.95%"))) == "800"
    assert fmt(Q("900K read/s") * (1 - Q("90%"))) == "90K read/s"
    assert (1 - Q("90%")).to("").magnitude == pytest.approx(0.1)


def test_two_digits_of_a_number_beyond_the_suffixes_is_not_scientific():
    assert fmt(Q("125%"), digits=2) == "120%"


def test_ceil_round_and_compare_work_on_a_ratio():
    """Do math.ceil, round, int and > give what a person computes from 33.3?"""
    ratio = Q("10 GB") / Q("300 MB")
    assert math.ceil(ratio) == 34
    assert ceil(ratio) == 34
    assert round(ratio) == 33
    assert isinstance(round(ratio), int)
    assert int(ratio) == 33
    assert ratio > 33 and ratio < 34
    assert max(ratio, 40) == 40


def test_a_plain_number_formats_without_dimensionless():
    """Does f"{ratio:.1f}" print 33.3, and a fraction format as a percentage?"""
    assert f"{Q('10 GB') / Q('300 MB'):.1f}" == "33.3"
    assert f"{Q('1 GB') / Q('4 GB'):.0%}" == "25%"


def test_round_keeps_a_unit_that_does_not_cancel():
    """Is round(52.6 min) still 53 minutes, not 53?"""
    assert round(Q("52.6 min")) == Q("53 min")
    assert round(Q("52.6%")) == Q("53%")


@pytest.mark.parametrize(
    ("value", "whole"),
    [
        (0.7 * 10 / 0.7, 10),  # float noise is not an extra server
        (Q("300%"), 3),
        (Q("1 TB") / Q("300 GB"), 4),
        (2.01, 3),
        (3, 3),
        (Q("2K req/s") / (Q("1K req/s") * Q("70%")), 3),
    ],
)
def test_ceil_rounds_up_ignoring_float_noise(value, whole):
    """Does ceil() round up real fractions but not 1e-15 of rounding error?"""
    assert ceil(value) == whole


@pytest.mark.parametrize("value", [Q("3.2 day"), float("nan"), float("inf")])
def test_ceil_of_a_dimensioned_quantity_says_what_to_do(value):
    """Is ceil(3.2 days) an error that says to divide first, not a silent 4?"""
    with pytest.raises(InputError, match="x"):
        ceil(value)


def test_other_pint_registries_are_untouched():
    """Does simplifying our registry leave a caller's own pint registry as pint made it?"""
    other = pint.UnitRegistry()
    ratio = other.Quantity(10, "GB") / other.Quantity(300, "MB")
    assert str(ratio.units) == "gigabyte / megabyte"
