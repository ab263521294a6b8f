"""Plots for program plans: Gantt with gates and critical path, people by team and week, roadmap.

Each function takes the result of a pure calculation (:class:`~tpmprep.plan.findings.ProgramReport`
or :class:`~tpmprep.plan.roadmap.Roadmap`) and returns a titled matplotlib ``Figure`` with
units on its axes; a notebook shows it as a PNG.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from tpmprep.plots.base import new_figure

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

    from tpmprep.plan.findings import ProgramReport
    from tpmprep.plan.roadmap import Roadmap

__all__ = ["plot_program_gantt", "plot_resources", "plot_roadmap"]

CRITICAL = "#c0392b"
FLOAT = "#d5dbdb"
OVER = "#e74c3c"
UNDER = "#5d8aa8"
P85 = "#e67e22"


def _team_colors(teams: list[str]) -> dict[str, Any]:
    """One colour per team, leaving out the reds that mark the critical path and overloads."""
    from matplotlib import colormaps

    if len(teams) <= 9:
        cmap, skip = colormaps["tab10"], {3}
    else:
        cmap, skip = colormaps["tab20"], {6, 7}
    palette = [cmap(i) for i in range(cmap.N) if i not in skip]
    return {team: palette[i % len(palette)] for i, team in enumerate(teams)}


def _date_axis(ax: Any, program: Any) -> None:
    """Add dates along the top of a working-day axis when the program has a start date."""
    if program.start is None:
        return
    from matplotlib.ticker import FuncFormatter, MultipleLocator

    top = ax.secondary_xaxis("top")
    weeks = max(1, math.ceil(ax.get_xlim()[1] / 5 / 7))  # at most about 7 dates, whole weeks
    top.xaxis.set_major_locator(MultipleLocator(5 * weeks))
    top.xaxis.set_major_formatter(
        FuncFormatter(lambda x, _: program.date_of(max(0.0, x)).strftime("%d %b"))
    )
    top.tick_params(labelsize="small")


def plot_program_gantt(report: ProgramReport, title: str | None = None) -> Figure:
    """Gantt chart of a program at earliest start: teams, critical path, float, gates, milestones.

    Bars are coloured by team; critical tasks have a red outline and a red name; float is the
    grey tail after a bar; gates are hatched and labelled with their kind; milestones are
    diamonds. Dashed lines mark the finish and the Monte Carlo P85.

    Parameters
    ----------
    report : ProgramReport
        The plan's check (:func:`tpmprep.plan.findings.check_program`).
    title : str, optional
        Defaults to the program's name, finish and P85.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ScheduleError
        When the plan cannot be scheduled (a cycle or an unknown dependency).
    """
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    schedule = report.require_schedule()
    program = report.program
    tasks = list(program.tasks)
    teams = list(program.teams)
    colors = _team_colors(teams)
    n = len(tasks)
    fig = new_figure(10, min(40.0, 0.38 * n + 2.2))
    ax = fig.add_subplot()
    finish = schedule.duration
    label_size = "small" if n <= 40 else "x-small"
    for y, t in enumerate(tasks):
        tm = schedule.timings[t.name]
        color = colors[t.team]
        if t.milestone:
            ax.plot(
                tm.es,
                y,
                marker="D",
                markersize=9,
                color=CRITICAL if tm.critical else "black",
                zorder=3,
            )
        else:
            ax.barh(
                y,
                max(tm.duration, 0.05),
                left=tm.es,
                height=0.6,
                color=color,
                edgecolor=CRITICAL if tm.critical else "black",
                linewidth=2.0 if tm.critical else 0.5,
                hatch="///" if t.gate else None,
                zorder=2,
            )
        if tm.slack > 1e-6:
            ax.barh(y, tm.slack, left=tm.ef, height=0.25, color=FLOAT, zorder=1)
        if t.gate:
            ax.text(
                tm.ef + max(tm.slack, 0) + finish * 0.01,
                y,
                t.gate,
                va="center",
                fontsize="x-small",
                style="italic",
            )
    ax.set_yticks(range(n), labels=[t.name for t in tasks], fontsize=label_size)
    for tick, t in zip(ax.get_yticklabels(), tasks, strict=True):
        if schedule.timings[t.name].critical:
            tick.set_color(CRITICAL)
            tick.set_fontweight("bold")
    ax.set_ylim(n - 0.5, -0.5)  # top to bottom in plan order, no margin
    ax.axvline(finish, color="black", linestyle="--", linewidth=1)
    p85 = report.p85_days
    if p85 is not None and p85 > finish + 1e-6:
        ax.axvline(p85, color=P85, linestyle=":", linewidth=1.5)
    right = max(finish, p85 or 0.0)
    ax.set_xlim(0, right * 1.15 + 1)
    ax.set_xlabel("working days from start")
    ax.grid(axis="x", color="#eeeeee", zorder=0)
    _date_axis(ax, program)
    handles = [Patch(facecolor=colors[team], edgecolor="black", label=team) for team in teams]
    handles += [
        Patch(facecolor="white", edgecolor=CRITICAL, linewidth=2, label="critical path"),
        Patch(facecolor=FLOAT, label="float"),
        Patch(facecolor="white", edgecolor="black", hatch="///", label="gate"),
        Line2D([], [], marker="D", color="black", linestyle="none", label="milestone"),
        Line2D([], [], color="black", linestyle="--", label=f"finish, day {finish:g}"),
    ]
    if p85 is not None and p85 > finish + 1e-6:
        handles.append(Line2D([], [], color=P85, linestyle=":", label=f"P85, day {p85:.1f}"))
    ax.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
        fontsize="small",
        frameon=False,
    )
    if title is None:
        when = f" ({report.finish_date.isoformat()})" if report.finish_date else ""
        p85_text = f", P85 day {p85:.1f}" if p85 is not None else ""
        title = f"{program.name}: finish day {finish:g}{when}{p85_text}"
    ax.set_title(title)
    return fig


def plot_resources(report: ProgramReport, levelled: bool = False) -> Figure:
    """People needed against people available, by team and week (peak of each week).

    One panel per team: bars are the most people the team's tasks need at once in each week
    (5 working days), red where that exceeds the team's people (the dashed line). Teams
    without ``people`` show the need only.

    Parameters
    ----------
    report : ProgramReport
        The plan's check.
    levelled : bool
        Show the levelled schedule (every task waits for its people) instead of the
        earliest-start one.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ScheduleError
        When the plan cannot be scheduled.
    """
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    program = report.program
    weekly = report.weekly_load(levelled)
    teams = list(program.teams)
    cols = min(3, len(teams))
    rows = math.ceil(len(teams) / cols)
    fig = new_figure(4.0 * cols + 0.5, 2.6 * rows + 1.2)
    axes = fig.subplots(rows, cols, squeeze=False, sharex=True)
    weeks = list(range(1, report.weeks + 1))
    for i, team in enumerate(teams):
        ax = axes[i // cols][i % cols]
        need = weekly[team]
        cap = program.teams[team].people
        colors = [OVER if cap is not None and x > cap + 1e-9 else UNDER for x in need]
        ax.bar(weeks, need, color=colors, width=0.8)
        if cap is not None:
            ax.axhline(cap, color="black", linestyle="--", linewidth=1)
        top = max([*need, cap or 0.0, 1.0])
        ax.set_ylim(0, top * 1.2)
        people = f"{cap:g} people" if cap is not None else "capacity not managed"
        ax.set_title(f"{team} ({people})", fontsize="medium")
        ax.set_ylabel("people")
        if i // cols == rows - 1 or i + cols >= len(teams):
            ax.set_xlabel("week")
            ax.tick_params(labelbottom=True)
        from matplotlib.ticker import MaxNLocator

        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    for j in range(len(teams), rows * cols):
        axes[j // cols][j % cols].set_visible(False)
    fig.legend(
        handles=[
            Patch(color=UNDER, label="people needed (peak of the week)"),
            Patch(color=OVER, label="more than the team has"),
            Line2D([], [], color="black", linestyle="--", label="people the team has"),
        ],
        loc="outside lower center",
        ncols=3,
        fontsize="small",
        frameon=False,
    )
    which = "levelled schedule" if levelled else "earliest-start schedule"
    fig.suptitle(f"{program.name}: people needed by team and week ({which})")
    return fig


def _lanes(items: list[Any]) -> list[int]:
    """Pack items into rows so that none overlap in time; return each item's row."""
    ends: list[float] = []
    rows = []
    for item in items:
        for r, end in enumerate(ends):
            if item.start >= end - 1e-9:
                ends[r] = max(item.end, item.start + 1e-6)
                rows.append(r)
                break
        else:
            ends.append(max(item.end, item.start + 1e-6))
            rows.append(len(ends) - 1)
    return rows


def plot_roadmap(roadmap: Roadmap, title: str | None = None) -> Figure:
    """Roadmap by quarter: items in a lane per team, and each team's demand against capacity.

    The top panel draws every item as a bar in its team's lane (overlapping items stack),
    gates hatched, milestones as diamonds, quarter boundaries as vertical lines. The bottom
    panel is a grid of teams by quarters: ``demand / capacity`` in person-weeks, coloured by
    utilisation (green up to 85%, amber up to 100%, red above).

    Parameters
    ----------
    roadmap : Roadmap
        From :func:`tpmprep.plan.roadmap.roadmap` or :meth:`Roadmap.from_items`.
    title : str, optional
        Defaults to the roadmap's title.

    Returns
    -------
    matplotlib.figure.Figure
    """
    teams = list(roadmap.teams)
    colors = _team_colors(teams)
    by_team = {team: [i for i in roadmap.items if i.team == team] for team in teams}
    lanes = {team: _lanes(sorted(items, key=lambda i: i.start)) for team, items in by_team.items()}
    heights = {team: max(lanes[team], default=0) + 1 for team in teams}
    total_rows = sum(heights.values())
    grid_rows = len(teams)
    width = 11.0
    fig = new_figure(width, 0.34 * total_rows + 0.32 * grid_rows + 3.0)
    top, bottom = fig.subplots(
        2, 1, height_ratios=[max(total_rows, 2), max(grid_rows, 1) + 1.2]
    )
    # top: lanes
    y0 = 0.0
    ticks, tick_labels = [], []
    end = max(q.end for q in roadmap.quarters)
    for team in teams:
        items = sorted(by_team[team], key=lambda i: i.start)
        for item, lane in zip(items, lanes[team], strict=True):
            y = y0 + lane
            if item.kind == "milestone" or item.end - item.start <= 1e-9:
                top.plot(item.start, y, marker="D", color="black", markersize=7, zorder=3)
                top.text(item.start, y - 0.45, item.name, fontsize="x-small", ha="center")
                continue
            top.barh(
                y,
                item.end - item.start,
                left=item.start,
                height=0.7,
                color=colors[team],
                edgecolor="black",
                linewidth=0.5,
                hatch="///" if item.kind == "gate" else None,
                alpha=0.9,
            )
            label = f"{item.name} ({item.okr})" if item.okr else item.name
            bar_inches = (item.end - item.start) / end * width * 0.85
            if len(label) * 0.06 + 0.1 <= bar_inches:  # x-small text: about 0.06 in a letter
                top.text(
                    item.start + 0.01 * end,
                    y,
                    label,
                    va="center",
                    fontsize="x-small",
                    clip_on=True,
                )
        ticks.append(y0 + (heights[team] - 1) / 2)
        tick_labels.append(team)
        y0 += heights[team]
        top.axhline(y0 - 0.5, color="#cccccc", linewidth=0.5)
    for q in roadmap.quarters:
        top.axvline(q.start, color="grey", linewidth=0.8)
        top.text(
            (q.start + q.end) / 2,
            -0.9,
            q.label,
            ha="center",
            va="bottom",
            fontsize="small",
            fontweight="bold",
        )
    top.set_xlim(0, end)
    top.set_ylim(total_rows - 0.5, -1.1)
    top.set_yticks(ticks, labels=tick_labels, fontsize="small")
    top.set_xticks([])  # the quarters are the time axis
    # bottom: capacity grid
    labels = [q.label for q in roadmap.quarters]
    table = {(x.team, x.quarter): x for x in roadmap.loads()}
    for r, team in enumerate(teams):
        for c, label in enumerate(labels):
            x = table.get((team, label))
            if x is None:
                color, text = "#f4f4f4", "-"
            else:
                u = x.utilisation
                color = "#a9dfbf" if u <= 0.85 else "#f9e79f" if u <= 1.0 + 1e-9 else "#f5b7b1"
                text = f"{x.demand:.0f} / {x.capacity:.0f} pw"
            bottom.add_patch(
                _rect(c, r, color),
            )
            bottom.text(c + 0.5, r + 0.5, text, ha="center", va="center")
    bottom.set_xlim(0, len(labels))
    bottom.set_ylim(len(teams), 0)
    bottom.set_xticks([c + 0.5 for c in range(len(labels))], labels=labels, fontsize="small")
    bottom.set_yticks([r + 0.5 for r in range(len(teams))], labels=teams, fontsize="small")
    bottom.tick_params(length=0)
    bottom.set_title(
        "demand / capacity, person-weeks (green up to 85%, amber up to 100%, red over)",
        fontsize="small",
    )
    for side in ("top", "right", "bottom", "left"):
        bottom.spines[side].set_visible(False)
    top.set_title(title or roadmap.title)
    return fig


def _rect(x: float, y: float, color: str) -> Any:
    from matplotlib.patches import Rectangle

    return Rectangle((x, y), 1, 1, facecolor=color, edgecolor="white", linewidth=2)
