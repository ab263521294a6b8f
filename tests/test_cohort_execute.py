"""``--execute``: copies and submissions run in separate kernels (the slow tests; kept few).

Proves in a real kernel that hostile names arrive unchanged as ``candidate`` and that nothing in
them runs, that a copy whose answer stubs hold the key's values grades 100% after running, and
that candidate attempts never reach the instructor's progress store.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest
from test_cohort_grade import rows
from test_cohort_make import HOSTILE, run, write_roster

from conftest import REPO
from tpmprep.cohort.make import inject
from tpmprep.course.run import Job, run_all
from tpmprep.scenarios.base import scenario

ONE = "01-estimation-traffic-basics*"


@pytest.fixture
def instructor_home(tmp_path, monkeypatch):
    home = tmp_path / "instructor-home"
    home.mkdir()
    monkeypatch.setenv("TPMPREP_HOME", str(home))
    return home


def test_hostile_names_arrive_unchanged_in_a_kernel_and_nothing_in_them_runs(tmp_path):
    template = nbformat.read(REPO / "exercises" / "01-estimation-traffic-basics.ipynb", 4)
    for cell in template.cells:
        cell.metadata.setdefault("tags", [])
    cells = []
    for i, name in enumerate(HOSTILE):
        injected = next(
            c for c in inject(template, 5, name).cells
            if "injected-parameters" in c.metadata["tags"]
        )  # fmt: skip
        injected["id"] = f"injected-{i}"
        cells += [injected, nbformat.v4.new_code_cell("import json; print(json.dumps(candidate))")]
    nb = nbformat.v4.new_notebook(cells=cells, metadata=template.metadata)
    [outcome] = run_all([Job("hostile", nb, tmp_path)], timeout=60)
    assert outcome.error == "" and outcome.cell_errors == []
    printed = [json.loads(c.outputs[0]["text"]) for c in nb.cells[1::2]]
    assert printed == HOSTILE
    assert not (tmp_path / "PWNED").exists() and list(tmp_path.iterdir()) == []


def fill_with_key(path: Path, seed: int) -> None:
    """Replace each ``name = ...`` stub of a copy with the key's value."""
    nb = nbformat.read(path, 4)
    [sid] = {m for c in nb.cells for m in re.findall(r'scenario\("([^"]+)"', c.source)}
    key = {k["answer"]: k["expected"] for k in scenario(sid, seed=seed).answer_key()}
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.source = re.sub(
                r"^(\w+) = \.\.\.(.*)$",
                lambda m: f"{m.group(1)} = {key[m.group(1)]!r}{m.group(2)}",
                cell.source,
                flags=re.M,
            )
    nbformat.write(nb, str(path))


def test_make_execute_then_grade_execute_the_key_scores_100(tmp_path, instructor_home):
    roster = write_roster(tmp_path / "r.csv", [("c1", HOSTILE[3]), ("c2", "Bea")])
    out = tmp_path / "cohort"
    done = run(
        "cohort", "make", "--roster", str(roster), "--out", str(out), "--exercises", ONE,
        "--root", str(REPO), "--execute", "--jobs", "2", "--timeout", "90",
    )  # fmt: skip
    assert done.code == 0, done.out + done.err
    assert "smoke test: 2 of 2 copies ran clean" in done.out
    assert not list(out.rglob("PWNED"))
    manifest = json.loads((out / "manifest.json").read_text())
    [nb_name] = manifest["exercises"]
    copy = out / "c1" / nb_name
    assert all(not c.get("outputs") for c in nbformat.read(copy, 4).cells if "outputs" in c)

    subs = tmp_path / "subs"
    for cand in manifest["candidates"]:
        target = subs / cand["folder"] / nb_name
        target.parent.mkdir(parents=True)
        target.write_bytes((out / cand["folder"] / nb_name).read_bytes())
        fill_with_key(target, cand["seed"])
    broken = nbformat.read(subs / "c2" / nb_name, 4)  # c2's first answer cell raises
    first = next(c for c in broken.cells if "sc.check(" in c.source)
    first.source = "1 / 0\n" + first.source
    nbformat.write(broken, str(subs / "c2" / nb_name))

    done = run(
        "cohort", "grade", "--cohort", str(out), "--submissions", str(subs),
        "--out", str(tmp_path / "report"), "--execute", "--jobs", "2", "--timeout", "90",
    )  # fmt: skip
    assert done.code == 0, done.out + done.err
    grades = {r["candidate_id"]: r for r in rows(tmp_path / "report" / "grades.csv")}
    c1, c2 = grades["c1"], grades["c2"]
    assert (c1["status"], c1["score"], c1["flags"]) == ("ok", "100", "re-executed"), c1["reason"]
    total = int(c1["total"])
    assert c2["status"] == "ok" and "cell-errors:1" in c2["flags"]
    assert c2["correct"] == str(total - 1) and "ZeroDivisionError" in c2["reason"]
    assert list(instructor_home.iterdir()) == []  # no attempt reached the instructor's store
