"""How long `import tpmprep` and first use take (run: .venv/bin/python benchmarks/import_time.py).

`import tpmprep` must stay light: heavy libraries load on first use. This measures, over
several fresh interpreters, the cumulative import time `python -X importtime` reports for
tpmprep, the cost of the first `Q(...)` (building the pint registry), and the CLI start-up.
"""

from __future__ import annotations

import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

RUNS = 15
BIN = Path(sys.executable).parent


def importtime_ms(statement: str, module: str) -> float:
    """Cumulative microseconds `-X importtime` reports for `module`, in milliseconds."""
    err = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", statement],
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    for line in err.splitlines():
        parts = [p.strip() for p in line.removeprefix("import time:").split("|")]
        if len(parts) == 3 and parts[2] == module:
            return int(parts[1]) / 1000
    raise RuntimeError(f"{module} not in -X importtime output")


def wall_ms(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, capture_output=True, check=True)
    return (time.perf_counter() - start) * 1000


def first_use_ms() -> float:
    code = (
        "import time; t = time.perf_counter(); from tpmprep import Q; Q('3.5K req/s'); "
        "print((time.perf_counter() - t) * 1000)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout)


def main() -> None:
    rows = {
        "import tpmprep (cumulative, -X importtime)": [
            importtime_ms("import tpmprep", "tpmprep") for _ in range(RUNS)
        ],
        "first Q('3.5K req/s') incl. pint registry": [first_use_ms() for _ in range(RUNS)],
        "python -c pass (interpreter start, baseline)": [
            wall_ms([sys.executable, "-c", "pass"]) for _ in range(RUNS)
        ],
        "tpmprep --help (wall, incl. interpreter)": [
            wall_ms([str(BIN / "tpmprep"), "--help"]) for _ in range(RUNS)
        ],
    }
    width = max(map(len, rows))
    print(f"{'measurement':<{width}}  median ms   min ms   ({RUNS} runs)")
    for name, values in rows.items():
        print(f"{name:<{width}}  {statistics.median(values):9.1f}  {min(values):7.1f}")
    heavy = re.findall(r"\w+", "pint numpy ipywidgets papermill matplotlib nbformat nbclient click")
    loaded = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import sys, tpmprep; print([m for m in {heavy} if m in sys.modules])",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    print(f"heavy modules loaded by `import tpmprep`: {loaded}")


if __name__ == "__main__":
    main()
