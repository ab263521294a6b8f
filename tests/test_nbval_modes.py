"""nbval compares solutions strictly and lessons/exercises laxly, as the repository runs it."""

from __future__ import annotations

import shutil
import subprocess
import sys

import nbformat

from conftest import REPO


def _run_pytest(root, *paths):
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", *paths],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_a_changed_worked_answer_fails_and_a_lesson_output_does_not(tmp_path):
    for name in ("conftest.py", "pyproject.toml"):
        shutil.copy(REPO / name, tmp_path / name)
    (tmp_path / "tests").mkdir()
    shutil.copy(REPO / "tests/sanitize.cfg", tmp_path / "tests/sanitize.cfg")
    solution = next((REPO / "solutions").glob("*.ipynb"))
    (tmp_path / "solutions").mkdir()
    (tmp_path / "notebooks").mkdir()

    # A solution whose stored worked answer no longer matches what the code computes.
    nb = nbformat.read(solution, as_version=4)
    cell = next(c for c in nb.cells if c.cell_type == "code" and "BEGIN SOLUTION" in c.source)
    stream = next(o for o in cell.outputs if o.get("output_type") == "stream")
    stream["text"] = "a different worked answer\n"
    nbformat.write(nb, tmp_path / "solutions" / solution.name)
    # A lesson with a stale stored output: lax mode only requires that it runs.
    lesson = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print(1)")])
    lesson.cells[0].outputs = [nbformat.v4.new_output("stream", text="2\n")]
    lesson.cells[0].execution_count = 1
    nbformat.write(lesson, tmp_path / "notebooks" / "00-x.ipynb")

    strict = _run_pytest(tmp_path, f"solutions/{solution.name}")
    assert strict.returncode == 1, strict.stdout
    assert "Cell outputs differ" in strict.stdout or "differ" in strict.stdout

    lax = _run_pytest(tmp_path, "notebooks/00-x.ipynb")
    assert lax.returncode == 0, lax.stdout


def test_the_repository_solutions_pass_strictly_unchanged(tmp_path):
    """Guard for the test above: the untouched solution passes in the same harness."""
    for name in ("conftest.py", "pyproject.toml"):
        shutil.copy(REPO / name, tmp_path / name)
    (tmp_path / "tests").mkdir()
    shutil.copy(REPO / "tests/sanitize.cfg", tmp_path / "tests/sanitize.cfg")
    (tmp_path / "solutions").mkdir()
    solution = next((REPO / "solutions").glob("*.ipynb"))
    shutil.copy(solution, tmp_path / "solutions" / solution.name)
    result = _run_pytest(tmp_path, f"solutions/{solution.name}")
    assert result.returncode == 0, result.stdout
