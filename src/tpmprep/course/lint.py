"""The notebook conventions of the workbook, checked: one list of problems, empty when all is well.

* every notebook opens with a Markdown ``# Title`` cell and is named ``NN-title.ipynb``;
* lessons (``notebooks/``) and exercises are committed without outputs or execution counts;
* solutions are committed fully executed, so nbval compares every output strictly;
* solutions and exercises start with a ``parameters`` cell assigning ``seed`` and ``candidate``
  and load exactly one registered scenario.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from tpmprep.course.notebooks import notebook_paths, parameters_cell, parameters_in, read, title
from tpmprep.exceptions import NotebookError

__all__ = ["NAME_PATTERN", "lint", "scenario_ids_in"]

NAME_PATTERN = re.compile(r"^\d\d-[a-z0-9]+(?:-[a-z0-9]+)*\.ipynb$")


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
    """Return every convention problem under ``root`` (the repository), one line each."""
    problems: list[str] = []
    for folder, kind in (
        ("notebooks", "lesson"),
        ("solutions", "solution"),
        ("exercises", "exercise"),
    ):
        for path in notebook_paths(root / folder):
            problems.extend(_lint_one(path, kind))
    return problems
