"""``next()`` in a real browser: its suggestion links a notebook, and the link opens it.

The candidate's record is seeded in the lab's throwaway progress store (the start notebook and
a quiz of lesson 01 done), so the next step is the first exercise of lesson 01; the test runs
``next()`` in a notebook of its own under ``e2e/``, clicks the suggestion's link and sees that
exercise open in JupyterLab. The same notebook shows ``study_plan(...)`` as a table.
"""

from __future__ import annotations

import re

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook
from playwright.sync_api import expect

from .notebook import WAIT

pytestmark = pytest.mark.e2e

EXERCISE = "01-estimation-social-feed.ipynb"


def _seed(lab) -> None:
    from tpmprep.practice.store import ProgressStore

    with ProgressStore(lab.store_path) as store:
        store.record("quiz:start-demo", True, 0, theme="start", kind="quiz")
        store.record("quiz:estimation-demo", True, 0, theme="estimation", kind="quiz")


def _notebook(lab) -> str:
    nb = new_notebook(
        cells=[
            new_markdown_cell("# What next"),
            new_code_cell("from tpmprep import next, study_plan\nnext()"),
            new_code_cell(
                "from datetime import date, timedelta\n"
                "study_plan(interview=date.today() + timedelta(days=21), hours_per_week=6)"
            ),
        ]
    )
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"next-{i}"
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    path = "e2e/what-next.ipynb"
    nbformat.write(nb, str(lab.root / path))
    return path


def test_next_suggests_an_exercise_and_its_link_opens_it(jlab):
    _seed(jlab.lab)
    path = _notebook(jlab.lab)
    with jlab.step("run next() in a notebook"):
        jlab.open(path)
        jlab.run_all()
        output = jlab.code_cell("next()").locator(".jp-OutputArea-output")
        expect(output, "next() showed no suggestions").to_contain_text("What next", timeout=WAIT)
        expect(output).to_contain_text("Review the 20 flashcards due now")
        expect(output).to_contain_text("Do a timed mock interview (system-design)")
    with jlab.step("study_plan() shows a table"):
        plan = jlab.code_cell("study_plan(interview").locator(".jp-OutputArea-output")
        expect(plan.locator("table"), "study_plan() showed no table").to_be_visible()
        expect(plan).to_contain_text("Study plan: 21 days to your interview")
        expect(plan.locator("table")).to_contain_text("Mock interview, timed: system-design")
        expect(plan.get_by_role("link", name="01-estimation-social-feed.ipynb")).to_be_visible()
    link = output.get_by_role("link", name=re.compile(r"^Try the exercise: fan-out"))
    with jlab.step("the suggestion links the exercise"):
        expect(link, "the suggestion has no link to the exercise").to_be_visible()
        # JupyterLab resolves the relative link against the notebook's folder (e2e/).
        assert f"/files/exercises/{EXERCISE}" in link.get_attribute("href")
    with jlab.step("click the link: the exercise opens"):
        link.click()
        tab = jlab.page.locator(
            "#jp-main-dock-panel .lm-TabBar-tab.lm-mod-current .lm-TabBar-tabLabel"
        )
        expect(tab, "clicking the link did not open the exercise").to_have_text(
            EXERCISE, timeout=WAIT
        )
        panel = jlab.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
        expect(panel.locator(".jp-MarkdownCell").first).to_contain_text(
            "fan-out and the timeline cache", timeout=WAIT
        )
    assert jlab.errors() == []
