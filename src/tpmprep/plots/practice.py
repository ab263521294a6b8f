"""Plots for practice: progress by theme, and which story of a story bank shows which principle."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from tpmprep.plots.base import new_figure

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

    from tpmprep.practice.progress import Progress
    from tpmprep.practice.stories import StoryBank

__all__ = [
    "plot_progress",
    "plot_story_coverage",
]


def plot_progress(progress: Progress) -> Figure:
    """Plot first-try and latest accuracy by theme; flashcards and mocks in their own terms below.

    Parameters
    ----------
    progress : Progress
        From ``tpmprep.practice.progress.summary()``.

    Returns
    -------
    matplotlib.figure.Figure
        Titled "Progress by theme": per theme with answers, a bar for the first-try accuracy and
        one for the latest (x axis: % of items), labelled with the items answered and the cards
        due; under the axes, the flashcards (reviews, retention, due) and the mock interviews
        (sessions, mean rubric score out of 4), which are never drawn as accuracy.
    """
    from tpmprep.practice.progress import argued_line, flashcards_line, mocks_line

    rows = [r for r in progress.themes if r.items]
    fig = new_figure(8, 0.6 * max(len(rows), 2) + 2.2)
    ax = fig.subplots()
    titles = [r.title for r in rows][::-1]
    positions = list(range(len(rows)))
    height = 0.38
    first = [100 * (r.first_try_accuracy or 0.0) for r in rows][::-1]
    latest = [100 * (r.latest_accuracy or 0.0) for r in rows][::-1]
    ax.barh([p + height / 2 for p in positions], first, height, color="#a6bddb", label="first try")
    bars = ax.barh(
        [p - height / 2 for p in positions], latest, height, color="#2b8cbe", label="latest"
    )
    for bar, row in zip(bars, rows[::-1], strict=True):
        note = f"{row.items} item{'s' if row.items != 1 else ''}"
        if row.cards_due:
            note += f", {row.cards_due} cards due"
        ax.annotate(
            note,
            (max(bar.get_width(), 100 * (row.first_try_accuracy or 0.0)), bar.get_y() + height),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            fontsize=8,
        )
    ax.set_yticks(positions, labels=titles)
    ax.set_xlim(0, 135)
    ax.set_xticks([0, 25, 50, 75, 100])
    ax.set_xlabel("Accuracy (% of items answered right)")
    ax.set_ylabel("Theme")
    ax.set_title("Progress by theme")
    if rows:
        ax.legend(loc="lower right", bbox_to_anchor=(1, 1), ncol=2, fontsize=8, frameon=False)
    else:
        ax.text(0.5, 0.5, "No answers yet", ha="center", va="center", transform=ax.transAxes)
    # Flashcards and mocks are not accuracy: they go under the axes, in words (the constrained
    # layout makes room for a figure-level label).
    notes = [flashcards_line(progress), mocks_line(progress), argued_line(progress)]
    fig.supxlabel(
        "\n".join(textwrap.fill(n, 120) for n in notes if n), x=0.01, ha="left", fontsize=7.5
    )
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
