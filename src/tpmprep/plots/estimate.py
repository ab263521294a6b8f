"""Plots for the calculators: hit ratio against cache size, response time against utilisation."""

from __future__ import annotations

from typing import Any

from tpmprep.plots.base import new_figure
from tpmprep.units import Q, fmt

__all__ = [
    "plot_latency_vs_utilisation",
    "plot_zipf_hit_ratio",
]


def plot_zipf_hit_ratio(
    catalogue_items: int, s: float = 1.0, cache_items: int | None = None
) -> Any:
    """Plot the hit ratio of an ideal cache against its size, under Zipf(s) popularity.

    Parameters
    ----------
    catalogue_items : int
        Items in the catalogue (at least 10).
    s : float
        Zipf exponent (0 is uniform popularity).
    cache_items : int, optional
        A cache size to mark on the curve.

    Returns
    -------
    matplotlib.figure.Figure
    """
    import numpy as np

    from tpmprep.estimate.cache import zipf_hit_ratio

    n = int(catalogue_items)
    # From 0.001% of the catalogue (or one item) to all of it: the slider's range.
    smallest = max(1.0, n * 1e-5)
    sizes = np.unique(np.logspace(np.log10(smallest), np.log10(n), 40).astype(np.int64))
    ratios = [zipf_hit_ratio(int(c), n, s) for c in sizes]
    fig = new_figure(6.4, 3.6)
    ax = fig.subplots()
    ax.semilogx(sizes / n * 100, np.array(ratios) * 100, color="#1f77b4")
    if cache_items is not None:
        mark = zipf_hit_ratio(int(cache_items), n, s)
        ax.plot([cache_items / n * 100], [mark * 100], "o", color="#d62728")
        ax.annotate(
            f"{mark:.0%}",
            (cache_items / n * 100, mark * 100),
            xytext=(6, 6),
            textcoords="offset points",
        )
    # Plain tick labels (0.01%, 1%, ...) instead of mathtext powers: several times faster to draw.
    from matplotlib.ticker import FuncFormatter, NullLocator

    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: f"{x:g}%"))
    ax.xaxis.set_minor_locator(NullLocator())
    ax.set_title(f"Hit ratio vs cache size, Zipf s = {s:g}, {fmt(n)} items")
    ax.set_xlabel("Cache size (% of the catalogue, log scale)")
    ax.set_ylabel("Hit ratio (%)")
    ax.set_ylim(0, 100)
    ax.grid(True, alpha=0.3)
    return fig


def plot_latency_vs_utilisation(
    service_time: Any, servers: int = 4, utilisation: float | None = None
) -> Any:
    """Plot mean response time against utilisation for M/M/1 and M/M/c at the same service time.

    Parameters
    ----------
    service_time : str or pint.Quantity
        Mean service time of one request on one server (``"10 ms"``).
    servers : int
        Servers c of the M/M/c curve.
    utilisation : float, optional
        A utilisation to mark on both curves, in [0, 1).

    Returns
    -------
    matplotlib.figure.Figure
    """
    from tpmprep.estimate.queueing import latency_curve

    mu = (1 / Q(service_time)).to("1/s")
    fig = new_figure(6.4, 3.6)
    ax = fig.subplots()
    curves = [(1, "#d62728")] + ([(servers, "#1f77b4")] if servers > 1 else [])
    for c, colour in curves:
        curve = latency_curve(mu, c, points=60, max_utilisation=0.95)
        ax.plot(
            curve.utilisation * 100,
            curve.mean_response.to("ms").magnitude,
            color=colour,
            label=f"M/M/{c}",
        )
        if utilisation is not None:
            from tpmprep.estimate.queueing import mmc

            at = mmc(mu * utilisation * c, mu, c).mean_response.to("ms").magnitude
            ax.plot([utilisation * 100], [at], "o", color=colour)
    ax.set_title(f"Mean response time vs utilisation, service time {fmt(Q(service_time))}")
    ax.set_xlabel("Utilisation (%)")
    ax.set_ylabel("Mean response time (ms)")
    ax.set_xlim(0, 100)
    ax.set_ylim(bottom=0)
    ax.grid(True, alpha=0.3)
    ax.legend()
    return fig
