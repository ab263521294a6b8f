"""Load-balancing policies over heterogeneous servers, bursty arrivals and variable request cost.

Each server is a FIFO queue that serves one request at a time; a request of size ``x`` (work
units, mean 1) takes ``x / capacity`` seconds at a server of ``capacity`` requests per second.
Stateless policies (round robin, random, consistent hashing) pick servers for all requests at
once and the waits come from a vectorised Lindley recursion per server. Stateful policies
(least connections, power of two choices) must look at queue lengths as each request arrives,
so they run one tight Python loop over precomputed random draws; they count outstanding
requests exactly (a request counts until its service ends).

What to look for:

- **Random** placement leaves some servers with far longer queues than others: the worst of
  ``n`` bins gets about ``ln n / ln ln n`` balls when ``n`` balls are thrown into ``n`` bins,
  while asking **two** random servers and taking the shorter queue brings that down to about
  ``ln ln n / ln 2`` (Azar, Broder, Karlin and Upfal, "Balanced allocations", SIAM J. Comput.
  29(1), 1999; Mitzenmacher, "The power of two choices in randomized load balancing", IEEE
  TPDS 12(10), 2001). These are leading-order terms: at n = 1000 they give 3.6 and 2.8, and
  :func:`balls_into_bins` shows the real maxima, typically 5 and 3.
- **Round robin** is perfect when servers are equal and requests cost the same; it fails when
  servers differ in capacity (the slow one saturates at the same request count) or requests
  differ in cost (it cannot see a queue building behind an expensive request).
"""

from __future__ import annotations

import math
import numbers
from bisect import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from tpmprep import validate
from tpmprep.exceptions import CalculationError
from tpmprep.sim.arrivals import arrival_times
from tpmprep.sim.fifo import fifo_waits_by_server

__all__ = [
    "POLICIES",
    "BinsResult",
    "LoadBalancingResult",
    "PolicyComparison",
    "balls_into_bins",
    "compare_policies",
    "simulate_load_balancing",
    "theory_max_load",
]

POLICIES = ("round_robin", "random", "least_connections", "two_choices", "consistent_hashing")
_CHUNK = 65_536  # requests least connections turns into Python objects at a time


@dataclass(frozen=True)
class LoadBalancingResult:
    """What one load-balancing run produced.

    Attributes
    ----------
    policy : str
        The policy's name.
    capacities : numpy.ndarray
        Capacity of each server, requests per second.
    requests : numpy.ndarray
        Requests each server received.
    utilisation : numpy.ndarray
        Busy time of each server over the run's duration (above 1: it fell behind).
    latency : numpy.ndarray
        Response time (wait + service) of every request, seconds.
    duration : float
        Time from the first to the last arrival, seconds.
    arrival_rate : float
        Mean offered arrival rate, requests per second.
    """

    policy: str
    capacities: Any
    requests: Any
    utilisation: Any
    latency: Any = field(repr=False)
    duration: float
    arrival_rate: float

    def percentile(self, q: float) -> float:
        """Latency percentile ``q`` (0-100), seconds.

        Parameters
        ----------
        q : float
            The percentile, 0 to 100.

        Returns
        -------
        float
            The response time below which ``q`` percent of requests finished.
        """
        import numpy as np

        return float(np.percentile(self.latency, q))

    @property
    def p50(self) -> float:
        """Median response time, seconds."""
        return self.percentile(50)

    @property
    def p95(self) -> float:
        """95th percentile response time, seconds."""
        return self.percentile(95)

    @property
    def p99(self) -> float:
        """99th percentile response time, seconds."""
        return self.percentile(99)

    @property
    def max_mean_requests(self) -> float:
        """Busiest server's request count over the mean count (1 = perfectly even)."""
        return float(self.requests.max() / self.requests.mean())

    @property
    def peak_utilisation(self) -> float:
        """The busiest server's utilisation (above 1: its queue grew without bound)."""
        return float(self.utilisation.max())

    def summary(self) -> str:
        """Summarise in a few lines: spread of load, latency percentiles, any overload.

        Returns
        -------
        str
            The summary.
        """
        n = len(self.capacities)
        lines = [
            f"{self.policy.replace('_', ' ')}: {len(self.latency):,} requests at "
            f"{self.arrival_rate:,.0f} req/s over {n} servers "
            f"(capacity {self.capacities.sum():,.0f} req/s in all)",
            f"  requests per server: min {self.requests.min():,}, max {self.requests.max():,} "
            f"(max/mean {self.max_mean_requests:.2f})",
            f"  utilisation per server: min {self.utilisation.min():.0%}, "
            f"max {self.peak_utilisation:.0%}",
            f"  latency p50 {self.p50 * 1e3:,.1f} ms, p95 {self.p95 * 1e3:,.1f} ms, "
            f"p99 {self.p99 * 1e3:,.1f} ms",
        ]
        if self.peak_utilisation > 1:
            lines.append("  overloaded: a server got more work than it can serve; its queue grew")
        return "\n".join(lines)


@dataclass(frozen=True)
class PolicyComparison:
    """Results of several policies on the same arrivals and request sizes.

    Attributes
    ----------
    results : dict of str to LoadBalancingResult
        One result per policy, in the order run.
    """

    results: dict[str, LoadBalancingResult]

    def __getitem__(self, policy: str) -> LoadBalancingResult:
        return self.results[policy]

    def summary(self) -> str:
        """Tabulate: one row per policy with load spread and latency percentiles.

        Returns
        -------
        str
            The table.
        """
        head = (
            f"{'policy':<20}{'max/mean req':>13}{'peak util':>11}"
            f"{'p50 ms':>10}{'p95 ms':>10}{'p99 ms':>10}"
        )
        rows = [head]
        for name, r in self.results.items():
            rows.append(
                f"{name:<20}{r.max_mean_requests:>13.2f}{r.peak_utilisation:>11.0%}"
                f"{r.p50 * 1e3:>10.1f}{r.p95 * 1e3:>10.1f}{r.p99 * 1e3:>10.1f}"
            )
        return "\n".join(rows)

    def __str__(self) -> str:
        return self.summary()


def _capacities(servers: Any, capacity: float) -> Any:
    import numpy as np

    if isinstance(servers, numbers.Real) and not isinstance(servers, bool):
        n = validate.count("servers", servers)
        cap = validate.positive("capacity", capacity)
        return np.full(n, cap)
    if not isinstance(servers, Sequence | np.ndarray) or len(servers) == 0:
        raise CalculationError(
            "servers", "give a number of servers (at least 1) or a list of capacities in req/s"
        )
    return np.array([validate.positive("servers", c) for c in servers], dtype=float)


def _sizes(rng: Any, n: int, cost_cv: float) -> Any:
    """Request sizes with mean 1 and coefficient of variation ``cost_cv`` (gamma distributed)."""
    import numpy as np

    if cost_cv == 0:
        return np.ones(n)
    shape = 1.0 / cost_cv**2
    return rng.gamma(shape, 1.0 / shape, n)


def _ring_servers(capacities: Any, virtual_nodes: int, keys: int, key_skew: float, rng: Any, n):
    """Server of each request under consistent hashing (vnodes weighted by capacity)."""
    import numpy as np

    from tpmprep.sim.hashing import HashRing, zipf_weights

    weights = capacities / capacities.mean()
    ring = HashRing(
        {i: max(1, round(virtual_nodes * w)) for i, w in enumerate(weights)},
    )
    owner = np.array(ring.lookup_many(range(keys)))
    key_of_request = rng.choice(keys, size=n, p=zipf_weights(keys, key_skew))
    return owner[key_of_request]


def _two_choices(arr: list, size: list, inv: list, first: list, second: list, n: int):
    """Power of two choices: sample two servers, join the one with fewer outstanding requests."""
    deps: list[list[float]] = [[] for _ in range(n)]
    ptr = [0] * n
    chosen = [0] * len(arr)
    waits = [0.0] * len(arr)
    for j, t in enumerate(arr):
        a = first[j]
        b = second[j]
        da = deps[a]
        pa = ptr[a]
        la = len(da)
        while pa < la and da[pa] <= t:
            pa += 1
        ptr[a] = pa
        db = deps[b]
        pb = ptr[b]
        lb = len(db)
        while pb < lb and db[pb] <= t:
            pb += 1
        ptr[b] = pb
        if lb - pb < la - pa:
            a, da, la = b, db, lb
        start = da[-1] if la and da[-1] > t else t
        da.append(start + size[j] * inv[a])
        chosen[j] = a
        waits[j] = start - t
    return chosen, waits


def simulate_load_balancing(
    policy: str,
    servers: int | Sequence[float] = 8,
    requests: int = 100_000,
    *,
    capacity: float = 100.0,
    load: float = 0.7,
    cost_cv: float = 1.0,
    burst_factor: float = 1.0,
    burst_share: float = 0.1,
    virtual_nodes: int = 100,
    keys: int = 10_000,
    key_skew: float = 0.0,
    seed: int | None = 0,
) -> LoadBalancingResult:
    """Send ``requests`` through a load balancer with ``policy`` and measure load and latency.

    Parameters
    ----------
    policy : str
        One of ``round_robin``, ``random``, ``least_connections``, ``two_choices`` (power of two
        choices) and ``consistent_hashing`` (``-`` or spaces instead of ``_`` are accepted).
    servers : int or sequence of float
        A number of identical servers (each ``capacity`` req/s) or one capacity per server.
    requests : int
        Number of requests to simulate.
    capacity : float
        Requests per second one server handles when ``servers`` is a number.
    load : float
        Offered load as a share of total capacity (mean arrival rate / sum of capacities), in
        (0, 1]; above 1 no policy can keep up.
    cost_cv : float
        Coefficient of variation of request cost (0: every request costs the same; 1:
        exponential; above 1: a few very expensive requests). Sizes are gamma distributed.
    burst_factor : float
        Peak-to-mean arrival rate during bursts (1: Poisson arrivals).
    burst_share : float
        Share of time spent in bursts.
    virtual_nodes : int
        Ring points per server of average capacity (consistent hashing; weighted by capacity).
    keys : int
        Number of distinct request keys, e.g. users (consistent hashing).
    key_skew : float
        Zipf exponent of key popularity (0: uniform; 1: a few hot keys).
    seed : int, optional
        Seed; the same seed gives the same arrivals, sizes and result.

    Returns
    -------
    LoadBalancingResult
        Per-server load and the latency of every request.

    Raises
    ------
    CalculationError
        If a parameter is out of range or the policy is unknown (the message lists the valid ones).
    """
    import numpy as np

    policy = validate.choice("policy", policy, POLICIES)
    caps = _capacities(servers, capacity)
    n_req = validate.count("requests", requests)
    load = validate.positive("load", load)
    cost_cv = validate.positive("cost_cv", cost_cv, allow_zero=True)
    virtual_nodes = validate.count("virtual_nodes", virtual_nodes)
    keys = validate.count("keys", keys)
    key_skew = validate.positive("key_skew", key_skew, allow_zero=True)
    if seed is not None:
        validate.count("seed", seed, minimum=0)
    traffic_seq, policy_seq = np.random.SeedSequence(seed).spawn(2)
    traffic = np.random.default_rng(traffic_seq)
    choose = np.random.default_rng(policy_seq)

    n = len(caps)
    rate = load * caps.sum()
    arr = arrival_times(
        n_req, rate, burst_factor=burst_factor, burst_share=burst_share, rng=traffic
    )
    size = _sizes(traffic, n_req, cost_cv)
    inv = 1.0 / caps

    if policy in ("round_robin", "random", "consistent_hashing"):
        if policy == "round_robin":
            server = np.arange(n_req) % n
        elif policy == "random":
            server = choose.integers(0, n, n_req)
        else:
            server = _ring_servers(caps, virtual_nodes, keys, key_skew, choose, n_req)
        svc = size * inv[server]
        waits = fifo_waits_by_server(arr, svc, server, n)
    elif policy == "two_choices":
        first = choose.integers(0, n, n_req)
        # the second pick is always a different server
        second = (first + 1 + choose.integers(0, n - 1, n_req)) % n if n > 1 else first
        chosen, wait_list = _two_choices(
            arr.tolist(), size.tolist(), inv.tolist(), first.tolist(), second.tolist(), n
        )
        server = np.array(chosen)
        waits = np.array(wait_list)
        svc = size * inv[server]
    else:
        server, waits = _least_connections_run(arr, size, inv, n, int(choose.integers(n)))
        svc = size * inv[server]

    duration = float(arr[-1] - arr[0]) if n_req > 1 else float(arr[0])
    per_server = np.bincount(server, minlength=n)
    busy = np.bincount(server, weights=svc, minlength=n)
    return LoadBalancingResult(
        policy=policy,
        capacities=caps,
        requests=per_server,
        utilisation=busy / max(duration, 1e-12),
        latency=waits + svc,
        duration=duration,
        arrival_rate=rate,
    )


def _least_connections_run(arr, size, inv, n, offset):
    """Least connections, exactly: fewest outstanding requests; ties to the least recent pick.

    A request counts from its arrival until its service ends. The departure times of the
    requests still counted sit in one list kept sorted (``bisect``), with the server of each
    in a parallel list; a read position walks past departures as arrivals overtake them, so a
    departure costs one comparison and one decrement (no heap, no dictionary of times). Each
    server's key is ``connections * big + (last pick + n) * n + server``: one ``min`` finds
    the fewest connections and, among ties, the server chosen longest ago (round robin among
    equals), and ``key % n`` is that server. Requests go through in chunks, so only one chunk
    is held as Python objects and the departures already passed are dropped between chunks.

    Returns
    -------
    tuple of numpy.ndarray
        The server of every request and its wait before service, seconds.
    """
    import numpy as np

    n_req = len(arr)
    big = (n_req + 2 * n) * n  # above any (last pick + n) * n + server
    ids = np.arange(n)
    key = (((ids + offset) % n) * n + ids).tolist()  # last picks -n..-1, in turn from offset
    free = [0.0] * n
    inv_l = inv.tolist()
    deps, owner = [math.inf], [0]  # the sentinel is never passed
    add_dep, add_owner = deps.insert, owner.insert
    here = 0
    server = np.empty(n_req, dtype=np.intp)
    start = np.empty(n_req)
    for lo in range(0, n_req, _CHUNK):
        hi = min(lo + _CHUNK, n_req)
        del deps[:here], owner[:here]
        here = 0
        picks, starts = [], []
        first = big + (lo + n) * n  # the key part of request lo: one more connection, picked now
        picked = range(first, first + (hi - lo) * n, n)
        for pick, t, x in zip(picked, arr[lo:hi].tolist(), size[lo:hi].tolist(), strict=True):
            while deps[here] <= t:
                key[owner[here]] -= big
                here += 1
            k = min(key)
            i = k % n
            key[i] = k - k % big + pick + i
            f = free[i]
            if f < t:
                f = t
            starts.append(f)
            f += x * inv_l[i]
            free[i] = f
            at = bisect(deps, f, here)
            add_dep(at, f)
            add_owner(at, i)
            picks.append(i)
        server[lo:hi] = np.fromiter(picks, np.intp, hi - lo)
        start[lo:hi] = np.fromiter(starts, float, hi - lo)
    return server, start - arr


def compare_policies(policies: Sequence[str] | None = None, **kwargs: Any) -> PolicyComparison:
    """Run several policies on the same arrivals and request sizes (same seed) and compare.

    Parameters
    ----------
    policies : sequence of str, optional
        Policies to run (default: all of :data:`POLICIES`).
    **kwargs
        Passed to :func:`simulate_load_balancing` (``servers``, ``requests``, ``load``, ...).

    Returns
    -------
    PolicyComparison
        One result per policy; ``summary()`` is a table.

    Raises
    ------
    CalculationError
        If a policy is unknown or a parameter is out of range.
    """
    names = list(POLICIES if policies is None else policies)
    if not names:
        raise CalculationError("policies", f"give at least one of: {', '.join(POLICIES)}")
    return PolicyComparison({p: simulate_load_balancing(p, **kwargs) for p in names})


@dataclass(frozen=True)
class BinsResult:
    """Balls thrown into bins, each ball into the least loaded of ``choices`` random bins.

    Attributes
    ----------
    loads : numpy.ndarray
        Balls in each bin.
    choices : int
        Bins sampled per ball (1 = plain random).
    """

    loads: Any
    choices: int

    @property
    def max_load(self) -> int:
        """Balls in the fullest bin."""
        return int(self.loads.max())

    def summary(self) -> str:
        """One line: bins, balls, choices, the fullest bin and the leading-order theory.

        Returns
        -------
        str
            The summary.
        """
        n = len(self.loads)
        return (
            f"{int(self.loads.sum()):,} balls into {n:,} bins, {self.choices} choice(s): "
            f"max load {self.max_load} (theory, leading order: "
            f"{theory_max_load(n, self.choices):.1f})"
        )


def balls_into_bins(
    bins: int, balls: int | None = None, *, choices: int = 1, seed: int | None = 0
) -> BinsResult:
    """Throw ``balls`` into ``bins``: each ball goes to the emptiest of ``choices`` random bins.

    Parameters
    ----------
    bins : int
        Number of bins (servers).
    balls : int, optional
        Number of balls (requests); default ``bins``.
    choices : int
        Bins sampled per ball, 1 (random) or more (power of d choices).
    seed : int, optional
        Seed.

    Returns
    -------
    BinsResult
        The load of every bin.

    Raises
    ------
    CalculationError
        If a count is not a positive whole number.
    """
    import numpy as np

    n = validate.count("bins", bins)
    m = n if balls is None else validate.count("balls", balls)
    d = validate.count("choices", choices)
    rng = validate.seed(seed)
    if d == 1:
        return BinsResult(np.bincount(rng.integers(0, n, m), minlength=n), 1)
    picks = rng.integers(0, n, (m, d)).tolist()
    loads = [0] * n
    for row in picks:
        best = row[0]
        low = loads[best]
        for b in row[1:]:
            if loads[b] < low:
                best, low = b, loads[b]
        loads[best] = low + 1
    return BinsResult(np.array(loads), d)


def theory_max_load(bins: int, choices: int = 1) -> float:
    """Leading-order maximum load for ``bins`` balls into ``bins`` bins.

    One choice: ``ln n / ln ln n``; ``d >= 2`` choices: ``ln ln n / ln d`` (plus a constant
    the asymptotics hide: at n = 1000 the formulas give 3.6 and 2.8 while simulated maxima
    are 4-6, mean 5.3 over ten seeds, and 3).

    Parameters
    ----------
    bins : int
        Number of bins ``n`` (at least 3, so that ``ln ln n > 0``).
    choices : int
        Bins sampled per ball.

    Returns
    -------
    float
        The leading-order value.

    Raises
    ------
    CalculationError
        If ``bins`` < 3 or ``choices`` < 1.
    """
    n = validate.count("bins", bins, minimum=3)
    d = validate.count("choices", choices)
    if d == 1:
        return math.log(n) / math.log(math.log(n))
    return math.log(math.log(n)) / math.log(d)
