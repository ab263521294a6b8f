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

from tpmprep.plan.experiment import duration_days, sample_size
from tpmprep.plan.schedule import Schedule
from tpmprep.widgets.base import Panel, draw, new_figure

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

    from tpmprep.plan.montecarlo import MonteCarloResult
    from tpmprep.plan.prioritise import ScoreTable
    from tpmprep.plan.risk import RiskRegister

__all__ = [
    "ABTestPanel",
    "SchedulePanel",
    "ab_test_panel",
    "plot_completion",
    "plot_gantt",
    "plot_risk_heatmap",
    "plot_sample_size",
    "plot_scores",
    "schedule_panel",
]

CRITICAL = "#c0392b"
NORMAL = "#5d8aa8"
SLACK = "#d5dbdb"


def _figure(width: float = 8.0, height: float = 4.0) -> tuple[Figure, Any]:
    fig = new_figure(width, height)
    return fig, fig.add_subplot()


def plot_gantt(schedule: Schedule, title: str | None = None) -> Figure:
    """Gantt chart at earliest start; critical tasks in red, slack as a grey tail.

    Parameters
    ----------
    schedule : Schedule
        The plan.
    title : str, optional
        Defaults to the plan's title and duration.

    Returns
    -------
    matplotlib.figure.Figure
    """
    names = list(schedule.tasks)
    fig, ax = _figure(8, 0.45 * len(names) + 1.5)
    for y, name in enumerate(names):
        t = schedule.timings[name]
        color = CRITICAL if t.critical else NORMAL
        ax.barh(y, t.duration, left=t.es, color=color, edgecolor="black", linewidth=0.5)
        if t.slack > 1e-6:
            ax.barh(y, t.slack, left=t.ef, color=SLACK, height=0.3)
    ax.set_yticks(range(len(names)), labels=names)
    ax.invert_yaxis()
    ax.set_xlabel("time from start (days)")
    ax.set_ylabel("task")
    ax.axvline(schedule.duration, color="black", linestyle="--", linewidth=1)
    ax.set_title(title or f"{schedule.title}: {schedule.duration:.1f} days (critical path in red)")
    from matplotlib.patches import Patch

    ax.legend(
        handles=[
            Patch(color=CRITICAL, label="critical"),
            Patch(color=NORMAL, label="has slack"),
            Patch(color=SLACK, label="slack"),
        ],
        loc="upper right",
        fontsize="small",
    )
    return fig


def plot_completion(result: MonteCarloResult, deadline: float | None = None) -> Figure:
    """Histogram of simulated completion times with P50, P80 and P95 lines.

    Parameters
    ----------
    result : MonteCarloResult
        From :meth:`Schedule.monte_carlo`.
    deadline : float, optional
        Days; drawn with the share of projects that meet it.

    Returns
    -------
    matplotlib.figure.Figure
    """
    fig, ax = _figure()
    ax.hist(result.samples, bins=60, color=NORMAL, alpha=0.8)
    for q, style in ((50, "-"), (80, "--"), (95, ":")):
        x = result.percentile(q)
        ax.axvline(x, color="black", linestyle=style, label=f"P{q} {x:.1f} d")
    ax.axvline(
        result.schedule.duration,
        color=CRITICAL,
        linewidth=1,
        label=f"critical path, expected durations {result.schedule.duration:.1f} d",
    )
    if deadline is not None:
        ax.axvline(
            deadline,
            color="green",
            linewidth=2,
            label=f"deadline {deadline:g} d: {result.probability_by(deadline):.0%} on time",
        )
    ax.set_xlabel("project duration (days)")
    ax.set_ylabel("simulated projects (count)")
    ax.set_title(f"{result.schedule.title}: {len(result.samples):,} simulated completions")
    ax.legend(fontsize="small")
    return fig


def plot_risk_heatmap(register: RiskRegister) -> Figure:
    """5 × 5 likelihood-impact matrix with the open risks' ids in their cells.

    Parameters
    ----------
    register : RiskRegister
        The risks.

    Returns
    -------
    matplotlib.figure.Figure
    """
    import numpy as np

    fig, ax = _figure(6, 5)
    exposure = np.outer(np.arange(1, 6), np.arange(1, 6))
    ax.imshow(
        exposure, origin="lower", cmap="RdYlGn_r", vmin=1, vmax=25, extent=(0.5, 5.5, 0.5, 5.5)
    )
    cells: dict[tuple[int, int], list[str]] = {}
    for r in register:
        if r.is_open:
            cells.setdefault((int(r.likelihood), r.impact), []).append(r.id)  # type: ignore[arg-type]
    for (lik, imp), ids in cells.items():
        ax.text(imp, lik, "\n".join(ids), ha="center", va="center", fontsize=9)
    ax.set_xticks(range(1, 6))
    ax.set_yticks(range(1, 6))
    ax.set_xlabel("impact (1-5 score)")
    ax.set_ylabel("likelihood (1-5 score)")
    ax.set_title(f"{register.title}: open risks by likelihood × impact")
    return fig


def plot_scores(table: ScoreTable) -> Figure:
    """Horizontal bars of RICE or WSJF scores, best at the top.

    Parameters
    ----------
    table : ScoreTable
        From :func:`tpmprep.plan.prioritise.rice` or ``wsjf``.

    Returns
    -------
    matplotlib.figure.Figure
    """
    names = table.ranking
    fig, ax = _figure(7, 0.45 * len(names) + 1.5)
    ax.barh(range(len(names)), [table.scores[n] for n in names], color=NORMAL)
    ax.set_yticks(range(len(names)), labels=names)
    ax.invert_yaxis()
    unit = "reach per period per person-month" if table.method == "RICE" else "relative points"
    ax.set_xlabel(f"{table.method} score ({unit})")
    ax.set_ylabel("item")
    ax.set_title(f"{table.method} = {table.formula}")
    return fig


def plot_sample_size(
    baseline: float,
    mdes: Any = None,
    *,
    relative: bool = True,
    alpha: float = 0.05,
    power: float = 0.8,
    mark: float | None = None,
) -> Figure:
    """Users per variant against the minimum detectable effect (log scale).

    Parameters
    ----------
    baseline : float
        Control conversion rate in (0, 1).
    mdes : sequence of float, optional
        Effects to plot; default 1%-30% relative (or 0.2-5 points absolute).
    relative : bool
        Effects relative to the baseline (default) or absolute.
    alpha, power : float
        Test settings.
    mark : float, optional
        One effect to highlight with its sample size.

    Returns
    -------
    matplotlib.figure.Figure
    """
    import numpy as np

    if mdes is None:
        mdes = np.linspace(0.01, 0.30, 59) if relative else np.linspace(0.002, 0.05, 49)
    ns = [sample_size(baseline, m, relative=relative, alpha=alpha, power=power) for m in mdes]
    fig, ax = _figure()
    scale = 100
    ax.plot(np.asarray(mdes) * scale, ns, color=NORMAL)
    ax.set_yscale("log")
    if mark is not None:
        n = sample_size(baseline, mark, relative=relative, alpha=alpha, power=power)
        ax.plot([mark * scale], [n], "o", color=CRITICAL, label=f"{mark:.1%}: {n:,.0f} per variant")
        ax.legend()
    kind = "relative lift (%)" if relative else "absolute change (percentage points)"
    ax.set_xlabel(f"minimum detectable effect, {kind}")
    ax.set_ylabel("users per variant (log scale)")
    ax.set_title(
        f"A/B sample size: baseline {baseline:.1%}, alpha {alpha:g} two-sided, power {power:.0%}"
    )
    ax.grid(True, which="both", alpha=0.3)
    return fig


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
        except Exception as exc:  # shortening below zero: say so, keep the last schedule
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
        except Exception as exc:
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
