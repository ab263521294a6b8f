"""Risk exposure that respects float: how far a risk would move the finish, not just its task.

A risk that delays a task by ``impact`` working days delays the program's finish only by what
the task's total float cannot absorb::

    launch_delay = max(0, impact - total_float)
    expected_launch_delay = probability * launch_delay

A 10-day risk on a task with 13 days of float does not move the launch at all; the same risk on
a critical task (float 0) moves it by 10 days. This is exact for one risk at a time on a fixed
network (CPM: a task's total float is how far it can slip before the finish moves). Several
risks on one path share that path's float, so their delays do not simply add; simulate them
together (Monte Carlo) for that.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tpmprep.exceptions import CalculationError

if TYPE_CHECKING:  # pragma: no cover
    from tpmprep.plan.program import Program
    from tpmprep.plan.schedule import Schedule

__all__ = ["RiskExposure", "expected_launch_delay", "launch_delay", "risk_exposures"]


def _days(name: str, value: Any) -> float:
    if isinstance(value, bool):
        raise CalculationError(name, f"{name} must be a number of days, not {value!r}")
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise CalculationError(name, f"{name} must be a number of days, not {value!r}") from None
    if math.isnan(x) or math.isinf(x) or x < 0:
        raise CalculationError(name, f"{name} is {value!r}; give a finite number of days >= 0")
    return x


def launch_delay(impact: float, total_float: float) -> float:
    """Return how many days a slip of ``impact`` days on a task moves the finish.

    Parameters
    ----------
    impact : float
        Days the task slips if the risk happens (>= 0).
    total_float : float
        The task's total float (slack) in days (>= 0).

    Returns
    -------
    float
        ``max(0, impact - total_float)``.

    Raises
    ------
    CalculationError
        For a negative, NaN or non-numeric input.

    Examples
    --------
    >>> launch_delay(10, 13)
    0.0
    >>> launch_delay(10, 3)
    7.0
    """
    return max(0.0, _days("impact", impact) - _days("total_float", total_float))


def expected_launch_delay(probability: float, impact: float, total_float: float) -> float:
    """Return ``probability × launch_delay(impact, total_float)`` in days.

    Parameters
    ----------
    probability : float
        Chance the risk happens, in [0, 1].
    impact : float
        Days the task slips if it happens.
    total_float : float
        The task's total float in days.

    Returns
    -------
    float

    Raises
    ------
    CalculationError
        For a probability outside [0, 1] or a bad number of days.
    """
    if isinstance(probability, bool) or not isinstance(probability, int | float):
        raise CalculationError(
            "probability", f"probability must be a number, not {probability!r}"
        )
    if math.isnan(probability) or not 0 <= probability <= 1:
        raise CalculationError(
            "probability", f"probability is {probability!r}; give a value in [0, 1]"
        )
    return float(probability) * launch_delay(impact, total_float)


@dataclass(frozen=True)
class RiskExposure:
    """One risk's exposure, with and without the float of its task.

    Attributes
    ----------
    name : str
        The risk.
    task : str or None
        The task it would delay.
    probability, impact : float
        As written in the plan (impact in working days).
    total_float : float or None
        The task's total float; ``None`` when the risk names no task or the plan cannot be
        scheduled (the full impact then counts).
    launch_delay : float
        Days the finish moves if the risk happens: ``max(0, impact - total_float)``.
    expected_delay : float
        ``probability × launch_delay``.
    """

    name: str
    task: str | None
    probability: float
    impact: float
    total_float: float | None
    launch_delay: float
    expected_delay: float

    @property
    def exposure(self) -> float:
        """``probability × impact``, the register's classic figure (ignores float)."""
        return self.probability * self.impact

    def to_dict(self) -> dict[str, Any]:
        """Return the exposure as JSON-ready data (days rounded to 2 decimals)."""
        return {
            "name": self.name,
            "task": self.task,
            "probability": self.probability,
            "impact_days": round(self.impact, 2),
            "float_days": None if self.total_float is None else round(self.total_float, 2),
            "launch_delay_days": round(self.launch_delay, 2),
            "expected_delay_days": round(self.expected_delay, 2),
        }


def risk_exposures(program: Program, schedule: Schedule | None = None) -> list[RiskExposure]:
    """Return the float-aware exposure of every risk of a program, in register order.

    Parameters
    ----------
    program : Program
        The plan with its risks.
    schedule : Schedule, optional
        Its deterministic schedule (:meth:`Program.schedule`); without it (a plan that cannot
        be scheduled) every risk counts its full impact.

    Returns
    -------
    list of RiskExposure
    """
    out = []
    for r in program.risks:
        slack = None
        if schedule is not None and r.task is not None and r.task in schedule.timings:
            slack = schedule.timings[r.task].slack
        delay = launch_delay(r.impact, slack or 0.0)
        expected = r.probability * delay
        out.append(RiskExposure(r.name, r.task, r.probability, r.impact, slack, delay, expected))
    return out
