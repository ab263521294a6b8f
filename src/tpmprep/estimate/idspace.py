"""Identifier spaces: how long an id must be, and the birthday bound for random ids.

``alphabet`` is a size (62) or a name: ``"base62"`` (0-9, a-z, A-Z), ``"base64"``,
``"base58"``, ``"base36"``, ``"base32"``, ``"hex"``, ``"decimal"``, ``"binary"``.

For random ids the chance that some two of n collide in a space of d values is
``1 - prod_{k<n} (1 - k/d)``, computed exactly for n up to 100,000 and with the birthday
approximation ``1 - exp(-n(n-1) / 2d)`` above that (the two agree closely once n is large).
"""

from __future__ import annotations

import math
from typing import Any

from tpmprep.exceptions import CalculationError
from tpmprep.validate import count, fraction

__all__ = [
    "ALPHABETS",
    "collision_probability",
    "id_length",
    "id_space",
    "ids_for_collision_probability",
    "random_id_length",
]

#: Named alphabets and their sizes.
ALPHABETS = {
    "binary": 2,
    "decimal": 10,
    "hex": 16,
    "base16": 16,
    "base32": 32,
    "base36": 36,
    "base58": 58,
    "base62": 62,
    "base64": 64,
}

_EXACT_UP_TO = 100_000
_MAX_LENGTH = 10_000


def _alphabet(alphabet: Any) -> int:
    if isinstance(alphabet, str):
        size = ALPHABETS.get(alphabet.strip().lower())
        if size is None:
            names = ", ".join(ALPHABETS)
            raise CalculationError("alphabet", f"unknown alphabet {alphabet!r}; use one of {names}")
        return size
    size = count("alphabet", alphabet)
    if size < 2:
        raise CalculationError("alphabet", f"needs at least 2 symbols, got {size}")
    return size


def _space(space: Any) -> int:
    if isinstance(space, float) and space.is_integer() and space > 2**53:
        return int(space)
    return count("space", space)


def id_space(alphabet: Any, length: Any) -> int:
    """Count the distinct ids of ``length`` symbols: ``alphabet ** length``.

    Parameters
    ----------
    alphabet : int or str
        Alphabet size or name (``62`` or ``"base62"``).
    length : int
        Symbols per id, 1 to 10,000.

    Returns
    -------
    int

    Raises
    ------
    CalculationError
        For an unknown alphabet or a bad length.
    """
    size = _alphabet(alphabet)
    n = count("length", length)
    if n > _MAX_LENGTH:
        raise CalculationError("length", f"must be at most {_MAX_LENGTH:,}, got {n:,}")
    return size**n


def id_length(ids: Any, alphabet: Any = "base62") -> int:
    """Shortest length that gives at least ``ids`` distinct ids (for sequential or assigned ids).

    62**7 is 3.5 trillion, so 7 base62 characters cover 3.5T ids.

    Parameters
    ----------
    ids : int
        Distinct ids needed, at least 1.
    alphabet : int or str, default "base62"
        Alphabet size or name.

    Returns
    -------
    int

    Raises
    ------
    CalculationError
        For an unknown alphabet or a bad count.
    """
    n = count("ids", ids)
    size = _alphabet(alphabet)
    length = max(1, math.ceil(math.log(n) / math.log(size))) if n > 1 else 1
    while length > 1 and size ** (length - 1) >= n:  # guard against float rounding
        length -= 1
    while size**length < n:
        length += 1
    return length


def collision_probability(ids: Any, space: Any) -> float:
    """Probability that some two of ``ids`` uniformly random ids from ``space`` values collide.

    Parameters
    ----------
    ids : int
        Ids drawn, at least 0.
    space : int
        Distinct possible ids, at least 1 (``62**7``, ``2**122``).

    Returns
    -------
    float
        In [0, 1]; 1 when ``ids > space``.

    Raises
    ------
    CalculationError
        For a negative, non-whole, NaN or infinite input.
    """
    n = count("ids", ids, minimum=0)
    d = _space(space)
    if n < 2:
        return 0.0
    if n > d:
        return 1.0
    if n <= _EXACT_UP_TO:
        import numpy as np

        k = np.arange(1, n, dtype=float)
        log_none = float(np.sum(np.log1p(-k / float(d)))) if d < 2**1000 else 0.0
        if d >= 2**1000:  # k / d underflows: use the leading term
            return _approximate(n, d)
        return -math.expm1(log_none)
    return _approximate(n, d)


def _approximate(n: int, d: int) -> float:
    log_exponent = math.log(n) + math.log(n - 1) - math.log(2) - math.log(d)
    if log_exponent > 700:  # n(n-1)/2d beyond float range: a collision is certain
        return 1.0
    return -math.expm1(-math.exp(log_exponent))


def ids_for_collision_probability(probability: Any, space: Any) -> float:
    """How many random ids give a ``probability`` of at least one collision in ``space``.

    ``sqrt(2 d ln(1 / (1 - p)))``: about 1.18 sqrt(d) for p = 50%.

    Parameters
    ----------
    probability : float or str
        Collision probability, in (0, 1).
    space : int
        Distinct possible ids, at least 1.

    Returns
    -------
    float

    Raises
    ------
    CalculationError
        For a probability outside (0, 1) or a bad space.
    """
    p = fraction("probability", probability, allow_zero=False, allow_one=False)
    d = _space(space)
    return math.exp(0.5 * (math.log(2) + math.log(d) + math.log(-math.log1p(-p))))


def random_id_length(
    ids: Any, alphabet: Any = "base62", max_collision_probability: Any = 1e-6
) -> int:
    """Shortest random id keeping the chance of any collision among ``ids`` at most a target.

    Parameters
    ----------
    ids : int
        Random ids that will be generated, at least 2.
    alphabet : int or str, default "base62"
        Alphabet size or name.
    max_collision_probability : float or str, default 1e-6
        Highest acceptable probability of at least one collision, in (0, 1).

    Returns
    -------
    int

    Raises
    ------
    CalculationError
        For an unknown alphabet or a bad count or probability.
    """
    n = count("ids", ids)
    size = _alphabet(alphabet)
    p = fraction(
        "max_collision_probability", max_collision_probability, allow_zero=False, allow_one=False
    )
    if n < 2:
        return 1
    # Need d >= n(n-1) / (2 ln(1/(1-p))), from the birthday approximation.
    log_d = math.log(n) + math.log(n - 1) - math.log(2) - math.log(-math.log1p(-p))
    length = max(1, math.ceil(log_d / math.log(size)) - 1)
    if length > _MAX_LENGTH:
        raise CalculationError("ids", "needs ids longer than 10,000 symbols; check the inputs")
    while collision_probability(n, size**length) > p:
        length += 1
    return length
