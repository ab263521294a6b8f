"""Read and write the quantities of a design: floats in one unit per kind, text a person types.

A design stores plain floats: rates in req/s, durations in ms, fractions in [0, 1] and money in
USD/month. Text is read once, when the design is built, so evaluation never touches pint. The
common forms (``40K req/s``, ``5 ms``, ``99.95%``, ``2K USD/month``, a bare number) are read
here without pint; anything else goes through :func:`tpmprep.units.Q`, so ``"1.2M req/min"`` or
``"0.5 s"`` work too. A bare number is in the field's unit (req/s, ms, a fraction, USD/month).

``number``, ``percent``, ``rate``, ``ms`` and ``usd`` write values for people (three significant
digits, nines kept); ``exact`` writes a value that reads back to the same float (for YAML).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

__all__ = [
    "DURATION",
    "FRACTION",
    "MONEY",
    "RATE",
    "QuantityKind",
    "exact",
    "ms",
    "number",
    "percent",
    "percents",
    "rate",
    "read",
    "usd",
    "write",
]


@dataclass(frozen=True)
class QuantityKind:
    """What a field of a design holds.

    Attributes
    ----------
    noun : str
        How to name it in an error ("a rate").
    unit : str
        The pint unit the value is stored in (``""`` for a fraction).
    text : str
        The unit as written in a design (``req/s``).
    dimension : str
        pint's dimensionality of ``unit`` as text.
    example : str
        An example value for error messages.
    """

    noun: str
    unit: str
    text: str
    dimension: str
    example: str


RATE = QuantityKind("a rate", "1/s", "req/s", "1 / [time]", "'2K req/s'")
DURATION = QuantityKind("a duration", "ms", "ms", "[time]", "'5 ms'")
FRACTION = QuantityKind("a fraction", "", "%", "dimensionless", "'99.9%' or 0.999")
MONEY = QuantityKind("a cost per month", "USD/month", "USD/month", "[currency] / [time]",
                     "'2K USD/month'")

_SUFFIX = {"": 1.0, "K": 1e3, "M": 1e6, "B": 1e9, "T": 1e12}
# unit text -> (kind it belongs to, factor to the kind's stored unit)
_FAST_UNITS = {
    "req/s": (RATE, 1.0),
    "rps": (RATE, 1.0),
    "RPS": (RATE, 1.0),
    "QPS": (RATE, 1.0),
    "qps": (RATE, 1.0),
    "ms": (DURATION, 1.0),
    "s": (DURATION, 1000.0),
    "%": (FRACTION, 100.0),  # divided: 70 / 100 is 0.7, 70 * 0.01 is not
    "USD/month": (MONEY, 1.0),
}
_FAST = re.compile(
    r"((?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?)([KMBT]?)"
    r"(?:\s*(req/s|rps|RPS|QPS|qps|ms|s|%|USD/month))?"
)


def read(value: object, kind: QuantityKind) -> float:
    """Read a number or text as a float in ``kind``'s unit.

    Parameters
    ----------
    value : int, float or str
        A bare number (in the kind's unit; a fraction in [0, 1]) or text with a unit.
    kind : QuantityKind
        What the field holds.

    Returns
    -------
    float
        Finite, in the kind's unit.

    Raises
    ------
    ValueError
        With a message naming what was given, what was expected and an example.
    """
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError(
            f"expected {kind.noun} such as {kind.example}, got {type(value).__name__}"
        )
    if isinstance(value, str):
        x = _read_text(value.strip(), kind)
    else:
        x = float(value)
        if kind is FRACTION and not (0.0 <= x <= 1.0) and math.isfinite(x):
            raise ValueError(
                f"{value} is not a fraction between 0 and 1; write '{value}%' or "
                f"{_g(x / 100)}"
            )
    if not math.isfinite(x):
        raise ValueError(
            f"{value!r} is not a finite number; give {kind.noun} such as {kind.example}"
        )
    return x


def _read_text(text: str, kind: QuantityKind) -> float:
    if not text:
        raise ValueError(f"is empty; give {kind.noun} such as {kind.example}")
    match = _FAST.fullmatch(text)
    if match is not None:
        number, suffix, unit = match.groups()
        x = float(number) * _SUFFIX[suffix]
        if unit is None:
            return _bare(x, text, kind)
        unit_kind, factor = _FAST_UNITS[unit]
        if unit_kind is kind:
            return x / factor if kind is FRACTION else x * factor
    return _read_with_pint(text, kind)


def _bare(x: float, text: str, kind: QuantityKind) -> float:
    if kind is FRACTION and not 0.0 <= x <= 1.0:
        raise ValueError(f"{text!r} is not a fraction between 0 and 1; write '{text}%'")
    return x


def _read_with_pint(text: str, kind: QuantityKind) -> float:
    from tpmprep.exceptions import QuantityParseError
    from tpmprep.units import Q, describe_dimension

    try:
        q = Q(text)
    except QuantityParseError as err:
        message = str(err).removeprefix("value: ")
        raise ValueError(f"{message}; give {kind.noun} such as {kind.example}") from None
    if kind is FRACTION and str(q.units) == "percent":
        return float(q.magnitude) / 100
    if str(q.dimensionality) == "dimensionless":
        x = float(q.to("").magnitude)
        return _bare(x, text, kind)
    if str(q.dimensionality) != kind.dimension:
        what = describe_dimension(q)
        if kind is MONEY and str(q.dimensionality) == "[currency]":
            what = "an amount of money, not per month"
        raise ValueError(f"{text!r} is {what}; give {kind.noun} such as {kind.example}")
    return float(q.to(kind.unit).magnitude)


# --- writing ---------------------------------------------------------------------------------


def _g(x: float) -> str:
    """Shortest text that reads back as ``x`` to 12 significant digits (no trailing zeros)."""
    return f"{round(x, 10):.12g}"


def exact(x: float) -> str:
    """Write a number that reads back to exactly ``x``, with K/M/B/T when short (``40K``)."""
    for suffix, factor in (("T", 1e12), ("B", 1e9), ("M", 1e6), ("K", 1e3)):
        if abs(x) >= factor:
            text = _g(x / factor)
            if len(text) <= 6 and float(text) * factor == x:
                return f"{text}{suffix}"
            break
    text = _g(x)
    return text if float(text) == x else repr(float(x))


def write(x: float, kind: QuantityKind) -> str:
    """Write a stored value as text that :func:`read` reads back (``40K req/s``, ``99.95%``).

    Parameters
    ----------
    x : float
        The value in the kind's unit.
    kind : QuantityKind
        What it is.

    Returns
    -------
    str
    """
    if kind is FRACTION:
        text = f"{_g(100 * x)}%"
        return text if read(text, FRACTION) == x else repr(float(x))
    return f"{exact(x)} {kind.text}"


def _significant(x: float, digits: int = 3) -> str:
    text = f"{x:.{digits}g}"
    if "e" in text:
        text = f"{x:.{digits}e}" if abs(x) < 1e-3 else f"{x:,.0f}"
    return text


def number(x: float, digits: int = 3) -> str:
    """Write a number with a count suffix: ``40K``, ``1.2M``, ``350``.

    Parameters
    ----------
    x : float
        The number.
    digits : int
        Significant digits.

    Returns
    -------
    str
    """
    for suffix, factor in (("T", 1e12), ("B", 1e9), ("M", 1e6), ("K", 1e3)):
        if abs(float(_significant(x / factor, digits).replace(",", ""))) >= 1:
            return f"{_significant(x / factor, digits)}{suffix}"
    return _significant(x, digits)


def percent(x: float, digits: int = 3) -> str:
    """Write a fraction as a percentage, keeping the nines: ``99.95%``, ``240%``, ``0.5%``.

    Parameters
    ----------
    x : float
        The fraction (1 is 100%).
    digits : int
        Significant digits away from 100%.

    Returns
    -------
    str
    """
    v = 100 * x
    if 99 <= v < 100:
        for decimals in range(max(digits - 2, 0), 12):
            text = f"{v:.{decimals}f}"
            if float(text) < 100:
                return f"{text.rstrip('0').rstrip('.') if '.' in text else text}%"
        return "99.999999999%"
    if v == 0:
        return "0%"
    return f"{_significant(v, digits)}%"


def percents(measured: float, target: float) -> tuple[str, str]:
    """Write two fractions as percentages with enough digits to tell them apart.

    Parameters
    ----------
    measured, target : float
        The fractions.

    Returns
    -------
    tuple of str
    """
    for digits in range(4, 12):
        a, b = percent(measured, digits), percent(target, digits)
        if a != b or measured == target:
            return a, b
    return a, b


def rate(x: float) -> str:
    """Write a rate in req/s: ``40K req/s``."""
    return f"{number(x)} req/s"


def ms(x: float) -> str:
    """Write a duration given in ms: ``62.3 ms``, ``1.5 s``."""
    if abs(x) >= 1000:
        return f"{_significant(x / 1000)} s"
    return f"{_significant(x)} ms"


def usd(x: float) -> str:
    """Write a monthly cost: ``41.2K USD/month``."""
    return f"{number(x)} USD/month"
