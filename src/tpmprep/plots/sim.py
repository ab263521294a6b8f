"""Plots for the simulations: load balancing, hashing, cache eviction, rate limits, queues."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from tpmprep.plots.base import new_figure
from tpmprep.sim.hashing import balance_by_virtual_nodes, keys_moved
from tpmprep.sim.loadbalance import balls_into_bins
from tpmprep.sim.mmc import simulate_mmc

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

    from tpmprep.sim.cache import HitRatioCurve
    from tpmprep.sim.loadbalance import PolicyComparison
    from tpmprep.sim.ratelimit import RateLimitResult

__all__ = [
    "plot_bin_loads",
    "plot_hit_ratio",
    "plot_keys_moved",
    "plot_latency_percentiles",
    "plot_queue_vs_erlang",
    "plot_rate_limit",
    "plot_ring_balance",
    "plot_server_load",
]


COLOURS = {
    "round_robin": "#5d8aa8",
    "random": "#c0392b",
    "least_connections": "#27ae60",
    "two_choices": "#8e44ad",
    "consistent_hashing": "#d68910",
    "lru": "#5d8aa8",
    "lfu": "#27ae60",
    "fifo": "#c0392b",
    "ttl": "#d68910",
}


def _figure(width: float = 8.0, height: float = 4.0, ncols: int = 1, nrows: int = 1):
    fig = new_figure(width, height)
    axes = fig.subplots(nrows, ncols, squeeze=False)
    return fig, axes


def _name(policy: str) -> str:
    return policy.replace("_", " ")


def plot_server_load(comparison: PolicyComparison) -> Figure:
    """Utilisation of each server under each policy, as grouped bars.

    Parameters
    ----------
    comparison : PolicyComparison
        From :func:`tpmprep.sim.loadbalance.compare_policies`.

    Returns
    -------
    matplotlib.figure.Figure
        The chart; a dashed line marks 100% (a server above it falls ever further behind).
    """
    import numpy as np

    fig, axes = _figure(9, 4)
    ax = axes[0, 0]
    results = list(comparison.results.values())
    caps = results[0].capacities
    x = np.arange(len(caps))
    width = 0.8 / len(results)
    for k, r in enumerate(results):
        ax.bar(
            x + (k - (len(results) - 1) / 2) * width,
            r.utilisation * 100,
            width,
            label=_name(r.policy),
            color=COLOURS.get(r.policy),
        )
    ax.axhline(100, color="black", linestyle="--", linewidth=1)
    ax.set_xticks(x, [f"{i}\n{c:g} req/s" for i, c in enumerate(caps)])
    ax.set_xlabel("server (capacity)")
    ax.set_ylabel("utilisation (% of capacity)")
    ax.set_title(f"Per-server load by policy (offered {results[0].arrival_rate:,.0f} req/s)")
    ax.legend(fontsize="small")
    return fig


def plot_latency_percentiles(comparison: PolicyComparison) -> Figure:
    """p50, p95 and p99 response time of each policy (log scale).

    Parameters
    ----------
    comparison : PolicyComparison
        From :func:`tpmprep.sim.loadbalance.compare_policies`.

    Returns
    -------
    matplotlib.figure.Figure
        Grouped bars, milliseconds on a log axis.
    """
    import numpy as np

    fig, axes = _figure(8, 4)
    ax = axes[0, 0]
    names = list(comparison.results)
    x = np.arange(len(names))
    for k, (q, shade) in enumerate(((50, 0.45), (95, 0.7), (99, 1.0))):
        values = [comparison[p].percentile(q) * 1e3 for p in names]
        ax.bar(x + (k - 1) * 0.27, values, 0.27, label=f"p{q}", color=(0.2, 0.3, 0.6, shade))
    ax.set_yscale("log")
    ax.set_xticks(x, [_name(p) for p in names])
    ax.set_xlabel("policy")
    ax.set_ylabel("response time (ms, log scale)")
    ax.set_title("Latency percentiles by load-balancing policy")
    ax.legend()
    return fig


def plot_bin_loads(bins: int = 1000, balls: int | None = None, seed: int = 0) -> Figure:
    """How many bins end with each load: one random choice against the better of two.

    Parameters
    ----------
    bins : int
        Number of bins (servers).
    balls : int, optional
        Number of balls (requests), default ``bins``.
    seed : int
        Seed.

    Returns
    -------
    matplotlib.figure.Figure
        Bars of bin count by load, with each policy's maximum in the legend.
    """
    import numpy as np

    one = balls_into_bins(bins, balls, choices=1, seed=seed)
    two = balls_into_bins(bins, balls, choices=2, seed=seed)
    fig, axes = _figure(8, 4)
    ax = axes[0, 0]
    top = max(one.max_load, two.max_load)
    k = np.arange(top + 1)
    for offset, r, colour, label in (
        (-0.2, one, COLOURS["random"], "random (1 choice)"),
        (0.2, two, COLOURS["two_choices"], "power of two choices"),
    ):
        counts = np.bincount(r.loads, minlength=top + 1)
        ax.bar(k + offset, counts, 0.4, color=colour, label=f"{label}: max {r.max_load}")
    ax.set_xlabel("balls in a bin (requests per server)")
    ax.set_ylabel("bins (count)")
    ax.set_title(f"{int(one.loads.sum()):,} balls into {bins:,} bins")
    ax.set_xticks(k)
    ax.legend()
    return fig


def plot_keys_moved(
    nodes: Iterable[int] = range(2, 21), keys: int = 20_000, virtual_nodes: int = 100, seed: int = 0
) -> Figure:
    """Share of keys that move when one node joins a cluster of ``n``: consistent vs modulo.

    Parameters
    ----------
    nodes : iterable of int
        Cluster sizes before the join.
    keys : int
        Keys placed.
    virtual_nodes : int
        Ring points per node.
    seed : int
        Seed.

    Returns
    -------
    matplotlib.figure.Figure
        Moved share against cluster size, with the ``1/(n+1)`` and ``n/(n+1)`` curves.
    """
    sizes = list(nodes)
    moves = [keys_moved(n, 1, keys=keys, virtual_nodes=virtual_nodes, seed=seed) for n in sizes]
    fig, axes = _figure(8, 4)
    ax = axes[0, 0]
    ax.plot(
        sizes,
        [m.modulo * 100 for m in moves],
        "o",
        color=COLOURS["random"],
        label="hash mod n (simulated)",
    )
    ax.plot(
        sizes,
        [n / (n + 1) * 100 for n in sizes],
        "-",
        color=COLOURS["random"],
        alpha=0.5,
        label="n/(n+1)",
    )
    ax.plot(
        sizes,
        [m.consistent * 100 for m in moves],
        "o",
        color=COLOURS["least_connections"],
        label=f"consistent hashing, {virtual_nodes} vnodes (simulated)",
    )
    ax.plot(
        sizes,
        [100 / (n + 1) for n in sizes],
        "-",
        color=COLOURS["least_connections"],
        alpha=0.5,
        label="1/(n+1)",
    )
    ax.set_ylim(0, 100)
    ax.set_xlabel("nodes before one more joins (n)")
    ax.set_ylabel("keys that move (% of keys)")
    ax.set_title("Keys moved when a node joins")
    ax.legend(fontsize="small")
    return fig


def plot_ring_balance(
    nodes: int = 10, virtual_nodes: Sequence[int] = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)
) -> Figure:
    """Balance of a consistent-hashing ring against virtual nodes per node.

    Parameters
    ----------
    nodes : int
        Number of nodes.
    virtual_nodes : sequence of int
        Virtual-node counts.

    Returns
    -------
    matplotlib.figure.Figure
        Max/mean share and coefficient of variation (with ``1/sqrt(v)``), log x axis.
    """
    points = balance_by_virtual_nodes(nodes, virtual_nodes)
    v = [p.virtual_nodes for p in points]
    fig, axes = _figure(9, 4, ncols=2)
    left, right = axes[0]
    left.plot(v, [p.max_mean for p in points], "o-", color=COLOURS["random"])
    left.axhline(1, color="black", linestyle="--", linewidth=1)
    left.set_xscale("log")
    left.set_xlabel("virtual nodes per node (log scale)")
    left.set_ylabel("largest share / mean share (ratio)")
    left.set_title("Busiest node")
    right.plot(v, [p.cv for p in points], "o", color=COLOURS["two_choices"], label="simulated")
    right.plot(v, [x**-0.5 for x in v], "-", color="grey", label="1/sqrt(v)")
    right.set_xscale("log")
    right.set_yscale("log")
    right.set_xlabel("virtual nodes per node (log scale)")
    right.set_ylabel("coefficient of variation of shares (ratio)")
    right.set_title("Spread of shares")
    right.legend()
    fig.suptitle(f"Ring balance with {nodes} nodes")
    return fig


def plot_hit_ratio(curve: HitRatioCurve, title: str = "Hit ratio against cache size") -> Figure:
    """Hit ratio against cache size for each policy (and the ideal static cache if known).

    Parameters
    ----------
    curve : HitRatioCurve
        From :func:`tpmprep.sim.cache.hit_ratio_curve`.
    title : str
        The plot's title.

    Returns
    -------
    matplotlib.figure.Figure
        Lines, cache size on a log axis.
    """
    fig, axes = _figure(8, 4)
    ax = axes[0, 0]
    for policy, ratios in curve.ratios.items():
        ax.plot(
            curve.sizes,
            [r * 100 for r in ratios],
            "o-",
            label=policy.upper(),
            color=COLOURS.get(policy),
        )
    if curve.ideal is not None:
        ax.plot(curve.sizes, [r * 100 for r in curve.ideal], "k--", label="ideal (top-C static)")
    ax.set_xscale("log")
    ax.set_ylim(0, 100)
    ax.set_xlabel("cache size (items, log scale)")
    ax.set_ylabel("hit ratio (% of requests)")
    ax.set_title(title)
    ax.legend()
    return fig


def plot_rate_limit(results: Sequence[RateLimitResult], bin_width: float | None = None) -> Figure:
    """Plot accepted and rejected requests over time, one panel per limiter.

    Parameters
    ----------
    results : sequence of RateLimitResult
        From :func:`tpmprep.sim.ratelimit.simulate_rate_limit`, over the same trace.
    bin_width : float, optional
        Seconds per bar (default: a tenth of the window).

    Returns
    -------
    matplotlib.figure.Figure
        Stacked bars per time bin; the title of each panel gives its busiest window.
    """
    results = list(results)
    fig, axes = _figure(9, 2.0 * len(results) + 0.5, nrows=len(results))
    for ax, r in zip(axes[:, 0], results, strict=True):
        edges, acc, rej = r.timeline(bin_width)
        width = edges[1] - edges[0]
        ax.bar(edges[:-1], acc, width, align="edge", color="#27ae60", label="accepted")
        ax.bar(edges[:-1], rej, width, bottom=acc, align="edge", color="#c0392b", label="rejected")
        ax.set_title(
            f"{_name(r.algorithm)}: busiest {r.window:g} s had {r.peak_window} accepted "
            f"(limit {r.limit})",
            fontsize="medium",
        )
        ax.set_ylabel(f"requests (per {width:g} s)")
    axes[-1, 0].set_xlabel("time (s)")
    axes[0, 0].legend(fontsize="small")
    fig.suptitle("Rate limiters: accepted and rejected requests over time")
    return fig


def plot_queue_vs_erlang(
    service_rate: float = 10.0,
    servers: int = 4,
    utilisations: Sequence[float] = (0.3, 0.5, 0.7, 0.8, 0.9),
    customers: int = 50_000,
    seed: int = 0,
) -> Figure:
    """Plot the simulated M/M/c mean wait against the Erlang C formula, across utilisation.

    Parameters
    ----------
    service_rate : float
        Customers per second one server completes.
    servers : int
        Number of servers.
    utilisations : sequence of float
        Offered utilisations to simulate, each below 1.
    customers : int
        Customers per simulation.
    seed : int
        Seed.

    Returns
    -------
    matplotlib.figure.Figure
        Simulated points and the Erlang C curve, milliseconds.
    """
    import numpy as np

    from tpmprep.estimate.queueing import mmc

    rhos = list(utilisations)
    sims = [
        simulate_mmc(
            r * servers * service_rate, service_rate, servers, customers=customers, seed=seed
        ).mean_wait
        * 1e3
        for r in rhos
    ]
    grid = np.linspace(min(rhos), max(rhos), 25)
    theory = [
        mmc(r * servers * service_rate, service_rate, servers).mean_wait.to("ms").magnitude
        for r in grid
    ]
    fig, axes = _figure(8, 4)
    ax = axes[0, 0]
    ax.plot(grid * 100, theory, "-", color="grey", label="Erlang C")
    ax.plot(
        np.array(rhos) * 100,
        sims,
        "o",
        color=COLOURS["two_choices"],
        label=f"simulated ({customers:,} customers each)",
    )
    ax.set_xlabel("utilisation (% of capacity)")
    ax.set_ylabel("mean wait in queue (ms)")
    ax.set_title(f"M/M/{servers}, service rate {service_rate:g}/s per server")
    ax.legend()
    return fig
