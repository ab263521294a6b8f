"""Write files so that a reader never sees half of one and sharing a folder keeps working.

Every file tpmprep writes for a person (exercises, cohort copies, answer keys, grades, a
candidate's story bank) goes through :func:`atomic_write_text`: the text goes to a temporary file
in the same folder, which then replaces the target in one rename. A crash leaves the old file or
the new one, never a mix. The new file gets the permissions a plain ``open(path, "w")`` would
give it (an existing file keeps its mode; a new one gets ``0o666`` minus the umask), so a
teaching assistant or a JupyterHub user sharing the folder can still read it; ``mkstemp`` alone
would make every file private (0600).
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

__all__ = ["atomic_write_text"]


def _umask() -> int:
    """Return the process's umask (reading it means setting it; put it straight back)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write_text(path: str | os.PathLike[str], text: str, *, durable: bool = True) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename: never a half-written file.

    Parameters
    ----------
    path : str or path-like
        The file to write; its folder is created when missing.
    text : str
        The content, written as UTF-8 with Unix line endings.
    durable : bool
        Flush to disk before the rename (``False`` skips the fsync, for files that can be made
        again, such as thousands of cohort copies, where it costs more than the rest).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            os.fchmod(handle.fileno(), mode)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
