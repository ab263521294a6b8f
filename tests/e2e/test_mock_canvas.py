"""A mock interview in a real browser: the clock runs, the canvas takes text, the record keeps it.

The candidate opens a mock on a named prompt, starts the clock and sees it running, pauses and
resumes it, writes on the canvas, ticks the checklist, finishes, rates every criterion (Record
stays disabled until the last one) and records; then the attempt, with the canvas text, is read
back from the progress store. A second test opens lesson 12 and checks that each worked answer
sits behind a fold that opens with a click.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .notebook import WAIT
from .test_candidate_loop import write_notebook

pytestmark = pytest.mark.e2e

PROMPT = "sd-amazon-buy-now"
REQUIREMENTS = "Signed-in customers, one item, an undo window of 30 minutes"
ESTIMATES = "20M orders/day x 30% x 4 = about 280 orders/s at peak"


def test_a_mock_runs_its_clock_takes_a_canvas_and_is_recorded_with_it(jlab):
    from tpmprep.practice.mock import session

    chosen = session(prompt=PROMPT)
    path = write_notebook(
        jlab.lab, "mock-canvas", "from tpmprep import mock", f'mock(prompt="{PROMPT}")'
    )

    with jlab.step("open a mock interview"):
        jlab.open(path)
        jlab.run_all()
        panel = jlab.code_cell("mock(").locator(".jp-OutputArea-output").first
        expect(panel.get_by_text(chosen.prompt.title), "the mock did not render").to_be_visible(
            timeout=WAIT
        )
        clock = panel.locator(".tpmprep-mock-clock")
        expect(clock).to_have_text("45:00 left, not started")
    with jlab.step("start the clock: it says it is running and counts down"):
        panel.locator("button", has_text="Start the clock").click()
        expect(clock).to_contain_text("the clock is running")
        expect(clock, "the clock did not count down").to_have_text(
            re.compile(r"^44:\d\d left, the clock is running$"), timeout=WAIT
        )
    with jlab.step("pause, then resume"):
        panel.locator("button", has_text="Pause").click()
        expect(clock).to_have_text(re.compile(r"^4\d:\d\d left, paused$"))
        panel.locator("button", has_text="Resume").click()
        expect(clock).to_contain_text("the clock is running")
    with jlab.step("write on the canvas and tick the checklist"):
        boxes = panel.locator(".widget-textarea textarea")
        expect(boxes).to_have_count(len(chosen.canvas))
        boxes.nth(0).click()
        jlab.page.keyboard.type(REQUIREMENTS)
        boxes.nth(1).click()
        jlab.page.keyboard.type(ESTIMATES)
        expect(boxes.nth(1)).to_have_value(ESTIMATES)
        ticks = panel.locator(".widget-checkbox input[type='checkbox']")
        ticks.nth(0).check()
        ticks.nth(1).check()
    with jlab.step("finish: the rubric starts unset and Record waits for every rating"):
        panel.locator("button", has_text="Finish and assess").click()
        expect(clock).to_contain_text("Stopped:")
        record = panel.locator("button", has_text=re.compile(r"^\s*Record\s*$"))
        expect(record).to_be_disabled()
        ratings = panel.locator(".widget-toggle-buttons")
        expect(ratings).to_have_count(len(chosen.rubric))
        expect(ratings.locator("button.mod-active")).to_have_count(0)
        expect(panel).to_contain_text(f"{len(chosen.rubric)} to go")
    with jlab.step("rate every criterion"):
        for index in range(len(chosen.rubric)):
            score = "4 strong" if index == 0 else "3 solid"
            ratings.nth(index).locator("button", has_text=score).click()
            if index < len(chosen.rubric) - 1:
                expect(record).to_be_disabled()
        expect(record).to_be_enabled()
    with jlab.step("record: what was missed and the worked case"):
        record.click()
        expect(panel).to_contain_text("Recorded: 3.14 / 4 on average", timeout=WAIT)
        expect(panel).to_contain_text("Missed on the checklist")
        expect(panel).to_contain_text(chosen.checklist[2].split(":")[0])
        link = panel.get_by_role("link", name="12-mock-interviews.ipynb")
        expect(link, "no link to the worked case").to_be_visible()
        expect(panel).to_contain_text(f"section {chosen.worked.section}")
        jlab.wait_idle()
    assert jlab.errors() == []
    (attempt,) = jlab.lab.attempts("mock:system-design")
    assert attempt.details["prompt"] == PROMPT
    assert attempt.details["canvas"]["Requirements"] == REQUIREMENTS
    assert attempt.details["canvas"]["Estimates"] == ESTIMATES
    assert attempt.details["canvas"]["Risks"] == ""
    assert attempt.details["checked"] == list(chosen.checklist[:2])
    assert attempt.details["missed"] == list(chosen.checklist[2:])
    assert attempt.details["elapsed_seconds"] >= 1
    assert attempt.details["score"] == pytest.approx(22 / 7, abs=0.01)

    with jlab.step("the link opens lesson 12, which holds the worked answer"):
        link.click()
        lesson = jlab.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
        expect(lesson.locator("h1").first).to_contain_text("Mock interviews", timeout=WAIT)
        expect(lesson.locator("h3", has_text="Worked answer: Buy Now")).to_have_count(1)


def test_lesson_12_folds_each_worked_answer_until_the_candidate_opens_it(jlab):
    with jlab.step("open lesson 12"):
        jlab.open("notebooks/12-mock-interviews.ipynb")
        notebook = jlab.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook")
        heading = notebook.locator("h3", has_text="Worked answer: Buy Now")
        expect(heading).to_be_visible(timeout=WAIT)
        worked = notebook.locator(".jp-Cell", has_text="The decision that matters most: idempot")
        expect(worked, "the worked answer of prompt 1 is not folded").to_be_hidden()
        expect(notebook.locator(".jp-collapseHeadingButton.jp-mod-collapsed")).to_have_count(6)
        expect(notebook.get_by_text(re.compile(r"^\d+ cells hidden$")).first).to_be_visible()
        try_it = notebook.locator(".jp-CodeCell", has_text='mock(prompt="sd-amazon-buy-now")')
        expect(try_it, "the try-it cell of prompt 1 is hidden").to_be_visible()
        try_it.scroll_into_view_if_needed()  # for the screenshot: the prompt, its round, the fold
    with jlab.step("open the fold of prompt 1"):
        fold = notebook.locator(".jp-MarkdownCell").filter(has_text="Worked answer: Buy Now")
        fold.get_by_role("button", name=re.compile(r"cells? hidden")).click()
        expect(worked).to_be_visible()
        expect(notebook.locator(".jp-collapseHeadingButton.jp-mod-collapsed")).to_have_count(5)
        nxt = notebook.locator(".jp-Cell", has_text="the interface and acceptance targets")
        expect(nxt, "opening prompt 1 opened prompt 2's worked answer too").to_be_hidden()
