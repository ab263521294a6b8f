"""Waiting times in first-in-first-out queues, vectorised with the Lindley recursion.

For one server, ``W[k] = max(0, W[k-1] + S[k-1] - (A[k] - A[k-1]))``. Writing
``C[k] = sum(S[i-1] - (A[i] - A[i-1]) for i <= k)`` with ``C[0] = 0``, the recursion unrolls to
``W[k] = C[k] - min(C[0..k])``: a cumulative sum and a running minimum, no Python loop.
"""

from __future__ import annotations

import itertools
from typing import Any

__all__ = ["fifo_waits", "fifo_waits_by_server"]


def fifo_waits(arrivals: Any, services: Any) -> Any:
    """Compute the waiting times (before service starts) of one FIFO server's customers.

    Parameters
    ----------
    arrivals : array_like
        Arrival times, non-decreasing.
    services : array_like
        Service times, same length.

    Returns
    -------
    numpy.ndarray
        Waiting time of each customer, same units as the inputs.
    """
    import numpy as np

    arrivals = np.asarray(arrivals, dtype=float)
    services = np.asarray(services, dtype=float)
    if arrivals.size == 0:
        return np.zeros(0)
    steps = np.empty_like(arrivals)
    steps[0] = 0.0
    steps[1:] = services[:-1] - np.diff(arrivals)
    c = np.cumsum(steps)
    waits = c - np.minimum.accumulate(np.minimum(c, 0.0))
    return np.maximum(waits, 0.0)


def fifo_waits_by_server(arrivals: Any, services: Any, server: Any, servers: int) -> Any:
    """Compute waiting times when each customer joins the FIFO queue of its ``server``.

    Parameters
    ----------
    arrivals : array_like
        Arrival times, non-decreasing (over all customers).
    services : array_like
        Service time of each customer at the server it joined.
    server : array_like of int
        Index of the server each customer joined.
    servers : int
        Number of servers.

    Returns
    -------
    numpy.ndarray
        Waiting time of each customer, in the original order.
    """
    import numpy as np

    arrivals = np.asarray(arrivals, dtype=float)
    services = np.asarray(services, dtype=float)
    server = np.asarray(server)
    order = np.argsort(server, kind="stable")  # keeps arrival order within each server
    a, s = arrivals[order], services[order]
    starts = np.searchsorted(server[order], np.arange(servers + 1))
    # One Lindley pass over the concatenation, restarting the running minimum per server.
    steps = np.empty_like(a)
    steps[0] = 0.0
    steps[1:] = s[:-1] - np.diff(a)
    steps[starts[:-1][starts[:-1] < a.size]] = 0.0
    c = np.cumsum(steps)
    waits = np.empty_like(a)
    for lo, hi in itertools.pairwise(starts.tolist()):
        if hi > lo:
            seg = c[lo:hi] - c[lo]
            waits[lo:hi] = seg - np.minimum.accumulate(np.minimum(seg, 0.0))
    out = np.empty_like(waits)
    out[order] = np.maximum(waits, 0.0)
    return out
