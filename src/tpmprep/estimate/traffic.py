"""Traffic: users to requests per day, average and peak request rates, per-month conversions.

A month here is pint's ``month``: a twelfth of a Julian year, 365.25 / 12 = 30.4375 days
(2,629,800 s). Interview arithmetic often takes 30 days (2.592M s); the difference is 1.5%,
well inside any estimate's tolerance, but say which you use.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tpmprep.exceptions import CalculationError
from tpmprep.units import describe_dimension, fmt
from tpmprep.validate import (
    as_quantity,
    finite,
    fraction,
    make,
    number,
    quantity,
    unit_of,
)

__all__ = [
    "MONTH_DAYS",
    "Traffic",
    "average_rate",
    "daily_requests",
    "monthly_from_per_second",
    "peak_rate",
    "per_second_from_monthly",
    "traffic_estimate",
]

#: Days in the month these calculators use (a twelfth of 365.25 days).
MONTH_DAYS = 365.25 / 12


def _per_day(value: Any, parameter: str) -> Any:
    """Read "requests per user per day": a bare number is per day; a rate converts."""
    return quantity(parameter, value, "1/day")


def daily_requests(users: Any, requests_per_user: Any, active_fraction: Any = 1.0) -> Any:
    """Estimate requests per day from a user count.

    Parameters
    ----------
    users : number, str or pint.Quantity
        Users (``300e6``, ``"300M"``, ``Q("300M users")``).
    requests_per_user : number, str or pint.Quantity
        Requests per active user per day (a bare number), or a rate such as ``"10 / hour"``.
    active_fraction : float or str, default 1.0
        Share of ``users`` active on a day (``0.5`` or ``"50%"``), in (0, 1].

    Returns
    -------
    pint.Quantity
        Requests per day (``request / day``).

    Raises
    ------
    CalculationError
        For a negative, zero, NaN, infinite or wrongly-dimensioned input.
    """
    n = number("users", users)
    per = _per_day(requests_per_user, "requests_per_user")
    active = fraction("active_fraction", active_fraction, allow_zero=False)
    result = make(n * active * float(per.magnitude), "request / day")
    return finite("users, requests_per_user", result)


def average_rate(requests: Any, period: Any = "1 day") -> Any:
    """Average request rate, per second.

    Parameters
    ----------
    requests : number, str or pint.Quantity
        Either a count of requests in ``period`` (``"300M"``) or a rate (``"300M req/day"``,
        in which case ``period`` is not used).
    period : str or pint.Quantity, default "1 day"
        The period the count covers.

    Returns
    -------
    pint.Quantity
        Requests per second.

    Raises
    ------
    CalculationError
        For a negative, NaN, infinite or wrongly-dimensioned input, or a zero period.
    """
    q = as_quantity("requests", requests, "")
    if q.dimensionality == unit_of("1/s").dimensionality:
        rate = quantity("requests", q, "1/s", allow_zero=True)
    elif q.dimensionless:
        n = number("requests", q, allow_zero=True)
        span = quantity("period", period, "s")
        rate = make(n / float(span.magnitude), "1/s")
    else:
        raise CalculationError(
            "requests",
            f"you gave {describe_dimension(q)} ({requests!r}); a count of requests "
            "or a rate (such as '300M req/day') was expected",
        )
    return finite("requests, period", make(float(rate.magnitude), "request / second"))


def peak_rate(average: Any, peak_factor: Any = 2.0) -> Any:
    """Peak rate: the average times a peak factor (2 to 3 is typical for consumer traffic).

    Parameters
    ----------
    average : number, str or pint.Quantity
        Average rate (a bare number is per second).
    peak_factor : float, default 2.0
        Peak over average, at least 1.

    Returns
    -------
    pint.Quantity
        Requests per second.

    Raises
    ------
    CalculationError
        For a negative, NaN, infinite or wrongly-dimensioned input, or a factor below 1.
    """
    avg = quantity("average", average, "1/s", allow_zero=True)
    factor = number("peak_factor", peak_factor, minimum=1.0)
    return finite("average, peak_factor", make(float(avg.magnitude) * factor, "request / second"))


def per_second_from_monthly(per_month: Any) -> Any:
    """Convert a monthly count (or a rate per month) to a rate per second.

    A month is 365.25 / 12 days (2,629,800 s), so 1 billion a month is about 380 per second.

    Parameters
    ----------
    per_month : number, str or pint.Quantity
        A count per month (a bare number) or any rate (``"1B / month"``).

    Returns
    -------
    pint.Quantity
        Requests per second.

    Raises
    ------
    CalculationError
        For a negative, NaN, infinite or wrongly-dimensioned input.
    """
    rate = quantity("per_month", per_month, "1/s", bare_unit="1/month", allow_zero=True)
    return finite("per_month", make(float(rate.magnitude), "request / second"))


def monthly_from_per_second(per_second: Any) -> Any:
    """Convert a rate (a bare number is per second) to a count per month.

    A month is 365.25 / 12 days (2,629,800 s), so 1 request per second is about 2.6M a month.

    Parameters
    ----------
    per_second : number, str or pint.Quantity
        A rate.

    Returns
    -------
    pint.Quantity
        Requests per month.

    Raises
    ------
    CalculationError
        For a negative, NaN, infinite or wrongly-dimensioned input.
    """
    rate = quantity("per_second", per_second, "1/month", bare_unit="1/s", allow_zero=True)
    return finite("per_second", make(float(rate.magnitude), "request / month"))


@dataclass(frozen=True)
class Traffic:
    """A traffic estimate: active users, requests per day, average and peak rates."""

    active_users: float
    daily: Any
    average: Any
    peak: Any

    def __str__(self) -> str:
        return (
            f"active users {fmt(self.active_users)}, {fmt(self.daily)}, "
            f"average {fmt(self.average)}, peak {fmt(self.peak)}"
        )


def traffic_estimate(
    users: Any, requests_per_user: Any, active_fraction: Any = 1.0, peak_factor: Any = 2.0
) -> Traffic:
    """Estimate traffic from users: daily requests, average and peak rate.

    Parameters
    ----------
    users : number, str or pint.Quantity
        Users (for example monthly active users).
    requests_per_user : number, str or pint.Quantity
        Requests per active user per day.
    active_fraction : float or str, default 1.0
        Share of users active on a day (daily over monthly actives).
    peak_factor : float, default 2.0
        Peak over average rate.

    Returns
    -------
    Traffic

    Raises
    ------
    CalculationError
        For any unusable input, naming it.
    """
    daily = daily_requests(users, requests_per_user, active_fraction)
    active = number("users", users) * fraction("active_fraction", active_fraction)
    average = average_rate(daily)
    return Traffic(active, daily, average, peak_rate(average, peak_factor))
