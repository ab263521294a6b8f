"""Checks for plain-number inputs (simulations, plans): each failure names the input.

Every failure is a ``CalculationError`` whose ``parameter`` is the input's name. Inputs that
carry units are checked by ``tpmprep.estimate._validate`` instead, which reads quantities.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable
from typing import Any

from tpmprep.exceptions import CalculationError


def positive(name: str, value: Any, *, allow_zero: bool = False) -> float:
    """Return ``value`` as a float after checking it is a finite positive number.

    Parameters
    ----------
    name : str
        The parameter's name, used in the error.
    value : Any
        The value to check.
    allow_zero : bool
        Accept zero as well.

    Returns
    -------
    float
        The value.

    Raises
    ------
    CalculationError
        If the value is not a number, is NaN or infinite, or is negative (or zero).
    """
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise CalculationError(name, f"expected a number, got {value!r}") from None
    if math.isnan(number) or math.isinf(number):
        raise CalculationError(name, f"expected a finite number, got {value!r}")
    if number < 0 or (number == 0 and not allow_zero):
        need = "zero or more" if allow_zero else "more than zero"
        raise CalculationError(name, f"must be {need}, got {value!r}")
    return number


def count(name: str, value: Any, *, minimum: int = 1) -> int:
    """Return ``value`` as an int after checking it is a whole number of at least ``minimum``.

    Parameters
    ----------
    name : str
        The parameter's name, used in the error.
    value : Any
        The value to check.
    minimum : int
        The smallest accepted value.

    Returns
    -------
    int
        The value.

    Raises
    ------
    CalculationError
        If the value is not a whole number or is below ``minimum``.
    """
    if (
        isinstance(value, bool)
        or not isinstance(value, numbers.Real)
        or math.isnan(value)
        or math.isinf(value)
        or value != int(value)
    ):
        raise CalculationError(name, f"expected a whole number, got {value!r}")
    if value < minimum:
        raise CalculationError(name, f"must be at least {minimum}, got {value!r}")
    return int(value)


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
