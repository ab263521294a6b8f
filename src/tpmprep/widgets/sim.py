"""Plots and panels for the simulations: load balancing, hashing, caches, rate limits, queues.

One-call plots return a matplotlib ``Figure`` with a title and labelled axes (units in the
labels). Panels are small classes holding their controls, so tests drive them with
``slider.value = ...``; they are shown with :func:`tpmprep.widgets.base.show_widget`, which
prints a readable summary where no widget can render (papermill, nbval, a terminal).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from tpmprep.plots.sim import _name, plot_hit_ratio, plot_server_load
from tpmprep.sim.cache import CACHE_POLICIES, hit_ratio_curve, zipf_trace
from tpmprep.sim.loadbalance import (
    POLICIES,
    PolicyComparison,
    simulate_load_balancing,
)
from tpmprep.widgets.base import Panel, draw

if TYPE_CHECKING:  # pragma: no cover
    pass

__all__ = [
    "EvictionPanel",
    "LoadBalancingPanel",
    "eviction_panel",
    "load_balancing_panel",
]


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


class EvictionPanel(Panel):
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


def eviction_panel(
    requests: int = 20_000,
    catalogue: int = 1_000,
    policies: Sequence[str] = ("lru", "lfu", "fifo"),
    seed: int = 0,
) -> EvictionPanel:
    """Show a :class:`EvictionPanel` and return it.

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
    EvictionPanel
        The panel (its controls can be driven from code).
    """
    panel = EvictionPanel(requests, catalogue, policies, seed)
    panel.show()
    return panel
