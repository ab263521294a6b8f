"""A plan as a network of tasks: critical path, slack, PERT, what-if.

The critical path method (CPM) runs a forward pass (earliest start ES, earliest finish EF)
and a backward pass (latest start LS, latest finish LF) over the tasks in topological order;
total float (slack) is ``LS - ES``; the critical tasks have zero slack. Durations are the PERT
expected values ``(o + 4m + p) / 6``; the critical path's variance is the sum of its tasks'
variances ``((p - o) / 6)^2``, the classical PERT normal approximation. For the spread of
the whole network (where a near-critical path can take over) use :meth:`Schedule.monte_carlo`.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from statistics import NormalDist
from typing import TYPE_CHECKING, Any

from tpmprep.exceptions import ScheduleError
from tpmprep.plan.task import Task, task_from_record

if TYPE_CHECKING:  # pragma: no cover
    from tpmprep.plan.montecarlo import MonteCarloResult

__all__ = ["Schedule", "ScheduleChange", "Timing"]

_EPS = 1e-9


@dataclass(frozen=True)
class Timing:
    """Forward- and backward-pass results for one task, in days from the project start."""

    task: str
    duration: float
    es: float
    ef: float
    ls: float
    lf: float

    @property
    def slack(self) -> float:
        """Total float: how many days the task can slip without delaying the project."""
        slack = self.ls - self.es
        return 0.0 if abs(slack) < 1e-9 else slack  # no "-0.00" from rounding in the passes

    @property
    def critical(self) -> bool:
        """True when the task has zero total float."""
        return abs(self.slack) < 1e-6


class Schedule:
    """A network of tasks with finish-to-start dependencies, analysed with CPM and PERT.

    Parameters
    ----------
    tasks : iterable of Task or dict
        The tasks, in the order tables should list them. Dicts go through
        :func:`tpmprep.plan.task.task_from_record` (``{"name": "A", "duration": [2, 4, 6],
        "depends_on": []}``).
    title : str
        Shown above tables and plots.

    Raises
    ------
    ScheduleError
        For no tasks, a repeated name, a dependency on a task not in the plan (names both) or a
        dependency cycle (names every task in the cycle).

    Examples
    --------
    >>> s = Schedule.from_text('''
    ... A  3      -
    ... B  2/4/6  A
    ... ''')
    >>> s.duration
    7.0
    """

    def __init__(self, tasks: Iterable[Task | Mapping[str, Any]], title: str = "Plan"):
        import networkx as nx

        items = [t if isinstance(t, Task) else task_from_record(dict(t)) for t in tasks]
        if not items:
            raise ScheduleError("tasks", "a plan needs at least one task")
        self.title = title
        self.tasks: dict[str, Task] = {}
        for t in items:
            if t.name in self.tasks:
                raise ScheduleError("name", f"task {t.name!r} appears twice; names must be unique")
            self.tasks[t.name] = t
        graph = nx.DiGraph()
        graph.add_nodes_from(self.tasks)
        for t in items:
            for dep in t.depends_on:
                if dep not in self.tasks:
                    known = ", ".join(self.tasks)
                    raise ScheduleError(
                        "depends_on",
                        f"task {t.name!r} depends on {dep!r}, which is not in the plan "
                        f"(tasks: {known})",
                    )
                graph.add_edge(dep, t.name)
        cycle = None
        if not nx.is_directed_acyclic_graph(graph):  # 40x faster than find_cycle on a DAG
            cycle = nx.find_cycle(graph)
        if cycle:
            names = [u for u, _ in cycle]
            err = ScheduleError(
                "depends_on",
                "dependency cycle "
                + " -> ".join([*names, names[0]])
                + "; remove one of these dependencies",
            )
            err.tasks = names  # type: ignore[attr-defined]
            raise err
        self.graph = graph
        self.order: list[str] = list(nx.topological_sort(graph))
        self._analyse()

    # ------------------------------------------------------------------ constructors
    @classmethod
    def from_records(cls, records: Iterable[Mapping[str, Any]], title: str = "Plan") -> Schedule:
        """Build a schedule from a list of dicts (see :func:`~tpmprep.plan.task.task_from_record`).

        Parameters
        ----------
        records : iterable of dict
            One dict per task.
        title : str
            The plan's title.

        Returns
        -------
        Schedule
        """
        return cls(records, title=title)

    @classmethod
    def from_text(cls, text: str, title: str = "Plan") -> Schedule:
        """Build a schedule from a small table, one task a line: ``name duration depends_on``.

        ``duration`` is ``5`` or ``3/5/9`` (optimistic/most likely/pessimistic);
        ``depends_on`` is ``-`` or names separated by commas (no spaces); anything after is
        the description. Blank lines and lines starting with ``#`` are skipped.

        Parameters
        ----------
        text : str
            The table.
        title : str
            The plan's title.

        Returns
        -------
        Schedule

        Raises
        ------
        ScheduleError
            When a line has fewer than two columns (names the line).
        """
        records = []
        for number, line in enumerate(text.splitlines(), start=1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            parts = line.split(maxsplit=3)
            if len(parts) < 2:
                raise ScheduleError(
                    "text", f"line {number} {line!r}: write 'name duration [depends_on]'"
                )
            deps = parts[2] if len(parts) > 2 else "-"
            records.append(
                {
                    "name": parts[0],
                    "duration": parts[1],
                    "depends_on": deps,
                    "description": parts[3] if len(parts) > 3 else "",
                }
            )
        return cls(records, title=title)

    @classmethod
    def from_yaml(cls, text: str, title: str | None = None) -> Schedule:
        """Build a schedule from YAML: a list of task dicts, or ``{title:, tasks: [...]}``.

        Parameters
        ----------
        text : str
            YAML text.
        title : str, optional
            Overrides the title in the YAML.

        Returns
        -------
        Schedule

        Raises
        ------
        ScheduleError
            When the text is not YAML (the message gives the line) or not a list of tasks.
        """
        from tpmprep.documents import read_yaml

        data, problems = read_yaml(text, text=True, name="plan")
        if problems:
            raise ScheduleError("text", problems[0].removeprefix("plan: "))
        doc_title = "Plan"
        if isinstance(data, dict):
            doc_title = str(data.get("title", doc_title))
            data = data.get("tasks")
        if not isinstance(data, list):
            raise ScheduleError("text", "YAML must be a list of tasks or have a 'tasks:' list")
        return cls(data, title=title or doc_title)

    # ------------------------------------------------------------------ analysis
    def _analyse(self) -> None:
        es: dict[str, float] = {}
        ef: dict[str, float] = {}
        for name in self.order:
            start = max((ef[p] for p in self.graph.predecessors(name)), default=0.0)
            es[name] = start
            ef[name] = start + self.tasks[name].expected
        self.duration: float = max(ef.values())
        lf: dict[str, float] = {}
        ls: dict[str, float] = {}
        for name in reversed(self.order):
            finish = min((ls[s] for s in self.graph.successors(name)), default=self.duration)
            lf[name] = finish
            ls[name] = finish - self.tasks[name].expected
        self.timings: dict[str, Timing] = {
            name: Timing(name, self.tasks[name].expected, es[name], ef[name], ls[name], lf[name])
            for name in self.tasks
        }

    @property
    def critical_tasks(self) -> list[str]:
        """Every task with zero slack, in table order."""
        return [n for n, t in self.timings.items() if t.critical]

    def critical_paths(self) -> list[list[str]]:
        """Every chain of zero-slack tasks from the start to the end of the project.

        Returns
        -------
        list of list of str
            Each path as task names in order; more than one when critical paths tie.
        """
        crit = set(self.critical_tasks)
        paths: list[list[str]] = []

        def walk(path: list[str]) -> None:
            last = self.timings[path[-1]]
            nexts = [
                s
                for s in self.graph.successors(path[-1])
                if s in crit and abs(self.timings[s].es - last.ef) < 1e-6
            ]
            if not nexts:
                if abs(last.ef - self.duration) < 1e-6:
                    paths.append(path)
                return
            for s in nexts:
                walk([*path, s])

        for name in self.tasks:
            t = self.timings[name]
            if name in crit and t.es < 1e-6:
                walk([name])
        return paths

    @property
    def critical_path(self) -> list[str]:
        """One critical path (the first in table order when several tie)."""
        return self.critical_paths()[0]

    @property
    def critical_variance(self) -> float:
        """Sum of the PERT variances along :attr:`critical_path`, in days squared."""
        return sum(self.tasks[n].variance for n in self.critical_path)

    @property
    def critical_std(self) -> float:
        """Standard deviation of the critical path's length (PERT), in days."""
        return math.sqrt(self.critical_variance)

    def probability_by(self, days: float) -> float:
        """Classical PERT chance of finishing within ``days`` (normal on the critical path).

        Parameters
        ----------
        days : float
            The deadline in days from the start.

        Returns
        -------
        float
            Probability; 0 or 1 when the critical path has no variance.

        Raises
        ------
        ScheduleError
            For a NaN deadline.
        """
        days = float(days)
        if math.isnan(days):
            raise ScheduleError("days", "the deadline is NaN; give a number of days")
        sd = self.critical_std
        if sd == 0:
            return 1.0 if days >= self.duration - _EPS else 0.0
        return NormalDist(self.duration, sd).cdf(days)

    def monte_carlo(
        self, n: int = 10_000, seed: int = 0, distribution: str = "pert"
    ) -> MonteCarloResult:
        """Sample every task's duration and return the project's completion distribution.

        Parameters
        ----------
        n : int
            Number of simulated projects (default 10,000).
        seed : int
            Seed for ``numpy.random.default_rng``; same seed, same result.
        distribution : {"pert", "triangular"}
            Beta-PERT (mean ``(o + 4m + p) / 6``) or triangular (mean ``(o + m + p) / 3``).

        Returns
        -------
        MonteCarloResult
        """
        from tpmprep.plan.montecarlo import simulate

        return simulate(self, n=n, seed=seed, distribution=distribution)

    # ------------------------------------------------------------------ what-if
    def _require(self, task: str, parameter: str = "task") -> Task:
        if task not in self.tasks:
            raise ScheduleError(
                parameter, f"no task {task!r} in the plan (tasks: {', '.join(self.tasks)})"
            )
        return self.tasks[task]

    def _with(self, tasks: list[Task], note: str) -> Schedule:
        return Schedule(tasks, title=f"{self.title} ({note})")

    def delay(self, task: str, days: float) -> Schedule:
        """Return a new schedule with ``task`` taking ``days`` longer (every estimate shifted).

        Parameters
        ----------
        task : str
            The task's name.
        days : float
            Days to add; negative shortens.

        Returns
        -------
        Schedule

        Raises
        ------
        ScheduleError
            For an unknown task, a NaN shift, or a shortening below zero.
        """
        self._require(task)
        days = float(days)
        if math.isnan(days) or math.isinf(days):
            raise ScheduleError("days", f"days is {days}; give a finite number of days")
        verb = "delayed" if days >= 0 else "shortened"
        new = [t.shifted(days) if t.name == task else t for t in self.tasks.values()]
        return self._with(new, f"{task} {verb} {abs(days):g} d")

    def shorten(self, task: str, days: float) -> Schedule:
        """Return a new schedule with ``task`` taking ``days`` less (see :meth:`delay`).

        Parameters
        ----------
        task : str
            The task's name.
        days : float
            Days to remove (must not be negative).

        Returns
        -------
        Schedule

        Raises
        ------
        ScheduleError
            For an unknown task, negative ``days``, or a duration that would go below zero.
        """
        if float(days) < 0:
            raise ScheduleError("days", f"days is {days}; to lengthen a task use delay()")
        return self.delay(task, -float(days))

    def with_dependency(self, task: str, depends_on: str) -> Schedule:
        """Return a new schedule where ``task`` also waits for ``depends_on``.

        Parameters
        ----------
        task : str
            The task that will wait.
        depends_on : str
            The task it waits for.

        Returns
        -------
        Schedule

        Raises
        ------
        ScheduleError
            For an unknown task or a dependency that creates a cycle (names the cycle).
        """
        t = self._require(task)
        self._require(depends_on, "depends_on")
        if depends_on in t.depends_on:
            return self
        from dataclasses import replace

        new = [
            replace(x, depends_on=(*x.depends_on, depends_on)) if x.name == task else x
            for x in self.tasks.values()
        ]
        return self._with(new, f"{task} after {depends_on}")

    def compare(self, other: Schedule) -> ScheduleChange:
        """Describe what changed from this schedule to ``other``.

        Parameters
        ----------
        other : Schedule
            The schedule after a what-if.

        Returns
        -------
        ScheduleChange
        """
        return ScheduleChange(self, other)

    def what_if(
        self,
        *,
        delay: Mapping[str, float] | None = None,
        shorten: Mapping[str, float] | None = None,
        add_dependency: Iterable[tuple[str, str]] | None = None,
    ) -> ScheduleChange:
        """Apply changes and report the new schedule and what moved on the critical path.

        Parameters
        ----------
        delay : dict, optional
            ``{task: days}`` to add.
        shorten : dict, optional
            ``{task: days}`` to remove.
        add_dependency : iterable of (task, depends_on), optional
            New finish-to-start links.

        Returns
        -------
        ScheduleChange
            ``.after`` is the new schedule.

        Raises
        ------
        ScheduleError
            For unknown tasks, impossible durations or a new cycle.
        """
        new = self
        for name, days in (delay or {}).items():
            new = new.delay(name, days)
        for name, days in (shorten or {}).items():
            new = new.shorten(name, days)
        for name, dep in add_dependency or ():
            new = new.with_dependency(name, dep)
        return ScheduleChange(self, new)

    # ------------------------------------------------------------------ display
    def rows(self) -> list[dict[str, Any]]:
        """Return the CPM table as plain dicts (task, duration, ES, EF, LS, LF, slack, critical)."""
        return [
            {
                "task": n,
                "duration": self.tasks[n].duration_text(),
                "es": t.es,
                "ef": t.ef,
                "ls": t.ls,
                "lf": t.lf,
                "slack": t.slack,
                "critical": t.critical,
            }
            for n, t in self.timings.items()
        ]

    def summary(self) -> str:
        """Plain-text table and the critical path, as a terminal or headless run shows it."""
        lines = [f"{self.title}: {self.duration:.2f} days"]
        header = f"{'task':<14} {'duration':>18} {'ES':>7} {'EF':>7} {'slack':>7}  critical"
        lines.append(header)
        for r in self.rows():
            lines.append(
                f"{r['task']:<14} {r['duration']:>18} {r['es']:>7.2f} {r['ef']:>7.2f} "
                f"{r['slack']:>7.2f}  {'yes' if r['critical'] else ''}"
            )
        lines.append("Critical path: " + " -> ".join(self.critical_path))
        if self.critical_variance > 0:
            lines.append(
                f"PERT: {self.duration:.2f} ± {self.critical_std:.2f} days "
                "(1 sd on the critical path)"
            )
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary()

    def __repr__(self) -> str:
        return f"<Schedule {self.title!r}: {len(self.tasks)} tasks, {self.duration:.2f} days>"

    def _repr_html_(self) -> str:
        head = "".join(
            f"<th>{h}</th>" for h in ("task", "duration (d)", "ES", "EF", "slack", "critical")
        )
        body = []
        for r in self.rows():
            style = ' style="font-weight:bold"' if r["critical"] else ""
            body.append(
                f"<tr{style}><td>{html.escape(r['task'])}</td><td>{html.escape(r['duration'])}</td>"
                f"<td>{r['es']:.2f}</td><td>{r['ef']:.2f}</td><td>{r['slack']:.2f}</td>"
                f"<td>{'yes' if r['critical'] else ''}</td></tr>"
            )
        path = html.escape(" → ".join(self.critical_path))
        return (
            f"<p><b>{html.escape(self.title)}</b>: {self.duration:.2f} days; critical path "
            f"{path}</p><table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
        )


class ScheduleChange:
    """What a what-if did: project duration before and after, and the critical path's changes.

    Parameters
    ----------
    before, after : Schedule
        The schedules to compare.
    """

    def __init__(self, before: Schedule, after: Schedule):
        self.before = before
        self.after = after
        old, new = set(before.critical_tasks), set(after.critical_tasks)
        self.delta: float = after.duration - before.duration
        self.became_critical: list[str] = [n for n in after.tasks if n in new - old]
        self.left_critical: list[str] = [n for n in before.tasks if n in old - new]
        self.slack_changes: dict[str, float] = {
            n: after.timings[n].slack - before.timings[n].slack
            for n in before.tasks
            if n in after.timings and abs(after.timings[n].slack - before.timings[n].slack) > 1e-6
        }

    def summary(self) -> str:
        """One short paragraph a candidate can read."""
        b, a = self.before, self.after
        if abs(self.delta) < 1e-9:
            moved = f"The project still takes {a.duration:.2f} days"
        else:
            sign = "later" if self.delta > 0 else "earlier"
            moved = (
                f"The project ends {abs(self.delta):.2f} days {sign}: "
                f"{b.duration:.2f} -> {a.duration:.2f} days"
            )
        parts = [moved + "."]
        parts.append("Critical path: " + " -> ".join(a.critical_path) + ".")
        if self.became_critical:
            parts.append("Now critical: " + ", ".join(self.became_critical) + ".")
        if self.left_critical:
            parts.append("No longer critical: " + ", ".join(self.left_critical) + ".")
        return " ".join(parts)

    def __str__(self) -> str:
        return self.summary()

    def __repr__(self) -> str:
        return f"<ScheduleChange {self.delta:+.2f} days>"
