"""The program studio: exercises that start from an ambiguous goal and end with a plan.

Each scenario hands the candidate a goal, the teams with their people, a start date, the date to
hit and the few facts a team would give them (an estimate, a service level, a throughput). The
candidate writes the plan (YAML, :mod:`tpmprep.plan.program`); the plan is an answer judged by
its properties (:class:`~tpmprep.scenarios.base.PropertyAnswer`): the checker
(:func:`tpmprep.plan.findings.check_program`) must find nothing, and the plan must meet the
brief (its kind, start, teams and people, the date, the facts). Feedback names the findings and
the requirement missed, never a plan. Numbers that follow from a *given* plan (a finish, a P85,
the launch delay of a slip) are ordinary answers with tolerances.

Ids are ``program-leadership/<topic>``:

``ledger-migration``
    Move a payments ledger to a new datastore (kind ``migration``).
``three-country-launch``
    Launch Buy Now in three countries by a fixed date (kind ``launch``).
``roadmap-capacity-cut``
    A year's roadmap after a team loses people, with OKRs to trade off
    (:mod:`tpmprep.plan.roadmap`).
``go-no-go``
    A launch readiness decision from a status snapshot (:mod:`tpmprep.plan.status`).
``partner-slip``
    A partner team's dependency slips: the new finish and P85, and the escalation note.
``headset-launch``
    A mixed-reality headset across hardware and software teams, on a keynote date.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from tpmprep.exceptions import DocumentError
from tpmprep.judging import Judgement, Tolerance, Verdict
from tpmprep.scenarios.base import Answer, Given, PropertyAnswer, Scenario, redraw, register
from tpmprep.units import Q

__all__ = [
    "P85_BAND",
    "PlanBrief",
    "answer_as_yaml",
    "judge_plan",
    "read_plan",
]

#: Mondays the studio programs start on (one per seed); a plan's ``start`` must match.
STARTS = (
    dt.date(2027, 1, 4),
    dt.date(2027, 3, 1),
    dt.date(2027, 4, 5),
    dt.date(2027, 6, 7),
    dt.date(2027, 9, 6),
)

#: A P85 is judged within ±3%: the checker's 4,000-sample P85 moves by under 1% between seeds,
#: 1,000 samples by about 1.3%, so any honest simulation passes; the P50 and the CPM finish of
#: the given plans sit further away than that and are rejected.
P85_BAND = Tolerance(rel=0.03)

EXACT = Tolerance(rel=0.02)


# --------------------------------------------------------------------------------------------
# Reading a candidate's document
# --------------------------------------------------------------------------------------------


def answer_as_yaml(answer: Any, what: str = "plan") -> str:
    """Return a candidate's YAML document as text: from a dict, YAML text or a file's path.

    Parameters
    ----------
    answer : Any
        A mapping (dumped to YAML), YAML text (a string with a newline or starting with ``{``),
        or the path of a ``.yaml`` file (``str`` or ``Path``), relative to the notebook.
    what : str
        What the document is, for messages.

    Returns
    -------
    str

    Raises
    ------
    DocumentError
        For a missing file or an answer that is none of these.
    """
    import yaml

    if isinstance(answer, Mapping):
        return yaml.safe_dump(dict(answer), sort_keys=False, allow_unicode=True, width=100)
    if isinstance(answer, os.PathLike) or (
        isinstance(answer, str) and "\n" not in answer and not answer.lstrip().startswith("{")
    ):
        path = Path(answer)
        if not path.is_file():
            raise DocumentError(
                [f"{path}: file: no such file; give the {what} as YAML text or the path of a "
                 ".yaml file beside the notebook"]
            )
        return path.read_text(encoding="utf-8")
    if isinstance(answer, str):
        return answer
    raise DocumentError(
        [f"{what}: give YAML text, a dict or the path of a .yaml file, not "
         f"{type(answer).__name__}"]
    )


def read_plan(answer: Any) -> str:
    """Return a candidate's program plan as YAML text, checked to load.

    Parameters
    ----------
    answer : Program, dict, str or path-like
        The plan (:func:`tpmprep.plan.program.load_program` reads the same forms).

    Returns
    -------
    str

    Raises
    ------
    DocumentError
        When the plan cannot be read (one line per problem, as ``tpmprep program check``).
    """
    from tpmprep.plan.program import Program, load_program

    text = answer.to_yaml() if isinstance(answer, Program) else answer_as_yaml(answer)
    load_program(text, name="plan")
    return text


# --------------------------------------------------------------------------------------------
# Judging a plan against a brief
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanBrief:
    """What a plan must meet beyond the checker: the brief's constraints, drawn from the seed.

    Attributes
    ----------
    kind : str
        ``"launch"`` or ``"migration"``.
    start : datetime.date
        The plan's ``start``.
    teams : dict of str to float or None
        The teams available and their people (``None``: a partner whose capacity the program
        does not manage). A plan may leave a team out, never add one or give it more people.
    deadline : float
        The working day the milestone must be reached by.
    gate_days : dict of str to float
        ``{gate kind: working days}``: the facts the teams gave. The tasks with that gate must
        run on at least this many working days of the schedule (most likely durations, days
        when several of them run counted once), so work split into pieces that run side by
        side (three languages at once from one agency's throughput) does not pass for the
        whole.
    gate_count : dict of str to int
        ``{gate kind: n}``: at least ``n`` tasks with that gate, each on a path into the
        milestone (hardware validation builds).
    team_days : dict of str to float
        ``{team: working days}``: the team's tasks, added up and end to end, the same way.
    labels : dict of str to str
        How the requirement lines name each gate or team fact.
    """

    kind: str
    start: dt.date
    teams: dict[str, float | None]
    deadline: float
    gate_days: dict[str, float] = field(default_factory=dict)
    gate_count: dict[str, int] = field(default_factory=dict)
    team_days: dict[str, float] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)

    @property
    def milestone(self) -> str:
        """The milestone the deadline applies to."""
        return "cutover" if self.kind == "migration" else "launch"

    def date(self, day: float) -> dt.date:
        """Return the working-day date of ``day`` from the start."""
        from tpmprep.plan.program import _workday

        return _workday(self.start, math.ceil(float(day) - 1e-9))

    def requirements(self) -> str:
        """Return the requirements as the answer key and the brief state them."""
        teams = ", ".join(
            f"{t} {p:g}" if p is not None else f"{t} (partner)" for t, p in self.teams.items()
        )
        parts = [
            "no findings from check_program",
            f"kind: {self.kind}",
            f"start: {self.start.isoformat()}",
            f"teams within {teams}",
            f"{self.milestone} by day {self.deadline:g} ({self.date(self.deadline).isoformat()})",
        ]
        parts += [
            f"{self.labels.get(g, g)} (gate: {g}) running on at least {d:g} working days"
            for g, d in self.gate_days.items()
        ]
        parts += [
            f"at least {n} tasks with gate: {g} before the {self.milestone}"
            for g, n in self.gate_count.items()
        ]
        parts += [
            f"{self.labels.get(t, t)} (team {t}) running on at least {d:g} working days"
            for t, d in self.team_days.items()
        ]
        return "; ".join(parts)

    def problems(self, program: Any, report: Any) -> list[str]:
        """Return what the plan misses of the brief (empty when it meets it).

        Parameters
        ----------
        program : Program
            The candidate's plan.
        report : ProgramReport
            Its check.

        Returns
        -------
        list of str
        """
        out = []
        if program.kind != self.kind:
            out.append(f"the brief is a {self.kind}, but the plan says kind: {program.kind}")
        if program.start != self.start:
            given = program.start.isoformat() if program.start else "no start"
            out.append(
                f"the program starts on {self.start.isoformat()} (start:), the plan has {given}"
            )
        for name, team in program.teams.items():
            if name not in self.teams:
                known = ", ".join(self.teams)
                out.append(f"team {name} is not one of the brief's teams ({known})")
                continue
            have = self.teams[name]
            if have is not None and team.people is None:
                out.append(
                    f"team {name} states no people in the plan, so its capacity is never "
                    f"checked; the brief gives it {have:g}"
                )
            elif have is not None and team.people > have + 1e-9:
                out.append(
                    f"team {name} has {team.people:g} people in the plan; the brief gives it "
                    f"{have:g}"
                )
        facts = [
            (f"the {self.labels.get(gate, gate)} (tasks with gate: {gate})", days,
             [t for t in program.tasks if t.gate == gate])
            for gate, days in self.gate_days.items()
        ] + [
            (f"the {self.labels.get(team, team)} (tasks of team {team})", days,
             [t for t in program.tasks if t.team == team])
            for team, days in self.team_days.items()
        ]
        for what, days, tasks in facts:
            total = sum(t.most_likely for t in tasks)
            if total < days - 1e-9:
                out.append(
                    f"{what}: {total:g} working days in the plan, where the brief's facts say "
                    f"at least {days:g}"
                )
            elif report.schedulable and tasks:
                busy = _busy_days(report.schedule.timings[t.name] for t in tasks)
                if busy < days - 1e-9:
                    out.append(
                        f"{what}: {total:g} working days added up, but the tasks run side by "
                        f"side and cover only {busy:g} working days of the schedule, where the "
                        f"brief's facts say at least {days:g}"
                    )
        if report.schedulable:
            reached = report.milestones
            ancestors = _ancestors(program, [m.name for m in program.milestones(self.milestone)])
            for gate, n in self.gate_count.items():
                found = [t.name for t in program.tasks if t.gate == gate and t.name in ancestors]
                if len(found) < n:
                    out.append(
                        f"{len(found)} task(s) with gate: {gate} are on a path into the "
                        f"{self.milestone}; the brief needs at least {n}"
                    )
            for m in program.milestones(self.milestone):
                day = reached[m.name]
                if day > self.deadline + 1e-9:
                    out.append(
                        f"the {self.milestone} ({m.name}) is on day {day:g} "
                        f"({self.date(day).isoformat()}), after the brief's day "
                        f"{self.deadline:g} ({self.date(self.deadline).isoformat()})"
                    )
        return out


def _busy_days(timings: Any) -> float:
    """Working days on which at least one of the timed tasks runs (overlaps counted once)."""
    busy, end = 0.0, -math.inf
    for t in sorted(timings, key=lambda t: t.es):
        if t.ef > end:
            busy += t.ef - max(t.es, end)
            end = t.ef
    return busy


def _ancestors(program: Any, names: list[str]) -> set[str]:
    """Tasks on a path into any of ``names`` (by dependency), the names included."""
    deps = {t.name: t.dependency_names for t in program.tasks}
    seen: set[str] = set()
    todo = [n for n in names if n in deps]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        todo += [d for d in deps.get(name, ()) if d in deps]
    return seen


def judge_plan(text: str, brief: PlanBrief) -> Judgement:
    """Judge a plan: no findings from the checker, and the brief's constraints met.

    Parameters
    ----------
    text : str
        The plan as YAML text (from :func:`read_plan`).
    brief : PlanBrief
        The constraints drawn from the seed.

    Returns
    -------
    Judgement
        Correct when both hold; the reason names each finding (kind, subject, the checker's
        sentence) and each requirement missed, never a plan.
    """
    from tpmprep.plan.findings import check_program

    report = check_program(text)
    missed = brief.problems(report.program, report)
    lines = [f"{f.kind}: {f.subject}: {f.detail}" for f in report.findings]
    if not lines and not missed:
        p85 = report.p85_days
        reached = ", ".join(f"{n} day {d:g}" for n, d in report.milestones.items())
        return Judgement(
            Verdict.CORRECT,
            reason=(
                f"no findings, and the plan meets the brief ({reached}; finish day "
                f"{report.finish_days:g}, P85 day {p85:.1f})."
            ),
        )
    parts = []
    if lines:
        parts.append(f"{len(lines)} finding(s): " + " | ".join(lines))
    if missed:
        parts.append("against the brief: " + "; ".join(missed))
    return Judgement(Verdict.INCORRECT, reason=" || ".join(parts))


def _plan_answer(label: str, brief: PlanBrief) -> PropertyAnswer:
    return PropertyAnswer(label, brief.requirements(), read_plan, lambda t: judge_plan(t, brief))


def _days_of(q: Any) -> float:
    return float(q.to("day").magnitude)


def _n(q: Any) -> float:
    return float(q.to("").magnitude)


class StudioScenario(Scenario):
    """Shared parts: the start date, dates of working days, the skeleton shown in the brief."""

    #: The teams of the brief: ``{team: name of the Given holding its people}`` (None: partner).
    team_givens: ClassVar[dict[str, str | None]] = {}
    kind = "launch"
    program_name = "program"
    goal = ""

    @property
    def start(self) -> dt.date:
        """The program's start date (a Monday, drawn from the seed)."""
        return STARTS[random.Random(f"{self.id}/{self.seed}/start").randrange(len(STARTS))]

    def date(self, day: float) -> dt.date:
        """Return the date of working day ``day`` from the start (day 0 is the start)."""
        from tpmprep.plan.program import _workday

        return _workday(self.start, math.ceil(float(day) - 1e-9))

    @property
    def teams(self) -> dict[str, float | None]:
        """``{team: people}`` (``None`` for a partner team)."""
        return {
            t: (None if g is None else _n(self.givens[g].value))
            for t, g in self.team_givens.items()
        }

    @property
    def skeleton(self) -> str:
        """The starting plan: the goal, the kind, the start and the teams; no structure."""
        teams = "\n".join(
            f"  {t}: {{people: {p:g}}}" if p is not None else f"  {t}: {{}}   # a partner"
            for t, p in self.teams.items()
        )
        return (
            f"name: {self.program_name}\n"
            f"kind: {self.kind}\n"
            f"start: {self.start.isoformat()}\n"
            f"description: {self.goal}\n"
            f"teams:\n{teams}\n"
            "tasks:\n"
            f"  - {{name: {'cutover' if self.kind == 'migration' else 'launch'}, "
            f"team: {next(iter(self.teams))}, people: 0, duration: 0, "
            f"milestone: {'cutover' if self.kind == 'migration' else 'launch'}}}\n"
        )

    def brief_markdown(self) -> str:
        """Return the story and numbers, plus the start date and the deadline as dates."""
        text = super().brief_markdown()
        extra = f"\n**Start:** {self.start.isoformat()} (day 0, a Monday)."
        deadline = self.givens.get("deadline")
        if deadline is not None:
            day = _days_of(deadline.value)
            extra += f" **Deadline:** day {day:g} = {self.date(day).isoformat()}."
        return text + extra + "\n"


# --------------------------------------------------------------------------------------------
# 1. Ledger migration (kind migration)
# --------------------------------------------------------------------------------------------


def backfill_days(rows: Any, rate: Any, window: Any) -> float:
    """Working days a throttled backfill takes: rows ÷ (rate × hours a day it may run)."""
    return float((rows / rate / window).to("day").magnitude)


@register
class LedgerMigration(StudioScenario):
    """Plan a payments ledger migration: dual write, backfill, verification, cutover, retire."""

    id = "program-leadership/ledger-migration"
    title = "Move the payments ledger to the new datastore"
    kind = "migration"
    program_name = "ledger-migration"
    goal = "move the payments ledger from the sharded MySQL cluster to the new ledger service"
    team_givens: ClassVar[dict[str, str | None]] = {
        "ledger": "ledger_people", "payments": "payments_people", "data": "data_people",
        "sre": "sre_people",
    }
    story = """
Finance wants the payments ledger off the sharded MySQL cluster and on the new ledger service
before the cluster's support contract ends. That is the whole brief. You are the TPM: four teams
(ledger, payments, data, SRE) and the facts they gave you are below. Write the plan: the work,
who does it with how many people, what waits for what (a hand-over between teams has an owner and
an agreed date), the gates a migration needs, the cutover milestone, and the risks.

- The ledger team needs **{schema_days}** to ship the new schema and its client library.
- Payments estimates **{dual_write_days}** to write every ledger entry to both stores (dual write).
- The backfill copies **{rows}** historical entries; the old cluster can give it **{rate}**
  off-peak, **{window}**, without hurting checkout. You work out how long that takes.
- Finance signs off only after **{verification_days}** of clean reconciliation of old against new.
- SRE needs **{rollback_days}** to write and rehearse the rollback runbook; the ledger team
  needs **{decommission_days}** to decommission the old cluster (only after the cutover).
- The cutover must happen within **{deadline}** (working days) of the start.
"""

    def draw(self, rng: random.Random) -> dict[str, Given]:
        """Draw this candidate's numbers (the deadline leaves room for a sound plan)."""

        def accept(v: dict[str, Any]) -> bool:
            bf = backfill_days(v["rows"], v["rate"], v["window"])
            return 4 <= bf <= 16 and abs(bf - round(bf)) > 0.15

        givens = redraw(rng, self._draw_once, accept, "gave a backfill of 4-16 days")
        v = {k: g.value for k, g in givens.items()}
        bf = math.ceil(backfill_days(v["rows"], v["rate"], v["window"]))
        s, dw = _days_of(v["schema_days"]), _days_of(v["dual_write_days"])
        ver, rb = _days_of(v["verification_days"]), _days_of(v["rollback_days"])
        ready = max(s + max(dw, bf) + ver, s + dw + rb)
        givens["deadline"] = Given(
            "Cutover by (working day)", Q(ready + rng.choice([3, 4, 5, 6]), "day")
        )
        return givens

    @staticmethod
    def _draw_once(rng: random.Random) -> dict[str, Given]:
        d = lambda x: Q(x, "day")  # noqa: E731 - a local shorthand
        return {
            "ledger_people": Given("Ledger team, people", Q(rng.choice([3, 4]))),
            "payments_people": Given("Payments team, people", Q(rng.choice([3, 4, 5]))),
            "data_people": Given("Data team, people", Q(2)),
            "sre_people": Given("SRE team, people", Q(2)),
            "schema_days": Given("New schema and client library", d(rng.choice([5, 6, 8]))),
            "dual_write_days": Given("Dual write in payments", d(rng.choice([10, 12, 15]))),
            "rows": Given("Ledger entries to backfill", Q(rng.choice([0.9, 1.2, 1.6, 2.1, 2.8])
                                                           * 1e9)),
            "rate": Given("Backfill rate the old cluster allows", Q(rng.choice([4, 5, 6, 8]) * 1000,
                                                                   "1/s")),
            "window": Given("Off-peak hours a day", Q(rng.choice([8, 10, 12]), "hour/day")),
            "verification_days": Given("Clean reconciliation finance needs",
                                       d(rng.choice([5, 10]))),
            "rollback_days": Given("Rollback runbook, written and rehearsed",
                                   d(rng.choice([3, 4, 5]))),
            "decommission_days": Given("Decommission the old cluster", d(rng.choice([5, 8]))),
        }

    def plan_brief(self) -> PlanBrief:
        """Return the constraints the candidate's plan must meet."""
        bf = backfill_days(self.rows, self.rate, self.window)
        return PlanBrief(
            kind="migration",
            start=self.start,
            teams=self.teams,
            deadline=_days_of(self.deadline),
            gate_days={
                "dual_write": _days_of(self.dual_write_days),
                "backfill": math.floor(bf),
                "verification": _days_of(self.verification_days),
                "rollback_plan": _days_of(self.rollback_days),
                "decommission": _days_of(self.decommission_days),
            },
            labels={"dual_write": "dual write", "backfill": "backfill",
                    "verification": "reconciliation", "rollback_plan": "rollback runbook",
                    "decommission": "decommission"},
        )

    def compute(self) -> dict[str, Answer]:
        """Return the backfill's duration (napkin) and the plan (judged by its properties)."""
        bf = backfill_days(self.rows, self.rate, self.window)
        return {
            # ±10% accepts rounding the rate or the hours; forgetting the off-peak window (24 h
            # a day, at least 2x off) or working in seconds is rejected.
            "backfill_days": Answer("Working days the backfill takes", Q(bf, "day"), "day",
                                    Tolerance(rel=0.1)),
            "plan": _plan_answer("Your migration plan", self.plan_brief()),
        }


# --------------------------------------------------------------------------------------------
# 2. Buy Now in three countries by a fixed date (kind launch)
# --------------------------------------------------------------------------------------------


def localisation_days(strings: Any, languages: int, per_day: Any) -> float:
    """Working days to translate and review ``strings`` into ``languages`` at ``per_day``."""
    return float((strings * languages / per_day).to("day").magnitude)


@register
class ThreeCountryLaunch(StudioScenario):
    """Plan a fixed-date launch in three countries with the seven launch gates."""

    id = "program-leadership/three-country-launch"
    title = "Launch Buy Now in Germany, France and Spain by the sale"
    kind = "launch"
    program_name = "buy-now-eu"
    goal = "launch Buy Now in Germany, France and Spain before the sale"
    team_givens: ClassVar[dict[str, str | None]] = {
        "checkout": "checkout_people", "payments": "payments_people",
        "mobile": "mobile_people", "localisation": None, "trust": "trust_people",
        "qa": "qa_people", "ops": "ops_people",
    }
    story = """
"Launch Buy Now in Germany, France and Spain before the sale." The date is fixed: the sale's
marketing is booked. You are the TPM. The teams and their people are below; the
localisation agency is a partner (its capacity is theirs to manage, its dates are yours to agree).
Write the plan: the work, who does it, what waits for what (hand-overs between teams with an owner
and an agreed date), the seven launch gates, the launch milestone and the risks.

- Checkout needs **{api_days}** for the order API changes every other team builds on.
- Payments needs **{payments_days}** for the local payment methods (SEPA Direct Debit, Cartes
  Bancaires, Bizum) and strong customer authentication.
- Mobile needs **{app_days}** for the app screens.
- The app has **{strings}** user-facing strings to translate into 3 languages; the agency's
  team translates and reviews **{per_day}** in all, whatever the language (the same linguists
  share the three). You work out how long that takes.
- Security needs **{security_days}** for its review (its service level), privacy **{privacy_days}**;
  end-to-end QA in all three countries takes **{qa_days}**, user acceptance testing with the
  country managers **{uat_days}**.
- The launch must be live within **{deadline}** (working days) of the start.
"""

    def draw(self, rng: random.Random) -> dict[str, Given]:
        """Draw this candidate's numbers (the deadline leaves room for a sound plan)."""

        def accept(v: dict[str, Any]) -> bool:
            loc = localisation_days(v["strings"], 3, v["per_day"])
            return 5 <= loc <= 25 and abs(loc - round(loc)) > 0.15

        givens = redraw(rng, self._draw_once, accept, "gave 5-25 days of translation")
        v = {k: _days_of(g.value) for k, g in givens.items() if g.value.check("[time]")}
        loc = math.ceil(localisation_days(givens["strings"].value, 3, givens["per_day"].value))
        a = v["api_days"]
        qa_start = a + max(v["payments_days"], v["app_days"], loc)
        ready = max(qa_start + v["qa_days"] + v["uat_days"],
                    a + v["payments_days"] + v["security_days"])
        givens["deadline"] = Given("Live by (working day)",
                                   Q(ready + 1 + rng.choice([3, 4, 5, 6]), "day"))
        return givens

    @staticmethod
    def _draw_once(rng: random.Random) -> dict[str, Given]:
        d = lambda x: Q(x, "day")  # noqa: E731 - a local shorthand
        return {
            "checkout_people": Given("Checkout team, people", Q(rng.choice([3, 4]))),
            "payments_people": Given("Payments team, people", Q(rng.choice([2, 3]))),
            "mobile_people": Given("Mobile team, people", Q(rng.choice([3, 4]))),
            "trust_people": Given("Security and privacy reviewers", Q(2)),
            "qa_people": Given("QA team, people", Q(2)),
            "ops_people": Given("Country operations, people", Q(2)),
            "api_days": Given("Order API changes", d(rng.choice([4, 5, 6]))),
            "payments_days": Given("Local payment methods and SCA", d(rng.choice([12, 15, 18]))),
            "app_days": Given("App screens", d(rng.choice([10, 12, 14]))),
            "strings": Given("Strings to translate", Q(rng.choice([1800, 2400, 3100, 3700]))),
            "per_day": Given("Agency throughput (strings a day, all languages together)",
                             Q(rng.choice([500, 600, 700, 900]), "1/day")),
            "security_days": Given("Security review", d(rng.choice([5, 7]))),
            "privacy_days": Given("Privacy review", d(rng.choice([3, 4, 5]))),
            "qa_days": Given("End-to-end QA, three countries", d(rng.choice([5, 6, 8]))),
            "uat_days": Given("User acceptance testing", d(rng.choice([3, 4]))),
        }

    def plan_brief(self) -> PlanBrief:
        """Return the constraints the candidate's plan must meet."""
        loc = localisation_days(self.strings, 3, self.per_day)
        return PlanBrief(
            kind="launch",
            start=self.start,
            teams=self.teams,
            deadline=_days_of(self.deadline),
            gate_days={"security_review": _days_of(self.security_days),
                       "privacy_review": _days_of(self.privacy_days),
                       "qa": _days_of(self.qa_days), "uat": _days_of(self.uat_days)},
            team_days={"payments": _days_of(self.payments_days),
                       "mobile": _days_of(self.app_days),
                       "localisation": math.floor(loc)},
            labels={"security_review": "security review", "privacy_review": "privacy review",
                    "qa": "end-to-end QA", "uat": "user acceptance testing",
                    "payments": "payments work", "mobile": "app work",
                    "localisation": "translation"},
        )

    def compute(self) -> dict[str, Answer]:
        """Return the translation's duration (napkin) and the plan (judged by properties)."""
        loc = localisation_days(self.strings, 3, self.per_day)
        return {
            # ±10%: forgetting the three languages (a factor of 3) is rejected.
            "translation_days": Answer("Working days the translation takes", Q(loc, "day"),
                                       "day", Tolerance(rel=0.1)),
            "plan": _plan_answer("Your launch plan", self.plan_brief()),
        }


# --------------------------------------------------------------------------------------------
# 3. A roadmap under a capacity cut, with OKRs to trade off
# --------------------------------------------------------------------------------------------

#: The initiatives of the roadmap exercise: name, team, okr, whether the OKR is committed.
ROADMAP_ITEMS = (
    ("one-tap-reorder", "checkout", "O1", True),
    ("saved-carts", "checkout", "O2", False),
    ("search-typo-tolerance", "search", "O1", True),
    ("visual-search", "search", "O2", False),
    ("ranking-refresh", "search", "O2", False),
    ("android-redesign", "mobile", "O1", True),
    ("offline-wishlist", "mobile", "O2", False),
)
ROADMAP_TEAMS = ("checkout", "search", "mobile")
QUARTERS = ("Q1", "Q2", "Q3", "Q4")


@dataclass(frozen=True)
class RoadmapBrief:
    """The roadmap exercise's facts: initiatives, people per team, the cut, committed OKRs."""

    items: tuple[dict[str, Any], ...]
    teams: dict[str, float]
    cut: dict[str, dict[str, float]]

    def build(self, items: Any) -> Any:
        """Return a Roadmap of ``items`` (dicts) under the cut."""
        from tpmprep.plan.roadmap import Roadmap

        return Roadmap.from_items(items, self.teams, list(QUARTERS), title="2027 roadmap",
                                  capacity=self.cut)

    def requirements(self) -> str:
        """Return what any good roadmap meets."""
        return (
            "every initiative either on the roadmap or deferred; every committed-OKR initiative "
            "kept, staffed as estimated and done by its quarter; no initiative starting before "
            "its agreed quarter; no team over capacity in any quarter after the cut; "
            "person-weeks per initiative at least the estimate; no deferred initiative that "
            "would still fit from its agreed quarter to Q4 (in its quarters, later, or longer "
            "with fewer whole people)"
        )

    def fits_later(self, items: list[Any], name: str) -> bool:
        """Say whether initiative ``name`` still fits beside ``items`` this year.

        It may keep its quarters, start later, or run longer with fewer whole people (never
        start earlier than agreed, never be squeezed into fewer quarters with more people).

        Parameters
        ----------
        items : list of dict
            The initiatives kept (``{name, team, people, quarters}``).
        name : str
            The initiative to try.

        Returns
        -------
        bool
        """
        spec = next(i for i in self.items if i["name"] == name)
        first, span = QUARTERS.index(spec["quarters"][0]), len(spec["quarters"])
        need = spec["people"] * span * 13
        for start in range(first, len(QUARTERS)):
            for length in range(span, len(QUARTERS) - start + 1):
                people = math.ceil(need / (13 * length) - 1e-9)
                trial = {"name": name, "team": spec["team"], "people": people,
                         "quarters": list(QUARTERS[start:start + length])}
                if not self.build([*items, trial]).over():
                    return True
        return False

    def problems(self, data: Any) -> list[str]:
        """Return what the candidate's roadmap misses (empty when it meets the brief)."""
        from tpmprep.exceptions import InputError

        if not isinstance(data, Mapping):
            return ["give a mapping with items: (a list) and deferred: (a list of names)"]
        unknown_keys = set(data) - {"items", "deferred"}
        if unknown_keys:
            return [f"unknown key(s) {sorted(unknown_keys)}: use items: and deferred:"]
        items = data.get("items") or []
        deferred = data.get("deferred") or []
        if not isinstance(items, list) or not isinstance(deferred, list):
            return ["items: and deferred: must both be lists"]
        known = {i["name"]: i for i in self.items}
        out = []
        names = [str(i.get("name", "")) if isinstance(i, Mapping) else "" for i in items]
        for n in names + [str(x) for x in deferred]:
            if n not in known:
                out.append(f"{n or '(no name)'} is not one of the brief's initiatives")
        seen = names + [str(x) for x in deferred]
        for n in known:
            if seen.count(n) == 0:
                out.append(f"{n} is neither on the roadmap nor deferred: say which")
            elif seen.count(n) > 1:
                out.append(f"{n} appears {seen.count(n)} times; list it once")
        if out:
            return out
        try:
            roadmap = self.build(items)
        except InputError as err:
            return [str(err)]
        for item, record in zip(roadmap.items, items, strict=True):
            spec = known[item.name]
            if record.get("team") != spec["team"]:
                out.append(f"{item.name} belongs to {spec['team']}, not {record.get('team')}")
            agreed = QUARTERS.index(spec["quarters"][0])
            first = round(item.start / (13 * 5))
            if first < agreed:
                out.append(
                    f"{item.name} starts in {QUARTERS[first]}, before its agreed "
                    f"{QUARTERS[agreed]}: its designs and dependencies are not ready earlier"
                )
            need = spec["people"] * len(spec["quarters"]) * 13
            have = item.people * (item.end - item.start) / 5
            if have < need - 1e-9:
                out.append(
                    f"{item.name} gets {have:g} person-weeks; its estimate is {need:g}"
                )
            if spec["committed"]:
                due = QUARTERS.index(spec["quarters"][-1])
                last = math.ceil(item.end / (13 * 5) - 1e-9) - 1
                if last > due:
                    out.append(
                        f"{item.name} serves a committed OKR due by {spec['quarters'][-1]}, and "
                        f"ends in {QUARTERS[last]}"
                    )
        for n in deferred:
            if known[str(n)]["committed"]:
                out.append(f"{n} serves a committed OKR ({known[str(n)]['okr']}); it cannot go")
        for load in roadmap.over():
            out.append(
                f"{load.team} is over capacity in {load.quarter}: {load.demand:g} person-weeks "
                f"asked of {load.capacity:g}"
            )
        if not out:
            for n in deferred:
                spec = known[str(n)]
                if self.fits_later(items, str(n)):
                    need = spec["people"] * len(spec["quarters"]) * 13
                    out.append(
                        f"{n} is deferred, but {spec['team']} still has the capacity for its "
                        f"{need:g} person-weeks between {spec['quarters'][0]} and Q4"
                    )
        return out


def _read_roadmap(answer: Any) -> str:
    from tpmprep.documents import read_yaml

    text = answer_as_yaml(answer, "roadmap")
    data, problems = read_yaml(text, text=True, name="roadmap")
    if problems:
        raise DocumentError(problems)
    if not isinstance(data, Mapping):
        raise DocumentError(["roadmap: file: give a mapping with items: and deferred:"])
    return text


@register
class RoadmapCapacityCut(Scenario):
    """Re-plan a year's roadmap after a team loses people, keeping the committed OKRs."""

    id = "program-leadership/roadmap-capacity-cut"
    title = "The 2027 roadmap after the mobile reorg"
    story = """
The 2027 roadmap was agreed in January: seven initiatives across checkout, search and mobile,
serving two objectives. **O1** ("repeat buyers order faster") is *committed*: its initiatives
must land in their quarters. **O2** ("customers find more to love") is *aspirational*. Then a
reorg moves **{cut_people}** people out of **{cut_team}** from **{cut_from}** on. You are the TPM:
say what the cut costs, then bring back a roadmap that fits. Quarters are 13 working weeks; an
initiative staffed with 2 people for 2 quarters is 52 person-weeks. The people per team are
those free for the roadmap: keeping the lights on is staffed apart, and the reorg leaves it
alone. No initiative can start before its agreed quarter (its designs and dependencies are
planned for then); one can start later, or run longer with fewer people, as long as it ends by
Q4.
"""

    def draw(self, rng: random.Random) -> dict[str, Given]:
        """Draw the teams, the initiatives' staffing and the cut (over capacity, yet fixable)."""

        def accept(v: dict[str, Any]) -> bool:
            brief = self._brief_from(v)
            plan = [{k: i[k] for k in ("name", "team", "people", "quarters")}
                    for i in brief.items]
            uncut = RoadmapBrief(brief.items, brief.teams, {})
            committed = [p for p, i in zip(plan, brief.items, strict=True) if i["committed"]]
            return (
                not uncut.build(plan).over()
                and bool(brief.build(plan).over())
                and not brief.build(committed).over()
            )

        return redraw(rng, self._draw_once, accept, "made the cut bite but leave O1 possible")

    @staticmethod
    def _draw_once(rng: random.Random) -> dict[str, Given]:
        out = {
            "checkout_people": Given("Checkout team, people", Q(rng.choice([4, 5, 6]))),
            "search_people": Given("Search team, people", Q(rng.choice([5, 6, 7]))),
            "mobile_people": Given("Mobile team, people", Q(rng.choice([5, 6, 7]))),
        }
        for name, _team, _okr, _c in ROADMAP_ITEMS:
            key = name.replace("-", "_")
            out[f"{key}_people"] = Given(f"{name}: people", Q(rng.choice([1, 2, 3])))
            first = rng.randrange(3)
            length = rng.choice([1, 1, 2])
            out[f"{key}_first"] = Given(f"{name}: first quarter (1-4)", Q(first + 1))
            out[f"{key}_quarters"] = Given(f"{name}: quarters", Q(length))
        out["cut_index"] = Given("Quarter the cut starts (2-3)", Q(rng.choice([2, 3])))
        out["cut_size"] = Given("People moved out", Q(rng.choice([2, 3])))
        return out

    def _brief_from(self, v: Mapping[str, Any]) -> RoadmapBrief:
        items = []
        for name, team, okr, committed in ROADMAP_ITEMS:
            key = name.replace("-", "_")
            first = int(_n(v[f"{key}_first"])) - 1
            length = int(_n(v[f"{key}_quarters"]))
            items.append({"name": name, "team": team, "okr": okr, "committed": committed,
                          "people": _n(v[f"{key}_people"]),
                          "quarters": list(QUARTERS[first:min(4, first + length)])})
        teams = {t: _n(v[f"{t}_people"]) for t in ROADMAP_TEAMS}
        start = int(_n(v["cut_index"])) - 1
        cut = {"mobile": {q: teams["mobile"] - _n(v["cut_size"]) for q in QUARTERS[start:]}}
        return RoadmapBrief(tuple(items), teams, cut)

    @property
    def roadmap_brief(self) -> RoadmapBrief:
        """The initiatives, the teams and the cut."""
        return self._brief_from({k: g.value for k, g in self.givens.items()})

    @property
    def initiatives(self) -> list[dict[str, Any]]:
        """The agreed roadmap's initiatives as dicts (what ``Roadmap.from_items`` takes)."""
        return [dict(i) for i in self.roadmap_brief.items]

    @property
    def capacity(self) -> dict[str, dict[str, float]]:
        """The cut as a ``capacity=`` override: ``{team: {quarter: people}}``."""
        return self.roadmap_brief.cut

    @property
    def team_people(self) -> dict[str, float]:
        """People per team before the cut."""
        return dict(self.roadmap_brief.teams)

    def brief_markdown(self) -> str:
        """Return the story, the initiatives as a table, the teams and the cut."""
        b = self.roadmap_brief
        rows = "\n".join(
            f"| `{i['name']}` | {i['team']} | {i['okr']} ({'committed' if i['committed'] else 'aspirational'}) "  # noqa: E501
            f"| {i['people']:g} | {', '.join(i['quarters'])} |"
            for i in b.items
        )
        teams = ", ".join(f"{t} {p:g}" for t, p in b.teams.items())
        (team, quarters), = b.cut.items()
        first = next(iter(quarters))
        story = self.story.format(cut_people=f"{_n(self.cut_size):g}", cut_team=team,
                                  cut_from=first).strip()
        return (
            f"### {self.title}\n\n{story}\n\n"
            "| Initiative | Team | OKR | People | Quarters |\n|---|---|---|---|---|\n"
            f"{rows}\n\n**People per team:** {teams}. **The cut:** {team} has "
            f"{next(iter(quarters.values())):g} people from {first} on "
            "(`sc.capacity`). The initiatives as dicts: `sc.initiatives`; people: "
            "`sc.team_people`.\n"
        )

    def compute(self) -> dict[str, Answer]:
        """Person-weeks over capacity after the cut; the new roadmap (judged by properties)."""
        b = self.roadmap_brief
        plan = [{k: i[k] for k in ("name", "team", "people", "quarters")} for i in b.items]
        over = sum(-load.free for load in b.build(plan).over())

        def judge(text: str) -> Judgement:
            from tpmprep.documents import read_yaml

            data = read_yaml(text, text=True)[0]
            missed = b.problems(data)
            if missed:
                return Judgement(Verdict.INCORRECT, reason="; ".join(missed))
            return Judgement(
                Verdict.CORRECT,
                reason="every committed initiative lands in time, no team is over capacity, "
                "and nothing deferred would have fitted.",
            )

        committed = ", ".join(f"{i['name']} by {i['quarters'][-1]}" for i in b.items
                              if i["committed"])
        ((team, quarters),) = b.cut.items()
        cut = f"{team} has {next(iter(quarters.values())):g} people from {next(iter(quarters))}"
        requirements = f"{b.requirements()} (committed: {committed}; the cut: {cut})"
        return {
            # Exact arithmetic on whole person-weeks: ±2% accepts rounding, rejects counting a
            # cut quarter once or adding the free capacity of other teams.
            "over_person_weeks": Answer(
                "Person-weeks the agreed roadmap asks beyond capacity after the cut",
                Q(over), "", EXACT),
            "roadmap": PropertyAnswer("Your roadmap", requirements, _read_roadmap, judge),
        }


# --------------------------------------------------------------------------------------------
# Given plans (go/no-go, partner slip)
# --------------------------------------------------------------------------------------------


def _launch_plan(v: Mapping[str, float], start: dt.date, partner_slip: float = 0.0) -> str:
    """Return a clean launch plan (checker: no findings) from a few numbers, as YAML text."""
    a, p, u, q = v["api"], v["psp"], v["app"], v["qa"]
    psp_ready = a + p
    qa_start = max(psp_ready, a + u)
    qa_end = qa_start + q
    uat_end = qa_end + 3
    sec_end = psp_ready + 4

    def on(day: float) -> str:
        from tpmprep.plan.program import _workday

        return _workday(start, math.ceil(day - 1e-9)).isoformat()

    lo, hi = max(1, p - 3), p + 6 + partner_slip
    return f"""\
name: buy-now-wallets
kind: launch
start: {start.isoformat()}
teams:
  checkout: {{people: 4}}
  partner-psp: {{description: "the payment service provider, a partner"}}
  mobile: {{people: 3}}
  trust: {{people: 2}}
  qa: {{people: 2}}
  ops: {{people: 2}}
tasks:
  - {{name: api-contract, team: checkout, people: 2, duration: {a:g}}}
  - name: psp-integration
    team: partner-psp
    duration: [{lo:g}, {p + partner_slip:g}, {hi:g}]
    depends_on: [{{task: api-contract, owner: ana, agreed: {on(a)}}}]
  - name: wallet-ui
    team: mobile
    people: 3
    duration: [{u - 2:g}, {u:g}, {u + 5:g}]
    depends_on: [{{task: api-contract, owner: ana, agreed: {on(a)}}}]
  - {{name: comms-plan, team: ops, people: 1, duration: 2, gate: comms_plan}}
  - {{name: privacy-review, team: trust, people: 1, duration: 2, gate: privacy_review,
     depends_on: [{{task: api-contract, owner: ana, agreed: {on(a)}}}]}}
  - {{name: rollback-plan, team: checkout, people: 1, duration: 2, gate: rollback_plan,
     depends_on: [api-contract]}}
  - name: security-review
    team: trust
    people: 1
    duration: 4
    gate: security_review
    depends_on: [{{task: psp-integration, owner: psp-manager, agreed: {on(psp_ready)}}}]
  - name: end-to-end-qa
    team: qa
    people: 2
    duration: [{q - 1:g}, {q:g}, {q + 4:g}]
    gate: qa
    depends_on:
      - {{task: psp-integration, owner: psp-manager, agreed: {on(psp_ready)}}}
      - {{task: wallet-ui, owner: mei, agreed: {on(a + u)}}}
  - {{name: uat, team: ops, people: 2, duration: 3, gate: uat,
     depends_on: [{{task: end-to-end-qa, owner: lin, agreed: {on(qa_end)}}}]}}
  - name: launch-readiness
    team: checkout
    people: 1
    duration: 1
    gate: launch_readiness
    depends_on:
      - {{task: security-review, owner: sam, agreed: {on(sec_end)}}}
      - {{task: privacy-review, owner: sam, agreed: {on(a + 2)}}}
      - {{task: uat, owner: lin, agreed: {on(uat_end)}}}
      - {{task: comms-plan, owner: lin, agreed: {on(2)}}}
      - rollback-plan
  - {{name: launch, team: checkout, people: 0, duration: 0, milestone: launch,
     depends_on: [launch-readiness]}}
risks:
  - {{name: psp-certification, task: psp-integration, probability: 0.3, impact: 8,
     owner: psp-manager, mitigation: "weekly certification check-in with the PSP from week 1"}}
"""


# --------------------------------------------------------------------------------------------
# 4. Launch readiness: go or no-go from a status snapshot
# --------------------------------------------------------------------------------------------


def _read_decision(answer: Any) -> str:
    text = str(answer).strip().strip(".!").strip().lower().replace("_", "-").replace(" ", "-")
    if text in ("go", "no-go", "nogo"):
        return "no-go" if text != "go" else "go"
    raise DocumentError([f"decision: write \"go\" or \"no-go\", not {str(answer)!r}"])


@register
class GoNoGo(StudioScenario):
    """Decide go or no-go at the readiness review from the status snapshot's numbers."""

    id = "program-leadership/go-no-go"
    title = "Buy Now wallets: go or no-go on the announced date"
    story = """
Buy Now adds digital wallets at checkout. The launch date was announced at the plan's finish plus
**{buffer}** of buffer. Today, **{as_of}** (working days) after the start, is the go/no-go on that
date: marketing commits its launch spend tomorrow, so you decide now whether the launch holds
the announced date (go) or moves (no-go). The readiness review at the end of the plan still
decides, on QA, UAT and the rollback plan, whether the build ships; today's question is the date.
The plan is `sc.plan_yaml` and today's progress `sc.progress_yaml` (YAML text;
`status_report(sc.plan_yaml, sc.progress_yaml)` reads them). Decide from the numbers, and check
the numbers behind your decision.
"""

    def draw(self, rng: random.Random) -> dict[str, Given]:
        """Draw the plan's numbers and today's progress (the forecast clearly slips)."""
        from tpmprep.plan.status import status_report

        def accept(v: dict[str, Any]) -> bool:
            sc_v = {k: _n(x) if not x.check("[time]") else _days_of(x) for k, x in v.items()}
            plan = _launch_plan(sc_v, STARTS[0])
            report = status_report(plan, self._progress(sc_v))
            slip = report.slip
            margin = slip - sc_v["buffer"]
            return slip >= 2 and abs(margin) >= 1

        return redraw(rng, self._draw_once, accept, "made the slip and the buffer differ")

    @staticmethod
    def _draw_once(rng: random.Random) -> dict[str, Given]:
        d = lambda x: Q(x, "day")  # noqa: E731 - a local shorthand
        api = rng.choice([4, 5, 6])
        psp = rng.choice([10, 12, 14])
        return {
            "api": Given("API contract (days)", d(api)),
            "psp": Given("PSP integration, most likely (days)", d(psp)),
            "app": Given("Wallet UI, most likely (days)", d(rng.choice([8, 9, 11]))),
            "qa": Given("End-to-end QA, most likely (days)", d(rng.choice([4, 5, 6]))),
            "buffer": Given("Buffer in the announced date", d(rng.choice([3, 4, 5, 6, 7]))),
            "psp_done": Given("PSP integration done today (%)", Q(rng.choice([50, 60, 70]))),
            "psp_remaining": Given("PSP team's re-estimate of what is left",
                                   d(rng.choice([4, 6, 7, 9]))),
            "as_of": Given("Today (working day)", d(api + psp - rng.choice([1, 2]))),
        }

    @property
    def _values(self) -> dict[str, float]:
        return {k: _n(g.value) if not g.value.check("[time]") else _days_of(g.value)
                for k, g in self.givens.items()}

    @staticmethod
    def _progress(v: Mapping[str, float]) -> str:
        return (
            f"as_of: {v['as_of']:g}\n"
            "tasks:\n"
            "  api-contract: 100\n"
            "  comms-plan: 100\n"
            "  privacy-review: 100\n"
            "  rollback-plan: 100\n"
            "  wallet-ui: 100\n"
            f"  psp-integration: {{done: {v['psp_done']:g}, remaining: {v['psp_remaining']:g}, "
            "note: certification found two failing test cards}\n"
        )

    @property
    def plan_yaml(self) -> str:
        """The launch plan (YAML text)."""
        return _launch_plan(self._values, self.start)

    @property
    def progress_yaml(self) -> str:
        """Today's progress snapshot (YAML text)."""
        return self._progress(self._values)

    def compute(self) -> dict[str, Answer]:
        """Return the forecast slip, the red workstreams and the decision they imply."""
        from tpmprep.plan.status import status_report

        report = status_report(self.plan_yaml, self.progress_yaml)
        slip = report.slip
        red = sum(1 for w in report.workstreams if w.rag == "red")
        buffer = _days_of(self.buffer)
        right = "no-go" if slip > buffer + 1e-9 else "go"
        announced = report.planned_finish + buffer

        def judge(text: str) -> Judgement:
            if text == right:
                return Judgement(Verdict.CORRECT,
                                 reason=f"{text}: the forecast slip and the buffer agree.")
            return Judgement(
                Verdict.INCORRECT,
                reason=f"{text} does not follow from the numbers: compare the forecast "
                "finish's slip with the buffer in the announced date.",
            )

        return {
            "forecast_slip": Answer("Working days the forecast finish is after the plan's",
                                    Q(slip, "day"), "day", Tolerance(rel=0.05)),
            "red_workstreams": Answer("Workstreams that are red", Q(red), "",
                                      Tolerance(rel=0.0)),
            "decision": PropertyAnswer(
                "Your decision (go or no-go)",
                f"no-go when the forecast slip exceeds the {buffer:g}-day buffer in the date "
                f"announced (day {announced:g}, {self.date(announced).isoformat()}), else go",
                _read_decision, judge),
        }


# --------------------------------------------------------------------------------------------
# 5. A partner's dependency slips: the plan change and the escalation
# --------------------------------------------------------------------------------------------


@register
class PartnerSlip(StudioScenario):
    """A partner's hand-over slips: new finish, new P85, launch delay; write the escalation."""

    id = "program-leadership/partner-slip"
    title = "The payment provider slips: re-plan and escalate"
    story = """
Buy Now adds digital wallets at checkout (`sc.plan_yaml`, the plan the teams agreed). On day 3
the payment service provider (PSP), a partner outside your company, tells you their integration
will take **{slip}** longer than the most likely estimate in the plan: their certification
environment is late. You are the TPM. Work out what the slip does to the launch (the new finish,
the new P85, how much of it the plan's float absorbs), then write the escalation note.
"""

    def draw(self, rng: random.Random) -> dict[str, Given]:
        """Draw the plan (the PSP task has float) and a slip larger than that float."""

        def accept(v: dict[str, Any]) -> bool:
            from tpmprep.plan.findings import check_program

            sc_v = {k: _days_of(x) for k, x in v.items()}
            report = check_program(_launch_plan(sc_v, STARTS[0]))
            slack = report.slack("psp-integration")
            return slack >= 2 and sc_v["slip"] >= slack + 3

        return redraw(rng, self._draw_once, accept, "made the slip outrun the float")

    @staticmethod
    def _draw_once(rng: random.Random) -> dict[str, Given]:
        d = lambda x: Q(x, "day")  # noqa: E731 - a local shorthand
        return {
            "api": Given("API contract (days)", d(rng.choice([4, 5, 6]))),
            "psp": Given("PSP integration, most likely (days)", d(rng.choice([8, 9, 10, 11, 12]))),
            "app": Given("Wallet UI, most likely (days)", d(rng.choice([10, 11, 12, 13, 14, 15]))),
            "qa": Given("End-to-end QA, most likely (days)", d(rng.choice([4, 5, 6, 7]))),
            "slip": Given("PSP slip", d(rng.choice([6, 7, 8, 9, 10, 12]))),
        }

    @property
    def plan_yaml(self) -> str:
        """The agreed plan (YAML text)."""
        return _launch_plan({k: _days_of(g.value) for k, g in self.givens.items()}, self.start)

    def compute(self) -> dict[str, Answer]:
        """Return the new finish, its P85 and the launch delay after the slip."""
        from tpmprep.plan.findings import check_program
        from tpmprep.plan.program import load_program

        before = check_program(self.plan_yaml)
        task = before.program.task("psp-integration")
        slip = _days_of(self.slip)
        after = check_program(load_program(self.plan_yaml).replace_task(
            "psp-integration", duration=[d + slip for d in task.duration]))
        return {
            "launch_delay": Answer("Working days the launch moves",
                                   Q(after.finish_days - before.finish_days, "day"), "day",
                                   Tolerance(rel=0.05)),
            "new_finish": Answer("The new finish (working day, most likely durations)",
                                 Q(after.finish_days, "day"), "day", EXACT),
            "new_p85": Answer("The new P85 finish (working day)", Q(after.p85_days, "day"),
                              "day", P85_BAND),
        }


# --------------------------------------------------------------------------------------------
# 6. A mixed-reality headset: hardware and software on a keynote date
# --------------------------------------------------------------------------------------------


def hardware_plan(v: Mapping[str, Any], start: dt.date) -> str:
    """Return the hardware lead's validation plan (EVT, DVT, PVT, ramp) as YAML text.

    It holds the builds alone, so the checker also lists the launch gates it lacks; only its
    finish and P85 are asked for.
    """
    from tpmprep.plan.program import _workday

    def three(key: str) -> str:
        o, m, p = (_days_of(v[f"{key}_{x}"]) for x in ("low", "likely", "high"))
        return f"[{o:g}, {m:g}, {p:g}]"

    dvt_ready = _days_of(v["evt_likely"]) + _days_of(v["dvt_likely"])
    agreed = _workday(start, math.ceil(dvt_ready)).isoformat()

    return f"""\
name: headset-hardware
kind: launch
start: {start.isoformat()}
teams: {{hardware: {{people: 6}}, factory: {{description: "the contract manufacturer"}}}}
tasks:
  - {{name: evt, team: hardware, people: 4, duration: {three("evt")}, gate: hardware_validation}}
  - {{name: dvt, team: hardware, people: 6, duration: {three("dvt")}, gate: hardware_validation,
     depends_on: [evt]}}
  - {{name: pvt, team: factory, duration: {three("pvt")}, gate: hardware_validation,
     depends_on: [{{task: dvt, owner: hana, agreed: {agreed}}}]}}
  - {{name: ramp, team: factory, duration: {three("ramp")}, depends_on: [pvt]}}
"""


@register
class HeadsetLaunch(StudioScenario):
    """Plan a headset launch across hardware and software teams on a keynote date."""

    id = "program-leadership/headset-launch"
    title = "A mixed-reality headset, on stage at the keynote"
    kind = "launch"
    program_name = "headset-launch"
    goal = "ship the headset on the keynote date, hardware and software together"
    team_givens: ClassVar[dict[str, str | None]] = {
        "hardware": "hardware_people", "factory": None,
        "firmware": "firmware_people", "os": "os_people", "apps": "apps_people",
        "trust": "trust_people", "qa": "qa_people", "ops": "ops_people",
    }
    story = """
The headset goes on sale the day of the keynote, **{deadline}** (working days) after the start;
the date is public.
Hardware moves through three validation builds, each a gate: **EVT** (does the design work), **DVT**
(does it meet spec and certification, on production tooling) and **PVT** (can the factory build
it at yield), then the factory ramps. Software (firmware, the operating system, the launch apps)
must land on those builds. You are the TPM. First the hardware lead's numbers (`sc.hardware`, a
small plan of the builds alone, YAML text), then your whole plan.

- Hardware's three-point estimates (working days): EVT {evt_low}/{evt_likely}/{evt_high},
  DVT {dvt_low}/{dvt_likely}/{dvt_high}, PVT {pvt_low}/{pvt_likely}/{pvt_high} at the contract
  manufacturer, ramp {ramp_low}/{ramp_likely}/{ramp_high}.
- Firmware needs **{firmware_days}** on EVT units before DVT can start; the OS team needs
  **{os_days}** to reach a release candidate; the apps team **{apps_days}** for the launch apps.
- The privacy review of the cameras and sensors takes **{privacy_days}**; security **{security_days}**;
  QA on PVT units **{qa_days}**; dogfooding (UAT) **{uat_days}**.
"""  # noqa: E501 - Markdown

    def draw(self, rng: random.Random) -> dict[str, Given]:
        """Draw the estimates; the keynote leaves room for a sound plan."""
        givens = self._draw_once(rng)
        v = {k: _days_of(g.value) for k, g in givens.items() if g.value.check("[time]")}
        hw = v["evt_likely"] + max(v["firmware_days"], 0) + v["dvt_likely"] + v["pvt_likely"]
        qa_start = max(hw, v["os_days"], v["apps_days"])
        ready = max(qa_start + v["qa_days"] + v["uat_days"], hw + v["ramp_likely"])
        givens["deadline"] = Given("Keynote (working day)",
                                   Q(ready + 1 + rng.choice([3, 5, 8]), "day"))
        return givens

    @staticmethod
    def _draw_once(rng: random.Random) -> dict[str, Given]:
        d = lambda x: Q(x, "day")  # noqa: E731 - a local shorthand
        out = {
            "hardware_people": Given("Hardware team, people", Q(6)),
            "firmware_people": Given("Firmware team, people", Q(rng.choice([3, 4]))),
            "os_people": Given("OS team, people", Q(rng.choice([5, 6]))),
            "apps_people": Given("Apps team, people", Q(rng.choice([4, 5]))),
            "trust_people": Given("Security and privacy reviewers", Q(2)),
            "qa_people": Given("QA team, people", Q(3)),
            "ops_people": Given("Launch operations, people", Q(2)),
        }
        for key, likely, low, high in (("evt", [20, 25], 5, 15), ("dvt", [30, 35, 40], 8, 30),
                                       ("pvt", [15, 20], 4, 15), ("ramp", [10, 15], 3, 10)):
            m = rng.choice(likely)
            out[f"{key}_low"] = Given(f"{key.upper()} optimistic", d(m - low))
            out[f"{key}_likely"] = Given(f"{key.upper()} most likely", d(m))
            out[f"{key}_high"] = Given(f"{key.upper()} pessimistic",
                                       d(m + rng.choice([high, high + 10])))
        out.update({
            "firmware_days": Given("Firmware on EVT units", d(rng.choice([10, 15]))),
            "os_days": Given("OS release candidate", d(rng.choice([70, 80, 90]))),
            "apps_days": Given("Launch apps", d(rng.choice([60, 75]))),
            "privacy_days": Given("Privacy review (cameras, sensors)", d(rng.choice([10, 15]))),
            "security_days": Given("Security review", d(rng.choice([5, 10]))),
            "qa_days": Given("QA on PVT units", d(rng.choice([10, 15]))),
            "uat_days": Given("Dogfooding (UAT)", d(rng.choice([10, 15]))),
        })
        return out

    @property
    def hardware(self) -> str:
        """The hardware lead's plan of the validation builds (YAML text)."""
        return hardware_plan({k: g.value for k, g in self.givens.items()}, self.start)

    def plan_brief(self) -> PlanBrief:
        """Return the constraints the candidate's plan must meet."""
        hw = sum(_days_of(self.givens[f"{k}_likely"].value) for k in ("evt", "dvt", "pvt"))
        return PlanBrief(
            kind="launch",
            start=self.start,
            teams=self.teams,
            deadline=_days_of(self.deadline),
            gate_days={"hardware_validation": hw,
                       "privacy_review": _days_of(self.privacy_days),
                       "security_review": _days_of(self.security_days),
                       "qa": _days_of(self.qa_days), "uat": _days_of(self.uat_days)},
            gate_count={"hardware_validation": 3},
            team_days={"firmware": _days_of(self.firmware_days), "os": _days_of(self.os_days),
                       "apps": _days_of(self.apps_days),
                       "factory": _days_of(self.ramp_likely)},
            labels={"hardware_validation": "EVT, DVT and PVT builds",
                    "privacy_review": "privacy review", "security_review": "security review",
                    "qa": "QA", "uat": "dogfooding", "firmware": "firmware work",
                    "os": "OS work", "apps": "launch apps", "factory": "factory ramp"},
        )

    def compute(self) -> dict[str, Answer]:
        """Return the hardware plan's finish and P85, and the whole plan (judged by properties)."""
        from tpmprep.plan.findings import check_program

        hw = check_program(self.hardware)
        return {
            "hardware_finish": Answer("The hardware lead's plan: finish (most likely, working day)",
                                      Q(hw.finish_days, "day"), "day", EXACT),
            "hardware_p85": Answer("The hardware lead's plan: P85 finish (working day)",
                                   Q(hw.p85_days, "day"), "day", P85_BAND),
            "plan": _plan_answer("Your headset plan", self.plan_brief()),
        }

