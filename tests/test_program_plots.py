"""Program plots: what a reader of the figure sees (titles, labels, colours, legends).

The PNGs were also looked at by eye while they were written; these tests keep what was seen.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from matplotlib.colors import to_hex

from tpmprep.exceptions import ScheduleError
from tpmprep.plan.findings import check_program
from tpmprep.plan.roadmap import Roadmap, roadmap
from tpmprep.plots.base import png
from tpmprep.plots.program import (
    CRITICAL,
    OVER,
    plot_program_gantt,
    plot_resources,
    plot_roadmap,
)

EXAMPLES = Path(__file__).resolve().parents[1] / "docs" / "examples"


@pytest.fixture(scope="module")
def launch():
    return check_program(EXAMPLES / "program-launch.yaml")


@pytest.fixture(scope="module")
def findings():
    return check_program(EXAMPLES / "program-findings.yaml")


def test_gantt_marks_the_critical_path_gates_and_milestones(launch):
    fig = plot_program_gantt(launch)
    ax = fig.axes[0]
    assert ax.get_title() == "buy-now-eu: finish day 24 (2027-04-02), P85 day 26.8"
    assert ax.get_xlabel() == "working days from start"
    labels = ax.get_yticklabels()
    assert [t.get_text() for t in labels] == [t.name for t in launch.program.tasks]
    red = {t.get_text() for t in labels if to_hex(t.get_color()) == CRITICAL}
    assert red == set(launch.critical_tasks)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[:6] == list(launch.program.teams)
    assert {"critical path", "float", "gate", "milestone", "finish, day 24"} <= set(legend)
    assert "P85, day 26.8" in legend
    gate_labels = {t.get_text() for t in ax.texts}
    assert gate_labels == {t.gate for t in launch.program.gates()}
    assert png(fig)  # renders


def test_gantt_shows_dates_on_top_when_the_plan_has_a_start(launch):
    fig = plot_program_gantt(launch)
    fig.canvas.draw()
    top = [a for a in fig.axes[0].child_axes]
    assert top
    ticks = [t.get_text() for t in top[0].get_xticklabels() if t.get_text()]
    assert ticks[0] == "01 Mar"
    assert "08 Mar" in ticks  # whole weeks: Mondays


def test_an_unschedulable_plan_has_no_gantt():
    report = check_program(
        {
            "name": "c",
            "kind": "launch",
            "teams": {"a": 1},
            "tasks": [
                {"name": "x", "team": "a", "duration": 1, "depends_on": ["y"]},
                {"name": "y", "team": "a", "duration": 1, "depends_on": ["x"]},
            ],
        }
    )
    with pytest.raises(ScheduleError, match="cannot be scheduled"):
        plot_program_gantt(report)


def test_resources_shows_need_against_people_by_team_and_week(findings):
    fig = plot_resources(findings)
    visible = [ax for ax in fig.axes if ax.get_visible()]
    assert [ax.get_title() for ax in visible] == [
        "checkout (4 people)",
        "payments (2 people)",
        "mobile (3 people)",
    ]
    checkout = visible[0]
    heights = [p.get_height() for p in checkout.patches]
    assert heights == findings.weekly_load()["checkout"] == [5, 3, 0, 1]
    colours = [to_hex(p.get_facecolor()) for p in checkout.patches]
    assert colours[0] == OVER  # 5 people needed, 4 available
    assert OVER not in colours[1:]
    assert checkout.lines[0].get_ydata()[0] == 4  # the team's people
    assert "earliest-start schedule" in fig.get_suptitle()
    assert "levelled schedule" in plot_resources(findings, levelled=True).get_suptitle()
    assert png(fig)


def test_roadmap_draws_lanes_quarters_and_the_capacity_grid(launch):
    fig = plot_roadmap(roadmap(launch))
    lanes, grid = fig.axes
    assert lanes.get_title() == "buy-now-eu roadmap"
    assert [t.get_text() for t in lanes.get_yticklabels()] == list(launch.program.teams)
    quarters = [t.get_text() for t in lanes.texts if t.get_text().startswith("Q")]
    assert quarters == ["Q1 2027", "Q2 2027"]
    cells = [t.get_text() for t in grid.texts]
    assert "6 / 18 pw" in cells  # checkout in Q1 2027
    assert png(fig)


def test_roadmap_of_initiatives_colours_over_commitment():
    plan = Roadmap.from_items(
        [{"name": "search-v2", "team": "search", "people": 3, "quarters": ["Q2", "Q3"]}],
        {"search": 3},
        capacity={"search": {"Q3": 2}},
    )
    fig = plot_roadmap(plan, title="after the cut")
    grid = fig.axes[1]
    cells = zip(grid.texts, grid.patches, strict=True)
    colour = {t.get_text(): to_hex(p.get_facecolor()) for t, p in cells}
    assert colour["39 / 26 pw"] == "#f5b7b1"  # red: over
    assert colour["39 / 39 pw"] == "#f9e79f"  # amber: full
    assert colour["0 / 39 pw"] == "#a9dfbf"  # green
    assert fig.axes[0].get_title() == "after the cut"
