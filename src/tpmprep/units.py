"""One pint registry for the package, ``Q`` to read quantities and ``fmt`` to write them.

The registry is pint's own definitions with three changes that estimation needs:

* ``bit`` has a dimension of its own, ``[information]``, so a data size is never silently
  mixed with a count (pint's default makes bits dimensionless);
* ``b`` means bit, so ``Mb`` is a megabit (pint's default reads a megabarn) and ``Gb`` a
  gigabit (pint's default reads a gilbert), ``bps`` is bits per second (pint's default reads
  baud) and ``Mbps``/``Gbps`` follow;
* counting units (``request``/``req``, ``user``, ``item``, ...) are dimensionless, so
  ``20M users * 5 / day`` converts to ``1/s`` and ``req/s`` and ``QPS`` read naturally.

Bare numbers take count suffixes: ``3.5K`` is 3,500, ``150M`` is 150 million, ``2B`` two
billion, ``1T`` a trillion. SI prefixes on units keep their meaning (``MB`` megabyte,
``MiB`` mebibyte, ``KB`` = ``kB`` = 1000 bytes). ``USD`` is a currency unit for cost tables.

Two reading rules differ from pint's own parser, both to avoid silent mistakes:

* operands written side by side bind tighter than ``*`` and ``/``, as on paper:
  ``1B req / 30 day`` is per 30 days (pint alone reads ``(1B req / 30) * day``);
* a failed read says what and where: ``unknown unit 'zorks' at column 3``, ``cannot add a data
  size (5 MB) and a duration (3 s) with '+' at column 6``, ``the '(' at column 1 is never closed``.

``fmt`` writes what ``Q`` reads back: ``3.47K req/s``, ``5.48 PB``, ``8.77 h``, ``19/day``,
``1.23K USD``.

Quantities divide, compare and round the way napkin math does. A product or ratio whose
dimensions cancel is a plain number, or a count when counting units remain: ``10 GB / 300 MB``
is ``33.3`` (pint alone keeps ``0.0333 GB/MB``) and ``1K req/s × 1 day`` is ``86.4M req``; a
percentage in a product is folded into the number (``90% × 1K req/s`` is ``900 req/s``, not
pint's ``90000 %·req/s``), and a share subtracted from 1 stays a share (``1 - 99.95%`` is
``0.05%``, so ``40% / (1 - 99.95%)`` is 800).
So ``math.ceil(memory / node_memory)``, ``round(data / per_shard)``, ``ratio > 3`` and
``f"{ratio:.1f}"`` all work on the result; ``ceil`` rounds up without tripping on float
noise (``3.0000000001`` servers is 3). pint's own ``auto_reduce_dimensions`` is not used: it
also merges counting units and percentages (``90% × 1K req/s`` becomes ``900 req²/s``).
"""

from __future__ import annotations

import functools
import math
import re
from importlib import resources
from typing import TYPE_CHECKING, Any

from tpmprep.exceptions import InputError, QuantityParseError

if TYPE_CHECKING:  # pragma: no cover
    import pint

__all__ = [
    "Q",
    "ceil",
    "describe_dimension",
    "fmt",
    "make",
    "registry",
    "unit_of",
    "unit_text",
]

# Exact lines of pint's default_en.txt that we change, and what they become.
_PATCHES = {
    "bit = []": "bit = [information] = b",
    "baud = bit / second = Bd = bps": "baud = 1 / second = Bd",
    "barn = 1e-28 * meter ** 2 = b": "barn = 1e-28 * meter ** 2",
    # pint's symbol for the gilbert (a CGS unit of current) would make "Gb" a current.
    "gilbert = 1 / (4 * π) * biot_turn = Gb": "gilbert = 1 / (4 * π) * biot_turn",
}

_EXTRA_DEFINITIONS = """
bps = bit / second
Bps = byte / second
KB = 1000 * byte
Kb = 1000 * bit
Kbps = 1000 * bit / second
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
vCPU = count = _ = vcpu
instance = count
queries_per_second = query / second = QPS = qps
requests_per_second = request / second = RPS = rps
dollar = [currency] = USD = usd
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
    _simplify_cancelled_units(ureg.Quantity)
    return ureg


def _simplify_cancelled_units(quantity_class: type) -> None:
    """Make products and ratios whose dimensions cancel plain numbers (or counts).

    ``quantity_class`` is the registry's own ``Quantity`` class (pint builds one per
    registry), so quantities of other pint registries are not touched.
    """

    def simplified(operation, name: str):
        product = name in ("__mul__", "__rmul__", "__imul__")

        @functools.wraps(operation)
        def wrapper(self, other):
            if name == "__pow__" and not (isinstance(other, int | float) and other == 1):
                self = _plain_share(self)  # 99.8% ** 500 is 0.998 ** 500, not an overflow
            result = operation(self, other)
            units = getattr(result, "_units", None)
            if units is None or not units:
                return result
            target = _cancelled_target(units)
            if target is None and product and _count_times_share(self, other, units):
                target = ""  # 650 participants × 60% is 390 participants, not 39,000%
            return result if target is None else result.to(target)

        return wrapper

    for name in (
        "__mul__",
        "__rmul__",
        "__truediv__",
        "__rtruediv__",
        "__imul__",
        "__itruediv__",
        "__pow__",
    ):
        setattr(quantity_class, name, simplified(getattr(quantity_class, name), name))

    def in_percent(operation):
        @functools.wraps(operation)
        def wrapper(self, other):
            # 1 - 99.95% is 0.05%, a share still (pint gives the plain number 0.0005).
            result = operation(self, other)
            units = getattr(result, "_units", None)
            if units is None or units or not getattr(self, "_units", None):
                return result
            if dict(self._units) == {"percent": 1} and not getattr(other, "_units", None):
                return result.to("percent")
            return result

        return wrapper

    for name in ("__add__", "__radd__", "__sub__", "__rsub__"):
        setattr(quantity_class, name, in_percent(getattr(quantity_class, name)))

    plain_format = quantity_class.__format__
    plain_round = quantity_class.__round__

    def __format__(self, spec: str) -> str:
        # A plain number formats as one: f"{ratio:.1f}" is "33.3", not "33.3 dimensionless".
        if spec and not self._units:
            return format(self._magnitude, spec)
        return plain_format(self, spec)

    def __round__(self, ndigits: int | None = None) -> Any:
        # round(ratio) is a whole number, as round(33.3) is.
        if not self._units:
            return round(self._magnitude, ndigits)
        return plain_round(self, ndigits)

    quantity_class.__format__ = __format__
    quantity_class.__round__ = __round__


def _plain_share(q: Any) -> Any:
    """Return a percentage (or other scaled plain number) as a plain number; else ``q``."""
    units = q._units
    if len(units) == 1 and _cancelled_target(units) is None:
        name = next(iter(units))
        part = registry().Unit(name)
        if part.dimensionless and registry().Quantity(1, part).to("").magnitude != 1:
            return q.to("")
    return q


def _count_times_share(left: Any, right: Any, units: Any) -> bool:
    """Whether a product is a plain quantity (a count) times a percentage.

    A bare Python number scales a percentage (``2 * 30%`` is 60%); a quantity without units
    is a count, so ``Q(650) * 60%`` is 390.
    """
    if len(units) != 1 or "percent" not in units or units["percent"] != 1:
        return False
    units_of = [getattr(side, "_units", None) for side in (left, right)]
    return all(u is not None for u in units_of) and any(not u for u in units_of)


@functools.lru_cache(maxsize=2048)
def _cancelled_target(units: Any) -> Any:
    """Return the unit a quantity in ``units`` simplifies to, or None when it stays as it is.

    A percentage combined with other units is folded into the number (``90% × 1K req/s`` is
    ``900 req/s``; ``x / 50%`` is ``2x``), and when the units are dimensionless overall the
    dimensional ones are folded too (``GB/MB``, ``day·req/s``), keeping the counting units
    (``req``). A lone percentage stays a percentage.
    """
    ureg = registry()
    kinds = {}
    for name in units:
        part = ureg.Unit(name)
        if not part.dimensionless:
            kinds[name] = "dimension"
        elif ureg.Quantity(1, part).to("").magnitude == 1:
            kinds[name] = "count"
        else:
            kinds[name] = "scaled"  # percent, ppm: a number with a scale
    alone = len(units) == 1 and next(iter(units.values())) == 1
    fold = {name for name, kind in kinds.items() if kind == "scaled" and not alone}
    if "dimension" in kinds.values() and ureg.Unit(units).dimensionless:
        fold |= {name for name, kind in kinds.items() if kind == "dimension"}
    if not fold:
        return None
    target = ureg.Unit("")
    for name, exponent in units.items():
        if name not in fold:
            target = target * ureg.Unit(name) ** exponent
    return target


def ceil(x: Any) -> int:
    """Round a number, or a ratio of quantities, up to a whole number: ``ceil(data / per_shard)``.

    Float noise is not a fraction: ``3.0000000001`` rounds to 3 (a key computed as
    ``0.7 × 10 / 0.7`` is no extra server).

    Parameters
    ----------
    x : number or pint.Quantity
        A plain number or a dimensionless quantity (a ratio of like quantities, a percentage).

    Returns
    -------
    int

    Raises
    ------
    InputError
        When ``x`` has a dimension (``ceil(Q("3.2 day"))``: divide it by what one unit holds
        first) or is not finite.
    """
    import pint

    if isinstance(x, pint.Quantity):
        q = Q(x)
        if not q.dimensionless:
            raise InputError(
                "x",
                f"{fmt(q)} is {describe_dimension(q)}, not a plain number; divide it by what "
                f"one unit holds first, e.g. ceil(memory / node_memory)",
            )
        x = float(q.to("").magnitude)
    value = float(x)
    if math.isnan(value) or math.isinf(value):
        raise InputError("x", f"cannot round {value} up to a whole number")
    nearest = round(value)
    if abs(value - nearest) <= 1e-9 * max(1.0, abs(value)):
        return int(nearest)
    return math.ceil(value)


def _expand_count_suffixes(text: str) -> str:
    return _SUFFIXED.sub(lambda m: f"({m.group(1)}e{_COUNT_SUFFIX[m.group(2)]})", text)


@functools.lru_cache(maxsize=4096)
def _parse(text: str) -> tuple[Any, Any]:
    """Parse once per distinct text (pint's parser costs about 0.3 ms a call); errors propagate.

    Returns the magnitude and the (immutable) unit, so every caller gets a fresh quantity.
    """
    import pint

    ureg = registry()
    q = ureg.parse_expression(_expand_count_suffixes(_group_after_division(text)))
    if not isinstance(q, pint.Quantity):
        q = ureg.Quantity(q)
    return q.magnitude, q.units


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
        magnitude, units = _parse(text)
        q = ureg.Quantity(magnitude, units)
        return q if unit is None else q.to(unit)
    except pint.UndefinedUnitError as err:
        names = ", ".join(repr(n) for n in getattr(err, "unit_names", ()) or ()) or str(err)
        where = _locate(text)
        detail = where if where and where.startswith("unknown unit") else f"unknown unit {names}"
        raise QuantityParseError(
            "value", f"{detail} in {text!r}; try units like B, GB, s, day, req/s"
        ) from None
    except pint.DimensionalityError as err:
        where = _locate(text)
        detail = (
            where
            if where and where.startswith("cannot")
            else f"mixes {describe_dimension(err.dim1)} and {describe_dimension(err.dim2)}"
        )
        raise QuantityParseError(
            "value",
            f"{text!r} {detail}" if detail.startswith("mixes") else f"in {text!r}: {detail}",
        ) from None
    except Exception as err:  # pint's tokenizer raises many types (even AssertionError)
        where = _locate(text)
        if where:
            raise QuantityParseError("value", f"cannot read {text!r}: {where}") from None
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
    "[currency]": "an amount of money",
    "[currency] / [time]": "a cost per unit of time",
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
        if 0 <= int(exponent) < 15:  # 125 to two digits is 120, not 1.2e2
            return f"{round(x, digits - 1 - int(exponent)):.0f}"
        return f"{mantissa}e{int(exponent)}"
    return text


def _percent(x: float, digits: int) -> str:
    """Write a percentage; just under 100 keeps the digits that tell the nines apart (99.95)."""
    if not 99 <= x < 100:
        return _significant(x, digits)
    for decimals in range(max(digits - 2, 0), 10):
        text = f"{x:.{decimals}f}"
        if float(text) < 100:
            return text.rstrip("0").rstrip(".") if "." in text else text
    return _significant(x, digits)  # pragma: no cover - x is within 1e-10 of 100


def _with_scale(x: float, steps: list[tuple[float, str]], digits: int) -> str:
    """Pick the largest step not above |x|, rounding first so 999.7 becomes 1K, not 1e+03."""
    for factor, suffix in sorted(steps, reverse=True):  # noqa: B007 - used after the loop
        if abs(float(_significant(x / factor, digits))) >= 1:
            break
    else:
        factor, suffix = min(steps)
    text = _significant(x / factor, digits)
    if "e" in text:  # beyond every suffix: plain scientific in the base unit (1e30, 1e-20 s)
        base = next((s for f, s in steps if f == 1.0), None)
        if base is not None:
            suffix, text = base, _significant(x, digits)
    return f"{text}{suffix}"


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
    (2.0**60, " EiB"),
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


@functools.lru_cache(maxsize=1024)
def _unit_names(unit: Any) -> tuple[str, str]:
    """Long name and candidate-facing short text of a unit (formatting a unit is slow in pint)."""
    return f"{unit:D}", unit_text(unit)


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
    q = _without_percent(Q(q))
    x = float(q.magnitude)
    if math.isnan(x) or math.isinf(x):
        return f"{x} {q.units:~C}".strip()
    long_name, short = _unit_names(q.units)  # long: "kibibyte"; short: "req/s", "TB/day"
    dim = str(q.dimensionality)
    if dim == "[information]":
        binary = re.search(r"(kibi|mebi|gibi|tebi|pebi|exbi)", long_name)
        steps = _BINARY_STEPS if binary else _BYTE_STEPS
        return _with_scale(q.to("byte").magnitude, steps, digits)
    if dim == "[information] / [time]":
        per = _per_time_unit(q)
        if per == "second" and ("bit" in long_name or "bps" in long_name):
            return _with_scale(q.to("bit/s").magnitude, _BIT_RATE_STEPS, digits)
        per_text = unit_text(per).removeprefix("1 ")
        return _with_scale(q.to(f"byte/{per}").magnitude, _BYTE_STEPS, digits) + f"/{per_text}"
    if dim == "[time]":
        if long_name in ("week", "month"):  # a payback in months stays in months
            number = _significant(x, digits)
            return f"{number} {long_name}" + ("" if number == "1" else "s")
        text = _with_scale(q.to("s").magnitude, _TIME_STEPS, digits)
        return {"1 days": "1 day", "1 years": "1 year"}.get(text, text)
    if long_name == "percent":
        return f"{_percent(x, digits)}%"
    if dim.startswith("[currency]"):
        q = q.to_reduced_units()  # 3 USD/GB/month * 5 TB -> 15000 USD/month
        x = float(q.magnitude)
    if dim.startswith("[currency]"):
        short = _unit_names(q.units)[1]
    number = _with_scale(x, _COUNT_STEPS, digits)
    if short.startswith("1/") or short.startswith("1 /"):
        # A bare rate (19 per day) reads as "19/day", which Q() reads back.
        return f"{number}/{short.split('/', 1)[1].strip()}"
    return f"{number} {short}" if short else number


def _without_percent(q: Any) -> Any:
    """Fold ``%`` into the number when it is multiplied with other units (20% * 50M users)."""
    units = dict(q.units._units)
    if "percent" not in units or len(units) == 1:
        return q
    units.pop("percent")
    target = registry().Unit("")
    for name, exponent in units.items():
        target = target * registry().Unit(name) ** exponent
    return q.to(target)


# --- Finding where an expression goes wrong -------------------------------------------------
# pint reads the expression; when it fails, this small parser walks the same text to say WHERE
# (1-based column) and WHAT (the unknown unit, the operator joining unlike dimensions, the
# missing operand or bracket). It mirrors pint's grammar: + - * / ** ^, brackets, unary signs,
# multiplication of neighbours written without an operator ("5 MB", "30 day"), binding tighter
# than * and / (so "/ 30 day" is per 30 days), and % as percent.

_TOKEN = re.compile(
    r"\s*(?:(?P<number>(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?(?:[KMBT](?![A-Za-z_]))?)"
    r"|(?P<name>[^\W\d][\w]*)|(?P<op>\*\*|[-+*/^()%]))"
)


class _Located(Exception):
    """A problem found by the locator, already phrased for the candidate."""


class _Locator:
    """Recursive-descent evaluation of an expression, raising ``_Located`` at the first fault."""

    def __init__(self, text: str):
        self.text = text
        self.tokens: list[tuple[str, str, int]] = []
        pos = 0
        while pos < len(text):
            if text[pos:].strip() == "":
                break
            m = _TOKEN.match(text, pos)
            if not m or m.end() == pos:
                column = pos + len(text[pos:]) - len(text[pos:].lstrip()) + 1
                raise _Located(f"unexpected character {text[column - 1]!r} at column {column}")
            kind = m.lastgroup or "op"
            start = m.start(kind)
            self.tokens.append((kind, m.group(kind), start + 1))
            pos = m.end()
        self.i = 0

    def _peek(self) -> tuple[str, str, int] | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def _end_message(self) -> str:
        last = self.tokens[-1] if self.tokens else None
        if last is None:
            return "the expression is empty"
        return f"the expression ends after {last[1]!r} (column {last[2]}); something is missing"

    def parse(self) -> Any:
        value = self._sum()
        token = self._peek()
        if token is not None:
            if token[1] == ")":
                raise _Located(f"unmatched ')' at column {token[2]}")
            raise _Located(f"unexpected {token[1]!r} at column {token[2]}")
        return value

    def _combine(self, op: tuple[str, str, int], left: Any, right: Any) -> Any:
        import pint

        try:
            if op[1] == "+":
                return left + right
            if op[1] == "-":
                return left - right
            if op[1] == "*":
                return left * right
            if op[1] == "/":
                return left / right
            return left**right
        except pint.DimensionalityError:
            verb = {"+": "add", "-": "subtract"}.get(op[1], "combine")
            raise _Located(
                f"cannot {verb} {describe_dimension(left)} ({_plain(left)}) and "
                f"{describe_dimension(right)} ({_plain(right)}) with {op[1]!r} at column {op[2]}"
            ) from None
        except ZeroDivisionError:
            raise _Located(f"division by zero at column {op[2]}") from None
        except Exception as err:
            raise _Located(f"cannot apply {op[1]!r} at column {op[2]} ({err})") from None

    def _sum(self) -> Any:
        value = self._product()
        while (token := self._peek()) is not None and token[1] in "+-" and token[0] == "op":
            self.i += 1
            value = self._combine(token, value, self._product())
        return value

    def _starts_operand(self, token: tuple[str, str, int] | None) -> bool:
        return token is not None and (token[0] != "op" or token[1] == "(")

    def _product(self) -> Any:
        value = self._neighbours()
        while (token := self._peek()) is not None and token[0] == "op" and token[1] in "*/":
            self.i += 1
            value = self._combine(token, value, self._neighbours())
        return value

    def _neighbours(self) -> Any:
        """Operands written side by side ("30 day") multiply before * and / apply."""
        value = self._unary()
        while self._starts_operand(token := self._peek()):
            value = self._combine(("op", "*", token[2]), value, self._unary())
        return value

    def _unary(self) -> Any:
        token = self._peek()
        if token is not None and token[0] == "op" and token[1] in "+-":
            self.i += 1
            value = self._unary()
            return -value if token[1] == "-" else value
        return self._power()

    def _power(self) -> Any:
        base = self._atom()
        token = self._peek()
        if token is not None and token[0] == "op" and token[1] in ("**", "^"):
            self.i += 1
            return self._combine(token, base, self._unary())
        return base

    def _atom(self) -> Any:
        ureg = registry()
        token = self._peek()
        if token is None:
            raise _Located(self._end_message())
        kind, text, column = token
        self.i += 1
        if kind == "number":
            suffix = text[-1] if text[-1] in _COUNT_SUFFIX else ""
            number = float(text.removesuffix(suffix) if suffix else text)
            value = ureg.Quantity(number * 10 ** _COUNT_SUFFIX.get(suffix, 0))
        elif kind == "name":
            try:
                value = ureg.Quantity(1, ureg.parse_units(text))
            except Exception:
                raise _Located(f"unknown unit {text!r} at column {column}") from None
        elif text == "(":
            value = self._sum()
            close = self._peek()
            if close is None or close[1] != ")":
                raise _Located(f"the '(' at column {column} is never closed")
            self.i += 1
        elif text == "%":
            value = ureg.Quantity(1, "percent")
        else:
            where = f"at column {column}"
            raise _Located(f"{text!r} {where} has nothing before it to work on")
        while (nxt := self._peek()) is not None and nxt[1] == "%":
            self.i += 1
            value = value * ureg.Quantity(1, "percent")
        return value


def _plain(q: Any) -> str:
    try:
        return fmt(q)
    except Exception:  # pragma: no cover - formatting never hides the real message
        return str(q)


def _locate(text: str) -> str | None:
    """Say where and why ``text`` cannot be read, or None when the locator finds no fault."""
    try:
        _Locator(text).parse()
    except _Located as found:
        return str(found)
    except Exception:  # pragma: no cover - the locator only refines pint's message
        return None
    return None


def _group_after_division(text: str) -> str:
    """Bracket operands written side by side after ``/``: ``/ 30 day`` -> ``/ (30 day)``.

    pint reads ``1B req / 30 day`` as ``(1B req / 30) * day``; a person means "per 30 days".
    Neighbours without an operator bind tighter than ``*`` and ``/`` here, as on paper.
    """
    try:
        tokens = _Locator(text).tokens
    except _Located:
        return text  # let pint report it
    n = len(tokens)

    def starts_operand(j: int) -> bool:
        return j < n and (tokens[j][0] != "op" or tokens[j][1] == "(")

    def operand_end(j: int) -> int | None:
        while j < n and tokens[j][0] == "op" and tokens[j][1] in "+-":
            j += 1
        if j >= n:
            return None
        if tokens[j][1] == "(" and tokens[j][0] == "op":
            depth = 0
            for k in range(j, n):
                depth += {"(": 1, ")": -1}.get(tokens[k][1], 0) if tokens[k][0] == "op" else 0
                if depth == 0:
                    j = k + 1
                    break
            else:
                return None
        elif tokens[j][0] in ("number", "name"):
            j += 1
        else:
            return None
        while j < n and tokens[j][1] == "%":
            j += 1
        if j < n and tokens[j][0] == "op" and tokens[j][1] in ("**", "^"):
            return operand_end(j + 1)
        return j

    inserts: list[tuple[int, str]] = []
    for i, (kind, symbol, _column) in enumerate(tokens):
        if kind != "op" or symbol != "/":
            continue
        end = operand_end(i + 1)
        atoms = 1
        while end is not None and starts_operand(end):
            end = operand_end(end)
            atoms += 1
        if end is None or atoms < 2:
            continue
        first, last = tokens[i + 1], tokens[end - 1]
        inserts += [(first[2] - 1, "("), (last[2] - 1 + len(last[1]), ")")]
    for position, bracket in sorted(inserts, reverse=True):
        text = text[:position] + bracket + text[position:]
    return text


@functools.lru_cache(maxsize=256)
def unit_of(text: str) -> Any:
    """Return the registry's unit for ``text``, parsed once (pint's parser is slow).

    Parameters
    ----------
    text : str
        A unit such as ``"byte / day"``.

    Returns
    -------
    pint.Unit
    """
    return registry().Unit(text)


def make(magnitude: Any, text: str) -> Any:
    """Build a quantity quickly from a magnitude and a unit text.

    Parameters
    ----------
    magnitude : float
        The number.
    text : str
        The unit.

    Returns
    -------
    pint.Quantity
    """
    return registry().Quantity(magnitude, unit_of(text))
