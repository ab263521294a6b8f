"""Progress that can be trusted: each kind of practice counted in its own terms.

- **Checks and quizzes** are answers, judged right or wrong. Per theme: the items answered, the
  *first-try* accuracy (items right at the first attempt), the *latest* accuracy (each item's
  latest attempt) and a *trend* (accuracy of the answers of the last 7 days against those
  before). An exercise's item is one answer for one seed: a new seed is new numbers, a new item.
- **Flashcards** are reviews, never attempts or accuracy: reviews, cards seen, *retention* (the
  share of reviews of cards seen before that were recalled: rated Hard, Good or Easy) and the
  cards due now (new cards within the day's limit, see ``flashcards.due_cards``).
- **Mock interviews** are sessions with a rubric score out of 4 (a 2.1 / 4 is a 2.1 / 4, not 0%).
- **"Argue it" answers** are self-assessed against a rubric: counted, never called accuracy.

Demonstrations are never stored (``scenario(..., demo=True)``) and the same answer run again is
not a new attempt (``ProgressStore.record_new``), so the counts here are the candidate's own.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tpmprep.themes import THEMES

if TYPE_CHECKING:
    from tpmprep.practice.store import Attempt, ProgressStore

__all__ = [
    "WINDOW_DAYS",
    "FlashcardProgress",
    "MockProgress",
    "Progress",
    "ProgressTable",
    "ThemeProgress",
    "argued_line",
    "flashcards_line",
    "kind_of",
    "mocks_line",
    "progress_html",
    "progress_json",
    "progress_text",
    "summary",
]

WINDOW_DAYS = 7  # the trend compares the answers of the last week with those before
_UNFILED = "other"
ANSWER_KINDS = ("check", "quiz")  # judged right or wrong: attempts and accuracy
MAX_MOCK_SCORE = 4


def kind_of(attempt: Attempt) -> str:
    """Return an attempt's kind: its ``kind`` detail, else the prefix of its item id.

    Parameters
    ----------
    attempt : Attempt
        A stored attempt.

    Returns
    -------
    str
        ``check``, ``quiz``, ``card``, ``mock``, ``argue`` or whatever else was recorded.
    """
    return attempt.kind or attempt.item_id.split(":", 1)[0]


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass(frozen=True)
class ThemeProgress:
    """One theme's progress.

    Attributes
    ----------
    theme, title : str
        The theme slug (``"other"`` for answers recorded without a known theme) and its title.
    items : int
        Checks and quiz questions answered (an exercise answer counts once per seed).
    attempts : int
        Answers recorded for them.
    first_try : int
        Items answered right at the first attempt.
    latest : int
        Items whose latest attempt is right.
    recent_attempts, recent_correct : int
        Answers, and right ones, of the last ``WINDOW_DAYS`` days.
    earlier_attempts, earlier_correct : int
        Answers, and right ones, before that.
    cards_due : int
        Flashcards of the theme due now.
    reviews : int
        Flashcard reviews of the theme (not attempts).
    argued, argued_met : int
        Free-text answers, and those whose latest self-assessment ticks every rubric point.
    """

    theme: str
    title: str
    items: int = 0
    attempts: int = 0
    first_try: int = 0
    latest: int = 0
    recent_attempts: int = 0
    recent_correct: int = 0
    earlier_attempts: int = 0
    earlier_correct: int = 0
    cards_due: int = 0
    reviews: int = 0
    argued: int = 0
    argued_met: int = 0

    @property
    def first_try_accuracy(self) -> float | None:
        """Items right at the first attempt, as a fraction of items (``None``: no items)."""
        return _ratio(self.first_try, self.items)

    @property
    def latest_accuracy(self) -> float | None:
        """Items whose latest attempt is right, as a fraction of items (``None``: no items)."""
        return _ratio(self.latest, self.items)

    @property
    def recent_accuracy(self) -> float | None:
        """Accuracy of the answers of the last ``WINDOW_DAYS`` days (``None``: none)."""
        return _ratio(self.recent_correct, self.recent_attempts)

    @property
    def earlier_accuracy(self) -> float | None:
        """Accuracy of the answers before that (``None``: none)."""
        return _ratio(self.earlier_correct, self.earlier_attempts)

    @property
    def trend(self) -> float | None:
        """Recent minus earlier accuracy, in fractions (``None`` unless both have answers)."""
        recent, earlier = self.recent_accuracy, self.earlier_accuracy
        return None if recent is None or earlier is None else recent - earlier


@dataclass(frozen=True)
class FlashcardProgress:
    """Flashcard reviews, in their own terms.

    Attributes
    ----------
    reviews : int
        Reviews recorded.
    cards_seen : int
        Cards reviewed at least once.
    repeat_reviews, recalled : int
        Reviews of cards seen before, and those rated Hard, Good or Easy (not Again).
    due, due_new : int
        Cards due now, and how many of them are new (within today's limit).
    new_per_day : int
        Today's limit of new cards.
    """

    reviews: int = 0
    cards_seen: int = 0
    repeat_reviews: int = 0
    recalled: int = 0
    due: int = 0
    due_new: int = 0
    new_per_day: int = 0

    @property
    def retention(self) -> float | None:
        """Recalled reviews of cards seen before, as a fraction (``None`` with none yet)."""
        return _ratio(self.recalled, self.repeat_reviews)


@dataclass(frozen=True)
class MockProgress:
    """Mock interviews of one kind.

    Attributes
    ----------
    kind : str
        ``system-design``, ``program-execution`` or ``behavioural``.
    sessions : int
        Mock interviews recorded.
    mean_score : float
        Their mean rubric score, out of ``MAX_MOCK_SCORE`` (4).
    last : str
        When the latest was recorded (UTC, ISO 8601).
    """

    kind: str
    sessions: int
    mean_score: float
    last: str


@dataclass(frozen=True)
class Progress:
    """Everything ``progress()`` shows: themes, flashcards, mocks.

    Attributes
    ----------
    themes : tuple of ThemeProgress
        Themes with answers, due cards, reviews or free-text answers, in the workbook's order.
    flashcards : FlashcardProgress
    mocks : tuple of MockProgress
        One per kind of mock interview done.
    now : datetime
        When the summary was made (the trend's window ends here).
    window_days : int
        The trend's window.
    """

    themes: tuple[ThemeProgress, ...] = ()
    flashcards: FlashcardProgress = field(default_factory=FlashcardProgress)
    mocks: tuple[MockProgress, ...] = ()
    now: datetime = field(default_factory=lambda: datetime.now(UTC))
    window_days: int = WINDOW_DAYS

    @property
    def total(self) -> ThemeProgress:
        """All themes added up."""
        names = [f for f in ThemeProgress.__dataclass_fields__ if f not in ("theme", "title")]
        return ThemeProgress(
            "total", "All themes", **{n: sum(getattr(r, n) for r in self.themes) for n in names}
        )

    @property
    def answered(self) -> bool:
        """Whether any check, quiz or free-text answer is recorded."""
        return any(r.items or r.argued for r in self.themes)

    @property
    def mock_sessions(self) -> int:
        """Mock interviews recorded, of every kind."""
        return sum(m.sessions for m in self.mocks)

    @property
    def mock_mean(self) -> float | None:
        """The mean rubric score of every mock interview (``None`` with none)."""
        if not self.mock_sessions:
            return None
        return sum(m.mean_score * m.sessions for m in self.mocks) / self.mock_sessions

    @property
    def last_mock(self) -> str | None:
        """When the latest mock interview was recorded (``None`` with none)."""
        return max((m.last for m in self.mocks), default=None)


class _Tally:
    """Running counts for one theme while the attempts are read."""

    def __init__(self) -> None:
        self.first: dict[Any, bool] = {}
        self.last: dict[Any, bool] = {}
        self.attempts = self.recent = self.recent_correct = self.earlier = 0
        self.earlier_correct = self.reviews = 0
        self.argued: dict[str, bool] = {}

    def answer(self, key: Any, correct: bool, recent: bool) -> None:
        self.first.setdefault(key, correct)
        self.last[key] = correct
        self.attempts += 1
        if recent:
            self.recent += 1
            self.recent_correct += correct
        else:
            self.earlier += 1
            self.earlier_correct += correct

    def row(self, slug: str, title: str, due: int) -> ThemeProgress:
        return ThemeProgress(
            slug,
            title,
            items=len(self.first),
            attempts=self.attempts,
            first_try=sum(self.first.values()),
            latest=sum(self.last.values()),
            recent_attempts=self.recent,
            recent_correct=self.recent_correct,
            earlier_attempts=self.earlier,
            earlier_correct=self.earlier_correct,
            cards_due=due,
            reviews=self.reviews,
            argued=len(self.argued),
            argued_met=sum(self.argued.values()),
        )


def _item_key(attempt: Attempt) -> tuple[Any, ...]:
    """Return an answer's item: the item id, and for an exercise the seed and candidate too."""
    return (attempt.item_id, attempt.details.get("seed"), attempt.details.get("candidate"))


def _cards(attempts: Iterable[Attempt]) -> tuple[int, int, int, int]:
    """Return (reviews, cards seen, reviews of cards seen before, of those recalled)."""
    seen: set[str] = set()
    reviews = repeat = recalled = 0
    for attempt in attempts:
        reviews += 1
        if attempt.item_id in seen:
            repeat += 1
            recalled += attempt.answer != "again"
        seen.add(attempt.item_id)
    return reviews, len(seen), repeat, recalled


def _mocks(attempts: Iterable[Attempt]) -> tuple[MockProgress, ...]:
    by_kind: dict[str, list[Attempt]] = {}
    for attempt in attempts:
        kind = attempt.details.get("interview") or attempt.item_id.split(":", 1)[-1]
        by_kind.setdefault(kind, []).append(attempt)
    rows = []
    for kind, done in by_kind.items():
        scores = [float(a.details["score"]) for a in done if "score" in a.details]
        mean = sum(scores) / len(scores) if scores else 0.0
        rows.append(MockProgress(kind, len(done), mean, max(a.recorded_at for a in done)))
    return tuple(rows)


def summary(
    store: ProgressStore | None = None,
    *,
    now: datetime | None = None,
    deck: str | Path | None = None,
    new_per_day: int | None = None,
    include_low_value: bool = False,
    window_days: int = WINDOW_DAYS,
) -> Progress:
    """Return the candidate's progress, each kind of practice in its own terms.

    Parameters
    ----------
    store : ProgressStore or None
        The store to read; ``None`` for the default one.
    now : datetime or None
        The present (a fake clock in tests): cards due and the trend's window; ``None`` for now.
    deck : str or Path or None
        The flashcard deck; ``None`` for the built-in one.
    new_per_day : int or None
        Today's limit of new cards; ``None`` for the configured one (see ``flashcards``).
    include_low_value : bool
        Count low-value flashcards among those due.
    window_days : int
        The trend compares the answers of the last ``window_days`` days with those before.

    Returns
    -------
    Progress

    Raises
    ------
    BankError
        When the deck is invalid.
    InputError
        When the new-card limit is invalid.
    """
    from tpmprep.practice.flashcards import due_cards, new_cards_per_day

    if store is None:
        from tpmprep.practice.store import default_store

        store = default_store()
    now = now or datetime.now(UTC)
    since = now - timedelta(days=window_days)
    titles = {t.slug: t.title for t in THEMES}
    tallies: dict[str, _Tally] = {}
    cards: list[Attempt] = []
    mocks: list[Attempt] = []
    for attempt in store.attempts():
        kind = kind_of(attempt)
        theme = attempt.theme if attempt.theme in titles else _UNFILED
        if kind == "card":
            cards.append(attempt)
            tallies.setdefault(theme, _Tally()).reviews += 1
        elif kind == "mock":
            mocks.append(attempt)
        elif kind == "argue":
            tallies.setdefault(theme, _Tally()).argued[attempt.item_id] = attempt.correct
        elif kind in ANSWER_KINDS:
            recent = datetime.fromisoformat(attempt.recorded_at) >= since
            tallies.setdefault(theme, _Tally()).answer(_item_key(attempt), attempt.correct, recent)
    limit = new_cards_per_day(new_per_day)
    due = due_cards(
        store=store, now=now, deck=deck, new_per_day=limit, include_low_value=include_low_value
    )
    states = store.card_states()
    due_by_theme: dict[str, int] = {}
    for card in due:
        due_by_theme[card.theme] = due_by_theme.get(card.theme, 0) + 1
        tallies.setdefault(card.theme, _Tally())
    order = [t.slug for t in THEMES] + [_UNFILED]
    rows = tuple(
        tallies[slug].row(slug, titles.get(slug, "Other"), due_by_theme.get(slug, 0))
        for slug in order
        if slug in tallies
    )
    reviews, seen, repeat, recalled = _cards(cards)
    flashcards = FlashcardProgress(
        reviews=reviews,
        cards_seen=seen,
        repeat_reviews=repeat,
        recalled=recalled,
        due=len(due),
        due_new=sum(1 for card in due if card.id not in states),
        new_per_day=limit,
    )
    return Progress(rows, flashcards, _mocks(mocks), now, window_days)


# -- rendering ----------------------------------------------------------------------------------


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def _trend(row: ThemeProgress) -> str:
    if not row.recent_attempts:
        return "-"
    if not row.earlier_attempts:
        return "new"
    return f"{round(100 * (row.trend or 0.0)):+d} pts"


def _score(value: float) -> str:
    return f"{value:.1f} / {MAX_MOCK_SCORE}"


_HEADER = ("Theme", "Items", "Attempts", "First try", "Latest", "Last 7 days", "Trend", "Cards due")


def _cells(row: ThemeProgress) -> tuple[str, ...]:
    return (
        row.title,
        str(row.items),
        str(row.attempts),
        _percent(row.first_try_accuracy),
        _percent(row.latest_accuracy),
        _percent(row.recent_accuracy),
        _trend(row),
        str(row.cards_due),
    )


def _header(window_days: int) -> tuple[str, ...]:
    return (*_HEADER[:5], f"Last {window_days} days", *_HEADER[6:])


def flashcards_line(progress: Progress) -> str:
    """Return the flashcards in their own terms, one sentence.

    Parameters
    ----------
    progress : Progress
        From ``summary()``.

    Returns
    -------
    str
    """
    f = progress.flashcards
    due = f"{f.due} due now ({f.due_new} new; at most {f.new_per_day} new cards a day)"
    if not f.reviews:
        return f"Flashcards: no reviews yet; {due}."
    plural = "s" if f.reviews != 1 else ""
    retention = (
        f"retention {_percent(f.retention)} ({f.recalled} of {f.repeat_reviews} reviews of cards "
        "seen before recalled)"
        if f.repeat_reviews
        else "retention not measured yet (no card reviewed twice)"
    )
    cards = f"{f.cards_seen} card{'s' if f.cards_seen != 1 else ''}"
    return f"Flashcards: {f.reviews} review{plural} of {cards}; {retention}; {due}."


def mocks_line(progress: Progress) -> str:
    """Return the mock interviews in their own terms: sessions and mean rubric score out of 4.

    Parameters
    ----------
    progress : Progress
        From ``summary()``.

    Returns
    -------
    str
    """
    if not progress.mocks:
        return "Mock interviews: none yet."
    n = progress.mock_sessions
    kinds = "; ".join(
        f"{m.kind}: {m.sessions} session{'s' if m.sessions != 1 else ''}, {_score(m.mean_score)}"
        for m in progress.mocks
    )
    last = (progress.last_mock or "")[:10]
    return (
        f"Mock interviews: {n} session{'s' if n != 1 else ''}, mean rubric score "
        f"{_score(progress.mock_mean or 0.0)} ({kinds}); last on {last}."
    )


def argued_line(progress: Progress) -> str | None:
    """Return the free-text answers (self-assessed), or ``None`` when there are none.

    Parameters
    ----------
    progress : Progress
        From ``summary()``.

    Returns
    -------
    str or None
    """
    total = progress.total
    if not total.argued:
        return None
    plural = "s" if total.argued != 1 else ""
    return (
        f"Argue it (self-assessed): {total.argued} answer{plural}; {total.argued_met} tick every "
        "point of the rubric."
    )


def _notes(progress: Progress) -> list[str]:
    return [
        line
        for line in (flashcards_line(progress), mocks_line(progress), argued_line(progress))
        if line
    ]


NO_ANSWERS = "No answers yet: check an exercise or answer a quiz to see your accuracy by theme."
LEGEND = (
    "First try: items right at the first attempt. Latest: each item's latest answer. "
    "Trend: the last {days} days against the answers before."
)


def progress_text(progress: Progress) -> str:
    """Return the progress as plain text: the table by theme, then flashcards and mocks.

    The table lists the themes with answers; its last row adds up every theme (so its cards
    due are all the cards due).

    Parameters
    ----------
    progress : Progress
        From ``summary()``.

    Returns
    -------
    str
    """
    rows = [r for r in progress.themes if r.items]
    if not progress.answered:
        lines = [NO_ANSWERS]
    else:
        header = _header(progress.window_days)
        body = [_cells(r) for r in [*rows, progress.total]]
        widths = [max(len(h), *(len(b[i]) for b in body)) for i, h in enumerate(header)]

        def line(cells: tuple[str, ...]) -> str:
            rest = "  ".join(f"{c:>{w}}" for c, w in zip(cells[1:], widths[1:], strict=True))
            return f"{cells[0]:<{widths[0]}}  {rest}"

        lines = ["Checks and quizzes", line(header)]
        rule = "-" * len(lines[1])
        lines.append(rule)
        lines += [line(b) for b in body[:-1]]
        lines += [rule, line(body[-1]), LEGEND.format(days=progress.window_days)]
    return "\n".join([*lines, "", *_notes(progress)])


def progress_html(progress: Progress) -> str:
    """Return the progress as HTML: a table by theme, then flashcards and mocks (text escaped).

    Parameters
    ----------
    progress : Progress
        From ``summary()``.

    Returns
    -------
    str
    """
    notes = "".join(f"<p>{html.escape(n)}</p>" for n in _notes(progress))
    if not progress.answered:
        return f"<p>{html.escape(NO_ANSWERS)}</p>{notes}"
    rows = [r for r in progress.themes if r.items]
    left = ' style="text-align: left"'  # JupyterLab right-aligns table cells; names read left

    def cells(values: tuple[str, ...], tag: str) -> str:
        return "".join(
            f"<{tag}{left if i == 0 else ''}>{html.escape(v)}</{tag}>" for i, v in enumerate(values)
        )

    head = cells(_header(progress.window_days), "th")
    body = "".join(f"<tr>{cells(_cells(r), 'td')}</tr>" for r in [*rows, progress.total])
    legend = html.escape(LEGEND.format(days=progress.window_days))
    return (
        '<table class="tpmprep-progress"><caption>Checks and quizzes</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        f"<p><small>{legend}</small></p>{notes}"
    )


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _theme_json(row: ThemeProgress) -> dict[str, Any]:
    return {
        "title": row.title,
        "items": row.items,
        "attempts": row.attempts,
        "first_try": _round(row.first_try_accuracy),
        "latest": _round(row.latest_accuracy),
        "recent": _round(row.recent_accuracy),
        "recent_attempts": row.recent_attempts,
        "earlier": _round(row.earlier_accuracy),
        "trend": _round(row.trend),
        "cards_due": row.cards_due,
        "reviews": row.reviews,
        "argued": row.argued,
        "argued_met": row.argued_met,
    }


def progress_json(progress: Progress) -> dict[str, Any]:
    """Return the progress as JSON types.

    Parameters
    ----------
    progress : Progress
        From ``summary()``.

    Returns
    -------
    dict
        ``{"window_days", "themes": {slug: {...}}, "total": {...}, "flashcards": {...},
        "mocks": {...}}``; accuracies are fractions (or ``None``), never for flashcards or mocks.
    """
    f = progress.flashcards
    return {
        "window_days": progress.window_days,
        "themes": {r.theme: _theme_json(r) for r in progress.themes},
        "total": {k: v for k, v in _theme_json(progress.total).items() if k != "title"},
        "flashcards": {
            "reviews": f.reviews,
            "cards_seen": f.cards_seen,
            "retention": _round(f.retention),
            "due": f.due,
            "due_new": f.due_new,
            "new_per_day": f.new_per_day,
        },
        "mocks": {
            "sessions": progress.mock_sessions,
            "mean_score": _round(progress.mock_mean),
            "max_score": MAX_MOCK_SCORE,
            "last": progress.last_mock,
            "kinds": {
                m.kind: {"sessions": m.sessions, "mean_score": _round(m.mean_score), "last": m.last}
                for m in progress.mocks
            },
        },
    }


class ProgressTable:
    """The progress as a notebook shows it (HTML) and a terminal prints it (text)."""

    def __init__(self, progress: Progress):
        self.progress = progress

    def __str__(self) -> str:
        return progress_text(self.progress)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        return {
            "text/plain": progress_text(self.progress),
            "text/html": progress_html(self.progress),
        }
