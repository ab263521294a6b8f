"""Break a design on purpose: scale its peak, find what breaks next, lose instances or caches.

Each drill evaluates the design as it is (``before``) and as the drill leaves it (``after``)
and says which requirements the drill broke. A drill changes nothing in the design itself.

* :func:`scale` multiplies the peak.
* :func:`breaks_next` lists the components in the order they saturate as the peak grows, with
  the factor at which each passes the utilisation target and reaches 100%.
* :func:`lose_instance` takes instances of one component out (the others carry its load).
* :func:`lose_component` takes a whole component out: every flow through it is down. A cache is
  no exception (its flows are down too); to see requests fall through a failed cache to the
  database, use :func:`empty_cache`.
* :func:`empty_cache` sets a cache's or cdn's hit ratio to 0 (a cold or flushed cache): every
  request goes on to the next hop.
* :func:`single_failures` runs :func:`lose_instance` for every component on a path.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from tpmprep.design import _quantity as qty
from tpmprep.design.evaluation import Evaluation, Verdict, evaluate
from tpmprep.design.model import KINDS, Design, Requirements
from tpmprep.exceptions import InputError

__all__ = [
    "BreakPoint",
    "Breaks",
    "Drill",
    "breaks_next",
    "empty_cache",
    "lose_component",
    "lose_instance",
    "scale",
    "single_failures",
]

_Reqs = Requirements | Mapping[str, Any] | None


@dataclass(frozen=True, repr=False)
class Drill:
    """A design before and after a drill.

    Attributes
    ----------
    title : str
        What the drill did ("lose one instance of db (3 -> 2 up)").
    before : Evaluation
        The design as it is.
    after : Evaluation
        The design after the drill.
    """

    title: str
    before: Evaluation
    after: Evaluation

    @property
    def met(self) -> bool:
        """True when every requirement is still met after the drill."""
        return self.after.met

    @property
    def broken(self) -> list[Verdict]:
        """Requirements met before the drill and not after it."""
        before = {v.name: v.met for v in self.before.requirements}
        return [v for v in self.after.requirements if not v.met and before.get(v.name, True)]

    @property
    def still_failing(self) -> list[Verdict]:
        """Requirements that were already not met before the drill and still are not."""
        before = {v.name: v.met for v in self.before.requirements}
        return [v for v in self.after.requirements if not v.met and not before.get(v.name, True)]

    def to_dict(self) -> dict[str, Any]:
        """Return JSON-ready data: the title, the names broken, and both evaluations.

        Returns
        -------
        dict
        """
        return {
            "drill": self.title,
            "met": self.met,
            "broken": [v.name for v in self.broken],
            "before": self.before.to_dict(),
            "after": self.after.to_dict(),
        }

    def __str__(self) -> str:
        from tpmprep.design.render import drill_text

        return drill_text(self)

    def __repr__(self) -> str:
        return str(self)

    def _repr_markdown_(self) -> str:
        from tpmprep.design.render import drill_markdown

        return drill_markdown(self)


def _component(design: Design, name: str) -> Any:
    if name not in design.components:
        names = list(design.components)
        close = difflib.get_close_matches(name, names, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise InputError("component", f"no component {name!r}{hint}; components: "
                                      f"{', '.join(names) or 'none'}")
    return design.components[name]


def scale(design: Design, factor: float, requirements: _Reqs = None) -> Drill:
    """Multiply the peak by ``factor`` and re-evaluate.

    Parameters
    ----------
    design : Design
        The design.
    factor : float
        Above 0 (2 doubles the peak).
    requirements : Requirements or dict, optional
        Judge against these instead of the design's own.

    Returns
    -------
    Drill

    Raises
    ------
    InputError
        For a factor that is not a number above 0.
    """
    after = evaluate(design, scale=factor, requirements=requirements)
    return Drill(
        f"peak x {qty.number(factor)} ({qty.rate(after.peak)})",
        evaluate(design, requirements=requirements),
        after,
    )


def lose_instance(
    design: Design, component: str, count: int = 1, requirements: _Reqs = None
) -> Drill:
    """Lose ``count`` instances of a component; the ones left carry its load.

    Parameters
    ----------
    design : Design
        The design.
    component : str
        The component's name.
    count : int
        Instances lost, 1 to its instances (all of them take it down).
    requirements : Requirements or dict, optional
        Judge against these instead of the design's own.

    Returns
    -------
    Drill

    Raises
    ------
    InputError
        For an unknown component or a count out of range.
    """
    n = _component(design, component).instances
    if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= n:
        raise InputError("count", f"{component} has {n} instance{'s' if n != 1 else ''}; "
                                  f"lose 1 to {n}, got {count!r}")
    if count == n:
        title = (f"lose the only instance of {component} (down)" if n == 1
                 else f"lose all {n} instances of {component} (down)")
    else:
        lost = "one instance" if count == 1 else f"{count} instances"
        title = f"lose {lost} of {component} ({n} -> {n - count} up)"
    return Drill(
        title,
        evaluate(design, requirements=requirements),
        evaluate(design, requirements=requirements, lost={component: count}),
    )


def lose_component(design: Design, component: str, requirements: _Reqs = None) -> Drill:
    """Lose a whole component: every flow through it is down (a cache too).

    Parameters
    ----------
    design : Design
        The design.
    component : str
        The component's name.
    requirements : Requirements or dict, optional
        Judge against these instead of the design's own.

    Returns
    -------
    Drill

    Raises
    ------
    InputError
        For an unknown component.
    """
    n = _component(design, component).instances
    return Drill(
        f"lose {component} (all {n} instance{'s' if n != 1 else ''} down)",
        evaluate(design, requirements=requirements),
        evaluate(design, requirements=requirements, lost={component: n}),
    )


def empty_cache(design: Design, component: str, requirements: _Reqs = None) -> Drill:
    """Empty a cache or cdn (hit ratio 0): every request goes on to the next hop.

    Parameters
    ----------
    design : Design
        The design.
    component : str
        A cache or cdn.
    requirements : Requirements or dict, optional
        Judge against these instead of the design's own.

    Returns
    -------
    Drill

    Raises
    ------
    InputError
        For an unknown component, or one that is not a cache or cdn.
    """
    c = _component(design, component)
    if not KINDS[c.kind].caches:
        caches = [n for n, x in design.components.items() if KINDS[x.kind].caches]
        raise InputError("component", f"{component} is a {c.kind}, not a cache or cdn; caches "
                                      f"in this design: {', '.join(caches) or 'none'}")
    emptied = design.with_component(component, hit_ratio=0.0)
    return Drill(
        f"empty {component} (hit ratio {qty.percent(c.hit_ratio)} -> 0%)",
        evaluate(design, requirements=requirements),
        evaluate(emptied, requirements=requirements),
    )


def single_failures(design: Design, requirements: _Reqs = None) -> list[Drill]:
    """Lose one instance of each component on a path (clients excepted), one at a time.

    Parameters
    ----------
    design : Design
        The design.
    requirements : Requirements or dict, optional
        Judge against these instead of the design's own.

    Returns
    -------
    list of Drill
        In design order.
    """
    on_path = {h.to for f in design.flows.values() for h in f.path}
    return [
        lose_instance(design, name, 1, requirements)
        for name, c in design.components.items()
        if name in on_path and c.kind != "client"
    ]


@dataclass(frozen=True)
class BreakPoint:
    """When one component gives way as the peak grows.

    Attributes
    ----------
    component, kind : str
        The component.
    utilisation : float
        Its utilisation at the design's peak.
    over_target_at : float
        The peak factor at which it passes the utilisation target (target / utilisation).
    saturates_at : float
        The peak factor at which it reaches 100% (1 / utilisation).
    """

    component: str
    kind: str
    utilisation: float
    over_target_at: float
    saturates_at: float


@dataclass(frozen=True, repr=False)
class Breaks:
    """Components in the order they saturate as the peak grows.

    Attributes
    ----------
    design : str
        The design's name.
    peak : float
        The design's peak, req/s.
    target : float
        The utilisation target.
    points : tuple of BreakPoint
        Loaded components with a capacity, first to saturate first.
    unlimited : tuple of str
        Loaded components with no capacity limit (they never saturate in this model).
    """

    design: str
    peak: float
    target: float
    points: tuple[BreakPoint, ...]
    unlimited: tuple[str, ...]

    @property
    def first(self) -> BreakPoint | None:
        """The component that saturates first (the bottleneck), or None."""
        return self.points[0] if self.points else None

    def to_dict(self) -> dict[str, Any]:
        """Return JSON-ready data.

        Returns
        -------
        dict
        """
        return {
            "design": self.design,
            "peak": self.peak,
            "target": self.target,
            "order": [
                {
                    "component": p.component,
                    "kind": p.kind,
                    "utilisation": p.utilisation,
                    "over_target_at": p.over_target_at,
                    "saturates_at": p.saturates_at,
                    "peak_at_saturation": p.saturates_at * self.peak,
                }
                for p in self.points
            ],
            "unlimited": list(self.unlimited),
        }

    def __str__(self) -> str:
        from tpmprep.design.render import breaks_text

        return breaks_text(self)

    def __repr__(self) -> str:
        return str(self)

    def _repr_markdown_(self) -> str:
        from tpmprep.design.render import breaks_markdown

        return breaks_markdown(self)


def breaks_next(design: Design, requirements: _Reqs = None) -> Breaks:
    """Say which component saturates first as the peak grows, and at what factor; then the next.

    Loads grow in proportion to the peak, so a component at utilisation u saturates at a peak
    factor of 1 / u and passes the target t at t / u.

    Parameters
    ----------
    design : Design
        The design.
    requirements : Requirements or dict, optional
        Take the utilisation target from these instead of the design's own.

    Returns
    -------
    Breaks
    """
    e = evaluate(design, requirements=requirements)
    points = [
        BreakPoint(
            component=r.name,
            kind=r.kind,
            utilisation=r.utilisation,
            over_target_at=e.target / r.utilisation,
            saturates_at=1.0 / r.utilisation,
        )
        for r in e.components.values()
        if r.utilisation is not None and r.load > 0
    ]
    points.sort(key=lambda p: p.saturates_at)  # stable: ties keep design order
    unlimited = tuple(
        r.name for r in e.components.values()
        if r.capacity is None and r.load > 0 and r.kind != "client"
    )
    return Breaks(design.name, design.traffic.peak, e.target, tuple(points), unlimited)
