"""Check inputs; every failure is a ``CalculationError`` that names the input and the fix.

One module, one argument order: the input's *name* comes first, then its value
(``validate.number("servers", servers)``). Calculators, simulations and plans accept numbers,
pint quantities and text that ``Q`` reads (``"30 TB/day"``, ``"150M"``, ``"99.9%"``); these
helpers turn any of them into a checked value, so that a negative, NaN, infinite,
zero-where-meaningless or wrongly-dimensioned input is reported with the parameter's name and
a hint, and nothing else escapes.
"""

from __future__ import annotations

import functools
import math
import numbers
from collections.abc import Iterable
from typing import Any

from tpmprep.exceptions import CalculationError, InputError
from tpmprep.units import Q, describe_dimension, make, registry, unit_of, unit_text

__all__ = [
    "as_quantity",
    "choice",
    "count",
    "finite",
    "fraction",
    "number",
    "positive",
    "probability",
    "quantity",
    "seed",
]


def as_quantity(parameter: str, value: Any, bare_unit: str) -> Any:
    """Read ``value`` as a quantity; a bare number takes ``bare_unit``.

    Parameters
    ----------
    parameter : str
        The argument's name, for the error.
    value : Any
        A number, a quantity or text.
    bare_unit : str
        The unit a bare number is read in.

    Returns
    -------
    pint.Quantity

    Raises
    ------
    CalculationError
        When the value cannot be read.
    """
    import pint

    if isinstance(value, bool) or value is None:
        raise CalculationError(
            parameter, f"expected a number, a quantity or text such as '5 MB', got {_show(value)}"
        )
    try:
        if isinstance(value, numbers.Real) and not isinstance(value, pint.Quantity):
            return make(float(value), bare_unit)
        if isinstance(value, pint.Quantity | str):
            return Q(value)
    except OverflowError:
        raise CalculationError(
            parameter, f"{_show(value)} is too large to calculate with"
        ) from None
    except InputError as err:
        detail = str(err).removeprefix("value: ")
        raise CalculationError(parameter, detail) from None
    except Exception as err:  # pint can raise odd types on odd input
        raise CalculationError(
            parameter, f"cannot read {_show(value)} as a quantity ({err})"
        ) from None
    raise CalculationError(
        parameter,
        f"expected a number, a quantity or text such as '5 MB', got {type(value).__name__}",
    )


_DIMENSIONLESS = ""


def _show(value: Any) -> str:
    """Repr of ``value`` for a message, shortened so a 400-digit number stays readable."""
    text = repr(value)
    return text if len(text) <= 40 else f"{text[:20]}...{text[-8:]} ({len(text)} characters)"


def _is_plain_number(value: Any) -> bool:
    return (
        isinstance(value, numbers.Real)
        and not isinstance(value, bool)
        and not hasattr(value, "magnitude")
    )


def _float(value: Any, parameter: str) -> float:
    try:
        return float(value)
    except (OverflowError, TypeError, ValueError):
        raise CalculationError(
            parameter, f"{_show(value)} is too large to calculate with"
        ) from None


@functools.lru_cache(maxsize=256)
def _factor(source: str, target: str) -> float:
    """Conversion factor from one unit to another of the same dimension, computed once."""
    return float(registry().Quantity(1.0, unit_of(source)).to(unit_of(target)).magnitude)


def _check_magnitude(
    x: float, parameter: str, shown: str, *, allow_zero: bool, allow_negative: bool
) -> None:
    if math.isnan(x):
        raise CalculationError(parameter, "is NaN (not a number); give a finite value")
    if math.isinf(x):
        raise CalculationError(parameter, f"is infinite ({shown}); give a finite value")
    if x < 0 and not allow_negative:
        raise CalculationError(parameter, f"must not be negative, got {shown}")
    if x == 0 and not allow_zero:
        raise CalculationError(parameter, "must be greater than zero, got 0")


def quantity(
    parameter: str,
    value: Any,
    unit: str,
    *,
    bare_unit: str | None = None,
    allow_zero: bool = False,
    allow_negative: bool = False,
) -> Any:
    """Read ``value`` as a quantity with the dimension of ``unit``, converted to ``unit``.

    Parameters
    ----------
    parameter : str
        The argument's name, for the error.
    value : Any
        A number (read in ``bare_unit``, default ``unit``), a quantity or text. A plain
        count (``"300M"``, ``Q("300M users")``) is read like a bare number.
    unit : str
        The unit the result is converted to; its dimension is the one expected.
    bare_unit : str, optional
        The unit a bare number is read in.
    allow_zero, allow_negative : bool
        Whether zero and negative values are acceptable.

    Returns
    -------
    pint.Quantity
        ``value`` in ``unit``.

    Raises
    ------
    CalculationError
        When the value cannot be read, has the wrong dimension, or is out of range.
    """
    if _is_plain_number(value):  # fast path: no parsing, no dimension to check
        x = _float(value, parameter)
        _check_magnitude(
            x, parameter, _show(value), allow_zero=allow_zero, allow_negative=allow_negative
        )
        return make(x * _factor(bare_unit or unit, unit), unit)
    q = as_quantity(parameter, value, bare_unit or unit)
    expected = unit_of(unit)
    if q.dimensionless and not expected.dimensionless:
        # "300M" or Q("300M users") where a rate or size is expected: read like a bare number.
        try:
            q = make(float(q.to(_DIMENSIONLESS).magnitude), bare_unit or unit)
        except (OverflowError, TypeError, ValueError) as err:
            raise CalculationError(parameter, f"cannot use {_show(value)} ({err})") from None
    if q.dimensionality != expected.dimensionality:
        hint = unit_text(expected)
        hint = f", in {hint} or similar" if hint else ""
        raise CalculationError(
            parameter,
            f"you gave {describe_dimension(q)} ({_show(value)}); "
            f"{describe_dimension(expected)} was expected{hint}",
        )
    try:
        q = q.to(expected)
        x = float(q.magnitude)
    except (OverflowError, TypeError, ValueError) as err:
        raise CalculationError(parameter, f"cannot use {_show(value)} ({err})") from None
    _check_magnitude(
        x, parameter, _show(value), allow_zero=allow_zero, allow_negative=allow_negative
    )
    return q


def number(
    parameter: str,
    value: Any,
    *,
    minimum: float | None = None,
    maximum: float | None = None,
    allow_zero: bool = False,
    allow_negative: bool = False,
) -> float:
    """Read a plain number (a dimensionless quantity or text such as ``"150M"`` also works).

    Parameters
    ----------
    parameter : str
        The argument's name, for the error.
    value : Any
        The value.
    minimum, maximum : float, optional
        Inclusive bounds.
    allow_zero, allow_negative : bool
        Whether zero and negative values are acceptable.

    Returns
    -------
    float

    Raises
    ------
    CalculationError
        When the value is not a finite plain number in range.
    """
    if _is_plain_number(value):
        x = _float(value, parameter)
        _check_magnitude(
            x, parameter, _show(value), allow_zero=allow_zero, allow_negative=allow_negative
        )
    else:
        q = quantity(parameter, value, "", allow_zero=allow_zero, allow_negative=allow_negative)
        x = float(q.magnitude)
    if minimum is not None and x < minimum:
        raise CalculationError(parameter, f"must be at least {minimum:g}, got {x:g}")
    if maximum is not None and x > maximum:
        raise CalculationError(parameter, f"must be at most {maximum:g}, got {x:g}")
    return x


def fraction(
    parameter: str, value: Any, *, allow_zero: bool = True, allow_one: bool = True
) -> float:
    """Read a fraction in [0, 1]: ``0.999``, ``"99.9%"`` or ``Q("99.9%")``.

    Parameters
    ----------
    parameter : str
        The argument's name, for the error.
    value : Any
        The value.
    allow_zero, allow_one : bool
        Whether the end points are acceptable.

    Returns
    -------
    float

    Raises
    ------
    CalculationError
        When the value is not a fraction; a number such as 99.9 is told to write 0.999.
    """
    x = number(parameter, value, allow_zero=True)
    if x > 1:
        raise CalculationError(
            parameter,
            f"must be a fraction between 0 and 1, got {x:g}; "
            f"for a percentage write '{x:g}%' or {x / 100:g}",
        )
    if x == 0 and not allow_zero:
        raise CalculationError(parameter, "must be greater than 0")
    if x == 1 and not allow_one:
        raise CalculationError(parameter, "must be less than 1 (100%)")
    return x


_ROUNDINGS = {"down": math.floor, "nearest": lambda x: math.floor(x + 0.5), "up": math.ceil}


def count(
    parameter: str,
    value: Any,
    *,
    minimum: int = 1,
    maximum: int | None = None,
    rounding: str | None = None,
) -> int:
    """Read a whole count of at least ``minimum`` (``1000``, ``1e12``, ``"150M"``).

    Parameters
    ----------
    parameter : str
        The argument's name, for the error.
    value : Any
        The value: an int (numpy's too), a float, or text such as ``"150M"``.
    minimum : int
        The smallest accepted value (0 to accept zero).
    maximum : int, optional
        The largest accepted value.
    rounding : {None, "down", "nearest", "up"}
        What to do with a fraction (half of an odd count, ``cache_items / 2``): ``None``
        (the default) rejects it, ``"down"`` keeps the whole items that fit, ``"nearest"``
        rounds half up, ``"up"`` rounds up. Checked after rounding, so 0.4 rounded down is 0.

    Returns
    -------
    int

    Raises
    ------
    CalculationError
        When the value is not a finite number, has a fraction and ``rounding`` is ``None``, or
        is below ``minimum`` (or above ``maximum``).
    """
    if rounding is not None and rounding not in _ROUNDINGS:
        raise InputError("rounding", f"must be None, 'down', 'nearest' or 'up', got {rounding!r}")
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        value = int(value)
    else:
        x = number(parameter, value, allow_zero=True, allow_negative=True)
        if x != math.floor(x):
            if rounding is None:
                raise CalculationError(parameter, f"must be a whole number, got {x:g}")
            x = _ROUNDINGS[rounding](x)
        value = int(x)
    if value < minimum:
        if minimum == 1 and value == 0:
            raise CalculationError(parameter, "must be greater than zero, got 0")
        raise CalculationError(parameter, f"must be at least {minimum}, got {_show(value)}")
    if maximum is not None and value > maximum:
        raise CalculationError(parameter, f"must be at most {maximum:,}, got {value:,}")
    return value


def positive(parameter: str, value: Any, *, allow_zero: bool = False) -> float:
    """Read a finite number greater than zero (or zero too, with ``allow_zero``).

    Parameters
    ----------
    parameter : str
        The argument's name, for the error.
    value : Any
        A number, a dimensionless quantity or text such as ``"150M"``.
    allow_zero : bool
        Accept zero as well.

    Returns
    -------
    float

    Raises
    ------
    CalculationError
        When the value is not a number, is NaN or infinite, or is negative (or zero).
    """
    return number(parameter, value, allow_zero=allow_zero)


def finite(parameters: str, value: Any) -> Any:
    """Return ``value`` if its magnitude is finite, else say which inputs overflowed.

    Parameters
    ----------
    value : pint.Quantity or float
        A calculator's result.
    parameters : str
        The inputs to blame.

    Returns
    -------
    pint.Quantity or float
        ``value`` unchanged.

    Raises
    ------
    CalculationError
        When the result is infinite or NaN (inputs too large or too small to combine).
    """
    x = float(getattr(value, "magnitude", value))
    if not math.isfinite(x):
        raise CalculationError(
            parameters, "the result is too large (or too small) to calculate; check the inputs"
        )
    return value


def probability(name: str, value: Any, *, open_interval: bool = False) -> float:
    """Return ``value`` as a float after checking it lies in [0, 1] (or in (0, 1)).

    Parameters
    ----------
    name : str
        The parameter's name, used in the error.
    value : Any
        The value to check.
    open_interval : bool
        Reject 0 and 1 as well (a baseline rate, a significance level, a power).

    Returns
    -------
    float
        The value.

    Raises
    ------
    CalculationError
        If the value is not a number in the interval; the message shows how to write 20%.
    """
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise CalculationError(name, f"expected a probability, got {value!r}") from None
    inside = 0 < number < 1 if open_interval else 0 <= number <= 1
    if not inside:  # NaN fails both comparisons
        where = "strictly between 0 and 1" if open_interval else "between 0 and 1"
        raise CalculationError(
            name, f"is a probability and must lie {where} (write 20% as 0.2), got {value!r}"
        )
    return number


def choice(name: str, value: Any, valid: Iterable[str]) -> str:
    """Return ``value`` normalised (lower case, ``-`` and spaces as ``_``) if it is a valid name.

    Parameters
    ----------
    name : str
        The parameter's name, used in the error.
    value : Any
        The value to check.
    valid : iterable of str
        The accepted names.

    Returns
    -------
    str
        The normalised name.

    Raises
    ------
    CalculationError
        If the value is not one of ``valid``; the message lists them.
    """
    valid = list(valid)
    key = str(value).strip().lower().replace("-", "_").replace(" ", "_")
    if key not in valid:
        raise CalculationError(name, f"unknown {name} {value!r}; choose one of: {', '.join(valid)}")
    return key


def seed(value: Any) -> Any:
    """Return a numpy ``Generator`` for ``value`` (an int seed or ``None``).

    Parameters
    ----------
    value : int or None
        The seed.

    Returns
    -------
    numpy.random.Generator
        The generator.

    Raises
    ------
    CalculationError
        If the seed is not a non-negative whole number or None.
    """
    import numpy as np

    if value is not None:
        count("seed", value, minimum=0)
    return np.random.default_rng(value)
