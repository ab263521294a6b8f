"""Record quiz attempts in the progress store, never letting a store problem break a quiz."""

from __future__ import annotations

import warnings
from typing import Any

__all__ = ["record_attempt"]

_warned = False


def record_attempt(question: Any, result: Any, *, front_end: str) -> bool:
    """Write one submitted answer to the progress store as item ``quiz:<question id>``.

    Parameters
    ----------
    question : Question
        The question answered.
    result : tpmprep.quizzes.matching.Result
        Its verdict; blank or unreadable answers (``result.submitted`` false) are not recorded.
    front_end : str
        ``"widget"`` or ``"terminal"``, kept with the attempt.

    Returns
    -------
    bool
        Whether the attempt was written. Never raises: a failure warns once per process and
        the quiz goes on.
    """
    global _warned
    if not result.submitted:
        return False
    try:
        from tpmprep.practice.store import default_store

        default_store().record(
            f"quiz:{question.id}",
            result.correct,
            answer=result.answer,
            theme=question.theme,
            kind="quiz",
            type=question.type,
            level=question.level,
            verdict=result.verdict,
            score=result.score,
            front_end=front_end,
            **{k: v for k, v in result.details.items() if isinstance(v, int | float | str)},
        )
    except Exception as err:  # recording must never break the quiz
        if not _warned:
            _warned = True
            warnings.warn(
                f"quiz attempts are not being saved to your progress ({err}); the quiz goes on",
                RuntimeWarning,
                stacklevel=2,
            )
        return False
    return True
