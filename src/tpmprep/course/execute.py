"""Run a notebook top to bottom in a fresh kernel and save its outputs (for ``solutions/``)."""

from __future__ import annotations

from pathlib import Path

from tpmprep.course.notebooks import read, serialize
from tpmprep.exceptions import NotebookError
from tpmprep.files import atomic_write_text

__all__ = ["execute_in_place"]


def execute_in_place(path: Path, *, timeout: int = 120) -> None:
    """Execute ``path`` in a new kernel (its folder as working directory) and save it.

    Runs through :func:`tpmprep.course.run.run_all`, like every notebook tpmprep executes (the
    notebook's own kernel, a throwaway progress store). The file is replaced atomically only
    when every cell ran; on failure it is left as it was.

    Parameters
    ----------
    path : Path
        The notebook.
    timeout : int
        Seconds allowed per cell.

    Raises
    ------
    NotebookError
        When a cell raises; names the cell and the error.
    """
    from tpmprep.course.run import Job, run_all

    nb = read(path)
    [outcome] = run_all([Job(path, nb, path.parent.resolve())], timeout=timeout, workers=1)
    if outcome.error:
        failed = next(
            (
                i
                for i, cell in enumerate(nb.cells)
                if any(o.get("output_type") == "error" for o in cell.get("outputs", []))
            ),
            None,
        )
        raise NotebookError(
            str(path), f"cell failed ({outcome.error}); the file was not changed", failed
        )
    nb.metadata.pop("widgets", None)
    atomic_write_text(path, serialize(nb))
