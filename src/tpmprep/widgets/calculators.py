"""Calculator panels for estimation: traffic, storage, cache, availability and queueing.

Each panel is a column of labelled inputs (units in the labels), a result line written with
``fmt``, and, where a picture teaches, a plot redrawn on every change (hit ratio against cache
size under Zipf popularity; latency against utilisation for M/M/1 and M/M/c). The numbers come
from the calculators in ``tpmprep.estimate``; the panels only read inputs and draw.

A panel is shown with ``show_widget``: live in JupyterLab, a one-paragraph text summary under
papermill, nbval or in a terminal. Plots are PNG images set on an ``ipywidgets.Output``'s
``outputs``, so they render in JupyterLab, are saved with the notebook's widget state, never
leak to a cell's stdout under nbval, and can be tested without a kernel.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable
from typing import Any

import ipywidgets as widgets

from tpmprep.plots.estimate import plot_latency_vs_utilisation, plot_zipf_hit_ratio
from tpmprep.units import Q, fmt
from tpmprep.widgets import base

__all__ = [
    "Panel",
    "availability_panel",
    "cache_sizing_panel",
    "queueing_panel",
    "storage_panel",
    "traffic_panel",
]

_STYLE = {"description_width": "16em"}
_LAYOUT = {"width": "38em"}


def _slider(kind: type, description: str, value: float, **kwargs: Any) -> Any:
    """Build a slider that updates on release (so a drag redraws once, not fifty times)."""
    return kind(
        value=value,
        description=description,
        continuous_update=False,
        style=_STYLE,
        layout=_LAYOUT,
        **kwargs,
    )


# Round numbers a person would type, per decade: a slider over them reads exactly the value it
# uses (a log slider reading "130" would use 125.89, 10^2.1).
_LADDER = (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8)


def _ladder(low: float, high: float, value: float) -> list[float]:
    """Return the round numbers from ``low`` to ``high`` (powers of ten), with ``value``."""
    steps = {
        float(round(m * 10**e, 12))
        for e in range(math.floor(math.log10(low)), math.ceil(math.log10(high)) + 1)
        for m in _LADDER
    }
    return sorted({v for v in steps if low <= v <= high} | {float(value)})


def _round_slider(description: str, value: float, low: float, high: float) -> Any:
    """Build a slider over round numbers whose readout is the number used (``fmt``: 10M, 1.5K)."""
    return _slider(
        widgets.SelectionSlider,
        description,
        float(value),
        options=[(fmt(v), v) for v in _ladder(low, high, value)],
    )


def _text(description: str, value: str) -> widgets.Text:
    return widgets.Text(
        value=value, description=description, continuous_update=False, style=_STYLE, layout=_LAYOUT
    )


class Panel(base.Panel):
    """A calculator panel: labelled inputs, a result line and an optional plot.

    Parameters
    ----------
    title : str
        Heading of the panel.
    controls : dict[str, ipywidgets.ValueWidget]
        Inputs by name; their labels carry the units.
    calculate : callable
        ``calculate(values) -> str``: the result line for the current values (a dict by
        control name). A ``ValueError`` (every ``tpmprep`` input error is one) is shown as a
        message in the result line instead of a result.
    plot : callable, optional
        ``plot(values) -> matplotlib.figure.Figure``, redrawn after every successful calculation.

    Attributes
    ----------
    widget : ipywidgets.VBox
        The whole panel.
    result : ipywidgets.HTML
        The result line.
    line : str
        The result line as plain text.
    figure : ipywidgets.Output or None
        Where the plot is drawn.
    redraws : int
        How many times the plot has been drawn (tests use it).
    """

    def __init__(
        self,
        title: str,
        controls: dict[str, Any],
        calculate: Callable[[dict[str, Any]], str],
        plot: Callable[[dict[str, Any]], Any] | None = None,
    ):
        self.title = title
        self.controls = controls
        self._calculate = calculate
        self._plot = plot
        self.result = widgets.HTML()
        self.figure = widgets.Output() if plot is not None else None
        self.redraws = 0
        self.line = ""
        parts: list[Any] = [widgets.HTML(f"<b>{html.escape(title)}</b>"), *controls.values()]
        parts.append(self.result)
        if self.figure is not None:
            parts.append(self.figure)
        self.widget = widgets.VBox(parts)
        for control in controls.values():
            control.observe(self._changed, names="value")
        self.update()

    def values(self) -> dict[str, Any]:
        """Return the current input values, by control name."""
        return {name: control.value for name, control in self.controls.items()}

    def _changed(self, change: Any) -> None:
        self.update()

    def update(self) -> None:
        """Recalculate the result line and redraw the plot from the current inputs."""
        values = self.values()
        try:
            self.line = self._calculate(values)
        except ValueError as err:  # InputError and CalculationError are ValueErrors
            self.line = f"Check the inputs: {err}"
            self.result.value = f"<span style='color:#b00'>{html.escape(self.line)}</span>"
            return
        self.result.value = f"<b>→</b> {html.escape(self.line)}"
        if self._plot is not None and self.figure is not None:
            fig = self._plot(values)
            base.draw(self.figure, fig, f"plot: {self.title}")
            self.redraws += 1

    def text(self) -> str:
        """Return the plain-text summary shown where widgets cannot render."""
        inputs = "; ".join(
            f"{control.description} = {_plain(control.value)}" for control in self.controls.values()
        )
        return f"{self.title} (interactive in JupyterLab). Inputs: {inputs}.\nResult: {self.line}"


def _plain(value: Any) -> str:
    """Write an input value for the text summary: numbers compactly (10M, 2.5), text as is."""
    if isinstance(value, float):
        return fmt(value)
    return str(value)


# --- traffic -------------------------------------------------------------------------------


def traffic_panel(
    users: float = 10e6, requests_per_user: float = 20, peak_factor: float = 2.0
) -> Panel:
    """Show a traffic calculator: users and requests per user to average and peak rates.

    Parameters
    ----------
    users : float
        Daily active users to start with.
    requests_per_user : float
        Requests per user per day to start with.
    peak_factor : float
        Peak-to-average ratio to start with.

    Returns
    -------
    Panel
        The displayed panel: its ``controls``, ``result``, ``line`` and ``view``.
    """
    from tpmprep.estimate.traffic import traffic_estimate

    controls = {
        "users": _round_slider("Daily active users", users, 1e4, 1e10),
        "requests_per_user": _round_slider(
            "Requests per user (per day)", requests_per_user, 1, 1e3
        ),
        "peak_factor": _slider(
            widgets.FloatSlider,
            "Peak ÷ average (×)",
            peak_factor,
            min=1,
            max=10,
            step=0.5,
            readout_format=".1f",
        ),
    }

    def calculate(v: dict[str, Any]) -> str:
        t = traffic_estimate(
            v["users"], Q(v["requests_per_user"], "1/day"), peak_factor=v["peak_factor"]
        )
        return (
            f"{fmt(t.daily)} · average {fmt(t.average)} · peak {fmt(t.peak)} "
            f"(a day is 86,400 s; 10⁵ s puts the average 14% low)"
        )

    return Panel("Traffic: users → requests per second", controls, calculate).show()


# --- storage -------------------------------------------------------------------------------


def storage_panel(
    items_per_day: float = 10e6,
    item_size: str = "500 KB",
    retention_years: float = 5,
    replication: int = 3,
    compression: float = 1.0,
) -> Panel:
    """Show a storage calculator: items per day × size × copies ÷ compression, over retention.

    Parameters
    ----------
    items_per_day : float
        New items per day to start with.
    item_size : str
        Size of one item, with a unit (``"500 KB"``).
    retention_years : float
        Years the data is kept.
    replication : int
        Copies stored, original included.
    compression : float
        Compression ratio (1 is none).

    Returns
    -------
    Panel
        The displayed panel: its ``controls``, ``result``, ``line`` and ``view``.
    """
    from tpmprep.estimate.storage import storage_estimate

    controls = {
        "items_per_day": _round_slider("New items (per day)", items_per_day, 1e3, 1e11),
        "item_size": _text("Size of one item (with unit)", item_size),
        "retention_years": _slider(
            widgets.FloatSlider,
            "Retention (years)",
            retention_years,
            min=0.5,
            max=20,
            step=0.5,
            readout_format=".1f",
        ),
        "replication": _slider(widgets.IntSlider, "Copies (×)", replication, min=1, max=6),
        "compression": _slider(
            widgets.FloatSlider,
            "Compression ratio (×)",
            compression,
            min=1,
            max=10,
            step=0.5,
            readout_format=".1f",
        ),
    }

    def calculate(v: dict[str, Any]) -> str:
        s = storage_estimate(
            Q(v["items_per_day"], "1/day"),
            v["item_size"],
            retention=Q(v["retention_years"], "year"),
            replication=v["replication"],
            compression=v["compression"],
        )
        return f"{fmt(s.per_day)} · {fmt(s.per_year)} a year · {fmt(s.total)} over the retention"

    return Panel("Storage: growth and total over the retention", controls, calculate).show()


# --- cache ---------------------------------------------------------------------------------


def cache_sizing_panel(
    catalogue_items: float = 100e6,
    cache_share: float = 1.0,
    s: float = 0.9,
    item_size: str = "2 KB",
    hit_latency: str = "1 ms",
    miss_latency: str = "20 ms",
) -> Panel:
    """Show a cache calculator: hit ratio under Zipf, memory and effective latency, with a plot.

    Parameters
    ----------
    catalogue_items : float
        Items in the catalogue.
    cache_share : float
        Share of the catalogue cached, in percent.
    s : float
        Zipf exponent of popularity.
    item_size : str
        Size of one cached item, with a unit.
    hit_latency, miss_latency : str
        Latency of a hit and of a miss, with units.

    Returns
    -------
    Panel
        The displayed panel: its ``controls``, ``result``, ``line``, ``figure`` and ``view``.
    """
    from tpmprep.estimate.cache import effective_latency, working_set_memory, zipf_hit_ratio

    controls = {
        "catalogue_items": _round_slider("Items in the catalogue", catalogue_items, 1e3, 1e10),
        "cache_share": _round_slider("Cached share (% of items)", cache_share, 1e-3, 100),
        "s": _slider(
            widgets.FloatSlider,
            "Zipf exponent s",
            s,
            min=0,
            max=1.5,
            step=0.05,
            readout_format=".2f",
        ),
        "item_size": _text("Size of one item (with unit)", item_size),
        "hit_latency": _text("Latency of a hit (with unit)", hit_latency),
        "miss_latency": _text("Latency of a miss (with unit)", miss_latency),
    }

    def cached(v: dict[str, Any]) -> int:
        return max(1, round(v["catalogue_items"] * v["cache_share"] / 100))

    def calculate(v: dict[str, Any]) -> str:
        n = round(v["catalogue_items"])
        c = cached(v)
        h = zipf_hit_ratio(c, n, v["s"])
        memory = working_set_memory(c, v["item_size"])
        latency = effective_latency(h, v["hit_latency"], v["miss_latency"])
        return (
            f"{fmt(c)} items cached: hit ratio {h:.1%} · memory {fmt(memory)} · "
            f"mean latency {fmt(latency)}"
        )

    def plot(v: dict[str, Any]) -> Any:
        return plot_zipf_hit_ratio(round(v["catalogue_items"]), v["s"], cached(v))

    return Panel("Cache: hit ratio, memory and latency", controls, calculate, plot).show()


# --- availability --------------------------------------------------------------------------


def availability_panel(
    availability: str = "99.9%",
    in_series: int = 3,
    replicas: int = 1,
    window: str = "30 days",
    error_ratio: str = "0.5%",
) -> Panel:
    """Show an availability calculator: components in series and replicas, downtime, budget.

    Parameters
    ----------
    availability : str
        Availability of one component (``"99.9%"`` or ``"0.999"``).
    in_series : int
        Components a request needs, all of them (in series).
    replicas : int
        Independent replicas of each component (in parallel).
    window : str
        The SLO window.
    error_ratio : str
        The observed share of failed requests, for the burn rate.

    Returns
    -------
    Panel
        The displayed panel: its ``controls``, ``result``, ``line`` and ``view``.
    """
    from tpmprep.estimate.availability import burn_rate, downtime, error_budget, parallel, series

    controls = {
        "availability": _text("One component's availability", availability),
        "in_series": _slider(widgets.IntSlider, "Components in series", in_series, min=1, max=10),
        "replicas": _slider(
            widgets.IntSlider, "Replicas of each (parallel)", replicas, min=1, max=4
        ),
        "window": widgets.Dropdown(
            options=["30 days", "1 week", "1 year"],
            value=window,
            description="SLO window",
            style=_STYLE,
            layout=_LAYOUT,
        ),
        "error_ratio": _text("Observed error ratio", error_ratio),
    }

    def calculate(v: dict[str, Any]) -> str:
        one = v["availability"].strip()
        replicated = parallel(*([one] * v["replicas"]))
        total = series(*([replicated] * v["in_series"]))
        if total >= 1:
            return f"system availability {total:.6%}: no downtime at this precision"
        down = downtime(total, v["window"])
        budget = error_budget(total, v["window"])
        rate = burn_rate(v["error_ratio"].strip(), total)
        return (
            f"system availability {total:.4%} · downtime {fmt(down)} per {v['window']} · "
            f"error budget {fmt(budget)} · burn rate {rate:.3g}× "
            f"({'budget gone early' if rate > 1 else 'within budget'})"
        )

    return Panel("Availability: series, replicas and the error budget", controls, calculate).show()


# --- queueing ------------------------------------------------------------------------------


def queueing_panel(
    service_time_ms: float = 10.0, servers: int = 8, utilisation: float = 70.0
) -> Panel:
    """Show a queueing calculator (M/M/c, Erlang C) with latency against utilisation.

    Parameters
    ----------
    service_time_ms : float
        Mean service time of one request, in milliseconds.
    servers : int
        Servers (workers) sharing one queue.
    utilisation : float
        Utilisation of each server, in percent (below 100).

    Returns
    -------
    Panel
        The displayed panel: its ``controls``, ``result``, ``line``, ``figure`` and ``view``.
    """
    from tpmprep.estimate.queueing import mmc

    controls = {
        "service_time_ms": _slider(
            widgets.FloatSlider,
            "Service time (ms)",
            service_time_ms,
            min=1,
            max=200,
            step=1,
            readout_format=".0f",
        ),
        "servers": _slider(widgets.IntSlider, "Servers sharing a queue", servers, min=1, max=64),
        "utilisation": _slider(
            widgets.FloatSlider,
            "Utilisation (%)",
            utilisation,
            min=5,
            max=95,
            step=5,
            readout_format=".0f",
        ),
    }

    def calculate(v: dict[str, Any]) -> str:
        mu = (1 / Q(v["service_time_ms"], "ms")).to("1/s")
        arrivals = mu * v["servers"] * v["utilisation"] / 100
        stats = mmc(arrivals, mu, v["servers"])
        one = mmc(mu * v["utilisation"] / 100, mu, 1)
        return (
            f"{fmt(arrivals)} arriving: P(wait) {stats.wait_probability:.1%} · mean wait "
            f"{fmt(stats.mean_wait)} · mean response {fmt(stats.mean_response)} "
            f"(one server alone at the same utilisation: {fmt(one.mean_response)})"
        )

    def plot(v: dict[str, Any]) -> Any:
        return plot_latency_vs_utilisation(
            Q(v["service_time_ms"], "ms"), v["servers"], v["utilisation"] / 100
        )

    return Panel("Queueing: latency against utilisation", controls, calculate, plot).show()
