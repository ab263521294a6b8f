"""A workspace of one's own: a copy git ignores, new material flows in, edits are never lost."""

from __future__ import annotations

import json
import re
import subprocess
from datetime import datetime
from pathlib import Path

import pytest

from conftest import REPO, build_nb, tpmprep, write_nb
from tpmprep.course.lint import lint
from tpmprep.course.workspace import MANIFEST, fresh, sync
from tpmprep.exceptions import InputError

LESSONS = ("01-estimation", "02-scaling")


def _lesson(title: str, body: str):
    return build_nb(("markdown", f"# {title}"), ("code", body), name=title.split()[0])


def _exercise(body: str):
    return build_nb(
        ("markdown", "# Exercise"),
        ("code", 'seed = 1\ncandidate = ""', ["parameters"]),
        ("code", 'sc = scenario("estimation/traffic-basics", seed=seed)'),
        ("code", body),
        name="ex",
    )


@pytest.fixture
def repo(workbook: Path) -> Path:
    """A small repository: two lessons, one exercise and its solution."""
    for stem in LESSONS:
        write_nb(workbook / "notebooks" / f"{stem}.ipynb", _lesson(f"{stem} lesson", "x = 1"))
    write_nb(workbook / "exercises" / "01-traffic.ipynb", _exercise("answer = ..."))
    write_nb(workbook / "solutions" / "01-traffic.ipynb", _exercise("answer = 42"))
    return workbook


def _edit_source(path: Path, index: int, source: str) -> None:
    """Change one cell's source, as typing in JupyterLab and saving would."""
    nb = json.loads(path.read_text())
    nb["cells"][index]["source"] = source
    path.write_text(json.dumps(nb, indent=1) + "\n")


def _run(path: Path) -> None:
    """Give every code cell an output and an execution count, as running and saving would."""
    nb = json.loads(path.read_text())
    for n, cell in enumerate(c for c in nb["cells"] if c["cell_type"] == "code"):
        cell["execution_count"] = n + 1
        cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": ["ran\n"]}]
    path.write_text(json.dumps(nb, indent=1) + "\n")


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_the_first_sync_copies_lessons_exercises_and_solutions_in_the_same_shape(repo):
    report = sync(repo)
    ws = repo / "workspace"
    assert report.created and report.workspace == ws
    assert sorted(report.copied) == [
        "exercises/01-traffic.ipynb",
        "notebooks/01-estimation.ipynb",
        "notebooks/02-scaling.ipynb",
        "solutions/01-traffic.ipynb",
    ]
    for rel in report.copied:
        assert (ws / rel).read_bytes() == (repo / rel).read_bytes()
    assert (ws / "scratch" / "README.md").is_file()
    assert "Created your workspace" in report.lines()[0]


def test_an_updated_lesson_reaches_a_candidate_who_edited_another(repo):
    ws = repo / "workspace"
    sync(repo)
    _edit_source(ws / "notebooks/01-estimation.ipynb", 1, "x = 1000  # my own numbers")
    mine = (ws / "notebooks/01-estimation.ipynb").read_bytes()
    write_nb(repo / "notebooks/02-scaling.ipynb", _lesson("02-scaling lesson", "x = 2  # fixed"))

    report = sync(repo)

    assert report.updated == ["notebooks/02-scaling.ipynb"]
    assert "x = 2  # fixed" in (ws / "notebooks/02-scaling.ipynb").read_text()
    assert (ws / "notebooks/01-estimation.ipynb").read_bytes() == mine
    assert report.kept == [] and report.copied == []
    assert "updated: notebooks/02-scaling.ipynb" in "\n".join(report.lines())


def test_an_edited_exercise_is_kept_when_the_repository_updates_it_and_the_candidate_is_told(repo):
    ws = repo / "workspace"
    sync(repo)
    _edit_source(ws / "exercises/01-traffic.ipynb", 3, "answer = 40")
    mine = (ws / "exercises/01-traffic.ipynb").read_bytes()
    write_nb(repo / "exercises/01-traffic.ipynb", _exercise("answer = ...  # now in req/s"))

    report = sync(repo)
    again = sync(repo)

    assert (ws / "exercises/01-traffic.ipynb").read_bytes() == mine
    assert report.kept == again.kept == ["exercises/01-traffic.ipynb"]
    (line,) = [line for line in report.lines() if line.startswith("kept:")]
    assert "you edited your copy" in line
    assert "`tpmprep workspace fresh 01-traffic`" in line


def test_a_lesson_only_run_is_updated_and_says_its_outputs_were_cleared(repo):
    ws = repo / "workspace"
    sync(repo)
    _run(ws / "notebooks/01-estimation.ipynb")
    write_nb(repo / "notebooks/01-estimation.ipynb", _lesson("01 lesson", "x = 3  # clearer"))

    report = sync(repo)

    assert report.updated == report.cleared == ["notebooks/01-estimation.ipynb"]
    assert (ws / "notebooks/01-estimation.ipynb").read_bytes() == (
        repo / "notebooks/01-estimation.ipynb"
    ).read_bytes()
    assert "outputs were cleared" in "\n".join(report.lines())


def test_a_lesson_the_repository_did_not_change_keeps_the_candidates_outputs(repo):
    ws = repo / "workspace"
    sync(repo)
    _run(ws / "notebooks/01-estimation.ipynb")
    ran = (ws / "notebooks/01-estimation.ipynb").read_bytes()
    assert sync(repo).updated == []
    assert (ws / "notebooks/01-estimation.ipynb").read_bytes() == ran


def test_a_second_sync_changes_nothing(repo):
    ws = repo / "workspace"
    sync(repo)
    _edit_source(ws / "exercises/01-traffic.ipynb", 3, "answer = 40")
    write_nb(repo / "exercises/01-traffic.ipynb", _exercise("answer = ...  # v2"))
    write_nb(repo / "notebooks/03-caching.ipynb", _lesson("03 caching", "y = 1"))
    first = sync(repo)
    assert first.copied == ["notebooks/03-caching.ipynb"]
    before = _snapshot(ws)

    second = sync(repo)

    assert _snapshot(ws) == before  # same bytes, same modification times: nothing written
    assert not second.changed_anything
    assert second.unchanged == 4 and second.kept == ["exercises/01-traffic.ipynb"]


def test_a_notebook_deleted_from_the_workspace_comes_back_and_new_ones_arrive(repo):
    ws = repo / "workspace"
    sync(repo)
    (ws / "notebooks/02-scaling.ipynb").unlink()
    write_nb(repo / "exercises/02-sharding.ipynb", _exercise("shards = ..."))
    report = sync(repo)
    assert sorted(report.copied) == ["exercises/02-sharding.ipynb", "notebooks/02-scaling.ipynb"]
    assert "new: exercises/02-sharding.ipynb" in report.lines()


def test_a_notebook_gone_from_the_repository_is_left_in_the_workspace(repo):
    ws = repo / "workspace"
    sync(repo)
    (repo / "notebooks/02-scaling.ipynb").unlink()
    report = sync(repo)
    assert report.orphaned == ["notebooks/02-scaling.ipynb"]
    assert (ws / "notebooks/02-scaling.ipynb").exists()


def test_an_unreadable_manifest_is_set_aside_and_no_edited_notebook_is_overwritten(repo):
    ws = repo / "workspace"
    sync(repo)
    _edit_source(ws / "notebooks/01-estimation.ipynb", 1, "x = 'mine'")
    mine = (ws / "notebooks/01-estimation.ipynb").read_bytes()
    (ws / MANIFEST).write_text("{not json")
    write_nb(repo / "notebooks/01-estimation.ipynb", _lesson("01 lesson", "x = 'v2'"))

    report = sync(repo)

    assert (ws / "notebooks/01-estimation.ipynb").read_bytes() == mine
    assert report.unknown == ["notebooks/01-estimation.ipynb"]
    assert "could not be read" in report.warnings[0]
    assert [p.name for p in ws.glob(f"{MANIFEST}.unreadable-*")]


def test_fresh_gives_a_new_copy_and_keeps_the_old_one_as_a_dated_backup(repo):
    ws = repo / "workspace"
    sync(repo)
    _edit_source(ws / "exercises/01-traffic.ipynb", 3, "answer = 'my first try'")
    mine = (ws / "exercises/01-traffic.ipynb").read_bytes()
    now = datetime(2025, 6, 1, 14, 2, 13)

    report = fresh("01-traffic", repo, now=now)

    assert report.path == ws / "exercises/01-traffic.ipynb"
    assert report.path.read_bytes() == (repo / "exercises/01-traffic.ipynb").read_bytes()
    assert report.backup == ws / "exercises/01-traffic.backup-2025-06-01-140213.ipynb"
    assert report.backup.read_bytes() == mine
    # The fresh copy is the manifest's again: a later update of the exercise reaches it.
    write_nb(repo / "exercises/01-traffic.ipynb", _exercise("answer = ...  # v2"))
    assert sync(repo).updated == ["exercises/01-traffic.ipynb"]


def test_fresh_twice_in_one_second_keeps_both_backups_and_a_fresh_copy_is_left_alone(repo):
    ws = repo / "workspace"
    sync(repo)
    now = datetime(2025, 6, 1, 14, 2, 13)
    assert fresh("exercises/01-traffic.ipynb", repo, now=now).backup is None
    for attempt in ("a", "b"):
        _edit_source(ws / "exercises/01-traffic.ipynb", 3, f"answer = {attempt!r}")
        fresh("01-traffic", repo, now=now)
    backups = sorted(p.name for p in (ws / "exercises").glob("*.backup-*"))
    assert backups == [
        "01-traffic.backup-2025-06-01-140213-2.ipynb",
        "01-traffic.backup-2025-06-01-140213.ipynb",
    ]


def test_fresh_finds_lessons_and_names_solutions_only_when_asked(repo):
    sync(repo)
    ws = repo / "workspace"
    assert fresh("02-scaling", repo).path == ws / "notebooks/02-scaling.ipynb"
    assert fresh("solutions/01-traffic", repo).path == ws / "solutions/01-traffic.ipynb"


def test_fresh_of_an_unknown_name_suggests_the_close_ones(repo):
    with pytest.raises(InputError, match=r"^name: .*did you mean 01-traffic"):
        fresh("01-trafic", repo)


def test_the_commands_work_from_inside_the_workspace(repo):
    assert tpmprep("workspace", "sync", cwd=repo).returncode == 0
    ws = repo / "workspace"
    _edit_source(ws / "exercises/01-traffic.ipynb", 3, "answer = 7")
    result = tpmprep("workspace", "fresh", "01-traffic", cwd=ws / "exercises")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("fresh copy: 01-traffic.ipynb\n")
    assert re.search(r"kept as 01-traffic\.backup-[\d-]+\.ipynb", result.stdout)
    assert not (ws / "workspace").exists()  # not a workspace inside the workspace
    wrong = tpmprep("workspace", "fresh", "01-trafic", cwd=ws)
    assert wrong.returncode == 2
    assert wrong.stderr.startswith("error: name: no exercise or lesson named '01-trafic'")


def test_lint_ignores_the_workspace_and_its_scratch_notebooks(repo):
    _run(repo / "solutions/01-traffic.ipynb")  # solutions are committed executed
    assert lint(repo) == []
    sync(repo)
    ws = repo / "workspace"
    _run(ws / "notebooks/01-estimation.ipynb")  # outputs a committed lesson must not have
    write_nb(ws / "scratch" / "My Scratch.ipynb", build_nb(("code", "1 + 1")))
    write_nb(ws / "exercises" / "Untitled.ipynb", build_nb(("code", "2 + 2")))
    assert lint(repo) == []
    assert lint(ws) == []  # run from inside the workspace, the repository is checked
    result = tpmprep("lint", cwd=ws / "notebooks")
    assert result.returncode == 0, result.stdout


def test_the_workspace_folder_is_ignored_by_git():
    for path in ("workspace/notebooks/00-start-here.ipynb", "workspace/scratch/Untitled.ipynb"):
        ignored = subprocess.run(
            ["git", "check-ignore", "--no-index", "-q", path], cwd=REPO, check=False
        )
        assert ignored.returncode == 0, f"{path} is not ignored by git"
    tracked = subprocess.run(
        ["git", "check-ignore", "--no-index", "-q", "notebooks/00-start-here.ipynb"], cwd=REPO
    )
    assert tracked.returncode == 1


def test_every_relative_link_of_the_course_still_resolves_inside_the_workspace(tmp_path):
    ws = tmp_path / "ws"
    report = sync(REPO, ws)
    assert len(report.copied) == sum(
        len(list((REPO / folder).glob("*.ipynb")))
        for folder in ("notebooks", "exercises", "solutions")
    )
    checked = 0
    for path in sorted(ws.glob("*/*.ipynb")):
        text = "".join(
            "".join(cell["source"])
            for cell in json.loads(path.read_text())["cells"]
            if cell["cell_type"] == "markdown"
        )
        for target in re.findall(r"\]\(([^)#:]+\.ipynb)(?:#[^)]*)?\)", text):
            assert (path.parent / target).resolve().is_file(), f"{path.name} links {target}"
            checked += 1
    assert checked > 100  # the start notebook's map alone links every lesson and exercise


def test_a_workspace_inside_the_repositorys_own_folders_is_refused(repo):
    with pytest.raises(InputError, match=r"^workspace: "):
        sync(repo, repo / "notebooks" / "ws")
    with pytest.raises(InputError, match=r"^workspace: "):
        sync(repo, repo)


def test_the_workbook_commands_run_from_inside_a_workspace_find_the_repository(tmp_path):
    """Does `tpmprep build` from inside a workspace work on the repository, not the copy?"""
    from tpmprep.course.contents import find_root
    from tpmprep.course.workspace import MANIFEST

    repo = tmp_path / "repo"
    for folder in ("notebooks", "solutions", "workspace/notebooks", "workspace/solutions"):
        (repo / folder).mkdir(parents=True)
    (repo / "workspace" / MANIFEST).write_text("{}")
    assert find_root(repo / "workspace" / "notebooks") == repo
