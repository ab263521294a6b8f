"""nbval's switches as cell tags: the course's notebooks carry no ``# NBVAL_...`` comments."""

from __future__ import annotations

import shutil
import subprocess
import sys

import nbformat

from conftest import REPO
from tpmprep.course.build import exercise_from


def _notebook(source: str, stored: str, tags: list[str]):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)])
    nb.cells[0].outputs = [nbformat.v4.new_output("stream", text=stored)]
    nb.cells[0].execution_count = 1
    nb.cells[0].metadata["tags"] = tags
    return nb


def test_tags_switch_nbval_as_the_comments_did(tmp_path):
    """Is a lesson cell tagged nbval-check-output compared, and a tagged solution cell not?"""
    for name in ("conftest.py", "pyproject.toml"):
        shutil.copy(REPO / name, tmp_path / name)
    (tmp_path / "tests").mkdir()
    shutil.copy(REPO / "tests/sanitize.cfg", tmp_path / "tests/sanitize.cfg")
    for folder in ("solutions", "notebooks"):
        (tmp_path / folder).mkdir()
    checked = _notebook("print(1)", "2\n", ["nbval-check-output"])
    nbformat.write(checked, tmp_path / "notebooks/01-checked.ipynb")
    ignored = _notebook("print(1)", "2\n", ["nbval-ignore-output"])
    nbformat.write(ignored, tmp_path / "solutions/01-ignored.ipynb")
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "-rA", "-n", "0",
         "solutions", "notebooks"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    lines = run.stdout.splitlines()
    assert any(line.startswith("FAILED notebooks/01-checked.ipynb") for line in lines), run.stdout
    assert any(line.startswith("PASSED solutions/01-ignored.ipynb") for line in lines), run.stdout


def test_no_course_notebook_shows_a_marker_comment():
    """Do the candidate's cells read as code, with the switches kept in the cell tags?"""
    for folder in ("notebooks", "solutions", "exercises"):
        for path in sorted((REPO / folder).glob("*.ipynb")):
            nb = nbformat.read(path, as_version=4)
            for cell in nb.cells:
                if cell.cell_type == "code":
                    assert "NBVAL_" not in cell.source, f"{path.name}: {cell.source[:60]}"


def test_the_quiz_cells_of_the_lessons_keep_their_tag():
    nb = nbformat.read(REPO / "notebooks/03-caching.ipynb", as_version=4)
    quizzes = [c for c in nb.cells if c.cell_type == "code" and c.source.startswith("quiz(")]
    assert quizzes and all("nbval-ignore-output" in c.metadata["tags"] for c in quizzes)


def test_build_carries_a_tag_into_the_exercise(tmp_path):
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell("# An exercise"),
            nbformat.v4.new_code_cell('seed = 1\ncandidate = ""'),
            nbformat.v4.new_code_cell("quiz()"),
        ]
    )
    nb.cells[1].metadata["tags"] = ["parameters"]
    nb.cells[2].metadata["tags"] = ["nbval-ignore-output"]
    exercise = exercise_from(nb, tmp_path / "01-x.ipynb")
    assert exercise.cells[2].metadata["tags"] == ["nbval-ignore-output"]
