"""Plots and panels for the simulations: load balancing, hashing, caches, rate limits, queues.

One-call plots return a matplotlib ``Figure`` with a title and labelled axes (units in the
labels). Panels are small classes holding their controls, so tests drive them with
``slider.value = ...``; they are shown with :func:`tpmprep.widgets.base.show_widget`, which
prints a readable summary where no widget can render (papermill, nbval, a terminal).
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from tpmprep.sim.cache import CACHE_POLICIES, HitRatioCurve, hit_ratio_curve, zipf_trace
from tpmprep.sim.hashing import balance_by_virtual_nodes, keys_moved
from tpmprep.sim.loadbalance import (
    POLICIES,
    PolicyComparison,
    balls_into_bins,
    simulate_load_balancing,
)
from tpmprep.sim.queueing import simulate_mmc
from tpmprep.sim.ratelimit import RateLimitResult
from tpmprep.widgets.base import Panel, draw, new_figure

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

__all__ = [
    "CachePanel",
    "LoadBalancingPanel",
    "cache_panel",
    "load_balancing_panel",
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


class LoadBalancingPanel(Panel):
    """Pick a policy and the conditions; watch per-server load and latency move.

    Parameters
    ----------
    requests : int
        Requests per run (default 50,000: a fraction of a second).
    seed : int
        Seed; every run uses the same arrivals, so differences come from the policy.

    Attributes
    ----------
    policy : ipywidgets.Dropdown
    load : ipywidgets.FloatSlider
        Offered load, share of total capacity.
    cost_cv : ipywidgets.FloatSlider
        Variability of request cost (0: all equal, 1: exponential).
    slow_server : ipywidgets.Checkbox
        Make one of the 8 servers a quarter as fast (heterogeneous servers).
    report : ipywidgets.HTML
        The run's summary.
    result : LoadBalancingResult
        The latest run.
    figure : matplotlib.figure.Figure
        The latest chart.
    """

    def __init__(self, requests: int = 50_000, seed: int = 0):
        self.requests = requests
        self.seed = seed
        self.policy = w.Dropdown(
            options=[(_name(p), p) for p in POLICIES], value="random", description="Policy"
        )
        self.load = w.FloatSlider(
            value=0.7, min=0.1, max=0.95, step=0.05, description="Load", continuous_update=False
        )
        self.cost_cv = w.FloatSlider(
            value=1.0, min=0.0, max=4.0, step=0.5, description="Cost CV", continuous_update=False
        )
        self.slow_server = w.Checkbox(value=False, description="one slow server")
        self.report = w.HTML()
        self.out = w.Output()
        self.widget = w.VBox(
            [
                w.HBox([self.policy, self.slow_server]),
                w.HBox([self.load, self.cost_cv]),
                self.report,
                self.out,
            ]
        )
        for control in (self.policy, self.load, self.cost_cv, self.slow_server):
            control.observe(self._update, names="value")
        self._update()

    def servers(self) -> list[float]:
        """Capacities in use: eight at 100 req/s, one of them at 25 if ``slow_server``.

        Returns
        -------
        list of float
            Capacities, req/s.
        """
        caps = [100.0] * 8
        if self.slow_server.value:
            caps[-1] = 25.0
        return caps

    def _update(self, change: Any = None) -> None:
        self.result = simulate_load_balancing(
            self.policy.value,
            servers=self.servers(),
            requests=self.requests,
            load=self.load.value,
            cost_cv=self.cost_cv.value,
            seed=self.seed,
        )
        self.report.value = f"<pre>{html.escape(self.result.summary())}</pre>"
        self.figure = plot_server_load(PolicyComparison({self.policy.value: self.result}))
        draw(self.out, self.figure)

    def text(self) -> str:
        """Headless stand-in: the current run's summary."""
        return (
            f"{self.result.summary()}\n(Open in JupyterLab to change the policy, load, request "
            "cost and server mix.)"
        )


def load_balancing_panel(requests: int = 50_000, seed: int = 0) -> LoadBalancingPanel:
    """Show a :class:`LoadBalancingPanel` and return it.

    Parameters
    ----------
    requests : int
        Requests per run.
    seed : int
        Seed.

    Returns
    -------
    LoadBalancingPanel
        The panel (its controls can be driven from code).
    """
    panel = LoadBalancingPanel(requests, seed)
    panel.show()
    return panel


class CachePanel(Panel):
    """Slide the cache size and the Zipf skew; compare hit ratios of the eviction policies.

    Parameters
    ----------
    requests : int
        Trace length (default 20,000).
    catalogue : int
        Distinct items (default 1,000).
    policies : sequence of str
        Policies to compare (``ttl`` is left out: it needs a time-to-live).
    seed : int
        Seed of the trace.

    Attributes
    ----------
    size : ipywidgets.IntSlider
        Cache size, items.
    skew : ipywidgets.FloatSlider
        Zipf exponent of popularity.
    report : ipywidgets.HTML
        Hit ratio of each policy at the chosen size.
    curve : HitRatioCurve
        The latest curves.
    ratios : dict of str to float
        Hit ratio per policy at the chosen size.
    figure : matplotlib.figure.Figure
        The latest chart.
    """

    def __init__(
        self,
        requests: int = 20_000,
        catalogue: int = 1_000,
        policies: Sequence[str] = ("lru", "lfu", "fifo"),
        seed: int = 0,
    ):
        self.requests, self.catalogue, self.seed = requests, catalogue, seed
        self.policies = [p for p in policies if p in CACHE_POLICIES]
        self.size = w.IntSlider(
            value=100,
            min=10,
            max=catalogue // 2,
            step=10,
            description="Cache size",
            continuous_update=False,
        )
        self.skew = w.FloatSlider(
            value=1.0, min=0.0, max=1.5, step=0.1, description="Zipf s", continuous_update=False
        )
        self.report = w.HTML()
        self.out = w.Output()
        self.widget = w.VBox([w.HBox([self.size, self.skew]), self.report, self.out])
        self.size.observe(self._update, names="value")
        self.skew.observe(self._update, names="value")
        self._update()

    def _sizes(self) -> list[int]:
        grid = {10, 20, 50, 100, 200, 500, self.size.value}
        return sorted(s for s in grid if s <= self.catalogue)

    def _update(self, change: Any = None) -> None:
        trace = zipf_trace(self.requests, self.catalogue, self.skew.value, seed=self.seed)
        self.curve = hit_ratio_curve(
            trace, self._sizes(), self.policies, catalogue=self.catalogue, s=self.skew.value
        )
        i = self.curve.sizes.index(self.size.value)
        self.ratios = {p: r[i] for p, r in self.curve.ratios.items()}
        self.ratios["ideal"] = self.curve.ideal[i]
        self.report.value = f"<pre>{html.escape(self._line())}</pre>"
        self.figure = plot_hit_ratio(
            self.curve,
            title=f"Hit ratio, Zipf s={self.skew.value:g} over {self.catalogue:,} items",
        )
        self.figure.axes[0].axvline(self.size.value, color="grey", linewidth=1)
        draw(self.out, self.figure)

    def _line(self) -> str:
        parts = ", ".join(f"{p.upper()} {r:.1%}" for p, r in self.ratios.items())
        return (
            f"Cache of {self.size.value:,} of {self.catalogue:,} items, Zipf s="
            f"{self.skew.value:g}, {self.requests:,} requests: {parts}"
        )

    def text(self) -> str:
        """Headless stand-in: the hit-ratio table."""
        return (
            f"{self._line()}\n{self.curve.summary()}\n(Open in JupyterLab to slide the cache size "
            "and the skew.)"
        )


def cache_panel(
    requests: int = 20_000,
    catalogue: int = 1_000,
    policies: Sequence[str] = ("lru", "lfu", "fifo"),
    seed: int = 0,
) -> CachePanel:
    """Show a :class:`CachePanel` and return it.

    Parameters
    ----------
    requests : int
        Trace length.
    catalogue : int
        Distinct items.
    policies : sequence of str
        Policies to compare.
    seed : int
        Seed.

    Returns
    -------
    CachePanel
        The panel (its controls can be driven from code).
    """
    panel = CachePanel(requests, catalogue, policies, seed)
    panel.show()
    return panel
