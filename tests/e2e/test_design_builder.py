"""The design builder and the design view in a real browser: Mermaid drawn, a verdict turns to met.

A candidate opens a notebook with a design that fails (a database at 100% of its capacity), sees
the builder with its verdicts and its Mermaid diagram drawn as SVG (JupyterLab shows it as an
image whose source is the SVG), adds a cache through the form,
wires it into the redirect flow hop by hop, and watches the utilisation verdict change from NOT
MET to met and the diagram redraw; ``show_design`` draws the same design as SVG in a cell's
output. Then the design is checked in code, and the progress store has the attempt.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

import pytest
from playwright.sync_api import expect

from .notebook import WAIT
from .test_candidate_loop import write_notebook

pytestmark = pytest.mark.e2e

FAILING = '''"""
name: shortener
traffic: {peak: 10K req/s}
components:
  client: {kind: client}
  lb: {kind: load_balancer, instances: 2, capacity: 50K req/s, cost: 300 USD/month}
  app: {kind: service, instances: 8, capacity: 2K req/s, latency: 5 ms, cost: 150 USD/month}
  db: {kind: database, instances: 2, capacity: 5K req/s, latency: 10 ms, cost: 1.5K USD/month}
flows:
  redirect: {share: 90%, path: [client, lb, app, db]}
  create: {share: 10%, path: [client, lb, app, db]}
requirements: {utilisation: 70%, availability: 99.9%}
"""'''


# JupyterLab 4 draws a ```mermaid fence as an <img> whose source is the SVG itself.
MERMAID_SVG = ".jp-RenderedMermaid img[src^='data:image/svg+xml']"


def svg_text(image) -> str:
    """The SVG of a Mermaid drawing, decoded from its data URL."""
    return unquote(image.get_attribute("src"))


def test_adding_a_cache_in_the_builder_turns_not_met_into_met_and_redraws_the_diagram(jlab):
    path = write_notebook(
        jlab.lab, "design-builder",
        f"from tpmprep import design_builder, show_design\n\nstart = {FAILING}",
        "builder = design_builder(start)",
        "show_design(start, plots=False)",
        'print("cache" in builder.design.components, builder.evaluation.met)',
    )
    with jlab.step("open the notebook: the builder shows a failing design"):
        jlab.open(path)
        jlab.run_all()
        panel = jlab.code_cell("builder = design_builder(").locator(".tpmprep-design-builder")
        expect(panel, "the builder did not render as a widget").to_be_visible(timeout=WAIT)
        title = panel.locator(".tpmprep-design-title")
        expect(title).to_contain_text("NOT met")
        verdicts = panel.locator(".tpmprep-design-verdicts")
        row = verdicts.locator("table").first.locator("tr", has_text="utilisation")
        expect(row).to_contain_text("NOT MET")
        expect(row).to_contain_text("db at 100% of capacity at peak")
    with jlab.step("the diagram is drawn by Mermaid, in the panel and in show_design's output"):
        diagram = panel.locator(f".tpmprep-design-diagram {MERMAID_SVG}")
        diagram.scroll_into_view_if_needed()
        expect(diagram, "no Mermaid SVG in the builder").to_be_visible(timeout=WAIT)
        assert "db" in svg_text(diagram) and "cache" not in svg_text(diagram)
        output = jlab.code_cell("show_design(start").locator(".jp-OutputArea-output")
        shown = output.locator(MERMAID_SVG)
        shown.scroll_into_view_if_needed()
        expect(shown, "no Mermaid SVG in show_design's output").to_be_visible(timeout=WAIT)
        expect(output.locator("table").first).to_contain_text("NOT MET")
    with jlab.step("add a cache through the form"):
        panel.locator(".tpmprep-design-kind select").select_option("cache")
        panel.locator(".tpmprep-design-name input").fill("cache")
        instances = panel.locator(".tpmprep-design-instances input")
        instances.fill("2")
        instances.press("Tab")
        panel.locator(".tpmprep-design-capacity input").fill("80K req/s")
        panel.locator(".tpmprep-design-latency input").fill("1 ms")
        panel.locator(".tpmprep-design-hit-ratio input").fill("90%")
        panel.locator(".tpmprep-design-cost input").fill("400 USD/month")
        panel.locator("button", has_text="Add component").click()
        expect(panel.locator(".tpmprep-design-message")).to_contain_text("Added cache.")
        expect(row).to_contain_text("NOT MET")  # on no path yet, it changes nothing
    with jlab.step("wire the cache into the redirect flow, hop by hop"):
        panel.locator(".tpmprep-design-flow select").select_option("redirect")
        route = panel.locator(".tpmprep-design-path")
        expect(route).to_contain_text("client → lb → app → db")
        panel.locator("button", has_text="Remove last hop").click()
        hop = panel.locator(".tpmprep-design-hop select")
        for name in ("cache", "db"):
            hop.select_option(name)
            panel.locator("button", has_text="Add hop").click()
        expect(route).to_contain_text("client → lb → app → cache → db")
        panel.locator("button", has_text="Save flow").click()
        expect(panel.locator(".tpmprep-design-message")).to_contain_text("Saved flow redirect.")
    with jlab.step("the utilisation verdict is met and the diagram shows the cache"):
        expect(row).to_contain_text("met", timeout=WAIT)
        expect(row).not_to_contain_text("NOT MET")
        expect(title).to_contain_text("all requirements met")
        diagram.scroll_into_view_if_needed()
        jlab.page.wait_for_function(
            "el => decodeURIComponent(el.src).includes('cache')", arg=diagram.element_handle(),
            timeout=WAIT,
        )  # Mermaid redrew the diagram with the cache in it
        expect(panel.locator(".tpmprep-design-yaml textarea")).to_have_value(
            re.compile(r"path: \[client, lb, app, cache, db\]")
        )
    with jlab.step("the kernel's builder holds the new design"):
        check = jlab.code_cell('print("cache" in builder.design.components')
        jlab.run_cell(check)
        expect(check.locator(".jp-OutputArea-output")).to_have_text("True True")
    assert jlab.errors() == []
