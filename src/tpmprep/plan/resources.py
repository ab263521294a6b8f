"""People over time: a team's load, where it exceeds its people, and resource levelling.

A task occupies ``people`` of its team for its whole duration, from its start to its finish.
A team's *load* is the sum over its running tasks: a step function of time
(:class:`Profile`). Where the load of the earliest-start schedule exceeds the team's people,
the team is over-allocated.

*Levelling* (:func:`level`) delays tasks until their people are free, by serial schedule
generation: take the tasks one at a time, each once every task it waits for is placed,
choosing the one with the least total float (ties: earlier earliest start, then table order),
and start it at the first moment, no earlier than its predecessors finish, when its team has
enough free people for its whole duration. This is the textbook priority-rule heuristic (Kolisch,
"Serial and parallel resource-constrained project scheduling methods revisited", EJOR 90, 1996),
not an optimum: the finish it gives is an upper bound on what levelling must cost.
"""

from __future__ import annotations

import heapq
import math
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from tpmprep.plan.program import Program
    from tpmprep.plan.schedule import Schedule

__all__ = ["WEEK_DAYS", "Overload", "Profile", "level", "profile", "team_intervals"]

_EPS = 1e-9

#: Working days in a week (weekly charts and tables).
WEEK_DAYS = 5


@dataclass(frozen=True)
class Overload:
    """A period in which a team needs more people than it has.

    Attributes
    ----------
    start, end : float
        The period ``[start, end)`` in working days.
    need : float
        The most people needed at once during it.
    """

    start: float
    end: float
    need: float


@dataclass(frozen=True)
class Profile:
    """A step function of people needed: ``loads[i]`` from ``times[i]`` to ``times[i + 1]``.

    The last load (always 0) lasts for ever; before ``times[0]`` the load is 0.
    """

    times: tuple[float, ...]
    loads: tuple[float, ...]

    def peak(self, start: float = 0.0, end: float = math.inf) -> float:
        """Return the most people needed at once during ``[start, end)``."""
        best = 0.0
        for i, t in enumerate(self.times):
            nxt = self.times[i + 1] if i + 1 < len(self.times) else math.inf
            if t < end - _EPS and nxt > start + _EPS:
                best = max(best, self.loads[i])
        return best

    def over(self, capacity: float) -> list[Overload]:
        """Return the periods where the load exceeds ``capacity``, adjacent ones merged."""
        out: list[Overload] = []
        for i, load in enumerate(self.loads):
            if load <= capacity + _EPS or i + 1 >= len(self.times):
                continue
            start, end = self.times[i], self.times[i + 1]
            if out and abs(out[-1].end - start) < _EPS:
                last = out.pop()
                out.append(Overload(last.start, end, max(last.need, load)))
            else:
                out.append(Overload(start, end, load))
        return out

    def weekly_peaks(self, weeks: int) -> list[float]:
        """Return the peak load of each week ``[5w, 5w + 5)`` for ``w`` in ``range(weeks)``."""
        return [self.peak(w * WEEK_DAYS, (w + 1) * WEEK_DAYS) for w in range(weeks)]


def profile(intervals: Iterable[tuple[float, float, float]]) -> Profile:
    """Build the load profile of ``(start, end, people)`` intervals.

    Parameters
    ----------
    intervals : iterable of (float, float, float)
        Half-open ``[start, end)`` periods and the people each needs; empty ones are ignored.

    Returns
    -------
    Profile
    """
    deltas: dict[float, float] = {}
    for start, end, people in intervals:
        if end - start <= _EPS or people <= 0:
            continue
        deltas[start] = deltas.get(start, 0.0) + people
        deltas[end] = deltas.get(end, 0.0) - people
    times, loads, level_ = [], [], 0.0
    for t in sorted(deltas):
        level_ += deltas[t]
        times.append(t)
        loads.append(0.0 if abs(level_) < _EPS else level_)
    return Profile(tuple(times), tuple(loads))


def team_intervals(
    program: Program, starts: Mapping[str, float]
) -> dict[str, list[tuple[float, float, float]]]:
    """Group ``(start, finish, people)`` of every task by team (most likely durations).

    Parameters
    ----------
    program : Program
        The plan.
    starts : dict of str to float
        Each task's start in working days (a schedule's ES, or levelled starts).

    Returns
    -------
    dict of str to list
        Every team of the program, in the program's order (empty lists included).
    """
    out: dict[str, list[tuple[float, float, float]]] = {team: [] for team in program.teams}
    for t in program.tasks:
        s = starts[t.name]
        out.setdefault(t.team, []).append((s, s + t.most_likely, t.people))
    return out


class _Timeline:
    """A mutable load profile for levelling: ``loads[i]`` on ``[times[i], times[i + 1])``."""

    def __init__(self) -> None:
        self.times: list[float] = [0.0]
        self.loads: list[float] = [0.0]

    def _split(self, t: float) -> int:
        i = bisect_right(self.times, t + _EPS) - 1
        if abs(self.times[i] - t) < _EPS:
            return i
        self.times.insert(i + 1, t)
        self.loads.insert(i + 1, self.loads[i])
        return i + 1

    def add(self, start: float, end: float, people: float) -> None:
        i, j = self._split(start), self._split(end)
        for k in range(i, j):
            self.loads[k] += people

    def earliest(self, t: float, duration: float, room: float) -> float:
        """First ``s >= t`` with the load at most ``room`` throughout ``[s, s + duration)``."""
        times, loads = self.times, self.loads
        k = bisect_right(times, t + _EPS) - 1
        while k < len(times) and times[k] < t + duration - _EPS:
            if loads[k] > room + _EPS:
                t = times[k + 1]  # the last segment has load 0, so k + 1 exists here
            k += 1
        return t


def level(
    program: Program, schedule: Schedule, teams: Iterable[str] | None = None
) -> dict[str, float]:
    """Level the plan: delay tasks until their team has the people (see the module docstring).

    Parameters
    ----------
    program : Program
        The plan (teams' people, tasks' people).
    schedule : Schedule
        Its deterministic schedule (:meth:`Program.schedule`): durations, order and float.
    teams : iterable of str, optional
        Level only these teams (others are treated as having enough people); default every
        team whose ``people`` is set.

    Returns
    -------
    dict of str to float
        The levelled start of every task, in working days. A task needing more people than
        its team has runs with the whole team (levelling cannot make it fit).
    """
    capacity = {
        name: team.people
        for name, team in program.teams.items()
        if team.people is not None and (teams is None or name in set(teams))
    }
    timings = schedule.timings
    index = {name: i for i, name in enumerate(schedule.tasks)}
    graph = schedule.graph
    waiting = {name: graph.in_degree(name) for name in schedule.tasks}
    ready = [
        (timings[n].slack, timings[n].es, index[n], n) for n, count in waiting.items() if count == 0
    ]
    heapq.heapify(ready)
    lines = {team: _Timeline() for team in capacity}
    starts: dict[str, float] = {}
    finish: dict[str, float] = {}
    while ready:
        *_, name = heapq.heappop(ready)
        task = program.task_index[name]
        duration = task.most_likely
        t = max((finish[p] for p in graph.predecessors(name)), default=0.0)
        line = lines.get(task.team)
        if line is not None and duration > _EPS and task.people > 0:
            cap = capacity[task.team]
            need = min(task.people, cap)
            t = line.earliest(t, duration, cap - need)
            line.add(t, t + duration, need)
        starts[name] = t
        finish[name] = t + duration
        for succ in graph.successors(name):
            waiting[succ] -= 1
            if waiting[succ] == 0:
                tm = timings[succ]
                heapq.heappush(ready, (tm.slack, tm.es, index[succ], succ))
    return starts
