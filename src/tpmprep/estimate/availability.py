"""Availability: downtime per period, components in series and in parallel, error budgets.

Availabilities and SLOs may be written ``0.999``, ``"99.9%"`` or ``Q("99.9%")``. A year is
365.25 days and a month 365.25 / 12 days (pint's units), so 99.99% allows 52.6 minutes a year
and 4.38 minutes a month. SRE error budgets usually use a 30-day window: pass
``window="30 days"``.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Iterable
from typing import Any

from tpmprep.exceptions import CalculationError
from tpmprep.validate import finite, fraction, make, number, quantity

__all__ = [
    "budget_consumed",
    "burn_rate",
    "burn_rate_threshold",
    "downtime",
    "error_budget",
    "nines",
    "parallel",
    "series",
    "time_to_exhaustion",
]


def downtime(availability: Any, period: Any = "1 year") -> Any:
    """Downtime allowed in ``period`` at an availability.

    Parameters
    ----------
    availability : float or str
        Fraction of time up, in [0, 1] (``0.9999`` or ``"99.99%"``).
    period : str or pint.Quantity, default "1 year"
        The period (``"30 days"``, ``"1 week"``).

    Returns
    -------
    pint.Quantity
        Minutes.

    Raises
    ------
    CalculationError
        For an availability outside [0, 1] (99.9 is told to write 0.999) or a bad period.
    """
    a = fraction("availability", availability)
    span = quantity("period", period, "minute")
    return finite("period", make((1 - a) * float(span.magnitude), "minute"))


def nines(availability: Any) -> float:
    """Count the nines of an availability: ``-log10(1 - availability)`` (99.99% is 4).

    Parameters
    ----------
    availability : float or str
        Fraction of time up, in [0, 1).

    Returns
    -------
    float

    Raises
    ------
    CalculationError
        For an availability outside [0, 1) (100% has infinitely many nines).
    """
    a = fraction("availability", availability, allow_one=False)
    return -math.log10(1 - a)


def _availabilities(values: tuple[Any, ...]) -> list[float]:
    if len(values) == 1 and isinstance(values[0], Iterable) and not isinstance(values[0], str):
        with contextlib.suppress(TypeError):  # a scalar quantity claims to be iterable
            values = tuple(values[0])
    if not values:
        raise CalculationError("availabilities", "give at least one availability")
    return [fraction(f"availabilities[{i}]", v) for i, v in enumerate(values)]


def series(*availabilities: Any) -> float:
    """Availability of components in series (all must be up): the product.

    Parameters
    ----------
    *availabilities : float or str
        Each component's availability (or one iterable of them).

    Returns
    -------
    float

    Raises
    ------
    CalculationError
        For no components or an availability outside [0, 1].
    """
    return math.prod(_availabilities(availabilities))


def parallel(*availabilities: Any) -> float:
    """Availability of redundant components in parallel (one up is enough), failing independently.

    ``1 - prod(1 - a_i)``: two 99% replicas give 99.99%, if their failures are independent
    (they rarely fully are: shared power, network, deploys).

    Parameters
    ----------
    *availabilities : float or str
        Each component's availability (or one iterable of them).

    Returns
    -------
    float

    Raises
    ------
    CalculationError
        For no components or an availability outside [0, 1].
    """
    return 1 - math.prod(1 - a for a in _availabilities(availabilities))


def _slo(slo: Any) -> float:
    value = fraction("slo", slo, allow_zero=False)
    if value == 1:
        raise CalculationError("slo", "an SLO of 100% leaves no error budget; use e.g. 99.9%")
    return value


def error_budget(slo: Any, window: Any = "30 days") -> Any:
    """Error budget in time: ``(1 - slo) * window`` (99.9% over 30 days is 43.2 minutes).

    Parameters
    ----------
    slo : float or str
        The objective, in (0, 1): ``0.999``, ``"99.9%"`` or ``Q("99.9%")``.
    window : str or pint.Quantity, default "30 days"
        The SLO window.

    Returns
    -------
    pint.Quantity
        Minutes.

    Raises
    ------
    CalculationError
        For an SLO outside (0, 1) or a bad window.
    """
    target = _slo(slo)
    span = quantity("window", window, "minute")
    return finite("window", make((1 - target) * float(span.magnitude), "minute"))


def burn_rate(error_ratio: Any, slo: Any) -> float:
    """How fast the error budget burns: observed error ratio / (1 - slo).

    A burn rate of 1 spends exactly the budget over the window; 14.4 spends a 30-day budget
    in about 2 days.

    Parameters
    ----------
    error_ratio : float or str
        Observed share of bad events, in [0, 1] (``0.0144`` or ``"1.44%"``).
    slo : float or str
        The objective, in (0, 1).

    Returns
    -------
    float

    Raises
    ------
    CalculationError
        For a ratio outside [0, 1] or an SLO outside (0, 1).
    """
    ratio = fraction("error_ratio", error_ratio)
    return ratio / (1 - _slo(slo))


def burn_rate_threshold(
    budget_fraction: Any, alert_window: Any, slo_window: Any = "30 days"
) -> float:
    """Burn rate at which ``budget_fraction`` of the budget is spent within ``alert_window``.

    ``budget_fraction * slo_window / alert_window``: spending 2% of a 30-day budget in
    1 hour is a burn rate of 14.4 (Google SRE Workbook, "Alerting on SLOs").

    Parameters
    ----------
    budget_fraction : float or str
        Share of the budget (``0.02`` or ``"2%"``), in (0, 1].
    alert_window : str or pint.Quantity
        The alerting window (``"1 hour"``).
    slo_window : str or pint.Quantity, default "30 days"
        The SLO window.

    Returns
    -------
    float

    Raises
    ------
    CalculationError
        For a fraction outside (0, 1] or a bad window.
    """
    share = fraction("budget_fraction", budget_fraction, allow_zero=False)
    alert = quantity("alert_window", alert_window, "s")
    window = quantity("slo_window", slo_window, "s")
    return finite("alert_window", share * float(window.magnitude) / float(alert.magnitude))


def budget_consumed(rate: Any, duration: Any, slo_window: Any = "30 days") -> float:
    """Share of the error budget spent by burning at ``rate`` for ``duration``.

    Parameters
    ----------
    rate : float
        Burn rate, at least 0.
    duration : str or pint.Quantity
        How long it burns (``"1 hour"``).
    slo_window : str or pint.Quantity, default "30 days"
        The SLO window.

    Returns
    -------
    float
        ``rate * duration / slo_window`` (above 1 means the budget is gone).

    Raises
    ------
    CalculationError
        For a negative, NaN or infinite input or a bad window.
    """
    burn = number("rate", rate, allow_zero=True)
    spent = quantity("duration", duration, "s", allow_zero=True)
    window = quantity("slo_window", slo_window, "s")
    return finite("rate, duration", burn * float(spent.magnitude) / float(window.magnitude))


def time_to_exhaustion(rate: Any, slo_window: Any = "30 days") -> Any:
    """Time until a full error budget is spent at a constant burn rate: window / rate.

    Parameters
    ----------
    rate : float
        Burn rate, above 0.
    slo_window : str or pint.Quantity, default "30 days"
        The SLO window.

    Returns
    -------
    pint.Quantity
        Hours.

    Raises
    ------
    CalculationError
        For a zero, negative, NaN or infinite rate or a bad window.
    """
    burn = number("rate", rate)
    window = quantity("slo_window", slo_window, "hour")
    return finite("rate", make(float(window.magnitude) / burn, "hour"))
