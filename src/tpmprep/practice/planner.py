"""What to do next, and a plan of the days to the interview, from the progress store.

Pure logic: the lessons and exercises come in as :class:`Material` (the front ends read them
from ``notebooks/`` and ``exercises/``: see ``tpmprep.course.catalogue``), the candidate's record
as :class:`Facts` (read once from the progress store by :func:`read_facts`). Nothing here opens a
notebook, and nothing depends on the real clock: ``now`` is a parameter, so tests pass a fake one.

- :func:`what_next` names what to do now: the flashcards due, the weakest theme by recent
  accuracy, the next lesson or untried exercise, a mock interview when none was done in a week.
- :func:`study_plan` lays out the days to the interview: flashcards every session, the lessons and
  exercises not done yet in the workbook's order, mock interviews in the last week. What is done
  is not planned again, so calling it again after practising gives a shorter plan.
"""

from __future__ import annotations

import html
import math
import os
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tpmprep.exceptions import InputError
from tpmprep.themes import THEMES

if TYPE_CHECKING:
    from tpmprep.practice.store import ProgressStore

__all__ = [
    "MOCK_EVERY_DAYS",
    "Facts",
    "Material",
    "PlanDay",
    "PlanItem",
    "StudyPlan",
    "Suggestion",
    "Suggestions",
    "read_facts",
    "study_plan",
    "what_next",
]

MOCK_EVERY_DAYS = 7  # suggest a mock interview when none was done in this many days
RECENT_ANSWERS = 10  # "recent accuracy": a theme's last N checks and quiz answers
MIN_ANSWERS = 3  # a theme needs this many recent answers to be called weak
WEAK_BELOW = 0.8  # ... and a recent accuracy below this
CARD_MINUTES = 10  # flashcards at the start of each study session
QUIZ_MINUTES = 20  # a quiz on a weak theme
MIN_BLOCK = 10  # no piece of work shorter than this is planned
SESSION_MINUTES = 40  # below this a day is too short to study every day: fewer, longer sessions
_TITLES = {t.slug: t.title for t in THEMES}


# -- inputs -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Material:
    """A lesson or an exercise of the workbook.

    Attributes
    ----------
    kind : str
        ``lesson`` or ``exercise``.
    theme : str
        The theme slug.
    title : str
        The notebook's title.
    path : str
        The notebook, relative to the workbook folder (``exercises/03-caching-news-feed.ipynb``).
    minutes : int
        The time it says it takes.
    scenario : str or None
        An exercise's scenario id.
    answers : tuple of str
        The answers an exercise checks (``sc.check("name", ...)``).
    """

    kind: str
    theme: str
    title: str
    path: str
    minutes: int
    scenario: str | None = None
    answers: tuple[str, ...] = ()

    @property
    def items(self) -> tuple[str, ...]:
        """The progress-store items of an exercise's answers (``check:<scenario>:<answer>``)."""
        return tuple(f"check:{self.scenario}:{name}" for name in self.answers)


@dataclass(frozen=True)
class Facts:
    """What the progress store says, digested for planning.

    Attributes
    ----------
    now : datetime
        The present (time-zone aware).
    answers : dict of str to list of bool
        Per theme, its checks and quiz answers, oldest first (right or wrong).
    latest : dict of str to bool
        Per item id, whether its latest answer is right.
    themes_started : set of str
        Themes with any check, quiz or free-text answer.
    last_mock : dict of str to datetime
        Per mock interview kind, when the latest was recorded.
    cards_due : int
        Flashcards due now (new ones within today's limit).
    anything : bool
        Whether the store holds anything at all.
    """

    now: datetime
    answers: dict[str, list[bool]] = field(default_factory=dict)
    latest: dict[str, bool] = field(default_factory=dict)
    themes_started: set[str] = field(default_factory=set)
    last_mock: dict[str, datetime] = field(default_factory=dict)
    cards_due: int = 0
    anything: bool = False

    def recent_accuracy(self, theme: str) -> tuple[int, int]:
        """Return (right, answered) over the theme's last ``RECENT_ANSWERS`` answers."""
        recent = self.answers.get(theme, [])[-RECENT_ANSWERS:]
        return sum(recent), len(recent)

    def tried(self, material: Material) -> bool:
        """Whether an exercise has any answer recorded (a lesson: whether its theme has)."""
        if material.kind == "lesson":
            return self.lesson_started(material)
        prefix = f"check:{material.scenario}:"
        return any(item.startswith(prefix) for item in self.latest)

    def right(self, material: Material) -> int:
        """How many of an exercise's answers have a right latest attempt."""
        return sum(1 for item in material.items if self.latest.get(item))

    def done(self, material: Material) -> bool:
        """Whether a lesson was started, or every answer of an exercise is right."""
        if material.kind == "lesson":
            return self.lesson_started(material)
        if not material.items:
            return self.tried(material)
        return self.right(material) == len(material.items)

    def lesson_started(self, material: Material) -> bool:
        """Whether a lesson was taken: its theme has answers (the start: anything is recorded)."""
        if material.theme == "start":
            return self.anything
        if material.theme == "mock-interviews" and self.last_mock:
            return True
        return material.theme in self.themes_started


def read_facts(
    store: ProgressStore | None = None,
    *,
    now: datetime | None = None,
    deck: str | Path | None = None,
    new_per_day: int | None = None,
) -> Facts:
    """Read what planning needs from the progress store, once.

    Parameters
    ----------
    store : ProgressStore or None
        The store; ``None`` for the default one.
    now : datetime or None
        The present (time-zone aware; a fake clock in tests); ``None`` for now.
    deck : str or Path or None
        The flashcard deck; ``None`` for the built-in one.
    new_per_day : int or None
        Today's limit of new flashcards; ``None`` for the configured one.

    Returns
    -------
    Facts
    """
    from tpmprep.practice.flashcards import due_cards
    from tpmprep.practice.progress import ANSWER_KINDS, kind_of

    if store is None:
        from tpmprep.practice.store import default_store

        store = default_store()
    now = now or datetime.now(UTC)
    facts = Facts(now)
    attempts = store.attempts()
    for attempt in attempts:
        kind = kind_of(attempt)
        theme = attempt.theme or ""
        if kind in ANSWER_KINDS:
            facts.answers.setdefault(theme, []).append(attempt.correct)
            facts.latest[attempt.item_id] = attempt.correct
            facts.themes_started.add(theme)
        elif kind == "argue":
            facts.themes_started.add(theme)
        elif kind == "mock":
            mock_kind = attempt.details.get("interview") or attempt.item_id.split(":", 1)[-1]
            facts.last_mock[mock_kind] = datetime.fromisoformat(attempt.recorded_at)
    cards = due_cards(store=store, now=now, deck=deck, new_per_day=new_per_day)
    return replace(facts, cards_due=len(cards), anything=bool(attempts))


# -- what next ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Suggestion:
    """One thing to do now.

    Attributes
    ----------
    kind : str
        ``cards``, ``weak-theme``, ``lesson``, ``exercise``, ``mock`` or ``done``.
    title : str
        What to do, in a few words.
    why : str
        Why now, from the candidate's record.
    path : str or None
        The notebook to open, relative to the workbook folder.
    call : str or None
        What to run in a notebook (``review()``).
    command : str or None
        What to run in a terminal (``tpmprep review``).
    minutes : int or None
        About how long it takes.
    """

    kind: str
    title: str
    why: str
    path: str | None = None
    call: str | None = None
    command: str | None = None
    minutes: int | None = None


def _weakest(facts: Facts) -> tuple[str, int, int] | None:
    """Return the theme of lowest recent accuracy below ``WEAK_BELOW`` (slug, right, answered)."""
    found = []
    for theme in facts.answers:
        right, answered = facts.recent_accuracy(theme)
        if theme in _TITLES and answered >= MIN_ANSWERS and right / answered < WEAK_BELOW:
            found.append((right / answered, -answered, theme, right, answered))
    if not found:
        return None
    _, _, theme, right, answered = min(found)
    return theme, right, answered


def _mock_kind(facts: Facts) -> str:
    """Return the kind of mock interview done least recently (never done first)."""
    from tpmprep.practice.mock import KINDS

    never = datetime.min.replace(tzinfo=UTC)
    return min(KINDS, key=lambda kind: (facts.last_mock.get(kind, never), KINDS.index(kind)))


def _mock_minutes(kind: str) -> int:
    from tpmprep.practice.mock import session

    return math.ceil(session(kind, seed=0).minutes)


def _lesson_of(materials: Sequence[Material], theme: str) -> Material | None:
    return next((m for m in materials if m.kind == "lesson" and m.theme == theme), None)


def _step(material: Material, facts: Facts) -> Suggestion:
    """Suggest taking a lesson, or trying or finishing an exercise."""
    if material.kind == "lesson":
        return Suggestion(
            "lesson",
            f"Take the lesson: {material.title}",
            "It is the next lesson in the workbook's order that you have not started.",
            path=material.path,
            minutes=material.minutes,
        )
    name = material.title.removeprefix("Exercise: ")  # "Try the exercise: Exercise: ..."
    if facts.tried(material):
        right, total = facts.right(material), len(material.items)
        return Suggestion(
            "exercise",
            f"Finish the exercise: {name}",
            f"{right} of its {total} answers are right so far; run it again and fix the rest.",
            path=material.path,
            minutes=material.minutes,
        )
    return Suggestion(
        "exercise",
        f"Try the exercise: {name}",
        "You have not answered it yet.",
        path=material.path,
        minutes=material.minutes,
    )


def what_next(materials: Sequence[Material], facts: Facts) -> Suggestions:
    """Say what to do now, most useful first.

    Parameters
    ----------
    materials : list of Material
        The lessons and exercises, in the workbook's order.
    facts : Facts
        From :func:`read_facts`.

    Returns
    -------
    Suggestions
        Up to five: the flashcards due; the weakest theme by recent accuracy (its last
        ``RECENT_ANSWERS`` answers, at least ``MIN_ANSWERS``, below ``WEAK_BELOW``); the next
        lesson or exercise not done in the workbook's order; an untried exercise of a theme you
        have started; a mock interview when none was done in ``MOCK_EVERY_DAYS`` days.
    """
    found: list[Suggestion] = []
    if facts.cards_due:
        n = facts.cards_due
        found.append(
            Suggestion(
                "cards",
                f"Review the {n} flashcard{'s' if n != 1 else ''} due now",
                "Spaced repetition works when each card is reviewed on the day it falls due.",
                call="review()",
                command="tpmprep review",
                minutes=max(5, math.ceil(n / 2)),
            )
        )
    weakest = _weakest(facts)
    if weakest is not None:
        theme, right, answered = weakest
        title = _TITLES[theme]
        retry = next(
            (
                m
                for m in materials
                if m.kind == "exercise" and m.theme == theme and facts.tried(m)
                and not facts.done(m)
            ),
            None,
        )
        lesson = _lesson_of(materials, theme)
        where = retry or lesson
        what = f"retry {retry.title!r}" if retry else "re-read the lesson"
        found.append(
            Suggestion(
                "weak-theme",
                f"Work on your weakest theme: {title}",
                f"{right} of your last {answered} answers in it were right; {what}, then take "
                "its quiz.",
                path=where.path if where else None,
                call=f'quiz("{theme}")',
                command=f"tpmprep quiz {theme}",
                minutes=QUIZ_MINUTES,
            )
        )
    shown = {s.path for s in found}
    pending = next((m for m in materials if not facts.done(m) and m.path not in shown), None)
    if pending is not None:
        found.append(_step(pending, facts))
        shown.add(pending.path)
    untried = [m for m in materials if m.kind == "exercise" and not facts.tried(m)]
    started = [m for m in untried if m.theme in facts.themes_started]
    extra = next((m for m in started if m.path not in shown), None)
    if extra is not None:
        step = _step(extra, facts)
        left = len(untried)
        found.append(
            replace(
                step,
                why=f"Its lesson's theme is under way and you have not answered it yet "
                f"({left} exercise{'s' if left != 1 else ''} not tried in all).",
            )
        )
    last = max(facts.last_mock.values(), default=None)
    if last is None or facts.now - last >= timedelta(days=MOCK_EVERY_DAYS):
        kind = _mock_kind(facts)
        since = (
            "You have not done a mock interview yet."
            if last is None
            else f"Your last mock interview was {(facts.now - last).days} days ago."
        )
        found.append(
            Suggestion(
                "mock",
                f"Do a timed mock interview ({kind})",
                f"{since} Practise the whole loop against the clock, then score yourself.",
                call=f'mock("{kind}")',
                command=f"tpmprep mock {kind}",
                minutes=_mock_minutes(kind),
            )
        )
    if not found:
        found.append(
            Suggestion(
                "done",
                "Everything is done: keep it fresh",
                "No card is due, no theme is weak and every exercise is right. Try an exercise "
                "with a new seed, or a quiz on any theme.",
                call='quiz("estimation")',
                command="tpmprep quiz estimation",
            )
        )
    return Suggestions(tuple(found[:5]), facts.now)


def _link(path: str, root: Path | None, base: Path | None) -> str:
    """``path`` (relative to the workbook) as seen from ``base`` (a notebook's folder)."""
    if root is None or base is None:
        return path
    return Path(os.path.relpath(root / path, base)).as_posix()


def _minutes(minutes: int | None) -> str:
    return f" (about {minutes} min)" if minutes else ""


@dataclass(frozen=True)
class Suggestions:
    """What to do now, as a notebook shows it (Markdown with links) and a terminal prints it.

    Attributes
    ----------
    items : tuple of Suggestion
        Most useful first.
    now : datetime
        When they were made.
    root, base : Path or None
        The workbook folder and the folder links start from (a notebook's, or the terminal's);
        ``None`` leaves paths relative to the workbook.
    """

    items: tuple[Suggestion, ...]
    now: datetime
    root: Path | None = None
    base: Path | None = None

    def at(self, root: Path | None, base: Path | None) -> Suggestions:
        """Return the same suggestions with links from ``base`` into the workbook at ``root``."""
        return replace(self, root=root, base=base)

    def text(self) -> str:
        """Return the suggestions as plain text, with paths and terminal commands."""
        lines = ["What next:"]
        for i, s in enumerate(self.items, 1):
            lines.append(f"{i}. {s.title}{_minutes(s.minutes)}")
            lines.append(f"   {s.why}")
            if s.path:
                lines.append(f"   Open: {_link(s.path, self.root, self.base)}")
            if s.command:
                lines.append(f"   Run: {s.command}")
        return "\n".join(lines)

    def markdown(self) -> str:
        """Return the suggestions as Markdown, with links to the notebooks and calls to run."""
        lines = ["**What next**", ""]
        for i, s in enumerate(self.items, 1):
            title = s.title
            if s.path:
                title = f"[{s.title}]({_link(s.path, self.root, self.base)})"
            lines.append(f"{i}. **{title}**{_minutes(s.minutes)}. {s.why}")
            if s.call or s.command:
                ways = []
                if s.call:
                    ways.append(f"`{s.call}` in a notebook")
                if s.command:
                    ways.append(f"`{s.command}` in a terminal")
                lines.append(f"   Run {' or '.join(ways)}.")
        return "\n".join(lines) + "\n"

    def json(self) -> list[dict[str, Any]]:
        """Return the suggestions as JSON types (paths relative to the workbook)."""
        return [
            {
                "kind": s.kind,
                "title": s.title,
                "why": s.why,
                "path": s.path,
                "call": s.call,
                "command": s.command,
                "minutes": s.minutes,
            }
            for s in self.items
        ]

    def __str__(self) -> str:
        return self.text()

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        return {"text/plain": self.text(), "text/markdown": self.markdown()}


# -- the study plan -----------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanItem:
    """One piece of work in a study session.

    Attributes
    ----------
    kind : str
        ``cards``, ``lesson``, ``exercise``, ``quiz``, ``mock`` or ``practice``.
    title : str
        What to do.
    minutes : int
        How long.
    path : str or None
        The notebook, relative to the workbook folder.
    call, command : str or None
        What to run in a notebook, and in a terminal.
    """

    kind: str
    title: str
    minutes: int
    path: str | None = None
    call: str | None = None
    command: str | None = None


@dataclass(frozen=True)
class PlanDay:
    """A study session: its day and its work."""

    day: date
    items: tuple[PlanItem, ...]
    last_week: bool = False

    @property
    def minutes(self) -> int:
        """The session's length."""
        return sum(item.minutes for item in self.items)


@dataclass(frozen=True)
class StudyPlan:
    """The sessions from today to the day before the interview.

    Attributes
    ----------
    today, interview : date
        The first day planned and the interview's day.
    hours_per_week : float
        The time the candidate has.
    sessions_per_week : int
        Study sessions a week (every day when a day holds at least 40 minutes).
    session_minutes : int
        The length of a session.
    days : tuple of PlanDay
        The sessions, in order.
    unplanned : tuple of PlanItem
        Lessons and exercises that did not fit before the interview.
    done_lessons, done_exercises : int
        Already done, so not planned.
    """

    today: date
    interview: date
    hours_per_week: float
    sessions_per_week: int
    session_minutes: int
    days: tuple[PlanDay, ...]
    unplanned: tuple[PlanItem, ...] = ()
    done_lessons: int = 0
    done_exercises: int = 0
    root: Path | None = None
    base: Path | None = None

    def at(self, root: Path | None, base: Path | None) -> StudyPlan:
        """Return the same plan with links from ``base`` into the workbook at ``root``."""
        return replace(self, root=root, base=base)

    def _headline(self) -> str:
        days = (self.interview - self.today).days
        hours = f"{self.hours_per_week:g} h"
        return (
            f"Study plan: {days} day{'s' if days != 1 else ''} to your interview on "
            f"{self.interview:%a %d %b %Y}; {hours} a week as {self.sessions_per_week} "
            f"session{'s' if self.sessions_per_week != 1 else ''} of about "
            f"{self.session_minutes} min."
        )

    def _done(self) -> str:
        return (
            f"Already done, so not planned again: {self.done_lessons} lesson"
            f"{'s' if self.done_lessons != 1 else ''}, {self.done_exercises} exercise"
            f"{'s' if self.done_exercises != 1 else ''}."
        )

    def _unplanned(self) -> str | None:
        if not self.unplanned:
            return None
        minutes = sum(item.minutes for item in self.unplanned)
        return (
            f"Does not fit before the interview ({len(self.unplanned)} items, about "
            f"{math.ceil(minutes / 60)} h): "
            + "; ".join(item.title for item in self.unplanned)
            + ". Add hours a week, or skip what you know."
        )

    def groups(self) -> list[tuple[list[PlanDay], bool]]:
        """Return the sessions grouped: runs of identical practice sessions become one group.

        Returns
        -------
        list of (list of PlanDay, bool)
            Each group and whether it is a run of identical practice sessions.
        """
        groups: list[tuple[list[PlanDay], bool]] = []
        for day in self.days:
            routine = all(item.kind in ("cards", "practice") for item in day.items)
            if (
                routine
                and groups
                and groups[-1][1]
                and groups[-1][0][-1].items == day.items
                and groups[-1][0][-1].last_week == day.last_week
            ):
                groups[-1][0].append(day)
            else:
                groups.append(([day], routine))
        return groups

    def _where(self, item: PlanItem) -> str:
        if item.path:
            return _link(item.path, self.root, self.base)
        return item.command or ""

    def text(self) -> str:
        """Return the plan as plain text, one block per session."""
        lines = [self._headline(), self._done(), ""]
        for days, _ in self.groups():
            first = days[0]
            when = f"{first.day:%a %d %b}"
            if len(days) > 1:
                when = f"{first.day:%a %d %b} to {days[-1].day:%a %d %b} ({len(days)} sessions)"
            marker = "  (last week)" if first.last_week else ""
            lines.append(f"{when}: {first.minutes} min{' each' if len(days) > 1 else ''}{marker}")
            for item in first.items:
                where = self._where(item)
                suffix = f": {where}" if where else ""
                lines.append(f"  - {item.title} ({item.minutes} min){suffix}")
        note = self._unplanned()
        if note:
            lines += ["", note]
        return "\n".join(lines)

    def markdown(self) -> str:
        """Return the plan as a Markdown table, with links to the notebooks."""
        lines = [f"**{self._headline()}** {self._done()}", ""]
        lines += ["| Day | What | Minutes | Open or run |", "|---|---|---|---|"]
        for days, _ in self.groups():
            first = days[0]
            when = f"{first.day:%a %d %b}"
            if len(days) > 1:
                when += f" to {days[-1].day:%a %d %b} ({len(days)} sessions)"
            if first.last_week:
                when += " · last week"
            for i, item in enumerate(first.items):
                if item.path:
                    name = item.path.rsplit("/", 1)[-1]
                    where = f"[{name}]({_link(item.path, self.root, self.base)})"
                else:
                    where = f"`{item.call}`" if item.call else ""
                title = item.title.replace("|", "\\|")
                lines.append(f"| {when if i == 0 else ''} | {title} | {item.minutes} | {where} |")
        note = self._unplanned()
        if note:
            lines += ["", note]
        return "\n".join(lines) + "\n"

    def html(self) -> str:
        """Return the plan as an HTML table (text escaped), for widgets and reports."""
        rows = []
        for days, _ in self.groups():
            first = days[0]
            when = f"{first.day:%a %d %b}"
            if len(days) > 1:
                when += f" to {days[-1].day:%a %d %b} ({len(days)} sessions)"
            for i, item in enumerate(first.items):
                rows.append(
                    f"<tr><td>{html.escape(when) if i == 0 else ''}</td>"
                    f"<td>{html.escape(item.title)}</td><td>{item.minutes}</td></tr>"
                )
        return (
            f"<p><b>{html.escape(self._headline())}</b></p><table><thead><tr><th>Day</th>"
            f"<th>What</th><th>Minutes</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
        )

    def json(self) -> dict[str, Any]:
        """Return the plan as JSON types (paths relative to the workbook)."""

        def item(i: PlanItem) -> dict[str, Any]:
            return {
                "kind": i.kind,
                "title": i.title,
                "minutes": i.minutes,
                "path": i.path,
                "call": i.call,
                "command": i.command,
            }

        return {
            "today": self.today.isoformat(),
            "interview": self.interview.isoformat(),
            "hours_per_week": self.hours_per_week,
            "sessions_per_week": self.sessions_per_week,
            "session_minutes": self.session_minutes,
            "done": {"lessons": self.done_lessons, "exercises": self.done_exercises},
            "days": [
                {
                    "day": d.day.isoformat(),
                    "last_week": d.last_week,
                    "items": [item(i) for i in d.items],
                }
                for d in self.days
            ],
            "unplanned": [item(i) for i in self.unplanned],
        }

    def __str__(self) -> str:
        return self.text()

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        return {"text/plain": self.text(), "text/markdown": self.markdown()}


def _interview_date(interview: Any, today: date) -> date:
    day = interview
    if isinstance(interview, str):
        try:
            day = date.fromisoformat(interview.strip())
        except ValueError:
            raise InputError(
                "interview", f"write the date as YYYY-MM-DD (e.g. 2027-01-15), got {interview!r}"
            ) from None
    elif isinstance(interview, datetime):
        day = interview.date()
    if not isinstance(day, date):
        raise InputError("interview", f"must be a date like '2027-01-15', got {interview!r}")
    if day <= today:
        raise InputError(
            "interview", f"must be after today ({today.isoformat()}), got {day.isoformat()}"
        )
    return day


def _hours(hours_per_week: Any) -> float:
    if (
        isinstance(hours_per_week, bool)
        or not isinstance(hours_per_week, int | float)
        or not math.isfinite(hours_per_week)
        or not 0.5 <= hours_per_week <= 80
    ):
        raise InputError(
            "hours_per_week", f"must be a number of hours from 0.5 to 80, got {hours_per_week!r}"
        )
    return float(hours_per_week)


def _sessions(weekly_minutes: float) -> int:
    """Sessions a week: every day if a day holds ``SESSION_MINUTES``, else fewer, longer ones."""
    if weekly_minutes / 7 >= SESSION_MINUTES:
        return 7
    return max(1, min(7, round(weekly_minutes / 45)))


def _session_days(today: date, end: date, per_week: int) -> list[date]:
    """Return the study days from ``today`` to the day before ``end``, ``per_week`` in 7."""
    offsets = sorted({math.floor(i * 7 / per_week) for i in range(per_week)})
    days = []
    for start in range(0, (end - today).days, 7):
        for offset in offsets:
            day = today + timedelta(days=start + offset)
            if day < end:
                days.append(day)
    return days


def _work(material: Material, facts: Facts) -> PlanItem:
    if material.kind == "lesson":
        return PlanItem("lesson", f"Lesson: {material.title}", material.minutes, material.path)
    if facts.tried(material):
        right, total = facts.right(material), len(material.items)
        return PlanItem(
            "exercise",
            f"Finish ({right} of {total} answers right so far): {material.title}",
            max(MIN_BLOCK, math.ceil(material.minutes / 2)),
            material.path,
        )
    # Exercise titles say what they are ("Exercise: ...", "Mock interview: ...").
    return PlanItem("exercise", material.title, material.minutes, material.path)


_CARDS = PlanItem(
    "cards", "Flashcards: review what is due", CARD_MINUTES, None, "review()", "tpmprep review"
)
_PRACTICE = PlanItem(
    "practice",
    "Practice: a quiz on your weakest theme, or an exercise again with a new seed "
    "(next() says which)",
    0,
    None,
    "next()",
    "tpmprep next",
)


def _overrun(budget: int) -> int:
    """How far a session may run over its budget to finish a piece (10%, at least 5 minutes)."""
    return max(5, budget // 10)


def _split(items: list[PlanItem], budget: int) -> list[PlanItem]:
    """Cut every piece longer than a session into equal parts that each fit one."""
    cut: list[PlanItem] = []
    for item in items:
        if item.minutes <= budget + _overrun(budget):
            cut.append(item)
            continue
        parts = math.ceil(item.minutes / budget)
        minutes = math.ceil(item.minutes / parts)
        cut += [
            replace(item, title=f"{item.title} (part {k} of {parts})", minutes=minutes)
            for k in range(1, parts + 1)
        ]
    return cut


def _fill(budget: int, queue: list[PlanItem]) -> list[PlanItem]:
    """Take pieces from the head of ``queue`` while they fit in ``budget`` minutes."""
    items: list[PlanItem] = []
    slack = _overrun(budget)
    while queue and budget >= MIN_BLOCK and queue[0].minutes <= budget + slack:
        head = queue.pop(0)
        items.append(head)
        budget -= head.minutes
    return items


def study_plan(
    materials: Sequence[Material],
    facts: Facts,
    interview: date | datetime | str,
    hours_per_week: float,
) -> StudyPlan:
    """Lay out the study sessions from today to the day before the interview.

    Every session starts with the flashcards due. Before the last week, sessions take the
    lessons and exercises not done yet, in the workbook's order (an exercise tried but not all
    right comes first, as "finish"); a piece bigger than a session is split. In the last week,
    every other session is a timed mock interview (the kind done least recently first) and the
    others a quiz on the weakest theme plus what is left. Sessions with nothing left to learn are
    practice. What does not fit is listed, never silently dropped.

    Parameters
    ----------
    materials : list of Material
        The lessons and exercises, in the workbook's order.
    facts : Facts
        From :func:`read_facts`; ``facts.now`` is today.
    interview : date, datetime or str
        The interview's day (``"2027-01-15"``); must be after today.
    hours_per_week : float
        Hours a week for study, 0.5 to 80.

    Returns
    -------
    StudyPlan

    Raises
    ------
    InputError
        When the interview is not a date after today, or the hours are out of range.
    """
    from tpmprep.practice.mock import KINDS

    today = facts.now.astimezone().date()
    end = _interview_date(interview, today)
    hours = _hours(hours_per_week)
    weekly = hours * 60
    per_week = _sessions(weekly)
    session = max(MIN_BLOCK, round(weekly / per_week))
    cards = replace(_CARDS, minutes=min(CARD_MINUTES, max(5, session // 4)))
    done = [m for m in materials if facts.done(m)]
    unfinished = [
        m for m in materials if m.kind == "exercise" and facts.tried(m) and m not in done
    ]
    fresh = [m for m in materials if m not in done and m not in unfinished]
    queue = _split([_work(m, facts) for m in unfinished + fresh], session - cards.minutes)
    last_week = end - timedelta(days=MOCK_EVERY_DAYS)
    weakest = _weakest(facts)
    mocks = sorted(
        KINDS,
        key=lambda k: (facts.last_mock.get(k, datetime.min.replace(tzinfo=UTC)), KINDS.index(k)),
    )
    days: list[PlanDay] = []
    mock_turn = 0
    for day in _session_days(today, end, per_week):
        budget = session - cards.minutes
        in_last_week = day >= last_week
        items = [cards]
        if in_last_week and (mock_turn == 0 or days[-1].items[-1].kind != "mock"):
            kind = mocks[mock_turn % len(mocks)]
            mock_turn += 1
            items.append(
                PlanItem(
                    "mock",
                    f"Mock interview, timed: {kind}",
                    _mock_minutes(kind),
                    None,
                    f'mock("{kind}")',
                    f"tpmprep mock {kind}",
                )
            )
        else:
            if in_last_week and weakest is not None:
                theme = weakest[0]
                items.append(
                    PlanItem(
                        "quiz",
                        f"Quiz: {_TITLES[theme]} (your weakest theme)",
                        QUIZ_MINUTES,
                        None,
                        f'quiz("{theme}")',
                        f"tpmprep quiz {theme}",
                    )
                )
                budget -= QUIZ_MINUTES
            work = _fill(budget, queue)
            items += work
            if not work and not queue and len(items) == 1:
                items.append(replace(_PRACTICE, minutes=max(budget, MIN_BLOCK)))
        days.append(PlanDay(day, tuple(items), in_last_week))
    return StudyPlan(
        today=today,
        interview=end,
        hours_per_week=hours,
        sessions_per_week=per_week,
        session_minutes=session,
        days=tuple(days),
        unplanned=tuple(queue),
        done_lessons=sum(1 for m in done if m.kind == "lesson"),
        done_exercises=sum(1 for m in done if m.kind == "exercise"),
    )

