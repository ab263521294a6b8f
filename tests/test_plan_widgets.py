"""Plots have titles and labelled axes; panels react to their controls without a browser."""

from __future__ import annotations

import pytest

from tpmprep.plan.experiment import duration_days, sample_size
from tpmprep.plan.prioritise import rice
from tpmprep.plan.risk import RiskRegister
from tpmprep.plan.schedule import Schedule
from tpmprep.plots.plan import (
    plot_completion,
    plot_gantt,
    plot_risk_heatmap,
    plot_sample_size,
    plot_scores,
)
from tpmprep.widgets.plan import ab_test_panel, schedule_panel

PLAN = "A 3 -\nB 4 -\nC 3 B\nD 1 A\nE 3 A\nF 2/3/6 D"


@pytest.fixture
def plan():
    return Schedule.from_text(PLAN, title="Launch")


def _labelled(fig):
    ax = fig.axes[0]
    return ax.get_title() and ax.get_xlabel() and ax.get_ylabel()


def test_gantt_colours_the_critical_tasks(plan):
    fig = plot_gantt(plan)
    assert _labelled(fig)
    assert "days" in fig.axes[0].get_xlabel()
    bars = [p for p in fig.axes[0].patches if p.get_height() > 0.5]  # task bars, not slack
    red = {round(b.get_y() + b.get_height() / 2) for b in bars if b.get_facecolor()[0] > 0.7}
    names = list(plan.tasks)
    assert {names[i] for i in red} == set(plan.critical_tasks)


def test_other_plots_are_labelled(plan):
    mc = plan.monte_carlo(2000, seed=1)
    reg = RiskRegister([{"id": "R1", "description": "x", "likelihood": 2, "impact": 4}])
    table = rice([{"name": "a", "reach": 1, "impact": 1, "confidence": 1, "effort": 1}])
    figs = [
        plot_completion(mc, deadline=8),
        plot_risk_heatmap(reg),
        plot_scores(table),
        plot_sample_size(0.05, mark=0.1),
    ]
    assert all(_labelled(f) for f in figs)
    assert "P80" in " ".join(t.get_text() for t in figs[0].axes[0].get_legend().get_texts())
    assert [t.get_text() for t in figs[1].axes[0].texts] == ["R1"]


def test_schedule_panel_updates_on_slider_and_dropdown(plan, capsys):
    panel = schedule_panel(plan, samples=2000)
    printed = capsys.readouterr().out
    assert "Critical path" in printed and "Simulated P80" in printed  # headless text
    base_p80 = panel.p80
    panel.task.value = "E"
    panel.days.value = 4  # E: 3 -> 7 days, so A-E takes 10
    assert panel.current.duration == 10
    assert panel.current.critical_path == ["A", "E"]
    assert panel.p80 == pytest.approx(10) and base_p80 < 9
    assert "ends 2.67 days later: 7.33 -&gt; 10.00 days" in panel.report.value
    panel.days.value = -4  # E is 3 days long: cannot shorten by 4
    assert "cannot shorten task 'E'" in panel.report.value
    assert panel.current.duration == 10  # the last valid schedule stays


def test_ab_panel_follows_its_sliders(capsys):
    panel = ab_test_panel(baseline=0.05, lift=0.10, daily_users=20_000)
    assert "users per variant" in capsys.readouterr().out
    assert panel.n == sample_size(0.05, 0.10, relative=True)
    panel.lift.value = 0.2
    assert panel.n == sample_size(0.05, 0.20, relative=True)
    panel.daily_users.value = 1000
    assert panel.days == duration_days(panel.n, 1000)
    assert f"{panel.n:,.0f} users per variant" in panel.report.value
    panel.daily_users.value = 0
    assert "daily_users" in panel.report.value
