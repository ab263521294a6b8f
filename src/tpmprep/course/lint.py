"""The notebook conventions of the workbook, checked: one list of problems, empty when all is well.

* every notebook opens with a Markdown ``# Title`` cell and is named ``NN-title.ipynb``;
* lessons (``notebooks/``) and exercises are committed without outputs or execution counts;
* solutions are committed fully executed, so nbval compares every output strictly;
* solutions and exercises start with a ``parameters`` cell assigning ``seed`` and ``candidate``
  and load exactly one registered scenario;
* a ``check("answer", value)`` reads a variable named like its answer, and an exercise's
  stubs (``name = ...  # your answer``) name only variables a check reads;
* nbval's markers are cell tags (``nbval-ignore-output``), never ``# NBVAL_...`` comments in
  the code a candidate reads.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from tpmprep.course.notebooks import notebook_paths, parameters_cell, parameters_in, read, title
from tpmprep.exceptions import NotebookError

__all__ = ["NAME_PATTERN", "lint", "scenario_ids_in"]

NAME_PATTERN = re.compile(r"^\d\d-[a-z0-9]+(?:-[a-z0-9]+)*\.ipynb$")
# nbval's comment markers (NBVAL_IGNORE_OUTPUT, ...); the same switches exist as cell tags.
_NBVAL_COMMENT = re.compile(r"^\s*#\s*(NBVAL_[A-Z_]+)", re.MULTILINE)
_STUB = re.compile(r"^\s*(\w+)\s*=\s*\.\.\.\s*# your answer\s*$", re.MULTILINE)
_BARE_STUB = re.compile(r"^\.\.\.\s*# your answer\s*$", re.MULTILINE)


def _answer_problems(path: Path, index: int, source: str) -> list[str]:
    """Return a problem for each check that reads a variable not named like its answer."""
    from tpmprep.course.build import checks_in

    problems = []
    for answer, variable in checks_in(source):
        if variable != answer:
            read = f"reads {variable!r}" if variable else "reads an expression"
            problems.append(
                f"{path}, cell {index}: check({answer!r}, ...) {read}; put the answer in a "
                f"variable named {answer!r} and check that"
            )
    return problems


def _stub_problems(path: Path, nb) -> list[str]:
    """Return a problem for each exercise stub that asks for something no check reads."""
    from tpmprep.course.build import checked_names

    checked = checked_names(nb)
    problems = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        problems.extend(
            f"{path}, cell {index}: the stub {name!r} = ... is read by no check; "
            "stub only the checked answer (run `tpmprep build`)"
            for name in _STUB.findall(cell.source)
            if name not in checked
        )
        if _BARE_STUB.search(cell.source):
            problems.append(
                f"{path}, cell {index}: a bare '...' asks for something no check reads; "
                "leave the working out of the exercise (run `tpmprep build`)"
            )
    return problems


def scenario_ids_in(nb) -> list[str]:
    """Return the literal ids passed to ``scenario(...)`` in the notebook's code, in order."""
    ids: list[str] = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", getattr(node.func, "attr", None)) == "scenario"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                ids.append(node.args[0].value)
    return ids


def _lint_one(path: Path, kind: str) -> list[str]:
    problems: list[str] = []
    try:
        nb = read(path)
    except NotebookError as err:
        return [str(err)]
    if not NAME_PATTERN.match(path.name):
        problems.append(f"{path}: name it NN-title-with-hyphens.ipynb (lower case)")
    if not title(nb) or nb.cells[0].cell_type != "markdown":
        problems.append(f"{path}: the first cell must be Markdown with a '# Title' heading")
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        for marker in _NBVAL_COMMENT.findall(cell.source):
            problems.append(
                f"{path}, cell {index}: replace the comment '# {marker}' with the cell tag "
                f"{marker.lower().replace('_', '-')!r} (candidates read the code)"
            )
        if kind in ("solution", "exercise"):
            problems.extend(_answer_problems(path, index, cell.source))
        ran = cell.execution_count is not None or bool(cell.outputs)
        if kind in ("lesson", "exercise") and ran:
            problems.append(
                f"{path}, cell {index}: commit lessons and exercises without outputs "
                "(clear outputs, or run `tpmprep build` for exercises)"
            )
        if kind == "solution" and cell.execution_count is None:
            problems.append(
                f"{path}, cell {index}: never executed, so nbval cannot compare it; "
                "run `tpmprep build --execute-solutions`"
            )
    if kind in ("solution", "exercise"):
        from tpmprep.scenarios.base import scenario_ids

        try:
            index = parameters_cell(nb, path)
            assigned = parameters_in(nb.cells[index].source)
            for name in ("seed", "candidate"):
                if name not in assigned:
                    problems.append(f"{path}, cell {index}: the parameters cell must assign {name}")
        except NotebookError as err:
            problems.append(str(err))
        if kind == "exercise":
            problems.extend(_stub_problems(path, nb))
        ids = set(scenario_ids_in(nb))
        if len(ids) != 1:
            problems.append(
                f"{path}: load exactly one scenario with scenario('...'), found {sorted(ids)}"
            )
        elif not ids <= set(scenario_ids()):
            problems.append(
                f"{path}: scenario {ids.pop()!r} is not registered in tpmprep.scenarios"
            )
    return problems


def lint(root: Path) -> list[str]:
    """Return every convention problem under ``root`` (the repository), one line each.

    Only the repository's own ``notebooks/``, ``solutions/`` and ``exercises/`` are checked,
    never a candidate's workspace (``workspace/``, where outputs, answers and scratch notebooks
    belong): given a workspace, the repository it was copied from is checked instead.
    """
    from tpmprep.course.workspace import repository_of

    root = repository_of(root)
    problems: list[str] = []
    for folder, kind in (
        ("notebooks", "lesson"),
        ("solutions", "solution"),
        ("exercises", "exercise"),
    ):
        for path in notebook_paths(root / folder):
            problems.extend(_lint_one(path, kind))
    return problems
