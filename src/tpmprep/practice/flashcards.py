"""Flashcards: a YAML deck, validated, and scheduled by spaced repetition (FSRS).

The deck is ``tpmprep/banks/flashcards.yaml`` (or any file of the same shape)::

    cards:
      - id: card-round-trip-datacenter   # unique; lowercase, digits, hyphens
        theme: estimation                # a slug from tpmprep.themes
        front: "How long is a round trip within one datacenter?"   # a question: ends with "?"
        back: "about 0.5 ms"
        source: "Jeff Dean, Numbers Everyone Should Know, 2009"   # required when back has a number
        level: core                      # or low-value: shown only on request (optional)

Each review is rated Again, Hard, Good or Easy; the `fsrs` library (version 6) computes when the
card is next due. The schedule (``fsrs.Card.to_dict()``) lives in the progress store's ``cards``
table, so it persists across kernels; a card never reviewed is new.

As in Anki, new cards are introduced at most ``new_per_day`` a day (default 20; the
``TPMPREP_NEW_CARDS_PER_DAY`` environment variable or a call's ``new_per_day`` changes it), while
reviews of cards already seen are never limited. Cards of little use to a TPM (per-instruction CPU
latencies) are ``level: low-value`` and are left out unless asked for
(``review(include_low_value=True)``, ``tpmprep review --all``).
"""

from __future__ import annotations

import functools
import itertools
import os
import re
import zlib
from collections.abc import Sequence
from datetime import UTC, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from tpmprep.exceptions import BankError, InputError
from tpmprep.themes import THEMES

if TYPE_CHECKING:
    import fsrs

    from tpmprep.practice.store import ProgressStore

__all__ = [
    "DECK_PATH",
    "LEVELS",
    "NEW_PER_DAY",
    "NEW_PER_DAY_VARIABLE",
    "RATINGS",
    "Card",
    "due_cards",
    "introduced_today",
    "load_deck",
    "new_cards_per_day",
    "next_due",
    "rate",
    "start_of_day",
    "validate_deck",
]

DECK_PATH = Path(__file__).resolve().parents[1] / "banks" / "flashcards.yaml"
RATINGS = ("again", "hard", "good", "easy")  # fsrs.Rating 1..4
LEVELS = ("core", "low-value")
NEW_PER_DAY = 20  # new cards introduced a day, Anki's default
NEW_PER_DAY_VARIABLE = "TPMPREP_NEW_CARDS_PER_DAY"
_ID = r"^[a-z0-9]+(-[a-z0-9]+)*$"


class Card(BaseModel):
    """One flashcard: a question on the front, the answer on the back.

    Attributes
    ----------
    id : str
        Unique across the deck; lowercase letters, digits and hyphens.
    theme : str
        A theme slug from ``tpmprep.themes``.
    front, back : str
        The question (ending with "?") and the answer (plain text; never rendered as HTML).
    source : str or None
        Where the fact comes from; required when the back states a number.
    level : str
        ``core`` (the default) or ``low-value``: a fact of little use to a TPM, reviewed only
        when asked for.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=_ID)
    theme: str
    front: str = Field(min_length=1)
    back: str = Field(min_length=1)
    source: str | None = None
    level: Literal["core", "low-value"] = "core"

    @field_validator("theme")
    @classmethod
    def _known_theme(cls, value: str) -> str:
        slugs = [t.slug for t in THEMES]
        if value not in slugs:
            raise ValueError(f"unknown theme {value!r}; use one of: {', '.join(slugs)}")
        return value

    @field_validator("front", "back", "source")
    @classmethod
    def _not_blank(cls, value: str | None) -> str | None:
        if value is not None and not value.strip():
            raise ValueError("must not be blank")
        return value.strip() if value is not None else None

    @field_validator("front")
    @classmethod
    def _a_question(cls, value: str) -> str:
        if not value.endswith("?"):
            raise ValueError(f'must be a question ending with "?", got {value!r}')
        return value

    @model_validator(mode="after")
    def _number_needs_source(self) -> Card:
        if self.source is None and re.search(r"\d", self.back):
            raise ValueError("source: required because the back states a number; cite it")
        return self


def _problems_for(raw: Any, index: int, name: str) -> tuple[Card | None, list[str]]:
    where = f"{name}: card {raw.get('id')}" if isinstance(raw, dict) and raw.get("id") else None
    where = where or f"{name}: card #{index + 1}"
    if not isinstance(raw, dict):
        return None, [f"{where}: card: must be a mapping of fields, got {type(raw).__name__}"]
    try:
        return Card.model_validate(raw), []
    except ValidationError as err:
        lines = []
        for e in err.errors():
            field = ".".join(str(p) for p in e["loc"]) or "card"
            message = e["msg"].removeprefix("Value error, ")
            if e["type"] == "extra_forbidden":
                message = "unknown field; a card has id, theme, front, back, source, level"
            elif e["type"] == "literal_error":
                message = f"use one of: {', '.join(LEVELS)}; got {e['input']!r}"
            elif e["type"] == "string_pattern_mismatch":
                message = "use lowercase letters, digits and single hyphens"
            if message.startswith("source: "):
                field, message = "source", message.removeprefix("source: ")
            lines.append(f"{where}: {field}: {message}")
        return None, lines


def _parse(path: Path) -> tuple[list[Card], list[str]]:
    from tpmprep.documents import read_yaml

    name = str(path)
    data, problems = read_yaml(path)
    if problems:
        return [], problems
    if not isinstance(data, dict) or not isinstance(data.get("cards"), list) or not data["cards"]:
        return [], [f"{name}: cards: expected a top-level 'cards:' list with at least one card"]
    problems = [
        f"{name}: {key}: unknown top-level field; a deck has only 'cards'"
        for key in data
        if key != "cards"
    ]
    cards: list[Card] = []
    seen: dict[str, int] = {}
    for index, raw in enumerate(data["cards"]):
        card, found = _problems_for(raw, index, name)
        problems += found
        if card is None:
            continue
        if card.id in seen:
            problems.append(
                f"{name}: card {card.id}: id: duplicate (also card #{seen[card.id] + 1}); "
                "ids must be unique"
            )
            continue
        seen[card.id] = index
        cards.append(card)
    return cards, problems


def validate_deck(path: str | Path | None = None) -> list[str]:
    """Return the deck's problems, one line each naming the file, the card id and the field.

    Parameters
    ----------
    path : str or Path or None
        The deck; ``None`` for the built-in ``DECK_PATH``.

    Returns
    -------
    list of str
        Empty when the deck is valid.
    """
    return _parse(Path(path) if path is not None else DECK_PATH)[1]


@functools.lru_cache(maxsize=8)
def _load(path: Path, mtime_ns: int) -> tuple[Card, ...]:
    cards, problems = _parse(path)
    if problems:
        raise BankError(problems)
    return tuple(cards)


def load_deck(path: str | Path | None = None) -> list[Card]:
    """Load and validate a deck.

    Parameters
    ----------
    path : str or Path or None
        The deck; ``None`` for the built-in one (an absent built-in deck is an empty deck).

    Returns
    -------
    list of Card

    Raises
    ------
    BankError
        When the file is missing (given explicitly) or invalid, with one line per problem.
    """
    deck = Path(path) if path is not None else DECK_PATH
    try:
        mtime = deck.stat().st_mtime_ns
    except OSError:
        if path is None:
            return []
        raise BankError(
            [f"{deck}: file: not found; give the path of a flashcards YAML file"]
        ) from None
    return list(_load(deck.resolve(), mtime))


# -- scheduling ---------------------------------------------------------------------------------


@functools.cache
def _scheduler() -> fsrs.Scheduler:
    import fsrs

    # No fuzzing: the same ratings at the same times give the same schedule.
    return fsrs.Scheduler(enable_fuzzing=False)


def _store(store: ProgressStore | None) -> ProgressStore:
    if store is not None:
        return store
    from tpmprep.practice.store import default_store

    return default_store()


def _fsrs_card(card: Card, state: dict[str, Any] | None) -> fsrs.Card:
    import fsrs

    if state is not None:
        return fsrs.Card.from_dict(state)
    return fsrs.Card(card_id=zlib.crc32(card.id.encode()), due=datetime(1970, 1, 1, tzinfo=UTC))


def _check_theme(theme: str | None) -> None:
    slugs = [t.slug for t in THEMES]
    if theme is not None and theme not in slugs:
        raise InputError("theme", f"unknown theme {theme!r}; use one of: {', '.join(slugs)}")


def next_due(card: Card, store: ProgressStore | None = None) -> datetime | None:
    """Return when ``card`` is next due, or ``None`` if it was never reviewed.

    Parameters
    ----------
    card : Card
        A card of the deck.
    store : ProgressStore or None
        Where the schedule lives; ``None`` for the default store.

    Returns
    -------
    datetime or None
    """
    state = _store(store).card_states().get(card.id)
    return None if state is None else datetime.fromisoformat(state["due"])


def new_cards_per_day(value: Any = None) -> int:
    """Return how many new cards may be introduced a day.

    Parameters
    ----------
    value : int or None
        The limit for this call; ``None`` reads ``$TPMPREP_NEW_CARDS_PER_DAY``, else 20.

    Returns
    -------
    int
        A whole number, 0 or more (0: no new cards, reviews only).

    Raises
    ------
    InputError
        When the value (or the environment variable) is not a whole number of 0 or more.
    """
    field = "new_per_day"
    if value is None:
        text = os.environ.get(NEW_PER_DAY_VARIABLE, "").strip()
        if not text:
            return NEW_PER_DAY
        field = NEW_PER_DAY_VARIABLE
        try:
            value = int(text)
        except ValueError:
            value = text
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InputError(
            field, f"must be a whole number of new cards a day (0 or more), got {value!r}"
        )
    return value


def start_of_day(now: datetime) -> datetime:
    """Return local midnight of the day ``now`` falls on (a flashcard day), in UTC.

    Parameters
    ----------
    now : datetime
        A time-zone-aware time.

    Returns
    -------
    datetime
    """
    local = now.astimezone()
    return datetime.combine(local.date(), time(), tzinfo=local.tzinfo).astimezone(UTC)


def introduced_today(store: ProgressStore | None = None, now: datetime | None = None) -> set[str]:
    """Return the ids of the cards first reviewed today (they count against the new-card limit).

    Parameters
    ----------
    store : ProgressStore or None
        Where the reviews are; ``None`` for the default store.
    now : datetime or None
        The time that says which day it is; ``None`` for now.

    Returns
    -------
    set of str
    """
    since = start_of_day(now or datetime.now(UTC))
    first = _store(store).first_recorded("card:")
    return {
        item.removeprefix("card:")
        for item, at in first.items()
        if datetime.fromisoformat(at) >= since
    }


def due_cards(
    n: int | None = None,
    theme: str | None = None,
    *,
    store: ProgressStore | None = None,
    now: datetime | None = None,
    deck: Sequence[Card] | str | Path | None = None,
    new_per_day: int | None = None,
    include_low_value: bool = False,
) -> list[Card]:
    """Return the cards due: overdue ones first (oldest first), then today's new ones.

    Cards already seen are due when their schedule says so, without limit. New cards are
    introduced at most ``new_per_day`` a day (counting those first reviewed earlier today),
    mixed across themes.

    Parameters
    ----------
    n : int or None
        At most this many cards; ``None`` for all.
    theme : str or None
        Only cards of this theme slug.
    store : ProgressStore or None
        Where the schedule lives; ``None`` for the default store.
    now : datetime or None
        The time to compare with (UTC); ``None`` for now.
    deck : list of Card, path or None
        The cards, or a deck file; ``None`` for the built-in deck.
    new_per_day : int or None
        New cards a day; ``None`` for ``$TPMPREP_NEW_CARDS_PER_DAY`` or 20 (see
        :func:`new_cards_per_day`).
    include_low_value : bool
        Also the cards of ``level: low-value`` (per-instruction CPU latencies and the like).

    Returns
    -------
    list of Card

    Raises
    ------
    InputError
        When ``n`` is not a positive integer, ``theme`` is not a theme slug or the new-card
        limit is not a whole number of 0 or more.
    BankError
        When the deck file is invalid.
    """
    if n is not None and (isinstance(n, bool) or not isinstance(n, int) or n < 1):
        raise InputError("n", f"must be a positive whole number of cards, got {n!r}")
    _check_theme(theme)
    limit = new_cards_per_day(new_per_day)
    cards = list(deck) if isinstance(deck, list | tuple) else load_deck(deck)
    now = now or datetime.now(UTC)
    target = _store(store)
    states = target.card_states()
    overdue, new = [], []
    for card in cards:
        if theme is not None and card.theme != theme:
            continue
        if card.level == "low-value" and not include_low_value:
            continue
        state = states.get(card.id)
        if state is None:
            new.append(card)
        elif datetime.fromisoformat(state["due"]) <= now:
            overdue.append((state["due"], card))
    allowed = max(limit - len(introduced_today(target, now)), 0) if new else 0
    due = [card for _, card in sorted(overdue, key=lambda pair: pair[0])]
    due += _interleave(new)[:allowed]
    return due if n is None else due[:n]


def _interleave(cards: list[Card]) -> list[Card]:
    """Mix new cards across themes (round robin, deck order within a theme)."""
    by_theme: dict[str, list[Card]] = {}
    for card in cards:
        by_theme.setdefault(card.theme, []).append(card)
    mixed: list[Card] = []
    for row in itertools.zip_longest(*by_theme.values()):
        mixed += [card for card in row if card is not None]
    return mixed


def _rating(rating: Any) -> fsrs.Rating:
    import fsrs

    if isinstance(rating, fsrs.Rating):
        return rating
    if isinstance(rating, str) and rating.strip().lower() in RATINGS:
        return fsrs.Rating(RATINGS.index(rating.strip().lower()) + 1)
    if isinstance(rating, int) and not isinstance(rating, bool) and 1 <= rating <= 4:
        return fsrs.Rating(rating)
    raise InputError("rating", f"use again, hard, good or easy (or 1-4), got {rating!r}")


def rate(
    card: Card,
    rating: Any,
    *,
    store: ProgressStore | None = None,
    now: datetime | None = None,
) -> fsrs.Card:
    """Record a review of ``card`` and reschedule it.

    Parameters
    ----------
    card : Card
        The card reviewed.
    rating : fsrs.Rating, str or int
        Again, Hard, Good or Easy (names are case-insensitive; 1-4 also accepted).
    store : ProgressStore or None
        Where the schedule lives; ``None`` for the default store.
    now : datetime or None
        When the review happened (UTC); ``None`` for now.

    Returns
    -------
    fsrs.Card
        The card's new schedule (``.due`` is the next review).

    Raises
    ------
    InputError
        When ``rating`` is not one of the four ratings.
    """
    import fsrs

    grade = _rating(rating)
    target = _store(store)
    state = target.card_states().get(card.id)
    when = now or datetime.now(UTC)
    updated, _log = _scheduler().review_card(_fsrs_card(card, state), grade, review_datetime=when)
    target.record_review(
        card.id,
        updated.to_dict(),
        grade >= fsrs.Rating.Good,
        answer=grade.name.lower(),
        recorded_at=when,
        theme=card.theme,
        kind="card",
        due=updated.due.isoformat(),
    )
    return updated


def headless_text(cards: Sequence[Card], theme: str | None = None) -> str:
    """Return the text that stands for the review panel: the fronts only, never the backs.

    Parameters
    ----------
    cards : list of Card
        The due cards.
    theme : str or None
        The theme filter, mentioned in the heading.

    Returns
    -------
    str
    """
    scope = f" ({theme})" if theme else ""
    if not cards:
        return f"Flashcards{scope}: none due. Come back later."
    lines = [f"Flashcards{scope}: {len(cards)} due"]
    lines += [f"  {i}. {card.front}" for i, card in enumerate(cards, 1)]
    lines.append("Answers stay hidden here: review in JupyterLab or run `tpmprep review`.")
    return "\n".join(lines)
