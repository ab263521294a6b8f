"""Monte Carlo completion dates: sample every duration, take the longest path per sample.

All samples are evaluated at once: one numpy row per task, filled in topological order
(``EF[task] = duration + max(EF[predecessors])``), so 10,000 simulated projects of a dozen
tasks cost a dozen vector operations. A backward pass on the same arrays gives each
sample's slack, and the share of samples in which a task has zero slack is its criticality
index.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tpmprep.exceptions import ScheduleError

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np

    from tpmprep.plan.schedule import Schedule

__all__ = ["DISTRIBUTIONS", "MonteCarloResult", "sample_durations", "simulate"]

DISTRIBUTIONS = ("pert", "triangular")


def sample_durations(
    optimistic: Any, most_likely: Any, pessimistic: Any, n: int, rng: Any, distribution: str
) -> np.ndarray:
    """Draw ``n`` durations for each task; returns an array of shape ``(tasks, n)``.

    Beta-PERT: ``o + (p - o) * Beta(1 + 4(m - o)/(p - o), 1 + 4(p - m)/(p - o))``, whose mean
    is ``(o + 4m + p) / 6``. Triangular: numpy's ``triangular(o, m, p)``. A task with
    ``o == p`` always takes that long.

    Parameters
    ----------
    optimistic, most_likely, pessimistic : array_like
        One value per task.
    n : int
        Samples per task.
    rng : numpy.random.Generator
        The random source.
    distribution : {"pert", "triangular"}
        The shape.

    Returns
    -------
    numpy.ndarray
    """
    import numpy as np

    o = np.asarray(optimistic, dtype=float)[:, None]
    m = np.asarray(most_likely, dtype=float)[:, None]
    p = np.asarray(pessimistic, dtype=float)[:, None]
    width = p - o
    spread = width[:, 0] > 0
    out = np.repeat(o, n, axis=1)
    if not spread.any():
        return out
    ow, mw, pw, ww = o[spread], m[spread], p[spread], width[spread]
    u = rng.random((int(spread.sum()), n))
    if distribution == "pert":
        a = 1 + 4 * (mw - ow) / ww
        b = 1 + 4 * (pw - mw) / ww
        x = rng.beta(np.broadcast_to(a, u.shape), np.broadcast_to(b, u.shape))
        out[spread] = ow + ww * x
    else:
        # Inverse CDF of the triangular distribution, vectorised over tasks.
        c = (mw - ow) / ww
        left = ow + np.sqrt(u * ww * (mw - ow))
        right = pw - np.sqrt((1 - u) * ww * (pw - mw))
        out[spread] = np.where(u < c, left, right)
    return out


@dataclass
class MonteCarloResult:
    """The simulated completion times of a schedule.

    Attributes
    ----------
    schedule : Schedule
        What was simulated.
    samples : numpy.ndarray
        Project durations in days, one per simulated project.
    criticality : dict of str to float
        Share of simulated projects in which each task was on a critical path.
    distribution : str
        ``"pert"`` or ``"triangular"``.
    seed : int
        The seed used.
    """

    schedule: Schedule
    samples: Any
    criticality: dict[str, float]
    distribution: str
    seed: int

    def percentile(self, q: float) -> float:
        """Completion time (days) that ``q`` percent of simulated projects beat or meet.

        Parameters
        ----------
        q : float
            Percentile in [0, 100].

        Returns
        -------
        float

        Raises
        ------
        ScheduleError
            For ``q`` outside [0, 100].
        """
        import numpy as np

        q = float(q)
        if not 0 <= q <= 100:
            raise ScheduleError("q", f"percentile {q:g} is outside [0, 100]")
        return float(np.percentile(self.samples, q))

    @property
    def p50(self) -> float:
        """Median completion time in days."""
        return self.percentile(50)

    @property
    def p80(self) -> float:
        """Completion time met by 80% of simulated projects, in days."""
        return self.percentile(80)

    @property
    def p95(self) -> float:
        """Completion time met by 95% of simulated projects, in days."""
        return self.percentile(95)

    @property
    def mean(self) -> float:
        """Mean completion time in days."""
        return float(self.samples.mean())

    def probability_by(self, deadline: Any, start: Any = None) -> float:
        """Share of simulated projects finished by ``deadline``.

        Parameters
        ----------
        deadline : float or datetime.date
            Days from the start, or a calendar date (then ``start`` is needed).
        start : datetime.date, optional
            The project's start date; durations count calendar days.

        Returns
        -------
        float

        Raises
        ------
        ScheduleError
            For a NaN deadline, or a date deadline without a start date.
        """
        days = _days_from_start(deadline, start)
        return float((self.samples <= days).mean())

    def finish_date(self, q: float, start: Any) -> Any:
        """Calendar date by which ``q`` percent of simulated projects finish.

        Parameters
        ----------
        q : float
            Percentile in [0, 100], e.g. 80.
        start : datetime.date
            The project's start date; durations count calendar days.

        Returns
        -------
        datetime.date
        """
        import datetime as dt

        return start + dt.timedelta(days=math.ceil(self.percentile(q) - 1e-9))

    def summary(self) -> str:
        """Percentiles, the deterministic PERT figure and the most critical tasks as text."""
        s = self.schedule
        crit = sorted(self.criticality.items(), key=lambda kv: -kv[1])
        top = ", ".join(f"{k} {v:.0%}" for k, v in crit if v > 0)
        return (
            f"{s.title}: {len(self.samples):,} simulated projects ({self.distribution})\n"
            f"P50 {self.p50:.1f} d, P80 {self.p80:.1f} d, P95 {self.p95:.1f} d "
            f"(mean {self.mean:.1f} d; critical path with expected durations {s.duration:.1f} d)\n"
            f"Criticality: {top}"
        )

    def __str__(self) -> str:
        return self.summary()

    def __repr__(self) -> str:
        return f"<MonteCarloResult n={len(self.samples)} P50={self.p50:.2f} P80={self.p80:.2f}>"


def _days_from_start(deadline: Any, start: Any) -> float:
    import datetime as dt

    if isinstance(deadline, dt.date):
        if not isinstance(start, dt.date):
            raise ScheduleError("start", "a date deadline needs the start date: start=date(...)")
        return float((deadline - start).days)
    days = float(deadline)
    if math.isnan(days):
        raise ScheduleError("deadline", "the deadline is NaN; give a number of days or a date")
    return days


def simulate(schedule: Schedule, n: int = 10_000, seed: int = 0, distribution: str = "pert"):
    """Simulate ``n`` projects; see :meth:`tpmprep.plan.schedule.Schedule.monte_carlo`.

    Parameters
    ----------
    schedule : Schedule
        The plan.
    n : int
        Number of simulated projects, at least 1.
    seed : int
        Seed for ``numpy.random.default_rng``.
    distribution : {"pert", "triangular"}
        Shape of each task's duration.

    Returns
    -------
    MonteCarloResult

    Raises
    ------
    ScheduleError
        For ``n < 1`` or an unknown distribution.
    """
    import numpy as np

    if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 1:
        raise ScheduleError("n", f"n must be a positive whole number of samples, got {n!r}")
    if distribution not in DISTRIBUTIONS:
        raise ScheduleError(
            "distribution", f"unknown distribution {distribution!r}; use one of {DISTRIBUTIONS}"
        )
    order = schedule.order
    index = {name: i for i, name in enumerate(order)}
    tasks = [schedule.tasks[name] for name in order]
    rng = np.random.default_rng(seed)
    d = sample_durations(
        [t.optimistic for t in tasks],
        [t.most_likely for t in tasks],
        [t.pessimistic for t in tasks],
        int(n),
        rng,
        distribution,
    )
    preds = [[index[p] for p in schedule.graph.predecessors(name)] for name in order]
    succs = [[index[s] for s in schedule.graph.successors(name)] for name in order]
    ef = np.empty_like(d)
    for i in range(len(order)):
        start = ef[preds[i]].max(axis=0) if preds[i] else 0.0
        ef[i] = start + d[i]
    total = ef.max(axis=0)
    ls = np.empty_like(d)
    for i in reversed(range(len(order))):
        finish = ls[succs[i]].min(axis=0) if succs[i] else total
        ls[i] = finish - d[i]
    slack = ls - (ef - d)
    tol = 1e-9 * np.maximum(total, 1.0)
    critical = slack <= tol
    criticality = {name: float(critical[index[name]].mean()) for name in schedule.tasks}
    return MonteCarloResult(schedule, total, criticality, distribution, seed)
