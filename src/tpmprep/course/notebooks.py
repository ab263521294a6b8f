"""Reading and writing notebooks: the one place that turns files into nbformat nodes and back."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tpmprep.exceptions import NotebookError, ParametersCellError

if TYPE_CHECKING:  # pragma: no cover
    from nbformat import NotebookNode

__all__ = [
    "notebook_paths",
    "parameters_cell",
    "parameters_in",
    "read",
    "serialize",
    "title",
]


def read(path: Path, text: str | None = None) -> NotebookNode:
    """Read a notebook as nbformat 4 (from ``text`` when the file's content is already at hand).

    Raises
    ------
    NotebookError
        When the file is missing, not JSON or not a notebook; the message names the file.
    """
    import nbformat

    try:
        if text is None:
            text = Path(path).read_text(encoding="utf-8")
        return nbformat.reads(text, as_version=4)
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise NotebookError(str(path), f"cannot read notebook: {err}") from None


def serialize(nb: NotebookNode) -> str:
    """Return the text Jupyter itself would save (one trailing newline), for byte-exact checks."""
    import nbformat

    return nbformat.writes(nb) + "\n"


def notebook_paths(folder: Path) -> list[Path]:
    """Return the notebooks directly in ``folder``, sorted by name (checkpoints excluded)."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.ipynb") if not p.name.startswith("."))


def title(nb: NotebookNode) -> str:
    """Return the notebook's title: the first Markdown ``# `` heading, or ``""``."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return ""


def parameters_cell(nb: NotebookNode, path: Path | str) -> int:
    """Return the index of the first code cell, checking it is tagged ``parameters``.

    Raises
    ------
    ParametersCellError
        When the first code cell is missing or not tagged ``parameters``.
    """
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            if "parameters" not in cell.get("metadata", {}).get("tags", []):
                raise ParametersCellError(
                    str(path),
                    "the first code cell must be tagged 'parameters' (papermill's convention) "
                    "and assign seed and candidate",
                    index,
                )
            return index
    raise ParametersCellError(str(path), "has no code cell; add a 'parameters' cell first")


def parameters_in(source: str) -> dict[str, Any]:
    """Return the names a parameters cell assigns, with literal values (others map to ``None``)."""
    found: dict[str, Any] = {}
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return found
    for node in tree.body:
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Name):
                    try:
                        found[target.id] = ast.literal_eval(node.value) if node.value else None
                    except ValueError:
                        found[target.id] = None
    return found
