"""Plots and panels for program execution: Gantt, Monte Carlo, risks, RICE/WSJF, A/B tests.

One-call plots return a matplotlib ``Figure`` (title, labelled axes with units). Panels are
small classes holding their controls (so tests drive them with ``slider.value = ...``) and
are shown with :func:`tpmprep.widgets.base.show_widget`, which prints a readable summary
where no widget can render.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from tpmprep.exceptions import TpmprepError
from tpmprep.plan.experiment import duration_days, sample_size
from tpmprep.plan.schedule import Schedule
from tpmprep.plots.plan import plot_gantt, plot_sample_size
from tpmprep.widgets.base import Panel, draw

if TYPE_CHECKING:  # pragma: no cover

    pass

__all__ = [
    "ABTestPanel",
    "SchedulePanel",
    "ab_test_panel",
    "schedule_panel",
]


class SchedulePanel(Panel):
    """What-if panel: pick a task, slide its delay, watch the Gantt, end date and P80 move.

    Parameters
    ----------
    schedule : Schedule
        The baseline plan.
    samples : int
        Monte Carlo samples per update (default 2,000, seeded).
    seed : int
        Seed for the Monte Carlo runs.

    Attributes
    ----------
    task : ipywidgets.Dropdown
    days : ipywidgets.FloatSlider
        Days added to the task (negative shortens).
    report : ipywidgets.HTML
        Duration, P80 and what changed.
    current : Schedule
        The schedule after the what-if.
    change : ScheduleChange
        From the baseline to :attr:`current`.
    p80 : float
        Simulated P80 of :attr:`current` in days.
    """

    def __init__(self, schedule: Schedule, samples: int = 2000, seed: int = 0):
        self.base = schedule
        self.samples = samples
        self.seed = seed
        longest = max(t.pessimistic for t in schedule.tasks.values())
        self.task = w.Dropdown(options=list(schedule.tasks), description="Task")
        self.days = w.FloatSlider(
            value=0.0,
            min=-1.0 * longest,
            max=2.0 * longest,
            step=0.5,
            description="Delay (d)",
            continuous_update=False,
        )
        self.report = w.HTML()
        self.out = w.Output()
        self.widget = w.VBox([w.HBox([self.task, self.days]), self.report, self.out])
        self.task.observe(self._update, names="value")
        self.days.observe(self._update, names="value")
        self._update()

    def _update(self, change: Any = None) -> None:
        name, days = self.task.value, float(self.days.value)
        try:
            self.current = self.base.delay(name, days) if days else self.base
        except TpmprepError as exc:  # shortening below zero: say so, keep the last schedule
            self.report.value = f"<p style='color:#c0392b'>{html.escape(str(exc), quote=False)}</p>"
            return
        self.change = self.base.compare(self.current)
        self.p80 = self.current.monte_carlo(self.samples, seed=self.seed).p80
        self.report.value = (
            f"<p>{html.escape(self.change.summary(), quote=False)}<br>Simulated P80: "
            f"<b>{self.p80:.1f} days</b> (baseline {self._base_p80():.1f})</p>"
        )
        draw(self.out, plot_gantt(self.current))

    def _base_p80(self) -> float:
        if not hasattr(self, "_p80_base"):
            self._p80_base = self.base.monte_carlo(self.samples, seed=self.seed).p80
        return self._p80_base

    def text(self) -> str:
        """Headless stand-in: the schedule table and its simulated P80."""
        return (
            f"{self.current.summary()}\nSimulated P80: {self.p80:.1f} days. "
            "(Open in JupyterLab to delay or shorten a task with a slider.)"
        )


def schedule_panel(schedule: Schedule, samples: int = 2000, seed: int = 0) -> SchedulePanel:
    """Show a :class:`SchedulePanel` and return it.

    Parameters
    ----------
    schedule : Schedule
        The baseline plan.
    samples : int
        Monte Carlo samples per update.
    seed : int
        Seed for the Monte Carlo runs.

    Returns
    -------
    SchedulePanel
    """
    panel = SchedulePanel(schedule, samples=samples, seed=seed)
    panel.show()
    return panel


class ABTestPanel(Panel):
    """Sample-size panel: baseline, lift and traffic in; users per variant and days out.

    Parameters
    ----------
    baseline : float
        Starting conversion rate.
    lift : float
        Starting relative minimum detectable effect.
    daily_users : int
        Starting eligible users per day.

    Attributes
    ----------
    baseline, lift : ipywidgets.FloatSlider
    power : ipywidgets.FloatSlider
    daily_users : ipywidgets.IntText
    report : ipywidgets.HTML
    n : float
        Users per variant for the current settings.
    days : int
        Days to collect them with a 50/50 split of all eligible users.
    """

    def __init__(self, baseline: float = 0.05, lift: float = 0.10, daily_users: int = 20_000):
        self.baseline = w.FloatSlider(
            value=baseline,
            min=0.005,
            max=0.5,
            step=0.005,
            readout_format=".1%",
            description="Baseline",
            continuous_update=False,
        )
        self.lift = w.FloatSlider(
            value=lift,
            min=0.01,
            max=0.5,
            step=0.01,
            readout_format=".0%",
            description="Lift (rel.)",
            continuous_update=False,
        )
        self.power = w.FloatSlider(
            value=0.8,
            min=0.5,
            max=0.99,
            step=0.01,
            readout_format=".0%",
            description="Power",
            continuous_update=False,
        )
        self.daily_users = w.IntText(value=daily_users, description="Users/day")
        self.report = w.HTML()
        self.out = w.Output()
        controls = w.VBox([self.baseline, self.lift, self.power, self.daily_users])
        self.widget = w.VBox([controls, self.report, self.out])
        for c in (self.baseline, self.lift, self.power, self.daily_users):
            c.observe(self._update, names="value")
        self._update()

    def _update(self, change: Any = None) -> None:
        try:
            self.n = sample_size(
                self.baseline.value, self.lift.value, relative=True, power=self.power.value
            )
            self.days = duration_days(self.n, self.daily_users.value)
        except TpmprepError as exc:
            self.report.value = f"<p style='color:#c0392b'>{html.escape(str(exc), quote=False)}</p>"
            return
        self.report.value = f"<p>{html.escape(self.text_line(), quote=False)}</p>"
        draw(
            self.out,
            plot_sample_size(
                self.baseline.value, relative=True, power=self.power.value, mark=self.lift.value
            ),
        )

    def text_line(self) -> str:
        """Return the current answer in one sentence."""
        b, lift = self.baseline.value, self.lift.value
        return (
            f"Detecting {b:.1%} -> {b * (1 + lift):.2%} ({lift:.0%} lift) at alpha 0.05 two-sided, "
            f"power {self.power.value:.0%}: {self.n:,.0f} users per variant, "
            f"{self.days} day{'s' if self.days != 1 else ''} at {self.daily_users.value:,} "
            "users/day split 50/50."
        )

    def text(self) -> str:
        """Headless stand-in."""
        return self.text_line() + " (Open in JupyterLab to move the sliders.)"


def ab_test_panel(
    baseline: float = 0.05, lift: float = 0.10, daily_users: int = 20_000
) -> ABTestPanel:
    """Show an :class:`ABTestPanel` and return it.

    Parameters
    ----------
    baseline : float
        Starting conversion rate.
    lift : float
        Starting relative minimum detectable effect.
    daily_users : int
        Starting eligible users per day.

    Returns
    -------
    ABTestPanel
    """
    panel = ABTestPanel(baseline, lift, daily_users)
    panel.show()
    return panel
