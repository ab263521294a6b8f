"""Lessons in a real browser: panels to explore, readouts that match, no test markers in code.

One server and one browser serve the module. The panel notebooks are written into the throwaway
root by the tests; the caching lesson is opened as the candidate gets it.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .notebook import WAIT
from .test_candidate_loop import write_notebook

pytestmark = pytest.mark.e2e


def test_a_slider_reads_the_value_the_result_uses(jlab):
    path = write_notebook(
        jlab.lab,
        "traffic-calculator",
        "from tpmprep.widgets.calculators import traffic_panel",
        "traffic_panel(users=10e6, requests_per_user=100, peak_factor=2)",
    )
    with jlab.step("open the traffic calculator"):
        jlab.open(path)
        jlab.run_all()
        panel = jlab.code_cell("traffic_panel(").locator(".jp-Cell-outputArea")
        slider = panel.locator(".widget-slider").filter(has_text="Requests per user")
        expect(slider.locator(".widget-readout"), "the slider did not render").to_have_text(
            "100", timeout=WAIT
        )
        result = panel.locator(".widget-html", has_text="req/day")
        expect(result).to_contain_text("1B req/day")  # 10M users × 100
    with jlab.step("one step right: the readout and the result say 120"):
        slider.locator(".noUi-handle").focus()
        jlab.page.keyboard.press("ArrowRight")
        expect(slider.locator(".widget-readout")).to_have_text("120")
        expect(result, "the result does not use the 120 the slider shows").to_contain_text(
            "1.2B req/day"
        )
        jlab.wait_idle()
    assert jlab.errors() == []


def test_the_eviction_panel_explores_without_editing_code(jlab):
    path = write_notebook(
        jlab.lab,
        "eviction-panel",
        "from tpmprep.widgets.sim import eviction_panel",
        "eviction_panel(requests=20_000, catalogue=1_000, seed=1)",
    )
    with jlab.step("open the eviction panel"):
        jlab.open(path)
        jlab.run_all()
        panel = jlab.code_cell("eviction_panel(").locator(".jp-Cell-outputArea")
        report = panel.locator(".widget-html", has_text="Cache of")
        expect(report, "the panel did not render").to_contain_text("Zipf s=1,", timeout=WAIT)
        plot = panel.locator("img")
        expect(plot, "the panel shows no chart").to_be_visible(timeout=WAIT)
        before = plot.get_attribute("src")
    with jlab.step("more skew: the hit ratios and the chart follow"):
        skew = panel.locator(".widget-slider").filter(has_text="Zipf s")
        skew.locator(".noUi-handle").focus()
        jlab.page.keyboard.press("ArrowRight")  # 1.0 -> 1.1
        expect(skew.locator(".widget-readout")).to_have_text("1.10")
        expect(report).to_contain_text("Zipf s=1.1,")
        jlab.wait_for_new_image(panel, before, "the chart did not change with the skew")
        jlab.wait_idle()
    assert jlab.errors() == []


def test_the_caching_lesson_shows_code_without_test_markers(jlab):
    with jlab.step("open the caching lesson"):
        jlab.open("notebooks/03-caching.ipynb")
        cell = jlab.code_cell("eviction_panel(requests")
        expect(cell).to_be_visible(timeout=WAIT)
    with jlab.step("the quiz cells read as plain calls"):
        assert "NBVAL" not in jlab.page.locator(".jp-Notebook").text_content()
        quiz = jlab.code_cell('"caching-stampede-mitigations"')
        quiz.scroll_into_view_if_needed()
        editor = quiz.locator(".jp-InputArea-editor")
        # The cell's code starts with the call: no "# NBVAL_IGNORE_OUTPUT" line above it.
        expect(editor).to_have_text(re.compile(r"^\s*quiz\("), timeout=WAIT)
