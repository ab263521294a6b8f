"""``tpmprep cohort grade`` on saved notebooks: re-judging, tampering, malformed files, reports.

Submissions are the cohort's own copies with check outputs written in, exactly as a kernel
writes them (``CheckResult._repr_mimebundle_``), so no kernel is needed here; the tests that
run kernels are in ``test_cohort_execute.py``.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import nbformat
import pytest
from test_cohort_make import HOSTILE, make, run, write_roster

from tpmprep.check_result import MIME_TYPE
from tpmprep.cohort.report import GRADE_COLUMNS
from tpmprep.scenarios.base import scenario


@pytest.fixture(scope="module")
def cohort(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("cohort")
    rows = [("c1", "Ada"), ("c2", HOSTILE[2]), ("c3", "<b>Eve</b> | *x*"), ("c4", "Dan")]
    roster = write_roster(tmp / "roster.csv", rows)
    done = make(roster, tmp / "cohort")
    assert done.code == 0, done.err
    manifest = json.loads((tmp / "cohort" / "manifest.json").read_text())
    return SimpleNamespace(out=tmp / "cohort", manifest=manifest)


def entry(cohort, cid):
    return next(c for c in cohort.manifest["candidates"] if c["id"] == cid)


def answer(nb, sc, values: dict[str, object]):
    """Write check outputs into ``nb`` as a kernel would, for the answers in ``values``."""
    for cell in nb.cells:
        match = re.search(r'sc\.check\("(\w+)"', cell.source) if cell.cell_type == "code" else None
        if match and match.group(1) in values:
            bundle = sc.judge(match.group(1), values[match.group(1)])._repr_mimebundle_()
            cell.outputs = [nbformat.v4.new_output("display_data", data=bundle)]
            cell.execution_count = 1
    return nb


def submit(cohort, subs: Path, cid: str, notebook: str, values=None, *, seed=None, name=None,
           edit=None):  # fmt: skip
    """Copy a candidate's notebook into ``subs`` with answers recorded (optionally tampered)."""
    e = entry(cohort, cid)
    nb = nbformat.read(cohort.out / e["folder"] / notebook, 4)
    sid = cohort.manifest["exercises"][notebook]["scenario"]
    used_seed = e["seed"] if seed is None else seed
    used_name = e["name"] if name is None else name
    sc = scenario(sid, seed=used_seed, candidate=used_name)
    if values is None:
        values = {k["answer"]: k["expected"] for k in sc.answer_key()}
    answer(nb, sc, values)
    if edit:
        edit(nb)
    path = subs / e["folder"] / notebook
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(path))
    return path


def grade(cohort, subs: Path, out: Path, *extra: str):
    return run("cohort", "grade", "--cohort", str(cohort.out), "--submissions", str(subs),
               "--out", str(out), *extra)  # fmt: skip


def rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def by_key(path: Path) -> dict[tuple[str, str], dict[str, str]]:
    return {(r["candidate_id"], r["notebook"]): r for r in rows(path)}


def notebooks(cohort) -> list[str]:
    return sorted(cohort.manifest["exercises"])


def test_the_answer_key_grades_100_percent_and_wrong_answers_do_not(cohort, tmp_path):
    subs = tmp_path / "subs"
    first, second = notebooks(cohort)[:2]
    for nb in notebooks(cohort):
        submit(cohort, subs, "c1", nb)
    sid = cohort.manifest["exercises"][second]["scenario"]
    key = scenario(sid, seed=entry(cohort, "c2")["seed"]).answer_key()
    wrong = {key[0]["answer"]: key[0]["expected"] * 1000, key[1]["answer"]: key[1]["expected"]}
    submit(cohort, subs, "c2", second, wrong)
    done = grade(cohort, subs, tmp_path / "report")
    assert done.code == 0, done.err
    grades = by_key(tmp_path / "report" / "grades.csv")
    for nb in notebooks(cohort):
        row = grades[("c1", nb)]
        assert (row["status"], row["score"], row["flags"]) == ("ok", "100", "")
        assert row["correct"] == row["answered"] == row["total"]
    row = grades[("c2", second)]
    assert (row["status"], row["answered"], row["correct"]) == ("ok", "2", "1")
    assert grades[("c2", first)]["status"] == "missing"
    assert int(grades[("c2", first)]["total"]) > 0
    answers = rows(tmp_path / "report" / "answers.csv")
    verdicts = [
        a["verdict"] for a in answers if a["candidate_id"] == "c2" and a["notebook"] == second
    ]
    assert verdicts[:2] == ["incorrect", "correct"] and set(verdicts[2:]) == {"unanswered"}
    assert not any("recorded value" in a["explanation"] for a in answers)  # the text was judged
    slip = next(a for a in answers if a["candidate_id"] == "c2" and a["verdict"] == "incorrect")
    assert "1,000" in slip["explanation"]


def test_edited_parameters_are_flagged_not_rewarded(cohort, tmp_path):
    subs = tmp_path / "subs"
    nb_name = notebooks(cohort)[0]

    def edit_seed(nb):
        cell = next(c for c in nb.cells if "injected-parameters" in c.metadata["tags"])
        cell.source = cell.source.replace(str(entry(cohort, "c1")["seed"]), "1")

    # c1 set their seed to 1 and answered that scenario perfectly
    submit(cohort, subs, "c1", nb_name, seed=1, edit=edit_seed)
    # c4 kept the injected cell but re-assigned seed in a later cell
    submit(cohort, subs, "c4", nb_name, seed=2)
    # c3 deleted the injected cell

    def drop(nb):
        nb.cells = [c for c in nb.cells if "injected-parameters" not in c.metadata["tags"]]

    submit(cohort, subs, "c3", nb_name, edit=drop)
    assert grade(cohort, subs, tmp_path / "r").code == 0
    grades = by_key(tmp_path / "r" / "grades.csv")
    c1 = grades[("c1", nb_name)]
    assert c1["status"] == "flagged" and c1["correct"] == "0"
    assert "parameters-edited:seed" in c1["flags"] and "tampered:" in c1["flags"]
    c4 = grades[("c4", nb_name)]
    assert c4["status"] == "flagged" and c4["correct"] == "0" and "tampered" in c4["flags"]
    c3 = grades[("c3", nb_name)]
    assert c3["status"] == "flagged" and "parameters-missing" in c3["flags"]
    text = (tmp_path / "r" / "feedback" / "c1.md").read_text()
    assert "tampered" in text and "not the assigned" in text


def test_an_edited_record_is_judged_again_from_the_given_text(cohort, tmp_path):
    subs = tmp_path / "subs"
    nb_name = notebooks(cohort)[0]
    sid = cohort.manifest["exercises"][nb_name]["scenario"]
    first = scenario(sid, seed=entry(cohort, "c1")["seed"]).answer_key()[0]

    def forge(nb):
        for cell in nb.cells:
            for output in cell.get("outputs", []):
                record = output.get("data", {}).get(MIME_TYPE)
                if record:
                    record.update(verdict="correct", correct=True)

    submit(cohort, subs, "c1", nb_name, {first["answer"]: first["expected"] * 8}, edit=forge)
    assert grade(cohort, subs, tmp_path / "r").code == 0
    row = by_key(tmp_path / "r" / "grades.csv")[("c1", nb_name)]
    assert row["correct"] == "0" and "verdict-differs-from-notebook:1" in row["flags"]


MALFORMED = {
    "not-json": b"this is not a notebook",
    "truncated": b'{"cells": [{"cell_type": "code", "source": "x = 1", "outp',
    "binary": bytes(range(256)),
    "json-list": b"[1, 2, 3]",
    "no-cells": b'{"nbformat": 4, "nbformat_minor": 5, "metadata": {}}',
    "old-format": b'{"nbformat": 3, "nbformat_minor": 0, "worksheets": [], "cells": []}',
    "cell-not-object": b'{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [1]}',
}


def test_malformed_submissions_get_an_error_row_and_the_rest_are_graded(cohort, tmp_path):
    subs = tmp_path / "subs"
    nbs = notebooks(cohort)
    submit(cohort, subs, "c1", nbs[0])
    reasons = {}
    cases = list(MALFORMED.items())
    for i, (kind, content) in enumerate(cases):
        cid = ["c2", "c3", "c4"][i % 3]
        nb_name = nbs[i // 3]
        path = subs / entry(cohort, cid)["folder"] / nb_name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        reasons[(cid, nb_name)] = kind
    huge = subs / entry(cohort, "c1")["folder"] / nbs[1]
    with open(huge, "wb") as handle:  # sparse: 21 MB on paper, nothing on disk
        handle.truncate(21 * 1024 * 1024)
    reasons[("c1", nbs[1])] = "huge"
    weird = subs / entry(cohort, "c1")["folder"] / nbs[2]
    junk = [{"data": {MIME_TYPE: {"scenario": 5}}}, "junk"]
    bare = {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": []}
    bare["cells"].append({"cell_type": "code", "outputs": junk})
    weird.write_text(json.dumps(bare))
    done = grade(cohort, subs, tmp_path / "r")
    assert done.code == 0, done.err
    assert "Traceback" not in done.err
    grades = by_key(tmp_path / "r" / "grades.csv")
    assert grades[("c1", nbs[0])]["score"] == "100"
    expected_reason = {
        "not-json": "not JSON",
        "truncated": "not JSON",
        "binary": "not UTF-8",
        "json-list": "not a notebook",
        "no-cells": "no list of cells",
        "old-format": "nbformat 4",
        "cell-not-object": "not an object",
        "huge": "too large",
    }
    for key, kind in reasons.items():
        row = grades[key]
        assert row["status"] == "error", (kind, row)
        assert expected_reason[kind] in row["reason"], (kind, row["reason"])
        assert f"error: {entry(cohort, key[0])['folder']}/{key[1]}" in done.out
    odd = grades[("c1", nbs[2])]  # a bare notebook with a junk record: graded, flagged
    assert odd["status"] == "flagged" and odd["correct"] == "0"
    assert "unreadable-records:1" in odd["flags"] and "parameters-missing" in odd["flags"]


def test_reports_feedback_and_item_analysis(cohort, tmp_path):
    subs = tmp_path / "subs"
    nb_name = notebooks(cohort)[0]
    sid = cohort.manifest["exercises"][nb_name]["scenario"]
    for cid in ("c1", "c2", "c3"):
        key = scenario(sid, seed=entry(cohort, cid)["seed"]).answer_key()
        values = {k["answer"]: k["expected"] for k in key}
        if cid != "c1":
            values[key[-1]["answer"]] = key[-1]["expected"] * 3  # the last answer is "hard"
        submit(cohort, subs, cid, nb_name, values)
    extra = subs / "stranger" / nb_name
    extra.parent.mkdir(parents=True)
    shutil.copy(cohort.out / "c1" / nb_name, extra)
    done = grade(cohort, subs, tmp_path / "r")
    assert done.code == 0, done.err
    assert "ignored" in done.out and "stranger" in done.out
    report = tmp_path / "r"
    items = rows(report / "item_analysis.csv")
    hardest = next(i for i in items if i["notebook"] == nb_name)
    assert hardest["answer"] == key[-1]["answer"]
    assert (hardest["graded"], hardest["correct"], hardest["incorrect"]) == ("3", "1", "2")
    pcts = [float(i["pct_correct"]) for i in items]
    assert pcts == sorted(pcts)
    png = (report / "item_analysis.png").read_bytes()
    assert png.startswith(b"\x89PNG") and len(png) > 5000
    assert sorted(p.name for p in (report / "feedback").iterdir()) == sorted(
        f"{c['folder']}.md" for c in cohort.manifest["candidates"]
    )
    c3 = (report / "feedback" / "c3.md").read_text()
    assert c3.startswith("# Feedback for &lt;b&gt;Eve&lt;/b&gt; \\| \\*x\\*")
    assert "<b>" not in c3
    first = scenario(sid, seed=entry(cohort, "c3")["seed"]).answers
    assert first[key[-1]["answer"]].label.split()[0] in c3
    assert "| ✗ |" in c3 and "| ✓ |" in c3 and "Expected" in c3
    grades = rows(report / "grades.csv")
    assert list(grades[0]) == GRADE_COLUMNS
    c2_name = next(g["name"] for g in grades if g["candidate_id"] == "c2")
    assert c2_name == HOSTILE[2]  # starts with a quote: not a formula, kept verbatim


def test_grade_errors_exit_2(cohort, tmp_path):
    done = grade(SimpleNamespace(out=tmp_path), tmp_path, tmp_path / "r")
    assert done.code == 2 and "no manifest.json" in done.err
    done = grade(cohort, tmp_path / "nope", tmp_path / "r")
    assert done.code == 2 and "is not a folder" in done.err
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "manifest.json").write_text("{not json")
    done = grade(SimpleNamespace(out=bad), tmp_path, tmp_path / "r")
    assert done.code == 2 and "cannot be read" in done.err
