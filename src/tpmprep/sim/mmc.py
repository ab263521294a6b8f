"""An M/M/c queue simulated customer by customer, to set beside the Erlang C formula.

Customers arrive as a Poisson process, wait in one FIFO line and take the first of ``c``
servers to come free; service times are exponential (or gamma with ``service_cv``, an M/G/c
queue, where Erlang C no longer applies). The loop keeps a heap of the servers' free times
(the Kiefer-Wolfowitz recursion); with one server it is the vectorised Lindley recursion.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from typing import Any

from tpmprep import validate
from tpmprep.exceptions import CalculationError
from tpmprep.sim.fifo import fifo_waits

__all__ = ["QueueSimulation", "simulate_mmc"]


@dataclass(frozen=True)
class QueueSimulation:
    """Waits and busy time from one queue simulation (warm-up customers dropped).

    Attributes
    ----------
    arrival_rate, service_rate : float
        Per second.
    servers : int
        Number of servers.
    waits : numpy.ndarray
        Time each counted customer waited before service, seconds.
    services : numpy.ndarray
        Their service times, seconds.
    utilisation : float
        Busy server time over ``servers x`` the counted period.
    """

    arrival_rate: float
    service_rate: float
    servers: int
    waits: Any = field(repr=False)
    services: Any = field(repr=False)
    utilisation: float

    @property
    def mean_wait(self) -> float:
        """Mean time in the queue, seconds (Erlang C: ``C / (c mu - lambda)``)."""
        return float(self.waits.mean())

    @property
    def wait_probability(self) -> float:
        """Share of customers who had to wait (Erlang C's ``C``)."""
        return float((self.waits > 0).mean())

    @property
    def mean_response(self) -> float:
        """Mean time in the system (wait + service), seconds."""
        return float((self.waits + self.services).mean())

    def wait_percentile(self, q: float) -> float:
        """Percentile ``q`` (0-100) of the waiting time, seconds.

        Parameters
        ----------
        q : float
            The percentile.

        Returns
        -------
        float
            The waiting time.
        """
        import numpy as np

        return float(np.percentile(self.waits, q))

    def summary(self) -> str:
        """Summarise the measured figures in a few lines.

        Returns
        -------
        str
            The summary.
        """
        rho = self.arrival_rate / (self.servers * self.service_rate)
        return (
            f"M/M/{self.servers} simulation, {self.waits.size:,} customers, offered utilisation "
            f"{rho:.0%} (measured {self.utilisation:.0%}):\n"
            f"  P(wait) {self.wait_probability:.3f}, mean wait {self.mean_wait * 1e3:,.2f} ms, "
            f"p95 wait {self.wait_percentile(95) * 1e3:,.2f} ms, "
            f"mean response {self.mean_response * 1e3:,.2f} ms"
        )


def _multi_server(arr: list, svc: list, c: int) -> list[float]:
    free = [0.0] * c  # a heap of the times each server comes free
    replace = heapq.heapreplace
    waits = [0.0] * len(arr)
    for j, t in enumerate(arr):
        f = free[0]
        if f > t:
            waits[j] = f - t
            replace(free, f + svc[j])
        else:
            replace(free, t + svc[j])
    return waits


def simulate_mmc(
    arrival_rate: float,
    service_rate: float,
    servers: int,
    *,
    customers: int = 200_000,
    service_cv: float = 1.0,
    warmup: float = 0.05,
    seed: int | None = 0,
) -> QueueSimulation:
    """Simulate an M/M/c queue (M/G/c with ``service_cv != 1``) and measure the waits.

    Parameters
    ----------
    arrival_rate : float
        Customers per second (Poisson).
    service_rate : float
        Customers per second one server completes (mean service time ``1 / service_rate``).
    servers : int
        Number of servers ``c``.
    customers : int
        Customers to simulate.
    service_cv : float
        Coefficient of variation of service times (1: exponential, 0: constant).
    warmup : float
        Share of customers dropped at the start (the queue starts empty).
    seed : int, optional
        Seed.

    Returns
    -------
    QueueSimulation
        Waits and utilisation of the counted customers.

    Raises
    ------
    CalculationError
        If a rate is not positive, ``servers`` < 1, the warm-up is outside [0, 1), or the
        utilisation ``arrival_rate / (servers x service_rate)`` is 1 or more (no steady state).
    """
    import numpy as np

    lam = validate.positive("arrival_rate", arrival_rate)
    mu = validate.positive("service_rate", service_rate)
    c = validate.count("servers", servers)
    n = validate.count("customers", customers, minimum=10)
    cv = validate.positive("service_cv", service_cv, allow_zero=True)
    warmup = validate.probability("warmup", warmup)
    if warmup >= 1:
        raise CalculationError("warmup", "must be below 1 so that some customers count")
    if lam >= c * mu:
        raise CalculationError(
            "arrival_rate",
            f"utilisation {lam / (c * mu):.2f} is 1 or more: the queue grows without bound; "
            "lower the arrival rate or add servers",
        )
    rng = validate.seed(seed)
    arr = np.cumsum(rng.exponential(1.0 / lam, n))
    if cv == 0:
        svc = np.full(n, 1.0 / mu)
    else:
        shape = 1.0 / cv**2
        svc = rng.gamma(shape, 1.0 / (shape * mu), n)
    waits = (
        fifo_waits(arr, svc) if c == 1 else np.array(_multi_server(arr.tolist(), svc.tolist(), c))
    )
    first = int(n * warmup)
    period = arr[-1] - arr[first]
    return QueueSimulation(
        arrival_rate=lam,
        service_rate=mu,
        servers=c,
        waits=waits[first:],
        services=svc[first:],
        utilisation=float(svc[first:].sum() / (c * period)),
    )
