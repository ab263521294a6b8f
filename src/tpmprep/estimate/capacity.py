"""Capacity: servers needed to carry a peak at a target utilisation, with N+k spares.

``base = ceil(peak / (capacity_per_server * target_utilisation))`` servers carry the peak
with headroom; ``redundancy`` k more keep it carried when k servers fail (N+k).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from tpmprep.exceptions import CalculationError
from tpmprep.units import describe_dimension
from tpmprep.validate import as_quantity, count, finite, fraction, make, quantity

__all__ = ["CapacityPlan", "capacity_plan", "servers_needed"]


@dataclass(frozen=True)
class CapacityPlan:
    """Servers to carry a peak: ``base`` for the load, ``spare`` for failures, and the total.

    Attributes
    ----------
    base : int
        Servers that carry the peak at or below the target utilisation.
    spare : int
        Extra servers for N+k redundancy.
    total : int
        ``base + spare``.
    utilisation : float
        Peak utilisation with all ``total`` servers up.
    utilisation_after_failures : float
        Peak utilisation with ``spare`` servers down (``base`` left).
    """

    base: int
    spare: int
    total: int
    utilisation: float
    utilisation_after_failures: float

    def __str__(self) -> str:
        return (
            f"{self.total} servers ({self.base} + {self.spare} spare), "
            f"{self.utilisation:.0%} busy at peak"
        )


def capacity_plan(
    peak_load: Any,
    per_server_capacity: Any,
    target_utilisation: Any = 0.7,
    redundancy: Any = 0,
) -> CapacityPlan:
    """Plan servers for a peak load.

    Parameters
    ----------
    peak_load : number, str or pint.Quantity
        Peak load: a rate (``"7K req/s"``), a bandwidth, or anything with the same dimension as
        ``per_server_capacity``. A bare number takes the other argument's unit (or per second).
    per_server_capacity : number, str or pint.Quantity
        What one server sustains, in the same dimension.
    target_utilisation : float or str, default 0.7
        Highest acceptable utilisation at peak, in (0, 1] (``0.7`` or ``"70%"``).
    redundancy : int, default 0
        Spare servers k for N+k.

    Returns
    -------
    CapacityPlan

    Raises
    ------
    CalculationError
        For a negative, NaN, infinite or zero input, or unlike dimensions.
    """
    load_q = as_quantity("peak_load", peak_load, "1/s")
    cap_q = as_quantity("per_server_capacity", per_server_capacity, "1/s")
    # A plain number ("7K", 7000) takes the other argument's unit.
    if load_q.dimensionless and not cap_q.dimensionless:
        load_q = _in_unit_of(load_q, cap_q, "peak_load")
    elif cap_q.dimensionless and not load_q.dimensionless:
        cap_q = _in_unit_of(cap_q, load_q, "per_server_capacity")
    if load_q.dimensionality != cap_q.dimensionality:
        raise CalculationError(
            "per_server_capacity",
            f"must have the same dimension as peak_load: peak_load is "
            f"{describe_dimension(load_q)}, per_server_capacity is {describe_dimension(cap_q)}",
        )
    unit = str(load_q.units)
    load = float(quantity("peak_load", load_q, unit, allow_zero=True).magnitude)
    cap = float(quantity("per_server_capacity", cap_q, unit).magnitude)
    target = fraction("target_utilisation", target_utilisation, allow_zero=False)
    spare = count("redundancy", redundancy, minimum=0)
    needed = finite("peak_load, per_server_capacity", load / cap / target)
    if needed > 1e15:
        raise CalculationError(
            "peak_load", f"needs about {needed:.3g} servers; check the units of the inputs"
        )
    base = max(1, math.ceil(needed * (1 - 1e-12))) if load > 0 else 0
    total = base + spare
    return CapacityPlan(
        base=base,
        spare=spare,
        total=total,
        utilisation=load / (cap * total) if total else 0.0,
        utilisation_after_failures=load / (cap * base) if base else 0.0,
    )


def _in_unit_of(plain: Any, other: Any, parameter: str) -> Any:
    try:
        return make(float(plain.to("").magnitude), str(other.units))
    except (OverflowError, TypeError, ValueError) as err:
        raise CalculationError(parameter, f"cannot use {plain!r} ({err})") from None


def servers_needed(
    peak_load: Any,
    per_server_capacity: Any,
    target_utilisation: Any = 0.7,
    redundancy: Any = 0,
) -> int:
    """Servers for a peak load at a target utilisation, plus ``redundancy`` spares (N+k).

    Parameters
    ----------
    peak_load : number, str or pint.Quantity
        Peak load (``"7K req/s"``).
    per_server_capacity : number, str or pint.Quantity
        What one server sustains (``"1K req/s"``).
    target_utilisation : float or str, default 0.7
        Highest acceptable utilisation at peak, in (0, 1].
    redundancy : int, default 0
        Spare servers k for N+k.

    Returns
    -------
    int
        ``ceil(peak / (capacity * target)) + redundancy``.

    Raises
    ------
    CalculationError
        For any unusable input, naming it.
    """
    return capacity_plan(peak_load, per_server_capacity, target_utilisation, redundancy).total
