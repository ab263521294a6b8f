"""A candidate's whole loop in a real browser: JupyterLab, live widgets, the progress store.

One server and one browser serve the module (about five seconds to start); each test opens its
notebook in a fresh page and checks what the candidate sees, then what the progress store kept.
The quiz and calculator notebooks are written into the throwaway root by the tests themselves,
from the library's real banks and panels, so they do not depend on which lesson holds what.
"""

from __future__ import annotations

import re

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook
from playwright.sync_api import expect

from .notebook import WAIT

pytestmark = pytest.mark.e2e

EXERCISE = "exercises/01-estimation-traffic-basics.ipynb"
SCENARIO = "estimation/traffic-basics"


def write_notebook(lab, name: str, *sources: str) -> str:
    """Write a small notebook (a title, then code cells) into the lab's root; return its path."""
    nb = new_notebook(cells=[new_markdown_cell(f"# {name}"), *map(new_code_cell, sources)])
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"e2e-{i}"
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    path = f"e2e/{name}.ipynb"
    nbformat.write(nb, str(lab.root / path))
    return path


def test_start_here_runs_top_to_bottom_without_errors(jlab):
    with jlab.step("open start-here"):
        jlab.open("notebooks/00-start-here.ipynb")
    with jlab.step("run all cells"):
        jlab.run_all()
    with jlab.step("the quiz widget rendered"):
        quiz = jlab.code_cell('quiz("estimation"')
        expect(
            quiz.locator(".jupyter-widgets", has_text="Question 1 of 3").first,
            "the quiz of 00-start-here did not render as a widget",
        ).to_be_visible(timeout=WAIT)
        expect(
            quiz.locator(".jupyter-widgets button", has_text="Submit"),
            "the quiz of 00-start-here rendered without its Submit button",
        ).to_be_visible(timeout=WAIT)
    assert jlab.errors() == [], "a cell of 00-start-here wrote an error or a warning"
    assert "Error displaying widget" not in jlab.page.inner_text(".jp-Notebook")


def test_quiz_right_then_wrong_changes_feedback_and_score(jlab):
    from tpmprep.quizzes import questions
    from tpmprep.quizzes.render import LETTERS

    first, second = [q for q in questions("caching") if q.type == "single"][:2]
    path = write_notebook(
        jlab.lab,
        "quiz-checkpoint",
        "from tpmprep import quiz",
        f'quiz("caching", ids=[{first.id!r}, {second.id!r}], shuffle=False)',
    )

    def press(name):
        button = quiz.locator("button", has_text=name)
        expect(button, f"the quiz shows no enabled {name} button").to_be_enabled()
        button.click()

    def choose(question, index):
        label = quiz.locator(
            ".widget-radio-box label", has_text=re.compile(rf"^\s*{LETTERS[index]}\. ")
        )
        expect(label, f"the quiz shows no choice {LETTERS[index]}").to_be_visible()
        label.click()
        expect(label.locator("input")).to_be_checked()
        press("Submit")

    def wrong(question):
        return next(i for i in range(len(question.choices)) if i != question.answer)

    with jlab.step("open a quiz checkpoint"):
        jlab.open(path)
        jlab.run_all()
        quiz = jlab.code_cell("quiz(").locator(".jp-OutputArea-output")
        expect(quiz.get_by_text("Question 1 of 2"), "the quiz did not render").to_be_visible(
            timeout=WAIT
        )
        score = quiz.locator(".widget-html", has_text="Score:")
        expect(score).to_contain_text("Score: 0 of 0 answered")
    with jlab.step("right answer"):
        choose(first, first.answer)
        expect(quiz, "no feedback after a right answer").to_contain_text("✓ Correct.")
        expect(score, "the score did not count the right answer").to_contain_text(
            "Score: 1 of 1 answered"
        )
    with jlab.step("retry with a wrong answer"):
        press("Retry")
        expect(quiz).not_to_contain_text("✓ Correct.")
        choose(first, wrong(first))
        expect(quiz).to_contain_text("✗ Not this one.")
        expect(score).to_contain_text("Score: 1 of 1 answered")  # first answers count
    with jlab.step("next question, wrong answer"):
        press("Next")
        expect(quiz.get_by_text("Question 2 of 2")).to_be_visible()
        choose(second, wrong(second))
        expect(quiz).to_contain_text("✗ Not this one.")
        expect(score).to_contain_text("Score: 1 of 2 answered")
    assert jlab.errors() == []
    assert [a.correct for a in jlab.lab.attempts(f"quiz:{first.id}")] == [True, False]
    assert [a.correct for a in jlab.lab.attempts(f"quiz:{second.id}")] == [False]


def test_exercise_check_gives_a_verdict_on_a_typed_answer(jlab):
    from tpmprep.scenarios.base import scenario

    parameters = next(
        c
        for c in nbformat.read(jlab.lab.root / EXERCISE, 4).cells
        if "parameters" in c.metadata.get("tags", [])
    )
    values: dict = {}
    exec(parameters.source, values)
    answer = scenario(SCENARIO, seed=values["seed"]).answers["requests_per_day"]
    right = float(answer.expected.to(answer.unit).magnitude)

    with jlab.step("open the exercise and run it"):
        jlab.open(EXERCISE)
        jlab.run_all()
        cell = jlab.code_cell('sc.check("requests_per_day"')
    with jlab.step("type the right answer and run the check"):
        jlab.replace_line(
            cell, "requests_per_day =", f"requests_per_day = {right!r}  # in the browser"
        )
        jlab.run_cell(cell)
        expect(cell.locator(".jp-OutputArea"), "no verdict on the right answer").to_contain_text(
            "is correct", timeout=WAIT
        )
    with jlab.step("type a wrong answer and run the check"):
        jlab.replace_line(cell, "requests_per_day =", f"requests_per_day = {right * 1000!r}")
        jlab.run_cell(cell)
        expect(cell.locator(".jp-OutputArea"), "no verdict on the wrong answer").to_contain_text(
            "is not right", timeout=WAIT
        )
        expect(cell.locator(".jp-OutputArea")).not_to_contain_text("is correct")
    assert jlab.errors() == []
    attempts = jlab.lab.attempts(f"check:{SCENARIO}:requests_per_day")
    assert [a.correct for a in attempts] == [True, False]


def test_calculator_slider_redraws_the_plot(jlab):
    path = write_notebook(
        jlab.lab,
        "cache-calculator",
        "from tpmprep.widgets.calculators import cache_sizing_panel",
        'cache_sizing_panel(catalogue_items=100e6, cache_share=1, s=0.8, item_size="2 KB")',
    )
    with jlab.step("open the calculator"):
        jlab.open(path)
        jlab.run_all()
        panel = jlab.code_cell("cache_sizing_panel(").locator(".jp-Cell-outputArea")
        plot = panel.locator("img")
        expect(plot, "the calculator shows no plot").to_be_visible(timeout=WAIT)
        before = plot.get_attribute("src")
        assert before and before.startswith("data:image/png")
        result = panel.locator(".widget-html", has_text="→")
        line = result.inner_text()
        slider = panel.locator(".widget-slider").filter(has_text="Zipf exponent s")
        expect(slider.locator(".widget-readout")).to_have_text("0.80")
    with jlab.step("move the Zipf slider with the keyboard"):
        slider.locator(".noUi-handle").focus()
        jlab.page.keyboard.press("ArrowRight")  # one step: 0.80 -> 0.85
        expect(slider.locator(".widget-readout")).to_have_text("0.85")
        jlab.wait_for_new_image(panel, before, "the plot did not change after the slider moved")
        expect(result, "the result line did not change after the slider moved").not_to_have_text(
            line
        )
        jlab.wait_idle()
    assert plot.get_attribute("src").startswith("data:image/png")
    assert jlab.errors() == []
