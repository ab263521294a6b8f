"""Cohort copies and grading at cohort scale (run: .venv/bin/python benchmarks/cohort_make.py [N]).

1. ``tpmprep cohort make`` for N candidates (default 200) x every exercise in ``exercises/``,
   wall time of the command as an instructor runs it (includes start-up and the answer key).
2. What an instructor would otherwise do: a shell loop calling
   ``papermill --prepare-only -p seed S -r candidate NAME in.ipynb out.ipynb`` once per copy.
   Each call starts a Python process and imports papermill, so only a sample of SAMPLE copies
   is timed and the per-copy mean is extrapolated to N x exercises (printed as such).
3. ``tpmprep cohort grade`` (no ``--execute``) of N submissions, each a candidate's copies with a
   check record for every answer (written in-process the way a kernel writes them).
"""

from __future__ import annotations

import csv
import json
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SAMPLE = 20


CPU = {}  # seconds of CPU (user + sys) of the last timed command, children included


def timed(argv: list[str], **kwargs) -> float:
    """Return the wall time of ``argv``; its CPU time goes to ``CPU["last"]``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True, **kwargs)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU["last"] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{argv[:3]} failed: {done.stderr.strip()}")
    return elapsed


def write_roster(path: Path, n: int) -> None:
    names = ["Ada Lovelace", "Grace Hopper", 'O\'Brien "Bob"', "محمد", "王小明", "Zoë 🚀"]
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "name"])
        for i in range(n):
            writer.writerow([f"cand-{i:04d}", f"{names[i % len(names)]} {i}"])


def shell_loop(tmp: Path, manifest: dict, exercises: list[Path]) -> float:
    """Time SAMPLE papermill CLI calls in one bash loop; return seconds per copy."""
    lines = ["set -e"]
    count = 0
    for cand in manifest["candidates"]:
        for ex in exercises:
            if count == SAMPLE:
                break
            out = tmp / "loop" / cand["folder"] / ex.name
            lines.append(f"mkdir -p '{out.parent}'")
            name = cand["name"].replace("'", "'\\''")
            lines.append(
                f"'{BIN / 'papermill'}' --prepare-only -p seed {cand['seed']} "
                f"-r candidate '{name}' '{ex}' '{out}' 2>/dev/null"
            )
            count += 1
    script = tmp / "loop.sh"
    script.write_text("\n".join(lines) + "\n")
    wall = timed(["bash", str(script)]) / count
    CPU["loop"] = CPU["last"] / count
    return wall


def submissions(cohort: Path, subs: Path, manifest: dict) -> int:
    """Write every candidate's copies with a record for every answer; return the count."""
    import nbformat

    import tpmprep.scenarios  # noqa: F401
    from tpmprep.scenarios.base import scenario

    written = 0
    for cand in manifest["candidates"]:
        for nb_name, info in manifest["exercises"].items():
            nb = nbformat.read(cohort / cand["folder"] / nb_name, 4)
            sc = scenario(info["scenario"], seed=cand["seed"], candidate=cand["name"])
            key = {k["answer"]: k["expected"] for k in sc.answer_key()}
            for cell in nb.cells:
                found = (
                    re.search(r'sc\.check\("(\w+)"', cell.source)
                    if cell.cell_type == "code"
                    else None
                )
                if found and found.group(1) in key:
                    bundle = sc.judge(found.group(1), key[found.group(1)])._repr_mimebundle_()
                    cell.outputs = [nbformat.v4.new_output("display_data", data=bundle)]
            target = subs / cand["folder"] / nb_name
            target.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(nb, str(target))
            written += 1
    return written


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    exercises = sorted((REPO / "exercises").glob("*.ipynb"))
    tmp = Path(tempfile.mkdtemp(prefix="tpmprep-bench-cohort-"))
    try:
        roster = tmp / "roster.csv"
        write_roster(roster, n)
        cohort = tmp / "cohort"
        make_s = timed(
            [str(BIN / "tpmprep"), "cohort", "make", "--roster", str(roster), "--out", str(cohort),
             "--salt", "bench", "--root", str(REPO)],
        )  # fmt: skip
        make_cpu = CPU["last"]
        manifest = json.loads((cohort / "manifest.json").read_text())
        copies = n * len(manifest["exercises"])
        used = [REPO / "exercises" / name for name in manifest["exercises"]]
        per_copy = shell_loop(tmp, manifest, used)
        loop_s = per_copy * copies
        print(
            f"exercises: {len(manifest['exercises'])} (of {len(exercises)} files); copies: {copies}"
        )
        per_make = make_s / copies * 1000
        print(
            f"tpmprep cohort make: {make_s:.1f} s wall, {make_cpu:.1f} s CPU "
            f"({per_make:.1f} ms wall per copy, answer key included)"
        )
        print(
            f"papermill CLI loop: {per_copy:.2f} s wall, {CPU['loop']:.2f} s CPU per copy "
            f"(mean of {SAMPLE} timed); extrapolated {loop_s:.0f} s = {loop_s / 60:.1f} min "
            f"for {copies} copies"
        )
        print(f"ratio: {loop_s / make_s:.0f}x wall, {CPU['loop'] * copies / make_cpu:.0f}x CPU")
        subs = tmp / "subs"
        graded = submissions(cohort, subs, manifest)
        grade_s = timed(
            [str(BIN / "tpmprep"), "cohort", "grade", "--cohort", str(cohort), "--submissions",
             str(subs), "--out", str(tmp / "report")],
        )  # fmt: skip
        print(
            f"tpmprep cohort grade: {grade_s:.1f} s wall, {CPU['last']:.1f} s CPU for {n} "
            f"candidates, {graded} notebooks (no --execute; reports and plot included)"
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
