"""The design builder panel and show_design, driven in plain Python as a candidate would click.

Observers fire synchronously, so ``button.click()`` and ``widget.value = ...`` run the panel's
callbacks exactly as JupyterLab does; what the candidate sees is the panel's title, message,
evaluation HTML, diagram output and YAML box.
"""

from __future__ import annotations

import pytest

from tpmprep import design_builder, show_design
from tpmprep.design import Design
from tpmprep.exceptions import DocumentError
from tpmprep.scenarios.base import scenario
from tpmprep.widgets.design import DesignBuilder, design_markdown, fit_requirements

NO_CACHE = """
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
"""


@pytest.fixture
def builder():
    return DesignBuilder(NO_CACHE)


def verdict(panel, name):
    return next(v for v in panel.evaluation.requirements if v.name == name)


def test_headless_it_shows_the_design_its_verdicts_and_its_arrows(capsys):
    panel = design_builder(NO_CACHE)
    printed = capsys.readouterr().out
    assert printed.startswith("Design builder: shortener: 4 components, 2 flows, peak 10K req/s.")
    assert "NOT MET  utilisation: db at 100% of capacity at peak (target 70%)" in printed
    assert "redirect (90%): client [no limit] -> lb [10%] -> app [62.5%] -> db [100%]" in printed
    assert panel.text() == DesignBuilder(NO_CACHE).text()  # deterministic, for nbval


def test_more_database_instances_turn_the_verdict_from_not_met_to_met(builder):
    assert "NOT met" in builder.title.value and not verdict(builder, "utilisation").met
    builder.component.value = "db"
    assert builder.new_instances.value == 2  # the form shows the component as it is
    builder.new_instances.value = 4
    builder.apply_button.click()
    assert builder.design.components["db"].instances == 4
    assert verdict(builder, "utilisation").met and "all requirements met" in builder.title.value
    assert "Changed db." in builder.message.value
    assert "instances: 4" in builder.yaml.value


def test_a_component_from_a_building_block_is_added_and_wired_into_a_flow(builder):
    sc = scenario("design-studio/url-shortener", seed=1)
    panel = DesignBuilder(NO_CACHE, blocks=sc.blocks)
    panel.block.value = "cache"
    assert (panel.kind.value, panel.name.value, panel.capacity.value, panel.hit_ratio.value,
            panel.cost.value) == ("cache", "cache", "80K req/s", "90%", "400 USD/month")
    panel.instances.value = 2
    panel.add_button.click()
    assert panel.design.components["cache"].hit_ratio == 0.9
    assert panel.evaluation.components["cache"].load == 0  # on no path yet
    panel.flow.value = "redirect"
    assert panel.path.value == "client → lb → app → db" and panel.share.value == "90%"
    panel.undo_button.click()
    for hop in ("cache", "db"):
        panel.hop.value = hop
        panel.hop_button.click()
    panel.save_flow_button.click()
    assert [h.to for h in panel.design.flows["redirect"].path] == ["client", "lb", "app",
                                                                   "cache", "db"]
    assert panel.design.share("redirect") == 0.9  # the share shown is not re-applied
    assert panel.evaluation.components["db"].load == pytest.approx(10_000 * (0.9 * 0.1 + 0.1))
    assert verdict(panel, "utilisation").met


def test_a_new_flow_with_fan_out_and_a_share_makes_room(builder):
    builder.flow.value = ""
    builder.flow_name.value = "report"
    builder.add_hop("client")
    builder.add_hop("lb")
    builder.add_hop("db", 3)
    assert builder.path.value == "client → lb → db ×3"
    builder.share.value = "20%"
    assert builder.save_flow()
    assert builder.design.share("report") == pytest.approx(0.2)
    assert builder.design.share("redirect") == pytest.approx(0.72)
    assert builder.design.flows["report"].path[-1].calls == 3


def test_a_bad_change_says_what_is_wrong_and_keeps_the_design(builder):
    before = builder.design
    builder.name.value = "db"
    builder.kind.value = "cache"
    builder.add_button.click()
    assert "components.db: already exists" in builder.message.value
    assert builder.design is before
    assert not builder.add_component("", "service")
    assert "give the component a name" in builder.message.value
    builder.change_component("app", capacity="5 ms")
    assert "is a duration" in builder.message.value and builder.design is before
    assert not builder.remove_component("db")
    assert "flow(s) redirect, create still visit it" in builder.message.value


def test_the_yaml_box_is_the_design_and_can_be_edited(builder):
    assert Design.from_yaml(builder.yaml.value) == builder.design
    edited = builder.yaml.value.replace("  db:\n    kind: database\n    instances: 2",
                                        "  db:\n    kind: database\n    instances: 5")
    builder.yaml.value = edited
    builder.use_yaml_button.click()
    assert builder.design.components["db"].instances == 5
    builder.yaml.value = "name: [unclosed"
    builder.use_yaml_button.click()
    assert "the YAML box" in builder.message.value
    assert builder.design.components["db"].instances == 5


def test_save_as_writes_a_file_that_load_and_the_checker_read(builder, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    builder.file.value = "my-design.yaml"
    builder.save_button.click()
    assert "Saved to my-design.yaml" in builder.message.value
    assert Design.from_yaml(tmp_path / "my-design.yaml") == builder.design
    builder.set_instances("db", 3)
    builder.load_button.click()
    assert builder.design.components["db"].instances == 2
    assert not builder.save("design.txt") and "name it with .yaml" in builder.message.value


def test_with_a_scenario_it_starts_at_the_briefs_peak_and_checks_against_the_brief():
    sc = scenario("design-studio/url-shortener", seed=1)
    blank = DesignBuilder(scenario=sc)
    assert blank.design.traffic.peak == pytest.approx(sc.peak.magnitude)
    assert "availability of flow redirect, create is judged once the design has that flow" \
           not in blank.text()  # one target for every flow: nothing waits
    panel = DesignBuilder(sc.starting_design(), scenario=sc)
    assert panel.requirements == sc.requirements and set(panel.blocks) == set(sc.blocks)
    panel.check_button.click()
    assert panel.result.judgement.verdict == "incorrect"
    assert "requirements of the brief NOT met" in panel.feedback.value


def test_requirements_for_flows_not_built_yet_wait_for_them():
    sc = scenario("design-studio/buy-now", seed=1)
    panel = DesignBuilder(scenario=sc)
    assert any("availability of flow view, buy is judged once the design has that flow" in n
               for n in panel.notes)
    reqs, notes = fit_requirements(Design.from_yaml(NO_CACHE), {"latency": {"redirect": 20}})
    assert reqs == {"latency": {"redirect": 20}} and notes == []


def test_the_diagram_is_a_mermaid_block_and_the_view_is_deterministic(builder):
    [output] = builder.picture.outputs
    assert output["data"]["text/markdown"].startswith("```mermaid\nflowchart LR\n")
    view = design_markdown(builder.design, builder.evaluation)
    assert "```mermaid" in view and "| **NOT MET** | utilisation |" in view
    assert view == design_markdown(builder.design, builder.evaluation)


def test_show_design_prints_the_evaluation_and_rejects_a_malformed_design(capsys):
    sc = scenario("design-studio/url-shortener", seed=1)
    show_design(sc.starting_design(), sc.requirements)
    printed = capsys.readouterr().out
    assert "URL shortener, first sketch: 5 of 6 requirements NOT met" in printed
    assert "redirect (90%): client [no limit] -> lb" in printed
    with pytest.raises(DocumentError, match=r"components\.a\.kind"):
        show_design("name: x\ntraffic: {peak: 1}\ncomponents: {a: {kind: cash}}\n")
