"""Practice panels: flashcard review, mock-interview timer and rubric, and the progress plot.

Every panel is built from documented ipywidgets and drives the pure functions of
``tpmprep.practice``; callbacks are plain methods (``show_answer``, ``rate``, ``finish``,
``record``) that the buttons call, so tests drive them with ``button.click()``.
"""

from __future__ import annotations

import html
import os
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets

from tpmprep.practice import flashcards
from tpmprep.practice.mock import SCORE_LABELS, MockSession, record_mock

if TYPE_CHECKING:

    from tpmprep.practice.store import Attempt, ProgressStore

__all__ = ["MockPanel", "ReviewPanel"]

_RATING_STYLES = {"again": "danger", "hard": "warning", "good": "success", "easy": "info"}


def _text_html(text: str, tag: str = "div") -> str:
    """Escape text for an HTML widget, keeping its line breaks (bank text is never HTML)."""
    body = "<br>".join(html.escape(line) for line in text.strip().splitlines())
    return f"<{tag}>{body}</{tag}>"


def _clock(seconds: int) -> str:
    minutes, secs = divmod(max(seconds, 0), 60)
    return f"{minutes:02d}:{secs:02d}"


class ReviewPanel:
    """Review due flashcards: front, "Show answer", back, then Again / Hard / Good / Easy.

    A card rated Again goes back to the end of this session's queue.

    Parameters
    ----------
    cards : list of Card
        The due cards, in review order.
    store : ProgressStore or None
        Where the schedule lives; ``None`` for the default store.
    clock : callable or None
        Returns the current UTC time (tests pass a fixed clock); ``None`` for the real one.
    """

    def __init__(
        self,
        cards: Sequence[flashcards.Card],
        store: ProgressStore | None = None,
        clock: Callable[[], datetime] | None = None,
    ):
        self.queue = list(cards)
        self.store = store
        self.clock = clock or (lambda: datetime.now(UTC))
        self.reviewed = 0
        self.revealed = False
        self.status = widgets.HTML()
        self.front = widgets.HTML()
        self.back = widgets.HTML()
        self.show_button = widgets.Button(description="Show answer", icon="eye")
        self.show_button.on_click(lambda _: self.show_answer())
        self.rating_buttons = {}
        for name in flashcards.RATINGS:
            button = widgets.Button(
                description=name.capitalize(), button_style=_RATING_STYLES[name]
            )
            button.on_click(lambda _, name=name: self.rate(name))
            self.rating_buttons[name] = button
        self.widget = widgets.VBox(
            [
                self.status,
                self.front,
                self.show_button,
                self.back,
                widgets.HBox(list(self.rating_buttons.values())),
            ]
        )
        self._render()

    @property
    def current(self) -> flashcards.Card | None:
        """The card on show, or ``None`` when the session is over."""
        return self.queue[0] if self.queue else None

    def show_answer(self) -> None:
        """Reveal the back of the current card and enable the rating buttons."""
        if self.current is not None:
            self.revealed = True
            self._render()

    def rate(self, rating: str) -> None:
        """Rate the current card (again, hard, good, easy), reschedule it and show the next.

        Parameters
        ----------
        rating : str
            One of ``again``, ``hard``, ``good``, ``easy``.
        """
        card = self.current
        if card is None or not self.revealed:
            return
        flashcards.rate(card, rating, store=self.store, now=self.clock())
        self.reviewed += 1
        self.queue.pop(0)
        if rating == "again":
            self.queue.append(card)
        self.revealed = False
        self._render()

    def _render(self) -> None:
        card = self.current
        done = f" · {self.reviewed} reviewed" if self.reviewed else ""
        self.status.value = f"<b>{len(self.queue)} due</b>{done}"
        if card is None:
            self.front.value = _text_html("No cards due. Come back later.", "p")
            self.back.value = ""
        else:
            self.front.value = f"<small>{html.escape(card.theme)}</small>" + _text_html(
                card.front, "h4"
            )
            self.back.value = ""
            if self.revealed:
                source = f"<small>Source: {html.escape(card.source)}</small>" if card.source else ""
                self.back.value = _text_html(card.back, "p") + source
        self.show_button.disabled = card is None or self.revealed
        for button in self.rating_buttons.values():
            button.disabled = card is None or not self.revealed


class MockPanel:
    """A mock interview: prompt, a clock, a canvas per phase and the checklist; then the rubric.

    The clock is an ``ipywidgets.Play`` counting seconds in the browser (no kernel thread),
    hidden behind one Start / Pause / Resume button (the Play widget's own stop button would
    reset the time); the label beside it says whether the clock is running, paused or not
    started. The candidate writes the answer on the canvas, one box per phase, ticks the
    checklist, presses "Finish and assess" and rates each rubric criterion. The ratings start
    unset (buttons, because a slider always holds a value): "Record" stays disabled until every
    criterion has one. After recording, the panel lists the checklist items missed and links
    the worked case to compare with.

    Parameters
    ----------
    session : MockSession
        The interview to run.
    store : ProgressStore or None
        Where to record the result; ``None`` for the default store.
    here : path-like or None
        The folder of the notebook showing the panel, for the link to the worked case;
        ``None`` for the current folder (a kernel's is its notebook's).
    """

    def __init__(
        self,
        session: MockSession,
        store: ProgressStore | None = None,
        here: str | os.PathLike[str] | None = None,
    ):
        self.session = session
        self.store = store
        self.here = Path(here) if here is not None else Path.cwd()
        self.attempt: Attempt | None = None
        self.finished = False
        prompt = session.prompt
        principle = (
            f"<p><i>Leadership principle: {html.escape(prompt.principle)}</i></p>"
            if prompt.principle
            else ""
        )
        source = f"<small>Source: {html.escape(prompt.source)}</small>" if prompt.source else ""
        self.prompt = widgets.HTML(
            f"<h4>{html.escape(prompt.title)}</h4>{principle}{_text_html(prompt.prompt, 'p')}"
            f"{source}"
        )
        self.play = widgets.Play(
            value=0,
            min=0,
            max=session.seconds,
            step=1,
            interval=1000,
            show_repeat=False,
            layout=widgets.Layout(display="none"),
        )
        self.clock_button = widgets.Button(
            description="Start the clock", icon="play", layout=widgets.Layout(width="auto")
        )
        self.clock_button.on_click(lambda _: self.toggle_clock())
        self.clock = widgets.HTML()
        self.clock.add_class("tpmprep-mock-clock")
        self.play.observe(self._tick, names=["value", "playing"])
        self.canvas = {
            phase.name: widgets.Textarea(
                placeholder=phase.hint,
                rows=3,
                continuous_update=True,
                layout=widgets.Layout(width="100%"),
            )
            for phase in session.canvas
        }
        canvas_rows = []
        for phase, box in zip(session.canvas, self.canvas.values(), strict=True):
            canvas_rows += [widgets.HTML(f"<b>{html.escape(phase.name)}</b>"), box]
        # The item text sits in an HTML widget beside its box, so long items wrap, never clip.
        self.checklist = [
            widgets.Checkbox(value=False, indent=False, layout=widgets.Layout(width="2em"))
            for _ in session.checklist
        ]
        rows = [
            widgets.HBox([box, widgets.HTML(html.escape(item))])
            for box, item in zip(self.checklist, session.checklist, strict=True)
        ]
        self.finish_button = widgets.Button(
            description="Finish and assess",
            icon="flag-checkered",
            layout=widgets.Layout(width="auto"),
        )
        self.finish_button.on_click(lambda _: self.finish())
        self.ratings = {
            criterion: widgets.ToggleButtons(
                options=[(f"{score} {label}", score) for score, label in SCORE_LABELS.items()],
                value=None,
                style={"button_width": "6.5em"},
            )
            for criterion in session.rubric
        }
        for rating in self.ratings.values():
            rating.observe(self._rated, names="value")
        self.record_button = widgets.Button(
            description="Record", button_style="primary", disabled=True
        )
        self.record_button.on_click(lambda _: self.record())
        self.to_rate = widgets.HTML()
        self.result = widgets.HTML()
        self.worked = widgets.Output()
        self.rubric = widgets.VBox(
            [widgets.HTML("<b>Rate yourself</b>, one score per criterion")]
            + [
                widgets.VBox([widgets.HTML(html.escape(criterion)), rating])
                for criterion, rating in self.ratings.items()
            ]
            + [widgets.HBox([self.record_button, self.to_rate]), self.result, self.worked],
            layout=widgets.Layout(display="none"),
        )
        self.widget = widgets.VBox(
            [
                self.prompt,
                widgets.HBox([self.clock_button, self.clock, self.play]),
                widgets.HTML(
                    "<b>Your answer</b>, phase by phase (saved with the attempt when you record)"
                ),
                *canvas_rows,
                widgets.HTML("<b>Checklist</b>: tick what you covered"),
                *rows,
                self.finish_button,
                self.rubric,
            ]
        )
        self._tick()
        self._rated()

    # -- the clock ---------------------------------------------------------------------------

    @property
    def remaining(self) -> int:
        """Seconds left in the time box."""
        return self.session.seconds - self.play.value

    @property
    def running(self) -> bool:
        """Whether the clock is running."""
        return bool(self.play.playing)

    def toggle_clock(self) -> None:
        """Start the clock, pause it, or resume it (what the clock button does)."""
        if self.finished or self.remaining <= 0:
            return
        self.play.playing = not self.play.playing

    def _tick(self, change: Any = None) -> None:
        left = _clock(self.remaining)
        if self.finished:
            used = _clock(self.play.value)
            self.clock.value = f"Stopped: {used} used of {_clock(self.session.seconds)}."
        elif self.remaining <= 0:
            self.clock.value = "<b>Time is up</b>: wrap up, then finish and assess yourself."
        elif self.running:
            self.clock.value = f"<b>{left}</b> left, the clock is running"
        elif self.play.value:
            self.clock.value = f"<b>{left}</b> left, paused"
        else:
            self.clock.value = f"<b>{left}</b> left, not started"
        done = self.finished or self.remaining <= 0
        self.clock_button.disabled = done
        if self.running:
            self.clock_button.description, self.clock_button.icon = "Pause", "pause"
        elif self.play.value and not done:
            self.clock_button.description, self.clock_button.icon = "Resume", "play"
        else:
            self.clock_button.description, self.clock_button.icon = "Start the clock", "play"

    # -- assessing -----------------------------------------------------------------------------

    def finish(self) -> None:
        """Stop the clock and show the rubric."""
        self.play.playing = False
        self.finished = True
        self.finish_button.disabled = True
        self.rubric.layout.display = "flex"
        self._tick()

    def _rated(self, change: Any = None) -> None:
        left = sum(1 for rating in self.ratings.values() if rating.value is None)
        self.record_button.disabled = left > 0 or self.attempt is not None
        if self.attempt is not None:
            self.to_rate.value = ""
        elif left:
            self.to_rate.value = f"Rate every criterion to record ({left} to go)."
        else:
            self.to_rate.value = "All rated: record it."

    def record(self) -> Attempt | None:
        """Record the scores, canvas and checklist once; show what was missed and the worked case.

        Returns
        -------
        Attempt or None
            The recorded attempt (``None`` if it was already recorded, or a criterion is unrated).
        """
        scores = {criterion: rating.value for criterion, rating in self.ratings.items()}
        if self.attempt is not None or any(value is None for value in scores.values()):
            return None
        self.play.playing = False
        self.attempt = record_mock(
            self.session,
            scores,
            checked=[
                item
                for box, item in zip(self.checklist, self.session.checklist, strict=True)
                if box.value
            ],
            canvas={name: box.value for name, box in self.canvas.items()},
            elapsed_seconds=self.play.value,
            store=self.store,
        )
        for control in (*self.ratings.values(), *self.canvas.values(), *self.checklist):
            control.disabled = True
        self._rated()
        details = self.attempt.details
        weakest = min(scores, key=scores.__getitem__)
        missed_items = details["missed"]
        if missed_items:
            missed_html = "<b>Missed on the checklist:</b><ul>" + "".join(
                f"<li>{html.escape(item)}</li>" for item in missed_items
            )
            missed_html += "</ul>"
        else:
            missed_html = "<p>You covered every item of the checklist.</p>"
        self.result.value = (
            f"<p>Recorded: {details['score']:g} / 4 on average, with your canvas. "
            f"Work next on: {html.escape(weakest)}.</p>{missed_html}"
        )
        self._show_worked()
        return self.attempt

    def _show_worked(self) -> None:
        case = self.session.worked
        link = case.link_from(self.here)
        name = Path(case.path).name
        where = f"[{name}]({link})" if link is not None else f"{case.path} (in the repository)"
        # JupyterLab 4 opens a linked notebook at its top (it does not scroll to the heading),
        # so the section is named in words as well.
        section = f", section *{case.section}*" if case.section else ""
        text = f"**Compare with the worked case:** {where}{section}."
        self.worked.outputs = (
            {
                "output_type": "display_data",
                "data": {"text/markdown": text, "text/plain": f"Compare with: {case.text()}"},
                "metadata": {},
            },
        )
