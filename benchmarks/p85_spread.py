"""Spread of the attendance exercise's P85 (run: .venv/bin/python benchmarks/p85_spread.py).

The exercise accepts a P85 within ``P85_TOLERANCE`` of the key so that a candidate may use any
seed and any number of runs from 2,000 up. This prints, over scenario seeds 0-39, how far
simulations of 1,000-50,000 runs with other seeds land from the key (and how many the answer
check rejects), how far the key lies from a 400,000-run reference, and how far the classic
slips (the key simulation's P50, P80 and P90, the PERT duration, the most-likely plan) lie from
the P85. It takes a few minutes; ``--quick`` looks at 10 seeds and fewer simulations.
"""

from __future__ import annotations

import sys
import time

from tpmprep import scenario
from tpmprep.scenarios.program_execution import P85_TOLERANCE, attendance_schedule

QUICK = "--quick" in sys.argv
SEEDS = range(10 if QUICK else 40)
SIMULATIONS = {1_000: 200, 2_000: 260, 5_000: 50, 10_000: 50, 50_000: 15}
if QUICK:
    SIMULATIONS = {n: max(5, k // 10) for n, k in SIMULATIONS.items()}


def main() -> None:
    start = time.perf_counter()
    worst = dict.fromkeys(SIMULATIONS, 0.0)
    rejected = dict.fromkeys(SIMULATIONS, 0)
    count = dict.fromkeys(SIMULATIONS, 0)
    other_p80 = other_p80_accepted = 0
    key_error = []
    slips: dict[str, list[float]] = {k: [] for k in ("P80", "P90", "P50", "PERT", "most likely")}
    for seed in SEEDS:
        sc = scenario("program-execution/attendance-system", seed=seed)
        plan = sc.schedule()
        key = next(r["expected"] for r in sc.answer_key() if r["answer"] == "p85")
        key_error.append(key / plan.monte_carlo(n=400_000, seed=999).percentile(85) - 1)
        mc = plan.monte_carlo(n=10_000, seed=0)
        likely = {k: g.value for k, g in sc.givens.items()}
        for t in ("labelling", "training", "web"):
            likely[f"{t}_low"] = likely[f"{t}_high"] = likely[f"{t}_likely"]
        for name, value in [
            ("P80", mc.p80),
            ("P90", mc.percentile(90)),
            ("P50", mc.p50),
            ("PERT", plan.duration),
            ("most likely", attendance_schedule(likely).duration),
        ]:
            slips[name].append(value / key - 1)
        for n, k in SIMULATIONS.items():
            for m in range(k):
                other = plan.monte_carlo(n=n, seed=1_000 + m)
                p85 = other.percentile(85)
                worst[n] = max(worst[n], abs(p85 / key - 1))
                rejected[n] += not sc.judge("p85", p85).correct
                count[n] += 1
                if n == 10_000:
                    other_p80 += 1
                    other_p80_accepted += sc.judge("p85", other.p80).correct
    print(f"P85 tolerance ±{P85_TOLERANCE:.0%}; scenario seeds {SEEDS.start}-{SEEDS.stop - 1}")
    for n in SIMULATIONS:
        print(
            f"{n:>7,} runs, other seeds: {count[n]:>6,} simulations, worst {worst[n]:.2%} off "
            f"the key, {rejected[n]} rejected"
        )
    print(f"key (10,000 runs, seed 0) against 400,000 runs: {min(key_error):+.2%} to "
          f"{max(key_error):+.2%}")
    for name, values in slips.items():
        print(f"{name:>12} against the P85: {min(values):+.2%} to {max(values):+.2%}")
    print(f"P80 of another 10,000-run simulation accepted as the P85: {other_p80_accepted} of "
          f"{other_p80}")
    print(f"({time.perf_counter() - start:.0f} s)")


if __name__ == "__main__":
    main()
