"""Progress by theme: attempts, accuracy and flashcards due, from the progress store."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tpmprep.themes import THEMES

if TYPE_CHECKING:
    from tpmprep.practice.store import ProgressStore

__all__ = [
    "ProgressTable",
    "ThemeProgress",
    "progress_html",
    "progress_json",
    "progress_text",
    "summary",
]

_UNFILED = "other"


@dataclass(frozen=True)
class ThemeProgress:
    """One theme's progress.

    Attributes
    ----------
    theme : str
        The theme slug (``"other"`` for attempts recorded without a known theme).
    title : str
        The theme's title.
    attempts, correct, due : int
        Answers recorded, answers accepted, flashcards due for review now.
    """

    theme: str
    title: str
    attempts: int
    correct: int
    due: int

    @property
    def accuracy(self) -> float | None:
        """Correct answers as a fraction of attempts (``None`` with no attempts)."""
        return self.correct / self.attempts if self.attempts else None


def summary(
    store: ProgressStore | None = None,
    *,
    now: datetime | None = None,
    deck: str | Path | None = None,
) -> list[ThemeProgress]:
    """Return progress for every theme with attempts or due cards, in the workbook's order.

    Parameters
    ----------
    store : ProgressStore or None
        The store to read; ``None`` for the default one.
    now : datetime or None
        When to count cards as due; ``None`` for now.
    deck : str or Path or None
        The flashcard deck; ``None`` for the built-in one.

    Returns
    -------
    list of ThemeProgress

    Raises
    ------
    BankError
        When the deck is invalid.
    """
    from tpmprep.practice.flashcards import due_cards

    if store is None:
        from tpmprep.practice.store import default_store

        store = default_store()
    titles = {t.slug: t.title for t in THEMES}
    counts: dict[str, list[int]] = {}
    for attempt in store.attempts():
        theme = attempt.theme if attempt.theme in titles else _UNFILED
        tally = counts.setdefault(theme, [0, 0, 0])
        tally[0] += 1
        tally[1] += int(attempt.correct)
    for card in due_cards(store=store, now=now, deck=deck):
        counts.setdefault(card.theme, [0, 0, 0])[2] += 1
    order = [t.slug for t in THEMES] + [_UNFILED]
    return [
        ThemeProgress(slug, titles.get(slug, "Other"), *counts[slug])
        for slug in order
        if slug in counts
    ]


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def _total(rows: Sequence[ThemeProgress]) -> ThemeProgress:
    return ThemeProgress(
        "total",
        "Total",
        sum(r.attempts for r in rows),
        sum(r.correct for r in rows),
        sum(r.due for r in rows),
    )


def progress_text(rows: Sequence[ThemeProgress]) -> str:
    """Return the progress table as aligned plain text.

    Parameters
    ----------
    rows : list of ThemeProgress
        From ``summary()``.

    Returns
    -------
    str
    """
    if not rows:
        return "No progress yet: answer a quiz, check an exercise or review flashcards."
    header = ("Theme", "Attempts", "Correct", "Accuracy", "Cards due")
    body = [
        (r.title, str(r.attempts), str(r.correct), _percent(r.accuracy), str(r.due))
        for r in [*rows, _total(rows)]
    ]
    width = max(len(header[0]), *(len(b[0]) for b in body))
    lines = [f"{header[0]:<{width}}  " + "  ".join(f"{h:>9}" for h in header[1:])]
    lines.append("-" * len(lines[0]))
    for i, row in enumerate(body):
        if i == len(body) - 1:
            lines.append("-" * len(lines[0]))
        lines.append(f"{row[0]:<{width}}  " + "  ".join(f"{c:>9}" for c in row[1:]))
    return "\n".join(lines)


def progress_html(rows: Sequence[ThemeProgress]) -> str:
    """Return the progress table as an HTML table (all text escaped).

    Parameters
    ----------
    rows : list of ThemeProgress
        From ``summary()``.

    Returns
    -------
    str
    """
    if not rows:
        return f"<p>{html.escape(progress_text(rows))}</p>"
    cells = "".join(
        f"<tr><td>{html.escape(r.title)}</td><td>{r.attempts}</td><td>{r.correct}</td>"
        f"<td>{_percent(r.accuracy)}</td><td>{r.due}</td></tr>"
        for r in [*rows, _total(rows)]
    )
    return (
        '<table class="tpmprep-progress"><thead><tr><th>Theme</th><th>Attempts</th>'
        "<th>Correct</th><th>Accuracy</th><th>Cards due</th></tr></thead>"
        f"<tbody>{cells}</tbody></table>"
    )


def progress_json(rows: Sequence[ThemeProgress]) -> dict[str, Any]:
    """Return the progress as JSON types.

    Parameters
    ----------
    rows : list of ThemeProgress
        From ``summary()``.

    Returns
    -------
    dict
        ``{"attempts": N, "correct": N, "accuracy": x|None, "due": N, "themes": {slug: {...}}}``.
    """

    def entry(r: ThemeProgress) -> dict[str, Any]:
        accuracy = None if r.accuracy is None else round(r.accuracy, 4)
        return {"attempts": r.attempts, "correct": r.correct, "accuracy": accuracy, "due": r.due}

    return {**entry(_total(rows)), "themes": {r.theme: entry(r) for r in rows}}


class ProgressTable:
    """The progress table as a notebook shows it (HTML) and a terminal prints it (text)."""

    def __init__(self, rows: Sequence[ThemeProgress]):
        self.rows = rows

    def __str__(self) -> str:
        return progress_text(self.rows)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        return {"text/plain": progress_text(self.rows), "text/html": progress_html(self.rows)}
