"""The notebook front ends: ``quiz()``, ``review()``, ``mock()``, ``progress()``, and the rest.

``show_design()`` and ``design_builder()`` show a system design evaluated and build one without
code (the panel lives in ``tpmprep.widgets.design``).

They sit above both the practice layer (banks, cards, mocks, the progress store) and the
widgets, and are the only place the two meet: ``tpmprep.quizzes`` and ``tpmprep.practice``
never import ``tpmprep.widgets``. Each shows a live panel in JupyterLab and readable text
anywhere else (papermill, nbclient, nbval, a terminal).
"""

from __future__ import annotations

import builtins
import os
import random
from typing import Any

from tpmprep.practice.flashcards import due_cards
from tpmprep.practice.flashcards import headless_text as cards_text
from tpmprep.practice.mock import headless_text as mock_text
from tpmprep.practice.mock import session
from tpmprep.practice.progress import ProgressTable, summary
from tpmprep.quizzes import pick, title_of

__all__ = [
    "answer_boxes",
    "argue_box",
    "design_builder",
    "mock",
    "next",
    "progress",
    "quiz",
    "reset_progress",
    "review",
    "show_design",
    "study_plan",
    "what_next",
]


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


def review(
    n: int | None = None,
    theme: str | None = None,
    new_per_day: int | None = None,
    include_low_value: bool = False,
) -> None:
    """Show the flashcards that are due: a review panel in JupyterLab, the fronts elsewhere.

    Cards seen before come back when their schedule says so, without limit; new cards are
    introduced at most ``new_per_day`` a day (20 unless ``$TPMPREP_NEW_CARDS_PER_DAY`` says
    otherwise), as Anki does.

    Parameters
    ----------
    n : int or None
        At most this many cards; ``None`` for every due card.
    theme : str or None
        Only cards of this theme slug.
    new_per_day : int or None
        New cards a day for this call (0 for reviews only); ``None`` for the configured limit.
    include_low_value : bool
        Also the cards of little use to a TPM (per-instruction CPU latencies).

    Raises
    ------
    InputError
        When ``n``, ``theme`` or ``new_per_day`` is invalid.
    """
    from tpmprep.widgets.base import show_widget
    from tpmprep.widgets.practice import ReviewPanel

    cards = due_cards(n, theme, new_per_day=new_per_day, include_low_value=include_low_value)
    panel = ReviewPanel(cards)
    show_widget(panel.widget, cards_text(cards, theme))


def mock(
    kind: str | None = None,
    minutes: float | None = None,
    seed: int | None = None,
    prompt: str | None = None,
) -> None:
    """Run a mock interview: prompt, clock, a canvas per phase, checklist, then a rubric.

    In JupyterLab this shows a panel: start the clock (it says whether it is running, and
    pauses and resumes), write your answer under each heading of the canvas, tick the checklist,
    "Finish and assess", rate every criterion (they start unset) and "Record": the scores and
    the canvas are saved, and the panel lists the checklist items you missed and links the
    worked case. Headless, it prints the prompt, the time box, the canvas's headings and the
    checklist.

    Parameters
    ----------
    kind : str or None
        ``system-design``, ``program-execution`` or ``behavioural``; may be left out when
        ``prompt`` is given.
    minutes : float or None
        The time box; ``None`` for the kind's usual length.
    seed : int or None
        Picks the prompt reproducibly; ``None`` picks at random.
    prompt : str or None
        A prompt's id, e.g. ``"sd-amazon-buy-now"`` (``tpmprep mock --list`` lists them).

    Raises
    ------
    InputError
        When ``kind``, ``prompt`` or ``minutes`` is invalid.
    """
    from tpmprep.widgets.base import show_widget
    from tpmprep.widgets.practice import MockPanel

    chosen = session(kind, minutes, seed, prompt)
    panel = MockPanel(chosen)
    show_widget(panel.widget, mock_text(chosen))


def progress() -> None:
    """Show progress by theme, each kind of practice in its own terms; in a notebook, a plot.

    Checks and quizzes: items answered, first-try and latest accuracy, the trend of the last 7
    days. Flashcards: reviews, retention and cards due (never accuracy). Mock interviews:
    sessions and the mean rubric score out of 4. See ``tpmprep.practice.progress``.
    """
    from tpmprep.display import _in_ipython, show

    report = summary()
    table = ProgressTable(report)
    show(table, str(table))
    if _in_ipython():  # with no answers yet, the plot says so and still shows cards and mocks
        import io

        from IPython.display import Image, display

        from tpmprep.plots.practice import plot_progress

        # A PNG, not the Figure: shows the same whatever matplotlib backend the kernel has.
        buffer = io.BytesIO()
        plot_progress(report).savefig(buffer, format="png", dpi=100)
        display(Image(data=buffer.getvalue(), format="png"))


def _workbook(root: Any) -> tuple[Any, list[Any]]:
    """Return the workbook folder (``root`` or found from here) and its lessons and exercises."""
    from pathlib import Path

    from tpmprep.course.catalogue import find_workbook, materials

    folder = find_workbook(Path(root) if root is not None else None)
    return folder, materials(folder)


def what_next(root: Any = None) -> None:
    """Say what to do now, from your progress, with a link to each notebook or the call to run.

    The flashcards due; the weakest theme by recent accuracy; the next lesson or exercise not
    done, in the workbook's order; an exercise not tried yet of a theme you have started; a
    timed mock interview when none was done in a week. Links are relative to this notebook.

    Parameters
    ----------
    root : str or Path or None
        The workbook folder (holding ``notebooks/`` and ``exercises/``); ``None`` finds it at
        or above the current folder.

    Raises
    ------
    InputError
        When no workbook is found.
    """
    from pathlib import Path

    from tpmprep.display import show
    from tpmprep.practice.planner import read_facts
    from tpmprep.practice.planner import what_next as suggest

    folder, found = _workbook(root)
    suggestions = suggest(found, read_facts()).at(folder, Path.cwd())
    show(suggestions, suggestions.text())


def next(*args: Any, **kwargs: Any) -> Any:  # also Python's own next(): see the docstring
    """``next()`` says what to do now; ``next(iterator[, default])`` is still Python's ``next``.

    The issue asked for ``next()``. A plain function of that name would shadow Python's
    built-in ``next`` in any notebook that runs ``from tpmprep import *`` or
    ``from tpmprep import next``, and ``next(iter(...))`` would then break. So this one is both:
    with no positional argument it is :func:`what_next`; with an iterator it hands over to the
    built-in, unchanged. ``what_next()`` is the same thing under an unambiguous name.

    Parameters
    ----------
    *args : Any
        An iterator and optionally a default: passed to the built-in ``next``.
    **kwargs : Any
        Passed to :func:`what_next` (``root=``).

    Returns
    -------
    Any
        The iterator's next item; ``None`` when it says what to do next.
    """
    if args:
        return builtins.next(*args)
    return what_next(**kwargs)


def study_plan(interview: Any, hours_per_week: float, root: Any = None) -> None:
    """Lay out your study sessions until the interview, from your progress, as a table.

    Every session starts with the flashcards due; then the lessons and exercises you have not
    done, in the workbook's order; timed mock interviews in the last week. What you have done
    is not planned again: run it again after practising for a shorter plan.

    Parameters
    ----------
    interview : str or date
        The interview's day, e.g. ``"2027-01-15"``.
    hours_per_week : float
        Hours a week you can study (0.5 to 80).
    root : str or Path or None
        The workbook folder; ``None`` finds it at or above the current folder.

    Raises
    ------
    InputError
        When the date is not after today, the hours are out of range or no workbook is found.
    """
    from pathlib import Path

    from tpmprep.display import show
    from tpmprep.practice.planner import read_facts
    from tpmprep.practice.planner import study_plan as lay_out

    folder, found = _workbook(root)
    plan = lay_out(found, read_facts(), interview, hours_per_week).at(folder, Path.cwd())
    show(plan, plan.text())


def reset_progress(theme: str | None = None, confirm: bool = False) -> None:
    """Delete your progress, all of it or one theme's, after a confirmation.

    In JupyterLab a panel says what would be deleted and deletes it only when you press its
    button; ``confirm=True`` deletes at once (anywhere). A copy of the store is kept beside it
    first (``progress.sqlite3.before-reset-<time>``); another theme's data is never touched.

    Parameters
    ----------
    theme : str or None
        A theme slug; ``None`` for everything.
    confirm : bool
        Delete without asking.

    Raises
    ------
    InputError
        When ``theme`` is not a theme slug.
    """
    from tpmprep.practice.store import default_store
    from tpmprep.widgets.progress import ResetPanel

    panel = ResetPanel(default_store(), theme)
    if confirm:
        panel.delete()
        print(panel.text())
        return
    panel.show()


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


def show_design(design: Any, requirements: Any = None, *, plots: bool = True) -> None:
    """Show a design evaluated: diagram, verdicts, components with utilisation bars, plots.

    The diagram is Mermaid (boxes coloured by utilisation, single points of failure marked),
    then the verdicts (met / NOT MET, with the component to blame), the table of components
    with utilisation bars, the flows and the notes; with ``plots`` also the utilisation of each
    component and a load sweep (availability and mean latency of each flow as the peak grows).
    Outside a notebook it prints the same as text.

    Parameters
    ----------
    design : Design, str or path-like
        The design, YAML text or the path of a .yaml file.
    requirements : dict or Requirements, optional
        Judge against these (``sc.requirements``) instead of the design's own.
    plots : bool
        Also draw the two plots.

    Raises
    ------
    DocumentError
        When the design is not readable (one line per problem).
    """
    from tpmprep.display import _in_ipython, show_markdown
    from tpmprep.widgets.design import design_markdown, design_text, fit_requirements, read_design

    design = read_design(design)
    reqs, notes = fit_requirements(design, requirements)
    from tpmprep.design import evaluate, sweep

    evaluation = evaluate(design, requirements=reqs)
    if not _in_ipython():
        print(design_text(design, evaluation, notes))
        return
    show_markdown(design_markdown(design, evaluation, notes))
    if plots:
        from IPython.display import display

        from tpmprep.plots.design import plot_sweep, plot_utilisation

        display(plot_utilisation(evaluation))
        if evaluation.bottleneck is not None:
            display(plot_sweep(sweep(design, requirements=reqs)))


def design_builder(
    design: Any = None, requirements: Any = None, *, blocks: Any = None, scenario: Any = None
) -> Any:
    """Show the design builder: add components, wire flows, see the evaluation live, get YAML.

    Pick a building block (or type the fields) and add a component; change its instances or
    capacity; wire each flow hop by hop and give it a share; every change re-runs the
    evaluation (verdicts, table with utilisation bars, Mermaid diagram). The YAML is in a box to
    copy, and Save as writes it to a file that ``sc.check("design", "my-design.yaml")`` reads;
    ``builder.design`` is the design itself. Headless it prints the design and its verdicts.

    Parameters
    ----------
    design : Design, str or path-like, optional
        Where to start (``sc.starting_design()``, YAML text, a .yaml path); blank by default.
    requirements : dict or Requirements, optional
        Judge against these (``sc.requirements``) instead of the design's own.
    blocks : dict, optional
        Building blocks offered when adding a component (``sc.blocks``).
    scenario : Scenario, optional
        A design exercise: its requirements and blocks by default, and a button that checks
        the design against the brief (recorded as ``sc.check("design", ...)`` is).

    Returns
    -------
    tpmprep.widgets.design.DesignBuilder
        The panel shown; ``.design`` is the design as it stands.

    Raises
    ------
    DocumentError
        When the starting design is not readable.
    """
    from tpmprep.widgets.design import DesignBuilder

    return DesignBuilder(design, requirements, blocks=blocks, scenario=scenario).show()
