"""Answer boxes: answer an exercise without writing Python, judged and recorded like ``sc.check``.

``AnswerBoxes`` shows one text box per checked answer of a scenario. The candidate types the
answer as they would say it ("7.2B", "83K req/s", "35 PB", "78%", "0.78") and presses Check or
Enter; the box goes through ``Scenario.submit``, the path ``sc.check`` takes, so the verdict,
the feedback and the recorded attempt are the same as for ``sc.check(name, text)``.

``ArgueBox`` is the free-text counterpart: a box for a written answer ("Argue it: ..."), the
question's rubric as tick boxes behind a fold, and Record, which records the self-assessment
through ``tpmprep.scenarios.arguments.record_argument``.

Headless (papermill, nbclient, nbval) both show readable text: the questions, their units and
tolerances, the rubric; never an expected value, never waiting for input.
"""

from __future__ import annotations

import html
import warnings
from collections.abc import Iterable
from typing import Any

import ipywidgets as w

from tpmprep.exceptions import InputError, UnknownAnswerError
from tpmprep.judging import Verdict
from tpmprep.quizzes.render import markdown_inline, markdown_text
from tpmprep.scenarios.base import PropertyAnswer
from tpmprep.widgets.base import Panel

__all__ = ["AnswerBoxes", "ArgueBox", "answer_hint"]

_HOW = (
    "Type each answer as you would say it (7.2B, 83K req/s, 35 PB, 78%) and press Enter or "
    "Check; answers in code (<code>sc.check</code>) are judged and recorded the same way."
)
_COLOUR = {"correct": "#1a7f37", "incorrect": "#cf222e"}


def answer_hint(answer: Any) -> str:
    """Say what unit an answer is read in and what is accepted, in plain words.

    Parameters
    ----------
    answer : tpmprep.scenarios.base.Answer
        One of a scenario's answers.

    Returns
    -------
    str
        For example ``"in req/day (a bare number is read in req/day; other units convert);
        accepted within ±10%"``; never the expected value.
    """
    from tpmprep.units import unit_text

    unit = unit_text(answer.unit) if answer.unit else ""
    if not unit:
        what = "a plain number; K, M and B work (3.5K, 2B)"
    elif unit == "%":
        what = "a percentage (12%, or the fraction 0.12)"
    else:
        what = f"in {unit} (a bare number is read in {unit}; other units convert)"
    tolerance = str(answer.tolerance)
    band = tolerance if tolerance.startswith("within") else f"within {tolerance}"
    return f"{what}; accepted {band}"


def _check_scenario(sc: Any) -> None:
    if not (hasattr(sc, "answers") and hasattr(sc, "submit") and hasattr(sc, "id")):
        raise InputError(
            "sc",
            f"expected the exercise's scenario (sc = scenario(...)), got {type(sc).__name__}",
        )


class _Box:
    """One answer's row: label, text box, Check button, hint and feedback."""

    def __init__(self, panel: AnswerBoxes, name: str, answer: Any):
        self.name = name
        self.result: Any = None
        self.label = w.HTML(f"<b>{html.escape(answer.label)}</b>")
        self.text = w.Text(placeholder="your answer", layout=w.Layout(width="16em"))
        self.text.add_class(f"tpmprep-answer-{name}")
        self.button = w.Button(description="Check", button_style="primary", tooltip="Check")
        self.hint = w.HTML(f"<small>{html.escape(answer_hint(answer))}</small>")
        self.feedback = w.HTML()
        self.button.on_click(lambda _: panel.check(name))
        with warnings.catch_warnings():
            # Enter sends a "submit" event; on_submit is the only callback for it that does not
            # also fire when the box loses focus (observe("value") with continuous_update=False).
            warnings.simplefilter("ignore", DeprecationWarning)
            self.text.on_submit(lambda _: panel.check(name))
        self.widget = w.VBox(
            [
                w.HBox([self.label], layout=w.Layout(margin="6px 0 0 0")),
                w.HBox([self.text, self.button]),
                self.hint,
                self.feedback,
            ]
        )


class AnswerBoxes(Panel):
    """A text box per checked answer of a scenario, judged and recorded like ``sc.check``.

    Parameters
    ----------
    sc : Scenario
        The exercise's scenario.
    names : str or iterable of str, optional
        Only these answers, in this order (default: every answer of the scenario).

    Raises
    ------
    InputError
        When ``sc`` is not a scenario.
    UnknownAnswerError
        When a name is not an answer of the scenario; the message lists them.

    Attributes
    ----------
    widget : ipywidgets.VBox
        The panel.
    boxes : dict of str to _Box
        The rows by answer name (``.text``, ``.button``, ``.feedback``).
    """

    def __init__(self, sc: Any, names: str | Iterable[str] | None = None):
        _check_scenario(sc)
        self.sc = sc
        numbers = [n for n, a in sc.answers.items() if not isinstance(a, PropertyAnswer)]
        if names is None:
            chosen = numbers
        elif isinstance(names, str):
            chosen = [names]
        else:
            chosen = list(names)
        unknown = [n for n in chosen if n not in sc.answers]
        if unknown:
            raise UnknownAnswerError(
                "names",
                f"{sc.id!r} has no answer {unknown[0]!r}; it has: {', '.join(sc.answers)}",
            )
        whole = [n for n in chosen if n not in numbers]
        if whole:
            raise InputError(
                "names",
                f"{whole[0]!r} is a whole {sc.answers[whole[0]].label.lower()} judged against "
                f"the brief, not one value for a box: write it as YAML (or use its builder) and "
                f"run sc.check({whole[0]!r}, ...)",
            )
        if not chosen:
            raise InputError(
                "names",
                "is empty: this exercise checks no single values (its answer is a whole design "
                "or plan), or the list named none",
            )
        self.names = chosen
        self.boxes = {name: _Box(self, name, sc.answers[name]) for name in chosen}
        self.score = w.HTML()
        header = w.HTML(
            f"<b>Your answers</b> · {html.escape(sc.title)} · seed {sc.seed}"
            f"<br><small>{_HOW}</small>"
        )
        self.widget = w.VBox([header, *(b.widget for b in self.boxes.values()), self.score])
        self.widget.add_class("tpmprep-answer-boxes")
        self._update_score()

    def check(self, name: str, text: str | None = None) -> Any:
        """Judge and record the answer in box ``name`` (typing ``text`` into it first, if given).

        Parameters
        ----------
        name : str
            The answer's name.
        text : str, optional
            Put this text in the box first (what a candidate types).

        Returns
        -------
        tpmprep.check_result.CheckResult
            The same result ``sc.check(name, text)`` shows.
        """
        box = self.boxes[name]
        if text is not None:
            box.text.value = text
        result = self.sc.submit(name, box.text.value)
        box.result = result
        box.feedback.value = result.html()
        self._update_score()
        return result

    def _update_score(self) -> None:
        judged = [b.result for b in self.boxes.values() if b.result is not None]
        judged = [r for r in judged if r.judgement.verdict != Verdict.UNANSWERED]
        if not judged:
            self.score.value = f"<small>{len(self.boxes)} answers to give.</small>"
            return
        right = sum(r.correct for r in judged)
        self.score.value = (
            f"<small><b>{right} of {len(self.boxes)} correct</b> so far "
            f"({len(judged)} answered).</small>"
        )

    def text(self) -> str:
        """Return the headless stand-in: each question with its unit and tolerance, no answers."""
        lines = [
            f"Answer boxes: {self.sc.title} (seed {self.sc.seed}). In JupyterLab, type each "
            "answer as you would say it (7.2B, 83K req/s, 35 PB, 78%) and press Enter or Check; "
            "answers in code (sc.check) are judged and recorded the same way."
        ]
        for name in self.names:
            answer = self.sc.answers[name]
            lines.append(f"  {answer.label} [{name}]: {answer_hint(answer)}")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"<AnswerBoxes {self.sc.id!r} seed={self.sc.seed}: {len(self.boxes)} answers>"


class ArgueBox(Panel):
    """A written answer and its rubric self-assessment, recorded as ``argue:<scenario>:<name>``.

    Parameters
    ----------
    sc : Scenario
        The exercise's scenario.
    name : str
        The free-text question's name (see ``tpmprep.scenarios.arguments``).

    Raises
    ------
    InputError
        When ``sc`` is not a scenario.
    UnknownAnswerError
        When the scenario has no free-text question of that name.

    Attributes
    ----------
    widget : ipywidgets.VBox
        The panel.
    written : ipywidgets.Textarea
        The answer.
    ticks : list of ipywidgets.Checkbox
        One per rubric point.
    result : ArgueResult or None
        The last recorded self-assessment.
    """

    def __init__(self, sc: Any, name: str):
        from tpmprep.scenarios.arguments import argument

        _check_scenario(sc)
        self.sc = sc
        self.argument = argument(sc.id, name)
        self.result: Any = None
        self.written = w.Textarea(
            placeholder="Write your answer here, as you would say it to the interviewer.",
            layout=w.Layout(width="95%", height="9em"),
        )
        self.ticks = [
            w.Checkbox(value=False, indent=False, layout=w.Layout(width="2.2em"))
            for _ in self.argument.rubric
        ]
        rows = [
            w.HBox(
                [box, w.HTML(f"{i}. {markdown_inline(point)}", layout=w.Layout(width="90%"))]
            )
            for i, (box, point) in enumerate(zip(self.ticks, self.argument.rubric, strict=True), 1)
        ]
        intro = w.HTML(
            f"<i>{html.escape(self.argument.intro)}. Tick the points your answer covers.</i>"
        )
        self.rubric = w.Accordion(children=[w.VBox([intro, *rows])], selected_index=None)
        self.rubric.set_title(
            0, "Rubric for self-assessment (open it after you have written your answer)"
        )
        self.record_button = w.Button(
            description="Record", button_style="primary", icon="check", tooltip="Record"
        )
        self.record_button.on_click(lambda _: self.record())
        self.feedback = w.HTML(layout=w.Layout(width="95%"))
        self.widget = w.VBox(
            [
                w.HTML(f"<b>{markdown_inline(self.argument.title)}</b>"),
                self.written,
                self.rubric,
                self.record_button,
                self.feedback,
            ]
        )
        self.widget.add_class("tpmprep-argue-box")

    def record(self, text: str | None = None, ticked: Iterable[int] | None = None) -> Any:
        """Record the written answer and the ticked rubric points (setting them first, if given).

        Parameters
        ----------
        text : str, optional
            Put this text in the box first.
        ticked : iterable of int, optional
            Tick exactly these rubric points (numbered from 1) first.

        Returns
        -------
        ArgueResult or None
            The recorded self-assessment; ``None`` when nothing was written (the feedback says
            to write first, and nothing is recorded).
        """
        from tpmprep.scenarios.arguments import record_argument

        if text is not None:
            self.written.value = text
        if ticked is not None:
            chosen = set(ticked)
            for i, box in enumerate(self.ticks, 1):
                box.value = i in chosen
        marks = [box.value for box in self.ticks]
        try:
            result = record_argument(self.sc, self.argument.name, self.written.value, marks)
        except InputError as err:
            self.feedback.value = (
                f'<div style="color:#9a6700">{html.escape(err.message)}.</div>'
            )
            return None
        self.result = result
        verdict = "correct" if result.correct else "incorrect"
        body = "<br>".join(html.escape(line) for line in result.text_feedback().splitlines())
        self.feedback.value = (
            f'<div class="tpmprep-argue tpmprep-{verdict}" style="border-left:4px solid '
            f'{_COLOUR[verdict]};padding:4px 10px;margin:4px 0">{body}</div>'
        )
        return result

    def text(self) -> str:
        """Return the headless stand-in: the question and its rubric (never a model answer)."""
        question = self.argument
        lines = [
            f"{markdown_text(question.title)} [written answer: {question.name}]",
            "In JupyterLab, write your answer in the box, tick the rubric points it covers and "
            f"press Record; it is kept as {question.item}.",
            "Rubric for self-assessment (read it after you have written your answer). "
            f"{question.intro}:",
        ]
        lines += [
            f"  {i}. {markdown_text(point)}" for i, point in enumerate(question.rubric, 1)
        ]
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"<ArgueBox {self.argument.item}>"
