"""``tpmprep cohort make``: copies, literal injection, answer key, manifest, no-clobber, exit codes.

The command runs in-process (``CliRunner``) on the theme-01 exercises of the repository, so
these tests do not depend on exercises other authors are still writing.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from types import SimpleNamespace

import nbformat
import pytest
from click.testing import CliRunner

from conftest import REPO
from tpmprep.cohort.make import inject, sha256_file
from tpmprep.cohort.roster import derive_seed, slug
from tpmprep.course.notebooks import parameters_in
from tpmprep.scenarios.base import scenario

EXERCISES = "01-*"
HOSTILE = [
    'O\'Brien "the" \\ \\n backslash',
    "two\nlines\r\nand a tab\t.",
    "\"; import os; os.system('touch PWNED') #",
    "__import__('os').system('touch PWNED')",
    "{seed}{candidate}%s ${HOME} `id`",
    "محمد بن سلمان",
    "王小明 🚀👩🏽‍💻",
    "\\u0041 \\x41 \\N{BULLET}",
    "'''",
    '"""',
]


def run(*args: str) -> SimpleNamespace:
    from tpmprep.cli import main

    result = CliRunner().invoke(main, list(args))
    return SimpleNamespace(code=result.exit_code, out=result.stdout, err=result.stderr)


def write_roster(path: Path, rows: list[tuple[str, str]], seeds: dict[str, int] | None = None):
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "name", "email", "seed"])
        for cid, name in rows:
            writer.writerow([cid, name, f"{cid}@example.com", (seeds or {}).get(cid, "")])
    return path


def make(roster: Path, out: Path, *extra: str) -> SimpleNamespace:
    return run(
        "cohort", "make", "--roster", str(roster), "--out", str(out),
        "--exercises", EXERCISES, "--root", str(REPO), "--salt", "pepper", *extra,
    )  # fmt: skip


@pytest.fixture
def cohort(tmp_path):
    rows = [("c1", "Ada"), ("../../etc", "Mallory"), ("c3", HOSTILE[0])]
    roster = write_roster(tmp_path / "roster.csv", rows, seeds={"c1": 7})
    out = tmp_path / "cohort"
    done = make(roster, out)
    assert done.code == 0, done.err
    return SimpleNamespace(roster=roster, out=out, rows=rows, done=done)


def exercise_names() -> list[str]:
    return sorted(p.name for p in (REPO / "exercises").glob(f"{EXERCISES}.ipynb"))


def test_each_candidate_gets_a_folder_with_every_exercise_and_own_parameters(cohort):
    names = exercise_names()
    assert len(names) >= 4
    manifest = json.loads((cohort.out / "manifest.json").read_text())
    assert sorted(manifest["exercises"]) == names
    folders = sorted(p.name for p in cohort.out.iterdir() if p.is_dir())
    assert folders == sorted(slug(cid) for cid, _ in cohort.rows)
    assert not (cohort.out.parent / "etc").exists()
    for entry, (cid, name) in zip(manifest["candidates"], cohort.rows, strict=True):
        assert (entry["id"], entry["name"], entry["folder"]) == (cid, name, slug(cid))
        expected_seed = 7 if cid == "c1" else derive_seed(cid, "pepper")
        assert entry["seed"] == expected_seed
        for nb_name in names:
            path = cohort.out / entry["folder"] / nb_name
            assert entry["files"][nb_name] == sha256_file(path)
            nb = nbformat.read(path, 4)
            injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
            assert len(injected) == 1
            assert parameters_in(injected[0].source) == {"seed": expected_seed, "candidate": name}
            assert "BEGIN SOLUTION" not in path.read_text()
    assert "3 candidates" in cohort.done.out


def test_the_answer_key_is_the_librarys_answers_for_each_candidates_parameters(cohort):
    manifest = json.loads((cohort.out / "manifest.json").read_text())
    with open(cohort.out / "answer_key.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == ["candidate_id", "notebook", "answer", "expected", "unit", "tolerance"]
    entry = manifest["candidates"][1]
    nb_name = exercise_names()[0]
    sc = scenario(manifest["exercises"][nb_name]["scenario"], seed=entry["seed"])
    mine = [r for r in rows if r["candidate_id"] == entry["id"] and r["notebook"] == nb_name]
    assert [(r["answer"], float(r["expected"]), r["unit"], r["tolerance"]) for r in mine] == [
        (k["answer"], k["expected"], k["unit"], k["tolerance"]) for k in sc.answer_key()
    ]
    assert len(rows) == sum(
        len(scenario(e["scenario"], seed=c["seed"]).answer_key())
        for c in manifest["candidates"]
        for e in manifest["exercises"].values()
    )


@pytest.mark.parametrize("name", HOSTILE)
def test_any_name_is_injected_as_a_literal(name):
    template = nbformat.read(REPO / "exercises" / f"{exercise_names()[0]}", 4)
    for cell in template.cells:
        cell.metadata.setdefault("tags", [])
    nb = inject(template, 12345, name)
    cell = next(c for c in nb.cells if "injected-parameters" in c.metadata["tags"])
    assert parameters_in(cell.source) == {"seed": 12345, "candidate": name}
    namespace: dict = {}
    exec(compile(cell.source, "<injected>", "exec"), {"__builtins__": {}}, namespace)
    assert namespace == {"seed": 12345, "candidate": name}


def test_copies_are_byte_identical_when_made_again(cohort):
    before = {p: p.read_bytes() for p in cohort.out.rglob("*.ipynb")}
    again = make(cohort.roster, cohort.out)
    assert again.code == 0, again.err
    assert "0 written" in again.out and f"{len(before)} unchanged" in again.out
    assert {p: p.read_bytes() for p in cohort.out.rglob("*.ipynb")} == before


def test_a_copy_the_candidate_changed_is_kept_until_force(cohort):
    path = cohort.out / "c1" / exercise_names()[0]
    worked = path.read_text().replace('"source": [', '"source": [\n    "# my work\\n",', 1)
    path.write_text(worked)
    kept = make(cohort.roster, cohort.out)
    assert kept.code == 1
    assert f"kept c1/{path.name}" in kept.out and "--force" in kept.out
    assert path.read_text() == worked
    manifest = json.loads((cohort.out / "manifest.json").read_text())
    assert manifest["candidates"][0]["files"][path.name] != sha256_file(path)
    forced = make(cohort.roster, cohort.out, "--force")
    assert forced.code == 0 and "1 written" in forced.out
    assert "# my work" not in path.read_text()


def test_a_file_not_written_by_make_is_never_overwritten(tmp_path):
    roster = write_roster(tmp_path / "r.csv", [("c1", "Ada")])
    own = tmp_path / "cohort" / "c1" / exercise_names()[0]
    own.parent.mkdir(parents=True)
    own.write_text("the candidate's own file")
    done = make(roster, tmp_path / "cohort")
    assert done.code == 1 and "kept c1/" in done.out
    assert own.read_text() == "the candidate's own file"


def test_a_deleted_copy_is_written_again(cohort):
    path = cohort.out / "c3" / exercise_names()[1]
    original = path.read_bytes()
    path.unlink()
    assert make(cohort.roster, cohort.out).code == 0
    assert path.read_bytes() == original


def test_changed_seeds_for_an_existing_cohort_are_refused(cohort):
    before = (cohort.out / "manifest.json").read_bytes()
    done = run(
        "cohort", "make", "--roster", str(cohort.roster), "--out", str(cohort.out),
        "--exercises", EXERCISES, "--root", str(REPO), "--salt", "another",
    )  # fmt: skip
    assert done.code == 2
    assert "seed differs from the manifest" in done.err and "--force" in done.err
    assert (cohort.out / "manifest.json").read_bytes() == before


def test_without_salt_the_manifests_salt_is_reused(cohort):
    done = run(
        "cohort", "make", "--roster", str(cohort.roster), "--out", str(cohort.out),
        "--exercises", EXERCISES, "--root", str(REPO),
    )  # fmt: skip
    assert done.code == 0, done.err


@pytest.mark.parametrize(
    ("roster_text", "message"),
    [
        ("name\nAda\n", "lacks the column(s) id"),
        ("id,name\nc1,A\nc1,B\n", "line 3: id 'c1' already used on line 2"),
        ("id,name\nc1,A\n,B\n", "line 3: the id is empty"),
        ("id,name,seed\nc1,A,x\n", "line 2: seed 'x'"),
    ],
)
def test_a_roster_error_exits_2_naming_the_line_and_writes_nothing(tmp_path, roster_text, message):
    roster = tmp_path / "r.csv"
    roster.write_text(roster_text)
    done = make(roster, tmp_path / "cohort")
    assert done.code == 2
    assert done.err.startswith("error: roster:") and message in done.err
    assert "Traceback" not in done.err
    assert not (tmp_path / "cohort").exists()


def test_missing_roster_and_bad_exercise_glob_exit_2(tmp_path):
    done = make(tmp_path / "nope.csv", tmp_path / "cohort")
    assert done.code == 2 and "cannot read the file" in done.err
    roster = write_roster(tmp_path / "r.csv", [("c1", "A")])
    done = run(
        "cohort", "make", "--roster", str(roster), "--out", str(tmp_path / "cohort"),
        "--exercises", "99-nothing-*", "--root", str(REPO),
    )  # fmt: skip
    assert done.code == 2 and "no notebook matches" in done.err
    assert not (tmp_path / "cohort").exists()


def test_solutions_are_never_copied(tmp_path):
    roster = write_roster(tmp_path / "r.csv", [("c1", "A")])
    done = run(
        "cohort", "make", "--roster", str(roster), "--out", str(tmp_path / "cohort"),
        "--exercises", str(REPO / "solutions" / "01-*.ipynb"), "--root", str(REPO),
    )  # fmt: skip
    assert done.code == 2 and "never from solutions/" in done.err
    assert not (tmp_path / "cohort").exists()


def test_make_requires_its_options():
    done = run("cohort", "make", "--out", "x")
    assert done.code == 2 and "--roster" in done.err


@pytest.mark.parametrize("name", [HOSTILE[0], HOSTILE[6], "plain"])
def test_fast_rendering_is_byte_identical_to_nbformat(name):
    from tpmprep.cohort.make import load_exercises, render
    from tpmprep.course.notebooks import serialize

    [ex] = load_exercises([REPO / "exercises" / exercise_names()[0]])
    nb = inject(ex.nb, 99, name, {"cohort": {"candidate_id": "x"}})
    assert render(nb, ex.split) == serialize(nb)
