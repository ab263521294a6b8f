"""The notebook front ends: ``quiz()``, ``review()``, ``mock()`` and ``progress()``.

They sit above both the practice layer (banks, cards, mocks, the progress store) and the
widgets, and are the only place the two meet: ``tpmprep.quizzes`` and ``tpmprep.practice``
never import ``tpmprep.widgets``. Each shows a live panel in JupyterLab and readable text
anywhere else (papermill, nbclient, nbval, a terminal).
"""

from __future__ import annotations

import os
import random
from typing import Any

from tpmprep.practice.flashcards import due_cards
from tpmprep.practice.flashcards import headless_text as cards_text
from tpmprep.practice.mock import headless_text as mock_text
from tpmprep.practice.mock import session
from tpmprep.practice.progress import ProgressTable, summary
from tpmprep.quizzes import pick, title_of

__all__ = ["answer_boxes", "argue_box", "mock", "progress", "quiz", "review"]


def quiz(
    theme_or_bank: Any,
    n: int | None = None,
    shuffle: bool = True,
    seed: Any = None,
    ids: Any = None,
) -> Any:
    """Show a quiz: a live widget in JupyterLab, the questions as text anywhere else.

    Parameters
    ----------
    theme_or_bank : str, path-like, Bank or list of these
        A theme slug (``"caching"``), a bank file, or a list of either.
    n : int, optional
        How many questions (default: all).
    shuffle : bool
        Shuffle the questions (default true).
    seed : Any, optional
        Seed for the shuffle and the shown order of ordering steps.
    ids : list of str, optional
        Only these questions, in this order (pass ``shuffle=False`` to keep it).

    Returns
    -------
    tpmprep.widgets.quiz.QuizPanel
        The panel shown (``.widget`` is the ipywidgets box); as a cell's last expression it is
        not displayed a second time.

    Raises
    ------
    InputError
        When ``theme_or_bank`` or ``n`` is unusable.
    BankError
        When a bank is invalid.
    """
    from tpmprep.quizzes.render import quiz_text
    from tpmprep.widgets.quiz import QuizPanel

    chosen = pick(theme_or_bank, n=n, shuffle=shuffle, seed=seed, ids=ids)
    title = title_of(theme_or_bank)
    # The text and the widget must show ordering steps in the same shuffled order.
    shown_seed = seed if seed is not None else random.randrange(2**32)
    panel = QuizPanel(chosen, seed=shown_seed, title=title)
    single = theme_or_bank if isinstance(theme_or_bank, str | os.PathLike) else None
    command = os.fspath(single) if single is not None else ""
    panel.show(quiz_text(chosen, title, shown_seed, command))
    return panel


def review(n: int | None = None, theme: str | None = None) -> None:
    """Show the flashcards that are due: a review panel in JupyterLab, the fronts elsewhere.

    Parameters
    ----------
    n : int or None
        At most this many cards; ``None`` for every due card.
    theme : str or None
        Only cards of this theme slug.

    Raises
    ------
    InputError
        When ``n`` or ``theme`` is invalid.
    """
    from tpmprep.widgets.base import show_widget
    from tpmprep.widgets.practice import ReviewPanel

    cards = due_cards(n, theme)
    panel = ReviewPanel(cards)
    show_widget(panel.widget, cards_text(cards, theme))


def mock(kind: str, minutes: float | None = None, seed: int | None = None) -> None:
    """Run a mock interview: prompt, countdown, checklist, then a rubric self-assessment.

    In JupyterLab this shows a panel (press play to start the clock; tick the checklist as you
    go; "Finish" opens the rubric; "Record" saves the result). Headless, it prints the prompt,
    the time box and the checklist.

    Parameters
    ----------
    kind : str
        ``system-design``, ``program-execution`` or ``behavioural``.
    minutes : float or None
        The time box; ``None`` for the kind's usual length.
    seed : int or None
        Picks the prompt reproducibly; ``None`` picks at random.

    Raises
    ------
    InputError
        When ``kind`` or ``minutes`` is invalid.
    """
    from tpmprep.widgets.base import show_widget
    from tpmprep.widgets.practice import MockPanel

    chosen = session(kind, minutes, seed)
    panel = MockPanel(chosen)
    show_widget(panel.widget, mock_text(chosen))


def progress() -> None:
    """Show attempts, accuracy and cards due by theme; in a notebook also plot it by theme."""
    from tpmprep.display import _in_ipython, show

    rows = summary()
    table = ProgressTable(rows)
    show(table, str(table))
    if _in_ipython() and rows:
        import io

        from IPython.display import Image, display

        from tpmprep.plots.practice import plot_progress

        # A PNG, not the Figure: shows the same whatever matplotlib backend the kernel has.
        buffer = io.BytesIO()
        plot_progress(rows).savefig(buffer, format="png", dpi=100)
        display(Image(data=buffer.getvalue(), format="png"))


def answer_boxes(sc: Any, names: Any = None) -> Any:
    """Show a text box per checked answer of an exercise: type "7.2B", press Check.

    Each box states the unit it reads in and the tolerance; Check (or Enter) judges the text
    exactly as ``sc.check(name, text)`` does and records the same attempt. Headless, it prints
    the questions with their units and tolerances (never the answers).

    Parameters
    ----------
    sc : Scenario
        The exercise's scenario (``sc = scenario(...)``).
    names : str or list of str, optional
        Only these answers, in this order (default: every answer of the exercise).

    Returns
    -------
    tpmprep.widgets.answer.AnswerBoxes
        The panel shown; as a cell's last expression it is not displayed a second time.

    Raises
    ------
    InputError
        When ``sc`` is not a scenario.
    UnknownAnswerError
        When a name is not an answer of the exercise.
    """
    from tpmprep.widgets.answer import AnswerBoxes

    return AnswerBoxes(sc, names).show()


def argue_box(sc: Any, name: str) -> Any:
    """Show a box for a written answer ("Argue it: ...") and its rubric as tick boxes.

    Write the answer, open the rubric, tick the points it covers and press Record: the text and
    the ticks are recorded as ``argue:<scenario>:<name>`` (correct when every point is ticked).
    Headless, it prints the question and the rubric.

    Parameters
    ----------
    sc : Scenario
        The exercise's scenario.
    name : str
        The written question's name, as the exercise gives it.

    Returns
    -------
    tpmprep.widgets.answer.ArgueBox
        The panel shown.

    Raises
    ------
    InputError
        When ``sc`` is not a scenario.
    UnknownAnswerError
        When the exercise has no written question of that name.
    """
    from tpmprep.widgets.answer import ArgueBox

    return ArgueBox(sc, name).show()
