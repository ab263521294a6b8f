"""Queueing: Little's law, M/M/1, M/M/c with Erlang C, and latency against utilisation.

Rates may be numbers (per second) or quantities (``"200 req/s"``, ``Q(2, "1/min")``);
``service_rate`` is per server. Durations come back as quantities in seconds. Erlang C is
computed from the Erlang B recursion ``B(k) = A B(k-1) / (k + A B(k-1))``, which never forms
a factorial or a power, so c = 1000 servers (or 100,000) is exact and fast.

A queue with utilisation 1 or more grows without bound; the calculators say so rather than
return a negative wait.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from tpmprep.exceptions import CalculationError
from tpmprep.units import fmt, registry
from tpmprep.validate import count, finite, fraction, make, number, quantity

__all__ = [
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
]

MAX_SERVERS = 100_000


def _rate(value: Any, parameter: str, *, allow_zero: bool = False) -> float:
    return float(quantity(parameter, value, "1/s", allow_zero=allow_zero).magnitude)


def _servers(value: Any) -> int:
    return count("servers", value, maximum=MAX_SERVERS)


def _unstable(utilisation: float) -> CalculationError:
    return CalculationError(
        "arrival_rate",
        f"utilisation is {utilisation:.3g} (at least 1): the queue grows without bound: "
        "add servers or reduce load",
    )


def erlang_b(offered_load: Any, servers: Any) -> float:
    """Erlang B: probability an arrival is blocked with ``servers`` and no queue (M/M/c/c).

    Parameters
    ----------
    offered_load : float
        Offered traffic A in erlangs (arrival rate x mean service time), at least 0.
    servers : int
        Servers c, at least 1.

    Returns
    -------
    float

    Raises
    ------
    CalculationError
        For a negative, NaN or infinite load, or a bad server count.
    """
    load = number("offered_load", offered_load, allow_zero=True)
    return _erlang_b(load, _servers(servers))


def _erlang_b(load: float, servers: int) -> float:
    b = 1.0
    for k in range(1, servers + 1):
        b = load * b / (k + load * b)
    return b


def _erlang_c(load: float, servers: int) -> float:
    b = _erlang_b(load, servers)
    return servers * b / (servers - load * (1 - b))


def erlang_c(arrival_rate: Any, service_rate: Any, servers: Any) -> float:
    """Erlang C: probability an arrival has to wait in an M/M/c queue.

    Parameters
    ----------
    arrival_rate : number, str or pint.Quantity
        Arrivals per unit of time (a bare number is per second), at least 0.
    service_rate : number, str or pint.Quantity
        Completions per unit of time of ONE server, above 0.
    servers : int
        Servers c, at least 1 (up to 100,000).

    Returns
    -------
    float
        In [0, 1].

    Raises
    ------
    CalculationError
        For a bad input, or a utilisation of 1 or more (the queue grows without bound).
    """
    return mmc(arrival_rate, service_rate, servers).wait_probability


@dataclass(frozen=True)
class QueueStats:
    """Steady state of an M/M/c queue.

    Attributes
    ----------
    servers : int
        Servers c.
    offered_load : float
        A = arrival rate / service rate, in erlangs.
    utilisation : float
        A / c, the share of time a server is busy.
    wait_probability : float
        Probability an arrival waits (Erlang C; the utilisation when c = 1).
    mean_wait : pint.Quantity
        Mean time in the queue, seconds.
    mean_response : pint.Quantity
        Mean time in the system (wait + service), seconds.
    mean_queue_length : float
        Mean number waiting.
    mean_in_system : float
        Mean number waiting or in service.
    """

    servers: int
    offered_load: float
    utilisation: float
    wait_probability: float
    mean_wait: Any
    mean_response: Any
    mean_queue_length: float
    mean_in_system: float

    def __str__(self) -> str:
        return (
            f"M/M/{self.servers}: utilisation {self.utilisation:.1%}, "
            f"P(wait) {self.wait_probability:.1%}, mean wait {fmt(self.mean_wait)}, "
            f"mean response {fmt(self.mean_response)}, "
            f"mean queue {self.mean_queue_length:.3g}"
        )


def mmc(arrival_rate: Any, service_rate: Any, servers: Any) -> QueueStats:
    """Steady state of an M/M/c queue (Poisson arrivals, exponential service, c servers).

    Parameters
    ----------
    arrival_rate : number, str or pint.Quantity
        Arrivals per unit of time (a bare number is per second), at least 0.
    service_rate : number, str or pint.Quantity
        Completions per unit of time of ONE server, above 0.
    servers : int
        Servers c, at least 1 (up to 100,000).

    Returns
    -------
    QueueStats

    Raises
    ------
    CalculationError
        For a bad input, or a utilisation of 1 or more (the queue grows without bound).
    """
    lam = _rate(arrival_rate, "arrival_rate", allow_zero=True)
    mu = _rate(service_rate, "service_rate")
    c = _servers(servers)
    load = lam / mu
    rho = load / c
    if not math.isfinite(rho):
        raise CalculationError("arrival_rate", "is too large relative to service_rate")
    if rho >= 1:
        raise _unstable(rho)
    wait_probability = _erlang_c(load, c) if lam > 0 else 0.0
    wq = wait_probability / (c * mu - lam)
    lq = lam * wq
    return QueueStats(
        servers=c,
        offered_load=load,
        utilisation=rho,
        wait_probability=wait_probability,
        mean_wait=make(wq, "s"),
        mean_response=make(wq + 1 / mu, "s"),
        mean_queue_length=lq,
        mean_in_system=lq + load,
    )


def mm1(arrival_rate: Any, service_rate: Any) -> QueueStats:
    """Steady state of an M/M/1 queue: ``W = 1 / (mu - lambda)``, ``Lq = rho**2 / (1 - rho)``.

    Parameters
    ----------
    arrival_rate : number, str or pint.Quantity
        Arrivals per unit of time (a bare number is per second), at least 0.
    service_rate : number, str or pint.Quantity
        Completions per unit of time, above 0.

    Returns
    -------
    QueueStats

    Raises
    ------
    CalculationError
        For a bad input, or a utilisation of 1 or more.
    """
    return mmc(arrival_rate, service_rate, 1)


def service_level(arrival_rate: Any, service_rate: Any, servers: Any, target_wait: Any) -> float:
    """Share of arrivals that wait no longer than ``target_wait`` (M/M/c).

    ``1 - C * exp(-(c mu - lambda) t)``, the call-centre "80% answered in 20 seconds".

    Parameters
    ----------
    arrival_rate : number, str or pint.Quantity
        Arrivals per unit of time (a bare number is per second).
    service_rate : number, str or pint.Quantity
        Completions per unit of time of one server.
    servers : int
        Servers c.
    target_wait : number, str or pint.Quantity
        The wait target (a bare number is seconds), at least 0.

    Returns
    -------
    float

    Raises
    ------
    CalculationError
        For a bad input, or a utilisation of 1 or more.
    """
    stats = mmc(arrival_rate, service_rate, servers)
    t = float(quantity("target_wait", target_wait, "s", allow_zero=True).magnitude)
    if t == 0:
        return 1 - stats.wait_probability
    lam = _rate(arrival_rate, "arrival_rate", allow_zero=True)
    mu = _rate(service_rate, "service_rate")
    return finite(
        "target_wait", 1 - stats.wait_probability * math.exp(-(stats.servers * mu - lam) * t)
    )


def servers_for_service_level(
    arrival_rate: Any, service_rate: Any, target_wait: Any, level: Any = 0.8
) -> int:
    """Fewest servers so that ``level`` of arrivals wait at most ``target_wait`` (M/M/c).

    Parameters
    ----------
    arrival_rate : number, str or pint.Quantity
        Arrivals per unit of time (a bare number is per second), above 0.
    service_rate : number, str or pint.Quantity
        Completions per unit of time of one server.
    target_wait : number, str or pint.Quantity
        The wait target (a bare number is seconds).
    level : float or str, default 0.8
        Share of arrivals that must meet the target, in (0, 1).

    Returns
    -------
    int

    Raises
    ------
    CalculationError
        For a bad input, or when more than 100,000 servers would be needed.
    """
    lam = _rate(arrival_rate, "arrival_rate")
    mu = _rate(service_rate, "service_rate")
    t = float(quantity("target_wait", target_wait, "s", allow_zero=True).magnitude)
    want = fraction("level", level, allow_zero=False, allow_one=False)
    load = lam / mu
    if not load < MAX_SERVERS:
        raise CalculationError(
            "arrival_rate", f"needs more than {MAX_SERVERS:,} servers; check the units"
        )
    b = 1.0
    for c in range(1, MAX_SERVERS + 1):
        b = load * b / (c + load * b)
        if c > load:
            wait_probability = c * b / (c - load * (1 - b))
            if 1 - wait_probability * math.exp(-(c * mu - lam) * t) >= want:
                return c
    raise CalculationError(  # pragma: no cover - unreachable: load < MAX_SERVERS
        "arrival_rate", f"needs more than {MAX_SERVERS:,} servers"
    )


def littles_law(
    number_in_system: Any = None, arrival_rate: Any = None, time_in_system: Any = None
) -> Any:
    """Little's law, L = lambda W: give any two, get the third.

    Parameters
    ----------
    number_in_system : number, optional
        Mean number of items in the system, L.
    arrival_rate : number, str or pint.Quantity, optional
        Mean arrival (= throughput) rate, lambda (a bare number is per second).
    time_in_system : number, str or pint.Quantity, optional
        Mean time an item spends in the system, W (a bare number is seconds).

    Returns
    -------
    pint.Quantity
        The missing one: a plain count, a rate per second or a duration in seconds.

    Raises
    ------
    CalculationError
        Unless exactly two are given, or for a negative, NaN or infinite one.
    """
    given = [v is not None for v in (number_in_system, arrival_rate, time_in_system)]
    if sum(given) != 2:
        raise CalculationError(
            "number_in_system, arrival_rate, time_in_system",
            "give exactly two of the three; Little's law returns the third",
        )
    if number_in_system is None:
        lam = _rate(arrival_rate, "arrival_rate", allow_zero=True)
        w = float(quantity("time_in_system", time_in_system, "s", allow_zero=True).magnitude)
        return finite("arrival_rate, time_in_system", make(lam * w, ""))
    n = number("number_in_system", number_in_system, allow_zero=True)
    if arrival_rate is None:
        w = float(quantity("time_in_system", time_in_system, "s").magnitude)
        return finite("number_in_system, time_in_system", make(n / w, "1/s"))
    lam = _rate(arrival_rate, "arrival_rate")
    return finite("number_in_system, arrival_rate", make(n / lam, "s"))


@dataclass(frozen=True)
class LatencyCurve:
    """Mean latency against utilisation, for a plot.

    Attributes
    ----------
    utilisation : numpy.ndarray
        Utilisation points in [0, max_utilisation].
    mean_response : pint.Quantity
        Mean response time at each point (array, milliseconds).
    mean_wait : pint.Quantity
        Mean queueing delay at each point (array, milliseconds).
    servers : int
        Servers c.
    """

    utilisation: Any
    mean_response: Any
    mean_wait: Any
    servers: int


def latency_curve(
    service_rate: Any, servers: Any = 1, points: Any = 50, max_utilisation: Any = 0.95
) -> LatencyCurve:
    """Mean response time of an M/M/c queue as utilisation rises from 0 to ``max_utilisation``.

    The curve is flat at first and then climbs steeply: at utilisation rho an M/M/1 queue's
    mean response is ``1 / (mu (1 - rho))``, ten times the service time at 90%.

    Parameters
    ----------
    service_rate : number, str or pint.Quantity
        Completions per unit of time of one server (a bare number is per second).
    servers : int, default 1
        Servers c (up to 100,000).
    points : int, default 50
        Points on the curve, 2 to 10,000.
    max_utilisation : float or str, default 0.95
        Last point, in (0, 1).

    Returns
    -------
    LatencyCurve

    Raises
    ------
    CalculationError
        For any unusable input, naming it.
    """
    import numpy as np

    mu = _rate(service_rate, "service_rate")
    c = _servers(servers)
    n = count("points", points)
    if not 2 <= n <= 10_000:
        raise CalculationError("points", f"must be between 2 and 10,000, got {n}")
    if c * n > 2_000_000:
        raise CalculationError(
            "points", "servers x points must be at most 2,000,000; use fewer points"
        )
    top = fraction("max_utilisation", max_utilisation, allow_zero=False, allow_one=False)
    rho = np.linspace(0.0, top, n)
    load = rho * c
    b = np.ones_like(load)
    for k in range(1, c + 1):
        b = load * b / (k + load * b)
    wait_probability = c * b / (c - load * (1 - b))
    wq = wait_probability / (c * mu * (1 - rho))
    ms = registry().Unit("ms")
    return LatencyCurve(
        utilisation=rho,
        mean_response=registry().Quantity(1000 * (wq + 1 / mu), ms),
        mean_wait=registry().Quantity(1000 * wq, ms),
        servers=c,
    )
