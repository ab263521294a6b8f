"""A roadmap by quarter, with each team's capacity against the work the roadmap asks of it.

Two ways in:

- :func:`roadmap` lays a program plan (:mod:`tpmprep.plan.program`) out by quarter, from its
  earliest-start (or levelled) schedule: every task is an item, and a team's demand in a quarter
  is the person-weeks of its tasks that fall in it.
- :meth:`Roadmap.from_items` takes initiatives directly, each staffed for whole quarters
  (``{name: search-v2, team: search, people: 3, quarters: [Q2, Q3], okr: O1}``), the shape
  of a quarterly planning exercise.

Capacity is ``people × weeks`` of each quarter (person-weeks; a week is 5 working days). A
capacity cut is a per-quarter override: ``capacity={"search": {"Q3": 2}}``. With a program
``start`` date, quarters are calendar quarters (``Q2 2027``; the first one starts at the
program's start); without one, they are 13-week blocks ``Q1``, ``Q2``, ...
"""

from __future__ import annotations

import datetime as dt
import math
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from tpmprep.exceptions import InputError
from tpmprep.plan.findings import ProgramReport, check_program
from tpmprep.plan.program import Program
from tpmprep.plan.resources import WEEK_DAYS

__all__ = ["QUARTER_DAYS", "Quarter", "QuarterLoad", "Roadmap", "RoadmapItem", "roadmap"]

#: Working days in a quarter without a calendar (13 weeks of 5 days).
QUARTER_DAYS = 13 * WEEK_DAYS

_EPS = 1e-9


@dataclass(frozen=True)
class Quarter:
    """A quarter as working days ``[start, end)`` from the roadmap's day 0."""

    label: str
    start: float
    end: float

    @property
    def weeks(self) -> float:
        """Working weeks in the quarter (5 working days each)."""
        return (self.end - self.start) / WEEK_DAYS


@dataclass(frozen=True)
class RoadmapItem:
    """One bar (or marker) of the roadmap.

    Attributes
    ----------
    name, team : str
        What and who.
    start, end : float
        Working days ``[start, end)``; a milestone has ``start == end``.
    people : float
        People of the team it occupies throughout.
    kind : str
        ``"work"``, ``"gate"`` or ``"milestone"``.
    okr : str
        The objective it serves (initiatives), or ``""``.
    """

    name: str
    team: str
    start: float
    end: float
    people: float
    kind: str = "work"
    okr: str = ""


@dataclass(frozen=True)
class QuarterLoad:
    """A team's demand against its capacity in one quarter, in person-weeks."""

    team: str
    quarter: str
    capacity: float
    demand: float

    @property
    def free(self) -> float:
        """Capacity left (negative: over-committed), person-weeks."""
        return self.capacity - self.demand

    @property
    def utilisation(self) -> float:
        """``demand / capacity`` (infinite when demand meets no capacity)."""
        if self.capacity <= _EPS:
            return math.inf if self.demand > _EPS else 0.0
        return self.demand / self.capacity

    @property
    def over(self) -> bool:
        """True when the demand exceeds the capacity."""
        return self.demand > self.capacity + _EPS


class Roadmap:
    """Items laid out by quarter and each team's capacity per quarter.

    Parameters
    ----------
    items : iterable of RoadmapItem
        What the roadmap shows and asks of each team.
    teams : dict of str to float or None
        People per team (``None``: not managed, no capacity shown).
    quarters : sequence of Quarter
        In order, contiguous.
    title : str
        Shown above tables and plots.
    capacity : dict, optional
        ``{team: {quarter label: people}}`` overrides (a capacity cut or a hire).
    start : datetime.date, optional
        Day 0's date (for labels only).

    Raises
    ------
    InputError
        For an item of an unknown team, an override for an unknown team or quarter, or
        negative people.
    """

    def __init__(
        self,
        items: Iterable[RoadmapItem],
        teams: Mapping[str, float | None],
        quarters: Sequence[Quarter],
        title: str = "Roadmap",
        capacity: Mapping[str, Mapping[str, float]] | None = None,
        start: dt.date | None = None,
    ):
        self.items = list(items)
        self.teams = dict(teams)
        self.quarters = list(quarters)
        self.title = title
        self.start = start
        if not self.quarters:
            raise InputError("quarters", "a roadmap needs at least one quarter")
        labels = [q.label for q in self.quarters]
        for item in self.items:
            if item.team not in self.teams:
                raise InputError(
                    "team",
                    f"item {item.name!r}: team {item.team!r} is not one of {list(self.teams)}",
                )
        self.capacity_overrides: dict[str, dict[str, float]] = {}
        for team, per_quarter in (capacity or {}).items():
            if team not in self.teams:
                raise InputError("capacity", f"{team!r} is not one of the teams {list(self.teams)}")
            for label, people in per_quarter.items():
                if label not in labels:
                    raise InputError(
                        "capacity", f"{team}: {label!r} is not one of the quarters {labels}"
                    )
                if isinstance(people, bool) or not isinstance(people, int | float) or people < 0:
                    raise InputError(
                        "capacity", f"{team}: {label}: people must be a number >= 0, not {people!r}"
                    )
            self.capacity_overrides[team] = {k: float(v) for k, v in per_quarter.items()}

    # ------------------------------------------------------------------ constructors
    @classmethod
    def from_items(
        cls,
        items: Iterable[Mapping[str, Any]],
        teams: Mapping[str, float],
        quarters: int | Sequence[str] = 4,
        title: str = "Roadmap",
        capacity: Mapping[str, Mapping[str, float]] | None = None,
    ) -> Roadmap:
        """Build a roadmap of initiatives staffed for whole quarters.

        Parameters
        ----------
        items : iterable of dict
            ``{name, team, people, quarters: [labels] or quarter: label, okr}``.
        teams : dict of str to float
            People per team.
        quarters : int or sequence of str
            How many 13-week quarters (labelled ``Q1``...), or their labels.
        title : str
            The roadmap's title.
        capacity : dict, optional
            Per-quarter overrides ``{team: {label: people}}``.

        Returns
        -------
        Roadmap

        Raises
        ------
        InputError
            For an item without name, team or quarters, an unknown quarter or team, or
            negative people.
        """
        labels = [f"Q{i + 1}" for i in range(quarters)] if isinstance(quarters, int) else list(
            quarters
        )
        qs = [Quarter(lb, i * QUARTER_DAYS, (i + 1) * QUARTER_DAYS) for i, lb in enumerate(labels)]
        by_label = {q.label: q for q in qs}
        built = []
        for record in items:
            data = dict(record)
            name = str(data.get("name", "")).strip()
            if not name:
                raise InputError("name", f"roadmap item {record!r} has no name")
            spans = data.get("quarters", data.get("quarter"))
            spans = [spans] if isinstance(spans, str) else list(spans or [])
            unknown = [s for s in spans if s not in by_label]
            if not spans or unknown:
                raise InputError(
                    "quarters",
                    f"item {name!r}: give quarter: or quarters: from {labels}"
                    + (f", not {unknown}" if unknown else ""),
                )
            people = data.get("people", 1)
            if isinstance(people, bool) or not isinstance(people, int | float) or people < 0:
                raise InputError("people", f"item {name!r}: people must be a number >= 0")
            first, last = by_label[spans[0]], by_label[spans[-1]]
            built.append(
                RoadmapItem(
                    name,
                    str(data.get("team", "")),
                    first.start,
                    last.end,
                    float(people),
                    "work",
                    str(data.get("okr", "")),
                )
            )
        return cls(built, dict(teams), qs, title=title, capacity=capacity)

    # ------------------------------------------------------------------ figures
    def people(self, team: str, quarter: Quarter) -> float | None:
        """Return the people a team has in a quarter (after overrides), or ``None``."""
        override = self.capacity_overrides.get(team, {})
        if quarter.label in override:
            return override[quarter.label]
        return self.teams.get(team)

    def loads(self) -> list[QuarterLoad]:
        """Return every managed team's demand and capacity in every quarter (person-weeks)."""
        out = []
        for team in self.teams:
            for q in self.quarters:
                people = self.people(team, q)
                if people is None:
                    continue
                demand = sum(
                    item.people * _overlap(item.start, item.end, q.start, q.end)
                    for item in self.items
                    if item.team == team
                ) / WEEK_DAYS
                out.append(QuarterLoad(team, q.label, people * q.weeks, demand))
        return out

    def over(self) -> list[QuarterLoad]:
        """Return the team-quarters where the roadmap asks more than the team has."""
        return [load for load in self.loads() if load.over]

    def items_in(self, label: str) -> list[RoadmapItem]:
        """Return the items active during a quarter."""
        q = next((q for q in self.quarters if q.label == label), None)
        if q is None:
            known = [x.label for x in self.quarters]
            raise InputError("quarter", f"{label!r} is not one of {known}")
        return [
            i
            for i in self.items
            if _overlap(i.start, i.end, q.start, q.end) > 0
            or (i.start == i.end and q.start <= i.start < q.end)
        ]

    # ------------------------------------------------------------------ output
    def text(self) -> str:
        """Return the capacity table as plain text (person-weeks, demand / capacity)."""
        width = max([8, *(len(t) for t in self.teams)])
        labels = [q.label for q in self.quarters]
        lines = [f"{self.title}: demand / capacity in person-weeks (* over capacity)"]
        lines.append(f"{'team':<{width}}  " + "  ".join(f"{lb:>13}" for lb in labels))
        table = {(x.team, x.quarter): x for x in self.loads()}
        for team in self.teams:
            cells = []
            for lb in labels:
                x = table.get((team, lb))
                cell = "-" if x is None else f"{x.demand:.0f} / {x.capacity:.0f}" + (
                    "*" if x.over else " "
                )
                cells.append(f"{cell:>13}")
            lines.append(f"{team:<{width}}  " + "  ".join(cells))
        return "\n".join(lines)

    def markdown(self) -> str:
        """Return the items per quarter and the capacity table as Markdown."""
        labels = [q.label for q in self.quarters]
        lines = [f"**{self.title}**", "", "| quarter | items |", "|---|---|"]
        for lb in labels:
            names = ", ".join(i.name for i in self.items_in(lb)) or "-"
            lines.append(f"| {lb} | {names} |")
        lines += ["", "| team | " + " | ".join(labels) + " |", "|---" * (len(labels) + 1) + "|"]
        table = {(x.team, x.quarter): x for x in self.loads()}
        for team in self.teams:
            cells = []
            for lb in labels:
                x = table.get((team, lb))
                if x is None:
                    cells.append("-")
                else:
                    mark = " **over**" if x.over else ""
                    cells.append(f"{x.demand:.0f} / {x.capacity:.0f} pw{mark}")
            lines.append(f"| {team} | " + " | ".join(cells) + " |")
        return "\n".join(lines)

    def _repr_markdown_(self) -> str:
        return self.markdown()

    def __str__(self) -> str:
        return self.text()

    def __repr__(self) -> str:
        return f"<Roadmap {self.title!r}: {len(self.items)} items, {len(self.quarters)} quarters>"


def _overlap(a: float, b: float, c: float, d: float) -> float:
    return max(0.0, min(b, d) - max(a, c))


def _quarters(program: Program, end: float) -> list[Quarter]:
    """Quarters covering ``[0, end)``: calendar ones with a start date, 13-week blocks without."""
    end = max(end, 1.0)
    if program.start is None:
        n = max(1, math.ceil(end / QUARTER_DAYS - _EPS))
        return [Quarter(f"Q{i + 1}", i * QUARTER_DAYS, (i + 1) * QUARTER_DAYS) for i in range(n)]
    first = program.day_zero
    assert first is not None
    out: list[Quarter] = []
    year, q = first.year, (first.month - 1) // 3
    start_day = 0.0
    while start_day < end - _EPS:
        ny, nq = (year + 1, 0) if q == 3 else (year, q + 1)
        next_start = dt.date(ny, 3 * nq + 1, 1)
        end_day = program.day_of(next_start)
        out.append(Quarter(f"Q{q + 1} {year}", start_day, end_day))
        year, q, start_day = ny, nq, end_day
    return out


def roadmap(
    plan: Program | ProgramReport | Mapping[str, Any] | str | os.PathLike[str],
    *,
    levelled: bool = False,
    capacity: Mapping[str, Mapping[str, float]] | None = None,
) -> Roadmap:
    """Lay a program plan out by quarter, with each team's capacity (see the module docstring).

    Parameters
    ----------
    plan : Program, ProgramReport, dict, str or path-like
        The plan or its check.
    levelled : bool
        Use the levelled starts (no team over its people) instead of the earliest starts.
    capacity : dict, optional
        Per-quarter overrides ``{team: {quarter label: people}}``.

    Returns
    -------
    Roadmap

    Raises
    ------
    ScheduleError
        When the plan cannot be scheduled.
    InputError
        For an override of an unknown team or quarter.
    """
    report = plan if isinstance(plan, ProgramReport) else check_program(plan)
    program = report.program
    schedule = report.require_schedule()
    starts = (
        report.levelled_starts
        if levelled and report.levelled_starts is not None
        else {n: t.es for n, t in schedule.timings.items()}
    )
    items = []
    for t in program.tasks:
        s = starts[t.name]
        kind = "milestone" if t.milestone else "gate" if t.gate else "work"
        items.append(RoadmapItem(t.name, t.team, s, s + t.most_likely, t.people, kind))
    end = max(i.end for i in items)
    return Roadmap(
        items,
        {k: v.people for k, v in program.teams.items()},
        _quarters(program, end),
        title=f"{program.name} roadmap",
        capacity=capacity,
        start=program.day_zero,
    )
