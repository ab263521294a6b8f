"""Plots for practice: progress by theme, and which story of a story bank shows which principle."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from tpmprep.plots.base import new_figure

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

    from tpmprep.practice.progress import ThemeProgress
    from tpmprep.practice.stories import StoryBank

__all__ = [
    "plot_progress",
    "plot_story_coverage",
]


def plot_progress(rows: Sequence[ThemeProgress]) -> Figure:
    """Plot accuracy by theme as horizontal bars, each labelled with its number of attempts.

    Parameters
    ----------
    rows : list of ThemeProgress
        From ``tpmprep.practice.progress.summary()``.

    Returns
    -------
    matplotlib.figure.Figure
        Titled "Progress by theme", x axis accuracy in percent, y axis the themes.
    """
    from tpmprep.plots.base import new_figure

    fig = new_figure(8, 0.45 * max(len(rows), 2) + 1.4)
    ax = fig.subplots()
    titles = [r.title for r in rows][::-1]
    accuracy = [100 * (r.accuracy or 0.0) for r in rows][::-1]
    bars = ax.barh(titles, accuracy, color="#4c72b0")
    for bar, row in zip(bars, rows[::-1], strict=True):
        note = f"{row.attempts} attempts" if row.attempts else "no attempts"
        if row.due:
            note += f", {row.due} cards due"
        ax.annotate(
            note,
            (bar.get_width(), bar.get_y() + bar.get_height() / 2),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            fontsize=8,
        )
    ax.set_xlim(0, 130)
    ax.set_xticks([0, 25, 50, 75, 100])
    ax.set_xlabel("Accuracy (% of attempts correct)")
    ax.set_ylabel("Theme")
    ax.set_title("Progress by theme")
    if not rows:
        ax.text(0.5, 0.5, "No attempts yet", ha="center", va="center", transform=ax.transAxes)
    return fig


GAP = "#c0392b"


def plot_story_coverage(bank: StoryBank, max_principles: int = 3) -> Figure:
    """Heat map of stories (rows) × principles (columns); gaps and overused stories in red.

    A filled cell means the story is tagged with the principle. The label under each column
    counts its stories; a principle with none is labelled in red. A story tagged with more than
    ``max_principles`` principles (a reuse risk) has its name in red.

    Parameters
    ----------
    bank : StoryBank
        The stories.
    max_principles : int
        The reuse limit used by :meth:`StoryBank.warnings`.

    Returns
    -------
    matplotlib.figure.Figure
    """
    import numpy as np

    principles = list(bank.principles)
    titles = [s.title for s in bank.stories]
    grid = np.zeros((max(len(titles), 1), len(principles)))
    for i, s in enumerate(bank.stories):
        for p in s.principles:
            grid[i, principles.index(p)] = 1
    counts = grid.sum(axis=0).astype(int)
    fig = new_figure(max(8.0, 0.5 * len(principles) + 3), 0.4 * max(len(titles), 1) + 3.2)
    ax = fig.add_subplot()
    ax.imshow(grid, cmap="Blues", vmin=0, vmax=1.4, aspect="auto")
    ax.set_xticks(
        range(len(principles)),
        labels=[f"{p} ({n})" for p, n in zip(principles, counts, strict=True)],
        rotation=60,
        ha="right",
        fontsize=8,
    )
    for label, n in zip(ax.get_xticklabels(), counts, strict=True):
        if n == 0:
            label.set_color(GAP)
    ax.set_yticks(range(len(titles)), labels=titles, fontsize=8)
    for label, s in zip(ax.get_yticklabels(), bank.stories, strict=True):
        if len(s.principles) > max_principles:
            label.set_color(GAP)
    ax.set_xlabel("principle (number of stories); red = no story")
    ax.set_ylabel(f"story; red = more than {max_principles} principles")
    covered = len(principles) - int((counts == 0).sum())
    ax.set_title(f"Story bank: {covered} of {len(principles)} principles covered")
    return fig
