"""Match a candidate's answer to a question: a verdict, a score and one line of feedback.

* single choice: exact; multiple choice: all and only the right choices (partial credit is
  reported in ``score`` but is not "correct");
* numeric and estimate: :func:`tpmprep.judging.judge` with ``Tolerance(rel=tolerance)`` or
  ``Tolerance(factor=factor)``; a bare number is read in the expected unit, and a dimension
  mismatch is explained;
* ordering: the exact order; feedback names the positions already right;
* text: self-assessed; the candidate ticks the rubric points their answer covered, and it is
  correct when every point is ticked.

Feedback never states the expected value: the explanation (shown after a submission) and
"show answer" are the places that reveal it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from tpmprep.exceptions import InputError
from tpmprep.judging import Verdict

__all__ = [
    "Result",
    "match",
    "read_letters",
    "read_numbers",
]

LETTERS = "ABCDEF"


@dataclass(frozen=True)
class Result:
    """The verdict on one answer to one question.

    Attributes
    ----------
    verdict : str
        ``"correct"``, ``"partial"`` (some right choices, rubric points or positions),
        ``"incorrect"``, ``"invalid"`` (unreadable; ask again) or ``"unanswered"``.
    score : float
        Credit from 0 to 1 (1 only when correct).
    feedback : str
        One or two sentences for the candidate; never the expected value.
    answer : str
        The answer as given, in words (``"B"``, ``"A, C"``, ``"3.6 GB"``, ``"3 1 2"``).
    details : dict
        Extra facts worth recording (``positions_right``, ``rubric_ticked``, ...).
    """

    verdict: str
    score: float
    feedback: str
    answer: str = ""
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def correct(self) -> bool:
        """Whether the answer is fully right."""
        return self.verdict == Verdict.CORRECT

    @property
    def submitted(self) -> bool:
        """Whether this was a real answer (one worth recording), not blank or unreadable."""
        return self.verdict not in (Verdict.INVALID, Verdict.UNANSWERED)


def read_letters(text: str, count: int) -> list[int]:
    """Read choice letters such as ``"b"``, ``"A C"`` or ``"a,c"`` as 0-based indices.

    Parameters
    ----------
    text : str
        What the candidate typed.
    count : int
        How many choices there are.

    Returns
    -------
    list of int
        Indices in the order typed, without repeats.

    Raises
    ------
    InputError
        When a letter is not one of the choices (``parameter`` is ``"answer"``).
    """
    valid = LETTERS[:count]
    tokens = [t for t in re.split(r"[\s,;]+", text.strip().upper()) if t]
    if len(tokens) == 1 and len(tokens[0]) > 1 and set(tokens[0]) <= set(valid):
        tokens = list(tokens[0])  # "AC"
    indices: list[int] = []
    for token in tokens:
        if len(token) != 1 or token not in valid:
            raise InputError(
                "answer", f"{token!r} is not a choice; type letters {', '.join(valid)}"
            )
        if LETTERS.index(token) not in indices:
            indices.append(LETTERS.index(token))
    if not indices:
        raise InputError("answer", f"type a letter, one of {', '.join(valid)}")
    return indices


def read_numbers(text: str, count: int, *, permutation: bool) -> list[int]:
    """Read 1-based numbers such as ``"3 1 2"`` as 0-based indices.

    Parameters
    ----------
    text : str
        What the candidate typed (numbers separated by spaces or commas; may be empty when
        ``permutation`` is false).
    count : int
        The numbers allowed are 1 to ``count``.
    permutation : bool
        Require each number exactly once (an order of ``count`` steps).

    Returns
    -------
    list of int

    Raises
    ------
    InputError
        When a token is not a number in range, or the numbers are not a permutation.
    """
    tokens = [t for t in re.split(r"[\s,;]+", text.strip()) if t]
    indices = []
    for token in tokens:
        if not token.isdigit() or not 1 <= int(token) <= count:
            raise InputError("answer", f"{token!r} is not a number from 1 to {count}")
        indices.append(int(token) - 1)
    if len(set(indices)) != len(indices):
        raise InputError("answer", "a number appears twice; give each once")
    if permutation and len(indices) != count:
        raise InputError("answer", f"give all {count} numbers, each once, e.g. '{_example(count)}'")
    return indices


def _example(count: int) -> str:
    return " ".join(str(i) for i in [*range(2, count + 1), 1])


def _choices(question: Any, given: Any) -> Result:
    if given is None or given is Ellipsis or given == [] or given == ():
        return Result(Verdict.UNANSWERED, 0.0, "Choose an answer first.")
    picked = [given] if isinstance(given, int) else list(given)
    count = len(question.choices)
    if any(isinstance(i, bool) or not isinstance(i, int) or not 0 <= i < count for i in picked):
        return Result(Verdict.INVALID, 0.0, f"Pick choices by number 0 to {count - 1}.")
    picked = sorted(set(picked))
    shown = ", ".join(LETTERS[i] for i in picked)
    right = {question.answer} if question.type == "single" else set(question.answer)
    if question.type == "single" and len(picked) != 1:
        return Result(Verdict.INVALID, 0.0, "Pick exactly one choice.", shown)
    hits, wrong = len(right & set(picked)), len(set(picked) - right)
    if hits == len(right) and not wrong:
        return Result(Verdict.CORRECT, 1.0, "Correct.", shown)
    if question.type == "single":
        return Result(Verdict.INCORRECT, 0.0, "Not this one.", shown)
    score = max(0.0, (hits - wrong) / len(right))
    parts = [f"{hits} of the {len(right)} right choices"]
    if wrong:
        parts.append(f"{wrong} wrong choice{'s' if wrong > 1 else ''}")
    verdict = Verdict.PARTIAL if score > 0 else Verdict.INCORRECT
    return Result(
        verdict,
        score,
        f"Not quite: you picked {' and '.join(parts)}. All and only the right ones count.",
        shown,
        {"right_picked": hits, "wrong_picked": wrong},
    )


_BARE_NUMBER = re.compile(r"^[+-]?(\d[\d,]*(\.\d*)?|\.\d+)([eE][+-]?\d+)?[KMBT]?$")


def _quantity(question: Any, given: Any) -> Result:
    from tpmprep.judging import Tolerance, judge
    from tpmprep.units import Q

    if isinstance(given, str):
        text = given.strip()
        if not text:
            return Result(Verdict.UNANSWERED, 0.0, "Type an answer first, with its unit.")
        if _BARE_NUMBER.match(text):
            given = float(Q(text.replace(",", "")).magnitude)  # a bare number: expected unit
    if given is None or given is Ellipsis:
        return Result(Verdict.UNANSWERED, 0.0, "Type an answer first, with its unit.")
    if question.type == "numeric":
        tolerance = Tolerance(rel=question.tolerance)
    else:
        tolerance = Tolerance(factor=question.factor)
    judgement = judge(given, question.expected, tolerance)
    shown = given if isinstance(given, str) else f"{given:g}"
    details = {"value": judgement.value, "tolerance": str(tolerance)}
    note = f" ({judgement.note})" if judgement.note else ""
    band = str(tolerance) if question.type == "estimate" else f"within {tolerance}"
    if judgement.verdict == "correct":
        return Result(Verdict.CORRECT, 1.0, f"Correct, {band}{note}.", str(shown), details)
    if judgement.verdict in ("invalid", "unanswered"):
        verdict = Verdict.INVALID if judgement.verdict == "invalid" else Verdict.UNANSWERED
        return Result(verdict, 0.0, _sentence(judgement.reason), str(shown))
    reason = _sentence(judgement.reason)
    return Result(Verdict.INCORRECT, 0.0, f"Not {band}: {reason}{note}", str(shown), details)


def _sentence(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:] if text else text


def _ordering(question: Any, given: Any) -> Result:
    if not given:
        return Result(Verdict.UNANSWERED, 0.0, "Put the steps in order first.")
    steps = list(given)
    if sorted(steps) != sorted(question.answer):
        return Result(Verdict.INVALID, 0.0, "Use every step exactly once.")
    right = [i + 1 for i, (a, b) in enumerate(zip(steps, question.answer, strict=True)) if a == b]
    shown = " | ".join(steps)
    details = {"positions_right": right}
    n = len(question.answer)
    if len(right) == n:
        return Result(Verdict.CORRECT, 1.0, "Correct: every step is in its place.", shown, details)
    if right:
        where = ", ".join(str(p) for p in right)
        feedback = f"Not quite: {len(right)} of {n} steps in place (position {where})."
    else:
        feedback = f"Not quite: none of the {n} steps is in its place yet."
    verdict = Verdict.PARTIAL if right else Verdict.INCORRECT
    return Result(verdict, len(right) / n, feedback, shown, details)


def _text(question: Any, given: Any) -> Result:
    count = len(question.rubric)
    if given is None or given is Ellipsis:
        return Result(Verdict.UNANSWERED, 0.0, "Tick the rubric points your answer covered.")
    ticks = list(given)
    if len(ticks) == count and all(isinstance(t, bool) for t in ticks):
        ticked = [i for i, t in enumerate(ticks) if t]
    elif all(isinstance(t, int) and not isinstance(t, bool) and 0 <= t < count for t in ticks):
        ticked = sorted(set(ticks))
    else:
        return Result(Verdict.INVALID, 0.0, f"Give {count} ticks (True/False) or rubric indices.")
    details = {"rubric_ticked": len(ticked), "rubric_total": count, "ticked": ticked}
    shown = f"{len(ticked)}/{count} rubric points"
    if len(ticked) == count:
        return Result(Verdict.CORRECT, 1.0, f"All {count} rubric points covered.", shown, details)
    missed = [str(i + 1) for i in range(count) if i not in ticked]
    points = f"point{'s' if len(missed) > 1 else ''} {', '.join(missed)}"
    return Result(
        Verdict.PARTIAL if ticked else Verdict.INCORRECT,
        len(ticked) / count,
        f"{len(ticked)} of {count} rubric points covered; work on {points}.",
        shown,
        details,
    )


_MATCHERS = {
    "single": _choices,
    "multiple": _choices,
    "numeric": _quantity,
    "estimate": _quantity,
    "ordering": _ordering,
    "text": _text,
}


def match(question: Any, given: Any) -> Result:
    """Judge ``given`` as an answer to ``question``.

    Parameters
    ----------
    question : Question
        Any question model from :mod:`tpmprep.quizzes.model`.
    given : Any
        single: a 0-based index; multiple: an iterable of indices; numeric/estimate: text with
        units (``"3.6 GB"``), a number (read in the expected unit) or a pint quantity;
        ordering: the steps in the candidate's order; text: the rubric ticks (one bool per
        point) or the indices of the points ticked. ``None`` or ``...`` is unanswered.

    Returns
    -------
    Result
        Never raises for a bad answer: unreadable input is an ``"invalid"`` verdict.
    """
    if isinstance(given, Iterable) and not isinstance(given, str | bytes) and given is not ...:
        given = list(given)
    return _MATCHERS[question.type](question, given)
