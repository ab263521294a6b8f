"""The simulation layer stays pure: numpy only, and that on first use."""

from __future__ import annotations

import json
import subprocess
import sys

import tpmprep.sim as sim


def test_sim_imports_no_plotting_widgets_or_units():
    code = (
        "import sys, json, tpmprep.sim.loadbalance, tpmprep.sim.cache, tpmprep.sim.hashing,"
        " tpmprep.sim.ratelimit, tpmprep.sim.mmc;"
        "print(json.dumps([m for m in ['numpy', 'matplotlib', 'ipywidgets', 'pint']"
        " if m in sys.modules]))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []


def test_public_names_resolve():
    for name in sim.__all__:
        assert callable(getattr(sim, name))
