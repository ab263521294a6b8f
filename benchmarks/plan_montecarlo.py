"""Monte Carlo schedule: vectorised numpy passes against a naive per-sample Python loop.

Run: .venv/bin/python benchmarks/plan_montecarlo.py

The library fills one numpy row per task in topological order (a dozen vector operations
for 10,000 simulated projects). The naive version samples and walks the network one project
at a time, as a first attempt in plain Python would. Both use beta-PERT durations.
"""

from __future__ import annotations

import random
import statistics
import time

from tpmprep.plan.schedule import Schedule

PLAN = """
A 5/5/7 -
B 1/2/5 -
C 5/5/5 A
D 4/8/13 A
E 1/10/17 B,C
F 1/5/7 D
G 2/6/9 D
H 4/4/6 E,F
I 2/7/10 G,H
J 2/4/7 I
K 6/10/13 I
L 2/6/6 J
M 2/2/3 K
N 7/7/12 L,M
"""
N = 10_000
REPEATS = 5


def naive(schedule: Schedule, n: int, seed: int) -> list[float]:
    rng = random.Random(seed)
    preds = {name: list(schedule.graph.predecessors(name)) for name in schedule.order}
    out = []
    for _ in range(n):
        finish: dict[str, float] = {}
        for name in schedule.order:
            t = schedule.tasks[name]
            o, m, p = t.optimistic, t.most_likely, t.pessimistic
            if p > o:
                a = 1 + 4 * (m - o) / (p - o)
                b = 1 + 4 * (p - m) / (p - o)
                d = o + (p - o) * rng.betavariate(a, b)
            else:
                d = o
            finish[name] = max((finish[q] for q in preds[name]), default=0.0) + d
        out.append(max(finish.values()))
    return out


def best_of(fn) -> float:
    times = []
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    s = Schedule.from_text(PLAN, title="14-task textbook network")
    s.monte_carlo(100)  # import numpy before timing
    fast = best_of(lambda: s.monte_carlo(N, seed=1))
    slow = best_of(lambda: naive(s, N, seed=1))
    mc = s.monte_carlo(N, seed=1)
    ref = sorted(naive(s, N, seed=1))
    print(f"{len(s.tasks)} tasks, {N:,} simulated projects, best of {REPEATS}")
    print(f"vectorised (numpy, with criticality): {fast * 1000:8.1f} ms")
    print(f"naive Python loop (durations only):   {slow * 1000:8.1f} ms")
    print(f"ratio: {slow / fast:.0f}x")
    print(f"P50 vectorised {mc.p50:.2f} d, naive {statistics.median(ref):.2f} d")


if __name__ == "__main__":
    main()
