"""Practice: the progress store, flashcards with spaced repetition, mock interviews, progress.

``ProgressStore`` keeps every attempt (quizzes, ``check()``, flashcards, mocks) in one SQLite
file. This layer holds the logic only; the notebook front ends ``review()``, ``mock()`` and
``progress()`` live in ``tpmprep.frontends`` (and on ``tpmprep``), above this layer and the
widgets. Names load on first use so that importing this package stays light.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = [
    "Attempt",
    "ProgressStore",
    "StoryBank",
    "default_store",
]

_LAZY = {
    "Attempt": "tpmprep.practice.store",
    "ProgressStore": "tpmprep.practice.store",
    "default_store": "tpmprep.practice.store",
    "StoryBank": "tpmprep.practice.stories",
}


def __getattr__(name: str) -> Any:
    """Import a public name's module on first use (PEP 562)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'tpmprep.practice' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
