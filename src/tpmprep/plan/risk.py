"""A risk register: likelihood × impact, exposure, owners, mitigations, expected impact.

Likelihood and impact are scored 1-5 (a 5 × 5 probability-impact matrix, as in the PMBOK
Guide's qualitative risk analysis). A risk may also carry a probability and a schedule
impact in days and/or a cost impact; the register's expected impact is the sum of
``probability × impact`` over open risks (expected monetary value). When a risk has a 1-5
likelihood but no probability, the band's midpoint stands in for it — a convention of this
workbook, stated in :data:`LIKELIHOOD_PROBABILITY`, not a standard.

A risk may name the ``task`` it would delay; :meth:`RiskRegister.expected_launch_delay` then
counts only what that task's float cannot absorb (:mod:`tpmprep.plan.exposure`), where
:attr:`RiskRegister.expected_schedule_impact` counts every delay in full.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tpmprep import validate
from tpmprep.exceptions import CalculationError
from tpmprep.plan import exposure

if TYPE_CHECKING:  # pragma: no cover
    from tpmprep.plan.schedule import Schedule

__all__ = ["LIKELIHOOD_PROBABILITY", "Risk", "RiskRegister", "likelihood_from_probability"]

#: Probability bands of the 1-5 likelihood scale (upper bounds) and their midpoints.
LIKELIHOOD_BANDS = (0.1, 0.3, 0.5, 0.7, 1.0)
LIKELIHOOD_PROBABILITY = {1: 0.05, 2: 0.2, 3: 0.4, 4: 0.6, 5: 0.85}
STATUSES = ("open", "mitigating", "closed", "occurred")


def likelihood_from_probability(probability: float) -> int:
    """Map a probability to the 1-5 scale: <=10% 1, <=30% 2, <=50% 3, <=70% 4, else 5.

    Parameters
    ----------
    probability : float
        In [0, 1].

    Returns
    -------
    int

    Raises
    ------
    CalculationError
        For a probability outside [0, 1].
    """
    p = validate.probability("probability", probability)
    for score, upper in enumerate(LIKELIHOOD_BANDS, start=1):
        if p <= upper:
            return score
    return 5  # pragma: no cover - p <= 1 always matches


def _about(rid: str, check: Any, name: str, value: Any, **limits: Any) -> Any:
    """Run one ``validate`` check on a risk's field; the error names the risk too."""
    try:
        return check(name, value, **limits)
    except CalculationError as err:
        raise CalculationError(name, f"risk {rid!r}: {err.message}") from None


def _score(name: str, value: Any, rid: str) -> int:
    return _about(rid, validate.count, name, value, minimum=1, maximum=5)


def _non_negative(name: str, value: Any, rid: str) -> float | None:
    return None if value is None else _about(rid, validate.number, name, value, allow_zero=True)


@dataclass(frozen=True)
class Risk:
    """One entry of the register.

    Parameters
    ----------
    id : str
        Short identifier (``"R1"``).
    description : str
        What could happen ("If X, then Y").
    likelihood : int, optional
        1-5; derived from ``probability`` when omitted.
    impact : int
        1-5 severity.
    probability : float, optional
        Chance in [0, 1]; the band midpoint of ``likelihood`` when omitted.
    schedule_days : float, optional
        Delay if the risk occurs.
    cost : float, optional
        Cost if the risk occurs (any currency, the register does not convert).
    owner, mitigation : str
        Who watches it and what reduces it.
    status : str
        ``open``, ``mitigating``, ``closed`` or ``occurred``.
    task : str, optional
        The task of the plan that ``schedule_days`` would delay; its float can absorb part
        of the delay (:meth:`RiskRegister.expected_launch_delay`).

    Raises
    ------
    CalculationError
        For scores outside 1-5, a probability outside [0, 1], negative impacts, an unknown
        status, neither likelihood nor probability, or a task that is not a non-empty string.
    """

    id: str
    description: str
    impact: int
    likelihood: int | None = None
    probability: float | None = None
    schedule_days: float | None = None
    cost: float | None = None
    owner: str = ""
    mitigation: str = ""
    status: str = "open"
    task: str | None = None

    def __post_init__(self) -> None:
        rid = str(self.id)
        if self.task is not None and not (isinstance(self.task, str) and self.task.strip()):
            raise CalculationError(
                "task", f"risk {rid!r}: task must name a task of the plan, not {self.task!r}"
            )
        if self.likelihood is None and self.probability is None:
            raise CalculationError(
                "likelihood", f"risk {rid!r} needs a likelihood (1-5) or a probability (0-1)"
            )
        given = self.probability
        p = None if given is None else validate.probability("probability", given)
        lik = (
            likelihood_from_probability(p)
            if self.likelihood is None
            else _score("likelihood", self.likelihood, rid)
        )
        object.__setattr__(self, "likelihood", lik)
        object.__setattr__(self, "probability", p)
        object.__setattr__(self, "impact", _score("impact", self.impact, rid))
        object.__setattr__(
            self, "schedule_days", _non_negative("schedule_days", self.schedule_days, rid)
        )
        object.__setattr__(self, "cost", _non_negative("cost", self.cost, rid))
        if self.status not in STATUSES:
            raise CalculationError(
                "status", f"risk {rid!r}: status {self.status!r} is not one of {STATUSES}"
            )

    @property
    def exposure(self) -> int:
        """Likelihood × impact, 1-25."""
        return int(self.likelihood) * int(self.impact)  # type: ignore[arg-type]

    @property
    def chance(self) -> float:
        """The probability used for expected impact (given, or the likelihood band midpoint)."""
        if self.probability is not None:
            return self.probability
        return LIKELIHOOD_PROBABILITY[int(self.likelihood)]  # type: ignore[arg-type]

    @property
    def is_open(self) -> bool:
        """True unless the risk is closed or has already occurred (then it is an issue)."""
        return self.status in ("open", "mitigating")


_SORT_KEYS = ("exposure", "likelihood", "impact", "expected_days", "expected_cost", "id")


class RiskRegister:
    """A list of risks with exposure, sorting, a 5 × 5 heat map and expected impact.

    Parameters
    ----------
    risks : iterable of Risk or dict
        Dicts use the :class:`Risk` field names.
    title : str
        Shown above tables and plots.

    Raises
    ------
    CalculationError
        For a repeated id or an invalid risk.
    """

    def __init__(self, risks: Iterable[Risk | Mapping[str, Any]], title: str = "Risk register"):
        self.title = title
        self.risks: list[Risk] = []
        seen = set()
        for r in risks:
            if not isinstance(r, Risk):
                try:
                    r = Risk(**dict(r))
                except TypeError as exc:
                    raise CalculationError("risks", f"bad risk {r!r}: {exc}") from None
            if r.id in seen:
                raise CalculationError("id", f"risk id {r.id!r} appears twice")
            seen.add(r.id)
            self.risks.append(r)

    def __iter__(self):
        return iter(self.risks)

    def __len__(self) -> int:
        return len(self.risks)

    def __getitem__(self, rid: str) -> Risk:
        for r in self.risks:
            if r.id == rid:
                return r
        raise CalculationError("id", f"no risk {rid!r} in the register")

    def sorted(self, by: str = "exposure") -> list[Risk]:
        """Risks ordered for review, highest first (ties keep register order).

        Parameters
        ----------
        by : {"exposure", "likelihood", "impact", "expected_days", "expected_cost", "id"}
            The key.

        Returns
        -------
        list of Risk

        Raises
        ------
        CalculationError
            For an unknown key.
        """
        if by not in _SORT_KEYS:
            raise CalculationError("by", f"cannot sort by {by!r}; use one of {_SORT_KEYS}")
        if by == "id":
            return sorted(self.risks, key=lambda r: r.id)
        keys = {
            "exposure": lambda r: r.exposure,
            "likelihood": lambda r: r.likelihood,
            "impact": lambda r: r.impact,
            "expected_days": lambda r: r.chance * (r.schedule_days or 0),
            "expected_cost": lambda r: r.chance * (r.cost or 0),
        }
        return sorted(self.risks, key=keys[by], reverse=True)

    @property
    def expected_schedule_impact(self) -> float:
        """Sum over open risks of probability × schedule impact, in days."""
        return sum(r.chance * (r.schedule_days or 0) for r in self.risks if r.is_open)

    def expected_launch_delay(self, schedule: Schedule) -> float:
        """Sum over open risks of probability × the delay the finish would see, in days.

        A risk that names a ``task`` moves the finish only by what the task's total float
        in ``schedule`` cannot absorb: ``max(0, schedule_days - float)``
        (:func:`tpmprep.plan.exposure.expected_launch_delay`). A risk with no task counts in
        full, as if it hit the critical path. Each risk is taken on its own: risks on one path
        share its float, so when several can happen together this is an estimate, and a Monte
        Carlo simulation of the plan with the risks is the exact answer.

        Parameters
        ----------
        schedule : Schedule
            The plan the risks' tasks belong to (its float as planned).

        Returns
        -------
        float
            Never more than :attr:`expected_schedule_impact`.

        Raises
        ------
        CalculationError
            When a risk names a task that is not in ``schedule``.
        """
        total = 0.0
        for r in self.risks:
            if not r.is_open:
                continue
            slack = 0.0
            if r.task is not None:
                timing = schedule.timings.get(r.task)
                if timing is None:
                    raise CalculationError(
                        "task",
                        f"risk {r.id!r} names task {r.task!r}, which is not in the plan "
                        f"(tasks: {', '.join(schedule.timings)})",
                    )
                slack = timing.slack
            total += exposure.expected_launch_delay(r.chance, r.schedule_days or 0.0, slack)
        return total

    @property
    def expected_cost_impact(self) -> float:
        """Sum over open risks of probability × cost impact."""
        return sum(r.chance * (r.cost or 0) for r in self.risks if r.is_open)

    def heatmap(self, open_only: bool = True) -> list[list[int]]:
        """Count the risks in each cell: ``grid[likelihood - 1][impact - 1]``.

        Parameters
        ----------
        open_only : bool
            Count only open and mitigating risks (default).

        Returns
        -------
        list of list of int
            5 × 5 counts.
        """
        grid = [[0] * 5 for _ in range(5)]
        for r in self.risks:
            if r.is_open or not open_only:
                grid[int(r.likelihood) - 1][r.impact - 1] += 1  # type: ignore[arg-type]
        return grid

    def rows(self, by: str = "exposure") -> list[dict[str, Any]]:
        """Return the register as plain dicts, sorted by ``by``."""
        return [
            {
                "id": r.id,
                "description": r.description,
                "likelihood": r.likelihood,
                "impact": r.impact,
                "exposure": r.exposure,
                "probability": r.chance,
                "schedule_days": r.schedule_days,
                "cost": r.cost,
                "owner": r.owner,
                "mitigation": r.mitigation,
                "status": r.status,
                "task": r.task,
            }
            for r in self.sorted(by)
        ]

    def summary(self) -> str:
        """Text table sorted by exposure, with the expected impact."""
        lines = [f"{self.title}: {len(self.risks)} risks"]
        owner = max([12, *(len(r.owner) for r in self.risks)])
        lines.append(
            f"{'id':<6} {'L':>2} {'I':>2} {'LxI':>4}  {'status':<10} {'owner':<{owner}} description"
        )
        for r in self.sorted():
            lines.append(
                f"{r.id:<6} {r.likelihood:>2} {r.impact:>2} {r.exposure:>4}  {r.status:<10} "
                f"{r.owner:<{owner}} {r.description}"
            )
        lines.append(
            f"Expected schedule impact {self.expected_schedule_impact:.1f} days; "
            f"expected cost impact {self.expected_cost_impact:,.0f} (open risks)"
        )
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary()

    def __repr__(self) -> str:
        return f"<RiskRegister {len(self.risks)} risks>"

    def _repr_html_(self) -> str:
        cols = ("id", "description", "L", "I", "L×I", "owner", "mitigation", "status")
        head = "".join(f"<th>{c}</th>" for c in cols)
        body = "".join(
            "<tr>"
            + "".join(
                f"<td>{html.escape(str(v))}</td>"
                for v in (
                    r.id,
                    r.description,
                    r.likelihood,
                    r.impact,
                    r.exposure,
                    r.owner,
                    r.mitigation,
                    r.status,
                )
            )
            + "</tr>"
            for r in self.sorted()
        )
        return (
            f"<p><b>{html.escape(self.title)}</b>: expected schedule impact "
            f"{self.expected_schedule_impact:.1f} days, expected cost impact "
            f"{self.expected_cost_impact:,.0f}</p>"
            f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        )
