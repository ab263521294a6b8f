import pytest

from tpmprep.estimate.chain import Estimate, evaluate
from tpmprep.exceptions import CalculationError
from tpmprep.judging import Tolerance
from tpmprep.units import Q


@pytest.fixture
def est():
    e = Estimate("Photo service: servers at peak")
    e.given("dau", "150M", label="Daily active users", source="assumed")
    e.given("uploads_per_user", 2, label="Uploads per user per day")
    e.step("uploads_per_day", "dau * uploads_per_user / day", unit="1/day", label="Uploads a day")
    e.step("avg_qps", "uploads_per_day", unit="1/s", label="Average uploads per second")
    e.step("peak_qps", "avg_qps * 3", label="Peak uploads per second")
    e.step("storage_per_day", "uploads_per_day * '2 MB'", unit="TB/day", label="New data a day")
    e.step("servers", "ceil(peak_qps / '1K/s')", label="Servers at peak")
    return e


def test_steps_carry_units_and_values(est):
    assert est["avg_qps"].to("1/s").magnitude == pytest.approx(3472.2, rel=1e-4)
    assert est["peak_qps"].to("1/s").magnitude == pytest.approx(10_416.7, rel=1e-4)
    assert est["storage_per_day"].magnitude == pytest.approx(600)
    assert est.result.magnitude == 11
    assert len(est) == 7 and "avg_qps" in est
    assert est.steps[2].inputs.keys() == {"dau", "uploads_per_user"}


def test_formulas_accept_suffixes_percent_quotes_q_and_unit_names():
    assert evaluate("3.5K * 2").magnitude == pytest.approx(7000)
    assert evaluate("150M * 10%").magnitude == pytest.approx(15e6)
    assert evaluate("Q('1 GB') / '1 MB'").to("").magnitude == pytest.approx(1000)
    assert evaluate("86400 * s").to("day").magnitude == pytest.approx(1)
    assert evaluate("2 ** 10 * KiB").to("MiB").magnitude == pytest.approx(1)
    assert evaluate("-(3 - 5)").magnitude == pytest.approx(2)


@pytest.mark.parametrize(
    ("formula", "words"),
    [
        ("__import__('os').system('true')", "only Q"),
        ("dau.__class__", "Attribute is not allowed"),
        ("dau[0]", "Subscript is not allowed"),
        ("(lambda: 1)()", "only Q"),
        ("open('x')", "only Q"),
        ("dua * 2", "unknown name 'dua'; earlier steps are: dau"),
        ("2 GB", "write products with \\*"),
        ("'5 MB' + '3 s'", "cannot combine a data size with a duration by adding"),
        ("1 / (dau - dau)", "division by zero"),
        ("10 ** 10 ** 10", "cannot calculate"),
        ("", "write the formula as text"),
        ("ceil('1 GB')", "ceil needs a plain number"),
    ],
)
def test_unsafe_or_wrong_formulas_are_refused(formula, words):
    with pytest.raises(CalculationError, match=words) as err:
        evaluate(formula, {"dau": Q("150M")})
    assert err.value.parameter == "formula"


def test_building_errors_name_the_problem(est):
    with pytest.raises(CalculationError, match="already exists"):
        est.given("dau", 1)
    with pytest.raises(CalculationError, match="reserved"):
        est.given("Q", 1)
    with pytest.raises(CalculationError, match="not a valid step name"):
        est.given("two words", 1)
    with pytest.raises(CalculationError, match="cannot be expressed in GB") as err:
        est.step("oops", "avg_qps * 2", unit="GB")
    assert err.value.parameter == "unit"
    with pytest.raises(CalculationError, match="unknown name 'later'"):
        est.step("early", "later * 2")
    with pytest.raises(KeyError, match="no step named 'nope'"):
        est["nope"]


def test_text_table_lists_every_step_with_formula_and_result(est):
    text = str(est)
    lines = text.splitlines()
    assert lines[0] == "Photo service: servers at peak"
    assert lines[1].split() == ["#", "step", "label", "formula", "inputs", "result"]
    assert "dau * uploads_per_user / day" in text
    assert "3.47K/s" in text and "600 TB/day" in text
    assert "given (assumed)" in text


def test_html_table_escapes_labels():
    e = Estimate("<b>t</b>").given("x", 1, label="<script>alert(1)</script>")
    html = e._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert html.count("<tr>") == 2


def test_compare_names_the_first_step_that_is_off_and_why(est):
    feedback = est.compare(
        {"uploads_per_day": "300M / day", "avg_qps": "300M / s", "peak_qps": "900M / s"}
    )
    assert feedback.first_error.step.name == "avg_qps"
    text = str(feedback)
    assert "The first step that is off is step 4, Average uploads per second" in text
    assert "days and seconds mixed up" in text
    assert "follows from your earlier step" in text  # peak = 3 x their own average
    assert not feedback.correct


def test_compare_says_when_the_dimension_is_wrong(est):
    feedback = est.compare({"storage_per_day": "600 TB"})
    assert feedback.first_error.status == "invalid"
    assert "you gave a data size (600 TB)" in str(feedback)
    assert "a data size per unit of time" in str(feedback)


def test_compare_reads_bare_numbers_in_the_step_unit_and_says_so(est):
    feedback = est.compare({"avg_qps": 3500, "peak_qps": 10_000, "servers": 11})
    assert feedback.correct
    assert "a bare number is read in the expected unit, 1/s" in str(feedback)
    assert "All 3 checked steps are right" in feedback.summary()


def test_compare_never_reveals_the_expected_value(est):
    feedback = est.compare({"avg_qps": 35})
    assert "3.47K" not in str(feedback) and "3472" not in str(feedback)


def test_compare_tolerance_and_unknown_steps(est):
    assert not est.compare({"avg_qps": 3000}, Tolerance(rel=0.05)).correct
    assert est.compare({"avg_qps": 3000}).correct  # within a factor of 2 by default
    with pytest.raises(CalculationError, match="no step named 'qps'") as err:
        est.compare({"qps": 1})
    assert err.value.parameter == "answers"


def test_show_prints_text_outside_a_notebook(est, capsys):
    est.show()
    assert capsys.readouterr().out.startswith("Photo service")
    est.compare({"avg_qps": 1}).show()
    assert "The first step that is off" in capsys.readouterr().out
