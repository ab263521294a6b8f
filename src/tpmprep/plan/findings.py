"""The program checker: schedule, Monte Carlo finish and findings for a program plan.

:func:`check_program` is pure (no kernel, no files written) and returns a
:class:`ProgramReport`: the critical path and finish of the deterministic schedule (most
likely durations), the P50/P85 finish by Monte Carlo (three-point durations, beta-PERT,
:data:`DEFAULT_SAMPLES` samples, seed :data:`DEFAULT_SEED`), every risk's float-aware
exposure, and the *findings*: what an interviewer would catch in the plan's structure.

Finding kinds (:data:`FINDING_KINDS`), in the order reported:

``cycle``
    Tasks wait for each other in a loop; the plan cannot be scheduled.
``unknown-dependency``
    A task depends on a name that is not a task of the plan; the plan cannot be scheduled.
``over-allocated``
    On some days of the earliest-start schedule a team's running tasks need more people than
    it has (or one task alone needs more than its team has). The detail gives the days, the
    excess and what levelling that team would cost (:func:`tpmprep.plan.resources.level`).
``unowned-dependency``
    A dependency between tasks of different teams with no ``owner`` or no ``agreed`` date
    (dependencies of a milestone task are the program's, not a hand-over, and never count).
``agreed-date-conflict``
    With a ``start`` date: the waiting task is scheduled to start before the agreed hand-over
    date, or the providing task is ready only after it.
``missing-milestone``
    No task carries the milestone of the program's kind (``launch`` or ``cutover``).
``missing-gate``
    A gate the program's kind requires (:mod:`tpmprep.plan.gates`) is absent.
``gate-after-launch``
    A required gate is present but not on a path into the milestone (the milestone does not
    wait for it).
``no-rollback-path``
    The rollback plan is not on a path into the milestone, or (migration) the decommission is
    not on a path out of the cutover.
``unmitigated-risk``
    A risk with ``probability × impact`` above :data:`HIGH_RISK_DAYS` working days and no
    owner or no mitigation.

Each finding is ``{kind, subject, detail}``: the subject is a task, a team, a gate, a risk or
a dependency written ``provider -> waiting``; the detail is one or two sentences naming the
symptom and its consequence, never the fix.
"""

from __future__ import annotations

import difflib
import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from tpmprep.exceptions import ScheduleError
from tpmprep.plan.exposure import RiskExposure, risk_exposures
from tpmprep.plan.gates import rules_for
from tpmprep.plan.program import Program, load_program
from tpmprep.plan.resources import WEEK_DAYS, Profile, level, profile, team_intervals

if TYPE_CHECKING:  # pragma: no cover
    import datetime as dt

    from tpmprep.plan.montecarlo import MonteCarloResult
    from tpmprep.plan.schedule import Schedule

__all__ = [
    "DEFAULT_SAMPLES",
    "DEFAULT_SEED",
    "FINDING_KINDS",
    "HIGH_RISK_DAYS",
    "Finding",
    "ProgramReport",
    "check_program",
]

#: Finding kinds, in the order a report lists them.
FINDING_KINDS: tuple[str, ...] = (
    "cycle",
    "unknown-dependency",
    "over-allocated",
    "unowned-dependency",
    "agreed-date-conflict",
    "missing-milestone",
    "missing-gate",
    "gate-after-launch",
    "no-rollback-path",
    "unmitigated-risk",
)

#: A risk is high when probability × impact exceeds this many working days.
HIGH_RISK_DAYS = 2.0

#: Monte Carlo samples per check: the P85 of the example plans moves by under 1% between seeds
#: at this size (docs/program-format.md), and a 300-task plan still checks in well under 0.5 s.
DEFAULT_SAMPLES = 4000

#: Monte Carlo seed, so the same plan always reports the same P50/P85.
DEFAULT_SEED = 0

#: The percentile a report commits to (P85).
COMMIT_PERCENTILE = 85

_EPS = 1e-9


@dataclass(frozen=True)
class Finding:
    """Something about the plan's structure an interviewer would catch.

    Attributes
    ----------
    kind : str
        One of :data:`FINDING_KINDS`.
    subject : str
        The task, team, gate, risk or dependency (``provider -> waiting``) to blame.
    detail : str
        The symptom and its consequence, as sentences a candidate can act on.
    """

    kind: str
    subject: str
    detail: str

    def to_dict(self) -> dict[str, str]:
        """Return ``{kind, subject, detail}``."""
        return {"kind": self.kind, "subject": self.subject, "detail": self.detail}

    def __str__(self) -> str:
        return f"{self.kind}: {self.subject}: {self.detail}"


@dataclass
class ProgramReport:
    """What :func:`check_program` found. Build it with that function, not by hand.

    Attributes
    ----------
    program : Program
        The plan checked.
    schedule : Schedule or None
        The deterministic schedule (most likely durations); ``None`` when the plan cannot be
        scheduled (a ``cycle`` or ``unknown-dependency`` finding).
    monte_carlo : MonteCarloResult or None
        The simulated finishes (three-point durations); ``None`` when unschedulable.
    findings : list of Finding
        In :data:`FINDING_KINDS` order, then plan order.
    exposures : list of RiskExposure
        Every risk's float-aware launch delay, in register order.
    levelled_starts : dict of str to float or None
        Task starts after levelling every team with ``people`` set.
    risk_threshold : float
        The ``unmitigated-risk`` threshold used, in working days.
    """

    program: Program
    schedule: Schedule | None
    monte_carlo: MonteCarloResult | None
    findings: list[Finding]
    exposures: list[RiskExposure]
    levelled_starts: dict[str, float] | None
    risk_threshold: float = HIGH_RISK_DAYS
    _profiles: dict[tuple[str, bool], Profile] = field(default_factory=dict, repr=False)

    # ------------------------------------------------------------------ headline figures
    @property
    def ok(self) -> bool:
        """True when there are no findings."""
        return not self.findings

    @property
    def schedulable(self) -> bool:
        """True when the plan has no cycle and no unknown dependency."""
        return self.schedule is not None

    @property
    def critical_path(self) -> list[str]:
        """One critical path of the deterministic schedule (empty when unschedulable)."""
        return self.schedule.critical_path if self.schedule is not None else []

    @property
    def critical_tasks(self) -> list[str]:
        """Every zero-float task, in table order (empty when unschedulable)."""
        return self.schedule.critical_tasks if self.schedule is not None else []

    @property
    def finish_days(self) -> float | None:
        """Working days from the start to the end of the last task (most likely durations)."""
        return self.schedule.duration if self.schedule is not None else None

    @property
    def finish_date(self) -> dt.date | None:
        """The date the last task is done (with ``start``), see :meth:`Program.date_of`."""
        return self._date(self.finish_days)

    def percentile_days(self, q: float) -> float | None:
        """Return the finish (working days) that ``q`` percent of simulated programs meet."""
        return self.monte_carlo.percentile(q) if self.monte_carlo is not None else None

    @property
    def p50_days(self) -> float | None:
        """Median simulated finish in working days."""
        return self.percentile_days(50)

    @property
    def p85_days(self) -> float | None:
        """Finish met by 85% of simulated programs, in working days."""
        return self.percentile_days(COMMIT_PERCENTILE)

    @property
    def p50_date(self) -> dt.date | None:
        """The P50 finish as a date (with ``start``)."""
        return self._date(self.p50_days)

    @property
    def p85_date(self) -> dt.date | None:
        """The P85 finish as a date (with ``start``)."""
        return self._date(self.p85_days)

    @property
    def levelled_finish_days(self) -> float | None:
        """The finish after levelling every team, in working days."""
        if self.levelled_starts is None:
            return None
        return max(
            (s + self.program.task_index[n].most_likely for n, s in self.levelled_starts.items()),
            default=0.0,
        )

    @property
    def milestones(self) -> dict[str, float]:
        """``{milestone task: day it is reached}`` (earliest start of the milestone task)."""
        if self.schedule is None:
            return {}
        return {t.name: self.schedule.timings[t.name].es for t in self.program.milestones()}

    def slack(self, task: str) -> float:
        """Return a task's total float in working days.

        Raises
        ------
        ScheduleError
            When the plan cannot be scheduled or there is no such task.
        """
        schedule = self.require_schedule()
        self.program.task(task)
        return schedule.timings[task].slack

    def by_kind(self, kind: str) -> list[Finding]:
        """Return the findings of one kind."""
        return [f for f in self.findings if f.kind == kind]

    @property
    def kinds(self) -> list[str]:
        """The kinds found, each once, in report order."""
        return list(dict.fromkeys(f.kind for f in self.findings))

    # ------------------------------------------------------------------ people over time
    def load(self, team: str, levelled: bool = False) -> Profile:
        """Return a team's load (people needed over time) in the earliest-start schedule.

        Parameters
        ----------
        team : str
            A team of the program.
        levelled : bool
            Use the levelled starts instead of the earliest starts.

        Returns
        -------
        Profile

        Raises
        ------
        ScheduleError
            When the plan cannot be scheduled or the team is unknown.
        """
        schedule = self.require_schedule()
        if team not in self.program.teams:
            raise ScheduleError(
                "team", f"no team {team!r} in {self.program.name} ({', '.join(self.program.teams)})"
            )
        key = (team, levelled)
        if key not in self._profiles:
            starts = (
                self.levelled_starts
                if levelled and self.levelled_starts is not None
                else {n: t.es for n, t in schedule.timings.items()}
            )
            for name, intervals in team_intervals(self.program, starts).items():
                self._profiles[(name, levelled)] = profile(intervals)
        return self._profiles[key]

    @property
    def weeks(self) -> int:
        """Weeks (of 5 working days) the schedule spans, levelled or not."""
        schedule = self.require_schedule()
        end = max(schedule.duration, self.levelled_finish_days or 0.0)
        return max(1, math.ceil(end / WEEK_DAYS - _EPS))

    def weekly_load(self, levelled: bool = False) -> dict[str, list[float]]:
        """Return the peak people needed by each team in each week.

        Parameters
        ----------
        levelled : bool
            Use the levelled starts.

        Returns
        -------
        dict of str to list of float
            ``{team: [peak in week 1, week 2, ...]}``, every team, :attr:`weeks` values each.
        """
        weeks = self.weeks
        return {t: self.load(t, levelled).weekly_peaks(weeks) for t in self.program.teams}

    # ------------------------------------------------------------------ output
    def to_dict(self) -> dict[str, Any]:
        """Return the report as JSON-ready data (the CLI's ``--json``), days to 2 decimals."""
        p = self.program
        mc = self.monte_carlo

        def days(x: float | None) -> float | None:
            return None if x is None else round(x, 2)

        def date(x: dt.date | None) -> str | None:
            return None if x is None else x.isoformat()

        return {
            "program": p.name,
            "kind": p.kind,
            "start": date(p.day_zero),
            "schedulable": self.schedulable,
            "critical_path": self.critical_path,
            "finish_days": days(self.finish_days),
            "finish_date": date(self.finish_date),
            "p50_days": days(self.p50_days),
            "p85_days": days(self.p85_days),
            "p50_date": date(self.p50_date),
            "p85_date": date(self.p85_date),
            "monte_carlo": None
            if mc is None
            else {"samples": len(mc.samples), "seed": mc.seed, "distribution": mc.distribution},
            "levelled_finish_days": days(self.levelled_finish_days),
            "milestones": {
                name: {"day": days(d), "date": date(self._date(d))}
                for name, d in self.milestones.items()
            },
            "risks": [e.to_dict() for e in self.exposures],
            "findings": [f.to_dict() for f in self.findings],
        }

    def _headline(self) -> list[str]:
        p = self.program
        start = f", from {p.day_zero.isoformat()}" if p.day_zero else ""
        lines = [f"{p.name} ({p.kind}{start}): {len(p.tasks)} tasks, {len(p.teams)} teams"]
        if self.schedule is None:
            lines.append("Cannot be scheduled: see the cycle / unknown-dependency findings.")
            return lines
        mc = self.monte_carlo
        lines.append(
            f"Finish: {_day(self.finish_days)}{self._on(self.finish_days)} with most likely "
            "durations"
        )
        if mc is not None:
            lines.append(
                f"Monte Carlo ({len(mc.samples):,} samples, {_distribution(mc.distribution)}, "
                f"seed {mc.seed}): P50 {_day(self.p50_days)}{self._on(self.p50_days)}, "
                f"P85 {_day(self.p85_days)}{self._on(self.p85_days)}"
            )
        lines.append("Critical path: " + " -> ".join(self.critical_path))
        if self.milestones:
            lines.append(
                "Milestones: "
                + ", ".join(f"{n} {_day(d)}{self._on(d)}" for n, d in self.milestones.items())
            )
        return lines

    def summary(self) -> str:
        """Return the report as plain text (a terminal, a headless notebook)."""
        lines = self._headline()
        if self.exposures:
            lines.append("Risks (launch delay = max(0, impact - float of its task)):")
            for e in self.exposures:
                lines.append("  " + _exposure_text(e))
        if not self.findings:
            lines.append("No findings.")
        else:
            lines.append(f"Findings ({len(self.findings)}):")
            for f in self.findings:
                lines.append(f"  {f.kind}: {f.subject}: {f.detail}")
        return "\n".join(lines)

    def markdown(self) -> str:
        """Return the report as Markdown (headline, risks and a findings table)."""
        lines = [f"**{_md(self._headline()[0])}**", ""]
        lines += [f"- {_md(x)}" for x in self._headline()[1:]]
        if self.exposures:
            lines += ["", "| risk | task | P | impact (d) | float (d) | launch delay (d) |"]
            lines.append("|---|---|---|---|---|---|")
            for e in self.exposures:
                slack = "-" if e.total_float is None else f"{e.total_float:g}"
                lines.append(
                    f"| {_md(e.name)} | {_md(e.task or '-')} | {e.probability:g} | {e.impact:g} | "
                    f"{slack} | {e.launch_delay:g} |"
                )
        lines.append("")
        if not self.findings:
            lines.append("No findings.")
        else:
            lines += ["| finding | subject | detail |", "|---|---|---|"]
            lines += [f"| {f.kind} | {_md(f.subject)} | {_md(f.detail)} |" for f in self.findings]
        return "\n".join(lines)

    def _repr_markdown_(self) -> str:
        return self.markdown()

    def __str__(self) -> str:
        return self.summary()

    def __repr__(self) -> str:
        finish = "unschedulable" if self.finish_days is None else f"{self.finish_days:g} days"
        return f"<ProgramReport {self.program.name!r}: {finish}, {len(self.findings)} findings>"

    # ------------------------------------------------------------------ helpers
    def require_schedule(self) -> Schedule:
        """Return the deterministic schedule.

        Raises
        ------
        ScheduleError
            When the plan cannot be scheduled (a cycle or an unknown dependency).
        """
        if self.schedule is None:
            raise ScheduleError(
                "program",
                f"{self.program.name} cannot be scheduled (a dependency cycle or an unknown "
                "dependency); see its findings",
            )
        return self.schedule

    def _date(self, day: float | None) -> dt.date | None:
        return None if day is None else self.program.date_of(day)

    def _on(self, day: float | None) -> str:
        d = self._date(day)
        return f" ({d.isoformat()})" if d is not None else ""


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("*", "\\*").replace("_", "\\_")


def _distribution(name: str) -> str:
    return "beta-PERT" if name == "pert" else name


def _day(x: float | None) -> str:
    if x is None:
        return "-"
    x = round(float(x), 6)  # no "day 15.0" from 14.999999999 after a sum of fractions
    return f"day {x:g}" if x.is_integer() else f"day {x:.1f}"


def _exposure_text(e: RiskExposure) -> str:
    on = f" on {e.task}" if e.task else ""
    slack = "" if e.total_float is None else f" (float {e.total_float:g} d)"
    return (
        f"{e.name}: P {e.probability:g} x {e.impact:g} d{on}{slack}: launch delay "
        f"{e.launch_delay:g} d, expected {e.expected_delay:.1f} d"
    )


def _period(program: Program, start: float, end: float) -> str:
    """Write ``[start, end)`` in working days, with dates when the program has a start."""
    start, end = round(float(start), 6), round(float(end), 6)
    whole = float(start).is_integer() and float(end).is_integer()
    if whole:
        last = end - 1
        text = f"day {start:g}" if last <= start else f"days {start:g}-{last:g}"
    else:
        text = f"days {start:.1f}-{end:.1f}"
    first_date = program.date_of(start)
    if first_date is None:
        return text
    last_date = program.date_of(end - 1 if whole else end)
    if whole and end - 1 <= start:
        return f"{text} ({first_date.isoformat()})"
    return f"{text} ({first_date.isoformat()} to {last_date.isoformat()})"


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _gate_name(task: str, req: Any) -> str:
    """Name a gate task, adding its gate kind unless the name already says it."""
    if task.replace("-", "_").replace(" ", "_").lower() in (*req.accepts, req.gate):
        return task
    return f"{task} ({req.label})"


def _plural(n: float, word: str) -> str:
    return f"{n:g} {word}" if n == 1 else f"{n:g} {word}s"


# ---------------------------------------------------------------------------- the checks
def _graph(program: Program, findings: list[Finding]) -> Any:
    """Build the dependency graph of known tasks; unknown dependencies become findings."""
    import networkx as nx

    graph = nx.DiGraph()
    graph.add_nodes_from(program.task_index)
    names = program.task_index
    for t in program.tasks:
        for dep in t.dependency_names:
            if dep in names:
                graph.add_edge(dep, t.name)
                continue
            close = difflib.get_close_matches(dep, list(names), n=1)
            hint = f" (a typo for {close[0]}?)" if close else ""
            findings.append(
                Finding(
                    "unknown-dependency",
                    f"{dep} -> {t.name}",
                    f"{t.name} depends on {dep!r}, which is not a task of the plan{hint}: "
                    "the plan cannot be scheduled until every dependency names a task.",
                )
            )
    return graph


def _cycles(program: Program, graph: Any) -> list[Finding]:
    import networkx as nx

    order = {name: i for i, name in enumerate(program.task_index)}
    out = []
    components = [
        c
        for c in nx.strongly_connected_components(graph)
        if len(c) > 1 or graph.has_edge(next(iter(c)), next(iter(c)))
    ]
    for comp in sorted(components, key=lambda c: min(order[n] for n in c)):
        first = min(comp, key=order.__getitem__)
        cycle = [u for u, _ in nx.find_cycle(graph.subgraph(comp), source=first)]
        loop = " -> ".join([*cycle, cycle[0]])
        members = sorted(comp, key=order.__getitem__)
        who = (
            f"{members[0]} waits for itself"
            if len(members) == 1
            else f"{_and(members)} wait for each other"
        )
        out.append(
            Finding(
                "cycle",
                loop,
                f"{who} ({loop}), so none of them can ever start: the plan cannot be "
                "scheduled, and no finish, P85 or over-allocation can be computed.",
            )
        )
    return out


def _over_allocated(program: Program, schedule: Schedule) -> list[Finding]:
    out = []
    finish = schedule.duration
    durations = {t.name: t.most_likely for t in program.tasks}
    for team_name, team in program.teams.items():
        cap = team.people
        if cap is None:
            continue
        for t in program.tasks_of(team_name):
            if t.people > cap + _EPS and t.most_likely > 0:
                out.append(
                    Finding(
                        "over-allocated",
                        t.name,
                        f"{t.name} alone needs {t.people:g} people of {team_name}, which has "
                        f"{cap:g}: no start date makes it fit.",
                    )
                )
        intervals = [
            (schedule.timings[t.name].es, schedule.timings[t.name].ef, t.people)
            for t in program.tasks_of(team_name)
        ]
        periods = profile(intervals).over(cap)
        if not periods:
            continue
        peak = max(p.need for p in periods)
        texts = [_period(program, p.start, p.end) for p in periods[:3]]
        if len(periods) > 3:
            texts.append(f"{len(periods) - 3} more periods")
        shown = _and(texts)
        one = level(program, schedule, [team_name])
        after = max(s + durations[n] for n, s in one.items())
        delta = after - finish
        if delta > _EPS:
            cost = (
                f"Levelling {team_name} (each task waits until its people are free, least "
                f"float first) moves the finish from {_day(finish)} to {_day(after)} "
                f"(+{delta:g} working days)."
            )
        else:
            cost = (
                f"Levelling {team_name} (each task waits until its people are free, least "
                f"float first) fits in the float: the finish stays at {_day(finish)}."
            )
        out.append(
            Finding(
                "over-allocated",
                team_name,
                f"{team_name} needs up to {peak:g} people at once on {shown}, but has "
                f"{cap:g} ({peak - cap:g} over at the peak). {cost}",
            )
        )
    return out


def _unowned(program: Program) -> list[Finding]:
    out = []
    index = program.task_index
    for t in program.tasks:
        if t.milestone:
            continue  # a milestone is the program's, not a hand-over between two teams
        for d in t.depends_on:
            provider = index.get(d.task)
            if provider is None or provider.team == t.team:
                continue
            missing = [w for w, v in (("no owner", d.owner), ("no agreed date", d.agreed)) if not v]
            if not missing:
                continue
            out.append(
                Finding(
                    "unowned-dependency",
                    f"{d.task} -> {t.name}",
                    f"{t.name} ({t.team}) waits for {d.task} ({provider.team}), and the "
                    f"hand-over has {' and '.join(missing)}: nobody is accountable for when "
                    f"{provider.team} delivers it to {t.team}.",
                )
            )
    return out


def _agreed_dates(program: Program, schedule: Schedule) -> list[Finding]:
    if program.start is None:
        return []
    out = []
    index = program.task_index
    for t in program.tasks:
        for d in t.depends_on:
            if d.agreed is None or d.task not in index:
                continue
            agreed_day = program.day_of(d.agreed)
            ready = schedule.timings[d.task].ef
            start = schedule.timings[t.name].es
            provider = index[d.task].team
            subject = f"{d.task} -> {t.name}"
            if start < agreed_day - _EPS:
                early = agreed_day - math.ceil(start - _EPS)
                out.append(
                    Finding(
                        "agreed-date-conflict",
                        subject,
                        f"{t.name} is scheduled to start on {program.date_of(start)} "
                        f"({_day(start)}), but {d.task} is agreed for {d.agreed.isoformat()}: "
                        f"the plan counts on it {_plural(early, 'working day')} before "
                        f"{provider} agreed to hand it over.",
                    )
                )
            elif ready > agreed_day + _EPS:
                late = math.ceil(ready - _EPS) - agreed_day
                out.append(
                    Finding(
                        "agreed-date-conflict",
                        subject,
                        f"{d.task} is ready on {program.date_of(ready)} ({_day(ready)}) in this "
                        f"plan, {_plural(late, 'working day')} after the {d.agreed.isoformat()} "
                        f"agreed with {t.team} for {t.name}: the plan breaks the agreement.",
                    )
                )
    return out


def _gates(program: Program, graph: Any) -> list[Finding]:
    import networkx as nx

    rules = rules_for(program.kind)
    milestones = program.milestones(rules.milestone)
    out: list[Finding] = []
    if not milestones:
        out.append(
            Finding(
                "missing-milestone",
                rules.milestone,
                f"No task is marked milestone: {rules.milestone}, so nothing in this "
                f"{program.kind} plan says when the {rules.milestone} happens and its gates "
                "cannot be checked against it.",
            )
        )
    before = {m.name: nx.ancestors(graph, m.name) | {m.name} for m in milestones}
    after = {m.name: nx.descendants(graph, m.name) for m in milestones}
    missing: list[Finding] = []
    ordering: list[Finding] = []
    for req in rules.gates:
        if req.order == "milestone":
            continue  # the milestone task is the gate; a missing one is reported above
        tasks = [t.name for t in program.tasks if t.gate in req.accepts]
        if not tasks:
            gate_words = " or ".join(f"gate: {g}" for g in req.accepts)
            missing.append(
                Finding(
                    "missing-gate",
                    req.gate,
                    f"This {program.kind} plan has no {req.label} gate (a task with "
                    f"{gate_words}): nothing in it makes sure {req.purpose}.",
                )
            )
        elif req.order == "before":
            # one gate of the kind on a path into each milestone is enough
            wrong = [m for m in before if not any(t in before[m] for t in tasks)]
            if wrong:
                ordering.append(_before_finding(req, tasks[0], wrong, after))
        else:
            # every gate of the kind must come after every milestone (decommission)
            for t in tasks:
                wrong = [m for m in after if t not in after[m]]
                if wrong:
                    where = _and(wrong)
                    ordering.append(
                        Finding(
                            req.out_of_order,
                            t,
                            f"{_gate_name(t, req)} is not after {where}: nothing makes it wait "
                            f"for {where}, so the old system can be retired before the new "
                            "one carries the traffic, and then there is no way back.",
                        )
                    )
    return out + missing + ordering


def _before_finding(
    req: Any, task: str, milestones: list[str], after: dict[str, set[str]]
) -> Finding:
    where = _and(milestones)
    if all(task in after[m] for m in milestones):
        symptom = f"{_gate_name(task, req)} comes after {where}"
    else:
        symptom = (
            f"{_gate_name(task, req)} is not on any path into {where}: {where} does not wait "
            "for it"
        )
    return Finding(
        req.out_of_order,
        task,
        f"{symptom}, so {where} can happen before it is done and nothing makes sure "
        f"{req.purpose}.",
    )


def _risks(program: Program, exposures: list[RiskExposure], threshold: float) -> list[Finding]:
    out = []
    for r, e in zip(program.risks, exposures, strict=True):
        if r.exposure <= threshold + _EPS:
            continue
        missing = [w for w, v in (("no owner", r.owner), ("no mitigation", r.mitigation)) if not v]
        if not missing:
            continue
        if e.task is None:
            effect = f"if it happens the finish can move by up to {e.impact:g} working days"
        elif e.total_float is None:
            effect = f"it would delay {e.task} by {e.impact:g} working days"
        else:
            effect = (
                f"{e.task} has {e.total_float:g} days of float, so if it happens the finish "
                f"moves by {e.launch_delay:g} working days"
            )
        out.append(
            Finding(
                "unmitigated-risk",
                r.name,
                f"{r.name} is a high risk (probability {r.probability:g} x impact "
                f"{r.impact:g} days = {r.exposure:.1f} days, above the {threshold:g}-day "
                f"threshold) with "
                f"{' and '.join(missing)}; {effect}.",
            )
        )
    return out


def check_program(
    program: Program | Mapping[str, Any] | str | os.PathLike[str],
    *,
    samples: int = DEFAULT_SAMPLES,
    seed: int = DEFAULT_SEED,
    distribution: str = "pert",
    risk_threshold: float = HIGH_RISK_DAYS,
) -> ProgramReport:
    """Check a program plan: schedule, Monte Carlo finish, risk exposure and findings.

    Parameters
    ----------
    program : Program, dict, str or path-like
        The plan, or anything :func:`tpmprep.plan.program.load_program` reads.
    samples : int
        Monte Carlo samples (default :data:`DEFAULT_SAMPLES`).
    seed : int
        Monte Carlo seed (default :data:`DEFAULT_SEED`): the same plan, the same P50/P85.
    distribution : {"pert", "triangular"}
        Shape of each three-point duration.
    risk_threshold : float
        ``unmitigated-risk`` fires above this ``probability × impact`` (working days).

    Returns
    -------
    ProgramReport

    Raises
    ------
    DocumentError
        When the plan cannot be read (one line per problem).
    ScheduleError
        For a bad ``samples`` or ``distribution``.
    """
    program = load_program(program)
    findings: list[Finding] = []
    graph = _graph(program, findings)
    findings[:0] = _cycles(program, graph)
    schedule = mc = levelled = None
    if not findings:
        schedule = program.schedule()
        mc = program.schedule(three_point=True).monte_carlo(samples, seed, distribution)
        levelled = level(program, schedule)
    exposures = risk_exposures(program, schedule)
    if schedule is not None:
        findings += _over_allocated(program, schedule)
    findings += _unowned(program)
    if schedule is not None:
        findings += _agreed_dates(program, schedule)
    findings += _gates(program, graph)
    findings += _risks(program, exposures, float(risk_threshold))
    rank = {k: i for i, k in enumerate(FINDING_KINDS)}
    findings.sort(key=lambda f: rank[f.kind])  # stable: plan order within a kind
    return ProgramReport(
        program, schedule, mc, findings, exposures, levelled, risk_threshold=float(risk_threshold)
    )
