"""How fast the load-balancing simulation is, against a naive pure-Python loop.

Run: .venv/bin/python benchmarks/sim_loadbalance.py [requests] [--no-naive]

For each policy, times `simulate_load_balancing` at 1,000,000 requests (best of 3 CPU times,
printed as seconds per million requests) and a straightforward pure-Python implementation of
the same model (random.expovariate arrivals, one loop that picks a server, keeps each server's
FIFO free time and queue of departures, then sorts the latencies for percentiles), and prints
the ratio. Three more rows, measured in turn five times each so that all see the same load
(a shared machine's CPU times move by a factor of two with it), put least connections in
context: the current loop, its previous implementation (a heap of departures and a dict from
departure time to server), and the floor of any exact Python loop over the requests (read
each arrival and size, append a server and a start time, convert the results to arrays: the
work that stays when every decision is free). Not part of the test suite.
"""

from __future__ import annotations

import bisect
import hashlib
import heapq
import math
import random
import sys
import time

import numpy as np

from tpmprep.sim import loadbalance
from tpmprep.sim.loadbalance import POLICIES, simulate_load_balancing

SERVERS = 8
CAPACITY = 100.0
LOAD = 0.7


def naive(policy: str, n: int, seed: int = 0) -> tuple[float, float, float]:
    """The same model, written the obvious way in pure Python; returns p50, p95, p99 (s)."""
    rnd = random.Random(seed)
    rate = LOAD * SERVERS * CAPACITY
    free = [0.0] * SERVERS
    departures: list[list[float]] = [[] for _ in range(SERVERS)]
    ring = sorted(
        (int(hashlib.blake2b(f"{s}#{v}".encode(), digest_size=8).hexdigest(), 16), s)
        for s in range(SERVERS)
        for v in range(100)
    )
    ring_keys = [p for p, _ in ring]
    owner_of_key = {}
    latencies = []
    t = 0.0
    for j in range(n):
        t += rnd.expovariate(rate)
        size = rnd.expovariate(1.0)

        def outstanding(s: int, now: float = t) -> int:
            return sum(1 for d in departures[s] if d > now)

        if policy == "round_robin":
            s = j % SERVERS
        elif policy == "random":
            s = rnd.randrange(SERVERS)
        elif policy == "least_connections":
            s = min(range(SERVERS), key=outstanding)
        elif policy == "two_choices":
            a, b = rnd.sample(range(SERVERS), 2)
            s = a if outstanding(a) <= outstanding(b) else b
        else:
            key = rnd.randrange(10_000)
            if key not in owner_of_key:
                h = int(hashlib.blake2b(str(key).encode(), digest_size=8).hexdigest(), 16)
                i = bisect.bisect_left(ring_keys, h) % len(ring)
                owner_of_key[key] = ring[i][1]
            s = owner_of_key[key]
        start = max(t, free[s])
        end = start + size / CAPACITY
        free[s] = end
        departures[s].append(end)
        # forget departures that are over, so `outstanding` stays short
        departures[s] = [d for d in departures[s] if d > t]
        latencies.append(end - t)
    latencies.sort()
    return tuple(latencies[int(q * (n - 1))] for q in (0.5, 0.95, 0.99))


def heap_least_connections(arr, size, inv, n, offset):
    """Least connections as it was before (heap of departures, dict from time to server).

    Kept to measure the current implementation against, on the same machine at the same moment.
    """
    inf = float("inf")
    heap = [inf]
    push, pop = heapq.heappush, heapq.heappop
    owner: dict[float, int] = {}
    take = owner.pop
    big = len(arr) + n + 1
    last = [(k + offset) % n - n for k in range(n)]
    key = list(last)
    index = key.index
    free = [0.0] * n
    inv_l = inv.tolist()
    chosen = [0] * len(arr)
    waits = [0.0] * len(arr)
    for j, (t, x) in enumerate(zip(arr.tolist(), size.tolist(), strict=True)):
        while heap[0] <= t:
            key[take(pop(heap))] -= big
        i = index(min(key))
        key[i] += big + j - last[i]
        last[i] = j
        f = free[i]
        if f < t:
            f = t
        waits[j] = f - t
        f += x * inv_l[i]
        while f in owner:
            f = math.nextafter(f, inf)
        free[i] = f
        push(heap, f)
        owner[f] = i
        chosen[j] = i
    return np.array(chosen), np.array(waits)


def floor_loop(arr, size, inv, n, offset):
    """The work any exact loop does: read every request, append a server and a start time."""
    picks, starts = [], []
    for t, _x in zip(arr.tolist(), size.tolist(), strict=True):
        starts.append(t)
        picks.append(0)
    return np.array(picks), np.array(starts) - arr


def with_loop(loop, n: int):
    """Run least connections through `loop` instead of the library's own."""
    current = loadbalance._least_connections_run
    loadbalance._least_connections_run = loop
    try:
        simulate_load_balancing("least_connections", SERVERS, n, seed=1)
    finally:
        loadbalance._least_connections_run = current


def best_of(fn, repeat: int = 3) -> tuple[float, float]:
    """Best wall-clock and best CPU seconds over `repeat` runs (CPU is steadier on a shared box)."""
    wall, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return min(wall), min(cpu)


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    n = int(args[0]) if args else 1_000_000
    naive_too = "--no-naive" not in sys.argv
    per_million = 1e6 / n
    print(f"{n:,} requests, {SERVERS} servers, load {LOAD:.0%}")
    print("seconds per million requests: wall (CPU); the ratio is naive CPU over tpmprep CPU")
    print(f"{'policy':<34}{'tpmprep s':>16}{'naive s':>16}{'ratio':>8}")
    for policy in POLICIES:
        wall, cpu = best_of(lambda p=policy: simulate_load_balancing(p, SERVERS, n, seed=1))
        row = f"{policy:<34}{wall * per_million:>7.2f} ({cpu * per_million:>5.2f})"
        if naive_too:
            slow_wall, slow_cpu = best_of(lambda p=policy: naive(p, n), repeat=1)
            row += (
                f"{slow_wall * per_million:>8.2f} ({slow_cpu * per_million:>5.2f})"
                f"{slow_cpu / cpu:>7.1f}x"
            )
        print(row)
    print("least connections against its previous loop and the floor, runs interleaved (best of 5)")
    loops = {
        "least_connections, now": loadbalance._least_connections_run,
        "least_connections, heap (before)": heap_least_connections,
        "floor: a loop that decides nothing": floor_loop,
    }
    best: dict[str, list[float]] = {name: [math.inf, math.inf] for name in loops}
    for _ in range(5):
        for name, loop in loops.items():
            wall, cpu = best_of(lambda loop=loop: with_loop(loop, n), repeat=1)
            best[name] = [min(best[name][0], wall), min(best[name][1], cpu)]
    for name, (wall, cpu) in best.items():
        print(f"{name:<34}{wall * per_million:>7.2f} ({cpu * per_million:>5.2f})")


if __name__ == "__main__":
    main()
