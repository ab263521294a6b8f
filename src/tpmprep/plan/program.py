"""A program plan as data: teams with people, tasks, cross-team dependencies, gates, risks.

One model, written as YAML or built in Python. The YAML form (every key is documented in
``docs/program-format.md``)::

    name: buy-now-eu
    kind: launch                     # or migration: decides the gates it needs
    start: 2027-03-01                # optional; dates are then shown (working days)
    teams: {checkout: {people: 4}, payments: {people: 2}, mobile: {people: 3}}
    tasks:
      - {name: api-contract, team: checkout, people: 2, duration: 5}
      - {name: payments-integration, team: payments, people: 2, duration: [8, 10, 15],
         depends_on: [{task: api-contract, owner: ana, agreed: 2027-03-08}]}
      - {name: app-ui, team: mobile, people: 3, duration: 10, depends_on: [api-contract]}
      - {name: security-review, team: checkout, people: 1, duration: 3,
         gate: security_review, depends_on: [payments-integration]}
      - {name: launch, team: checkout, people: 0, duration: 0, milestone: launch,
         depends_on: [security-review, app-ui]}
    risks:
      - {name: psp-delay, task: payments-integration, probability: 0.3, impact: 10,
         owner: ana, mitigation: "second PSP contract signed by week 2"}

Load it with :func:`load_program` (a path, YAML text or a dict) or build it in Python with
:meth:`Program.build`; both raise :class:`~tpmprep.exceptions.DocumentError` with one line per
problem (``FILE: FIELD: what is wrong and how to fix it``). A dependency on a task that does
not exist and a dependency cycle are *not* errors: the plan loads, and the checker
(:func:`tpmprep.plan.findings.check_program`) reports them as findings next to every other
finding it can still make.

Semantics:

- **Durations** are working days: one number, or ``[optimistic, most_likely, pessimistic]``.
  The deterministic schedule uses the most likely duration; Monte Carlo uses the three.
- **People** on a task are the people of its team the task occupies for its whole duration
  (default 1). A team's ``people`` is how many it has; omit it for a team whose capacity you
  do not manage (a vendor), and it is never reported as over-allocated.
- **Dates** count working days (Monday to Friday, no holidays). Day 0 is ``start`` (the next
  Monday when ``start`` falls on a weekend); :meth:`Program.date_of` turns day ``N`` into the
  ``N``-th working day after it: the date a task starting at ``N`` starts, or the date work
  finishing at ``N`` is ready for whatever waits for it.
- **Agreed dates** on a dependency are the date the providing team agreed to hand its task
  over: the earliest date the waiting task can start.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import math
import os
from collections.abc import Iterable, Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from tpmprep.documents import read_document, validate
from tpmprep.exceptions import DocumentError, ScheduleError
from tpmprep.plan.gates import GATE_KINDS

__all__ = [
    "Dependency",
    "Program",
    "ProgramRisk",
    "ProgramTask",
    "Team",
    "load_program",
]


def _not_bool(value: Any) -> Any:
    if isinstance(value, bool):
        raise ValueError(f"must be a number, not {value!r}")
    return value


def _suggest(value: str, options: Iterable[str]) -> str:
    close = difflib.get_close_matches(value, list(options), n=1)
    return f" (did you mean {close[0]}?)" if close else ""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Team(_Model):
    """A team of the program.

    Attributes
    ----------
    people : float or None
        How many people the team has for this program; ``None`` (omitted) for a team whose
        capacity is not managed here (a vendor, a partner): it is never over-allocated.
    description : str
        Free text.
    """

    people: float | None = Field(default=None, ge=0, allow_inf_nan=False)
    description: str = ""

    _check_people = field_validator("people", mode="before")(lambda v: _not_bool(v))


class Dependency(_Model):
    """A finish-to-start dependency on another task, with an optional owner and agreed date.

    Written as a bare task name (``depends_on: [api-contract]``) or as a mapping
    (``{task: api-contract, owner: ana, agreed: 2027-03-08}``). Between tasks of different
    teams, the checker expects both ``owner`` and ``agreed``.

    Attributes
    ----------
    task : str
        The task waited for.
    owner : str or None
        The person accountable for the hand-over.
    agreed : datetime.date or None
        The date the providing team agreed to hand the task over.
    """

    task: str = Field(min_length=1)
    owner: str | None = None
    agreed: dt.date | None = None

    @field_validator("owner", mode="before")
    @classmethod
    def _owner_text(cls, value: Any) -> Any:
        if value is not None and not isinstance(value, str):
            raise ValueError(f"write the owner's name as text, not {value!r}")
        return value or None


class ProgramTask(_Model):
    """One task: a team, the people it occupies, a duration, what it waits for.

    Attributes
    ----------
    name : str
        Unique within the program.
    team : str
        A key of the program's ``teams``.
    people : float
        People of the team the task occupies for its whole duration (default 1).
    duration : tuple of float
        ``(optimistic, most_likely, pessimistic)`` in working days; a single number ``d`` is
        stored as ``(d, d, d)``.
    depends_on : tuple of Dependency
        Tasks that must finish before this one starts.
    gate : str or None
        The gate kind this task is (:data:`tpmprep.plan.gates.GATE_KINDS`).
    milestone : str or None
        ``"launch"`` or ``"cutover"``.
    workstream : str or None
        Groups tasks in the status report (default: the team).
    description : str
        Free text.
    """

    name: str = Field(min_length=1)
    team: str = Field(min_length=1)
    people: float = Field(default=1.0, ge=0, allow_inf_nan=False)
    duration: tuple[float, float, float]
    depends_on: tuple[Dependency, ...] = ()
    gate: str | None = None
    milestone: Literal["launch", "cutover"] | None = None
    workstream: str | None = None
    description: str = ""

    _check_people = field_validator("people", mode="before")(lambda v: _not_bool(v))

    @field_validator("duration", mode="before")
    @classmethod
    def _three_points(cls, value: Any) -> Any:
        wrong = (
            "give one number of working days or three [optimistic, most_likely, pessimistic]"
        )
        if isinstance(value, bool):
            raise ValueError(f"{wrong}, not {value!r}")
        if isinstance(value, int | float):
            return (value, value, value)
        if isinstance(value, list | tuple):
            if any(isinstance(v, bool) for v in value):
                raise ValueError(f"{wrong}, not {value!r}")
            if len(value) == 1:
                return (value[0],) * 3
            if len(value) == 3:
                return tuple(value)
            raise ValueError(f"{wrong}; got {len(value)} numbers")
        raise ValueError(f"{wrong}, not {value!r}")

    @field_validator("duration")
    @classmethod
    def _ordered(cls, value: tuple[float, float, float]) -> tuple[float, float, float]:
        if any(math.isnan(v) or math.isinf(v) for v in value):
            raise ValueError("durations must be finite numbers of working days")
        if any(v < 0 for v in value):
            raise ValueError("durations cannot be negative")
        o, m, p = value
        if not o <= m <= p:
            raise ValueError(
                f"{o:g}, {m:g}, {p:g} are out of order; write [optimistic, most_likely, "
                "pessimistic] with optimistic <= most_likely <= pessimistic"
            )
        return value

    @field_validator("depends_on", mode="before")
    @classmethod
    def _dependencies(cls, value: Any) -> Any:
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list | tuple):
            raise ValueError(
                "write a list of task names or of {task, owner, agreed} mappings, "
                f"not {value!r}"
            )
        return tuple({"task": v} if isinstance(v, str) else v for v in value)

    @field_validator("gate")
    @classmethod
    def _known_gate(cls, value: str | None) -> str | None:
        if value is not None and value not in GATE_KINDS:
            raise ValueError(
                f"{value!r} is not a gate kind{_suggest(value, GATE_KINDS)}; "
                f"use one of {', '.join(GATE_KINDS)}"
            )
        return value

    @property
    def optimistic(self) -> float:
        """Optimistic duration in working days."""
        return self.duration[0]

    @property
    def most_likely(self) -> float:
        """Most likely duration in working days (the deterministic schedule's)."""
        return self.duration[1]

    @property
    def pessimistic(self) -> float:
        """Pessimistic duration in working days."""
        return self.duration[2]

    @property
    def is_three_point(self) -> bool:
        """True when the duration is uncertain (optimistic differs from pessimistic)."""
        return self.duration[0] != self.duration[2]

    @property
    def dependency_names(self) -> tuple[str, ...]:
        """The names of the tasks this one waits for, in the order written, without repeats."""
        return tuple(dict.fromkeys(d.task for d in self.depends_on))


class ProgramRisk(_Model):
    """A risk to the program.

    Attributes
    ----------
    name : str
        Unique within the program.
    task : str or None
        The task it would delay (its float decides the launch delay).
    probability : float
        Chance it happens, in [0, 1].
    impact : float
        Working days the task would slip if it happens.
    owner, mitigation : str
        Who watches it and what reduces it.
    description : str
        Free text ("If X, then Y").
    """

    name: str = Field(min_length=1)
    task: str | None = None
    probability: float = Field(ge=0, le=1, allow_inf_nan=False)
    impact: float = Field(ge=0, allow_inf_nan=False)
    owner: str = ""
    mitigation: str = ""
    description: str = ""

    _check_numbers = field_validator("probability", "impact", mode="before")(
        lambda v: _not_bool(v)
    )

    @property
    def exposure(self) -> float:
        """``probability × impact`` in working days (ignores float; see the checker)."""
        return self.probability * self.impact


class Program(_Model):
    """A program plan: teams, tasks, risks and its kind. See the module docstring.

    Build one with :func:`load_program` (YAML file or text, or a dict) or
    :meth:`Program.build` (keyword arguments); both check cross-references (unique task
    names, known teams, risks on known tasks) and raise ``DocumentError``.

    Attributes
    ----------
    name : str
        The program's name.
    kind : {"launch", "migration"}
        Decides the gates it needs (:mod:`tpmprep.plan.gates`).
    start : datetime.date or None
        The first working day; with it, reports show dates.
    teams : dict of str to Team
        ``{name: Team}``; ``{checkout: 4}`` is short for ``{checkout: {people: 4}}``.
    tasks : tuple of ProgramTask
        In the order tables list them.
    risks : tuple of ProgramRisk
        The risk register.
    description : str
        Free text.
    """

    name: str = Field(min_length=1)
    kind: Literal["launch", "migration"]
    start: dt.date | None = None
    teams: dict[str, Team]
    tasks: tuple[ProgramTask, ...]
    risks: tuple[ProgramRisk, ...] = ()
    description: str = ""

    @field_validator("start", mode="before")
    @classmethod
    def _plain_date(cls, value: Any) -> Any:
        if isinstance(value, dt.datetime):
            raise ValueError("give a date (2027-03-01) without a time")
        return value

    @field_validator("teams", mode="before")
    @classmethod
    def _team_shorthand(cls, value: Any) -> Any:
        if isinstance(value, Mapping):
            return {
                k: {"people": v} if isinstance(v, int | float) and not isinstance(v, bool) else v
                for k, v in value.items()
            }
        return value

    # ------------------------------------------------------------------ constructors
    @classmethod
    def build(cls, **fields: Any) -> Program:
        """Build a program from keyword arguments (the YAML keys), checked like a file.

        Parameters
        ----------
        **fields
            ``name``, ``kind``, ``teams``, ``tasks`` (dicts or :class:`ProgramTask`),
            ``risks``, ``start``, ``description``.

        Returns
        -------
        Program

        Raises
        ------
        DocumentError
            One line per problem, named ``<python>``.
        """
        return load_program(fields, name="<python>")

    @classmethod
    def from_yaml(cls, source: str | os.PathLike[str], name: str | None = None) -> Program:
        """Read a program from a YAML file or YAML text (see :func:`load_program`)."""
        return load_program(source, name=name)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], name: str = "<dict>") -> Program:
        """Build a program from parsed YAML (see :func:`load_program`)."""
        return load_program(data, name=name)

    # ------------------------------------------------------------------ lookups
    @functools.cached_property
    def task_index(self) -> dict[str, ProgramTask]:
        """``{name: task}`` in table order."""
        return {t.name: t for t in self.tasks}

    def task(self, name: str) -> ProgramTask:
        """Return the task called ``name``.

        Raises
        ------
        ScheduleError
            When there is no such task (names the known ones).
        """
        try:
            return self.task_index[name]
        except KeyError:
            raise ScheduleError(
                "task", f"no task {name!r} in {self.name}{_suggest(name, self.task_index)}"
            ) from None

    def tasks_of(self, team: str) -> list[ProgramTask]:
        """Return the tasks of a team, in table order."""
        return [t for t in self.tasks if t.team == team]

    def milestones(self, kind: str | None = None) -> list[ProgramTask]:
        """Return the milestone tasks (of one ``kind`` when given), in table order."""
        return [t for t in self.tasks if t.milestone and (kind is None or t.milestone == kind)]

    def gates(self) -> list[ProgramTask]:
        """Return the gate tasks, in table order."""
        return [t for t in self.tasks if t.gate]

    # ------------------------------------------------------------------ calendar
    @property
    def day_zero(self) -> dt.date | None:
        """The first working day (``start``, or the Monday after it on a weekend)."""
        if self.start is None:
            return None
        return self.date_of(0)

    def date_of(self, day: float) -> dt.date | None:
        """Return the working-day date of day ``day`` (rounded up), or ``None`` without ``start``.

        Parameters
        ----------
        day : float
            Working days from the start (a task's start or finish).

        Returns
        -------
        datetime.date or None
        """
        if self.start is None:
            return None
        return _workday(self.start, math.ceil(float(day) - 1e-9))

    def day_of(self, date: dt.date) -> float:
        """Return the working day (from day 0) on which ``date`` falls (a weekend: the Monday).

        Parameters
        ----------
        date : datetime.date
            A calendar date.

        Returns
        -------
        float
            Negative for a date before the start.

        Raises
        ------
        ScheduleError
            When the program has no ``start``.
        """
        if self.start is None:
            raise ScheduleError("start", f"{self.name} has no start date; add start: YYYY-MM-DD")
        return float(_workdays_between(self.start, date))

    # ------------------------------------------------------------------ schedules
    def schedule(self, three_point: bool = False) -> Any:
        """Return the plan as a :class:`~tpmprep.plan.schedule.Schedule` (CPM).

        Parameters
        ----------
        three_point : bool
            ``False`` (default): every task takes its most likely duration (the deterministic
            schedule). ``True``: the tasks keep their three points (for Monte Carlo; the
            Schedule's own CPM then uses PERT expected durations).

        Returns
        -------
        Schedule

        Raises
        ------
        ScheduleError
            For a dependency cycle or a dependency on a task not in the plan (the checker
            reports these as findings instead).
        """
        from tpmprep.plan.schedule import Schedule
        from tpmprep.plan.task import Task

        tasks = []
        for t in self.tasks:
            o, m, p = t.duration if three_point else (t.most_likely,) * 3
            tasks.append(Task(t.name, o, m, p, depends_on=t.dependency_names))
        return Schedule(tasks, title=self.name)

    # ------------------------------------------------------------------ edits
    def replace_task(self, name: str, **changes: Any) -> Program:
        """Return a new program where task ``name`` has some fields changed.

        Parameters
        ----------
        name : str
            The task to change.
        **changes
            Field values as in YAML (``duration=[5, 8, 13]``, ``people=2``).

        Returns
        -------
        Program

        Raises
        ------
        ScheduleError
            For an unknown task.
        DocumentError
            When the changed program is invalid.
        """
        self.task(name)
        data = self.to_dict()
        for record in data["tasks"]:
            if record["name"] == name:
                record.update(changes)
        return load_program(data, name="<python>")

    def with_tasks(self, *tasks: ProgramTask | Mapping[str, Any]) -> Program:
        """Return a new program with tasks appended (dicts as in YAML).

        Returns
        -------
        Program

        Raises
        ------
        DocumentError
            When the new program is invalid (a repeated name, an unknown team).
        """
        data = self.to_dict()
        for t in tasks:
            data["tasks"].append(_task_dict(t) if isinstance(t, ProgramTask) else dict(t))
        return load_program(data, name="<python>")

    def to_dict(self) -> dict[str, Any]:
        """Return the program as plain data in the YAML form (defaults left out)."""
        data: dict[str, Any] = {"name": self.name, "kind": self.kind}
        if self.start is not None:
            data["start"] = self.start
        if self.description:
            data["description"] = self.description
        data["teams"] = {k: _plain(team.model_dump()) for k, team in self.teams.items()}
        data["tasks"] = [_task_dict(t) for t in self.tasks]
        if self.risks:
            data["risks"] = [_plain(r.model_dump()) for r in self.risks]
        return data

    def to_yaml(self) -> str:
        """Return the program as YAML text that :func:`load_program` reads back."""
        import yaml

        return yaml.safe_dump(self.to_dict(), sort_keys=False, allow_unicode=True, width=100)

    def __str__(self) -> str:
        return (
            f"{self.name} ({self.kind}): {len(self.teams)} teams, {len(self.tasks)} tasks, "
            f"{len(self.risks)} risks"
        )


@functools.lru_cache(maxsize=4096)
def _workday(start: dt.date, offset: int) -> dt.date:
    """Return the ``offset``-th working day after ``start`` (rolled forward to a weekday)."""
    import numpy as np

    return np.busday_offset(np.datetime64(start, "D"), offset, roll="forward").item()


@functools.lru_cache(maxsize=4096)
def _workdays_between(start: dt.date, date: dt.date) -> int:
    """Count working days from ``start`` to ``date``, both rolled forward to a weekday."""
    import numpy as np

    first = np.busday_offset(np.datetime64(start, "D"), 0, roll="forward")
    target = np.busday_offset(np.datetime64(date, "D"), 0, roll="forward")
    return int(np.busday_count(first, target))


def _number(x: float) -> int | float:
    return int(x) if float(x).is_integer() else x


def _plain(record: dict[str, Any]) -> dict[str, Any]:
    """Drop empty fields and write whole floats as ints (``4`` rather than ``4.0``)."""
    return {
        k: _number(v) if isinstance(v, float) else v
        for k, v in record.items()
        if v is not None and v != ""
    }


def _task_dict(t: ProgramTask) -> dict[str, Any]:
    record: dict[str, Any] = {"name": t.name, "team": t.team, "people": _number(t.people)}
    o, m, p = t.duration
    record["duration"] = _number(m) if o == m == p else [_number(o), _number(m), _number(p)]
    if t.depends_on:
        record["depends_on"] = [
            d.task
            if d.owner is None and d.agreed is None
            else {k: v for k, v in d.model_dump().items() if v is not None}
            for d in t.depends_on
        ]
    for key in ("gate", "milestone", "workstream", "description"):
        value = getattr(t, key)
        if value:
            record[key] = value
    return record


def _cross_problems(program: Program, label: str) -> list[str]:
    """Problems no single field shows: repeated names, unknown teams, risks on unknown tasks."""
    problems: list[str] = []
    if not program.teams:
        problems.append(f"{label}: teams: no teams; list each team with its people")
    if not program.tasks:
        problems.append(f"{label}: tasks: no tasks; a program needs at least one task")
    seen: set[str] = set()
    for i, t in enumerate(program.tasks):
        where = f"{label}: tasks[{i}]"
        if t.name in seen:
            problems.append(
                f"{where}.name: task {t.name!r} appears twice; task names must be unique"
            )
        seen.add(t.name)
        if t.team not in program.teams:
            problems.append(
                f"{where}.team: task {t.name!r}: {t.team!r} is not one of the teams "
                f"({', '.join(program.teams)}){_suggest(t.team, program.teams)}; "
                "add it under teams: or fix the spelling"
            )
    names = {t.name for t in program.tasks}
    seen_risks: set[str] = set()
    for i, r in enumerate(program.risks):
        where = f"{label}: risks[{i}]"
        if r.name in seen_risks:
            problems.append(
                f"{where}.name: risk {r.name!r} appears twice; risk names must be unique"
            )
        seen_risks.add(r.name)
        if r.task is not None and r.task not in names:
            problems.append(
                f"{where}.task: risk {r.name!r}: {r.task!r} is not a task of the plan"
                f"{_suggest(r.task, names)}; name the task this risk would delay"
            )
    return problems


def load_program(
    source: Program | Mapping[str, Any] | str | os.PathLike[str], *, name: str | None = None
) -> Program:
    """Load a program from a YAML file, YAML text, or parsed data, checking everything.

    Parameters
    ----------
    source : Program, dict, str or path-like
        A program (returned as is), parsed YAML (a dict), YAML text (a string with a
        newline or starting with ``{``), or the path of a YAML file.
    name : str, optional
        What problem lines call the document (default: the path, ``<text>`` or ``<dict>``).

    Returns
    -------
    Program

    Raises
    ------
    DocumentError
        For an unreadable file, a YAML syntax error, a wrong or unknown field, a repeated task
        name, a task of an unknown team, a risk on an unknown task; one line per problem.
    """
    if isinstance(source, Program):
        return source
    data, label = read_document(source, name=name)
    if not isinstance(data, Mapping):
        kind = "empty" if data is None else f"a {type(data).__name__}"
        raise DocumentError(
            [
                f"{label}: file: a program is a mapping with name, kind, teams and tasks; "
                f"this file is {kind}"
            ]
        )
    program, problems = validate(Program, data, label)
    if problems:
        raise DocumentError(problems)
    problems = _cross_problems(program, label)
    if problems:
        raise DocumentError(problems)
    return program
