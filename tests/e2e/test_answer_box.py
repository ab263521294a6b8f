"""Answering without Python, in a real browser: answer boxes, a written answer, one-line errors.

The candidate opens an exercise, types "7.2B req/day" (their seed's answer, written as a
person writes it) into the box and presses Check, then a wrong answer and Enter; writes the
"Argue it" answer and ticks the rubric; and the progress store holds exactly those attempts.
A tpmprep error in a cell shows one line, not a traceback.
"""

from __future__ import annotations

import re

import nbformat
import pytest
from playwright.sync_api import expect

from .notebook import STDERR, WAIT

pytestmark = pytest.mark.e2e

EXERCISE = "exercises/01-estimation-traffic-basics.ipynb"
SCENARIO = "estimation/traffic-basics"
ITEM = f"check:{SCENARIO}:requests_per_day"


def _seed(lab) -> int:
    """The seed in the exercise's parameters cell (the candidate's own numbers)."""
    nb = nbformat.read(lab.root / EXERCISE, 4)
    cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    values: dict = {}
    exec(cell.source, values)
    return values["seed"]


def test_an_answer_typed_as_a_person_writes_it_is_checked_and_recorded(jlab):
    from tpmprep.scenarios.base import scenario
    from tpmprep.units import Q, fmt

    sc = scenario(SCENARIO, seed=_seed(jlab.lab))
    billions = sc.answers["requests_per_day"].quantity.magnitude / 1e9
    right = f"{billions:.1f}B req/day"  # "7.2B req/day" for the default seed: within ±10%
    wrong = f"{billions * 0.7:.1f}B"  # 30% low: a plain count, read in req/day
    shown = fmt(Q(f"{wrong} req/day"))  # as the feedback writes it back ("5B req/day")

    with jlab.step("open the exercise and run it"):
        jlab.open(EXERCISE)
        jlab.run_all()
        panel = jlab.code_cell("answer_boxes(sc)").locator(".tpmprep-answer-boxes")
        expect(panel, "the answer boxes did not render").to_be_visible(timeout=WAIT)
        expect(panel).to_contain_text("in req/day (a bare number is read in req/day")
        expect(panel).to_contain_text("accepted within ±10%")
        box = panel.locator(".tpmprep-answer-requests_per_day input")
        row = panel.locator(".widget-hbox").filter(
            has=jlab.page.locator(".tpmprep-answer-requests_per_day")
        )
    with jlab.step("type the right answer and press Check"):
        box.fill(right)
        row.locator("button", has_text="Check").click()
        expect(panel, "no verdict on the right answer").to_contain_text(
            f"✓ Requests per day: {right} is correct (±10%).", timeout=WAIT
        )
        expect(panel).to_contain_text("1 of 6 correct so far")
    with jlab.step("type a wrong answer and press Enter"):
        box.fill(wrong)
        box.press("Enter")
        expect(panel, "no verdict on the wrong answer").to_contain_text(
            f"✗ Requests per day: {shown} is not right: close, but too low", timeout=WAIT
        )
        expect(panel).to_contain_text("(a bare number is read in the expected unit, req/day)")
        expect(panel).to_contain_text("0 of 6 correct so far")
    assert jlab.errors() == []
    attempts = jlab.lab.attempts(ITEM)
    assert [(a.correct, a.answer) for a in attempts] == [(True, right), (False, wrong)]
    assert attempts[0].details["kind"] == "check"


def test_a_written_answer_is_recorded_with_the_rubric_ticks(jlab):
    with jlab.step("open the exercise and run it"):
        jlab.open(EXERCISE)
        jlab.run_all()
        box = jlab.code_cell('argue_box(sc, "server_budget")').locator(".tpmprep-argue-box")
        expect(box, "the written-answer box did not render").to_be_visible(timeout=WAIT)
    with jlab.step("write the answer and open the rubric"):
        box.locator("textarea").fill(
            "Check whether 50% utilisation already covers losing a zone, add a year of growth, "
            "load-test the peak, size the database and storage too, and order by quarter."
        )
        box.get_by_text("Rubric for self-assessment").click()
        ticks = box.locator("input[type='checkbox']")
        expect(ticks).to_have_count(5, timeout=WAIT)
    with jlab.step("tick three points and record: below the rubric's bar"):
        for i in range(3):
            ticks.nth(i).check()
        box.locator("button", has_text="Record").click()
        expect(box, "no feedback after recording").to_contain_text(
            "✗ Recorded: 3 of 5 rubric points", timeout=WAIT
        )
        expect(box).to_contain_text("5. turns the count into cost")
    with jlab.step("tick a fourth point and record again: a strong answer by the rubric"):
        ticks.nth(3).check()
        box.locator("button", has_text="Record").click()
        expect(box).to_contain_text("✓ Recorded: 4 of 5 rubric points", timeout=WAIT)
    assert jlab.errors() == []
    attempts = jlab.lab.attempts(f"argue:{SCENARIO}:server_budget")
    assert [a.correct for a in attempts] == [False, True]
    assert attempts[-1].details["ticked"] == [1, 2, 3, 4]
    assert attempts[-1].details["text"].startswith("Check whether 50% utilisation")


def test_a_tpmprep_error_shows_one_line_not_a_traceback(jlab):
    with jlab.step("open the exercise and run it"):
        jlab.open(EXERCISE)
        jlab.run_all()
    with jlab.step("a unit the library does not know"):
        cell = jlab.code_cell('sc.check("requests_per_day"')
        jlab.replace_line(cell, "requests_per_day =", 'requests_per_day = Q("7.2B zorks")')
        jlab.run_cell(cell)
        error = cell.locator(STDERR)
        expect(error, "the error was not shown").to_have_count(1, timeout=WAIT)
        text = error.inner_text().strip()
    assert re.fullmatch(
        r"QuantityParseError: value: unknown unit 'zorks' at column \d+ in '7\.2B zorks'; "
        r"try units like .*",
        text,
    ), text
    assert "Traceback" not in text and "File " not in text and "\n" not in text
