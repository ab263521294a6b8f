"""One task of a plan: a duration (single or three-point) and the tasks it waits for."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from tpmprep import validate
from tpmprep.exceptions import CalculationError, ScheduleError

__all__ = ["Task", "task_from_record"]


def _number(task: str, name: str, value: Any) -> float:
    """Read one duration field as a finite, non-negative number of days."""
    try:
        return validate.number(name, value, allow_zero=True)
    except CalculationError as err:
        raise ScheduleError(name, f"task {task!r}: {err.message}") from None


@dataclass(frozen=True)
class Task:
    """A task with a three-point duration in days and the names of the tasks it depends on.

    A single estimate is stored as ``optimistic == most_likely == pessimistic``.

    Parameters
    ----------
    name : str
        Unique name within the plan.
    optimistic, most_likely, pessimistic : float
        Durations in days, ``optimistic <= most_likely <= pessimistic``.
    depends_on : tuple of str
        Names of the tasks that must finish before this one starts (finish-to-start).
    description : str
        Free text shown in tables.

    Raises
    ------
    ScheduleError
        For an empty name, a negative, NaN or infinite duration, or the three points out of
        order; the message names the task and the field.
    """

    name: str
    optimistic: float
    most_likely: float
    pessimistic: float
    depends_on: tuple[str, ...] = field(default=())
    description: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.strip():
            raise ScheduleError("name", f"every task needs a non-empty name, got {self.name!r}")
        o = _number(self.name, "optimistic", self.optimistic)
        m = _number(self.name, "most_likely", self.most_likely)
        p = _number(self.name, "pessimistic", self.pessimistic)
        if o > m:
            raise ScheduleError(
                "optimistic",
                f"task {self.name!r}: optimistic {o:g} is greater than most_likely {m:g}; "
                "order the three points optimistic <= most_likely <= pessimistic",
            )
        if m > p:
            raise ScheduleError(
                "pessimistic",
                f"task {self.name!r}: pessimistic {p:g} is less than most_likely {m:g}; "
                "order the three points optimistic <= most_likely <= pessimistic",
            )
        object.__setattr__(self, "optimistic", o)
        object.__setattr__(self, "most_likely", m)
        object.__setattr__(self, "pessimistic", p)
        deps = self.depends_on
        if isinstance(deps, str):
            deps = _split_names(deps)
        deps = tuple(str(d).strip() for d in deps)
        if self.name in deps:
            raise ScheduleError(
                "depends_on", f"task {self.name!r} depends on itself; remove it from depends_on"
            )
        object.__setattr__(self, "depends_on", deps)

    @property
    def is_three_point(self) -> bool:
        """True when the three estimates differ (the duration is uncertain)."""
        return self.optimistic != self.pessimistic

    @property
    def expected(self) -> float:
        """PERT expected duration ``(o + 4m + p) / 6`` in days."""
        return (self.optimistic + 4 * self.most_likely + self.pessimistic) / 6

    @property
    def variance(self) -> float:
        """PERT variance ``((p - o) / 6)^2`` in days squared."""
        return ((self.pessimistic - self.optimistic) / 6) ** 2

    @property
    def std(self) -> float:
        """PERT standard deviation ``(p - o) / 6`` in days."""
        return (self.pessimistic - self.optimistic) / 6

    def duration_text(self) -> str:
        """Write the duration as a table shows it: ``5`` or ``5.33 (3/5/9)``."""
        if not self.is_three_point:
            return f"{self.expected:g}"
        o, m, p = self.optimistic, self.most_likely, self.pessimistic
        return f"{self.expected:.2f} ({o:g}/{m:g}/{p:g})"

    def shifted(self, days: float) -> Task:
        """Return a copy with every point moved by ``days`` (negative shortens).

        Raises
        ------
        ScheduleError
            When shortening would make the optimistic duration negative.
        """
        if self.optimistic + days < 0:
            raise ScheduleError(
                "days",
                f"cannot shorten task {self.name!r} by {-days:g} days: its optimistic duration "
                f"is {self.optimistic:g} days",
            )
        return replace(
            self,
            optimistic=self.optimistic + days,
            most_likely=self.most_likely + days,
            pessimistic=self.pessimistic + days,
        )


def _split_names(text: str) -> tuple[str, ...]:
    text = text.strip()
    if text in ("", "-", "—", "none"):
        return ()
    return tuple(part.strip() for part in text.replace(";", ",").split(",") if part.strip())


def _three_points(name: str, duration: Any) -> tuple[Any, Any, Any]:
    if isinstance(duration, str):
        text = duration.strip()
        for sep in ("/", ","):
            if sep in text:
                parts = [p.strip() for p in text.split(sep)]
                break
        else:
            parts = [text]
        duration = parts
    if isinstance(duration, list | tuple):
        if len(duration) == 1:
            return duration[0], duration[0], duration[0]
        if len(duration) == 3:
            return tuple(duration)  # type: ignore[return-value]
        raise ScheduleError(
            "duration",
            f"task {name!r}: duration needs one number or three (optimistic/most_likely/"
            f"pessimistic), got {len(duration)}",
        )
    return duration, duration, duration


def task_from_record(record: dict[str, Any]) -> Task:
    """Build a :class:`Task` from a dict, the compact form a lesson writes.

    Accepted keys: ``name`` (or ``task``/``id``); ``duration`` as a number, a list of three,
    or text ``"3/5/9"``; or ``optimistic``, ``most_likely``, ``pessimistic``; ``depends_on``
    (or ``after``/``deps``) as a list or ``"A, B"``; ``description``.

    Parameters
    ----------
    record : dict
        One task.

    Returns
    -------
    Task

    Raises
    ------
    ScheduleError
        When the name or a duration is missing or invalid, or an unknown key is given.
    """
    if not isinstance(record, dict):
        raise ScheduleError("tasks", f"each task must be a dict, got {record!r}")
    data = dict(record)
    name = None
    for key in ("name", "task", "id"):
        if key in data:
            name = data.pop(key)
            break
    if name is None:
        raise ScheduleError("name", f"task {record!r} has no name; add name: ...")
    name = str(name).strip()
    deps: Any = ()
    for key in ("depends_on", "after", "deps"):
        if key in data:
            deps = data.pop(key)
            break
    if deps is None:
        deps = ()
    description = str(data.pop("description", "") or "")
    if "duration" in data:
        o, m, p = _three_points(name, data.pop("duration"))
        if o is m is p:  # one number: report problems against "duration"
            o = m = p = _number(name, "duration", o)
    elif "most_likely" in data:
        m = data.pop("most_likely")
        o = data.pop("optimistic", m)
        p = data.pop("pessimistic", m)
    else:
        raise ScheduleError(
            "duration",
            f"task {name!r} has no duration; give duration: 5 or duration: [3, 5, 9]",
        )
    if data:
        raise ScheduleError(
            sorted(data)[0],
            f"task {name!r}: unknown field(s) {', '.join(sorted(data))}; known: name, "
            "duration, optimistic, most_likely, pessimistic, depends_on, description",
        )
    return Task(name, o, m, p, depends_on=deps, description=description)
