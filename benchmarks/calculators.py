"""Speed of the estimation engine (run: .venv/bin/python benchmarks/calculators.py).

Measures the first ``Q()`` (building the pint registry, in a fresh interpreter), then per-call
costs in a warm process: ``Q("3.5K req/s")``, ``fmt``, ``tpmprep.numbers.value``, a failing
``Q`` (the error locator runs), ``monthly_cost``, and the wall time of ``tpmprep calc``.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
import timeit
from pathlib import Path

RUNS = 7
BIN = Path(sys.executable).parent


def fresh_ms(code: str) -> float:
    """Run ``code`` (which prints milliseconds) in a new interpreter; return its number."""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout)


def wall_ms(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, capture_output=True, check=False)
    return (time.perf_counter() - start) * 1000


def per_call_us(stmt: str, setup: str, number: int) -> list[float]:
    timer = timeit.Timer(stmt, setup=setup)
    return [t / number * 1e6 for t in timer.repeat(repeat=RUNS, number=number)]


def main() -> None:
    first_q = (
        "import time; t = time.perf_counter(); from tpmprep import Q; Q('1 s'); "
        "print((time.perf_counter() - t) * 1000)"
    )
    first_numbers = (
        "from tpmprep import Q; Q('1 s'); import time; t = time.perf_counter(); "
        "from tpmprep import numbers; numbers.value('latency.disk_seek'); "
        "print((time.perf_counter() - t) * 1000)"
    )
    setup = (
        "from tpmprep import Q, fmt, numbers\n"
        "from tpmprep.estimate.cost import monthly_cost\n"
        "from tpmprep.exceptions import InputError\n"
        "q = Q('3470 req/s'); numbers.value('latency.disk_seek')\n"
        "def bad():\n"
        "    try:\n"
        "        Q('5 MB + 3 s')\n"
        "    except InputError:\n"
        "        pass\n"
    )
    ms = {
        "first Q() in a fresh interpreter (pint registry build)": (
            [fresh_ms(first_q) for _ in range(RUNS)],
            "ms",
        ),
        "first numbers.value() after Q() (YAML load)": (
            [fresh_ms(first_numbers) for _ in range(RUNS)],
            "ms",
        ),
        'Q("3.5K req/s") per call': (per_call_us("Q('3.5K req/s')", setup, 2000), "us"),
        'Q("1B req / 30 day") per call': (per_call_us("Q('1B req / 30 day')", setup, 2000), "us"),
        "fmt(3470 req/s) per call": (per_call_us("fmt(q)", setup, 2000), "us"),
        'numbers.value("latency.disk_seek") per call': (
            per_call_us("numbers.value('latency.disk_seek')", setup, 20000),
            "us",
        ),
        'failing Q("5 MB + 3 s") with located message': (per_call_us("bad()", setup, 500), "us"),
        "monthly_cost(servers=10, storage, egress) per call": (
            per_call_us("monthly_cost(servers=10, storage='50 TB', egress='10 TB')", setup, 200),
            "us",
        ),
        'tpmprep calc "8 Mbps * 1 hour" --to GB (wall)': (
            [
                wall_ms([str(BIN / "tpmprep"), "calc", "8 Mbps * 1 hour", "--to", "GB"])
                for _ in range(RUNS)
            ],
            "ms",
        ),
        "python -c pass (interpreter start, baseline)": (
            [wall_ms([sys.executable, "-c", "pass"]) for _ in range(RUNS)],
            "ms",
        ),
    }
    width = max(map(len, ms))
    print(f"{'measurement':<{width}}  {'median':>9}  {'min':>9}  unit  ({RUNS} runs)")
    for name, (values, unit) in ms.items():
        print(f"{name:<{width}}  {statistics.median(values):9.1f}  {min(values):9.1f}  {unit}")


if __name__ == "__main__":
    main()
