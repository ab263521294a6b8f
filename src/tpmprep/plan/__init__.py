"""Program execution: schedules (CPM, PERT, Monte Carlo), risks, prioritisation, experiments, SLOs.

A pure layer (networkx and numpy, loaded on first use); plots and panels live in
:mod:`tpmprep.widgets.plan`. The names a lesson needs are importable from here::

    from tpmprep.plan import Schedule, RiskRegister, rice, wsjf, sample_size
    from tpmprep.plan import load_program, check_program   # program plans and their findings
"""

from __future__ import annotations

import importlib
from typing import Any

_LAZY = {
    "Task": "tpmprep.plan.task",
    "Schedule": "tpmprep.plan.schedule",
    "ScheduleChange": "tpmprep.plan.schedule",
    "MonteCarloResult": "tpmprep.plan.montecarlo",
    "Risk": "tpmprep.plan.risk",
    "RiskRegister": "tpmprep.plan.risk",
    "rice": "tpmprep.plan.prioritise",
    "wsjf": "tpmprep.plan.prioritise",
    "sample_size": "tpmprep.plan.experiment",
    "minimum_detectable_effect": "tpmprep.plan.experiment",
    "power": "tpmprep.plan.experiment",
    "duration_days": "tpmprep.plan.experiment",
    "two_proportion_ztest": "tpmprep.plan.experiment",
    "alert_thresholds": "tpmprep.plan.slo",
    "should_alert": "tpmprep.plan.slo",
    "Program": "tpmprep.plan.program",
    "load_program": "tpmprep.plan.program",
    "check_program": "tpmprep.plan.findings",
    "ProgramReport": "tpmprep.plan.findings",
    "Finding": "tpmprep.plan.findings",
    "launch_delay": "tpmprep.plan.exposure",
}

__all__ = sorted(_LAZY)


def __getattr__(name: str) -> Any:
    """Import a public name's module on first use (PEP 562)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'tpmprep.plan' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
