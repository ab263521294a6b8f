"""How fast the load-balancing simulation is, against a naive pure-Python loop.

Run: .venv/bin/python benchmarks/sim_loadbalance.py [requests]

For each policy, times `simulate_load_balancing` at 1,000,000 requests (best of 3) and a
straightforward pure-Python implementation of the same model (random.expovariate arrivals,
one loop that picks a server, keeps each server's FIFO free time and queue of departures, then
sorts the latencies for percentiles), and prints the ratio. Not part of the test suite.
"""

from __future__ import annotations

import bisect
import hashlib
import random
import sys
import time

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
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    print(f"{n:,} requests, {SERVERS} servers, load {LOAD:.0%}")
    print("seconds: wall (CPU); the ratio is naive CPU over tpmprep CPU")
    print(f"{'policy':<20}{'tpmprep s':>16}{'naive s':>16}{'ratio':>8}")
    for policy in POLICIES:
        wall, cpu = best_of(lambda p=policy: simulate_load_balancing(p, SERVERS, n, seed=1))
        slow_wall, slow_cpu = best_of(lambda p=policy: naive(p, n), repeat=1)
        print(
            f"{policy:<20}{wall:>7.2f} ({cpu:>5.2f}){slow_wall:>8.2f} ({slow_cpu:>5.2f})"
            f"{slow_cpu / cpu:>7.1f}x"
        )


if __name__ == "__main__":
    main()
