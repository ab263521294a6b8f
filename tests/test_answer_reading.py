"""Answers read as a person writes them: "7.2B", "7.2 billion", "83k req/s", "78%", "0.78".

Issue 15: typing "7.2B" where requests per day are asked was rejected as "a plain number" while
7200000000 was accepted. A count written as text must be read exactly like the bare number, and
a fraction given for a percentage is read as one when nothing else makes sense, saying so.
"""

from __future__ import annotations

import pytest

from tpmprep import Q, scenario
from tpmprep.estimate.cache import cache_size_for_hit_ratio, zipf_hit_ratio
from tpmprep.exceptions import CalculationError, InputError
from tpmprep.judging import Tolerance, judge, read_answer
from tpmprep.units import fmt
from tpmprep.validate import count

PER_DAY = Q("7.2B req/day")
TEN_PERCENT = Tolerance(rel=0.1)


@pytest.mark.parametrize(
    "given",
    [
        "7.2B",
        "7.2 billion",
        "7.2 Billion",
        "7.2bn",
        "7.2 B",
        "~7.2B",
        "about 7.2B",
        "7,200,000,000",
        "7.2e9",
        "7.2B req/day",
        "7.2 billion req/day",
        "7.2B requests per day",
        "83.3K req/s",
        "83.3k req/s",
        "83.3 K req/s",
        "300M req/h",
    ],
)
def test_a_daily_count_is_accepted_however_a_person_writes_it(given):
    result = judge(given, PER_DAY, TEN_PERCENT)
    assert result.correct, result
    assert result.value == pytest.approx(7.2e9, rel=0.01)


def test_a_count_as_text_is_read_exactly_like_the_bare_number():
    as_text = judge("7.2B", PER_DAY, TEN_PERCENT)
    as_number = judge(7.2e9, PER_DAY, TEN_PERCENT)
    assert as_text == as_number
    assert as_text.note == "a bare number is read in the expected unit, req/day"


def test_a_count_of_things_where_a_rate_is_asked_is_read_in_the_rate_and_says_so():
    result = judge(Q("7.2B req"), PER_DAY, TEN_PERCENT)
    assert result.correct
    assert result.note == "a count with no unit of its own is read in the expected unit, req/day"


def test_a_count_for_a_rate_still_names_the_days_and_seconds_slip():
    result = judge("7.2B", Q("83.3K req/s"), Tolerance(rel=0.25))
    assert result.verdict == "incorrect"
    assert "days and seconds" in result.reason


@pytest.mark.parametrize(
    ("given", "dimension"),
    [("5 TB", "a data size"), ("78%", "a plain number"), ("7.2b", "a data size")],
)
def test_a_quantity_of_another_kind_is_still_refused(given, dimension):
    result = judge(given, PER_DAY, TEN_PERCENT)
    assert result.verdict == "invalid"
    assert result.reason.startswith(f"you gave {dimension}")


@pytest.mark.parametrize(
    ("given", "value", "note"),
    [
        (0.78, 78, "read the fraction 0.78 as 78%"),
        ("0.78", 78, "read the fraction 0.78 as 78%"),
        (78, 78, "a bare number is read in the expected unit, %"),
        ("78", 78, "a bare number is read in the expected unit, %"),
        ("78%", 78, ""),
        ("78 percent", 78, ""),
        (Q(0.78), 78, ""),  # a computed ratio is a ratio: 0.78 is 78%
    ],
)
def test_a_percentage_is_accepted_as_a_fraction_when_that_is_the_only_sensible_reading(
    given, value, note
):
    result = judge(given, Q("78%"), Tolerance(rel=0.05))
    assert result.correct, result
    assert result.value == pytest.approx(value)
    assert result.note == note


def test_near_one_percent_a_bare_number_stays_a_percentage_and_the_note_says_what_was_assumed():
    result = judge(0.9, Q("1.5%"), Tolerance(rel=0.05))
    assert result.verdict == "incorrect"
    assert result.value == pytest.approx(0.9)
    assert result.note == "read 0.9 as 0.9%; if you meant the fraction 0.9, write 90%"
    assert judge(1.5, Q("1.5%"), Tolerance(rel=0.05)).correct


def test_a_fraction_of_the_wrong_size_is_still_wrong():
    result = judge(0.0078, Q("78%"), Tolerance(rel=0.05))
    assert result.verdict == "incorrect"
    assert "a factor of about 100" in result.reason


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("9 nodes", Q(9)),
        ("16.8 million posts", Q(16.8e6)),
        ("35 PB", Q("35 PB")),
        ("52 min", Q("52.56 min")),
        ("$4.9K/week", Q("4.9K USD/week")),
        ("4.9K USD/week", Q("4.9K USD/week")),
    ],
)
def test_other_things_people_write_are_read(given, expected):
    assert judge(given, expected, Tolerance(rel=0.02)).correct


@pytest.mark.parametrize("blank", ["", "   ", "...", "…"])
def test_a_blank_answer_is_not_answered_yet(blank):
    assert judge(blank, PER_DAY, TEN_PERCENT).verdict == "unanswered"


def test_read_answer_prefers_the_reading_that_fits_the_question():
    assert read_answer("35 B", Q("35 B")) == Q("35 B")  # bytes where a size is asked
    assert read_answer("35 B", Q("35B req/day")).magnitude == pytest.approx(35e9)  # billions


@pytest.mark.parametrize(
    ("scenario_id", "name"),
    [
        ("estimation/traffic-basics", "requests_per_day"),
        ("estimation/traffic-basics", "servers"),
        ("caching/news-feed", "cache_items"),
        ("data-at-scale/live-traffic", "pings_per_second"),
    ],
)
def test_sc_check_reads_a_count_as_text_like_the_number(scenario_id, name):
    sc = scenario(scenario_id, seed=3)
    expected = sc.answers[name].quantity.magnitude
    text = fmt(Q(float(expected)))  # "11.6B", "268": as a person writes the count
    as_text, as_number = sc.judge(name, text), sc.judge(name, float(expected))
    assert as_text.correct and as_number.correct
    assert as_text.judgement.value == pytest.approx(as_number.judgement.value, rel=0.01)
    assert as_text.judgement.note == as_number.judgement.note


# -- counts that a hint tells the candidate to halve ------------------------------------------


def test_half_of_a_count_is_a_cache_size_the_hit_ratio_accepts():
    catalogue, s = 450_000_000, 1.05
    items = cache_size_for_hit_ratio("90%", catalogue, s)
    half = items / 2  # a float, as `cache_items / 2` gives
    assert zipf_hit_ratio(half, catalogue, s) == zipf_hit_ratio(items // 2, catalogue, s)
    assert zipf_hit_ratio(10.9, 100) == zipf_hit_ratio(10, 100)  # whole items that fit
    assert zipf_hit_ratio(10, 100.4) == zipf_hit_ratio(10, 100)  # nearest catalogue size


def test_the_hint_of_exercise_03_is_marked_right():
    sc = scenario("caching/news-feed", seed=1)
    items = cache_size_for_hit_ratio(sc.target_hit, sc.catalogue, sc.zipf_s)
    half = zipf_hit_ratio(items / 2, sc.catalogue, sc.zipf_s)  # a fraction, e.g. 0.877
    result = sc.judge("hit_ratio_half", half)
    assert result.correct
    assert result.text().endswith(f"(read the fraction {half:.4g} as {result.shown})")


@pytest.mark.parametrize(
    ("value", "rounding", "expected"),
    [
        (8.5, "down", 8),
        (8.5, "nearest", 9),
        (8.4, "nearest", 8),
        (8.1, "up", 9),
        ("8.5K", "down", 8500),
        (7, None, 7),
        (7.0, None, 7),
    ],
)
def test_count_rounds_as_asked(value, rounding, expected):
    assert count("n", value, rounding=rounding) == expected


def test_count_without_rounding_still_refuses_a_fraction_and_rounding_is_checked():
    with pytest.raises(CalculationError, match=r"must be a whole number, got 8\.5"):
        count("n", 8.5)
    with pytest.raises(CalculationError, match="greater than zero"):
        count("n", 0.4, rounding="down")
    with pytest.raises(InputError, match="rounding"):
        count("n", 8.5, rounding="sideways")
