"""Every slider of the calculator and simulation panels reads the value it uses (issue 15)."""

from __future__ import annotations

import ipywidgets as w
import pytest

from tpmprep.units import Q
from tpmprep.widgets import calculators
from tpmprep.widgets import sim as sim_panels

PANELS = {
    "traffic": lambda: calculators.traffic_panel(),
    "storage": lambda: calculators.storage_panel(),
    "cache": lambda: calculators.cache_sizing_panel(),
    "availability": lambda: calculators.availability_panel(),
    "queueing": lambda: calculators.queueing_panel(),
    "eviction": lambda: sim_panels.EvictionPanel(requests=2_000, catalogue=200),
    "load-balancing": lambda: sim_panels.LoadBalancingPanel(requests=2_000),
}


def _sliders(widget):
    if isinstance(widget, w.Box):
        for child in widget.children:
            yield from _sliders(child)
    elif isinstance(widget, w.SelectionSlider | w.FloatSlider | w.IntSlider | w.FloatLogSlider):
        yield widget


def _positions(slider):
    """Every value a float slider can take (min + k × step up to max)."""
    count = round((slider.max - slider.min) / slider.step)
    return [slider.min + k * slider.step for k in range(count + 1)]


@pytest.mark.parametrize("name", sorted(PANELS))
def test_every_slider_reads_the_value_it_uses(name):
    """Does each readout, read back, give the number the panel calculates with?"""
    panel = PANELS[name]()
    sliders = list(_sliders(panel.widget))
    assert sliders, "the panel has sliders"
    for slider in sliders:
        # A log slider's readout rounds (".2s" shows 130) while it uses 10^2.1 = 125.9.
        assert not isinstance(slider, w.FloatLogSlider), slider.description
        if isinstance(slider, w.SelectionSlider):
            for label, value in slider.options:
                assert Q(label).magnitude == pytest.approx(value, rel=1e-9), label
        elif isinstance(slider, w.FloatSlider):
            spec = slider.readout_format
            assert spec.endswith("f"), f"{slider.description}: readout {spec} rounds"
            for value in _positions(slider):
                assert float(format(value, spec)) == pytest.approx(value, abs=1e-9), (
                    slider.description,
                    value,
                )


def test_the_traffic_result_uses_the_number_the_slider_shows():
    """Set requests per user to 120: is the daily total users × 120, as the readout says?"""
    panel = calculators.traffic_panel(users=10e6, requests_per_user=20)
    slider = panel.controls["requests_per_user"]
    slider.value = 120.0
    assert slider.label == "120"
    assert "1.2B req/day" in panel.line  # 10M × 120
    labels = [label for label, _ in slider.options]
    assert "130" not in labels and "125.9" not in labels


def test_a_starting_value_off_the_ladder_is_kept_exactly():
    """Does traffic_panel(requests_per_user=7.3) calculate with 7.3 and show 7.3?"""
    panel = calculators.traffic_panel(users=1e6, requests_per_user=7.3)
    assert panel.controls["requests_per_user"].label == "7.3"
    assert "7.3M req/day" in panel.line
