"""Run a notebook top to bottom in a fresh kernel and save its outputs (for ``solutions/``)."""

from __future__ import annotations

from pathlib import Path

from tpmprep.course.notebooks import read, serialize
from tpmprep.exceptions import NotebookError
from tpmprep.files import atomic_write_text

__all__ = ["execute_in_place"]


def execute_in_place(path: Path, *, timeout: int = 120) -> None:
    """Execute ``path`` in a new kernel (its folder as working directory) and save it.

    The file is replaced atomically only when every cell ran; on failure it is left as it was.

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
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError

    nb = read(path)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        record_timing=False,
        resources={"metadata": {"path": str(path.parent.resolve())}},
    )
    try:
        client.execute()
    except (CellExecutionError, CellTimeoutError) as err:
        failed = next(
            (
                i
                for i, cell in enumerate(nb.cells)
                if any(o.get("output_type") == "error" for o in cell.get("outputs", []))
            ),
            None,
        )
        reason = f"{err.ename}: {err.evalue}" if hasattr(err, "ename") else str(err).splitlines()[0]
        raise NotebookError(
            str(path), f"cell failed ({reason}); the file was not changed", failed
        ) from None
    nb.metadata.pop("widgets", None)
    atomic_write_text(path, serialize(nb))
