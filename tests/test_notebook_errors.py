"""Errors in a notebook are one line: a tpmprep error shows its message, not a traceback.

Issue 15: halving a count in exercise 03 ended in a long traceback through library code, its
last line `CalculationError: must be a whole number`. The candidate should see that line only
(what was wrong, how to fix it); any other exception keeps its traceback, and the cell still
fails (Run All stops, nbclient raises). Checked in a real kernel, as nbclient and papermill run
notebooks; the browser suite checks what JupyterLab shows.
"""

from __future__ import annotations

import re

import pytest

from conftest import build_nb

nbclient = pytest.importorskip("nbclient")

ANSI = re.compile(r"\x1b\[[0-9;]*m")
CELLS = {
    "import": "import tpmprep",
    "tpmprep error": 'from tpmprep.validate import count\ncount("servers", -3)',
    "%tb": "%tb",
    "other error": "def divide(a, b):\n    return a / b\n\ndivide(1, 0)",
    "unknown scenario": 'tpmprep.scenario("estimation/nope")',
    "half a count": (
        "from tpmprep.estimate.cache import zipf_hit_ratio\n"
        "print(round(zipf_hit_ratio(16_801_611 / 2, 450_000_000, 1.05), 4))"
    ),
    "a document error": (
        "from tpmprep.exceptions import DocumentError\n"
        'raise DocumentError(["a.yaml: x: first problem", "a.yaml: y: second problem"])'
    ),
}


def _run(cells: dict[str, str], tmp_path, allow_errors: bool = True):
    nb = build_nb(*[("code", source) for source in cells.values()], name="errors")
    client = nbclient.NotebookClient(
        nb,
        timeout=120,
        kernel_name="python3",
        allow_errors=allow_errors,
        resources={"metadata": {"path": str(tmp_path)}},
    )
    client.execute()
    return dict(zip(cells, nb.cells, strict=True))


@pytest.fixture(scope="module")
def cells(tmp_path_factory):
    return _run(CELLS, tmp_path_factory.mktemp("errors"))


def _error(cell) -> dict:
    [error] = [o for o in cell.outputs if o["output_type"] == "error"]
    return error


def test_a_tpmprep_error_shows_one_line_naming_the_input_and_the_fix(cells):
    error = _error(cells["tpmprep error"])
    assert error["ename"] == "CalculationError"
    assert error["evalue"] == "servers: must be at least 1, got -3"
    assert [ANSI.sub("", line) for line in error["traceback"]] == [
        "CalculationError: servers: must be at least 1, got -3"
    ]


def test_an_unknown_scenario_is_one_line_too(cells):
    error = _error(cells["unknown scenario"])
    [line] = [ANSI.sub("", line) for line in error["traceback"]]
    assert line.startswith("UnknownScenarioError: id: no scenario 'estimation/nope'; known: ")


def test_a_message_of_several_problems_keeps_one_line_per_problem(cells):
    lines = [ANSI.sub("", line) for line in _error(cells["a document error"])["traceback"]]
    assert lines == ["DocumentError: a.yaml: x: first problem", "a.yaml: y: second problem"]


def test_other_exceptions_keep_their_traceback(cells):
    error = _error(cells["other error"])
    text = ANSI.sub("", "\n".join(error["traceback"]))
    assert error["ename"] == "ZeroDivisionError"
    assert "divide(1, 0)" in text and "return a / b" in text  # the frames are there
    assert len(error["traceback"]) > 1


def test_percent_tb_still_shows_the_full_traceback_of_a_tpmprep_error(cells):
    text = ANSI.sub("", "".join(o.get("text", "") for o in cells["%tb"].outputs))
    text += ANSI.sub("", "\n".join(
        line for o in cells["%tb"].outputs for line in o.get("traceback", [])
    ))
    assert "validate.py" in text and "CalculationError" in text


def test_half_of_a_count_is_accepted_as_the_hint_suggests(cells):
    cell = cells["half a count"]
    assert [o["output_type"] for o in cell.outputs] == ["stream"]
    assert cell.outputs[0]["text"] == "0.8767\n"


def test_the_cell_still_fails_so_run_all_stops_there(tmp_path):
    stop = {"import": "import tpmprep", "error": 'tpmprep.Q("5 zorks")', "after": "print(1)"}
    with pytest.raises(nbclient.exceptions.CellExecutionError) as raised:
        _run(stop, tmp_path, allow_errors=False)
    assert "QuantityParseError" in str(raised.value)
    assert "unknown unit 'zorks'" in str(raised.value)


def test_install_does_nothing_outside_ipython():
    from tpmprep import notebook_errors

    assert notebook_errors.install() is False
