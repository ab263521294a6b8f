"""nbval compares solutions strictly and lessons/exercises laxly, as the repository runs it.

One pytest run in a copy of the repository's configuration, on three tiny notebooks built here:
a solution whose stored output matches, one whose stored worked answer no longer matches, and a
lesson with a stale stored output. (Every real notebook already runs under nbval in the main
session; this only proves the harness applies the right mode to each folder.)
"""

from __future__ import annotations

import shutil
import subprocess
import sys

import nbformat

from conftest import REPO


def _notebook(source: str, stored: str):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)])
    nb.cells[0].outputs = [nbformat.v4.new_output("stream", text=stored)]
    nb.cells[0].execution_count = 1
    return nb


def test_a_changed_worked_answer_fails_and_a_lesson_output_does_not(tmp_path):
    for name in ("conftest.py", "pyproject.toml"):
        shutil.copy(REPO / name, tmp_path / name)
    (tmp_path / "tests").mkdir()
    shutil.copy(REPO / "tests/sanitize.cfg", tmp_path / "tests/sanitize.cfg")
    for folder in ("solutions", "notebooks"):
        (tmp_path / folder).mkdir()
    nbformat.write(_notebook("print(6 * 7)", "42\n"), tmp_path / "solutions/01-same.ipynb")
    nbformat.write(_notebook("print(6 * 7)", "41\n"), tmp_path / "solutions/01-changed.ipynb")
    nbformat.write(_notebook("print(1)", "2\n"), tmp_path / "notebooks/00-stale.ipynb")

    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "-rA", "-n", "0",
         "solutions", "notebooks"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    lines = run.stdout.splitlines()
    assert any(line.startswith("PASSED solutions/01-same.ipynb") for line in lines), run.stdout
    assert any(line.startswith("FAILED solutions/01-changed.ipynb") for line in lines), run.stdout
    assert any(line.startswith("PASSED notebooks/00-stale.ipynb") for line in lines), run.stdout
    assert "differ" in run.stdout
