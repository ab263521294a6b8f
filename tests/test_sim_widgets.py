"""Simulation plots and panels: titles and labelled axes, panels that react to their controls."""

from __future__ import annotations

import pytest
from matplotlib.figure import Figure

from tpmprep.plots import sim as plots
from tpmprep.sim.cache import hit_ratio_curve, zipf_trace
from tpmprep.sim.loadbalance import compare_policies
from tpmprep.sim.ratelimit import LIMITERS, boundary_burst_trace, simulate_rate_limit
from tpmprep.widgets import sim as ws


def _labelled(fig: Figure) -> None:
    assert isinstance(fig, Figure)
    title = fig.get_suptitle() or fig.axes[0].get_title()
    assert title
    for ax in fig.axes:
        assert ax.get_ylabel() and "(" in ax.get_ylabel()  # a unit or a scale in brackets
    assert any(ax.get_xlabel() for ax in fig.axes)


@pytest.fixture(scope="module")
def comparison():
    return compare_policies(servers=[100, 100, 50], requests=5_000, seed=0)


@pytest.mark.parametrize(
    "make",
    [
        lambda c: plots.plot_server_load(c),
        lambda c: plots.plot_latency_percentiles(c),
        lambda c: plots.plot_bin_loads(200),
        lambda c: plots.plot_keys_moved(range(2, 6), keys=2_000),
        lambda c: plots.plot_ring_balance(5, (1, 10, 100)),
        lambda c: plots.plot_hit_ratio(
            hit_ratio_curve(zipf_trace(3_000, 200, 1.0), [10, 50], catalogue=200, s=1.0)
        ),
        lambda c: plots.plot_rate_limit(
            [simulate_rate_limit(boundary_burst_trace(20), a, limit=20) for a in LIMITERS]
        ),
        lambda c: plots.plot_queue_vs_erlang(utilisations=(0.5, 0.8), customers=2_000),
    ],
)
def test_every_plot_has_a_title_and_labelled_axes(make, comparison):
    _labelled(make(comparison))


def test_server_load_plot_draws_one_bar_per_server_and_policy(comparison):
    fig = plots.plot_server_load(comparison)
    assert len(fig.axes[0].patches) == 3 * len(comparison.results)


def test_load_balancing_panel_reacts_to_its_controls():
    panel = ws.LoadBalancingPanel(requests=3_000)
    assert panel.result.policy == "random"
    panel.policy.value = "least_connections"
    assert panel.result.policy == "least_connections"
    assert "least connections" in panel.report.value
    panel.slow_server.value = True
    assert panel.result.capacities.tolist()[-1] == 25.0
    panel.policy.value = "round_robin"
    panel.load.value = 0.8
    assert panel.result.peak_utilisation > 1  # the slow server gets 1/8 of the requests
    assert "overloaded" in panel.text()


def test_eviction_panel_reacts_to_its_controls():
    panel = ws.EvictionPanel(requests=3_000, catalogue=200)
    first = dict(panel.ratios)
    panel.size.value = 60  # from 100: every policy hits less
    assert all(panel.ratios[p] < first[p] for p in ("lru", "lfu", "fifo", "ideal"))
    assert panel.ratios["lfu"] > panel.ratios["lru"] > panel.ratios["fifo"] - 0.02
    assert 60 in panel.curve.sizes
    panel.skew.value = 0.0  # uniform popularity: ideal = size / catalogue
    assert panel.ratios["ideal"] == pytest.approx(60 / 200)
    assert "Zipf s=0" in panel.report.value


def test_panels_print_a_summary_headless(capsys):
    lb = ws.load_balancing_panel(requests=2_000)
    cache = ws.eviction_panel(requests=2_000, catalogue=200)
    out = capsys.readouterr().out
    assert "latency p50" in out and "Open in JupyterLab" in out
    assert "LFU" in out
    assert lb.widget is not None and cache.widget is not None
