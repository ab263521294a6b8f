"""pytest set-up shared by the unit tests and nbval.

pytest runs with ``--nbval`` (see pyproject.toml), which compares outputs strictly. Solutions
are committed with their outputs and stay strict, so a change that alters a worked answer fails.
Lessons and exercises are committed without outputs and run in lax mode: every cell must run
without error, but only cells tagged ``nbval-check-output`` are compared. nbval's switches are
cell tags in the course's notebooks (``nbval-ignore-output``, ``nbval-check-output``,
``nbval-raises-exception``, ``nbval-skip``), not ``# NBVAL_...`` comments in the code a
candidate reads; ``tpmprep lint`` rejects the comments, though nbval and this file still honour
them.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

# Tests and the notebooks nbval runs (their kernels inherit this environment) never touch the
# user's real progress store. (No MPLBACKEND here: it would override the kernels' inline
# backend and turn every figure in a notebook into "<Figure ...>" text.)
os.environ["TPMPREP_HOME"] = tempfile.mkdtemp(prefix="tpmprep-test-home-")

LAX_FOLDERS = {"notebooks", "exercises"}


def _asks_for_comparison(cell) -> bool:
    tags = cell.get("metadata", {}).get("tags", [])
    return "NBVAL_CHECK_OUTPUT" in cell.get("source", "") or "nbval-check-output" in tags


def pytest_collection_modifyitems(config, items):
    for item in items:
        path = Path(str(item.fspath))
        if path.suffix != ".ipynb" or path.parent.name not in LAX_FOLDERS:
            continue
        if hasattr(item, "options") and not _asks_for_comparison(item.cell):
            item.options["check"] = False
