"""The map of the workbook, generated from the files (never written by hand)."""

from __future__ import annotations

import os
from pathlib import Path

from tpmprep.course.notebooks import notebook_paths, read, title
from tpmprep.display import show_markdown
from tpmprep.exceptions import InputError
from tpmprep.themes import THEMES as _THEMES

__all__ = ["MAP_MARKER", "THEMES", "contents", "contents_markdown", "find_root", "start_with_map"]

THEMES = {t.number: t.title for t in _THEMES}

#: First line of the start notebook's Markdown cell that ``tpmprep build`` keeps equal to the map.
MAP_MARKER = "<!-- The map below is written by `tpmprep build` from the files; do not edit it. -->"


def find_root(start: Path | None = None) -> Path:
    """Return the workbook folder (holding ``notebooks/`` and ``solutions/``) at or above ``start``.

    A candidate's workspace (``make lab``'s personal copy) has the same folders but is not the
    workbook: it is skipped, so ``tpmprep build`` run from inside it works on the repository.

    Raises
    ------
    InputError
        When no such folder is found; run from inside the repository.
    """
    from tpmprep.course.workspace import is_workspace

    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if is_workspace(folder):
            continue
        if (folder / "notebooks").is_dir() and (folder / "solutions").is_dir():
            return folder
    raise InputError("root", f"no workbook (notebooks/ and solutions/) at or above {here}")


def _link(path: Path, base: Path) -> str:
    return Path(os.path.relpath(path, base)).as_posix()


def contents_markdown(root: Path, base: Path) -> str:
    """Return the map as a Markdown table, with links relative to ``base``."""
    lessons = {p.name[:2]: p for p in notebook_paths(root / "notebooks")}
    exercises: dict[str, list[Path]] = {}
    for path in notebook_paths(root / "exercises"):
        exercises.setdefault(path.name[:2], []).append(path)
    rows = ["| | Theme | Lesson | Exercises |", "|---|---|---|---|"]
    for number, theme in THEMES.items():
        lesson = lessons.get(number)
        lesson_cell = (
            f"[{title(read(lesson)) or lesson.stem}]({_link(lesson, base)})"
            if lesson
            else "*coming*"
        )
        items = []
        for path in exercises.get(number, []):
            solution = root / "solutions" / path.name
            item = f"[{title(read(path)) or path.stem}]({_link(path, base)})"
            if solution.exists():
                item += f" ([solution]({_link(solution, base)}))"
            items.append(item)
        rows.append(f"| {number} | {theme} | {lesson_cell} | {'<br>'.join(items) or '—'} |")
    return "\n".join(rows) + "\n"


def contents(root: Path | None = None) -> None:
    """Show the map of lessons and exercises (Markdown in a notebook, text elsewhere)."""
    root = find_root(root)
    show_markdown(contents_markdown(root, Path.cwd()))


def start_with_map(root: Path) -> tuple[Path, str] | None:
    """Return the start notebook with its map cell brought up to date, serialized.

    The start notebook (``notebooks/00-*.ipynb``) holds the map as a Markdown cell that begins
    with :data:`MAP_MARKER`, so the links work before anything runs. Returns ``None`` when there
    is no start notebook or it has no map cell; the caller compares the text with the file.
    """
    from tpmprep.course.notebooks import serialize

    starts = [p for p in notebook_paths(root / "notebooks") if p.name.startswith("00-")]
    if not starts:
        return None
    nb = read(starts[0])
    for cell in nb.cells:
        if cell.cell_type == "markdown" and cell.source.startswith(MAP_MARKER):
            cell.source = MAP_MARKER + "\n\n" + contents_markdown(root, root / "notebooks").rstrip()
            return starts[0], serialize(nb)
    return None
