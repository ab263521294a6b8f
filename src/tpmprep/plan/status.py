"""The one-page status report: RAG per workstream from progress data, and what to escalate.

Progress is a small YAML document (or a dict) beside the plan::

    as_of: 2027-03-19            # a date (the plan needs start:) or a working day number
    tasks:
      api-contract: 100          # percent done
      payments-integration: {done: 40, remaining: 8, note: PSP sandbox came late}
      app-ui: 60

A task not listed has not started (0%). ``remaining`` (working days left) overrides the
estimate ``(1 - done/100) × most likely duration``.

The forecast re-runs the plan from ``as_of`` (day ``T``), most likely durations:

- a finished task (100%) is done by ``min(planned finish, T)``;
- a started task (``0 < done < 100``, or ``remaining`` given) finishes at ``T + remaining``;
- a task not started starts at ``max(T, forecast finish of what it waits for)`` and takes
  its remaining work (its whole duration, unless ``remaining`` says otherwise).

A task's *slip* is its forecast finish minus its planned finish. It is **green** with no slip,
**amber** when it slips but within its total float (the launch does not move), **red** when the
slip exceeds its float (the launch moves). A workstream (a task's ``workstream``, else its
team) takes the worst colour of its tasks; its percent done and planned percent are weighted
by person-days (duration × people). A red task that is late by itself (not only pushed by a
late predecessor) is an *escalation*; an amber one is on the *watch* list.
"""

from __future__ import annotations

import datetime as dt
import math
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from tpmprep.documents import read_document, validate
from tpmprep.exceptions import DocumentError
from tpmprep.plan.findings import ProgramReport, check_program
from tpmprep.plan.program import Program

__all__ = [
    "RAG",
    "Progress",
    "StatusReport",
    "TaskProgress",
    "TaskStatus",
    "WorkstreamStatus",
    "load_progress",
    "status_report",
]

#: The colours, best first.
RAG = ("green", "amber", "red")

_EPS = 1e-9


class TaskProgress(BaseModel):
    """Progress of one task.

    Attributes
    ----------
    done : float
        Percent done, 0-100.
    remaining : float or None
        Working days of work left, when the team has re-estimated it.
    note : str
        Shown in the report.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    done: float = Field(default=0.0, ge=0, le=100, allow_inf_nan=False)
    remaining: float | None = Field(default=None, ge=0, allow_inf_nan=False)
    note: str = ""


class Progress(BaseModel):
    """A progress snapshot: the day it describes and each task's progress.

    Attributes
    ----------
    as_of : datetime.date or float
        A date (the program needs ``start``) or a working day from the start.
    tasks : dict of str to TaskProgress
        ``{task: percent}`` is short for ``{task: {done: percent}}``.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    as_of: dt.date | float
    tasks: dict[str, TaskProgress] = Field(default_factory=dict)

    @field_validator("as_of", mode="before")
    @classmethod
    def _date_or_day(cls, value: Any) -> Any:
        if isinstance(value, bool | dt.datetime):
            raise ValueError("give a date (2027-03-19) or a working day number (14)")
        if isinstance(value, int | float) and (math.isnan(value) or value < 0):
            raise ValueError("a working day number must be >= 0")
        return value

    @field_validator("tasks", mode="before")
    @classmethod
    def _percent_shorthand(cls, value: Any) -> Any:
        if value is None:
            return {}
        if isinstance(value, Mapping):
            return {
                k: {"done": v} if isinstance(v, int | float) and not isinstance(v, bool) else v
                for k, v in value.items()
            }
        return value


def load_progress(
    source: Progress | Mapping[str, Any] | str | os.PathLike[str], *, name: str | None = None
) -> Progress:
    """Read a progress snapshot from a YAML file, YAML text or a dict.

    Parameters
    ----------
    source : Progress, dict, str or path-like
        As for :func:`tpmprep.plan.program.load_program`.
    name : str, optional
        What problem lines call the document.

    Returns
    -------
    Progress

    Raises
    ------
    DocumentError
        One line per problem.
    """
    if isinstance(source, Progress):
        return source
    data, label = read_document(source, name=name)
    if not isinstance(data, Mapping):
        raise DocumentError([f"{label}: file: progress is a mapping with as_of and tasks"])
    progress, problems = validate(Progress, data, label)
    if problems:
        raise DocumentError(problems)
    return progress


@dataclass(frozen=True)
class TaskStatus:
    """One task in the status report (days are working days from the start).

    Attributes
    ----------
    task, team, workstream : str
        The task and where it belongs.
    done : float
        Percent done reported.
    planned : float
        Percent the plan expected done by ``as_of``.
    planned_finish, forecast_finish : float
        Planned (earliest-start schedule) and forecast finish.
    slip : float
        ``forecast_finish - planned_finish`` (negative: ahead).
    inherited : float
        Part of the slip that comes from late predecessors (a task not yet started).
    total_float : float
        The task's total float in the plan.
    rag : str
        ``"green"``, ``"amber"`` or ``"red"``.
    note : str
        From the progress data.
    cause : str or None
        For a task pushed late by its predecessors, the late task at the root of the chain.
    """

    task: str
    team: str
    workstream: str
    done: float
    planned: float
    planned_finish: float
    forecast_finish: float
    slip: float
    inherited: float
    total_float: float
    rag: str
    note: str = ""
    cause: str | None = None

    @property
    def own_slip(self) -> float:
        """The slip this task causes itself (not pushed by a predecessor)."""
        return self.slip - self.inherited


@dataclass(frozen=True)
class WorkstreamStatus:
    """One row of the report: a workstream's colour, progress and worst task.

    Attributes
    ----------
    name : str
        The workstream (or team).
    rag : str
        The worst colour of its tasks.
    done, planned : float
        Percent done and percent planned by ``as_of``, weighted by person-days.
    worst : TaskStatus or None
        The task with the largest slip beyond its float.
    """

    name: str
    rag: str
    done: float
    planned: float
    worst: TaskStatus | None


@dataclass
class StatusReport:
    """The status report of a program on one day. Build it with :func:`status_report`.

    Attributes
    ----------
    report : ProgramReport
        The plan's check (its schedule is the baseline).
    as_of : float
        The working day described.
    tasks : list of TaskStatus
        Every task, in plan order.
    workstreams : list of WorkstreamStatus
        In order of first appearance in the plan.
    forecast_finish : float
        Forecast end of the program in working days.
    """

    report: ProgramReport
    as_of: float
    tasks: list[TaskStatus]
    workstreams: list[WorkstreamStatus]
    forecast_finish: float

    @property
    def program(self) -> Program:
        """The plan."""
        return self.report.program

    @property
    def planned_finish(self) -> float:
        """The plan's finish in working days."""
        return float(self.report.finish_days or 0.0)

    @property
    def slip(self) -> float:
        """How many working days the forecast finish is after the planned one (>= 0)."""
        return max(0.0, self.forecast_finish - self.planned_finish)

    @property
    def rag(self) -> str:
        """The program's colour: the worst of its workstreams."""
        return max((w.rag for w in self.workstreams), key=RAG.index, default="green")

    @property
    def milestones(self) -> dict[str, tuple[float, float]]:
        """``{milestone: (planned day, forecast day)}``."""
        by = {t.task: t for t in self.tasks}
        return {
            m.name: (by[m.name].planned_finish, by[m.name].forecast_finish)
            for m in self.program.milestones()
        }

    @property
    def escalations(self) -> list[TaskStatus]:
        """Red tasks late by themselves (their own slip exceeds their float), worst first."""
        red = [t for t in self.tasks if t.rag == "red" and t.own_slip > t.total_float + _EPS]
        return sorted(red, key=lambda t: -(t.own_slip - t.total_float))

    @property
    def watch(self) -> list[TaskStatus]:
        """Amber tasks: slipping, still within their float."""
        return [t for t in self.tasks if t.rag == "amber"]

    def escalation_lines(self) -> list[str]:
        """Return one sentence per escalation: who, what, how late, what it does to the finish."""
        lines = []
        for t in self.escalations:
            owner = _owner(self.program, t.task)
            beyond = t.own_slip - t.total_float
            when = self._when(t.forecast_finish)
            lines.append(
                f"{t.task} ({t.team}{owner}) is forecast to finish {when}, {_d(t.own_slip)} "
                f"late against {_float(t.total_float)}: on its own it moves the finish by "
                f"{_d(beyond)}."
            )
        return lines

    def watch_lines(self) -> list[str]:
        """Return one sentence per amber task: how much of its float the slip uses."""
        return [
            f"{t.task} ({t.team}) is forecast {_d(t.slip)} late, within its {_d(t.total_float)} "
            f"of float ({_d(t.total_float - t.slip)} left)."
            for t in self.watch
        ]

    def headline(self) -> str:
        """Return the one-line verdict: colour and forecast finish against the plan."""
        if self.slip <= _EPS:
            where = f"forecast finish {self._when(self.forecast_finish)}, on plan"
        else:
            where = (
                f"forecast finish {self._when(self.forecast_finish)}, {_d(self.slip)} after the "
                f"plan's {self._when(self.planned_finish)}"
            )
        return f"{self.rag.upper()}: {where}"

    def _when(self, day: float) -> str:
        date = self.program.date_of(day)
        text = f"day {_num(day)}"
        return f"{date.isoformat()} ({text})" if date is not None else text

    def markdown(self) -> str:
        """Return the report as Markdown: headline, workstream table, escalations, watch list."""
        p = self.program
        lines = [
            f"### Status: {_md(p.name)}, as of {self._when(self.as_of)}",
            "",
            f"**{_md(self.headline())}**",
            "",
            "| workstream | RAG | done | planned | worst task | slip (d) | float (d) |",
            "|---|---|---|---|---|---|---|",
        ]
        for w in self.workstreams:
            worst = w.worst
            name, slip, slack = (
                ("-", "-", "-")
                if worst is None
                else (_md(_worst(worst)), _num(worst.slip), _num(worst.total_float))
            )
            lines.append(
                f"| {_md(w.name)} | {w.rag.upper()} | {w.done:.0f}% | {w.planned:.0f}% | "
                f"{name} | {slip} | {slack} |"
            )
        if self.milestones:
            lines += ["", "Milestones: " + "; ".join(
                f"{_md(m)} planned {self._when(a)}, forecast {self._when(b)}"
                for m, (a, b) in self.milestones.items()
            )]
        lines += ["", "**Escalate:**" if self.escalations else "**Escalate:** nothing."]
        lines += [f"- {_md(x)}" for x in self.escalation_lines()]
        if self.watch:
            lines += ["", "**Watch:**"]
            lines += [f"- {_md(x)}" for x in self.watch_lines()]
        notes = [t for t in self.tasks if t.note]
        if notes:
            lines += ["", "**Notes:**"]
            lines += [f"- {_md(t.task)}: {_md(t.note)}" for t in notes]
        return "\n".join(lines)

    def text(self) -> str:
        """Return the report as plain text (a terminal, a headless notebook)."""
        p = self.program
        lines = [f"Status: {p.name}, as of {self._when(self.as_of)}", self.headline(), ""]
        width = max([10, *(len(w.name) for w in self.workstreams)])
        lines.append(f"{'workstream':<{width}}  {'RAG':<5} {'done':>5} {'plan':>5}  worst task")
        for w in self.workstreams:
            worst = (
                ""
                if w.worst is None
                else f"{_worst(w.worst)}: slip {_num(w.worst.slip)} d, float "
                f"{_num(w.worst.total_float)} d"
            )
            lines.append(
                f"{w.name:<{width}}  {w.rag.upper():<5} {w.done:>4.0f}% {w.planned:>4.0f}%  {worst}"
            )
        lines.append("")
        lines.append("Escalate:" if self.escalations else "Escalate: nothing.")
        lines += [f"  - {x}" for x in self.escalation_lines()]
        if self.watch:
            lines.append("Watch:")
            lines += [f"  - {x}" for x in self.watch_lines()]
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """Return the report as JSON-ready data."""

        def date(day: float) -> str | None:
            d = self.program.date_of(day)
            return None if d is None else d.isoformat()

        return {
            "program": self.program.name,
            "as_of_day": round(self.as_of, 2),
            "as_of_date": date(self.as_of),
            "rag": self.rag,
            "planned_finish_days": round(self.planned_finish, 2),
            "forecast_finish_days": round(self.forecast_finish, 2),
            "forecast_finish_date": date(self.forecast_finish),
            "slip_days": round(self.slip, 2),
            "workstreams": [
                {
                    "name": w.name,
                    "rag": w.rag,
                    "done_percent": round(w.done, 1),
                    "planned_percent": round(w.planned, 1),
                    "worst_task": None if w.worst is None else w.worst.task,
                }
                for w in self.workstreams
            ],
            "tasks": [
                {
                    "task": t.task,
                    "team": t.team,
                    "rag": t.rag,
                    "done_percent": t.done,
                    "planned_percent": round(t.planned, 1),
                    "slip_days": round(t.slip, 2),
                    "float_days": round(t.total_float, 2),
                }
                for t in self.tasks
            ],
            "escalations": self.escalation_lines(),
            "watch": self.watch_lines(),
        }

    def _repr_markdown_(self) -> str:
        return self.markdown()

    def __str__(self) -> str:
        return self.text()

    def __repr__(self) -> str:
        return f"<StatusReport {self.program.name!r} day {_num(self.as_of)}: {self.rag}>"


def _num(x: float) -> str:
    x = round(float(x), 6)  # 2.6, not 2.5999999999999996
    return f"{x:g}" if x.is_integer() else f"{x:.1f}"


def _d(x: float) -> str:
    return f"{_num(x)} working day" + ("" if abs(x - 1) < _EPS else "s")


def _float(x: float) -> str:
    return "no float" if abs(x) < _EPS else f"{_d(x)} of float"


def _worst(t: TaskStatus | None) -> str:
    if t is None:
        return "-"
    return t.task if t.cause is None else f"{t.task} (waits for {t.cause})"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("*", "\\*").replace("_", "\\_")


def _owner(program: Program, task: str) -> str:
    """Name the owner of a task's hand-over, if a dependency on it names one."""
    for t in program.tasks:
        for d in t.depends_on:
            if d.task == task and d.owner:
                return f", owner {d.owner}"
    return ""


def status_report(
    plan: Program | ProgramReport | Mapping[str, Any] | str | os.PathLike[str],
    progress: Progress | Mapping[str, Any] | str | os.PathLike[str],
) -> StatusReport:
    """Build the status report of a plan from a progress snapshot (see the module docstring).

    Parameters
    ----------
    plan : Program, ProgramReport, dict, str or path-like
        The plan (anything :func:`~tpmprep.plan.program.load_program` reads) or its check.
    progress : Progress, dict, str or path-like
        The snapshot (anything :func:`load_progress` reads).

    Returns
    -------
    StatusReport

    Raises
    ------
    DocumentError
        When either document is unusable, progress names a task not in the plan, a date needs
        the plan's ``start``, or the plan cannot be scheduled.
    """
    report = plan if isinstance(plan, ProgramReport) else check_program(plan)
    program = report.program
    snapshot = load_progress(progress)
    label = _label(progress, "progress")
    problems = [
        f"{label}: tasks.{name}: not a task of {program.name}; check the spelling"
        for name in snapshot.tasks
        if name not in program.task_index
    ]
    if isinstance(snapshot.as_of, dt.date) and program.start is None:
        problems.append(
            f"{label}: as_of: {program.name} has no start date, so give as_of as a working "
            "day number or add start: to the plan"
        )
    if report.schedule is None:
        problems.append(
            f"{_label(plan, 'plan')}: file: {program.name} cannot be scheduled (a dependency "
            "cycle or an unknown dependency): fix its findings first"
        )
    if problems:
        raise DocumentError(problems)
    schedule = report.schedule
    assert schedule is not None  # for type checkers; checked above
    today = (
        program.day_of(snapshot.as_of)
        if isinstance(snapshot.as_of, dt.date)
        else float(snapshot.as_of)
    )
    finish: dict[str, float] = {}
    root: dict[str, str | None] = {}
    rows: list[TaskStatus] = []
    for name in schedule.order:
        task = program.task_index[name]
        timing = schedule.timings[name]
        given = snapshot.tasks.get(name, TaskProgress())
        duration = task.most_likely
        remaining = (
            given.remaining if given.remaining is not None else (1 - given.done / 100) * duration
        )
        inherited = 0.0
        cause = None
        if given.done >= 100:
            end = min(timing.ef, today)
        elif given.done > 0 or given.remaining is not None:
            end = today + remaining
        else:
            preds = sorted(schedule.graph.predecessors(name), key=lambda p: -finish[p])
            after = finish[preds[0]] if preds else 0.0
            start = max(today, after)
            inherited = max(0.0, after - timing.es)
            end = start + remaining
            if inherited > _EPS:
                cause = root[preds[0]] or preds[0]
        root[name] = cause
        finish[name] = end
        slip = end - timing.ef
        if given.done >= 100 or slip <= _EPS:
            rag = "green"
        elif slip <= timing.slack + _EPS:
            rag = "amber"
        else:
            rag = "red"
        planned = (
            (100.0 if today >= timing.es else 0.0)
            if duration <= 0
            else 100 * min(1.0, max(0.0, (today - timing.es) / duration))
        )
        rows.append(
            TaskStatus(
                name,
                task.team,
                task.workstream or task.team,
                given.done,
                planned,
                timing.ef,
                end,
                slip,
                min(inherited, max(slip, 0.0)),
                timing.slack,
                rag,
                given.note,
                cause,
            )
        )
    order = {name: i for i, name in enumerate(program.task_index)}
    rows.sort(key=lambda r: order[r.task])
    return StatusReport(
        report,
        today,
        rows,
        _workstreams(program, rows),
        max(finish.values()),
    )


def _label(source: Any, default: str) -> str:
    """Name a document in problem lines: its path, else ``default``."""
    if isinstance(source, os.PathLike):
        return str(source)
    if isinstance(source, str) and "\n" not in source and not source.lstrip().startswith("{"):
        return source
    return default


def _workstreams(program: Program, rows: list[TaskStatus]) -> list[WorkstreamStatus]:
    groups: dict[str, list[TaskStatus]] = {}
    for r in rows:
        groups.setdefault(r.workstream, []).append(r)
    weights = {t.name: t.most_likely * t.people for t in program.tasks}
    out = []
    for name, members in groups.items():
        w = [weights[m.task] for m in members]
        if sum(w) <= 0:
            w = [1.0] * len(members)
        total = sum(w)
        done = sum(x * m.done for x, m in zip(w, members, strict=True)) / total
        planned = sum(x * m.planned for x, m in zip(w, members, strict=True)) / total
        rag = max((m.rag for m in members), key=RAG.index)
        late = [m for m in members if m.slip > _EPS and m.done < 100]
        worst = max(late, key=lambda m: m.slip - m.total_float) if late else None
        out.append(WorkstreamStatus(name, rag, done, planned, worst))
    return out
