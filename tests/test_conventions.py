"""Notebook conventions: the repository follows them, and breaking one is reported."""

from __future__ import annotations

import nbformat
import pytest

from conftest import PARAMS, REPO, TITLE, build_nb, tpmprep, write_nb
from tpmprep.course.lint import lint

SCENARIO = ("code", 'sc = scenario("estimation/traffic-basics", seed=seed)')


def test_the_repository_follows_its_conventions():
    assert lint(REPO) == []


def test_the_repository_is_in_sync():
    result = tpmprep("build", "--check", cwd=REPO)
    assert result.returncode == 0, result.stdout


def _executed(nb):
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            cell.execution_count = i
    return nb


@pytest.mark.parametrize(
    ("folder", "name", "nb", "problem"),
    [
        ("notebooks", "01-x.ipynb", _executed(build_nb(TITLE, ("code", "1"))), "without outputs"),
        ("notebooks", "lesson.ipynb", build_nb(TITLE), "NN-title-with-hyphens"),
        ("notebooks", "01-x.ipynb", build_nb(("markdown", "no title")), "'# Title'"),
        ("solutions", "01-x.ipynb", build_nb(TITLE, PARAMS, SCENARIO), "never executed"),
        ("solutions", "01-x.ipynb", _executed(build_nb(TITLE, PARAMS)), "exactly one scenario"),
        (
            "exercises",
            "01-x.ipynb",
            build_nb(TITLE, ("code", "seed = 1"), SCENARIO),
            "tagged 'parameters'",
        ),
        (
            "exercises",
            "01-x.ipynb",
            build_nb(TITLE, PARAMS, ("code", 'scenario("nope/nope")')),
            "not registered",
        ),
    ],
    ids=[
        "lesson-outputs",
        "lesson-name",
        "no-title",
        "unexecuted-solution",
        "no-scenario",
        "no-parameters",
        "unknown-scenario",
    ],
)
def test_a_broken_convention_is_reported(workbook, folder, name, nb, problem):
    write_nb(workbook / folder / name, nb)
    problems = lint(workbook)
    assert any(problem in p and name in p for p in problems), problems
    result = tpmprep("lint", cwd=workbook)
    assert result.returncode == 1 and problem in result.stdout


def test_an_unreadable_notebook_is_a_problem_not_a_crash(workbook):
    (workbook / "notebooks/01-broken.ipynb").write_text("{ not json")
    assert any("cannot read notebook" in p for p in lint(workbook))


def test_contents_links_every_lesson_and_exercise():
    from tpmprep.course.contents import THEMES, contents_markdown

    text = contents_markdown(REPO, REPO / "notebooks")
    for number, theme in THEMES.items():
        assert f"| {number} | {theme} |" in text
    for folder in ("notebooks", "exercises", "solutions"):
        for path in (REPO / folder).glob("*.ipynb"):
            link = path.name if folder == "notebooks" else f"../{folder}/{path.name}"
            assert f"]({link})" in text, path
    assert nbformat  # the map reads titles with nbformat
