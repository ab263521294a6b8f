"""Answer boxes: typed answers judged and recorded exactly as `sc.check` judges and records them.

Issue 15: a candidate who reads Python but rarely writes it types "7.2B" into a box instead of
editing code. The box must give the same verdict, the same feedback and the same recorded
attempt as `sc.check(name, text)`, for every way of writing an answer.
"""

from __future__ import annotations

import re

import pytest

from tpmprep import Q, answer_boxes, argue_box, attempts, fmt, scenario
from tpmprep.exceptions import InputError, UnknownAnswerError
from tpmprep.scenarios.arguments import ARGUMENTS_PATH, arguments, validate_arguments
from tpmprep.scenarios.base import scenario_ids
from tpmprep.widgets.answer import AnswerBoxes, ArgueBox, answer_hint


@pytest.fixture
def published():
    """Every attempt published while the test runs (nothing reaches a store)."""
    events = []
    with attempts.subscribers(events.append):
        yield events


# (scenario, seed, answer): daily counts, plain counts, sizes, durations, money, percentages.
ANSWERS = [
    ("estimation/traffic-basics", 3041, "requests_per_day"),
    ("estimation/traffic-basics", 3041, "servers"),
    ("estimation/traffic-basics", 3041, "storage_per_year"),
    ("caching/news-feed", 1, "cache_items"),
    ("caching/news-feed", 1, "hit_ratio_half"),
    ("reliability-security-operations/error-budget", 7, "budget_minutes"),
    ("working-backwards-stakeholders/payment-methods", 2, "cost_of_delay"),
    ("scalability/sharding", 5, "moved_modulo"),
]


def _inputs(q) -> dict[str, str]:
    """Ways a person might type an answer whose right value is the quantity ``q``."""
    number = fmt(Q(float(q.magnitude)))
    typed = {
        "as printed": fmt(q),
        "number only": number,
        "approximately": f"~{fmt(q)}",
        "ten times too big": fmt(q * 10),
        "a mass": "5 kg",
        "not a quantity": "lots",
        "blank": "",
    }
    if q.units == Q("1%").units:
        typed["as a fraction"] = f"{q.magnitude / 100:.4g}"
    return typed


CASES = [
    pytest.param(sid, seed, name, how, id=f"{sid.split('/')[1]}-{name}-{how.replace(' ', '-')}")
    for sid, seed, name in ANSWERS
    for how in (
        "as printed",
        "number only",
        "approximately",
        "ten times too big",
        "a mass",
        "not a quantity",
        "blank",
        "as a fraction",
    )
    if how != "as a fraction" or scenario(sid, seed).answers[name].unit == "percent"
]


@pytest.mark.parametrize(("scenario_id", "seed", "name", "how"), CASES)
def test_the_box_and_sc_check_give_the_same_verdict_feedback_and_record(
    scenario_id, seed, name, how, published, capsys
):
    sc = scenario(scenario_id, seed=seed, candidate="Ada")
    text = _inputs(sc.answers[name].quantity)[how]

    boxes = answer_boxes(sc)
    capsys.readouterr()  # the panel's headless text
    from_box = boxes.check(name, text)
    box_events = list(published)
    published.clear()

    sc.check(name, text)
    shown_by_check = capsys.readouterr().out.rstrip("\n")
    check_events = list(published)

    assert from_box.text() == shown_by_check
    assert box_events == check_events  # same item id, verdict, answer and details
    assert boxes.boxes[name].feedback.value == from_box.html()
    if how == "blank":
        assert from_box.judgement.verdict == "unanswered" and box_events == []
    else:
        assert len(box_events) == 1
        assert box_events[0].item == f"check:{scenario_id}:{name}"
        assert box_events[0].correct == from_box.correct


@pytest.mark.parametrize(("scenario_id", "seed", "name"), ANSWERS)
def test_a_right_answer_as_printed_or_as_a_bare_count_is_correct(
    scenario_id, seed, name, published
):
    sc = scenario(scenario_id, seed=seed)
    boxes = AnswerBoxes(sc)
    typed = _inputs(sc.answers[name].quantity)
    for how in ("as printed", "number only", "approximately", "as a fraction"):
        if how in typed:
            assert boxes.check(name, typed[how]).correct, (how, typed[how])
    assert not boxes.check(name, typed["ten times too big"]).correct


def test_the_exercise_answer_7_2B_req_per_day_is_read_as_a_daily_count(published):
    sc = scenario("estimation/traffic-basics", seed=3041)
    right = sc.answers["requests_per_day"].quantity  # 10.5B req/day for this seed
    boxes = AnswerBoxes(sc, "requests_per_day")
    ok = boxes.check("requests_per_day", f"{right.magnitude / 1e9:.1f}B req/day")
    assert ok.correct and ok.text().startswith("✓ Requests per day:")
    wrong = boxes.check("requests_per_day", "7.2B")
    assert wrong.judgement.verdict == "incorrect"
    assert "a bare number is read in the expected unit, req/day" in wrong.text()
    assert [e.correct for e in published] == [True, False]


def test_enter_in_a_box_checks_it(published):
    sc = scenario("estimation/traffic-basics", seed=1)
    boxes = AnswerBoxes(sc, ["servers"])
    box = boxes.boxes["servers"]
    box.text.value = "268"
    box.text._handle_string_msg(None, {"event": "submit"}, None)  # what Enter sends
    assert box.feedback.value.startswith('<div class="tpmprep-check tpmprep-correct"')
    assert len(published) == 1 and published[0].correct


def test_the_button_checks_and_the_score_follows_the_latest_answers(published):
    sc = scenario("estimation/traffic-basics", seed=1)
    boxes = AnswerBoxes(sc, ["servers", "requests_per_day"])
    assert "2 answers to give" in boxes.score.value
    boxes.boxes["servers"].text.value = "1"
    boxes.boxes["servers"].button.click()
    assert "0 of 2 correct" in boxes.score.value and "(1 answered)" in boxes.score.value
    boxes.boxes["servers"].text.value = "268"
    boxes.boxes["servers"].button.click()
    assert "1 of 2 correct" in boxes.score.value
    assert [e.correct for e in published] == [False, True]


@pytest.mark.parametrize("scenario_id", ["estimation/traffic-basics", "caching/news-feed"])
def test_headless_the_panel_lists_questions_units_and_tolerances_never_answers(
    scenario_id, capsys
):
    sc = scenario(scenario_id, seed=4)
    answer_boxes(sc)
    text = capsys.readouterr().out
    assert text.startswith(f"Answer boxes: {sc.title} (seed 4).")
    for name, answer in sc.answers.items():
        assert f"{answer.label} [{name}]: {answer_hint(answer)}" in text
        shown = fmt(answer.quantity)
        assert not re.search(rf"(?<![\w.]){re.escape(shown)}(?![\w.])", text), shown


@pytest.mark.parametrize(
    ("unit", "tolerance", "hint"),
    [
        ("req/day", "±10%", "in req/day (a bare number is read in req/day; other units "
         "convert); accepted within ±10%"),
        ("", "±25%", "a plain number; K, M and B work (3.5K, 2B); accepted within ±25%"),
        ("percent", "±5%", "a percentage (12%, or the fraction 0.12); accepted within ±5%"),
    ],
)
def test_each_box_says_its_unit_and_tolerance(unit, tolerance, hint):
    from tpmprep.judging import Tolerance
    from tpmprep.scenarios.base import Answer

    answer = Answer("x", 1.0, unit, Tolerance(rel=float(tolerance.strip("±%")) / 100))
    assert answer_hint(answer) == hint


def test_unknown_names_and_a_non_scenario_are_refused_naming_the_fix():
    sc = scenario("estimation/traffic-basics", seed=1)
    with pytest.raises(UnknownAnswerError, match="has no answer 'qps'; it has: requests_per_day"):
        AnswerBoxes(sc, ["qps"])
    with pytest.raises(InputError, match=r"expected the exercise's scenario \(sc = scenario"):
        AnswerBoxes("estimation/traffic-basics")
    assert list(AnswerBoxes(sc, ["servers", "peak_qps"]).boxes) == ["servers", "peak_qps"]


# -- written answers ("Argue it") ------------------------------------------------------------


def test_every_written_question_has_a_valid_rubric_for_a_registered_scenario():
    assert validate_arguments() == []
    assert ARGUMENTS_PATH.name == "arguments.yaml"
    assert arguments("caching/news-feed")["consistency_and_cold_cache"].strong == 4
    total = sum(len(arguments(sid)) for sid in {a[0] for a in ANSWERS})
    assert total >= 4


def test_a_written_answer_is_recorded_with_its_text_and_ticks(published):
    sc = scenario("caching/news-feed", seed=2, candidate="Ada")
    box = ArgueBox(sc, "consistency_and_cold_cache")
    n = len(box.ticks)
    result = box.record("Cache-aside with delete on write; warm before traffic.", [1, 2, 4, 5])
    assert result.correct and result.strong  # 4 of 5: the rubric's own bar is "at least four"
    [event] = published
    assert event.item == "argue:caching/news-feed:consistency_and_cold_cache"
    assert event.correct is True
    assert event.details["kind"] == "argue" and event.details["theme"] == "caching"
    assert event.details["text"] == "Cache-aside with delete on write; warm before traffic."
    assert event.details["ticked"] == [1, 2, 4, 5]
    assert event.details["rubric_points"] == n and event.details["seed"] == 2
    assert "Work on:" in box.feedback.value and "3. treats counters" in box.feedback.value

    for tick in box.ticks:
        tick.value = True
    box.record_button.click()
    assert published[-1].correct is True
    assert "all 5 rubric points covered" in box.feedback.value


def test_nothing_is_recorded_before_anything_is_written(published):
    box = ArgueBox(scenario("estimation/traffic-basics", seed=1), "server_budget")
    box.ticks[0].value = True
    box.record_button.click()
    assert published == []
    assert "write your answer first" in box.feedback.value


def test_headless_the_written_question_shows_its_rubric_without_markdown_markers(capsys):
    sc = scenario("estimation/url-shortener", seed=1)
    argue_box(sc, "id_generation")
    text = capsys.readouterr().out
    assert text.startswith("Argue it: how are the ids made? [written answer: id_generation]")
    assert "A strong answer covers at least four of these:" in text
    assert "  3. raises guessability: sequential ids let anyone enumerate links" in text
    assert "**" not in text and "`" not in text


def test_an_unknown_written_question_lists_the_ones_there_are():
    sc = scenario("estimation/traffic-basics", seed=1)
    with pytest.raises(UnknownAnswerError, match="no written answer 'essay'; it has: server_"):
        argue_box(sc, "essay")


def test_a_written_answer_below_the_rubrics_bar_is_not_counted_as_right(published):
    sc = scenario("caching/news-feed", seed=2, candidate="Ada")
    box = ArgueBox(sc, "consistency_and_cold_cache")
    result = box.record("Cache-aside.", [1, 2, 3])  # 3 of 5; the rubric asks at least four
    assert not result.correct and not result.strong
    assert published[-1].correct is False and "at least 4" in box.feedback.value


def test_a_design_or_plan_answer_gets_no_box_and_naming_one_says_how_to_answer_it():
    from tpmprep.exceptions import InputError
    from tpmprep.scenarios.base import PropertyAnswer
    from tpmprep.widgets.answer import AnswerBoxes

    sc = next(
        scenario(sid, seed=1)
        for sid in scenario_ids()
        if any(isinstance(a, PropertyAnswer) for a in scenario(sid, seed=1).answers.values())
    )
    whole = [n for n, a in sc.answers.items() if isinstance(a, PropertyAnswer)]
    numbers = [n for n in sc.answers if n not in whole]
    if numbers:
        assert list(AnswerBoxes(sc).boxes) == numbers
    with pytest.raises(InputError, match=f"{whole[0]!r} is a whole .* run sc.check"):
        AnswerBoxes(sc, whole[0])
