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


def test_the_kernel_is_the_one_the_notebook_names(tmp_path):
    """Is the kernel taken from the notebook's metadata, not hard-coded?"""
    from tpmprep.course.run import kernel_name

    nb = build_nb(TITLE, PARAMS, ("code", "1"))
    assert kernel_name(nb) == "python3"
    spec = {"name": "no-such-kernel", "display_name": "x", "language": "python"}
    nb.metadata["kernelspec"] = spec
    assert kernel_name(nb) == "no-such-kernel"
    path = write_nb(tmp_path / "01-a.ipynb", nb)
    with pytest.raises(NotebookError, match="no-such-kernel"):
        execute_in_place(path)


def test_unix_sockets_where_they_fit_and_tcp_where_the_path_is_too_long(tmp_path):
    from tpmprep.course.run import _kernel_manager

    nb = build_nb(TITLE, PARAMS)
    assert _kernel_manager(nb, tmp_path / "k0").transport == "ipc"
    assert _kernel_manager(nb, tmp_path / ("k" * 120)).transport == "tcp"
