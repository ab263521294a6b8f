"""RICE and WSJF scoring tables, with sorting and a rank-sensitivity check.

RICE = reach × impact × confidence / effort (Sean McBride, "RICE: Simple prioritization for
product managers", Intercom blog, 2016, https://www.intercom.com/blog/rice-simple-prioritization-for-product-managers/):
reach in people or events per period, impact on the scale 3 (massive), 2, 1, 0.5, 0.25
(minimal), confidence 100% / 80% / 50%, effort in person-months.

WSJF = cost of delay / job size, with cost of delay = user-business value + time criticality
+ risk reduction / opportunity enablement, each scored on a relative (modified Fibonacci)
scale (Scaled Agile Framework, "WSJF", https://framework.scaledagile.com/wsjf/).
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from tpmprep.exceptions import CalculationError

__all__ = ["RankChange", "ScoreTable", "rice", "wsjf"]


@dataclass(frozen=True)
class RankChange:
    """A change of one input that reorders the table.

    Attributes
    ----------
    item : str
        The item whose input changed.
    field : str
        The input.
    change : float
        Relative change applied (``+0.2`` is +20%).
    old_rank, new_rank : int
        1-based ranks of ``item`` before and after.
    swapped_with : tuple of str
        Items whose order relative to ``item`` flipped.
    """

    item: str
    field: str
    change: float
    old_rank: int
    new_rank: int
    swapped_with: tuple[str, ...]

    def __str__(self) -> str:
        return (
            f"{self.item}: {self.field} {self.change:+.0%} moves it from #{self.old_rank} to "
            f"#{self.new_rank} (swaps with {', '.join(self.swapped_with)})"
        )


def _number(x: float) -> str:
    """Four significant digits, but whole thousands with separators (70,000, not 7e+04)."""
    return f"{x:,.0f}" if abs(x) >= 1e4 else f"{x:.4g}"


class ScoreTable:
    """Items with their inputs and a score, sorted best first.

    Parameters
    ----------
    method : str
        ``"RICE"`` or ``"WSJF"``.
    items : list of dict
        Each with ``name`` and the numeric ``fields``.
    fields : tuple of str
        The inputs of the formula.
    score : callable
        ``score(item_dict) -> float``.
    formula : str
        Human-readable formula for the header.
    """

    def __init__(
        self,
        method: str,
        items: list[dict[str, Any]],
        fields: tuple[str, ...],
        score: Callable[[Mapping[str, float]], float],
        formula: str,
    ):
        self.method = method
        self.fields = fields
        self._score = score
        self.formula = formula
        self.items = items
        self.scores = {it["name"]: score(it) for it in items}

    @property
    def ranking(self) -> list[str]:
        """Item names, best score first (ties keep input order)."""
        order = {it["name"]: i for i, it in enumerate(self.items)}
        return sorted(self.scores, key=lambda n: (-self.scores[n], order[n]))

    def rows(self) -> list[dict[str, Any]]:
        """Items sorted by score, each with ``rank`` and ``score``."""
        by_name = {it["name"]: it for it in self.items}
        return [
            {"rank": i, **by_name[n], "score": self.scores[n]}
            for i, n in enumerate(self.ranking, start=1)
        ]

    def sensitivity(self, change: float = 0.2) -> list[RankChange]:
        """Which single-input changes of ±``change`` reorder the items.

        Every input of every item is moved up and down by the fraction ``change`` in turn
        (the others held); each move that changes that item's rank is listed.

        Parameters
        ----------
        change : float
            Relative change, in (0, 1) (0.2 = ±20%).

        Returns
        -------
        list of RankChange

        Raises
        ------
        CalculationError
            For ``change`` outside (0, 1).
        """
        c = float(change)
        if math.isnan(c) or not 0 < c < 1:
            raise CalculationError("change", f"change is {change!r}; give a fraction in (0, 1)")
        base = self.ranking
        out = []
        for it in self.items:
            for f in self.fields:
                for sign in (1, -1):
                    moved = {**it, f: it[f] * (1 + sign * c)}
                    scores = dict(self.scores)
                    scores[it["name"]] = self._score(moved)
                    order = {x["name"]: i for i, x in enumerate(self.items)}
                    ranking = sorted(scores, key=lambda n: (-scores[n], order[n]))
                    old, new = base.index(it["name"]), ranking.index(it["name"])
                    if old != new:
                        lo, hi = min(old, new), max(old, new)
                        swapped = tuple(n for n in base[lo : hi + 1] if n != it["name"])
                        out.append(RankChange(it["name"], f, sign * c, old + 1, new + 1, swapped))
        return out

    def summary(self) -> str:
        """Text table, best first."""
        width = max(len(n) for n in self.scores)
        header = f"{'#':>2} {'item':<{width}} " + " ".join(f"{f:>10}" for f in self.fields)
        lines = [f"{self.method}: {self.formula}", header + f" {'score':>10}"]
        for r in self.rows():
            vals = " ".join(f"{_number(r[f]):>10}" for f in self.fields)
            lines.append(f"{r['rank']:>2} {r['name']:<{width}} {vals} {_number(r['score']):>10}")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary()

    def __repr__(self) -> str:
        return f"<ScoreTable {self.method}: {', '.join(self.ranking)}>"

    def _repr_html_(self) -> str:
        head = "".join(f"<th>{h}</th>" for h in ("#", "item", *self.fields, "score"))
        body = "".join(
            "<tr>"
            + f"<td>{r['rank']}</td><td>{html.escape(r['name'])}</td>"
            + "".join(f"<td>{_number(r[f])}</td>" for f in self.fields)
            + f"<td><b>{_number(r['score'])}</b></td></tr>"
            for r in self.rows()
        )
        return (
            f"<p><b>{self.method}</b> = {html.escape(self.formula)}</p>"
            f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        )


def _items(
    items: Iterable[Mapping[str, Any]],
    fields: tuple[str, ...],
    positive: tuple[str, ...],
    aliases: Mapping[str, str],
) -> list[dict[str, Any]]:
    out = []
    names = set()
    for raw in items:
        data = {aliases.get(k, k): v for k, v in dict(raw).items()}
        name = str(data.get("name", "")).strip()
        if not name:
            raise CalculationError("name", f"item {dict(raw)!r} has no name")
        if name in names:
            raise CalculationError("name", f"item {name!r} appears twice")
        names.add(name)
        row: dict[str, Any] = {"name": name}
        for f in fields:
            if f not in data:
                raise CalculationError(f, f"item {name!r} has no {f}")
            v = data[f]
            if isinstance(v, str) and v.strip().endswith("%"):
                v = float(v.strip()[:-1]) / 100
            try:
                x = float(v)
            except (TypeError, ValueError):
                raise CalculationError(
                    f, f"item {name!r}: {f} must be a number, got {v!r}"
                ) from None
            if math.isnan(x) or math.isinf(x) or x < 0:
                raise CalculationError(f, f"item {name!r}: {f} is {v!r}; it must be a number >= 0")
            if f in positive and x == 0:
                raise CalculationError(
                    f, f"item {name!r}: {f} is 0; the score divides by it, give a positive size"
                )
            row[f] = x
        out.append(row)
    if not out:
        raise CalculationError("items", "no items to score")
    return out


def rice(items: Iterable[Mapping[str, Any]]) -> ScoreTable:
    """Score items with RICE = reach × impact × confidence / effort.

    Parameters
    ----------
    items : iterable of dict
        Each with ``name``, ``reach``, ``impact`` (3, 2, 1, 0.5, 0.25), ``confidence``
        (0-1 or ``"80%"``) and ``effort`` (person-months, positive).

    Returns
    -------
    ScoreTable

    Raises
    ------
    CalculationError
        For a missing or negative input, zero effort, or confidence above 100%.
    """
    fields = ("reach", "impact", "confidence", "effort")
    rows = _items(items, fields, ("effort",), {})
    for r in rows:
        if r["confidence"] > 1:
            raise CalculationError(
                "confidence",
                f"item {r['name']!r}: confidence is {r['confidence']:g}; write 80% as 0.8 or '80%'",
            )
    return ScoreTable(
        "RICE",
        rows,
        fields,
        lambda r: r["reach"] * r["impact"] * r["confidence"] / r["effort"],
        "reach × impact × confidence / effort",
    )


def wsjf(items: Iterable[Mapping[str, Any]]) -> ScoreTable:
    """Score items with WSJF = (business value + time criticality + risk reduction) / job size.

    Parameters
    ----------
    items : iterable of dict
        Each with ``name``, ``business_value`` (user-business value), ``time_criticality``,
        ``risk_reduction`` (risk reduction / opportunity enablement) and ``job_size``
        (positive). ``value``, ``rr_oe`` and ``size`` are accepted as short names.

    Returns
    -------
    ScoreTable

    Raises
    ------
    CalculationError
        For a missing or negative input or a zero job size.
    """
    fields = ("business_value", "time_criticality", "risk_reduction", "job_size")
    aliases = {"value": "business_value", "rr_oe": "risk_reduction", "size": "job_size"}
    rows = _items(items, fields, ("job_size",), aliases)
    return ScoreTable(
        "WSJF",
        rows,
        fields,
        lambda r: (
            (r["business_value"] + r["time_criticality"] + r["risk_reduction"]) / r["job_size"]
        ),
        "(business value + time criticality + risk reduction) / job size",
    )
