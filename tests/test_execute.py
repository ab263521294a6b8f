"""`tpmprep build --execute-solutions`: refresh a solution's outputs, or leave it untouched."""

from __future__ import annotations

import pytest

from conftest import PARAMS, TITLE, build_nb, write_nb
from tpmprep.course.execute import execute_in_place
from tpmprep.course.notebooks import read
from tpmprep.exceptions import NotebookError


def test_outputs_are_saved_with_counts(tmp_path):
    path = write_nb(tmp_path / "01-a.ipynb", build_nb(TITLE, PARAMS, ("code", "print(seed + 41)")))
    execute_in_place(path)
    nb = read(path)
    assert nb.cells[2].outputs[0]["text"] == "42\n"
    assert [c.execution_count for c in nb.cells if c.cell_type == "code"] == [1, 2]


def test_a_failing_cell_is_named_and_the_file_is_left_alone(tmp_path):
    path = write_nb(
        tmp_path / "01-a.ipynb", build_nb(TITLE, PARAMS, ("code", "x = 1"), ("code", "1 / 0"))
    )
    before = path.read_bytes()
    with pytest.raises(NotebookError, match=r"cell 3.*ZeroDivisionError"):
        execute_in_place(path)
    assert path.read_bytes() == before
