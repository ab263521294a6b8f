"""`check()`: feedback a candidate reads and the record an instructor grades."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tpmprep import Q, scenario
from tpmprep.check_result import MIME_TYPE
from tpmprep.exceptions import InputError, UnknownAnswerError
from tpmprep.judging import Tolerance, judge


@pytest.fixture
def sc():
    return scenario("estimation/traffic-basics", seed=1, candidate="Ada")


def expected(sc, name):
    answer = sc.answers[name]
    return Q(answer.expected).to(answer.unit)


@pytest.mark.parametrize(
    "as_given",
    [
        lambda q: q,
        lambda q: f"{q.to('req/s').magnitude} req/s",
        lambda q: q.to("req/min"),
        lambda q: float(q.magnitude),
    ],
    ids=["quantity", "text", "other-unit", "bare-number"],
)
def test_right_answers_in_any_form_are_correct(sc, as_given):
    result = sc.judge("average_qps", as_given(expected(sc, "average_qps")))
    assert result.correct
    assert result.text().startswith("✓ Average requests per second")


def test_a_bare_number_is_read_in_the_expected_unit_and_the_feedback_says_so(sc):
    result = sc.judge("average_qps", float(expected(sc, "average_qps").magnitude))
    assert "a bare number is read in the expected unit, req/s" in result.text()


def test_napkin_rounding_of_a_day_is_accepted_but_a_lost_factor_is_not(sc):
    per_day = expected(sc, "requests_per_day")
    assert sc.judge("average_qps", per_day.magnitude / 1e5).correct  # 10^5 s for a day: 14% low
    wrong = sc.judge("average_qps", per_day.magnitude)  # forgot to divide by a day
    assert wrong.judgement.verdict == "incorrect"
    assert "86,400" in wrong.text() and "days and seconds" in wrong.text()


def test_bits_for_bytes_is_named(sc):
    result = sc.judge("storage_per_day", expected(sc, "storage_per_day") * 8)
    assert "bits and bytes" in result.text()
    assert "Accepted: ±25% of the expected value, in TB/day" in result.text()


def test_unanswered_is_not_an_error(sc):
    result = sc.judge("peak_qps", ...)
    assert result.judgement.verdict == "unanswered"
    assert "not answered yet" in result.text()
    assert result.record()["given"] == "..."


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        ([1, 2], "got list"),
        ({"qps": 1}, "got dict"),
        (True, "got bool"),
        ("lots", "unknown unit 'lots'"),
        ("3 TB", "you gave a data size (3 TB); a rate per unit of time"),
        (float("nan"), "not a finite number"),
    ],
    ids=["list", "dict", "bool", "unknown-unit", "wrong-dimension", "nan"],
)
def test_wrong_types_get_feedback_not_an_exception(sc, answer, reason):
    result = sc.judge("peak_qps", answer)
    assert result.judgement.verdict == "invalid"
    assert reason in result.text()


def test_an_unknown_answer_name_is_an_authoring_error_that_lists_the_names(sc):
    with pytest.raises(UnknownAnswerError, match="peak_qps"):
        sc.judge("peak_qsp", 1)


def test_the_record_is_json_and_never_holds_the_expected_value(sc):
    result = sc.judge("peak_qps", "1 req/s")
    record = json.loads(json.dumps(result._repr_mimebundle_()[MIME_TYPE]))
    assert record == {
        "version": 1,
        "scenario": "estimation/traffic-basics",
        "seed": 1,
        "candidate": "Ada",
        "answer": "peak_qps",
        "given": "1 req/s",
        "value": 1.0,
        "unit": "req/s",
        "verdict": "incorrect",
        "correct": False,
    }
    bundle = json.dumps(result._repr_mimebundle_())
    assert f"{expected(sc, 'peak_qps').magnitude}" not in bundle


def test_html_from_the_candidate_is_escaped(sc):
    html = sc.judge("peak_qps", "<script>alert(1)</script>").html()
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_check_displays_the_bundle_in_ipython(sc):
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.utils.capture import capture_output

    InteractiveShell.instance()
    try:
        with capture_output() as captured:
            sc.check("servers", ...)
    finally:
        InteractiveShell.clear_instance()
    (output,) = captured.outputs
    assert output.data[MIME_TYPE]["verdict"] == "unanswered"
    assert "text/html" in output.data


def test_check_prints_text_outside_ipython(sc, capsys):
    sc.check("servers", "many servers")
    assert capsys.readouterr().out.startswith("! API servers needed at peak: could not judge")


@pytest.mark.parametrize(
    ("tolerance", "given", "ok"),
    [
        (Tolerance(rel=0.05), 104.9, True),
        (Tolerance(rel=0.05), 105.1, False),
        (Tolerance(factor=2), 50, True),
        (Tolerance(factor=2), 201, False),
        (Tolerance(factor=2), -100, False),
    ],
)
def test_tolerances(tolerance, given, ok):
    assert judge(given, Q(100, "req/s"), tolerance).correct is ok


@pytest.mark.parametrize("kwargs", [{}, {"rel": 0.1, "factor": 2}, {"rel": -1}, {"factor": 1}])
def test_a_bad_tolerance_names_itself(kwargs):
    with pytest.raises(InputError, match="tolerance"):
        Tolerance(**kwargs)


@given(
    st.one_of(st.text(max_size=30), st.floats(), st.integers(), st.none(), st.lists(st.integers()))
)
def test_judging_never_raises_whatever_the_candidate_types(answer):
    result = judge(answer, Q(100, "req/s"), Tolerance(rel=0.1))
    assert result.verdict in {"correct", "incorrect", "unanswered", "invalid"}


@pytest.mark.parametrize("answer", [0, 1, 1e15, -5, 3.3e5 * 1.4])
def test_feedback_never_gives_the_expected_value_away(sc, answer):
    exact = expected(sc, "average_qps").magnitude
    result = sc.judge("average_qps", answer)
    text = result.text() + result.html() + json.dumps(result.record())
    for shown in (f"{exact:,.0f}", f"{exact:.0f}", f"{exact:.3g}", "330K", "329"):
        assert shown not in text


def test_a_slip_on_top_of_napkin_rounding_is_still_named(sc):
    per_day = expected(sc, "requests_per_day").magnitude
    result = sc.judge("average_qps", per_day / 1e5 * 1000)  # 10^5 s a day, and a lost 1,000
    assert "a factor of 1,000 lost" in result.text()
