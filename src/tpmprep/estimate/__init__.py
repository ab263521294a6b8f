"""Back-of-the-envelope calculators and ``Estimate``, a chain of steps that shows its work.

One module per family: ``traffic``, ``storage``, ``bandwidth``, ``capacity``, ``cache``,
``availability``, ``queueing``, ``idspace``, ``cost``, and ``chain`` (``Estimate``). Every
calculator takes numbers, pint quantities or text with units (``"30 TB/day"``), returns
quantities, and rejects unusable input with a ``CalculationError`` naming the parameter.
Names are re-exported here and imported on first use, so ``import tpmprep.estimate`` is
cheap.
"""

from __future__ import annotations

import importlib
from typing import Any

_MODULES = {
    "traffic": [
        "MONTH_DAYS",
        "Traffic",
        "average_rate",
        "daily_requests",
        "monthly_from_per_second",
        "peak_rate",
        "per_second_from_monthly",
        "traffic_estimate",
    ],
    "storage": ["Storage", "daily_storage", "retained_storage", "storage_estimate"],
    "bandwidth": ["Bandwidth", "data_rate", "ingress_egress", "transfer_time"],
    "capacity": ["CapacityPlan", "capacity_plan", "servers_needed"],
    "cache": [
        "cache_size_for_hit_ratio",
        "effective_latency",
        "harmonic",
        "working_set_memory",
        "zipf_hit_ratio",
    ],
    "availability": [
        "budget_consumed",
        "burn_rate",
        "burn_rate_threshold",
        "downtime",
        "error_budget",
        "nines",
        "parallel",
        "series",
        "time_to_exhaustion",
    ],
    "queueing": [
        "LatencyCurve",
        "QueueStats",
        "erlang_b",
        "erlang_c",
        "latency_curve",
        "littles_law",
        "mm1",
        "mmc",
        "servers_for_service_level",
        "service_level",
    ],
    "idspace": [
        "ALPHABETS",
        "collision_probability",
        "id_length",
        "id_space",
        "ids_for_collision_probability",
        "random_id_length",
    ],
    "cost": ["CostBreakdown", "CostLine", "monthly_cost"],
    "chain": ["StepComparison", "Estimate", "Step", "StepCheck", "evaluate"],
}

# Name -> module. No exported name is also a module name, so ``tpmprep.estimate.traffic``
# is always the module.
_LAZY = {name: module for module, names in _MODULES.items() for name in names}

__all__ = sorted(_LAZY)


def __getattr__(name: str) -> Any:
    """Import a calculator's module on first use (PEP 562)."""
    module = _LAZY.get(name)
    if module is None:
        if name in _MODULES:
            return importlib.import_module(f"{__name__}.{name}")
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__) | set(_MODULES))
