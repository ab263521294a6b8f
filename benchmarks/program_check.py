"""Program checker: a generated 300-task, 12-team launch plan, Monte Carlo included.

Run: .venv/bin/python benchmarks/program_check.py

The plan is drawn from a fixed seed: 12 teams of 3-8 people, 25 tasks each with three-point
durations, 1-3 dependencies on earlier tasks (a third of them on another team's task, with an
owner and an agreed date), the seven launch gates before a launch milestone, and 20 risks.
``check_program`` loads the dict (pydantic), builds the deterministic and three-point
schedules (networkx), runs the Monte Carlo (numpy), levels every team together and each
over-allocated team alone, and collects the findings (the random agreed dates and the gates'
unowned dependencies give several hundred, so every check does real work). Aim: under 0.5 s.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import time

from tpmprep.plan.findings import DEFAULT_SAMPLES, check_program
from tpmprep.plan.gates import rules_for
from tpmprep.plan.program import load_program

TEAMS = 12
TASKS_PER_TEAM = 25
REPEATS = 7


def generate(seed: int = 0, teams: int = TEAMS, per_team: int = TASKS_PER_TEAM) -> dict:
    """Return a plan as a dict: ``teams * per_team`` work tasks plus gates and a launch."""
    rng = random.Random(seed)
    start = dt.date(2027, 1, 4)
    team_names = [f"team-{i:02d}" for i in range(teams)]
    team_data = {name: {"people": rng.randint(3, 8)} for name in team_names}
    tasks: list[dict] = []
    for i in range(teams * per_team):
        team = team_names[i % teams]
        m = rng.randint(2, 15)
        o, p = max(1, m - rng.randint(0, 3)), m + rng.randint(0, 8)
        task = {
            "name": f"t{i:03d}",
            "team": team,
            "people": rng.randint(1, 3),
            "duration": [o, m, p],
        }
        if i >= teams:
            deps = []
            for j in rng.sample(range(max(0, i - 60), i), k=rng.randint(1, 3)):
                other = tasks[j]
                if other["team"] != team:
                    agreed = start + dt.timedelta(days=rng.randint(10, 300))
                    deps.append({"task": other["name"], "owner": "pat", "agreed": agreed})
                else:
                    deps.append(other["name"])
            task["depends_on"] = deps
        tasks.append(task)
    last = [t["name"] for t in tasks[-teams:]]
    gates = []
    for k, req in enumerate(rules_for("launch").gates):
        gate = {
            "name": req.gate.replace("_", "-"),
            "team": team_names[k % teams],
            "people": 1,
            "duration": 3,
            "gate": req.gate,
            "depends_on": last,
        }
        gates.append(gate)
    tasks += gates
    tasks.append(
        {
            "name": "launch",
            "team": team_names[0],
            "people": 0,
            "duration": 0,
            "milestone": "launch",
            "depends_on": [g["name"] for g in gates],
        }
    )
    risks = [
        {
            "name": f"r{k:02d}",
            "task": f"t{rng.randrange(teams * per_team):03d}",
            "probability": round(rng.uniform(0.05, 0.5), 2),
            "impact": rng.randint(1, 20),
            "owner": "sam",
            "mitigation": "tracked weekly",
        }
        for k in range(20)
    ]
    return {
        "name": "generated",
        "kind": "launch",
        "start": start,
        "teams": team_data,
        "tasks": tasks,
        "risks": risks,
    }


def timed(fn, repeats: int = REPEATS) -> tuple[float, float]:
    """Median wall-clock and median CPU time of ``repeats`` calls, in milliseconds.

    The CPU time (this process only) is the better figure on a busy shared machine.
    """
    wall, cpu = [], []
    for _ in range(repeats):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return statistics.median(wall) * 1000, statistics.median(cpu) * 1000


def main() -> None:
    data = generate()
    program = load_program(data)
    report = check_program(program)  # warm up: imports numpy, networkx, pydantic
    print(
        f"{len(program.tasks)} tasks, {len(program.teams)} teams, "
        f"{sum(len(t.depends_on) for t in program.tasks)} dependencies, "
        f"{DEFAULT_SAMPLES:,} Monte Carlo samples; median of {REPEATS} runs"
    )
    rows = [
        ("check_program(dict), load included", lambda: check_program(data)),
        ("check_program(Program)", lambda: check_program(program)),
        ("load_program(dict) alone", lambda: load_program(data)),
        ("deterministic schedule alone", lambda: program.schedule()),
        (
            "three-point schedule + Monte Carlo",
            lambda: program.schedule(three_point=True).monte_carlo(DEFAULT_SAMPLES),
        ),
    ]
    print(f"{'':36} {'wall ms':>8} {'CPU ms':>8}")
    for label, fn in rows:
        wall, cpu = timed(fn)
        print(f"{label:<36} {wall:8.1f} {cpu:8.1f}")
    counts = ", ".join(f"{len(report.by_kind(k))} {k}" for k in report.kinds) or "none"
    print(
        f"finish {report.finish_days:g} d, P50 {report.p50_days:.1f} d, "
        f"P85 {report.p85_days:.1f} d, levelled {report.levelled_finish_days:g} d; "
        f"findings: {counts}"
    )


if __name__ == "__main__":
    main()
