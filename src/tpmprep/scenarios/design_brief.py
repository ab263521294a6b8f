"""A design exercise's brief, and how a candidate's design is judged against it.

Each design scenario is an open prompt ("design a URL shortener for ...") whose numbers come
from the seed: the traffic behind the peak, the requirements (utilisation target, availability, mean
latency, monthly budget), the flows the traffic splits into and the **building blocks** the
candidate may use (what one instance of each kind of component serves, how fast, how available,
at what cost). The candidate estimates a few numbers (ordinary answers) and then writes a design
(YAML, a ``Design`` or the builder panel); the answer called ``design`` is a
:class:`~tpmprep.scenarios.base.PropertyAnswer`: any design that meets the brief passes.

How a design is judged (``DesignBrief.judge``):

1. It is read as YAML (``Design.from_yaml``); a malformed design is an invalid answer whose
   feedback is the engine's one line per problem.
2. The brief's rules: exactly the brief's flows (a flow may be split into parts named
   ``FLOW-PART`` whose shares divide its share); each flow reaches what the brief says it must
   (the service that answers it, the store of record, the GPU servers, ...) and avoids what it
   must avoid; a flow whose requests no cache can answer (a write, a new face) passes no cache
   or CDN that answers any of it; a client only sends requests (it is the first hop of a path,
   never a free box in the middle); every component is one of the brief's building blocks and
   claims no more than its block (capacity, hit ratio, availability per instance) and no less
   (latency, cost); ``calls`` never shrink the load below 1, except where the brief allows
   batching (on its flow, after the component that combines requests, down to its floor); and
   where the brief has a fan-out, some flow shows it with ``calls``. A broken rule is named
   with the component or flow.
3. The design's own peak, flow shares and ``requirements:`` block are replaced by the brief's
   (a split flow's parts keep their ratio and each meets the flow's requirements; a candidate
   cannot pass by writing easy requirements; the feedback says so when they differed), and
   :func:`tpmprep.design.evaluate` judges it.

The design is correct when every requirement is met. Otherwise the feedback lists each failed
requirement with the component to blame and the symptom (the engine's verdict details), never
the fix and never a passing design. The numbers of the building blocks are illustrative unless a
source is named beside them.
"""

from __future__ import annotations

import functools
import math
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tpmprep.exceptions import InputError
from tpmprep.judging import Judgement, Tolerance, Verdict
from tpmprep.scenarios.base import Answer, Given, PropertyAnswer, Scenario
from tpmprep.units import Q, fmt

__all__ = [
    "APP_SOURCE",
    "COUNT",
    "ESTIMATE",
    "SECONDS_PER_DAY",
    "Block",
    "DesignBrief",
    "DesignScenario",
    "FlowRule",
    "as_float",
    "cost_of",
    "given_percent",
    "new_design",
    "read_design",
    "round_sig",
    "round_up",
    "spare",
    "values_of",
]

# A rate worked out from the brief's inputs: ±15% accepts a day rounded to 10^5 s (14% low) and
# rounded inputs, and rejects a forgotten peak factor (x2 or more) or share.
ESTIMATE = Tolerance(rel=0.15)
# A count of instances: ±10% accepts a count one off at 10 or more, and rejects a forgotten
# utilisation target (at least 30% fewer) or a count not rounded up when it is small.
COUNT = Tolerance(rel=0.10)
_EPS = 1e-9
SECONDS_PER_DAY = 86_400
# 4 vCPU x 0.0504 USD per vCPU-hour (EC2 m7i, `tpmprep numbers cost`) x 730.5 h = 147 USD.
APP_SOURCE = ("cost: 4 vCPU at the EC2 m7i list price (`tpmprep numbers cost`), rounded; "
              "capacity illustrative")


def round_up(x: float, digits: int = 2) -> float:
    """Round ``x`` up to ``digits`` significant digits (a budget: 12,345 -> 13,000)."""
    if x <= 0:
        return 0.0
    scale = 10 ** (math.floor(math.log10(x)) - digits + 1)
    return math.ceil(x / scale - 1e-9) * scale


def round_sig(x: float, digits: int = 3) -> float:
    """Round ``x`` to ``digits`` significant digits (a peak: 18,518.5 -> 18,500)."""
    if x == 0:
        return 0.0
    scale = 10 ** (math.floor(math.log10(abs(x))) - digits + 1)
    return round(x / scale) * scale


def _rate(x: float) -> str:
    return fmt(Q(x, "req/s"))


def _ms(x: float) -> str:
    return fmt(Q(x, "ms"))


def _usd(x: float) -> str:
    return fmt(Q(x, "USD/month"))


def _a(what: str) -> str:
    """Return ``what`` with its indefinite article ("an app server", "a database node")."""
    return ("an " if what[:1].lower() in "aeiou" else "a ") + what


def _percent(x: float) -> str:
    from tpmprep.design._quantity import percent

    return percent(x)


@dataclass(frozen=True)
class Block:
    """A building block the brief offers: what ONE instance of a kind of component does.

    A candidate's component of this kind may claim no more than its block (capacity, hit ratio,
    availability) and no less (latency, cost).

    Attributes
    ----------
    key : str
        How the brief and the code name it (``sc.blocks["app"]``).
    kind : str
        The component kind (``service``, ``cache``, ...; see ``tpmprep.design.KINDS``).
    what : str
        What it is, for people ("app server (4 vCPU)").
    capacity : float or None
        Requests per second one instance serves (None: no limit, a managed service).
    latency : float
        Time one visit takes, ms.
    cost : float
        USD per month for one instance.
    availability : float
        Availability of one instance.
    hit_ratio : float or None
        For a cache or cdn: the most it answers itself.
    source : str
        Where the numbers come from ("illustrative" unless a source is named).
    """

    key: str
    kind: str
    what: str
    capacity: float | None
    latency: float
    cost: float
    availability: float = 0.999
    hit_ratio: float | None = None
    source: str = "illustrative"

    @property
    def throughput(self) -> Any:
        """What one instance serves, as a quantity in req/s (None: no limit)."""
        return None if self.capacity is None else Q(self.capacity, "req/s")

    def component(self, instances: int = 1, **fields: Any) -> dict[str, Any]:
        """Return the fields of a design component built from this block.

        Parameters
        ----------
        instances : int
            How many instances.
        **fields
            Fields to set differently (``hit_ratio=0.8``, ``note="..."``).

        Returns
        -------
        dict
            For ``Design.from_dict`` (components.NAME).
        """
        out: dict[str, Any] = {"kind": self.kind, "instances": int(instances)}
        if self.capacity is not None:
            out["capacity"] = self.capacity
        out["latency"] = self.latency
        if self.availability != 0.999:  # the default of every kind but the client
            out["availability"] = self.availability
        if self.hit_ratio is not None:
            out["hit_ratio"] = self.hit_ratio
        out["cost"] = self.cost
        out.update(fields)
        return out

    def instances_for(self, load: Any, target: float) -> int:
        """Instances needed to carry ``load`` at utilisation ``target`` (rounded up).

        Parameters
        ----------
        load : float or Quantity
            Requests per second (a quantity is converted to req/s).
        target : float or Quantity
            The utilisation target (0.7 or ``Q("70%")``).

        Returns
        -------
        int
            At least 1.
        """
        if self.capacity is None:
            return 1
        rate = _magnitude(load, "req/s")
        share = _magnitude(target, "")
        return max(1, math.ceil(rate / (self.capacity * share) - 1e-9))

    def excesses(self, c: Any) -> list[str]:
        """Say where a component claims more than this block allows ([] when it does not).

        Parameters
        ----------
        c : tpmprep.design.Component
            The candidate's component (of this block's kind).

        Returns
        -------
        list of str
        """
        out = []
        if self.capacity is not None:
            if c.capacity is None:
                out.append(f"no capacity limit, but {_a(self.what)} serves "
                           f"{_rate(self.capacity)} per instance")
            elif c.capacity > self.capacity * (1 + _EPS):
                out.append(f"capacity {_rate(c.capacity)} per instance is more than "
                           f"{_a(self.what)} serves ({_rate(self.capacity)})")
        if c.latency_ms < self.latency - _EPS:
            out.append(f"latency {_ms(c.latency_ms)} is less than {_a(self.what)}'s "
                       f"({_ms(self.latency)})")
        if c.instance_availability > self.availability + _EPS:
            out.append(f"availability {_percent(c.instance_availability)} per instance is more "
                       f"than {_a(self.what)}'s ({_percent(self.availability)})")
        if (c.hit_ratio or 0.0) > (self.hit_ratio or 0.0) + _EPS:
            out.append(f"hit ratio {_percent(c.hit_ratio)} is more than the brief allows "
                       f"{_a(self.what)} ({_percent(self.hit_ratio or 0.0)})")
        cost = c.monthly_cost_per_instance
        if cost is None:
            out.append(f"no cost given; {_a(self.what)} costs {_usd(self.cost)} per instance")
        elif cost < self.cost * (1 - _EPS):
            out.append(f"cost {_usd(cost)} per instance is less than {_a(self.what)} costs "
                       f"({_usd(self.cost)})")
        return out


def _magnitude(value: Any, unit: str) -> float:
    if hasattr(value, "to"):
        return float(value.to(unit).magnitude)
    return float(value)


@dataclass(frozen=True)
class FlowRule:
    """One flow of the brief: its share of the peak and what its path must (not) reach.

    Attributes
    ----------
    share : float
        Share of the peak.
    what : str
        What the flow is ("open a short link and be redirected").
    visits : tuple of tuple of str
        Groups of block keys; the path must reach a component of some block of each group.
    why : tuple of str
        Why, one per group ("the link is looked up where it is stored").
    avoids : tuple of str
        Block keys the path must never reach.
    why_not : str
        Why it must avoid them.
    uncached : str
        Why no cache may answer this flow's requests ("each create makes a new link"); empty
        when a cache or CDN may answer them.
    batch_after : tuple of str
        Block keys whose components combine this flow's requests: after one of them, ``calls``
        may shrink the load down to the brief's ``min_calls``; elsewhere they stay at 1 or more.
    """

    share: float
    what: str
    visits: tuple[tuple[str, ...], ...] = ()
    why: tuple[str, ...] = ()
    avoids: tuple[str, ...] = ()
    why_not: str = ""
    uncached: str = ""
    batch_after: tuple[str, ...] = ()


@dataclass(frozen=True)
class DesignBrief:
    """What a design exercise asks: peak, flows, requirements and building blocks.

    Attributes
    ----------
    name : str
        What is designed.
    peak : float
        The peak the design must carry, req/s.
    flows : dict of str to FlowRule
        The brief's flows (a design has exactly these).
    requirements : dict
        ``utilisation``, ``availability``, ``latency``, ``budget`` as for
        ``tpmprep.design.Requirements`` (floats: fractions, ms, USD/month).
    blocks : tuple of Block
        The building blocks.
    fanout : float or None
        When set, some flow's ``calls`` must multiply its load by at least this much.
    fanout_why : str
        What the fan-out is, for the feedback.
    min_calls : float
        The lowest product of ``calls`` a hop may reach after a component that combines
        requests (a flow's ``batch_after``); everywhere else the floor is 1.
    min_calls_why : str
        Why the floor is what it is.
    """

    name: str
    peak: float
    flows: dict[str, FlowRule]
    requirements: dict[str, Any]
    blocks: tuple[Block, ...]
    fanout: float | None = None
    fanout_why: str = ""
    min_calls: float = 1.0
    min_calls_why: str = "calls below 1 would hide load from the hops after them"
    _by_key: dict[str, Block] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_key.update({b.key: b for b in self.blocks})

    def block(self, key: str) -> Block:
        """Return the building block called ``key``."""
        return self._by_key[key]

    def parent(self, flow: str) -> str | None:
        """Return the brief's flow a design's flow belongs to (None: none).

        A design may split a flow of the brief into parts named ``FLOW-PART`` or ``FLOW_PART``
        (``internet-cloud``), whose shares divide the flow's share: some participants on one
        media tier, the rest on another.

        Parameters
        ----------
        flow : str
            The name of a flow of the design.

        Returns
        -------
        str or None
        """
        if flow in self.flows:
            return flow
        return next((f for f in self.flows if flow.startswith((f + "-", f + "_"))), None)

    def parts(self, design: Any) -> dict[str, list[str]]:
        """Return the design's flows that make up each flow of the brief.

        Parameters
        ----------
        design : tpmprep.design.Design
            The candidate's design.

        Returns
        -------
        dict of str to list of str
            For each flow of the brief, the design's flows that belong to it (may be empty).
        """
        out: dict[str, list[str]] = {f: [] for f in self.flows}
        for name in design.flows:
            owner = self.parent(name)
            if owner is not None:
                out[owner].append(name)
        return out

    # --- the text the candidate reads -----------------------------------------------------

    def requirements_text(self) -> str:
        """Return the requirements in one line (what the answer key shows).

        Returns
        -------
        str
        """
        r = self.requirements
        flows = ", ".join(f"{n} {_percent(f.share)}" for n, f in self.flows.items())
        parts = [f"peak {_rate(self.peak)} ({flows})",
                 f"utilisation <= {_percent(r.get('utilisation', 0.7))}"]
        for which, sign, show in (("availability", ">=", _percent), ("latency", "<=", _ms)):
            target = r.get(which)
            if isinstance(target, dict):
                parts.append(f"{which}: " + ", ".join(f"{n} {sign} {show(v)}"
                                                      for n, v in target.items()))
            elif target is not None:
                parts.append(f"{which} {sign} {show(target)} (every flow)")
        if r.get("budget") is not None:
            parts.append(f"budget <= {_usd(r['budget'])}")
        return "; ".join(parts) + "; only the brief's building blocks"

    def requirements_markdown(self) -> str:
        """Return the requirements, flows, rules and building blocks as Markdown tables.

        Returns
        -------
        str
        """
        r = self.requirements
        rows = ["| Requirement | Target |", "|---|---|",
                "| Peak | your estimate of question 1; the checker uses the brief's own figure "
                "(`sc.peak`) |",
                f"| Utilisation | at most {_percent(r.get('utilisation', 0.7))} of capacity, "
                "every component, at peak |"]
        for which, word, show in (("availability", "at least", _percent),
                                  ("latency", "mean at most", _ms)):
            target = r.get(which)
            if isinstance(target, dict):
                for name, value in target.items():
                    rows.append(f"| {which.capitalize()} of `{name}` | {word} {show(value)} |")
            elif target is not None:
                rows.append(f"| {which.capitalize()} | {word} {show(target)}, every flow |")
        if r.get("budget") is not None:
            rows.append(f"| Budget | at most {_usd(r['budget'])} |")
        flows = ["| Flow | Share | What it is | Its path must |", "|---|---|---|---|"]
        for name, f in self.flows.items():
            musts = [
                "reach " + " or ".join(self.block(k).what for k in group) + f" ({why})"
                for group, why in zip(f.visits, f.why, strict=True)
            ]
            if f.avoids:
                musts.append("never reach " + " or ".join(self.block(k).what for k in f.avoids)
                             + f" ({f.why_not})")
            if f.uncached:
                musts.append(f"pass no cache or CDN that answers any of it ({f.uncached})")
            flows.append(f"| `{name}` | {_percent(f.share)} | {f.what} | "
                         f"{'; '.join(musts) or '-'} |")
        blocks = ["| Block | `sc.blocks[...]` | Kind | Capacity each | Latency | Availability "
                  "each | Hit ratio (most) | Cost each | Source |",
                  "|---|---|---|---|---|---|---|---|---|"]
        for b in self.blocks:
            blocks.append(
                f"| {b.what} | `\"{b.key}\"` | `{b.kind}` | "
                f"{'no limit' if b.capacity is None else _rate(b.capacity)} | {_ms(b.latency)} | "
                f"{_percent(b.availability)} | "
                f"{'-' if b.hit_ratio is None else _percent(b.hit_ratio)} | {_usd(b.cost)} | "
                f"{b.source} |"
            )
        first = next(iter(self.flows))
        rules = [
            f"**Rules.** Your design has exactly these flows, or splits one into parts named "
            f"`FLOW-PART` (`{first}-a` and `{first}-b`) whose shares divide its share. "
            "Every component except the client is "
            "one of the building blocks: it may claim no more capacity, hit ratio or availability "
            "per instance than its block, and no less latency or cost. A client only sends "
            "requests: it is the first hop of a path.",
        ]
        batching = [(n, f) for n, f in self.flows.items() if f.batch_after]
        if batching and self.min_calls < 1:
            where = "; ".join(
                f"on `{n}` after a " + " or ".join(self.block(k).what for k in f.batch_after)
                for n, f in batching)
            rules.append(f"`calls` are 1 or more (fan-out), except {where}, where they may shrink "
                         f"the load down to {fmt(self.min_calls)} of it and no lower "
                         f"({self.min_calls_why}).")
        else:
            rules.append("`calls` are 1 or more (fan-out).")
        if self.fanout is not None:
            rules.append(f"Some flow shows the fan-out with `calls` of at least "
                         f"{fmt(self.fanout)} ({self.fanout_why}).")
        rules.append("The checker judges your design at the brief's peak and shares, against "
                     "these requirements: a `requirements:` block in your design is ignored.")
        return "\n".join([
            "#### What the design must do", "", *rows, "", *flows, "",
            "#### Building blocks (per instance)", "", *blocks, "", " ".join(rules), "",
        ])

    # --- judging ----------------------------------------------------------------------------

    def rule_problems(self, design: Any) -> list[str]:
        """Return every way the design breaks the brief's rules (flows, blocks, calls, fan-out).

        Parameters
        ----------
        design : tpmprep.design.Design
            The candidate's design.

        Returns
        -------
        list of str
            One sentence each, naming the flow or component; [] when the rules hold.
        """
        problems = []
        given = list(design.flows)
        strays = [n for n in given if self.parent(n) is None]
        if strays or not all(self.parts(design).values()):
            split = " and ".join(f"{n} ({_percent(f.share)})" for n, f in self.flows.items())
            problems.append(f"the brief splits the traffic into the flows {split}; your design "
                            f"has {', '.join(given) or 'no flows'}")
        fits: dict[str, list[str]] = {}
        for name, c in design.components.items():
            if c.kind == "client":
                continue
            options = [b for b in self.blocks if b.kind == c.kind]
            if not options:
                kinds = sorted({b.kind for b in self.blocks})
                problems.append(f"{name}: the brief offers no {c.kind}; its building blocks are "
                                f"of the kinds {', '.join(kinds)} (and client)")
                continue
            found = [b.key for b in options if not b.excesses(c)]
            fits[name] = found
            if not found:
                closest = min(options, key=lambda b: len(b.excesses(c)))
                problems.append(f"{name} ({c.kind}): " + "; ".join(closest.excesses(c)))
        fanned = 0.0
        for fname, flow in design.flows.items():
            rule = self.flows.get(self.parent(fname) or "")
            combiners = set(rule.batch_after) if rule is not None else set()
            product, combined = 1.0, False
            for i, hop in enumerate(flow.path):
                c = design.components[hop.to]
                if c.kind == "client" and i > 0:
                    problems.append(f"flow {fname}: {hop.to} is a client, which sends requests "
                                    "and serves none: a client is only the first hop of a path")
                product *= hop.calls
                fanned = max(fanned, product)
                floor, why = ((self.min_calls, self.min_calls_why) if combined
                              else (1.0, "calls below 1 would hide load from the hops after them"))
                if product < floor * (1 - _EPS):
                    if combiners and not combined:
                        names = " or ".join(self.block(k).what for k in rule.batch_after)
                        why += f"; requests are combined only after {_a(names)}"
                    problems.append(
                        f"flow {fname}: calls multiply its load by {fmt(product)} at {hop.to}, "
                        f"below the brief's floor of {fmt(floor)} ({why})"
                    )
                    break
                if any(key in combiners for key in fits.get(hop.to, ())):
                    combined = True
            if rule is None:
                continue
            if rule.uncached:
                for n in dict.fromkeys(h.to for h in flow.path):
                    c = design.components[n]
                    if (c.hit_ratio or 0.0) > _EPS:
                        problems.append(f"flow {fname}: {n} ({_a(c.kind)}) would answer "
                                        f"{_percent(c.hit_ratio)} of its requests, but no cache "
                                        f"can answer them ({rule.uncached})")
            reached = {h.to for h in flow.path}
            for group, why in zip(rule.visits, rule.why, strict=True):
                if not any(key in fits.get(n, ()) for n in reached for key in group):
                    what = " or ".join(self.block(k).what for k in group)
                    problems.append(f"flow {fname}: never reaches {_a(what)} ({why})")
            for n in sorted(reached):
                bad = [k for k in rule.avoids if k in fits.get(n, ())]
                if bad:
                    problems.append(f"flow {fname}: reaches {n} ({self.block(bad[0]).what}), "
                                    f"which it must not ({rule.why_not})")
        if self.fanout is not None and fanned < self.fanout * (1 - _EPS):
            problems.append(f"no flow fans out by {fmt(self.fanout)}: {self.fanout_why}; "
                            "show it with calls on the hop that is called that many times")
        return problems

    def judged(self, design: Any) -> tuple[Any, list[str]]:
        """Return the design at the brief's peak, shares and requirements, and what changed.

        Parameters
        ----------
        design : tpmprep.design.Design
            A design with the brief's flows (or their parts).

        Returns
        -------
        (Design, list of str)
            The design to evaluate and notes for the candidate.
        """
        from tpmprep.design import Design, Requirements

        data = design.to_dict(units=False)
        notes = []
        if abs(design.traffic.peak - self.peak) > 1e-6 * self.peak:
            notes.append(f"judged at the brief's peak of {_rate(self.peak)} (your design says "
                         f"{_rate(design.traffic.peak)})")
        data["traffic"]["peak"] = self.peak
        parts = self.parts(design)
        shares: dict[str, float] = {}
        for name, f in self.flows.items():
            given = sum(design.share(n) for n in parts[name])
            for n in parts[name]:  # a split flow keeps the ratio of its parts
                shares[n] = (f.share * design.share(n) / given if given > 0
                             else f.share / len(parts[name]))
        if any(abs(design.share(n) - share) > 1e-6 for n, share in shares.items()):
            said = ", ".join(f"{n} {_percent(f.share)}" for n, f in self.flows.items())
            notes.append(f"judged with the brief's shares ({said})")
        for name, share in shares.items():
            data["flows"][name]["share"] = share
        brief = Requirements(**self.requirements)
        if design.requirements not in (Requirements(), brief):
            notes.append("your design's requirements: block is not used; the brief's "
                         "requirements are")
        data["requirements"] = {
            key: ({n: v for f, v in value.items() for n in parts[f]}
                  if isinstance(value, dict) else value)
            for key, value in self.requirements.items()
        }
        return Design.from_dict(data, name="your design"), notes

    def judge(self, text: str) -> Judgement:
        """Judge a design (YAML text) against the brief.

        Parameters
        ----------
        text : str
            The design as YAML.

        Returns
        -------
        Judgement
            Correct when the rules hold and every requirement is met; otherwise the reason lists
            the broken rules or the failed requirements (component to blame and symptom).

        Raises
        ------
        DocumentError
            When the text is not a readable design.
        """
        from tpmprep.design import Design, evaluate

        design = Design.from_yaml(text, name="your design")
        problems = self.rule_problems(design)
        if problems:
            lines = "\n".join(f"  - {p}" for p in problems)
            broken = ("a rule of the brief" if len(problems) == 1
                      else f"{len(problems)} of the brief's rules")
            return Judgement(Verdict.INCORRECT,
                             reason=f"the design breaks {broken}:\n{lines}")
        judged, notes = self.judged(design)
        result = evaluate(judged)
        note = "; ".join(notes)
        total = len(result.requirements)
        if result.met:
            top = result.bottleneck
            where = (f"bottleneck {top} at {_percent(result.components[top].utilisation)} "
                     f"(headroom x{fmt(result.headroom, digits=2)})" if top else "no bottleneck")
            budget = self.requirements.get("budget")
            cost = _usd(result.monthly_cost) + (f" of {_usd(budget)}" if budget else "")
            return Judgement(Verdict.CORRECT, note=note, reason=(
                f"all {total} requirements of the brief met at its peak of {_rate(self.peak)}: "
                f"{where}; {cost}."
            ))
        failed = result.failed
        lines = "\n".join(f"  - {v.name}: {v.detail}" for v in failed)
        return Judgement(Verdict.INCORRECT, note=note, reason=(
            f"{len(failed)} of {total} requirements of the brief NOT met at its peak of "
            f"{_rate(self.peak)}:\n{lines}"
        ))


def read_design(answer: Any) -> str:
    """Read what a candidate gives as a design into YAML text (checked to be a readable design).

    Parameters
    ----------
    answer : Design, str or path-like
        A ``Design`` (from code or ``builder.design``), YAML text, or the path of a .yaml file.

    Returns
    -------
    str
        The design as YAML.

    Raises
    ------
    DocumentError
        When the YAML or the file is not a readable design (one line per problem).
    InputError
        When the answer is none of these.
    """
    from tpmprep.design import Design

    if isinstance(answer, Design):
        return answer.to_yaml()
    if isinstance(answer, os.PathLike) or (
        isinstance(answer, str) and "\n" not in answer
        and answer.strip().endswith((".yaml", ".yml"))
    ):
        path = Path(answer)
        Design.from_yaml(path)  # a missing or malformed file: DocumentError naming it
        return path.read_text(encoding="utf-8")
    if isinstance(answer, str):
        Design.from_yaml(answer if "\n" in answer else answer + "\n", name="your design")
        return answer
    raise InputError(
        "design",
        f"expected a design: a Design (builder.design), YAML text or the path of a .yaml file, "
        f"got {type(answer).__name__}",
    )


class DesignScenario(Scenario):
    """Base of the design exercises: a seeded brief, estimates, and the design judged by it.

    Subclasses define ``draw`` (the numbers), ``make_brief`` (a :class:`DesignBrief` from
    them), ``estimates`` (the ordinary answers) and ``starting_design`` (a design that fails).
    """

    def make_brief(self) -> DesignBrief:
        """Return the brief, computed from ``self.givens``."""
        raise NotImplementedError

    def estimates(self) -> dict[str, Answer]:
        """Return the ordinary answers checked before the design."""
        raise NotImplementedError

    def starting_design(self) -> Any:
        """Return a design with the brief's flows that does NOT meet the brief (to start from).

        Returns
        -------
        tpmprep.design.Design
        """
        raise NotImplementedError

    @functools.cached_property
    def design_brief(self) -> DesignBrief:
        """The brief (computed once)."""
        return self.make_brief()

    @property
    def peak(self) -> Any:
        """The peak the design must carry, as a quantity in req/s (the brief's own figure)."""
        return Q(self.design_brief.peak, "req/s")

    @property
    def requirements(self) -> dict[str, Any]:
        """The brief's requirements, for ``evaluate(design, requirements=...)`` and the builder."""
        return dict(self.design_brief.requirements)

    @property
    def blocks(self) -> dict[str, Block]:
        """The building blocks by key (``sc.blocks["app"].capacity`` is in req/s)."""
        return {b.key: b for b in self.design_brief.blocks}

    def share(self, flow: str) -> float:
        """Return the brief's share of the peak for ``flow``.

        Parameters
        ----------
        flow : str
            A flow of the brief.

        Returns
        -------
        float
        """
        try:
            return self.design_brief.flows[flow].share
        except KeyError:
            raise InputError("flow", f"no flow {flow!r} in the brief; flows: "
                                     f"{', '.join(self.design_brief.flows)}") from None

    def compute(self) -> dict[str, Answer | PropertyAnswer]:
        """Return the estimates and the design, judged by the brief."""
        brief = self.design_brief
        return {
            **self.estimates(),
            "design": PropertyAnswer("Your design", brief.requirements_text(), read_design,
                                     brief.judge),
        }

    def brief_markdown(self) -> str:
        """Return the story, the numbers, the requirements and the building blocks."""
        return super().brief_markdown() + "\n" + self.design_brief.requirements_markdown()


# --- helpers of the prompts (tpmprep.scenarios.design_studio) ---------------------------------


def given_percent(label: str, value: float) -> Given:
    """Return a percentage given (``value`` 0.95 is shown as 95%)."""
    return Given(label, Q(round(value * 100, 6), "percent"))


def new_design(name: str, peak: float, components: dict[str, Any], flows: dict[str, Any]) -> Any:
    """Return a ``Design`` with these components and flows (a starting design)."""
    from tpmprep.design import Design

    return Design.from_dict({"name": name, "traffic": {"peak": peak},
                             "components": components, "flows": flows})


def spare(block: Block, load: float, target: float) -> int:
    """Return the instances to carry ``load`` under ``target``, plus one spare."""
    return block.instances_for(load, target) + 1


def cost_of(*tiers: tuple[Block, int]) -> float:
    """Return the monthly cost of (block, instances) tiers, USD."""
    return sum(block.cost * n for block, n in tiers)


def values_of(sc: Scenario) -> dict[str, Any]:
    """Return a scenario's numbers by name (the values of its givens)."""
    return {k: g.value for k, g in sc.givens.items()}


def as_float(q: Any, unit: str = "") -> float:
    """Return a quantity's magnitude in ``unit`` as a float."""
    return float(q.to(unit).magnitude)
