"""The lessons and exercises a candidate can take, read from the files (for ``next()`` and plans).

Each notebook in ``notebooks/`` is a lesson and each in ``exercises/`` an exercise; the theme
comes from the two-digit prefix, the title from the first ``# `` heading, the time from the
overview's "**Time:** N minutes", and an exercise's scenario and answers from its code
(``scenario("caching/news-feed", ...)`` and ``sc.check("name", ...)``). Notebooks are read as
JSON, without nbformat, so that ``next()`` answers at once.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from tpmprep.course.notebooks import notebook_paths
from tpmprep.exceptions import InputError
from tpmprep.practice.planner import Material
from tpmprep.themes import by_number

__all__ = ["EXERCISE_MINUTES", "LESSON_MINUTES", "find_workbook", "materials"]

LESSON_MINUTES = 45  # when a lesson does not say how long it takes
EXERCISE_MINUTES = 25
_TIME = re.compile(r"\*\*Time:?\*\*:?\s*(?:about\s+)?(\d+)\s*min", re.IGNORECASE)
_ANY_MINUTES = re.compile(r"(\d+)\s*minutes")
_SCENARIO = re.compile(r"""\bscenario\(\s*["']([^"']+)["']""")
_CHECK = re.compile(r"""\.check\(\s*["'](\w+)["']""")


def find_workbook(start: Path | None = None) -> Path:
    """Return the folder holding ``notebooks/`` and ``exercises/`` at or above ``start``.

    A candidate's own copy (a workspace with the same two folders) counts as a workbook.

    Parameters
    ----------
    start : Path or None
        Where to look from; ``None`` for the current folder (a notebook's own folder in a kernel).

    Returns
    -------
    Path

    Raises
    ------
    InputError
        When there is none: run from inside the workbook, or pass ``root=``.
    """
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "notebooks").is_dir() and (folder / "exercises").is_dir():
            return folder
    raise InputError(
        "root", f"no workbook (notebooks/ and exercises/) at or above {here}; pass root=FOLDER"
    )


def _cells(path: Path) -> list[dict[str, Any]]:
    try:
        cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
    except (OSError, ValueError, AttributeError):
        return []  # an unreadable notebook is simply not offered
    return [c for c in cells if isinstance(c, dict)]


def _source(cell: dict[str, Any]) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def _title(cells: list[dict[str, Any]], path: Path) -> str:
    for cell in cells:
        if cell.get("cell_type") == "markdown":
            for line in _source(cell).splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return path.stem


def _minutes(cells: list[dict[str, Any]], default: int) -> int:
    text = "\n".join(_source(c) for c in cells[:4] if c.get("cell_type") == "markdown")
    found = _TIME.search(text) or _ANY_MINUTES.search(text)
    return int(found.group(1)) if found else default


def _answers(scenario: str, code: str) -> tuple[str, ...]:
    named = tuple(dict.fromkeys(_CHECK.findall(code)))
    if named:
        return named
    try:
        from tpmprep.scenarios import base

        return tuple(base.scenario(scenario).answers)
    except Exception:  # an unknown scenario: the exercise counts as done once tried
        return ()


def materials(root: Path) -> list[Material]:
    """Return the lessons and exercises of the workbook at ``root``, in the workbook's order.

    Parameters
    ----------
    root : Path
        The workbook folder.

    Returns
    -------
    list of Material
        Lesson NN, then the exercises NN-*, for every theme in order; notebooks without a
        known theme prefix are left out.
    """
    themes = by_number()
    found: list[tuple[str, int, str, Material]] = []
    for rank, (folder, kind, default) in enumerate(
        (("notebooks", "lesson", LESSON_MINUTES), ("exercises", "exercise", EXERCISE_MINUTES))
    ):
        for path in notebook_paths(root / folder):
            theme = themes.get(path.name[:2])
            if theme is None:
                continue
            cells = _cells(path)
            code = "\n".join(_source(c) for c in cells if c.get("cell_type") == "code")
            scenario = _SCENARIO.search(code) if kind == "exercise" else None
            material = Material(
                kind=kind,
                theme=theme.slug,
                title=_title(cells, path),
                path=f"{folder}/{path.name}",
                minutes=_minutes(cells, default),
                scenario=scenario.group(1) if scenario else None,
                answers=_answers(scenario.group(1), code) if scenario else (),
            )
            found.append((theme.number, rank, path.name, material))
    return [m for *_, m in sorted(found, key=lambda row: row[:3])]
