"""The notebook quiz: one question at a time, inputs fit for its type, feedback and a score.

Built from documented ipywidgets only, so every callback can be driven without a browser:
set an input's ``.value`` and ``.click()`` a button. Nothing that gives an answer away (the
explanation, the model answer, the right choice) is put into a widget before the candidate
submits or asks for it, so a notebook saved with its widget state leaks nothing.

The score counts each question's *first* answer; Retry lets the candidate try again for
practice (every submitted answer is recorded in the progress store). Showing the answer before
answering counts the question as missed (text questions excepted: revealing the model answer
is how they are self-assessed).
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as w

from tpmprep.judging import Verdict
from tpmprep.quizzes.matching import Result, match
from tpmprep.quizzes.record import record_attempt
from tpmprep.quizzes.render import LETTERS, markdown_html, markdown_inline, shown_order
from tpmprep.widgets.base import Panel

__all__ = ["QuizPanel"]

_COLOUR = {"correct": "#1a7f37", "partial": "#9a6700", "incorrect": "#cf222e"}
_SYMBOL = {"correct": "✓", "partial": "◐", "incorrect": "✗"}
_WIDE = w.Layout(width="95%")
# ipywidgets gives every radio label one fixed line, so a long choice overlaps the next one.
_STYLE = """<style>
.tpmprep-quiz .widget-radio-box label {
  height: auto; min-height: var(--jp-widgets-inline-height); line-height: 1.35;
  display: flex; flex-flow: row-reverse nowrap; justify-content: flex-end;
  align-items: flex-start; gap: 0.4em;
  white-space: normal; margin: 2px 0 6px 0;
}
.tpmprep-quiz .widget-radio-box input { flex-shrink: 0; margin-top: 0.2em; }
</style>"""


class QuizPanel(Panel):
    """An ipywidgets quiz over a list of questions.

    Parameters
    ----------
    questions : list of Question
        The questions, in the order asked (already shuffled and cut by the caller).
    seed : Any, optional
        Seed for the shown order of ordering questions.
    title : str
        What the quiz is about, shown at the top.

    Raises
    ------
    InputError
        When ``questions`` is empty.

    Attributes
    ----------
    widget : ipywidgets.VBox
        The panel to display.
    index : int
        The question on screen (0-based).
    first : dict of int to Result
        The first answer to each question answered so far (what the score counts).
    """

    def __init__(self, questions: list[Any], seed: Any = None, title: str = ""):
        self.questions = list(questions)
        if not self.questions:
            from tpmprep.exceptions import InputError

            raise InputError("questions", "is empty; a quiz needs at least one question")
        self.seed = seed
        self.index = 0
        self.first: dict[int, Result] = {}
        self._feedback: dict[int, str] = {}
        self._verdicts: dict[int, str] = {}
        self._locked: set[int] = set()
        self._orders = {
            i: shown_order(q, seed) for i, q in enumerate(self.questions) if q.type == "ordering"
        }
        self.title = w.HTML(f"<h3>Quiz: {html.escape(title)}</h3>" if title else "")
        self.header = w.HTML()
        self.score = w.HTML()
        self.prompt = w.HTML(layout=_WIDE)
        self.inputs = w.VBox(layout=_WIDE)
        self.feedback = w.HTML(layout=_WIDE)
        self.submit_button = w.Button(description="Submit", button_style="primary")
        self.retry_button = w.Button(description="Retry", icon="redo")
        self.answer_button = w.Button(description="Show answer", icon="eye")
        self.previous_button = w.Button(description="Previous", icon="arrow-left")
        self.next_button = w.Button(description="Next", icon="arrow-right")
        self.submit_button.on_click(lambda _: self.submit())
        self.retry_button.on_click(lambda _: self.retry())
        self.answer_button.on_click(lambda _: self.show_answer())
        self.previous_button.on_click(lambda _: self.go(self.index - 1))
        self.next_button.on_click(lambda _: self.go(self.index + 1))
        buttons = w.HBox(
            [
                self.submit_button,
                self.retry_button,
                self.answer_button,
                self.previous_button,
                self.next_button,
            ]
        )
        self.widget = w.VBox(
            [
                w.HTML(_STYLE),
                self.title,
                self.header,
                self.prompt,
                self.inputs,
                buttons,
                self.feedback,
                self.score,
            ]
        )
        self.widget.add_class("tpmprep-quiz")
        self.go(0)

    # -- display -----------------------------------------------------------------------

    def show(self, text: str | None = None) -> QuizPanel:
        """Display the panel once per cell; ``text`` (questions, no answers) stands for it headless.

        Parameters
        ----------
        text : str, optional
            The plain-text stand-in; by default the questions as ``quiz_text`` writes them.

        Returns
        -------
        QuizPanel
        """
        if text is not None:
            self._text = text
        Panel.show(self)
        return self

    def text(self) -> str:
        """Return the plain-text stand-in: the questions, never the answers."""
        text = getattr(self, "_text", None)
        if text is None:
            from tpmprep.quizzes.render import quiz_text

            text = quiz_text(self.questions, self.title)
        return text

    def __repr__(self) -> str:
        return f"<QuizPanel: {len(self.questions)} questions; {self.score_text}>"

    # -- what is on screen -------------------------------------------------------------

    @property
    def question(self) -> Any:
        """The question on screen."""
        return self.questions[self.index]

    def go(self, index: int) -> None:
        """Show question ``index`` (clamped to the quiz), with its inputs fresh.

        Parameters
        ----------
        index : int
            0-based position in the quiz.
        """
        self.index = max(0, min(index, len(self.questions) - 1))
        q = self.question
        self.header.value = (
            f"<b>Question {self.index + 1} of {len(self.questions)}</b> · "
            f"{html.escape(q.theme)} · {q.level} · {_KIND[q.type]}"
        )
        self.prompt.value = markdown_html(q.prompt)
        self._build_inputs()
        self.feedback.value = self._feedback.get(self.index, "")
        self._set_locked(self.index in self._locked)
        self.previous_button.disabled = self.index == 0
        self.next_button.disabled = self.index == len(self.questions) - 1
        self._update_score()

    def _build_inputs(self) -> None:
        q = self.question
        self.rubric_checks: list[w.Checkbox] = []
        self.model_answer = w.HTML()
        if q.type == "single":
            self.choice = w.RadioButtons(
                options=[(f"{LETTERS[i]}. {c}", i) for i, c in enumerate(q.choices)],
                value=None,
                layout=_WIDE,
            )
            children: list[Any] = [self.choice]
        elif q.type == "multiple":
            self.checks = [_tick_box() for _ in q.choices]
            rows = [
                _labelled(box, f"{LETTERS[i]}. {c}")
                for i, (box, c) in enumerate(zip(self.checks, q.choices, strict=True))
            ]
            children = [w.HTML("<i>Tick every right answer.</i>"), *rows]
        elif q.type in ("numeric", "estimate"):
            self.answer_text = w.Text(placeholder="e.g. 3.6 GB or 1.2K req/s", layout=_WIDE)
            children = [self.answer_text, w.HTML(f"<small>{_unit_hint(q)}</small>")]
        elif q.type == "ordering":
            self.order = list(self._orders[self.index])
            self.order_rows = w.VBox()
            self._draw_order()
            children = [w.HTML("<i>Move the steps into the right order.</i>"), self.order_rows]
        else:
            self.written = w.Textarea(
                placeholder="Write your answer, then press Submit to compare it with a model "
                "answer and tick the rubric points you covered.",
                layout=w.Layout(width="95%", height="8em"),
            )
            children = [self.written, self.model_answer]
        self.inputs.children = children

    def _draw_order(self) -> None:
        rows = []
        for i, step in enumerate(self.order):
            up = w.Button(icon="arrow-up", tooltip="Move up", layout=w.Layout(width="2.6em"))
            down = w.Button(icon="arrow-down", tooltip="Move down", layout=w.Layout(width="2.6em"))
            up.disabled = i == 0
            down.disabled = i == len(self.order) - 1
            up.on_click(lambda _, i=i: self.move(i, -1))
            down.on_click(lambda _, i=i: self.move(i, +1))
            label = w.HTML(f"{i + 1}. {markdown_inline(step)}")
            rows.append(w.HBox([up, down, label]))
        self.order_rows.children = rows

    def move(self, position: int, step: int) -> None:
        """Move the ordering step at ``position`` up (``step=-1``) or down (``+1``).

        Parameters
        ----------
        position : int
            0-based row of the step.
        step : int
            -1 moves it up, +1 down; moves past either end do nothing.
        """
        target = position + step
        if self.index in self._locked or not 0 <= target < len(self.order):
            return
        self.order[position], self.order[target] = self.order[target], self.order[position]
        self._draw_order()

    def given(self) -> Any:
        """Return the answer the inputs currently hold, in the form :func:`match` takes.

        Returns
        -------
        Any
        """
        kind = self.question.type
        if kind == "single":
            return self.choice.value
        if kind == "multiple":
            return [i for i, c in enumerate(self.checks) if c.value]
        if kind in ("numeric", "estimate"):
            return self.answer_text.value
        if kind == "ordering":
            return list(self.order)
        return [c.value for c in self.rubric_checks] if self.rubric_checks else None

    # -- actions -------------------------------------------------------------------------

    def submit(self) -> Result | None:
        """Judge the answer on screen, record it, show feedback with the explanation.

        Returns
        -------
        Result or None
            The verdict; ``None`` when nothing was judged (a text question's first Submit
            reveals the model answer and rubric instead).
        """
        q = self.question
        if self.index in self._locked:
            return None
        if q.type == "text" and not self.rubric_checks:
            self._reveal_rubric()
            self.feedback.value = _note(
                "Compare your answer with the model answer, tick the points you covered, "
                "then press Submit."
            )
            return None
        result = match(q, self.given())
        if not result.submitted:
            self.feedback.value = _note(result.feedback)
            return result
        record_attempt(q, result, front_end="widget")
        self.first.setdefault(self.index, result)
        self._verdicts[self.index] = _verdict_html(result)
        self._feedback[self.index] = self._verdicts[self.index] + _explanation_html(q)
        self.feedback.value = self._feedback[self.index]
        self._locked.add(self.index)
        self._set_locked(True)
        self._update_score()
        return result

    def retry(self) -> None:
        """Clear the inputs and feedback of the question on screen so it can be answered again."""
        self._locked.discard(self.index)
        self._feedback.pop(self.index, None)
        self._verdicts.pop(self.index, None)
        self._build_inputs()
        self.feedback.value = ""
        self._set_locked(False)

    def show_answer(self) -> None:
        """Reveal the right answer and the explanation (before answering: counts as missed).

        Text questions reveal the model answer and the rubric to tick instead.
        """
        q = self.question
        if q.type == "text":
            if self.index in self._locked:
                return
            if not self.rubric_checks:
                self._reveal_rubric()
            self.feedback.value = _note("Tick the rubric points your answer covered, then Submit.")
            return
        if self.index not in self.first:
            self.first[self.index] = Result(Verdict.INCORRECT, 0.0, "answer shown before answering")
        verdict = self._verdicts.get(self.index, "") if self.index in self._locked else ""
        self._feedback[self.index] = (
            f"{verdict}<div><b>Answer</b></div>{_answer_html(q)}" + _explanation_html(q)
        )
        self.feedback.value = self._feedback[self.index]
        self._locked.add(self.index)
        self._set_locked(True)
        self._update_score()

    # -- helpers -------------------------------------------------------------------------

    def _reveal_rubric(self) -> None:
        q = self.question
        self.model_answer.value = "<div><b>Model answer</b></div>" + markdown_html(q.answer)
        self.rubric_checks = [_tick_box() for _ in q.rubric]
        self.inputs.children = [
            *self.inputs.children,
            w.HTML("<b>Rubric: tick each point your answer covered</b>"),
            *(_labelled(box, item) for box, item in zip(self.rubric_checks, q.rubric, strict=True)),
        ]

    def _set_locked(self, locked: bool) -> None:
        self.submit_button.disabled = locked
        self.retry_button.disabled = not locked
        for child in self._input_widgets():
            child.disabled = locked

    def _input_widgets(self) -> list[Any]:
        found = []
        stack = list(self.inputs.children)
        while stack:
            child = stack.pop()
            if isinstance(child, w.Box):
                stack += list(child.children)
            elif hasattr(child, "disabled"):
                found.append(child)
        return found

    def _update_score(self) -> None:
        answered = len(self.first)
        right = sum(r.correct for r in self.first.values())
        self.score.value = (
            f"<b>Score: {right} of {answered} answered</b> "
            f"({len(self.questions)} question{'s' if len(self.questions) != 1 else ''}; "
            "first answers count)"
        )

    @property
    def score_text(self) -> str:
        """The running score as plain text (``"Score: 2 of 3 answered ..."``)."""
        import re

        return re.sub(r"<[^>]+>", "", self.score.value)


def _tick_box() -> w.Checkbox:
    return w.Checkbox(value=False, indent=False, layout=w.Layout(width="2.2em"))


def _labelled(box: w.Checkbox, text: str) -> w.HBox:
    """Put a wrapping label beside a checkbox (bank Markdown inline, raw HTML escaped)."""
    return w.HBox([box, w.HTML(markdown_inline(text), layout=w.Layout(width="90%"))])


_KIND = {
    "single": "single choice",
    "multiple": "multiple choice",
    "numeric": "numeric",
    "estimate": "estimate",
    "ordering": "ordering",
    "text": "written, self-assessed",
}


def _unit_hint(question: Any) -> str:
    from tpmprep.units import describe_dimension, unit_text

    expected = question.expected
    unit = unit_text(expected)
    band = (
        f"accepted within ±{question.tolerance * 100:g}%"
        if question.type == "numeric"
        else f"accepted within a factor of {question.factor:g}"
    )
    if not unit:
        return f"Type a plain number ({band}); K, M, B suffixes work: 3.5K."
    what = describe_dimension(expected)
    return (
        f"Type a number with its unit: {html.escape(what)}, e.g. in {html.escape(unit)} "
        f"({band}). A bare number is read in {html.escape(unit)}."
    )


def _note(text: str) -> str:
    return f"<div style='color:#57606a'>{html.escape(text)}</div>"


def _verdict_html(result: Result) -> str:
    colour = _COLOUR.get(result.verdict, "#57606a")
    symbol = _SYMBOL.get(result.verdict, "")
    return f"<div style='color:{colour}'><b>{symbol} {html.escape(result.feedback)}</b></div>"


def _answer_html(question: Any) -> str:
    if question.type == "single":
        i = question.answer
        return f"<p>{LETTERS[i]}. {markdown_inline(question.choices[i])}</p>"
    if question.type == "multiple":
        items = "".join(
            f"<li>{LETTERS[i]}. {markdown_inline(question.choices[i])}</li>"
            for i in question.answer
        )
        return f"<ul>{items}</ul>"
    if question.type == "ordering":
        return "<ol>" + "".join(f"<li>{markdown_inline(s)}</li>" for s in question.answer) + "</ol>"
    return f"<p>{markdown_inline(str(question.answer))}</p>"


def _explanation_html(question: Any) -> str:
    parts = [f"<div><b>Why</b></div>{markdown_html(question.explanation)}"]
    if question.source:
        parts.append(f"<div><small>Source: {markdown_inline(question.source)}</small></div>")
    return "".join(parts)
