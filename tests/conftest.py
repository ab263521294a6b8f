from __future__ import annotations

import contextlib
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

REPO = Path(__file__).resolve().parents[1]


def build_nb(*cells, name: str = "test") -> nbformat.NotebookNode:
    """Build a notebook from ("code"|"markdown", source[, tags]) tuples, with stable ids."""
    made = []
    for i, spec in enumerate(cells):
        kind, source, *rest = spec
        tags = rest[0] if rest else []
        cell = (new_code_cell if kind == "code" else new_markdown_cell)(source)
        cell["id"] = f"{name}-{i}"
        if tags:
            cell.metadata["tags"] = list(tags)
        made.append(cell)
    nb = new_notebook(cells=made)
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    return nb


PARAMS = ("code", 'seed = 1\ncandidate = ""', ["parameters"])
TITLE = ("markdown", "# An exercise")


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    """An empty workbook layout: notebooks/, solutions/, exercises/."""
    for folder in ("notebooks", "solutions", "exercises"):
        (tmp_path / folder).mkdir()
    return tmp_path


def write_nb(path: Path, nb: nbformat.NotebookNode) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(path))
    return path


def tpmprep(
    *args: str, cwd: Path | None = None, installed: bool = False
) -> subprocess.CompletedProcess:
    """Run the ``tpmprep`` command and return its exit code and output.

    By default the command runs in this process through click's test runner (about 2 s faster
    per call than a new process, which imports nbformat and pint again); a crash raises here
    instead of hiding in an exit code. ``installed=True`` runs the installed console script,
    as a user would: the tests of the script itself (tests/test_package.py) use that.
    """
    if installed:
        exe = shutil.which("tpmprep", path=str(Path(sys.executable).parent)) or "tpmprep"
        return subprocess.run([exe, *args], cwd=cwd, capture_output=True, text=True, timeout=120)
    from click.testing import CliRunner

    from tpmprep.cli import main

    with contextlib.chdir(cwd or Path.cwd()):
        result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return subprocess.CompletedProcess(
        ["tpmprep", *args], result.exit_code, result.stdout, result.stderr
    )
