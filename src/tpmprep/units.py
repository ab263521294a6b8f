"""One pint registry for the package, ``Q`` to read quantities and ``fmt`` to write them.

The registry is pint's own definitions with three changes that estimation needs:

* ``bit`` has a dimension of its own, ``[information]``, so a data size is never silently
  mixed with a count (pint's default makes bits dimensionless);
* ``b`` means bit, so ``Mb`` is a megabit (pint's default reads a megabarn), ``bps`` is bits
  per second (pint's default reads baud) and ``Mbps``/``Gbps`` follow;
* counting units (``request``/``req``, ``user``, ``item``, ...) are dimensionless, so
  ``20M users * 5 / day`` converts to ``1/s`` and ``req/s`` and ``QPS`` read naturally.

Bare numbers take count suffixes: ``3.5K`` is 3,500, ``150M`` is 150 million, ``2B`` two
billion, ``1T`` a trillion. SI prefixes on units keep their meaning (``MB`` megabyte,
``MiB`` mebibyte).
"""

from __future__ import annotations

import functools
import math
import re
from importlib import resources
from typing import TYPE_CHECKING, Any

from tpmprep.exceptions import QuantityParseError

if TYPE_CHECKING:  # pragma: no cover
    import pint

__all__ = ["Q", "describe_dimension", "fmt", "registry", "unit_text"]

# Exact lines of pint's default_en.txt that we change, and what they become.
_PATCHES = {
    "bit = []": "bit = [information] = b",
    "baud = bit / second = Bd = bps": "baud = 1 / second = Bd",
    "barn = 1e-28 * meter ** 2 = b": "barn = 1e-28 * meter ** 2",
}

_EXTRA_DEFINITIONS = """
bps = bit / second
Bps = byte / second
request = count = req
user = count
item = count
event = count
message = count
query = count
write = count
read = count
photo = count
video = count
server = count
QPS = request / second = qps
RPS = request / second = rps
"""

_COUNT_SUFFIX = {"K": 3, "M": 6, "B": 9, "T": 12}
# A number with a count suffix glued to it: 3.5K, 150M, 2B, 1T (not MB, Mb, KiB or Tb).
_SUFFIXED = re.compile(r"(?<![\w.])(\d+(?:\.\d*)?|\.\d+)([KMBT])(?![A-Za-z_])")


@functools.cache
def registry() -> pint.UnitRegistry:
    """Return the package's single pint registry, built on first use.

    Returns
    -------
    pint.UnitRegistry
        pint's default units with ``[information]`` as a dimension and counting units added.
    """
    import pint

    base = resources.files("pint")
    text = (base / "default_en.txt").read_text(encoding="utf-8")
    constants = (base / "constants_en.txt").read_text(encoding="utf-8")
    text = text.replace("@import constants_en.txt", constants)
    lines = text.splitlines()
    for old, new in _PATCHES.items():
        if old not in lines:  # pragma: no cover - guards a future pint release
            raise RuntimeError(
                f"pint {pint.__version__} no longer defines {old!r}; update tpmprep.units._PATCHES"
            )
        lines[lines.index(old)] = new
    ureg = pint.UnitRegistry(None, autoconvert_offset_to_baseunit=True)
    ureg.load_definitions(lines + _EXTRA_DEFINITIONS.strip().splitlines())
    ureg.formatter.default_format = "~C"
    return ureg


def _expand_count_suffixes(text: str) -> str:
    return _SUFFIXED.sub(lambda m: f"({m.group(1)}e{_COUNT_SUFFIX[m.group(2)]})", text)


def Q(value: Any, unit: str | None = None) -> pint.Quantity:
    """Read a quantity: ``Q("30 TB/day")``, ``Q("3.5K req/s")``, ``Q("99.9%")``, ``Q(5, "MB")``.

    Parameters
    ----------
    value : str, int, float or pint.Quantity
        Text with an optional unit (arithmetic allowed: ``"20M users * 5 / day"``), a number,
        or a quantity (returned unchanged, re-homed to the package registry if needed).
    unit : str, optional
        Unit for a numeric ``value``.

    Returns
    -------
    pint.Quantity

    Raises
    ------
    QuantityParseError
        When the text has an unknown unit, a syntax error or adds unlike dimensions.
    """
    import pint

    ureg = registry()
    if isinstance(value, pint.Quantity):
        if value._REGISTRY is ureg:
            return value if unit is None else value.to(unit)
        value = str(value)
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise QuantityParseError(
            "value", f"expected text, a number or a quantity, got {type(value).__name__}"
        )
    if isinstance(value, int | float):
        return ureg.Quantity(value, unit or "")
    text = value.strip()
    if not text:
        raise QuantityParseError("value", "is empty; write a number with a unit, e.g. '7K req/s'")
    try:
        q = ureg.parse_expression(_expand_count_suffixes(text))
        if not isinstance(q, pint.Quantity):
            q = ureg.Quantity(q)
        return q if unit is None else q.to(unit)
    except pint.UndefinedUnitError as err:
        names = ", ".join(repr(n) for n in getattr(err, "unit_names", ()) or ()) or str(err)
        raise QuantityParseError(
            "value", f"unknown unit {names} in {text!r}; try units like B, GB, s, day, req/s"
        ) from None
    except pint.DimensionalityError as err:
        raise QuantityParseError(
            "value",
            f"{text!r} mixes {describe_dimension(err.dim1)} and {describe_dimension(err.dim2)}",
        ) from None
    except Exception as err:  # pint's tokenizer raises many types (even AssertionError)
        detail = f" ({err})" if str(err) else ""
        raise QuantityParseError(
            "value", f"cannot read {text!r} as a quantity{detail}; check the operators and brackets"
        ) from None


_DIMENSION_NAMES = {
    "": "a plain number (a count, ratio or percentage)",
    "[information]": "a data size",
    "[information] / [time]": "a data size per unit of time (growth or bandwidth)",
    "1 / [time]": "a rate per unit of time (such as req/s)",
    "[time]": "a duration",
}


def unit_text(unit: Any) -> str:
    """Write a unit the way a candidate types it: ``req/s``, ``TB/day``, ``MB``.

    Parameters
    ----------
    unit : pint.Unit, pint.Quantity or str
        The unit (a quantity's unit is used).

    Returns
    -------
    str
    """
    if isinstance(unit, str):
        unit = registry().Unit(unit)
    unit = getattr(unit, "units", unit)
    # pint's symbols for day ("d") and year ("a") read poorly in feedback.
    text = re.sub(r"(?<![\w.])d(?![\w])", "day", f"{unit:~C}")
    return re.sub(r"(?<![\w.])a(?![\w])", "year", text)


def describe_dimension(dim: Any) -> str:
    """Name a dimension in words a candidate recognises ("a data size", "a duration").

    Parameters
    ----------
    dim : pint dimensionality, pint.Quantity, pint.Unit or str
        What to describe.

    Returns
    -------
    str
    """
    dimensionality = getattr(dim, "dimensionality", dim)
    key = "" if str(dimensionality) == "dimensionless" else str(dimensionality)
    return _DIMENSION_NAMES.get(key, f"a quantity of dimension {key}")


def _significant(x: float, digits: int) -> str:
    text = f"{x:.{digits}g}"
    if "e" in text:  # only for tiny or huge values beyond every suffix
        mantissa, exponent = text.split("e")
        return f"{mantissa}e{int(exponent)}"
    return text


def _with_scale(x: float, steps: list[tuple[float, str]], digits: int) -> str:
    """Pick the largest step not above |x|, rounding first so 999.7 becomes 1K, not 1e+03."""
    for factor, suffix in sorted(steps, reverse=True):
        if abs(float(_significant(x / factor, digits))) >= 1:
            return f"{_significant(x / factor, digits)}{suffix}"
    factor, suffix = min(steps)
    return f"{_significant(x / factor, digits)}{suffix}"


_COUNT_STEPS = [(1.0, ""), (1e3, "K"), (1e6, "M"), (1e9, "B"), (1e12, "T")]
_BYTE_STEPS = [
    (1.0, " B"),
    (1e3, " KB"),
    (1e6, " MB"),
    (1e9, " GB"),
    (1e12, " TB"),
    (1e15, " PB"),
    (1e18, " EB"),
]
_BINARY_STEPS = [
    (1.0, " B"),
    (2.0**10, " KiB"),
    (2.0**20, " MiB"),
    (2.0**30, " GiB"),
    (2.0**40, " TiB"),
    (2.0**50, " PiB"),
]
_BIT_RATE_STEPS = [(1.0, " bps"), (1e3, " Kbps"), (1e6, " Mbps"), (1e9, " Gbps"), (1e12, " Tbps")]
_TIME_STEPS = [
    (1e-9, " ns"),
    (1e-6, " µs"),
    (1e-3, " ms"),
    (1.0, " s"),
    (60.0, " min"),
    (3600.0, " h"),
    (86400.0, " days"),
    (365.25 * 86400.0, " years"),
]


def _per_time_unit(q: Any) -> str:
    """Return the time unit a rate is "per" (``TB/day`` -> day); seconds if not explicit."""
    ureg = registry()
    for name, exponent in q.units._units.items():
        if exponent == -1 and ureg.Unit(name).dimensionality == ureg.Unit("s").dimensionality:
            return name
    return "second"


def fmt(q: Any, digits: int = 3) -> str:
    """Write a quantity compactly: ``3.47K req/s``, ``5.48 PB``, ``8.77 h``, ``99.9%``.

    Data sizes and durations pick the readable unit; other quantities keep their unit and
    scale the number with K/M/B/T.

    Parameters
    ----------
    q : pint.Quantity or number
        What to write.
    digits : int
        Significant digits (default 3).

    Returns
    -------
    str
    """
    import pint

    if not isinstance(q, pint.Quantity):
        return _with_scale(float(q), _COUNT_STEPS, digits)
    q = Q(q)
    x = float(q.magnitude)
    if math.isnan(x) or math.isinf(x):
        return f"{x} {q.units:~C}".strip()
    long_name = f"{q.units:D}"  # long names: "kibibyte", "bit / second"
    dim = str(q.dimensionality)
    if dim == "[information]":
        steps = _BINARY_STEPS if "bi" in long_name else _BYTE_STEPS
        return _with_scale(q.to("byte").magnitude, steps, digits)
    if dim == "[information] / [time]":
        per = _per_time_unit(q)
        if per == "second" and ("bit" in long_name or "bps" in long_name):
            return _with_scale(q.to("bit/s").magnitude, _BIT_RATE_STEPS, digits)
        per_text = unit_text(per).removeprefix("1 ")
        return _with_scale(q.to(f"byte/{per}").magnitude, _BYTE_STEPS, digits) + f"/{per_text}"
    if dim == "[time]":
        text = _with_scale(q.to("s").magnitude, _TIME_STEPS, digits)
        return {"1 days": "1 day", "1 years": "1 year"}.get(text, text)
    if long_name == "percent":
        return f"{_significant(x, digits)}%"
    short = unit_text(q.units)
    if short.startswith("1/"):
        short = short[1:]
    number = _with_scale(x, _COUNT_STEPS, digits)
    return f"{number} {short}" if short else number
