"""Evaluate a design: load, utilisation, headroom, k-of-n availability, SPOFs, latency, cost.

:func:`evaluate` is a pure function of a design (plus a scale factor, optional requirements
and, for the failure drills, instances lost); every number it returns can be checked by hand
with the formulas in ``docs/design-format.md``:

* **load** on a component = sum over flows of peak x scale x share x (product of ``calls`` met
  so far on the path, this hop included) x (product of (1 - hit_ratio) over the caches before
  this hop). A component visited twice on a path gets both loads.
* **utilisation** = load / (instances up x capacity per instance); **headroom** = 1 / the
  highest utilisation (the factor by which the peak can grow before that component, the
  **bottleneck**, reaches 100%).
* **instances needed** k = ceil(load / capacity), at least 1; a component's **availability** is
  P(at least k of its n instances up), each up with probability a, independently (binomial); 0
  when n < k. A flow's availability is the product over the distinct components on its path.
* a **single point of failure** is a component on some path (not a client) with n - 1 < k.
* a flow's **mean latency** = sum over its hops of P(reaching the hop) x (the hop's latency +
  the component's queueing delay); a cache hit ends the walk, ``calls`` run in parallel and do
  not add latency. The queueing delay is that of an M/M/c queue with c = instances up and
  service rate = capacity per instance: W = C(c, A) / (c mu - lambda), Erlang C computed from
  :func:`tpmprep.estimate.queueing.erlang_b`. At or above 100% utilisation the flow is
  *saturated* and has no latency (None, never an infinite number).
* **cost** = sum of instances x cost per instance per month.

Inputs are floats converted once when the design was read, so an evaluation never touches pint
and a 100-point load sweep of a 50-component design takes well under a second.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from tpmprep.design import _quantity as qty
from tpmprep.design.model import KINDS, Design, Requirements
from tpmprep.exceptions import DocumentError, InputError

__all__ = [
    "ComponentResult",
    "Evaluation",
    "FlowResult",
    "Sweep",
    "Verdict",
    "evaluate",
    "k_of_n",
    "queue_wait_ms",
    "sweep",
]

_EPS = 1e-9


# --- the formulas ------------------------------------------------------------------------------


def k_of_n(n: int, k: int, a: float) -> float:
    """Probability that at least ``k`` of ``n`` independent instances are up, each with ``a``.

    ``sum over j = k..n of C(n, j) a^j (1 - a)^(n - j)``, summed in log space over the shorter
    side (the allowed failures, or their complement), so n = 100,000 is exact and fast.

    Parameters
    ----------
    n : int
        Instances.
    k : int
        Instances that must be up.
    a : float
        Availability of one instance, in [0, 1].

    Returns
    -------
    float
        In [0, 1]; 0 when k > n, 1 when k <= 0.
    """
    if k > n:
        return 0.0
    if k <= 0 or a >= 1.0:
        return 1.0
    if a <= 0.0:
        return 0.0
    q = 1.0 - a
    if q >= 1.0:  # a below about 1e-17: no instance is ever up, to double precision
        return 0.0
    allowed = n - k  # failures that still leave k up
    if allowed + 1 <= k:
        return min(1.0, _binomial_sum(n, 0, allowed, q))
    return max(0.0, 1.0 - _binomial_sum(n, allowed + 1, n, q))


def _binomial_sum(n: int, lo: int, hi: int, q: float) -> float:
    """Sum over f = lo..hi of C(n, f) q^f (1 - q)^(n - f), term by term in log space."""
    log_q, log_a = math.log(q), math.log1p(-q)
    log_n = math.lgamma(n + 1)
    mode = n * q
    total = 0.0
    for f in range(lo, hi + 1):
        term = math.exp(
            log_n - math.lgamma(f + 1) - math.lgamma(n - f + 1) + f * log_q + (n - f) * log_a
        )
        total += term
        if f > mode and term < total * 1e-18:
            break
    return total


def queue_wait_ms(load: float, capacity: float, instances: int) -> float | None:
    """Mean queueing delay at a component, in ms, modelled as an M/M/c queue.

    ``W = C(c, A) / (c mu - lambda)`` with lambda = ``load``, mu = ``capacity`` (per instance),
    c = ``instances``, A = lambda / mu, C the Erlang C probability of waiting.

    Parameters
    ----------
    load : float
        Arrivals, req/s.
    capacity : float
        Service rate of one instance, req/s.
    instances : int
        Servers c.

    Returns
    -------
    float or None
        The mean wait in ms; None at or above 100% utilisation (the queue grows without bound).
    """
    if load <= 0:
        return 0.0
    offered = load / capacity
    if offered >= instances:
        return None
    from tpmprep.estimate.queueing import erlang_b

    b = erlang_b(offered, instances)
    wait_probability = instances * b / (instances - offered * (1 - b))
    return 1000.0 * wait_probability / (instances * capacity - load)


# --- results ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ComponentResult:
    """How one component fares at the evaluated peak.

    Attributes
    ----------
    name, kind : str
        The component.
    instances : int
        Instances in the design.
    up : int
        Instances up (fewer after a lose-instance drill; 0 when the component is down).
    capacity : float or None
        Requests per second one instance serves; None for no limit.
    load : float
        Requests per second arriving, req/s.
    utilisation : float or None
        load / (up x capacity); None with no limit, or when down.
    instances_needed : int
        k = ceil(load / capacity), at least 1 (1 with no limit).
    availability : float
        P(at least k of the instances up are up).
    latency_ms : float
        Latency of one visit (given or the kind's default).
    wait_ms : float or None
        Queueing delay; None when saturated or down.
    monthly_cost : float or None
        instances x cost per instance, USD/month; None when no cost was given.
    cost_source : str
        Where the cost per instance comes from.
    spof : bool
        A single point of failure: on some path, not a client, and n - 1 < k.
    on_path : bool
        Whether some flow visits it.
    hit_ratio : float or None
        A cache's or cdn's hit ratio.
    """

    name: str
    kind: str
    instances: int
    up: int
    capacity: float | None
    load: float
    utilisation: float | None
    instances_needed: int
    availability: float
    latency_ms: float
    wait_ms: float | None
    monthly_cost: float | None
    cost_source: str
    spof: bool
    on_path: bool
    hit_ratio: float | None = None

    @property
    def down(self) -> bool:
        """True when every instance is lost (a drill)."""
        return self.up == 0

    @property
    def saturated(self) -> bool:
        """True at or above 100% utilisation (or when it cannot carry its load)."""
        return self.utilisation is not None and self.utilisation >= 1.0 - _EPS

    def to_dict(self) -> dict[str, Any]:
        """Return JSON-ready data (floats in req/s, ms and USD/month; None for no value).

        Returns
        -------
        dict
        """
        return {
            "kind": self.kind,
            "instances": self.instances,
            "instances_up": self.up,
            "capacity": self.capacity,
            "load": self.load,
            "utilisation": self.utilisation,
            "instances_needed": self.instances_needed,
            "availability": self.availability,
            "latency_ms": self.latency_ms,
            "wait_ms": self.wait_ms,
            "monthly_cost": self.monthly_cost,
            "spof": self.spof,
            "down": self.down,
        }


@dataclass(frozen=True)
class FlowResult:
    """How one flow fares: its availability and mean latency.

    Attributes
    ----------
    name : str
        The flow.
    share : float
        Its share of the peak.
    load : float
        Requests per second entering it, req/s.
    path : tuple of str
        The components visited, in order.
    availability : float
        Product of the availabilities of the distinct components on the path.
    latency_ms : float or None
        Mean latency; None when saturated or down.
    saturated : bool
        Some component it reaches is at or above 100% utilisation.
    down : bool
        A component on its path is down (a drill).
    weakest : str or None
        The component with the lowest availability on the path.
    blame : str or None
        For latency: the saturated (or down) component, else the hop adding the most time.
    blame_ms : float
        Time the blamed hop adds on average (latency + queueing, weighted by the chance of
        reaching it), ms.
    blame_wait_ms : float
        Of which queueing, ms.
    """

    name: str
    share: float
    load: float
    path: tuple[str, ...]
    availability: float
    latency_ms: float | None
    saturated: bool
    down: bool
    weakest: str | None
    blame: str | None
    blame_ms: float = 0.0
    blame_wait_ms: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        """Return JSON-ready data.

        Returns
        -------
        dict
        """
        return {
            "share": self.share,
            "load": self.load,
            "availability": self.availability,
            "latency_ms": self.latency_ms,
            "saturated": self.saturated,
            "down": self.down,
        }


@dataclass(frozen=True)
class Verdict:
    """The judgement of one requirement.

    Attributes
    ----------
    name : str
        ``utilisation``, ``availability: FLOW``, ``latency: FLOW`` or ``budget``.
    met : bool
        Whether the design meets it.
    detail : str
        What was measured; when not met, the symptom and the component to blame (never a fix).
    blame : str or None
        The component to blame when not met.
    """

    name: str
    met: bool
    detail: str
    blame: str | None = None

    def __str__(self) -> str:
        return f"{'met' if self.met else 'NOT MET'}: {self.name}: {self.detail}"

    def to_dict(self) -> dict[str, Any]:
        """Return ``{name, met, detail, blame}``.

        Returns
        -------
        dict
        """
        return {"name": self.name, "met": self.met, "detail": self.detail, "blame": self.blame}


@dataclass(frozen=True, repr=False)
class Evaluation:
    """Everything :func:`evaluate` found: per component, per flow, and the verdicts.

    Shows itself in a notebook as Markdown (verdicts, then a table of components with
    utilisation bars, then the flows) and as plain text elsewhere; both are deterministic.

    Attributes
    ----------
    design : str
        The design's name.
    scale : float
        The factor applied to the peak.
    peak : float
        The peak evaluated (design peak x scale), req/s.
    target : float
        The utilisation target.
    components : dict of str to ComponentResult
    flows : dict of str to FlowResult
    bottleneck : str or None
        The component with the highest utilisation.
    headroom : float or None
        Factor by which the peak can grow until the bottleneck reaches 100%; None with no
        capacity limit anywhere (or no load).
    spofs : tuple of str
        Single points of failure, in design order.
    monthly_cost : float
        Sum of the known costs, USD/month.
    unknown_cost : tuple of str
        Components with no cost or price (counted as 0).
    requirements : tuple of Verdict
    notes : tuple of str
        Things a reader should know (defaults that matter, prices looked up, drills applied).
    lost : dict of str to int
        Instances lost per component (drills).
    """

    design: str
    scale: float
    peak: float
    target: float
    components: dict[str, ComponentResult]
    flows: dict[str, FlowResult]
    bottleneck: str | None
    headroom: float | None
    spofs: tuple[str, ...]
    monthly_cost: float
    unknown_cost: tuple[str, ...]
    requirements: tuple[Verdict, ...]
    notes: tuple[str, ...] = ()
    lost: dict[str, int] = field(default_factory=dict)

    @property
    def met(self) -> bool:
        """True when every requirement is met."""
        return all(v.met for v in self.requirements)

    @property
    def failed(self) -> list[Verdict]:
        """The requirements not met."""
        return [v for v in self.requirements if not v.met]

    def verdict(self, name: str) -> Verdict:
        """Return the verdict called ``name`` (``"utilisation"``, ``"availability: read"``, ...).

        Parameters
        ----------
        name : str
            The verdict's name.

        Returns
        -------
        Verdict

        Raises
        ------
        KeyError
            When there is no such verdict.
        """
        for v in self.requirements:
            if v.name == name:
                return v
        raise KeyError(f"no verdict {name!r}; verdicts: "
                       f"{', '.join(v.name for v in self.requirements)}")

    def to_dict(self) -> dict[str, Any]:
        """Return JSON-ready data: the keys of ``tpmprep design check --json``.

        Returns
        -------
        dict
        """
        return {
            "design": self.design,
            "scale": self.scale,
            "peak": self.peak,
            "components": {n: c.to_dict() for n, c in self.components.items()},
            "flows": {n: f.to_dict() for n, f in self.flows.items()},
            "bottleneck": self.bottleneck,
            "headroom": self.headroom,
            "spofs": list(self.spofs),
            "monthly_cost": self.monthly_cost,
            "requirements": [v.to_dict() for v in self.requirements],
            "met": self.met,
            "notes": list(self.notes),
            "lost": dict(self.lost),
        }

    def __str__(self) -> str:
        from tpmprep.design.render import text

        return text(self)

    def __repr__(self) -> str:
        return str(self)

    def _repr_markdown_(self) -> str:
        from tpmprep.design.render import markdown

        return markdown(self)

    def to_html(self) -> str:
        """Return the evaluation as an HTML fragment with CSS utilisation bars (for panels).

        Returns
        -------
        str
        """
        from tpmprep.design.render import html

        return html(self)


# --- evaluation ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Compiled:
    name: str
    peak: float
    names: tuple[str, ...]
    kinds: tuple[str, ...]
    instances: tuple[int, ...]
    capacity: tuple[float | None, ...]
    latency: tuple[float, ...]
    availability: tuple[float, ...]
    hit: tuple[float, ...]
    caches: tuple[bool, ...]
    cost: tuple[float | None, ...]
    cost_source: tuple[str, ...]
    flows: tuple[tuple[str, float, tuple[tuple[int, float], ...], tuple[int, ...]], ...]
    on_path: frozenset[int]
    static_notes: tuple[str, ...]


def _compile(design: Design) -> _Compiled:
    cached = design._cache.get("compiled")
    if cached is not None:
        return cached
    names = tuple(design.components)
    index = {n: i for i, n in enumerate(names)}
    comps = [design.components[n] for n in names]
    flows = []
    on_path: set[int] = set()
    for fname, flow in design.flows.items():
        hops = tuple((index[h.to], float(h.calls)) for h in flow.path)
        distinct = tuple(dict.fromkeys(i for i, _ in hops))
        on_path.update(distinct)
        flows.append((fname, design.share(fname), hops, distinct))
    notes = []
    for i, c in enumerate(comps):
        if c.price is not None:
            notes.append(f"{names[i]}: {qty.usd(c.price.monthly)} per instance from "
                         f"{c.price.source}")
        if i not in on_path:
            notes.append(f"{names[i]}: no flow visits it, so it carries no load")
    compiled = _Compiled(
        name=design.name,
        peak=design.traffic.peak,
        names=names,
        kinds=tuple(c.kind for c in comps),
        instances=tuple(c.instances for c in comps),
        capacity=tuple(c.capacity for c in comps),
        latency=tuple(c.latency_ms for c in comps),
        availability=tuple(c.instance_availability for c in comps),
        hit=tuple(c.hit_ratio or 0.0 for c in comps),
        caches=tuple(KINDS[c.kind].caches for c in comps),
        cost=tuple(c.monthly_cost_per_instance for c in comps),
        cost_source=tuple(c.cost_source for c in comps),
        flows=tuple(flows),
        on_path=frozenset(on_path),
        static_notes=tuple(notes),
    )
    design._cache["compiled"] = compiled
    return compiled


def _requirements(design: Design, requirements: Any) -> Requirements:
    if requirements is None:
        return design.requirements
    if not isinstance(requirements, Requirements):
        from tpmprep.documents import validate

        requirements, problems = validate(Requirements, requirements, "requirements")
        if problems:
            raise DocumentError(problems)
    unknown = requirements.unknown_flows(list(design.flows))
    if unknown:
        raise DocumentError([f"requirements: {'.'.join(loc)}: {msg}" for loc, msg in unknown])
    return requirements


def _lost(design: Design, lost: Mapping[str, int] | None) -> dict[int, int]:
    if not lost:
        return {}
    names = list(design.components)
    out = {}
    for name, count in lost.items():
        if name not in design.components:
            raise InputError("lost", f"no component {name!r}; components: {', '.join(names)}")
        n = design.components[name].instances
        if isinstance(count, bool) or not isinstance(count, int) or not 0 <= count <= n:
            raise InputError("lost", f"{name}: lose 0 to {n} instances, got {count!r}")
        if count:
            out[names.index(name)] = count
    return out


def evaluate(
    design: Design,
    *,
    scale: float = 1.0,
    requirements: Requirements | Mapping[str, Any] | None = None,
    lost: Mapping[str, int] | None = None,
) -> Evaluation:
    """Evaluate a design at its peak (times ``scale``) and judge its requirements.

    Parameters
    ----------
    design : Design
        The design.
    scale : float
        Multiply the peak by this (2 doubles it), above 0.
    requirements : Requirements or dict, optional
        Judge against these instead of the design's own (a scenario's).
    lost : dict of str to int, optional
        Instances lost per component, for the failure drills; losing all of them takes the
        component down (flows through it are down: availability 0, no latency).

    Returns
    -------
    Evaluation

    Raises
    ------
    InputError
        For a scale that is not a positive finite number, or an unusable ``lost``.
    DocumentError
        For requirements that name unknown flows or are malformed.
    """
    if (
        isinstance(scale, bool)
        or not isinstance(scale, int | float)
        or not math.isfinite(scale)
        or scale <= 0
    ):
        raise InputError("scale", f"must be a number above 0 (2 doubles the peak), got {scale!r}")
    compiled = _compile(design)
    return _evaluate(compiled, float(scale), _requirements(design, requirements),
                     _lost(design, lost))


def _evaluate(
    c: _Compiled, scale: float, reqs: Requirements, lost: dict[int, int]
) -> Evaluation:
    size = len(c.names)
    peak = c.peak * scale
    up = [c.instances[i] - lost.get(i, 0) for i in range(size)]
    load = [0.0] * size
    walks = []  # per flow: (name, share, entry, [(i, reach)], down_at)
    for fname, share, hops, _distinct in c.flows:
        entry = peak * share
        calls = 1.0
        reach = 1.0
        visits = []
        down_at = None
        for i, n_calls in hops:
            calls *= n_calls
            load[i] += entry * calls * reach
            visits.append((i, reach))
            if up[i] == 0:
                down_at = i
                break
            if c.caches[i]:
                reach *= 1.0 - c.hit[i]
        walks.append((fname, share, entry, visits, down_at))

    results: dict[str, ComponentResult] = {}
    util: list[float | None] = [None] * size
    avail = [0.0] * size
    wait: list[float | None] = [None] * size
    needed = [1] * size
    for i in range(size):
        cap, n, a = c.capacity[i], up[i], c.availability[i]
        if cap is not None:
            needed[i] = max(1, math.ceil(load[i] / cap - _EPS))
        if n == 0:
            avail[i] = 0.0
        elif cap is None:
            avail[i] = k_of_n(n, 1, a)
            wait[i] = 0.0
        else:
            util[i] = load[i] / (n * cap)
            avail[i] = k_of_n(n, needed[i], a)
            wait[i] = queue_wait_ms(load[i], cap, n) if util[i] < 1.0 - _EPS else None
    spofs = tuple(
        c.names[i]
        for i in range(size)
        if i in c.on_path and c.kinds[i] != "client" and up[i] > 0 and up[i] - 1 < needed[i]
    )
    for i, name in enumerate(c.names):
        cost = None if c.cost[i] is None else c.instances[i] * c.cost[i]
        results[name] = ComponentResult(
            name=name,
            kind=c.kinds[i],
            instances=c.instances[i],
            up=up[i],
            capacity=c.capacity[i],
            load=load[i],
            utilisation=util[i],
            instances_needed=needed[i],
            availability=avail[i],
            latency_ms=c.latency[i],
            wait_ms=wait[i],
            monthly_cost=cost,
            cost_source=c.cost_source[i],
            spof=name in spofs,
            on_path=i in c.on_path,
            hit_ratio=c.hit[i] if c.caches[i] else None,
        )

    flows: dict[str, FlowResult] = {}
    for (fname, share, entry, visits, down_at), (_, _, hops, distinct) in zip(
        walks, c.flows, strict=True
    ):
        availability = 1.0
        weakest = None
        for i in distinct:
            availability *= avail[i]
            if weakest is None or avail[i] < avail[weakest]:
                weakest = i
        latency: float | None = 0.0
        saturated = False
        blame, blame_ms, blame_wait = None, -1.0, 0.0
        worst_util = -1.0
        for i, reach in visits:
            if reach <= 0:
                continue
            if wait[i] is None:
                if up[i] > 0 and util[i] is not None and util[i] > worst_util:
                    saturated, worst_util, blame = True, util[i], i
                continue
            part = reach * (c.latency[i] + wait[i])
            latency += part
            if not saturated and part > blame_ms:
                blame, blame_ms, blame_wait = i, part, reach * wait[i]
        if down_at is not None:
            latency, blame = None, down_at
        elif saturated:
            latency = None
        flows[fname] = FlowResult(
            name=fname,
            share=share,
            load=entry,
            path=tuple(c.names[i] for i, _ in hops),
            availability=availability,
            latency_ms=latency,
            saturated=saturated and down_at is None,
            down=down_at is not None,
            weakest=None if weakest is None else c.names[weakest],
            blame=None if blame is None else c.names[blame],
            blame_ms=max(blame_ms, 0.0) if latency is not None else 0.0,
            blame_wait_ms=blame_wait if latency is not None else 0.0,
        )

    loaded = [(u, i) for i, u in enumerate(util) if u is not None and load[i] > 0]
    bottleneck, headroom = None, None
    if loaded:
        top, top_i = max(loaded, key=lambda t: (t[0], -t[1]))
        bottleneck, headroom = c.names[top_i], 1.0 / top
    monthly = sum(r.monthly_cost for r in results.values() if r.monthly_cost is not None)
    unknown = tuple(r.name for r in results.values() if r.monthly_cost is None)

    notes = list(c.static_notes)
    for i in sorted(lost):
        if up[i] == 0:
            notes.append(f"{c.names[i]}: down (all {c.instances[i]} instances lost)")
        else:
            notes.append(f"{c.names[i]}: {lost[i]} of {c.instances[i]} instances lost, "
                         f"{up[i]} up")
    for i in range(size):
        if up[i] > 0 and needed[i] > up[i]:
            notes.append(
                f"{c.names[i]}: {up[i]} instance{'s' if up[i] != 1 else ''} cannot carry "
                f"{qty.rate(load[i])} even with all up (needs {needed[i]} at "
                f"{qty.rate(c.capacity[i])} each), so its availability is 0"
            )
    for name in unknown:
        notes.append(f"{name}: no cost or price given; counted as 0 USD/month")

    evaluation = Evaluation(
        design=c.name,
        scale=scale,
        peak=peak,
        target=reqs.utilisation,
        components=results,
        flows=flows,
        bottleneck=bottleneck,
        headroom=headroom,
        spofs=spofs,
        monthly_cost=monthly,
        unknown_cost=unknown,
        requirements=(),
        notes=tuple(notes),
        lost={c.names[i]: k for i, k in sorted(lost.items())},
    )
    return replace(evaluation, requirements=tuple(_verdicts(evaluation, reqs)))


# --- verdicts ------------------------------------------------------------------------------------


def _at_peak(e: Evaluation) -> str:
    return "at peak" if e.scale == 1 else f"at {qty.number(e.scale)} x peak"


def _verdicts(e: Evaluation, reqs: Requirements) -> Iterable[Verdict]:
    yield _utilisation_verdict(e, reqs.utilisation)
    for name, flow in e.flows.items():
        target = reqs.for_flow("availability", name)
        if target is not None:
            yield _availability_verdict(e, flow, target)
    for name, flow in e.flows.items():
        target = reqs.for_flow("latency", name)
        if target is not None:
            yield _latency_verdict(e, flow, target)
    if reqs.budget is not None:
        yield _budget_verdict(e, reqs.budget)


def _utilisation_verdict(e: Evaluation, target: float) -> Verdict:
    ranked = sorted(
        (r for r in e.components.values() if r.utilisation is not None and r.load > 0),
        key=lambda r: -r.utilisation,
    )
    over = [r for r in ranked if r.utilisation > target + _EPS]
    if not over:
        if not ranked:
            return Verdict("utilisation", True, "no loaded component has a capacity limit")
        top = ranked[0]
        return Verdict(
            "utilisation",
            True,
            f"highest: {top.name} at {qty.percent(top.utilisation)} of capacity {_at_peak(e)} "
            f"(target {qty.percent(target)})",
        )
    top = over[0]
    detail = (f"{top.name} at {qty.percent(top.utilisation)} of capacity {_at_peak(e)} "
              f"(target {qty.percent(target)})")
    if len(over) > 1:
        others = ", ".join(f"{r.name} ({qty.percent(r.utilisation)})" for r in over[1:])
        detail += f"; also above target: {others}"
    return Verdict("utilisation", False, detail, top.name)


def _availability_verdict(e: Evaluation, flow: FlowResult, target: float) -> Verdict:
    name = f"availability: {flow.name}"
    measured, wanted = qty.percents(flow.availability, target)
    if flow.availability >= target - 1e-12:
        return Verdict(name, True, f"flow {flow.name}: {measured} >= {wanted}")
    weak = e.components[flow.weakest]
    detail = (f"flow {flow.name}: {measured} < {wanted}; weakest link: "
              f"{weak.name} ({qty.percent(weak.availability, 4)})")
    if weak.down:
        detail += f"; {weak.name} is down"
    elif weak.instances_needed > weak.up:
        detail += (f"; {weak.up} instance{'s' if weak.up != 1 else ''} of {weak.name} cannot "
                   f"carry {qty.rate(weak.load)} (needs {weak.instances_needed})")
    elif weak.up - 1 < weak.instances_needed:
        detail += f"; {weak.name} has no spare instance"
    return Verdict(name, False, detail, weak.name)


def _latency_verdict(e: Evaluation, flow: FlowResult, target: float) -> Verdict:
    name = f"latency: {flow.name}"
    if flow.down:
        return Verdict(name, False, f"flow {flow.name}: down: {flow.blame} is lost", flow.blame)
    if flow.saturated:
        r = e.components[flow.blame]
        return Verdict(
            name,
            False,
            f"flow {flow.name}: saturated: {r.name} at {qty.percent(r.utilisation)} of "
            f"capacity {_at_peak(e)}, so its queue grows without bound",
            r.name,
        )
    measured = qty.ms(flow.latency_ms)
    if flow.latency_ms <= target + 1e-9:
        return Verdict(name, True, f"flow {flow.name}: mean {measured} <= {qty.ms(target)}")
    detail = (f"flow {flow.name}: mean {measured} > {qty.ms(target)}; slowest hop: "
              f"{flow.blame} ({qty.ms(flow.blame_ms)}")
    if flow.blame_wait_ms >= 0.05 * flow.blame_ms and flow.blame_wait_ms > 0:
        detail += f", of which {qty.ms(flow.blame_wait_ms)} queueing"
    return Verdict(name, False, detail + ")", flow.blame)


def _budget_verdict(e: Evaluation, budget: float) -> Verdict:
    if e.unknown_cost:
        return Verdict(
            "budget",
            False,
            f"monthly cost unknown: no cost or price for {', '.join(e.unknown_cost)} "
            f"(known part {qty.usd(e.monthly_cost)})",
            e.unknown_cost[0],
        )
    if e.monthly_cost <= budget * (1 + 1e-12):
        return Verdict("budget", True,
                       f"monthly cost {qty.usd(e.monthly_cost)} <= {qty.usd(budget)}")
    top = max(e.components.values(), key=lambda r: r.monthly_cost or 0.0)
    return Verdict(
        "budget",
        False,
        f"monthly cost {qty.usd(e.monthly_cost)} > {qty.usd(budget)}; largest: {top.name} "
        f"({qty.usd(top.monthly_cost)}, {qty.percent(top.monthly_cost / e.monthly_cost)})",
        top.name,
    )


# --- load sweep ----------------------------------------------------------------------------


@dataclass(frozen=True, repr=False)
class Sweep:
    """A design evaluated at many load factors (for "what breaks next" and its plot).

    Attributes
    ----------
    design : str
        The design's name.
    peak : float
        The design's peak (factor 1), req/s.
    factors : tuple of float
        The load factors, increasing.
    evaluations : tuple of Evaluation
        One per factor.
    saturation_factor : float or None
        The factor at which the first component reaches 100% (the headroom at factor 1).
    bottleneck : str or None
        That component.
    """

    design: str
    peak: float
    factors: tuple[float, ...]
    evaluations: tuple[Evaluation, ...]
    saturation_factor: float | None
    bottleneck: str | None

    @property
    def flows(self) -> list[str]:
        """The flow names."""
        return list(self.evaluations[0].flows) if self.evaluations else []

    def availability(self, flow: str) -> list[float]:
        """Return a flow's availability at each factor.

        Parameters
        ----------
        flow : str
            The flow's name.

        Returns
        -------
        list of float
        """
        return [e.flows[flow].availability for e in self.evaluations]

    def latency_ms(self, flow: str) -> list[float | None]:
        """Return a flow's mean latency at each factor, ms (None where saturated).

        Parameters
        ----------
        flow : str
            The flow's name.

        Returns
        -------
        list of float or None
        """
        return [e.flows[flow].latency_ms for e in self.evaluations]

    def to_dict(self) -> dict[str, Any]:
        """Return JSON-ready data: factors and, per flow, availability and latency.

        Returns
        -------
        dict
        """
        return {
            "design": self.design,
            "peak": self.peak,
            "factors": list(self.factors),
            "saturation_factor": self.saturation_factor,
            "bottleneck": self.bottleneck,
            "flows": {
                f: {"availability": self.availability(f), "latency_ms": self.latency_ms(f)}
                for f in self.flows
            },
        }

    def __str__(self) -> str:
        from tpmprep.design.render import sweep_text

        return sweep_text(self)

    def __repr__(self) -> str:
        return str(self)


def sweep(
    design: Design,
    factors: Iterable[float] | None = None,
    *,
    points: int = 100,
    up_to: float | None = None,
    requirements: Requirements | Mapping[str, Any] | None = None,
) -> Sweep:
    """Evaluate a design at many multiples of its peak.

    Parameters
    ----------
    design : Design
        The design.
    factors : iterable of float, optional
        The load factors (each above 0). Default: ``points`` evenly spaced factors up to
        ``up_to``.
    points : int
        How many factors when ``factors`` is not given (2 to 10,000).
    up_to : float, optional
        The last factor when ``factors`` is not given (default: 1.5 x the saturation factor,
        or 2 when nothing can saturate).

    requirements : Requirements or dict, optional
        Judge against these instead of the design's own.

    Returns
    -------
    Sweep

    Raises
    ------
    InputError
        For a factor, ``points`` or ``up_to`` that is unusable.
    """
    compiled = _compile(design)
    reqs = _requirements(design, requirements)
    base = _evaluate(compiled, 1.0, reqs, {})
    if factors is None:
        if isinstance(points, bool) or not isinstance(points, int) or not 2 <= points <= 10_000:
            raise InputError("points", f"must be a whole number from 2 to 10,000, got {points!r}")
        if up_to is None:
            up_to = 1.5 * base.headroom if base.headroom is not None else 2.0
        if not isinstance(up_to, int | float) or not math.isfinite(up_to) or up_to <= 0:
            raise InputError("up_to", f"must be a number above 0, got {up_to!r}")
        factors = [up_to * (j + 1) / points for j in range(points)]
    values = []
    for f in factors:
        if isinstance(f, bool) or not isinstance(f, int | float) or not math.isfinite(f) or f <= 0:
            raise InputError("factors", f"each factor must be a number above 0, got {f!r}")
        values.append(float(f))
    values.sort()
    return Sweep(
        design=compiled.name,
        peak=compiled.peak,
        factors=tuple(values),
        evaluations=tuple(_evaluate(compiled, f, reqs, {}) for f in values),
        saturation_factor=base.headroom,
        bottleneck=base.bottleneck,
    )
