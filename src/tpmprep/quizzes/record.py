"""Publish quiz attempts; the practice layer stores them (see ``tpmprep.attempts``)."""

from __future__ import annotations

from typing import Any

from tpmprep.attempts import AttemptEvent, publish

__all__ = ["record_attempt"]


def record_attempt(question: Any, result: Any, *, front_end: str) -> bool:
    """Publish one submitted answer as an attempt on item ``quiz:<question id>``.

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
        Whether the attempt was published and taken. Never raises: a failing subscriber warns
        once and the quiz goes on.
    """
    if not result.submitted:
        return False
    extra = {k: v for k, v in result.details.items() if isinstance(v, int | float | str)}
    details = {
        "theme": question.theme,
        "kind": "quiz",
        "type": question.type,
        "level": question.level,
        "verdict": str(result.verdict),
        "score": result.score,
        "front_end": front_end,
        **extra,
    }
    return publish(AttemptEvent(f"quiz:{question.id}", result.correct, result.answer, details))
