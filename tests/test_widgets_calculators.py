"""The estimation panels: moving an input changes the result line and redraws the plot."""

from __future__ import annotations

import base64

import pytest

from tpmprep.plots import estimate as plots
from tpmprep.widgets import calculators as panels


def _png(panel) -> bytes:
    (output,) = panel.figure.outputs
    return base64.b64decode(output["data"]["image/png"])


def test_traffic_panel_result_follows_the_sliders(capsys):
    panel = panels.traffic_panel(users=10e6, requests_per_user=20, peak_factor=2)
    assert "200M req/day" in panel.line and "2.31K req/s" in panel.line
    assert "4.63K req/s" in panel.line
    panel.controls["peak_factor"].value = 3
    assert "6.94K req/s" in panel.line
    panel.controls["users"].value = 100e6
    assert "2B req/day" in panel.line and "23.1K req/s" in panel.line
    # Headless, the panel prints a readable summary instead of a widget repr.
    printed = capsys.readouterr().out
    assert "Traffic" in printed and "Result: 200M req/day" in printed
    assert "VBox(" not in printed


def test_storage_panel_applies_copies_and_compression():
    panel = panels.storage_panel(10e6, "500 KB", retention_years=5, replication=3)
    assert panel.line.startswith("15 TB/day")
    panel.controls["compression"].value = 2
    assert panel.line.startswith("7.5 TB/day")
    panel.controls["replication"].value = 1
    assert panel.line.startswith("2.5 TB/day")


def test_a_bad_unit_is_reported_in_the_result_line_not_raised():
    panel = panels.storage_panel()
    panel.controls["item_size"].value = "5 req/s"
    assert panel.line.startswith("Check the inputs: item_size")
    panel.controls["item_size"].value = "1 MB"
    assert panel.line.startswith("30 TB/day")  # 10M items x 1 MB x 3 copies


def test_cache_sizing_panel_hit_ratio_matches_zipf_and_the_plot_is_redrawn():
    from tpmprep.estimate.cache import zipf_hit_ratio

    panel = panels.cache_sizing_panel(catalogue_items=1e6, cache_share=1, s=1.0)
    expected = zipf_hit_ratio(10_000, 1_000_000, 1.0)
    assert f"hit ratio {expected:.1%}" in panel.line
    assert panel.redraws == 1
    first = _png(panel)
    assert first.startswith(b"\x89PNG")
    panel.controls["s"].value = 0.5
    assert panel.redraws == 2
    assert f"hit ratio {zipf_hit_ratio(10_000, 1_000_000, 0.5):.1%}" in panel.line
    assert _png(panel) != first


def test_cache_sizing_panel_effective_latency_and_memory():
    panel = panels.cache_sizing_panel(
        catalogue_items=1e6, cache_share=100, s=1.0, item_size="2 KB", hit_latency="1 ms"
    )
    # Everything cached: every request hits.
    assert "hit ratio 100.0%" in panel.line and "memory 2 GB" in panel.line
    assert "mean latency 1 ms" in panel.line


def test_availability_panel_series_and_replicas():
    panel = panels.availability_panel("99.9%", in_series=3, replicas=1)
    assert "99.7003%" in panel.line  # 0.999 ** 3
    panel.controls["replicas"].value = 2
    assert "99.9997%" in panel.line  # (1 - 0.001 ** 2) ** 3
    assert "within budget" not in panel.line  # 0.5% errors against a 0.0003% budget


def test_availability_panel_names_a_bad_availability():
    panel = panels.availability_panel()
    panel.controls["availability"].value = "99.9"
    assert panel.line.startswith("Check the inputs:")
    assert "availabilit" in panel.line


def test_queueing_panel_follows_erlang_c_and_redraws():
    from tpmprep.estimate.queueing import mmc

    panel = panels.queueing_panel(service_time_ms=10, servers=8, utilisation=70)
    stats = mmc(560, 100, 8)
    assert "560/s arriving" in panel.line or "560 /s arriving" in panel.line
    assert f"P(wait) {stats.wait_probability:.1%}" in panel.line
    assert "one server alone at the same utilisation: 33.3 ms" in panel.line  # 10 ms / (1 - 0.7)
    before = _png(panel)
    panel.controls["utilisation"].value = 90
    assert panel.redraws == 2 and _png(panel) != before
    assert "one server alone at the same utilisation: 100 ms" in panel.line


@pytest.mark.parametrize(
    ("figure", "title"),
    [
        (lambda: plots.plot_zipf_hit_ratio(10**6, 0.8, 10**4), "Hit ratio vs cache size"),
        (
            lambda: plots.plot_latency_vs_utilisation("10 ms", 4, 0.5),
            "Mean response time vs utilisation",
        ),
    ],
)
def test_one_call_figures_have_titles_and_labelled_axes(figure, title):
    fig = figure()
    (ax,) = fig.axes
    assert ax.get_title().startswith(title)
    assert "(" in ax.get_xlabel() and "(" in ax.get_ylabel()  # units in the labels


def test_a_panel_is_not_shown_twice_in_the_cell_that_made_it(monkeypatch):
    """Is the returned panel silent as its own cell's result, but shown again in a later cell?"""
    import IPython.display

    from tpmprep.widgets import base

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda obj, **kw: shown.append(obj))
    monkeypatch.setattr(base, "_in_ipython", lambda: True)
    monkeypatch.setattr(base, "_execution_count", lambda: 5)
    panel = panels.availability_panel()  # displays the panel
    assert len(shown) == 1
    panel._ipython_display_()  # same cell: show_widget has already displayed it
    assert len(shown) == 1
    monkeypatch.setattr(base, "_execution_count", lambda: 6)
    panel._ipython_display_()  # a later cell: display it again
    assert len(shown) == 2
    assert shown[1]["text/plain"] == panel.text()
