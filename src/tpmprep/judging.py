"""Judge an answer against an expected quantity: units, tolerance, and a helpful reason.

An answer may be ``...`` (not answered yet), a number (read in the expected unit, and the
feedback says so), a pint quantity, or text as a person writes it (``"7K req/s"``, ``"7.2B"``,
``"7.2 billion"``, ``"83k req/s"``, ``"$4.9K/week"``, ``"78%"``). Text that is a plain number
(``"7.2B"``) is read exactly like the bare number, in the expected unit; so is a count with
no unit of time or size (``"7.2B req"``) where a rate or a size is expected. Where a percentage
is expected, a bare fraction (``0.78``) is read as 78% when that reading is the only sensible
one, and the feedback says so. A dimension mismatch says what was given and what was expected.
A wrong answer off by a tell-tale factor (8: bits and bytes; 1,000: a lost prefix; 86,400:
seconds in a day) says so.
"""

from __future__ import annotations

import math
import numbers
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from tpmprep.exceptions import InputError, QuantityParseError
from tpmprep.units import Q, describe_dimension, fmt, unit_text

__all__ = ["Judgement", "Tolerance", "Verdict", "judge", "read_answer"]

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


_NUMBER = r"(?:\d[\d,]*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?"
# Said or written in words: always a count multiplier ("7.2 billion", "7.2bn").
_WORDS = re.compile(
    rf"({_NUMBER})\s*(thousand|million|billion|trillion|bn)\b", re.IGNORECASE
)
_WORD_SUFFIX = {"thousand": "K", "million": "M", "billion": "B", "trillion": "T", "bn": "B"}
# "~7.2B", "about 7.2B": the approximation is understood.
_APPROX = re.compile(r"^(?:~|≈|about\s|approx\.?\s|approximately\s|around\s|roughly\s)\s*")
# "$4.9K/week" is 4.9K USD/week.
_DOLLARS = re.compile(rf"\$\s*({_NUMBER}[KMBT]?)")
# A second reading, tried only when the first does not fit the question: "83k" or "83 K" as
# thousands (not a Boltzmann constant or kelvins), "7.2 B" as billions (not bytes).
_LOOSE_SUFFIX = re.compile(rf"({_NUMBER})\s*([kKMBT])(?![A-Za-z_])")
_UNANSWERED_TEXT = {"", "...", "…"}
# "9 nodes" where a plain count is expected: the noun names what is counted.
_COUNT_OF = re.compile(rf"^({_NUMBER}[KMBT]?)\s+([A-Za-z][A-Za-z-]*)$")
_WELL_ABOVE_ONE_PERCENT = 5.0  # %: below this, a bare 0.9 may well mean 0.9%


def _clean(text: str) -> str:
    text = _APPROX.sub("", text.strip())
    text = _WORDS.sub(lambda m: m.group(1) + _WORD_SUFFIX[m.group(2).lower()], text)
    return _DOLLARS.sub(lambda m: f"{m.group(1)} USD", text)


def _fits(quantity: Any, expected: Any) -> bool:
    """Whether ``quantity`` can be judged against ``expected`` (same dimension, or a count)."""
    return quantity.dimensionality == expected.dimensionality or _is_count(quantity)


def _is_count(quantity: Any) -> bool:
    """Say whether ``quantity`` is a number of things (``7.2B``, ``7.2B req``), not ``78%``."""
    if not quantity.dimensionless:
        return False
    try:
        return math.isclose(float(quantity.to("").magnitude), float(quantity.magnitude))
    except (OverflowError, TypeError, ValueError):
        return False


def _is_plain(quantity: Any) -> bool:
    """Say whether ``quantity`` has no unit at all (``Q("7.2B")``, not ``7.2B req``)."""
    from tpmprep.units import registry

    return quantity.units == registry().dimensionless


def read_answer(text: str, expected: Any = None) -> Any:
    """Read an answer written as a person writes it, as a quantity.

    Understands count suffixes and words (``"7.2B"``, ``"7.2 billion"``, ``"83k req/s"``),
    dollars (``"$4.9K/week"``), an approximation sign (``"~35 PB"``) and whatever ``Q`` reads.
    When the literal reading does not fit ``expected`` (``"83 K"`` read as kelvins), a reading
    of the single letters k, K, M, B, T as count suffixes is tried as well.

    Parameters
    ----------
    text : str
        The answer as typed.
    expected : pint.Quantity, optional
        The quantity the answer will be judged against, to choose between two readings.

    Returns
    -------
    pint.Quantity

    Raises
    ------
    QuantityParseError
        When no reading succeeds; the message is the literal reading's.
    """
    cleaned = _clean(text)
    loose = _LOOSE_SUFFIX.sub(lambda m: m.group(1) + m.group(2).upper(), cleaned)
    try:
        quantity = Q(cleaned)
    except QuantityParseError:
        if loose == cleaned:
            raise
        try:
            return Q(loose)
        except QuantityParseError:
            pass
        raise
    if expected is not None and loose != cleaned and not _fits(quantity, Q(expected)):
        try:
            other = Q(loose)
        except QuantityParseError:
            return quantity
        if _fits(other, Q(expected)):
            return other
    return quantity


def _is_percent(quantity: Any) -> bool:
    from tpmprep.units import registry

    return quantity.units == registry().percent


def _bare(number: float, expected_unit: Any) -> tuple[Any, str]:
    unit = unit_text(expected_unit)
    note = f"a bare number is read in the expected unit, {unit}" if unit else ""
    try:
        return Q(float(number), str(expected_unit)), note
    except OverflowError:
        raise QuantityParseError("answer", "the number is too large to be an answer") from None


def _read(given: Any, expected: Any) -> tuple[Any, str, bool]:
    """Read ``given`` as a quantity; a bare number (or plain-number text) takes the expected unit.

    Returns the quantity, a note on how it was read, and whether it was read as a bare number.
    """
    import pint

    if isinstance(given, str):
        text = given
        try:
            given = read_answer(text, expected)
        except QuantityParseError:
            counted = _COUNT_OF.match(_clean(text))
            if not (counted and _is_plain(expected)):
                raise
            # "9 nodes": the number is the answer, the noun says what it counts.
            number = Q(counted.group(1)).magnitude
            return Q(float(number)), f"read {text.strip()!r} as {fmt(Q(number))}", False
        if _is_plain(given):
            return (*_bare(given.magnitude, expected.units), True)
    if isinstance(given, pint.Quantity):
        quantity = Q(given)
        if not expected.dimensionless and _is_count(quantity):
            # A number of things where a rate or a size is asked: read like a bare number.
            unit = unit_text(expected.units)
            count, _ = _bare(quantity.to("").magnitude, expected.units)
            note = f"a count with no unit of its own is read in the expected unit, {unit}"
            return count, note, False
        return quantity, "", False
    if isinstance(given, numbers.Real) and not isinstance(given, bool):
        return (*_bare(given, expected.units), True)
    raise QuantityParseError(
        "answer",
        f"expected a number, a quantity or text such as '7K req/s', got {type(given).__name__}",
    )


def _fraction_as_percent(
    x: float, want: float, tolerance: Tolerance, note: str
) -> tuple[float, str]:
    """Read a bare ``0 < x <= 1`` where a percentage is expected as a fraction, or not.

    Where the expected value is well above 1% (5% or more, and 1% itself would be rejected),
    ``x`` can only be meant as a fraction: 0.78 is read as 78%, and the note says so. Otherwise
    the bare-number reading stands (0.9 is 0.9%) and the note says what was assumed.
    """
    if not 0 < x <= 1:
        return x, note
    shown = f"{x:.4g}"
    percent = fmt(Q(100 * x, "percent"))
    if want >= _WELL_ABOVE_ONE_PERCENT and not tolerance.accepts(1.0, want):
        return 100 * x, f"read the fraction {shown} as {percent}"
    return x, f"read {shown} as {shown}%; if you meant the fraction {shown}, write {percent}"


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
    if given is Ellipsis or given is None or (
        isinstance(given, str) and given.strip() in _UNANSWERED_TEXT
    ):
        reason = "not answered yet: replace ... with your answer."
        return Judgement(Verdict.UNANSWERED, reason=reason)
    try:
        quantity, note, bare = _read(given, expected)
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
    if bare and _is_percent(expected):
        value, note = _fraction_as_percent(value, want, tolerance, note)
    if tolerance.accepts(value, want):
        return Judgement(Verdict.CORRECT, value=value, note=note)
    return Judgement(Verdict.INCORRECT, value=value, reason=_miss_reason(value, want), note=note)
