"""Practice panels: flashcard review, mock-interview timer and rubric, and the progress plot.

Every panel is built from documented ipywidgets and drives the pure functions of
``tpmprep.practice``; callbacks are plain methods (``show_answer``, ``rate``, ``finish``,
``record``) that the buttons call, so tests drive them with ``button.click()``.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
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
    """A mock interview: prompt, countdown, checklist, then rubric sliders and "Record".

    The countdown is an ``ipywidgets.Play`` counting seconds in the browser (no kernel thread);
    its value drives the clock label.

    Parameters
    ----------
    session : MockSession
        The interview to run.
    store : ProgressStore or None
        Where to record the result; ``None`` for the default store.
    """

    def __init__(self, session: MockSession, store: ProgressStore | None = None):
        self.session = session
        self.store = store
        self.attempt: Attempt | None = None
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
            value=0, min=0, max=session.seconds, step=1, interval=1000, show_repeat=False
        )
        self.clock = widgets.Label()
        self.play.observe(self._tick, names="value")
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
        self.sliders = {
            criterion: widgets.IntSlider(value=1, min=1, max=4, step=1, readout=True)
            for criterion in session.rubric
        }
        self.record_button = widgets.Button(description="Record", button_style="primary")
        self.record_button.on_click(lambda _: self.record())
        self.result = widgets.HTML()
        scale = ", ".join(f"{k} {v}" for k, v in SCORE_LABELS.items())
        self.rubric = widgets.VBox(
            [widgets.HTML(f"<b>Rate yourself</b> ({scale})")]
            + [
                widgets.HBox(
                    [widgets.HTML(html.escape(criterion), layout=widgets.Layout(width="420px")), s]
                )
                for criterion, s in self.sliders.items()
            ]
            + [self.record_button, self.result],
            layout=widgets.Layout(display="none"),
        )
        self.widget = widgets.VBox(
            [
                self.prompt,
                widgets.HBox([self.play, self.clock]),
                widgets.HTML("<b>Checklist</b>"),
                *rows,
                self.finish_button,
                self.rubric,
            ]
        )
        self._tick()

    @property
    def remaining(self) -> int:
        """Seconds left in the time box."""
        return self.session.seconds - self.play.value

    def _tick(self, change: Any = None) -> None:
        if self.remaining <= 0:
            self.clock.value = "Time is up: wrap up and assess yourself."
        else:
            self.clock.value = f"{_clock(self.remaining)} left (press play to start)"

    def finish(self) -> None:
        """Stop the clock and show the rubric."""
        self.play.playing = False
        self.finish_button.disabled = True
        self.rubric.layout.display = "flex"

    def record(self) -> Attempt | None:
        """Record the rubric scores once, and say what was saved.

        Returns
        -------
        Attempt or None
            The recorded attempt (``None`` if it was already recorded).
        """
        if self.attempt is not None:
            return None
        self.play.playing = False
        self.attempt = record_mock(
            self.session,
            {criterion: slider.value for criterion, slider in self.sliders.items()},
            checked=[
                item
                for box, item in zip(self.checklist, self.session.checklist, strict=True)
                if box.value
            ],
            elapsed_seconds=self.play.value,
            store=self.store,
        )
        self.record_button.disabled = True
        for slider in self.sliders.values():
            slider.disabled = True
        score = self.attempt.details["score"]
        weakest = min(self.sliders, key=lambda c: self.sliders[c].value)
        self.result.value = (
            f"Recorded: {score:g} / 4 on average. Work next on: {html.escape(weakest)}."
        )
        return self.attempt


