"""The reference tables: loading, editions, look-up and comparison."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from tpmprep.exceptions import InputError

__all__ = [
    "Change",
    "Entry",
    "compare",
    "current_edition",
    "editions",
    "entries",
    "entry",
    "keys",
    "tables",
    "use_edition",
    "value",
]

_FILES = ("latency", "throughput", "cost")
_COMPUTED = ("availability", "powers_of_two")
_TABLE_ORDER = ("latency", "throughput", "availability", "powers_of_two", "cost")


@dataclass(frozen=True)
class Entry:
    """One reference value with its provenance.

    Attributes
    ----------
    key : str
        Full key, ``table.name`` (e.g. ``latency.main_memory_reference``).
    label : str
        What the value measures, in the source's words.
    value : pint.Quantity
        The value with its unit.
    source : str
        Author and title of the source.
    url : str
        Where to check it.
    date : str
        When the source stated it (or when it was retrieved, as the text says).
    note : str
        How other versions of the same table differ, or how the value was derived.
    edition : str
        The edition the entry belongs to.
    """

    key: str
    label: str
    value: Any
    source: str
    url: str
    date: str
    note: str = ""
    edition: str = ""

    @property
    def table(self) -> str:
        """The table's name (the key's first part)."""
        return self.key.split(".", 1)[0]

    def __str__(self) -> str:
        from tpmprep.units import fmt

        note = f" ({self.note})" if self.note else ""
        return f"{self.label}: {fmt(self.value)}{note}; {self.source}, {self.date}, {self.url}"

    def as_dict(self) -> dict[str, Any]:
        """Return the entry as JSON-ready data (value as a float and a unit text).

        Returns
        -------
        dict
        """
        from tpmprep.units import unit_text

        return {
            "key": self.key,
            "label": self.label,
            "value": float(self.value.magnitude),
            "unit": unit_text(self.value),
            "display": _display(self.value),
            "source": self.source,
            "url": self.url,
            "date": self.date,
            "note": self.note,
            "edition": self.edition,
        }


def _display(q: Any) -> str:
    from tpmprep.units import fmt

    return fmt(q)


@dataclass(frozen=True)
class Change:
    """How one key differs between two editions (``old`` or ``new`` is None if absent).

    Attributes
    ----------
    key : str
        The full key.
    old, new : Entry or None
        The entry in the first and in the second edition.
    """

    key: str
    old: Entry | None
    new: Entry | None

    @property
    def ratio(self) -> float | None:
        """``new / old`` (same units), or None when the key is in one edition only."""
        if self.old is None or self.new is None:
            return None
        return float((self.new.value / self.old.value).to("").magnitude)

    @property
    def changed(self) -> bool:
        """True when the value differs or the key is in one edition only."""
        return self.ratio is None or abs(self.ratio - 1.0) > 1e-9

    def __str__(self) -> str:
        from tpmprep.units import fmt

        old = fmt(self.old.value) if self.old else "-"
        new = _in_units_of(self.new, self.old)
        ratio = f"x{self.ratio:.3g}" if self.ratio is not None else "only in one"
        return f"{self.key}: {old} -> {new} ({ratio})"


def _in_units_of(new: Entry | None, old: Entry | None) -> str:
    """Write ``new`` in ``old``'s unit so the two read side by side."""
    from tpmprep.units import fmt

    if new is None:
        return "-"
    return fmt(new.value.to(old.value.units) if old is not None else new.value)


class EditionComparison(list):
    """The list of ``Change`` returned by ``compare``; prints as an aligned text table."""

    def __str__(self) -> str:
        from tpmprep.units import fmt

        rows = [("key", "old", "new", "new/old")]
        for c in self:
            rows.append(
                (
                    c.key,
                    fmt(c.old.value) if c.old else "-",
                    _in_units_of(c.new, c.old),
                    f"x{c.ratio:.3g}" if c.ratio is not None else "one edition only",
                )
            )
        widths = [max(len(r[i]) for r in rows) for i in range(4)]
        lines = ("  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)) for r in rows)
        return "\n".join(line.rstrip() for line in lines)


@dataclass
class _Table:
    name: str
    title: str
    default: str
    editions: dict[str, dict[str, Entry]] = field(default_factory=dict)
    descriptions: dict[str, str] = field(default_factory=dict)


def _load_file(name: str) -> _Table:
    from tpmprep.documents import DocumentError, read_yaml
    from tpmprep.units import Q

    data, problems = read_yaml(resources.files("tpmprep.numbers") / f"{name}.yaml")
    if problems:  # pragma: no cover - a packaging mistake
        raise DocumentError(problems)
    table = _Table(name=data["table"], title=data["title"], default=data["default"])
    for edition, spec in data["editions"].items():
        made: dict[str, Entry] = {}
        for raw in spec["entries"]:
            key = f"{name}.{raw['key']}"
            made[key] = Entry(
                key=key,
                label=raw["label"],
                value=Q(str(raw["value"])),
                source=raw.get("source", spec["source"]),
                url=raw.get("url", spec["url"]),
                date=str(raw.get("date", spec["date"])),
                note=raw.get("note", ""),
                edition=edition,
            )
        table.editions[edition] = made
        table.descriptions[edition] = " ".join(str(spec.get("description", "")).split())
    return table


# Downtime per period for 1 to 6 nines (90% ... 99.9999%), computed, never typed.
_NINES_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}
_PERIODS = (("per_year", "year"), ("per_month", "month"), ("per_week", "week"), ("per_day", "day"))
_AVAILABILITY_SOURCE = (
    "Computed: downtime = (1 - availability) x period; year = 365.25 days, month = year / 12 "
    "(the convention of the System Design Primer's 'Availability in numbers')"
)
_AVAILABILITY_URL = "https://github.com/donnemartin/system-design-primer#availability-in-numbers"
_COMPUTED_DATE = "2026-11-22 (computed)"

_BINARY = ("KiB", "MiB", "GiB", "TiB", "PiB", "EiB")
_BINARY_APPROX = ("thousand", "million", "billion", "trillion", "quadrillion", "quintillion")
_BINARY_SOURCE = "NIST, 'Prefixes for binary multiples' (IEC 60027-2, 1998; now IEC 80000-13)"
_BINARY_URL = "https://physics.nist.gov/cuu/Units/binary.html"


def _availability() -> _Table:
    from tpmprep.units import Q

    table = _Table("availability", "Downtime allowed per number of nines", "computed")
    made: dict[str, Entry] = {}
    for n in range(1, 7):
        availability = 1 - 10.0**-n
        percent = f"{100 * availability:.{max(n - 2, 0)}f}%"
        base = f"availability.nines_{n}"
        common = {"source": _AVAILABILITY_SOURCE, "url": _AVAILABILITY_URL}
        made[base] = Entry(
            base,
            f"{_NINES_WORDS[n]} nine{'s' if n > 1 else ''} ({percent})",
            Q(100 * availability, "percent"),
            date=_COMPUTED_DATE,
            edition="computed",
            **common,
        )
        for suffix, period in _PERIODS:
            downtime = (Q(1, period) * (10.0**-n)).to("s")
            made[f"{base}.{suffix}"] = Entry(
                f"{base}.{suffix}",
                f"Downtime {suffix.replace('_', ' ')} at {percent}",
                downtime,
                date=_COMPUTED_DATE,
                edition="computed",
                **common,
            )
    table.editions["computed"] = made
    table.descriptions["computed"] = "Exact arithmetic: (1 - availability) x period."
    return table


def _powers_of_two() -> _Table:
    from tpmprep.units import Q

    table = _Table("powers_of_two", "Powers of two (binary prefixes)", "computed")
    made: dict[str, Entry] = {}
    for i, (symbol, approx) in enumerate(zip(_BINARY, _BINARY_APPROX, strict=True), start=1):
        power = 10 * i
        key = f"powers_of_two.{symbol.lower()}"
        made[key] = Entry(
            key,
            f"2^{power} bytes = {2**power:,} bytes (about 1 {approx}) = 1 {symbol}",
            Q(2**power, "byte").to(symbol),
            source=_BINARY_SOURCE,
            url=_BINARY_URL,
            date="1998-12 (IEC binary prefixes adopted)",
            edition="computed",
        )
    table.editions["computed"] = made
    table.descriptions["computed"] = "2^10 to 2^60 bytes with their IEC names."
    return table


@functools.cache
def _table(name: str) -> _Table:
    if name in _FILES:
        return _load_file(name)
    if name == "availability":
        return _availability()
    if name == "powers_of_two":
        return _powers_of_two()
    raise InputError("table", f"unknown table {name!r}; tables: {', '.join(_TABLE_ORDER)}")


_current: dict[str, str] = {}


def tables() -> list[str]:
    """Return the names of the reference tables.

    Returns
    -------
    list of str
        ``latency``, ``throughput``, ``availability``, ``powers_of_two``, ``cost``.
    """
    return list(_TABLE_ORDER)


def editions(table: str) -> list[str]:
    """Return the editions of ``table``, the default first.

    Parameters
    ----------
    table : str
        A table name from ``tables()``.

    Returns
    -------
    list of str

    Raises
    ------
    InputError
        When the table is unknown (the message lists the tables).
    """
    t = _table(_check_table(table))
    return [t.default, *sorted(e for e in t.editions if e != t.default)]


def _check_table(table: str) -> str:
    if table not in _TABLE_ORDER:
        raise InputError("table", f"unknown table {table!r}; tables: {', '.join(_TABLE_ORDER)}")
    return table


def current_edition(table: str) -> str:
    """Return the edition ``value`` uses for ``table`` when none is given.

    Parameters
    ----------
    table : str
        A table name.

    Returns
    -------
    str
    """
    return _current.get(_check_table(table)) or _table(table).default


def _check_edition(table: str, edition: str | None, parameter: str = "edition") -> str:
    if edition is None:
        return current_edition(table)
    valid = editions(table)
    if edition not in valid:
        raise InputError(
            parameter,
            f"table {table!r} has no edition {edition!r}; editions: {', '.join(valid)}",
        )
    return edition


def use_edition(edition: str | None, table: str | None = None) -> list[str]:
    """Make ``edition`` the default for ``table`` (or for every table that has it).

    Parameters
    ----------
    edition : str or None
        An edition name (``"classic"``, ``"recent"``, ...); None restores the defaults.
    table : str, optional
        Only this table; by default every table with that edition.

    Returns
    -------
    list of str
        The tables whose default changed.

    Raises
    ------
    InputError
        When no table (or not ``table``) has that edition.
    """
    names = [_check_table(table)] if table else tables()
    if edition is None:
        for name in names:
            _current.pop(name, None)
        return names
    if table:
        _current[table] = _check_edition(table, edition)
        return [table]
    changed = [name for name in names if edition in editions(name)]
    if not changed:
        known = sorted({e for name in names for e in editions(name)})
        raise InputError("edition", f"no table has edition {edition!r}; editions: {known}")
    for name in changed:
        _current[name] = edition
    return changed


def entries(table: str, edition: str | None = None) -> list[Entry]:
    """Return every entry of ``table`` in ``edition`` (default: the current edition).

    Parameters
    ----------
    table : str
        A table name.
    edition : str, optional
        An edition of that table.

    Returns
    -------
    list of Entry

    Raises
    ------
    InputError
        When the table or the edition is unknown.
    """
    name = _check_table(table)
    return list(_table(name).editions[_check_edition(name, edition)].values())


def keys(table: str, edition: str | None = None) -> list[str]:
    """Return the keys of ``table`` in ``edition``.

    Parameters
    ----------
    table : str
        A table name.
    edition : str, optional
        An edition of that table.

    Returns
    -------
    list of str
    """
    return [e.key for e in entries(table, edition)]


def entry(key: str, edition: str | None = None) -> Entry:
    """Return the entry for ``key`` (``"latency.main_memory_reference"``) with provenance.

    Parameters
    ----------
    key : str
        ``table.name``.
    edition : str, optional
        Edition of the key's table (default: the current edition, see ``use_edition``).

    Returns
    -------
    Entry

    Raises
    ------
    InputError
        When the key or edition is unknown; the message lists the valid ones.
    """
    if not isinstance(key, str) or "." not in key:
        raise InputError(
            "key", f"expected 'table.name', got {key!r}; tables: {', '.join(tables())}"
        )
    table = key.split(".", 1)[0]
    if table not in _TABLE_ORDER:
        raise InputError(
            "key", f"unknown table {table!r} in {key!r}; tables: {', '.join(tables())}"
        )
    chosen = _check_edition(table, edition)
    t = _table(table)
    found = t.editions[chosen].get(key)
    if found is not None:
        return found
    elsewhere = [e for e in editions(table) if key in t.editions[e]]
    if elsewhere:
        raise InputError(
            "key",
            f"{key!r} is not in the {chosen!r} edition of {table!r}; "
            f"it is in: {', '.join(elsewhere)}",
        )
    raise InputError(
        "key", f"unknown key {key!r}; keys in {table} ({chosen}): {', '.join(t.editions[chosen])}"
    )


def value(key: str, edition: str | None = None) -> Any:
    """Return the quantity for ``key``: ``value("latency.main_memory_reference")`` is 100 ns.

    Parameters
    ----------
    key : str
        ``table.name``.
    edition : str, optional
        Edition of the key's table (default: the current edition).

    Returns
    -------
    pint.Quantity

    Raises
    ------
    InputError
        When the key or edition is unknown.
    """
    return entry(key, edition).value


def compare(table: str, a: str, b: str, changed_only: bool = True) -> EditionComparison:
    """Compare two editions of ``table``: which values changed, and by what factor.

    Parameters
    ----------
    table : str
        A table name.
    a, b : str
        Two editions of it (old, new).
    changed_only : bool
        Leave out keys whose value is the same in both (default True).

    Returns
    -------
    EditionComparison
        A list of ``Change`` (``.key``, ``.old``, ``.new``, ``.ratio``) that prints as a table;
        keys present in both editions come first, in ``a``'s order.

    Raises
    ------
    InputError
        When the table or an edition is unknown.
    """
    name = _check_table(table)
    old = _table(name).editions[_check_edition(name, a, "a")]
    new = _table(name).editions[_check_edition(name, b, "b")]
    ordered = [k for k in old if k in new] + [k for k in old if k not in new]
    ordered += [k for k in new if k not in old]
    changes = [Change(k, old.get(k), new.get(k)) for k in ordered]
    return EditionComparison(c for c in changes if c.changed or not changed_only)
