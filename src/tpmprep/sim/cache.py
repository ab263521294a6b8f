"""Cache eviction (LRU, LFU, FIFO, TTL) on Zipf or user-supplied traces, with hit-ratio curves.

Every policy admits the requested item on a miss. When full it evicts:

- ``lru``: the least recently used item;
- ``lfu``: the item requested least often so far, counting every request to it since the start
  of the trace even while it was out of the cache ("perfect LFU", the reference policy of
  Breslau et al., "Web caching and Zipf-like distributions", INFOCOM 1999); ties go to the least
  recently used. On a stationary trace it settles on the most popular items, so its hit ratio
  approaches the ideal static cache's, ``sum of the C largest popularities``;
- ``fifo``: the item inserted longest ago, however often it is used;
- ``ttl``: entries expire ``ttl`` time units after they were written (a hit does not extend
  them); when full, the oldest entry goes first (with one TTL for all, that is also the one
  nearest expiry).

LRU on an independent-reference trace is predicted well by the Che approximation
(:func:`che_lru_hit_ratio`; Che, Tung and Wang, IEEE JSAC 20(7), 2002; Fricker, Robert and
Roberts, "A versatile and accurate approximation for LRU cache performance", ITC 2012).
"""

from __future__ import annotations

import heapq
from collections import OrderedDict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from tpmprep import validate
from tpmprep.exceptions import CalculationError
from tpmprep.sim.hashing import zipf_weights

__all__ = [
    "CACHE_POLICIES",
    "CacheResult",
    "HitRatioCurve",
    "che_lru_hit_ratio",
    "hit_ratio_curve",
    "ideal_hit_ratio",
    "simulate_cache",
    "zipf_trace",
]

CACHE_POLICIES = ("lru", "lfu", "fifo", "ttl")


def zipf_trace(n_requests: int, catalogue: int, s: float = 1.0, seed: int | None = 0) -> Any:
    """Independent requests to ``catalogue`` items with Zipf(``s``) popularity.

    Parameters
    ----------
    n_requests : int
        Trace length.
    catalogue : int
        Number of distinct items; item ``k`` (0-based) has popularity proportional to
        ``(k + 1) ** -s``, so item 0 is the most popular.
    s : float
        Zipf exponent (0: uniform; web traces typically 0.6-1).
    seed : int, optional
        Seed.

    Returns
    -------
    numpy.ndarray
        Item numbers, one per request.

    Raises
    ------
    CalculationError
        If a count is below 1 or ``s`` is negative.
    """
    n = validate.count("n_requests", n_requests)
    p = zipf_weights(catalogue, s)
    return validate.seed(seed).choice(len(p), size=n, p=p)


@dataclass(frozen=True)
class CacheResult:
    """Hits and misses of one cache over one trace.

    Attributes
    ----------
    policy : str
        Eviction policy.
    size : int
        Capacity in items.
    requests : int
        Requests counted (after the warm-up).
    hits : int
        Requests served from the cache.
    """

    policy: str
    size: int
    requests: int
    hits: int

    @property
    def hit_ratio(self) -> float:
        """Hits over requests counted."""
        return self.hits / self.requests if self.requests else 0.0

    def summary(self) -> str:
        """One line: policy, size, hit ratio.

        Returns
        -------
        str
            The summary.
        """
        return (
            f"{self.policy.upper()} cache of {self.size:,} items: hit ratio {self.hit_ratio:.1%} "
            f"({self.hits:,} of {self.requests:,} requests)"
        )


def _as_list(trace: Any) -> list:
    if isinstance(trace, str | bytes) or not isinstance(trace, Iterable):
        raise CalculationError(
            "trace", "give a sequence of hashable keys (a list, tuple or numpy array)"
        )
    keys = trace.tolist() if hasattr(trace, "tolist") else list(trace)
    if not keys:
        raise CalculationError("trace", "is empty; give at least one request")
    try:
        for k in keys[:1]:
            hash(k)
    except TypeError:
        raise CalculationError("trace", f"keys must be hashable, got {keys[0]!r}") from None
    return keys


def _lru(keys: list, size: int, first: int) -> int:
    cache: OrderedDict[Hashable, None] = OrderedDict()
    move, pop = cache.move_to_end, cache.popitem
    hits = 0
    for j, k in enumerate(keys):
        if k in cache:
            move(k)
            if j >= first:
                hits += 1
        else:
            cache[k] = None
            if len(cache) > size:
                pop(last=False)
    return hits


def _fifo(keys: list, size: int, first: int) -> int:
    cache: OrderedDict[Hashable, None] = OrderedDict()
    pop = cache.popitem
    hits = 0
    for j, k in enumerate(keys):
        if k in cache:
            if j >= first:
                hits += 1
        else:
            cache[k] = None
            if len(cache) > size:
                pop(last=False)
    return hits


def _lfu(keys: list, size: int, first: int) -> int:
    counts: dict[Hashable, int] = {}
    stamp: dict[Hashable, int] = {}  # last access of each cached key; heap entries must match
    heap: list[tuple[int, int, Any]] = []
    push, pop = heapq.heappush, heapq.heappop
    hits = 0
    for j, k in enumerate(keys):
        c = counts.get(k, 0) + 1
        counts[k] = c
        if k in stamp:
            if j >= first:
                hits += 1
        elif len(stamp) >= size:
            while True:
                _, sv, kv = pop(heap)
                if stamp.get(kv) == sv:
                    del stamp[kv]
                    break
        stamp[k] = j
        push(heap, (c, j, k))
        if len(heap) > 4 * size + 64:  # drop stale entries now and then
            heap = [(counts[kk], s, kk) for kk, s in stamp.items()]
            heapq.heapify(heap)
    return hits


def _ttl(keys: list, size: int, first: int, ttl: float, times: list | None) -> int:
    cache: OrderedDict[Hashable, float] = OrderedDict()
    pop = cache.popitem
    hits = 0
    for j, k in enumerate(keys):
        now = times[j] if times is not None else float(j)
        expiry = cache.get(k)
        if expiry is not None and expiry > now:
            if j >= first:
                hits += 1
            continue
        if expiry is not None:
            del cache[k]
        cache[k] = now + ttl
        if len(cache) > size:
            pop(last=False)
    return hits


def simulate_cache(
    trace: Sequence[Hashable] | Any,
    size: int,
    policy: str = "lru",
    *,
    ttl: float | None = None,
    times: Sequence[float] | None = None,
    warmup: float = 0.1,
) -> CacheResult:
    """Replay ``trace`` through a cache of ``size`` items and count hits.

    Parameters
    ----------
    trace : sequence of hashable
        Requested keys in order (e.g. from :func:`zipf_trace`, or your own log).
    size : int
        Capacity in items.
    policy : str
        ``lru``, ``lfu``, ``fifo`` or ``ttl``.
    ttl : float, optional
        Lifetime of an entry for ``ttl`` (in the units of ``times``; default: one time unit per
        request, so ``ttl=1000`` means 1,000 requests).
    times : sequence of float, optional
        Time of each request (non-decreasing) for ``ttl``; default ``0, 1, 2, ...``.
    warmup : float
        Share of the trace replayed before counting starts (0 counts the cold start too).

    Returns
    -------
    CacheResult
        Hits and requests counted.

    Raises
    ------
    CalculationError
        If the trace is empty, the size or TTL is not positive, the warm-up is outside [0, 1),
        or the policy is unknown (the message lists the valid ones).
    """
    policy = validate.choice("policy", policy, CACHE_POLICIES)
    keys = _as_list(trace)
    size = validate.count("size", size)
    warmup = validate.probability("warmup", warmup)
    if warmup >= 1:
        raise CalculationError("warmup", "must be below 1 so that some requests count")
    first = int(len(keys) * warmup)
    if policy == "ttl":
        if ttl is None:
            raise CalculationError("ttl", "policy 'ttl' needs a ttl (a positive number)")
        ttl = validate.positive("ttl", ttl)
        time_list = None
        if times is not None:
            time_list = [float(t) for t in times]
            if len(time_list) != len(keys):
                raise CalculationError("times", "needs one time per request in the trace")
        hits = _ttl(keys, size, first, ttl, time_list)
    else:
        hits = {"lru": _lru, "lfu": _lfu, "fifo": _fifo}[policy](keys, size, first)
    return CacheResult(policy=policy, size=size, requests=len(keys) - first, hits=hits)


@dataclass(frozen=True)
class HitRatioCurve:
    """Hit ratio against cache size for several policies on one trace.

    Attributes
    ----------
    sizes : list of int
        Cache sizes, items.
    ratios : dict of str to list of float
        Hit ratio per policy, one per size.
    ideal : list of float or None
        The ideal static cache (top-``size`` items) when the trace is Zipf with known parameters.
    """

    sizes: list[int]
    ratios: dict[str, list[float]]
    ideal: list[float] | None = None

    def summary(self) -> str:
        """Tabulate: one row per size, one column per policy (and the ideal).

        Returns
        -------
        str
            The table.
        """
        cols = list(self.ratios) + (["ideal"] if self.ideal is not None else [])
        rows = [f"{'size':>8}" + "".join(f"{c.upper():>8}" for c in cols)]
        for i, size in enumerate(self.sizes):
            vals = [self.ratios[c][i] for c in self.ratios]
            if self.ideal is not None:
                vals.append(self.ideal[i])
            rows.append(f"{size:>8,}" + "".join(f"{v:>8.1%}" for v in vals))
        return "\n".join(rows)

    def __str__(self) -> str:
        return self.summary()


def hit_ratio_curve(
    trace: Sequence[Hashable] | Any,
    sizes: Iterable[int],
    policies: Iterable[str] = ("lru", "lfu", "fifo"),
    *,
    ttl: float | None = None,
    times: Sequence[float] | None = None,
    warmup: float = 0.1,
    catalogue: int | None = None,
    s: float | None = None,
) -> HitRatioCurve:
    """Hit ratio of each policy at each cache size on the same trace.

    Parameters
    ----------
    trace : sequence of hashable
        Requested keys.
    sizes : iterable of int
        Cache sizes to try.
    policies : iterable of str
        Policies to compare (``ttl`` needs ``ttl``).
    ttl, times, warmup
        As for :func:`simulate_cache`.
    catalogue, s : optional
        Zipf parameters of the trace; when both are given, the ideal static hit ratio is added.

    Returns
    -------
    HitRatioCurve
        Ratios per policy and size.

    Raises
    ------
    CalculationError
        As for :func:`simulate_cache`; also if ``sizes`` or ``policies`` is empty.
    """
    sizes = [validate.count("sizes", v) for v in sizes]
    policies = [validate.choice("policy", p, CACHE_POLICIES) for p in policies]
    if not sizes:
        raise CalculationError("sizes", "give at least one cache size")
    if not policies:
        raise CalculationError("policies", f"give some of: {', '.join(CACHE_POLICIES)}")
    keys = _as_list(trace)
    ratios = {
        p: [
            simulate_cache(keys, c, p, ttl=ttl, times=times, warmup=warmup).hit_ratio for c in sizes
        ]
        for p in policies
    }
    ideal = None
    if catalogue is not None and s is not None:
        ideal = [ideal_hit_ratio(c, catalogue, s) for c in sizes]
    return HitRatioCurve(sizes=sizes, ratios=ratios, ideal=ideal)


def ideal_hit_ratio(size: int, catalogue: int, s: float = 1.0) -> float:
    """Hit ratio of a static cache holding the ``size`` most popular of ``catalogue`` Zipf items.

    Parameters
    ----------
    size : int
        Cache size, items.
    catalogue : int
        Number of items.
    s : float
        Zipf exponent.

    Returns
    -------
    float
        The sum of the ``size`` largest popularities.

    Raises
    ------
    CalculationError
        If a count is below 1 or ``s`` is negative.
    """
    p = zipf_weights(catalogue, s)
    return float(p[: validate.count("size", size)].sum())


def che_lru_hit_ratio(size: int, catalogue: int, s: float = 1.0) -> float:
    """LRU hit ratio under independent Zipf requests, by the Che approximation.

    Solves ``sum(1 - exp(-p_i T)) = size`` for the characteristic time ``T`` and returns
    ``sum(p_i (1 - exp(-p_i T)))``.

    Parameters
    ----------
    size : int
        Cache size, items (below ``catalogue``; at or above it every repeat request hits).
    catalogue : int
        Number of items.
    s : float
        Zipf exponent.

    Returns
    -------
    float
        The predicted hit ratio.

    Raises
    ------
    CalculationError
        If a count is below 1 or ``s`` is negative.
    """
    import numpy as np

    size = validate.count("size", size)
    p = zipf_weights(catalogue, s)
    if size >= len(p):
        return 1.0
    lo, hi = 0.0, 1.0
    while np.sum(-np.expm1(-p * hi)) < size:
        hi *= 2
    for _ in range(100):
        mid = (lo + hi) / 2
        if np.sum(-np.expm1(-p * mid)) < size:
            lo = mid
        else:
            hi = mid
    return float(np.sum(p * -np.expm1(-p * hi)))
