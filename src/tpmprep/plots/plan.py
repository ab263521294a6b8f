"""Plots for program execution: Gantt, Monte Carlo completion, risks, RICE/WSJF, A/B sizing."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tpmprep.plan.experiment import sample_size
from tpmprep.plots.base import new_figure

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

    from tpmprep.plan.montecarlo import MonteCarloResult
    from tpmprep.plan.prioritise import ScoreTable
    from tpmprep.plan.risk import RiskRegister
    from tpmprep.plan.schedule import Schedule

__all__ = [
    "plot_completion",
    "plot_gantt",
    "plot_risk_heatmap",
    "plot_sample_size",
    "plot_scores",
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
