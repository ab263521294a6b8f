"""Attempts as events: scenarios and quizzes publish them, the practice layer subscribes.

A checked exercise answer or a submitted quiz answer is *published* here; whoever keeps
progress *subscribes*. Scenarios and quizzes therefore never touch SQLite (they run, and judge,
with no store at all), and the progress store lives in one place, ``tpmprep.practice``.

The package wires the default subscriber when it is imported (``tpmprep/__init__.py`` names
``tpmprep.practice.store.record_published``), resolved on the first publish so that
``import tpmprep`` stays light. A subscriber that fails never breaks the cell that published:
it warns once and the others still run.
"""

from __future__ import annotations

import importlib
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

__all__ = ["AttemptEvent", "publish", "subscribe", "subscribers", "unsubscribe"]


@dataclass(frozen=True)
class AttemptEvent:
    """One answer given by a candidate.

    Attributes
    ----------
    item : str
        What was answered: ``check:<scenario>:<answer>`` or ``quiz:<question id>``.
    correct : bool
        Whether it was accepted.
    answer : Any
        The answer as given (JSON types, or text).
    details : dict
        ``theme``, ``kind`` (``check`` or ``quiz``) and anything else worth keeping.
    """

    item: str
    correct: bool
    answer: Any = None
    details: dict[str, Any] = field(default_factory=dict)


Subscriber = Callable[[AttemptEvent], Any]

# Each entry is a callable, or "module:function" resolved on first use.
_subscribers: list[Subscriber | str] = []
_warned: set[str] = set()


def subscribe(subscriber: Subscriber | str) -> None:
    """Call ``subscriber(event)`` for every published attempt (a callable or ``"module:name"``)."""
    if subscriber not in _subscribers:
        _subscribers.append(subscriber)


def unsubscribe(subscriber: Subscriber | str) -> None:
    """Stop calling ``subscriber``; unknown subscribers are ignored."""
    if subscriber in _subscribers:
        _subscribers.remove(subscriber)


@contextmanager
def subscribers(*replacement: Subscriber | str) -> Iterator[None]:
    """Within the block, only ``replacement`` hear attempts (none: attempts go nowhere)."""
    saved = list(_subscribers)
    _subscribers[:] = list(replacement)
    try:
        yield
    finally:
        _subscribers[:] = saved


def _resolve(index: int) -> Subscriber:
    entry = _subscribers[index]
    if isinstance(entry, str):
        module, _, name = entry.partition(":")
        entry = getattr(importlib.import_module(module), name)
        _subscribers[index] = entry
    return entry


def publish(event: AttemptEvent) -> bool:
    """Hand ``event`` to every subscriber; return whether all of them took it.

    Never raises: a failing subscriber warns once per kind of failure and the cell goes on.
    """
    ok = True
    for index in range(len(_subscribers)):
        try:
            _resolve(index)(event)
        except Exception as err:  # a subscriber must never break the candidate's cell
            ok = False
            key = f"{type(err).__name__}"
            if key not in _warned:
                _warned.add(key)
                warnings.warn(
                    f"your answer was judged but not saved to your progress ({err}); "
                    "the notebook goes on",
                    RuntimeWarning,
                    stacklevel=2,
                )
    return ok
