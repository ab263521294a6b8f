"""Build ``exercises/`` from ``solutions/``: one authored source per exercise.

In a solution notebook, code between ``### BEGIN SOLUTION`` and ``### END SOLUTION`` becomes
an answer stub that names only what is checked: ``name = ...  # your answer`` for each name the
region assigns that a ``check("name", name)`` in the notebook reads. The solution's working
steps (``copies = ...``, ``db_half = ...``) are not asked for, so they are neither given away
nor left as blanks nobody checks. A region that feeds no check (a chart of the worked answer,
numbers for an essay) is left out, and so is a code cell left with no code; a cell tagged
``solution-only`` (a caption of such a chart) is left out whole. Markdown between
``<!-- BEGIN SOLUTION -->`` and ``<!-- END SOLUTION -->`` becomes "*Write your answer here.*".
Outputs and execution counts are cleared; cell ids, tags and other metadata are kept, so
building twice changes nothing.

The exercise's default ``seed`` is not the solution's: the build sets it to a stable number
derived from the notebook's name, so the worked numbers in ``solutions/`` never are a
candidate's own answers (papermill and the candidate can still set any seed).

Candidates answer in ``exercises/``, so a rebuild must not destroy their work: each exercise
records a fingerprint of its cells' sources in ``metadata.tpmprep``. An exercise whose sources
no longer match its fingerprint has been edited; ``build`` keeps it and says so, unless forced.
"""

from __future__ import annotations

import ast
import copy
import hashlib
import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from tpmprep.course.contents import start_with_map
from tpmprep.course.notebooks import (
    notebook_paths,
    parameters_cell,
    parameters_in,
    read,
    serialize,
)
from tpmprep.exceptions import ParametersCellError, SolutionMarkerError
from tpmprep.files import atomic_write_text

if TYPE_CHECKING:  # pragma: no cover
    from nbformat import NotebookNode

__all__ = [
    "MARKDOWN_PLACEHOLDER",
    "SOLUTION_ONLY_TAG",
    "BuildReport",
    "build",
    "checked_names",
    "checks_in",
    "exercise_from",
    "fingerprint",
    "is_edited",
    "strip_solution",
]

MARKDOWN_PLACEHOLDER = "*Write your answer here.*"
STUB_COMMENT = "# your answer"
# A cell with this tag belongs to the worked solution only (a chart's caption, say).
SOLUTION_ONLY_TAG = "solution-only"
REQUIRED_PARAMETERS = ("seed", "candidate")

# Detection is deliberately loose (any line mentioning the marker words), so a mistyped
# marker is an error rather than a solution leaking into an exercise.
_BEGIN = re.compile(r"\bBEGIN\s+SOLUTION\b", re.IGNORECASE)
_END = re.compile(r"\bEND\s+SOLUTION\b", re.IGNORECASE)
_CANONICAL = {
    "code": ("### BEGIN SOLUTION", "### END SOLUTION"),
    "markdown": ("<!-- BEGIN SOLUTION -->", "<!-- END SOLUTION -->"),
}
# Cell metadata that records a run, not the content; dropped from exercises.
_RUN_METADATA = ("execution", "ExecuteTime", "papermill")


def _assigned_names(region: str) -> list[str]:
    """Names the region's top-level statements assign, in order; [] if none or unparsable."""
    try:
        tree = ast.parse(textwrap.dedent(region))
    except SyntaxError:
        return []
    names: list[str] = []

    def collect(target: ast.expr) -> None:
        if isinstance(target, ast.Name):
            names.append(target.id)
        elif isinstance(target, ast.Tuple | ast.List):
            for element in target.elts:
                collect(element)
        elif isinstance(target, ast.Starred):
            collect(target.value)

    for node in tree.body:
        if isinstance(node, ast.Assign):
            for target in node.targets:
                collect(target)
        elif isinstance(node, ast.AnnAssign | ast.AugAssign):
            collect(node.target)
    return list(dict.fromkeys(names))


def checks_in(source: str) -> list[tuple[str, str | None]]:
    """Return ``(answer id, variable read)`` for every ``check("id", value)`` call in the code.

    The variable is None when the value is not a plain name (``check("x", 2 * y)``). Calls
    of any object's ``check`` count (``sc.check``), as does a bare ``check``.

    Parameters
    ----------
    source : str
        A code cell's source.

    Returns
    -------
    list of (str, str or None)
        In the order they appear; [] when the source does not parse.
    """
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    found: list[tuple[int, int, str, str | None]] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or len(node.args) < 2:
            continue
        name = getattr(node.func, "attr", getattr(node.func, "id", None))
        answer = node.args[0]
        if name != "check" or not (
            isinstance(answer, ast.Constant) and isinstance(answer.value, str)
        ):
            continue
        value = node.args[1]
        variable = value.id if isinstance(value, ast.Name) else None
        found.append((node.lineno, node.col_offset, answer.value, variable))
    return [(answer, variable) for _, _, answer, variable in sorted(found)]


def checked_names(nb: NotebookNode) -> set[str]:
    """Return the variables the notebook's ``check(...)`` calls read."""
    return {
        variable
        for cell in nb.cells
        if cell.cell_type == "code"
        for _, variable in checks_in(cell.source)
        if variable is not None
    }


def _code_stub(region: list[str], indent: str, checked: set[str] | None) -> list[str]:
    names = _assigned_names("".join(region))
    if checked is not None:
        names = [name for name in names if name in checked]
    if names:
        return [f"{indent}{name} = ...  {STUB_COMMENT}\n" for name in names]
    if indent or checked is None:  # a body must not be empty (``def f():``)
        return [f"{indent}...  {STUB_COMMENT}\n"]
    return []  # working that feeds no check: not asked for


def strip_solution(
    source: str,
    cell_type: str,
    path: str = "<notebook>",
    cell_index: int = 0,
    *,
    checked: set[str] | None = None,
) -> str:
    """Replace every solution region of one cell's source with its stub.

    Parameters
    ----------
    source : str
        The cell's source.
    cell_type : {"code", "markdown"}
        Which markers and stubs apply.
    path, cell_index : str, int
        Where the cell is, for error messages.
    checked : set of str, optional
        The variables the notebook's checks read (``checked_names``): a code region's stub
        names only those, and a top-level region assigning none of them is dropped. Without
        it every name the region assigns is stubbed (``...`` when it assigns none).

    Returns
    -------
    str
        The source with solutions removed (unchanged if it has no markers).

    Raises
    ------
    SolutionMarkerError
        On a nested, unclosed or unopened region, or a marker in the wrong form.
    """
    begin, end = _CANONICAL[cell_type]
    out: list[str] = []
    region: list[str] | None = None
    indent = ""
    for number, line in enumerate(source.splitlines(keepends=True), start=1):
        is_begin, is_end = bool(_BEGIN.search(line)), bool(_END.search(line))
        if not (is_begin or is_end):
            (out if region is None else region).append(line)
            continue
        expected = begin if is_begin else end
        if line.strip() != expected:
            raise SolutionMarkerError(
                path,
                f"line {number}: write the marker exactly as {expected!r}, alone on its line",
                cell_index,
            )
        if is_begin:
            if region is not None:
                raise SolutionMarkerError(
                    path,
                    f"line {number}: nested {begin!r}; close the open region first",
                    cell_index,
                )
            region, indent = [], line[: len(line) - len(line.lstrip())]
        else:
            if region is None:
                raise SolutionMarkerError(
                    path, f"line {number}: {end!r} without a matching {begin!r}", cell_index
                )
            if cell_type == "code":
                out.extend(_code_stub(region, indent, checked))
            else:
                out.append(f"{MARKDOWN_PLACEHOLDER}\n")
            region = None
    if region is not None:
        raise SolutionMarkerError(path, f"{begin!r} is never closed with {end!r}", cell_index)
    text = "".join(out)
    return text.rstrip("\n") if not source.endswith("\n") else text


def _has_code(source: str) -> bool:
    """Whether the source has a line that is neither blank nor a comment."""
    return any(
        line.strip() and not line.strip().startswith("#") for line in source.splitlines()
    )


def _stable_id(path: Path, index: int) -> str:
    return hashlib.sha1(f"{path.name}:{index}".encode()).hexdigest()[:8]


_SEED_LINE = re.compile(r"^seed\s*=\s*(.*)$", re.MULTILINE)


def exercise_seed(path: Path, solution_seed: object) -> int:
    """Return the default seed for an exercise: stable per name, never the solution's."""
    seed = 2 + int(hashlib.sha256(path.name.encode()).hexdigest(), 16) % 9998
    return seed + 1 if seed == solution_seed else seed


def fingerprint(nb: NotebookNode) -> str:
    """Return a SHA-256 of the cells' types and sources (not outputs or metadata)."""
    digest = hashlib.sha256()
    for cell in nb.cells:
        digest.update(f"{cell.cell_type}\0{cell.source}\0".encode())
    return digest.hexdigest()


def is_edited(exercise: NotebookNode) -> bool:
    """Whether an exercise's sources changed since ``build`` wrote it (or it was never built)."""
    recorded = exercise.metadata.get("tpmprep", {}).get("fingerprint")
    return recorded != fingerprint(exercise)


def exercise_from(solution: NotebookNode, path: Path) -> NotebookNode:
    """Return the exercise notebook for a solution notebook (the input is not modified).

    Raises
    ------
    ParametersCellError
        When the first code cell is not a ``parameters`` cell assigning seed and candidate.
    SolutionMarkerError
        On a malformed solution region.
    """
    index = parameters_cell(solution, path)
    assigned = parameters_in(solution.cells[index].source)
    missing = [p for p in REQUIRED_PARAMETERS if p not in assigned]
    if missing:
        raise ParametersCellError(
            str(path), f"the parameters cell must assign {', '.join(missing)}", index
        )
    nb = copy.deepcopy(solution)
    seed = exercise_seed(path, assigned["seed"])
    nb.cells[index].source = _SEED_LINE.sub(f"seed = {seed}", nb.cells[index].source, count=1)
    nb.nbformat, nb.nbformat_minor = 4, max(5, nb.get("nbformat_minor", 5))
    for key in ("widgets", "papermill", "execution"):
        nb.metadata.pop(key, None)
    checked = checked_names(solution)
    kept = []
    for i, cell in enumerate(nb.cells):
        cell.setdefault("id", _stable_id(path, i))
        if SOLUTION_ONLY_TAG in cell.metadata.get("tags", []):
            continue
        for key in _RUN_METADATA:
            cell.metadata.pop(key, None)
        if cell.cell_type in _CANONICAL:
            stripped = strip_solution(cell.source, cell.cell_type, str(path), i, checked=checked)
            if cell.cell_type == "code" and stripped != cell.source and not _has_code(stripped):
                continue  # all of it was working the exercise does not ask for
            cell.source = stripped
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        kept.append(cell)
    nb.cells = kept
    nb.metadata["tpmprep"] = {
        "built_from": f"solutions/{path.name}",
        "fingerprint": fingerprint(nb),
    }
    return nb


@dataclass
class BuildReport:
    """What ``build`` found or did, by exercise path."""

    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    stale: list[Path] = field(default_factory=list)
    missing: list[Path] = field(default_factory=list)
    orphans: list[Path] = field(default_factory=list)
    edited: list[Path] = field(default_factory=list)

    @property
    def in_sync(self) -> bool:
        """Whether every exercise matches its solution and none lacks one."""
        return not (self.stale or self.missing or self.orphans or self.edited)


def build(
    solutions: Path, exercises: Path, *, check: bool = False, force: bool = False
) -> BuildReport:
    """Generate every exercise from its solution, or (``check=True``) only compare.

    Every exercise is generated in memory first; if any solution is malformed nothing is
    written. Each file is then replaced atomically, and only when its content changes.
    The start notebook's map cell is kept in step with the files the same way.
    Exercises without a solution are reported, never deleted; exercises edited since they
    were built (a candidate's answers) are reported and kept unless ``force``.

    Parameters
    ----------
    solutions, exercises : Path
        The source and target folders.
    check : bool
        Write nothing; report stale, missing, edited and orphaned exercises.
    force : bool
        Overwrite exercises even when they were edited since they were built.

    Returns
    -------
    BuildReport
    """
    report = BuildReport()
    planned: list[tuple[Path, str]] = []
    sources = notebook_paths(solutions)
    for source in sources:
        target = exercises / source.name
        text = serialize(exercise_from(read(source), source))
        current = target.read_text(encoding="utf-8") if target.exists() else None
        if current == text:
            report.unchanged.append(target)
        elif current is None:
            report.missing.append(target)
            planned.append((target, text))
        elif is_edited(read(target, current)) and not force:
            report.edited.append(target)
        else:
            report.stale.append(target)
            planned.append((target, text))
    names = {s.name for s in sources}
    report.orphans = [p for p in notebook_paths(exercises) if p.name not in names]
    if not check:
        for target, text in planned:
            atomic_write_text(target, text)
            report.written.append(target)
        report.stale, report.missing = [], []
    # The map lists the exercises, so it is drawn after they are written.
    mapped = start_with_map(solutions.parent)
    if mapped is not None:
        start, text = mapped
        if start.read_text(encoding="utf-8") == text:
            report.unchanged.append(start)
        elif check:
            report.stale.append(start)
        else:
            atomic_write_text(start, text)
            report.written.append(start)
    return report
