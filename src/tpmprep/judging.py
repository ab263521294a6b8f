"""Judge an answer against an expected quantity: units, tolerance, and a helpful reason.

An answer may be ``...`` (not answered yet), a number (read in the expected unit, and the
feedback says so), a pint quantity, or text with units (``"7K req/s"``). A dimension mismatch
says what was given and what was expected. A wrong answer off by a tell-tale factor (8: bits
and bytes; 1,000: a lost prefix; 86,400: seconds in a day) says so.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from tpmprep.exceptions import InputError, QuantityParseError
from tpmprep.units import Q, describe_dimension, fmt, unit_text

__all__ = ["Judgement", "Tolerance", "Verdict", "judge"]

class Verdict(StrEnum):
    """What became of an answer; the one vocabulary of checks, quizzes, chains and grades.

    A ``StrEnum``: members compare equal to their text, so stored records (``"correct"``)
    and JSON stay plain strings.
    """

    CORRECT = "correct"
    PARTIAL = "partial"  # a multiple-choice answer with some of the right options
    INCORRECT = "incorrect"
    INVALID = "invalid"  # could not be read (wrong dimension, not a number)
    UNANSWERED = "unanswered"  # still ``...``
    FOLLOWS = "follows"  # an estimate step that is wrong, but right given the earlier steps
    NOT_GIVEN = "not given"  # an estimate step the candidate did not write
    TAMPERED = "tampered"  # a graded record whose parameters do not match the manifest


@dataclass(frozen=True)
class Tolerance:
    """How close an answer must be: a relative band (exact facts) or a factor (estimates).

    Parameters
    ----------
    rel : float, optional
        Accept ``|given - expected| <= rel * |expected|`` (0.05 is ±5%).
    factor : float, optional
        Accept ``expected / factor <= given <= expected * factor`` (a log-scale band).
    """

    rel: float | None = None
    factor: float | None = None

    def __post_init__(self) -> None:
        if (self.rel is None) == (self.factor is None):
            raise InputError("tolerance", "give exactly one of rel= or factor=")
        if self.rel is not None and not (0 <= self.rel < 1):
            raise InputError("tolerance.rel", f"must be in [0, 1), got {self.rel!r}")
        if self.factor is not None and not (self.factor > 1 and math.isfinite(self.factor)):
            raise InputError(
                "tolerance.factor", f"must be a finite number > 1, got {self.factor!r}"
            )

    def accepts(self, given: float, expected: float) -> bool:
        """Return whether ``given`` is close enough to ``expected`` (both in the same unit)."""
        if self.rel is not None:
            return abs(given - expected) <= self.rel * abs(expected) * (1 + 1e-12)
        if given <= 0 or expected <= 0:
            return given == expected
        return abs(math.log(given / expected)) <= math.log(self.factor) * (1 + 1e-12)

    def __str__(self) -> str:
        if self.rel is not None:
            return f"±{self.rel * 100:g}%"
        return f"within a factor of {self.factor:g}"


@dataclass(frozen=True)
class Judgement:
    """The verdict on one answer.

    Attributes
    ----------
    verdict : str
        ``"correct"``, ``"incorrect"``, ``"unanswered"`` or ``"invalid"``.
    value : float or None
        The answer in the expected unit, when it could be read.
    reason : str
        One sentence for the candidate (why wrong, or what could not be read).
    note : str
        How the answer was read, when that is worth saying (a bare number).
    """

    verdict: str
    value: float | None = None
    reason: str = ""
    note: str = ""

    @property
    def correct(self) -> bool:
        """Whether the verdict is ``"correct"``."""
        return self.verdict == Verdict.CORRECT


# Factors that betray a specific slip, with the question to ask the candidate.
_TELLTALES = [
    (8.0, "bits and bytes mixed up (a byte is 8 bits)?"),
    (1e3, "a factor of 1,000 lost (K, M, G)?"),
    (1e6, "a factor of a million lost (two prefixes)?"),
    (1e9, "a factor of a billion lost (three prefixes)?"),
    (60.0, "minutes and seconds (or hours and minutes) mixed up?"),
    (3600.0, "hours and seconds mixed up (an hour is 3,600 s)?"),
    (86400.0, "days and seconds mixed up (a day is 86,400 s)?"),
    (24.0, "days and hours mixed up?"),
    (30.0, "days and months mixed up?"),
    (365.0, "days and years mixed up?"),
    (12.0, "months and years mixed up?"),
    (100.0, "a percentage used as a fraction (or the reverse)?"),
]


def _miss_reason(given: float, expected: float) -> str:
    """Say how far off an answer is without giving the expected value away.

    A tell-tale factor (8, 1,000, 86,400, ...) is named when the miss is within 20% of it, so a
    slip on top of napkin rounding (a day taken as 10^5 s) is still recognised; otherwise the
    size of the miss is given in bands, never as an exact factor.
    """
    if expected == 0:
        return "off: check each factor and the formula."
    if given == 0 or (given < 0) != (expected < 0):
        return "the sign or the formula is off: expected a value of the opposite sign or non-zero."
    ratio = given / expected
    direction = "high" if ratio > 1 else "low"
    size = max(ratio, 1 / ratio)
    factor, question = min(_TELLTALES, key=lambda t: abs(math.log(size / t[0])))
    if abs(math.log(size / factor)) < math.log(1.2):
        return f"too {direction} by a factor of about {factor:,.0f}: {question}"
    if size < 1.5:
        return f"close, but too {direction}; check your rounding and each factor."
    if size < 10:
        return f"too {direction}, by a factor between 1.5 and 10: is a factor missing or extra?"
    return f"too {direction} by more than a factor of 10: check the units and the formula."


def _read(given: Any, expected_unit: Any) -> tuple[Any, str]:
    """Read ``given`` as a quantity; a bare number takes the expected unit."""
    import pint

    if isinstance(given, pint.Quantity | str):
        return Q(given), ""
    if isinstance(given, numbers.Real) and not isinstance(given, bool):
        unit = unit_text(expected_unit)
        note = f"a bare number is read in the expected unit, {unit}" if unit else ""
        try:
            return Q(float(given), str(expected_unit)), note
        except OverflowError:
            raise QuantityParseError("answer", "the number is too large to be an answer") from None
    raise QuantityParseError(
        "answer",
        f"expected a number, a quantity or text such as '7K req/s', got {type(given).__name__}",
    )


def judge(given: Any, expected: Any, tolerance: Tolerance) -> Judgement:
    """Judge ``given`` against ``expected``.

    Parameters
    ----------
    given : Any
        The candidate's answer: ``...``, a number, a pint quantity or text with units.
    expected : pint.Quantity
        The right answer, in the unit the feedback should use.
    tolerance : Tolerance
        How close counts as correct.

    Returns
    -------
    Judgement
        Never raises for a bad answer: unreadable input is an ``"invalid"`` verdict.
    """
    expected = Q(expected)
    if given is Ellipsis or given is None:
        reason = "not answered yet: replace ... with your answer."
        return Judgement(Verdict.UNANSWERED, reason=reason)
    try:
        quantity, note = _read(given, expected.units)
    except QuantityParseError as err:
        reason = str(err).removeprefix("value: ").removeprefix("answer: ")
        return Judgement(Verdict.INVALID, reason=reason)
    if quantity.dimensionality != expected.dimensionality:
        unit = unit_text(expected)
        hint = f", in {unit} or similar" if unit else ""
        return Judgement(
            Verdict.INVALID,
            reason=(
                f"you gave {describe_dimension(quantity)} ({fmt(quantity)}); "
                f"{describe_dimension(expected)} was expected{hint}."
            ),
        )
    value = float(quantity.to(expected.units).magnitude)
    if not math.isfinite(value):
        return Judgement(Verdict.INVALID, reason=f"{value} is not a finite number.", note=note)
    want = float(expected.magnitude)
    if tolerance.accepts(value, want):
        return Judgement(Verdict.CORRECT, value=value, note=note)
    return Judgement(Verdict.INCORRECT, value=value, reason=_miss_reason(value, want), note=note)
