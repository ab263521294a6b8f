"""Plots of a design's evaluation: utilisation by component, and a load sweep.

``plot_utilisation(evaluation)`` draws one bar per component with a capacity (its utilisation
at the evaluated peak) against the 100% line and the utilisation target. ``plot_sweep(sweep)``
draws each flow's availability and mean latency against the load factor, with the saturated
region shaded; a saturated flow has no latency, so its line stops there (nothing infinite is
ever plotted).
"""

from __future__ import annotations

import math
from typing import Any

from tpmprep.plots.base import new_figure

__all__ = ["plot_sweep", "plot_utilisation"]

_OK, _OVER, _SATURATED = "#2e7d32", "#ef6c00", "#c62828"
MAX_NINES = 9.0  # availability closer to 100% than 99.9999999% is drawn at the top of the axis


def plot_utilisation(evaluation: Any) -> Any:
    """Plot the utilisation of every component with a capacity, against 100% and the target.

    Bars are green within the target, orange above it and red at 100% or more (their value is
    written beside them; a bar beyond 150% is drawn to the edge). Components without a capacity
    limit, and those down in a drill, are named under the axis.

    Parameters
    ----------
    evaluation : tpmprep.design.Evaluation
        The evaluation to draw.

    Returns
    -------
    matplotlib.figure.Figure
    """
    from tpmprep.design._quantity import percent

    rows = [r for r in evaluation.components.values() if r.utilisation is not None]
    others = [
        f"{r.name} ({'down' if r.down else 'no limit'})"
        for r in evaluation.components.values() if r.utilisation is None
    ]
    fig = new_figure(7.0, max(2.4, 0.45 * len(rows) + 1.6))
    ax = fig.subplots()
    target = evaluation.target * 100
    top = max([150.0, target * 1.1])
    names = [r.name for r in rows]
    values = [r.utilisation * 100 for r in rows]
    colours = [
        _SATURATED if v >= 100 - 1e-7 else (_OVER if v > target + 1e-7 else _OK) for v in values
    ]
    positions = list(range(len(rows)))
    ax.barh(positions, [min(v, top) for v in values], color=colours, height=0.6)
    for y, v in zip(positions, values, strict=True):
        ax.annotate(percent(v / 100), (min(v, top), y), xytext=(4, 0),
                    textcoords="offset points", va="center", fontsize=9)
    ax.axvline(100, color="#424242", linewidth=1.2, label="100% (saturated)")
    ax.axvline(target, color="#424242", linewidth=1.0, linestyle="--",
               label=f"target {percent(evaluation.target)}")
    ax.set_yticks(positions, names)
    ax.invert_yaxis()
    ax.set_xlim(0, top * 1.08)
    scale = "" if evaluation.scale == 1 else f" x {evaluation.scale:g}"
    ax.set_title(f"Utilisation at peak{scale}: {evaluation.design}")
    ax.set_xlabel("Utilisation at peak (% of capacity)")
    ax.legend(loc="lower right", fontsize=8)
    ax.grid(True, axis="x", alpha=0.3)
    if others:
        fig.text(0.01, 0.01, "Not drawn: " + ", ".join(others), fontsize=8, color="#616161")
    return fig


def _nines(availability: float) -> float:
    if availability >= 1.0:
        return MAX_NINES
    return min(MAX_NINES, -math.log10(1.0 - availability))


def plot_sweep(sweep: Any) -> Any:
    """Plot each flow's availability and mean latency against the load factor.

    Availability is drawn in nines (3 is 99.9%, labelled as percentages; 0% at the bottom,
    at most 99.9999999% at the top). Latency stops where a flow saturates; the region from
    the saturation factor on is shaded and names the bottleneck. A dotted line marks the
    design's peak (factor 1).

    Parameters
    ----------
    sweep : tpmprep.design.Sweep
        The result of ``tpmprep.design.sweep``.

    Returns
    -------
    matplotlib.figure.Figure
    """
    from matplotlib.ticker import FuncFormatter, MultipleLocator

    fig = new_figure(7.5, 5.6)
    ax_a, ax_l = fig.subplots(2, 1, sharex=True)
    factors = list(sweep.factors)
    highest = 0.0
    for flow in sweep.flows:
        ax_a.plot(factors, [_nines(a) for a in sweep.availability(flow)], label=flow)
        latency = [math.nan if v is None else v for v in sweep.latency_ms(flow)]
        ax_l.plot(factors, latency, label=flow)
        finite = [v for v in latency if not math.isnan(v)]
        if finite:
            highest = max(highest, finite[0])
    ax_a.yaxis.set_major_locator(MultipleLocator(1))
    ax_a.yaxis.set_major_formatter(FuncFormatter(_nines_label))
    ax_a.set_ylim(0, MAX_NINES + 0.3)
    ax_a.set_ylabel("Availability")
    ax_l.set_ylabel("Mean latency (ms)")
    if highest > 0:
        ax_l.set_ylim(0, 6 * highest)  # the climb near saturation runs off the top
    for ax in (ax_a, ax_l):
        if sweep.saturation_factor is not None and sweep.saturation_factor <= factors[-1]:
            ax.axvspan(sweep.saturation_factor, factors[-1], color=_SATURATED, alpha=0.12)
        if factors[0] <= 1 <= factors[-1]:
            ax.axvline(1, color="#424242", linestyle=":", linewidth=1)
        ax.grid(True, alpha=0.3)
    if sweep.saturation_factor is not None and sweep.saturation_factor <= factors[-1]:
        ax_l.annotate(
            f"saturated from x{sweep.saturation_factor:.3g} ({sweep.bottleneck})",
            (sweep.saturation_factor, 1), xycoords=("data", "axes fraction"),
            xytext=(4, -12), textcoords="offset points", fontsize=8, color=_SATURATED,
        )
    ax_a.legend(fontsize=8, loc="lower left")
    ax_a.set_title(f"Load sweep: {sweep.design} (peak x1 = {sweep.peak:,.0f} req/s)")
    ax_l.set_xlabel("Load factor (x the design's peak)")
    ax_l.set_xlim(0, factors[-1])
    return fig


def _nines_label(value: float, _position: Any) -> str:
    if value <= 0:
        return "0%"
    text = f"{100 * (1 - 10 ** -value):.{max(0, round(value) - 2)}f}"
    return f"{text}%"
