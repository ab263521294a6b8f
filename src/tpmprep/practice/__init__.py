"""Practice: the progress store, flashcards with spaced repetition, mock interviews, progress.

``ProgressStore`` keeps every attempt (quizzes, ``check()``, flashcards, mocks) in one SQLite
file; ``review()`` shows the flashcards that are due. The mock interview and progress functions
share their module's name, so import them from there (or from ``tpmprep``):
``from tpmprep.practice.mock import mock`` and ``from tpmprep.practice.progress import progress``.
Names load on first use so that importing this package stays light.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = [
    "Attempt",
    "ProgressStore",
    "StoryBank",
    "default_store",
    "review",
]

_LAZY = {
    "Attempt": "tpmprep.practice.store",
    "ProgressStore": "tpmprep.practice.store",
    "default_store": "tpmprep.practice.store",
    "review": "tpmprep.practice.flashcards",
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
