"""The issue's judging rules, as a candidate meets them."""

import pytest

from tpmprep.judging import Tolerance, judge
from tpmprep.units import Q


def test_a_dimension_mismatch_says_what_was_given_and_what_was_expected():
    result = judge("5 MB", Q("7K req/s"), Tolerance(factor=3))
    assert result.verdict == "invalid"
    assert result.reason.startswith("you gave a data size (5 MB); a rate per unit of time")
    assert "was expected, in req/s or similar" in result.reason


def test_a_plain_number_expected_gets_no_empty_unit_hint():
    result = judge("5 s", Q(150e6), Tolerance(factor=2))
    assert result.reason.endswith("a plain number (a count, ratio or percentage) was expected.")


@pytest.mark.parametrize(("given", "ok"), [(34, True), (33, False), (300, True), (301, False)])
def test_estimates_are_judged_on_a_log_scale_within_a_factor(given, ok):
    assert judge(given, Q(100, "req/s"), Tolerance(factor=3)).correct is ok


@pytest.mark.parametrize(("given", "ok"), [("52.6 min", True), ("55 min", False)])
def test_exact_facts_use_a_relative_tolerance(given, ok):
    assert judge(given, Q(52.56, "min"), Tolerance(rel=0.01)).correct is ok


def test_a_bare_number_is_read_in_the_expected_unit_and_the_feedback_says_so():
    result = judge(30, Q("30 TB/day"), Tolerance(factor=2))
    assert result.correct
    assert result.note == "a bare number is read in the expected unit, TB/day"


def test_units_convert_before_judging():
    assert judge("0.35 TB/day", Q("350 GB/day"), Tolerance(rel=0.01)).correct
    assert judge("1 Gbps", Q("125 MB/s"), Tolerance(rel=0.01)).correct


def test_a_bits_for_bytes_slip_is_named():
    result = judge("30 Tb/day", Q("30 TB/day"), Tolerance(factor=2))
    assert result.verdict == "incorrect"
    assert "bits and bytes" in result.reason


def test_an_expected_zero_is_judged_without_dividing_by_it():
    result = judge(1, Q(0, "req/s"), Tolerance(rel=0.1))
    assert result.verdict == "incorrect"
    assert judge(0, Q(0, "req/s"), Tolerance(factor=2)).correct
