"""A system design as data: components, the flows of requests through them, and requirements.

A :class:`Design` is what a candidate draws on the whiteboard, written down: named
**components** (a load balancer, a service, a cache, a database, ...), each with a kind, a number
of instances and what one instance can do; **flows**, each a share of the peak traffic and the
path of components a request visits in order; and the **requirements** the prompt sets. It is
read from YAML (``Design.from_yaml``) or built in Python (``Design.from_dict`` and the builder
methods), and the same checks run either way: every problem is one line naming the field and
the fix, all raised together as a :class:`~tpmprep.exceptions.DocumentError`.

Designs are immutable: every builder method (``add_component``, ``with_instances``,
``add_flow``, ...) returns a new, fully checked design and leaves the original unchanged, so a
drill or a "what if" never disturbs the design it started from.

Quantities are stored as floats in one unit per kind (req/s, ms, a fraction, USD/month); text
with units is read once, here (see ``docs/design-format.md``).
"""

from __future__ import annotations

import difflib
import math
import os
import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from tpmprep.design import _quantity as qty
from tpmprep.exceptions import DocumentError

__all__ = [
    "CACHING_KINDS",
    "KINDS",
    "Component",
    "Design",
    "Flow",
    "Hop",
    "KindDefaults",
    "Price",
    "Requirements",
    "Traffic",
]

MAX_INSTANCES = 100_000
SHARE_TOLERANCE = 1e-9
DEFAULT_AVAILABILITY = 0.999
DEFAULT_UTILISATION = 0.7


@dataclass(frozen=True)
class KindDefaults:
    """What a kind of component means and the defaults it brings.

    Attributes
    ----------
    description : str
        What the kind is, in a few words.
    latency_ms : float
        Latency of one visit when the component gives none, in ms (a sketch figure).
    availability : float
        Availability of one instance when the component gives none.
    needs_capacity : bool
        Whether ``capacity`` must be given (False: no limit unless one is given).
    caches : bool
        Whether it answers some requests itself (``hit_ratio``), as a cache or a CDN does.
    """

    description: str
    latency_ms: float
    availability: float = DEFAULT_AVAILABILITY
    needs_capacity: bool = True
    caches: bool = False


KINDS: dict[str, KindDefaults] = {
    "client": KindDefaults("the people or devices sending requests", 0.0, 1.0, False),
    "dns": KindDefaults("name resolution (resolved once and cached by clients)", 0.0,
                        needs_capacity=False),
    "cdn": KindDefaults("edge caches near the users", 10.0, needs_capacity=False, caches=True),
    "load_balancer": KindDefaults("spreads requests over instances of the next hop", 1.0),
    "gateway": KindDefaults("API gateway: authentication, rate limits, routing", 2.0),
    "service": KindDefaults("an application service you run", 10.0),
    "cache": KindDefaults("an in-memory cache in front of a slower store", 1.0, caches=True),
    "database": KindDefaults("a database (SQL or NoSQL)", 10.0),
    "queue": KindDefaults("a message queue or log (enqueue only)", 2.0),
    "object_store": KindDefaults("blob storage such as S3", 30.0),
    "external": KindDefaults("a third-party service you call", 100.0, needs_capacity=False),
}
CACHING_KINDS = tuple(name for name, k in KINDS.items() if k.caches)
Kind = Literal[
    "client",
    "dns",
    "cdn",
    "load_balancer",
    "gateway",
    "service",
    "cache",
    "database",
    "queue",
    "object_store",
    "external",
]
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,39}")


def _reader(kind: qty.QuantityKind, *, positive: bool = False, nonnegative: bool = False):
    def check(value: Any) -> Any:
        if value is None:
            return None
        x = qty.read(value, kind)
        if positive and x <= 0:
            raise ValueError(f"must be above 0, got {value!r}; give {kind.noun} such as "
                             f"{kind.example}")
        if nonnegative and x < 0:
            raise ValueError(f"must not be negative, got {value!r}")
        return x

    return BeforeValidator(check)


def _targets(kind: qty.QuantityKind) -> BeforeValidator:
    """Read one target for every flow, or a mapping of flow name to target."""

    def check(value: Any) -> Any:
        if value is None:
            return None
        if not isinstance(value, dict):
            return qty.read(value, kind)
        out, problems = {}, []
        for flow, target in value.items():
            try:
                out[flow] = qty.read(target, kind)
            except ValueError as err:
                problems.append(_problem((flow,), str(err), target))
        _raise("target", problems)
        return out

    return BeforeValidator(check)


Rate = Annotated[float, _reader(qty.RATE, positive=True)]
Millis = Annotated[float, _reader(qty.DURATION, nonnegative=True)]
Fraction = Annotated[float, _reader(qty.FRACTION)]
Money = Annotated[float, _reader(qty.MONEY, nonnegative=True)]


def _problem(loc: tuple[Any, ...], message: str, value: Any = None) -> InitErrorDetails:
    return InitErrorDetails(
        type=PydanticCustomError("design", "{message}", {"message": message}),
        loc=loc,
        input=value,
    )


def _raise(title: str, problems: list[InitErrorDetails]) -> None:
    if problems:
        raise ValidationError.from_exception_data(title, problems)


def _did_you_mean(name: str, known: list[str]) -> str:
    close = difflib.get_close_matches(name, known, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Hop(_Model):
    """One step of a flow's path: the component visited and how many calls it gets.

    Attributes
    ----------
    to : str
        The component's name.
    calls : float
        Calls made to it for each request reaching this hop (fan-out); multiplies the load here
        and at every later hop of the path. Default 1.
    """

    to: str
    calls: float = Field(default=1.0, gt=0, le=1e6)


def _hop(value: Any) -> Any:
    return {"to": value} if isinstance(value, str) else value


class Flow(_Model):
    """A kind of request: its share of the peak and the components it visits, in order.

    Attributes
    ----------
    share : float or None
        Share of ``traffic.peak`` (shares of all flows add up to 1); may be left out when the
        design has one flow, which then carries all the traffic.
    path : list of Hop
        The components visited, in order (a name, or ``{to: name, calls: 3}``).
    """

    share: Fraction | None = None
    path: list[Annotated[Hop, BeforeValidator(_hop)]] = Field(min_length=1)

    @field_validator("path", mode="before")
    @classmethod
    def _path_is_a_list(cls, value: Any) -> Any:
        if isinstance(value, str):
            raise ValueError(
                f"give a list of component names, e.g. [{value}, ...], not one text"
            )
        return value


class Price(_Model):
    """A per-instance price looked up in the reference numbers (``tpmprep.numbers``, table cost).

    Attributes
    ----------
    key : str
        A key of the cost table, with or without ``cost.`` (``compute.instance_hour``).
    per_instance : str or None
        How many of the priced unit one instance uses, when the price is per unit
        (``"4 vCPU"`` for ``compute.vcpu_hour``, ``"500 GB"`` for ``storage.object_gb_month``).
    edition : str or None
        The table's edition (default: the current one when the design is read).
    """

    key: str
    per_instance: str | float | None = None
    edition: str | None = None
    _monthly: float = PrivateAttr(default=0.0)
    _source: str = PrivateAttr(default="")

    @model_validator(mode="after")
    def _look_up(self) -> Price:
        from tpmprep import numbers
        from tpmprep.exceptions import QuantityParseError
        from tpmprep.units import Q, fmt

        key = self.key if self.key.startswith("cost.") else f"cost.{self.key}"
        editions = numbers.editions("cost")
        edition = self.edition or numbers.current_edition("cost")
        if edition not in editions:
            _raise("Price", [_problem(("edition",), f"unknown edition {edition!r}; editions of "
                                                    f"the cost table: {', '.join(editions)}")])
        known = [k.removeprefix("cost.") for k in numbers.keys("cost", edition)]
        if key not in numbers.keys("cost", edition):
            short = key.removeprefix("cost.")
            _raise("Price", [_problem(("key",), (
                f"no price {short!r} in the {edition} edition{_did_you_mean(short, known)}; "
                f"prices: {', '.join(known)}"
            ))])
        entry = numbers.entry(key, edition=edition)
        value = entry.value
        extra_units = [
            u for u in value.units._units
            if str(Q(1, u).dimensionality) == "dimensionless"
        ]
        if self.per_instance is None and extra_units:
            _raise("Price", [_problem(
                ("per_instance",),
                f"{key.removeprefix('cost.')} is priced per {extra_units[0]}; say how many one "
                f"instance uses, e.g. per_instance: '4 {extra_units[0]}'",
            )])
        if self.per_instance is not None:
            try:
                value = value * Q(self.per_instance)
            except QuantityParseError as err:
                _raise("Price", [_problem(("per_instance",), str(err).removeprefix("value: "))])
        if str(value.dimensionality) != "[currency] / [time]":
            _raise("Price", [_problem(
                ("per_instance",) if self.per_instance is not None else ("key",),
                f"{key.removeprefix('cost.')} at {fmt(entry.value)}"
                + (f" x {self.per_instance}" if self.per_instance is not None else "")
                + " is not a cost per month; give per_instance in the unit it is priced per "
                "(e.g. '500 GB' for a price per GB-month)",
            )])
        self._monthly = float(value.to("USD/month").magnitude)
        uses = f" x {self.per_instance}" if self.per_instance is not None else ""
        self._source = (
            f"{key} ({entry.edition}): {fmt(entry.value)}{uses}, {entry.label}; {entry.source}, "
            f"{entry.date}"
        )
        return self

    @property
    def monthly(self) -> float:
        """The price of one instance in USD per month."""
        return self._monthly

    @property
    def source(self) -> str:
        """Where the price comes from: key, edition, value, label, source and date."""
        return self._source


def _price(value: Any) -> Any:
    return {"key": value} if isinstance(value, str) else value


class Component(_Model):
    """A box on the diagram: what kind it is, how many instances, what one instance can do.

    Attributes
    ----------
    kind : str
        One of ``KINDS``.
    instances : int
        Instances running (1 to 100,000). Default 1.
    capacity : float or None
        Requests per second ONE instance can serve, req/s. Required except for client, dns,
        cdn and external, which have no limit unless one is given.
    latency : float or None
        Time one visit takes, ms (default: the kind's, see ``KINDS``).
    availability : float or None
        Availability of one instance, a fraction (default 99.9%; a client's 100%).
    hit_ratio : float or None
        For a cache or cdn (required there, refused elsewhere): the share of requests reaching
        it that it answers itself.
    cost : float or None
        Cost of one instance, USD per month.
    price : Price or None
        A reference price instead of ``cost`` (``compute.instance_hour``).
    note : str or None
        Free text for the reader (why this component, what it runs).
    """

    kind: Kind
    instances: int = Field(default=1, ge=1, le=MAX_INSTANCES)
    capacity: Rate | None = None
    latency: Millis | None = None
    availability: Fraction | None = None
    hit_ratio: Fraction | None = None
    cost: Money | None = None
    price: Annotated[Price, BeforeValidator(_price)] | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _fits_its_kind(self) -> Component:
        spec = KINDS[self.kind]
        problems = []
        if self.hit_ratio is not None and not spec.caches:
            problems.append(_problem(
                ("hit_ratio",),
                f"only a cache or cdn answers requests itself; remove hit_ratio or set kind: "
                f"cache (this is a {self.kind})",
                self.hit_ratio,
            ))
        if self.hit_ratio is None and spec.caches:
            problems.append(_problem(
                ("hit_ratio",),
                f"required for a {self.kind}: the share of requests it answers itself, "
                "e.g. hit_ratio: 90%",
            ))
        if self.capacity is None and spec.needs_capacity:
            problems.append(_problem(
                ("capacity",),
                f"required for a {self.kind}: the requests per second ONE instance can serve, "
                "e.g. capacity: 2K req/s",
            ))
        if self.cost is not None and self.price is not None:
            problems.append(_problem(("price",), "give cost or price, not both"))
        if self.availability is not None and self.availability <= 0:
            problems.append(_problem(
                ("availability",), "must be above 0%; an instance that is never up is no "
                "instance (for a failure, use the drills)", self.availability,
            ))
        _raise("Component", problems)
        return self

    @property
    def latency_ms(self) -> float:
        """Latency of one visit in ms: the given one or the kind's default."""
        return KINDS[self.kind].latency_ms if self.latency is None else self.latency

    @property
    def instance_availability(self) -> float:
        """Availability of one instance: the given one or the kind's default."""
        return KINDS[self.kind].availability if self.availability is None else self.availability

    @property
    def monthly_cost_per_instance(self) -> float | None:
        """USD per month for one instance: ``cost``, else the price, else None (unknown).

        A client costs nothing unless a cost is given.
        """
        if self.cost is not None:
            return self.cost
        if self.price is not None:
            return self.price.monthly
        return 0.0 if self.kind == "client" else None

    @property
    def cost_source(self) -> str:
        """Where the cost per instance comes from, for a reader."""
        if self.cost is not None:
            return "given"
        if self.price is not None:
            return self.price.source
        return "none (a client's device)" if self.kind == "client" else "not given"


class Traffic(_Model):
    """The traffic the design must carry.

    Attributes
    ----------
    peak : float
        Requests per second arriving at the entry at peak, req/s.
    """

    peak: Rate


class Requirements(_Model):
    """What the prompt asks of the design; each becomes a verdict.

    Attributes
    ----------
    utilisation : float
        Highest utilisation any component may reach at peak (default 70%).
    availability : float or dict or None
        Lowest availability of every flow, or per flow name.
    latency : float or dict or None
        Highest mean latency, ms, of every flow, or per flow name.
    budget : float or None
        Highest total cost, USD per month.
    """

    utilisation: Fraction = DEFAULT_UTILISATION
    availability: Annotated[float | dict[str, float] | None, _targets(qty.FRACTION)] = None
    latency: Annotated[float | dict[str, float] | None, _targets(qty.DURATION)] = None
    budget: Money | None = None

    @field_validator("utilisation")
    @classmethod
    def _above_zero(cls, value: float) -> float:
        if value <= 0:
            raise ValueError("must be above 0%, e.g. utilisation: 70%")
        return value

    def for_flow(self, which: str, flow: str) -> float | None:
        """Return the target of ``which`` (availability or latency) for one flow, or None.

        Parameters
        ----------
        which : str
            ``"availability"`` or ``"latency"``.
        flow : str
            The flow's name.

        Returns
        -------
        float or None
        """
        target = getattr(self, which)
        if isinstance(target, dict):
            return target.get(flow)
        return target

    def unknown_flows(self, flows: list[str]) -> list[tuple[tuple[str, str], str]]:
        """Problems for per-flow targets naming a flow that does not exist.

        Parameters
        ----------
        flows : list of str
            The design's flow names.

        Returns
        -------
        list of ((field, flow), message)
        """
        problems = []
        for which in ("availability", "latency"):
            target = getattr(self, which)
            if isinstance(target, dict):
                for name in target:
                    if name not in flows:
                        problems.append(((which, name), (
                            f"unknown flow {name!r}{_did_you_mean(name, flows)}; flows: "
                            f"{', '.join(flows) or 'none yet'}"
                        )))
        return problems


def _mapping(value: Any) -> dict[Any, Any]:
    return value if isinstance(value, dict) else {}


def _cross_problems(data: Any) -> list[tuple[tuple[Any, ...], str]]:
    """Find problems between fields (names, paths, shares, per-flow targets) in plain data.

    Works on raw data too (skipping what is malformed, which the field checks report), so a
    file with both a misspelt field and an unknown component in a path gets both lines at once.
    """
    data = _mapping(data)
    components = _mapping(data.get("components"))
    flows = _mapping(data.get("flows"))
    names = [str(n) for n in components]
    problems: list[tuple[tuple[Any, ...], str]] = []
    for section, keys in (("components", names), ("flows", [str(f) for f in flows])):
        for key in keys:
            if not _NAME.fullmatch(key):
                problems.append(((section, key), "a name is 1 to 40 letters, digits, '_' or "
                                                 "'-', starting with a letter"))
    shares: dict[str, float | None] = {}
    for flow_name, flow in flows.items():
        flow = _mapping(flow)
        path = flow.get("path")
        for i, hop in enumerate(path if isinstance(path, list) else []):
            target = hop.get("to") if isinstance(hop, dict) else hop
            if isinstance(target, str) and target not in components:
                problems.append((("flows", flow_name, "path", i), (
                    f"unknown component {target!r}{_did_you_mean(target, names)}; "
                    f"components: {', '.join(names) or 'none yet'}"
                )))
        try:
            share = flow.get("share")
            shares[flow_name] = None if share is None else qty.read(share, qty.FRACTION)
        except ValueError:
            shares[flow_name] = math.nan  # reported by the field check
    missing = [n for n, v in shares.items() if v is None]
    if len(shares) > 1:
        for n in missing:
            problems.append((("flows", n, "share"),
                             "required when there are several flows; shares add up to 100%"))
    if shares and not missing and not any(math.isnan(v) for v in shares.values()):
        total = sum(shares.values())
        if abs(total - 1.0) > SHARE_TOLERANCE:
            parts = ", ".join(f"{n} {qty.percent(v, 4)}" for n, v in shares.items())
            problems.append((("flows",), (
                f"shares add up to {qty.percent(total, 6)} ({parts}); make them add up to 100%"
                + (" (leave share out when there is one flow)" if len(shares) == 1 else "")
            )))
    flow_names = [str(f) for f in flows]
    requirements = _mapping(data.get("requirements"))
    for which in ("availability", "latency"):
        for name in _mapping(requirements.get(which)):
            if name not in flows:
                problems.append((("requirements", which, name), (
                    f"unknown flow {name!r}{_did_you_mean(str(name), flow_names)}; flows: "
                    f"{', '.join(flow_names) or 'none yet'}"
                )))
    return problems


class Design(_Model):
    """A system design: traffic, components, flows of requests through them, requirements.

    Build one with :meth:`from_yaml`, :meth:`from_dict` or the builder methods, which raise
    :class:`~tpmprep.exceptions.DocumentError` (one line per problem). A design is immutable;
    builder methods return a new one. ``evaluate()`` judges it, ``diagram()`` draws it.

    Attributes
    ----------
    name : str
        What is designed ("URL shortener").
    description : str or None
        The prompt or a summary.
    traffic : Traffic
        ``traffic.peak``, req/s.
    components : dict of str to Component
        The boxes, by name.
    flows : dict of str to Flow
        The kinds of request, by name.
    requirements : Requirements
        What the prompt asks (utilisation 70% unless set).
    """

    name: str = Field(min_length=1)
    description: str | None = None
    traffic: Traffic
    components: dict[str, Component] = Field(default_factory=dict)
    flows: dict[str, Flow] = Field(default_factory=dict)
    requirements: Requirements = Field(default_factory=Requirements)
    _cache: dict[str, Any] = PrivateAttr(default_factory=dict)

    @model_validator(mode="after")
    def _consistent(self) -> Design:
        plain = {
            "components": {n: {} for n in self.components},
            "flows": {
                n: {"share": f.share, "path": [h.to for h in f.path]}
                for n, f in self.flows.items()
            },
            "requirements": {
                "availability": self.requirements.availability,
                "latency": self.requirements.latency,
            },
        }
        _raise("Design", [_problem(loc, message) for loc, message in _cross_problems(plain)])
        return self

    # --- reading and writing ------------------------------------------------------------

    @classmethod
    def from_dict(cls, data: Any, *, name: str = "design") -> Design:
        """Build a design from plain data (parsed YAML, or dicts written in Python).

        Parameters
        ----------
        data : dict
            ``name``, ``traffic``, ``components``, ``flows``, ``requirements`` (see the
            format in ``docs/design-format.md``). Quantities may be text with units or bare
            numbers in the field's unit.
        name : str
            What to call the document in problem lines.

        Returns
        -------
        Design

        Raises
        ------
        DocumentError
            With one line per problem: ``NAME: FIELD: what is wrong and how to fix it``.
        """
        from tpmprep.documents import validate

        if data is None:
            raise DocumentError([f"{name}: file: is empty; start from the example in "
                                 "docs/examples/url-shortener.yaml"])
        design, problems = validate(cls, data, name)
        if problems:
            from tpmprep.documents import field_path

            for loc, message in _cross_problems(data):
                line = f"{name}: {field_path(loc)}: {message}"
                if line not in problems:
                    problems.append(line)
            raise DocumentError(problems)
        return design

    @classmethod
    def from_yaml(cls, source: str | os.PathLike[str], *, name: str | None = None) -> Design:
        """Read a design from a YAML file or from YAML text.

        Parameters
        ----------
        source : str or path-like
            A path (a ``Path``, or text without a newline naming a file), or the YAML itself.
        name : str, optional
            What to call the document in problem lines (default: the path, or ``<text>``).

        Returns
        -------
        Design

        Raises
        ------
        DocumentError
            One line per problem, each naming the file, the field and the fix.
        """
        from tpmprep.documents import read_document

        data, label = read_document(source, name=name)
        return cls.from_dict(data, name=label)

    def to_dict(self, *, units: bool = True) -> dict[str, Any]:
        """Return the design as plain data that :meth:`from_dict` reads back.

        Only the fields that were given are written (defaults stay defaults).

        Parameters
        ----------
        units : bool
            Write quantities as text with units (``"40K req/s"``, for YAML); with False, as
            bare floats in the field's unit (req/s, ms, fraction, USD/month).

        Returns
        -------
        dict
        """

        def q(x: float | None, kind: qty.QuantityKind) -> Any:
            if x is None:
                return None
            return qty.write(x, kind) if units else x

        out: dict[str, Any] = {"name": self.name}
        if self.description is not None:
            out["description"] = self.description
        out["traffic"] = {"peak": q(self.traffic.peak, qty.RATE)}
        components: dict[str, Any] = {}
        for key, c in self.components.items():
            item: dict[str, Any] = {"kind": c.kind, "instances": c.instances}
            for field, kind in (
                ("capacity", qty.RATE),
                ("latency", qty.DURATION),
                ("availability", qty.FRACTION),
                ("hit_ratio", qty.FRACTION),
                ("cost", qty.MONEY),
            ):
                value = getattr(c, field)
                if value is not None:
                    item[field] = q(value, kind)
            if c.price is not None:
                price = c.price.model_dump(exclude_none=True)
                item["price"] = price["key"] if list(price) == ["key"] else price
            if c.note is not None:
                item["note"] = c.note
            components[key] = item
        out["components"] = components
        flows: dict[str, Any] = {}
        for key, f in self.flows.items():
            item = {}
            if f.share is not None:
                item["share"] = q(f.share, qty.FRACTION)
            item["path"] = [
                h.to if h.calls == 1 else {"to": h.to, "calls": _plain(h.calls)} for h in f.path
            ]
            flows[key] = item
        out["flows"] = flows
        r = self.requirements
        reqs: dict[str, Any] = {"utilisation": q(r.utilisation, qty.FRACTION)}
        for field, kind in (("availability", qty.FRACTION), ("latency", qty.DURATION)):
            target = getattr(r, field)
            if isinstance(target, dict):
                reqs[field] = {k: q(v, kind) for k, v in target.items()}
            elif target is not None:
                reqs[field] = q(target, kind)
        if r.budget is not None:
            reqs["budget"] = q(r.budget, qty.MONEY)
        out["requirements"] = reqs
        return out

    def to_yaml(self) -> str:
        """Return the design as YAML text that :meth:`from_yaml` reads back.

        Returns
        -------
        str
        """
        import yaml

        class Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # libyaml when there
            pass

        def lists(dumper: yaml.SafeDumper, items: list[Any]) -> Any:
            flat = all(not isinstance(i, dict | list) for i in items)
            return dumper.represent_sequence("tag:yaml.org,2002:seq", items, flow_style=flat)

        Dumper.add_representer(list, lists)
        return yaml.dump(self.to_dict(), Dumper=Dumper, sort_keys=False, allow_unicode=True,
                         width=100)

    # --- looking at it -------------------------------------------------------------------

    def share(self, flow: str) -> float:
        """Return the share of the peak a flow carries (1 for a design's only flow without a share).

        Parameters
        ----------
        flow : str
            The flow's name.

        Returns
        -------
        float
        """
        value = self.flows[flow].share
        return 1.0 if value is None else value

    def evaluate(self, scale: float = 1.0, requirements: Any = None) -> Any:
        """Evaluate the design (see :func:`tpmprep.design.evaluate`).

        Parameters
        ----------
        scale : float
            Multiply the peak by this before evaluating.
        requirements : Requirements or dict, optional
            Judge against these instead of the design's own.

        Returns
        -------
        Evaluation
        """
        from tpmprep.design.evaluation import evaluate

        return evaluate(self, scale=scale, requirements=requirements)

    def diagram(self, evaluation: Any = None) -> Any:
        """Return the design as a Mermaid diagram (see :func:`tpmprep.design.diagram`).

        Parameters
        ----------
        evaluation : Evaluation, optional
            Colour the boxes by utilisation and mark the single points of failure.

        Returns
        -------
        Diagram
        """
        from tpmprep.design.render import diagram

        return diagram(self, evaluation)

    def model_copy(self, *, update: dict[str, Any] | None = None, deep: bool = False) -> Design:
        """Copy the design (pydantic's copy, unchecked); prefer the builder methods, which check.

        Parameters
        ----------
        update : dict, optional
            Fields to replace, unvalidated.
        deep : bool
            Copy nested models too.

        Returns
        -------
        Design
        """
        copied = super().model_copy(update=update, deep=deep)
        copied._cache = {}  # never share the compiled form with a design that may differ
        return copied

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Design):
            return NotImplemented
        return self.to_dict(units=False) == other.to_dict(units=False)

    __hash__ = None  # type: ignore[assignment]  # holds dicts

    def __str__(self) -> str:
        return (
            f"{self.name}: {len(self.components)} components, {len(self.flows)} flows, "
            f"peak {qty.rate(self.traffic.peak)}"
        )

    def __repr__(self) -> str:
        return f"Design({self.name!r}: {str(self).split(': ', 1)[1]})"

    def _repr_markdown_(self) -> str:
        from tpmprep.design.render import mermaid

        return mermaid(self)

    # --- building (each returns a new design) -------------------------------------------------

    def _rebuilt(self, data: dict[str, Any]) -> Design:
        return Design.from_dict(data, name=self.name)

    def _raw(self) -> dict[str, Any]:
        return self.to_dict(units=False)

    def add_component(self, name: str, kind: str, **fields: Any) -> Design:
        """Return a new design with one more component.

        Parameters
        ----------
        name : str
            Its name (letters, digits, ``_``, ``-``; starting with a letter).
        kind : str
            One of ``KINDS``.
        **fields
            ``instances``, ``capacity``, ``latency``, ``availability``, ``hit_ratio``,
            ``cost``, ``price``, ``note``: numbers in the field's unit or text with units.

        Returns
        -------
        Design

        Raises
        ------
        DocumentError
            When the name is taken or a field is wrong.
        """
        if name in self.components:
            raise DocumentError([f"{self.name}: components.{name}: already exists; use "
                                 "with_component to change it or pick another name"])
        data = self._raw()
        data["components"][name] = {"kind": kind, **fields}
        return self._rebuilt(data)

    def with_component(self, name: str, **fields: Any) -> Design:
        """Return a new design with some fields of one component changed (None clears one).

        Parameters
        ----------
        name : str
            An existing component.
        **fields
            The fields to set, as for :meth:`add_component` (``kind`` too).

        Returns
        -------
        Design

        Raises
        ------
        DocumentError
            When the component does not exist or a field is wrong.
        """
        data = self._raw()
        item = data["components"].get(name)
        if item is None:
            raise DocumentError([self._unknown_component(name)])
        for key, value in fields.items():
            if value is None:
                item.pop(key, None)
            else:
                item[key] = value
        return self._rebuilt(data)

    def with_instances(self, name: str, instances: int) -> Design:
        """Return a new design with ``instances`` instances of component ``name``.

        Parameters
        ----------
        name : str
            An existing component.
        instances : int
            1 to 100,000.

        Returns
        -------
        Design
        """
        return self.with_component(name, instances=instances)

    def remove_component(self, name: str) -> Design:
        """Return a new design without component ``name``, which no flow may visit.

        Parameters
        ----------
        name : str
            An existing component.

        Returns
        -------
        Design

        Raises
        ------
        DocumentError
            When it does not exist or a flow still visits it.
        """
        if name not in self.components:
            raise DocumentError([self._unknown_component(name)])
        users = [f for f, flow in self.flows.items() if any(h.to == name for h in flow.path)]
        if users:
            raise DocumentError([f"{self.name}: components.{name}: flow(s) {', '.join(users)} "
                                 "still visit it; change their paths first"])
        data = self._raw()
        del data["components"][name]
        return self._rebuilt(data)

    def add_flow(self, name: str, path: list[Any], share: Any = None) -> Design:
        """Return a new design with one more flow; the others shrink to make room for its share.

        Parameters
        ----------
        name : str
            The flow's name.
        path : list
            Component names (or ``{"to": name, "calls": n}``) in the order a request visits.
        share : float or str, optional
            Its share of the peak (``0.2`` or ``"20%"``); the other flows' shares are
            multiplied by (1 - share). Required unless it is the first flow (then 100%).

        Returns
        -------
        Design

        Raises
        ------
        DocumentError
            When the name is taken, the share is missing or out of range, or the path names an
            unknown component.
        """
        if name in self.flows:
            raise DocumentError([f"{self.name}: flows.{name}: already exists; use with_flow "
                                 "to change it or pick another name"])
        data = self._raw()
        if not self.flows:
            data["flows"][name] = {"path": list(path)} | ({} if share is None else
                                                          {"share": share})
            return self._rebuilt(data)
        if share is None:
            raise DocumentError([f"{self.name}: flows.{name}.share: required when there are "
                                 "other flows, e.g. share=0.2; the others make room for it"])
        value = self._read_share(name, share)
        data["flows"] = self._rescaled(data["flows"], 1.0 - value)
        data["flows"][name] = {"share": value, "path": list(path)}
        return self._rebuilt(data)

    def with_flow(self, name: str, *, path: list[Any] | None = None, share: Any = None) -> Design:
        """Return a new design with a flow's path or share changed (others rescale to fit).

        Parameters
        ----------
        name : str
            An existing flow.
        path : list, optional
            Its new path.
        share : float or str, optional
            Its new share; the other flows' shares are scaled so all add up to 100%.

        Returns
        -------
        Design

        Raises
        ------
        DocumentError
            When the flow does not exist or a value is wrong.
        """
        if name not in self.flows:
            raise DocumentError([self._unknown_flow(name)])
        data = self._raw()
        if path is not None:
            data["flows"][name]["path"] = list(path)
        if share is not None and len(self.flows) > 1:
            value = self._read_share(name, share)
            others = {k: v for k, v in data["flows"].items() if k != name}
            left = sum(self.share(k) for k in others)
            if left <= 0:
                raise DocumentError([f"{self.name}: flows.{name}.share: the other flows have "
                                     "no share to give or take; set their shares with "
                                     "from_dict"])
            rescaled = self._rescaled(others, (1.0 - value) / left)
            data["flows"] = {
                k: (rescaled[k] if k != name else {**data["flows"][k], "share": value})
                for k in data["flows"]
            }
        elif share is not None:
            data["flows"][name]["share"] = share
        return self._rebuilt(data)

    def remove_flow(self, name: str) -> Design:
        """Return a new design without flow ``name``; the others grow to fill its share.

        Parameters
        ----------
        name : str
            An existing flow.

        Returns
        -------
        Design

        Raises
        ------
        DocumentError
            When the flow does not exist, or it was the only one with a share.
        """
        if name not in self.flows:
            raise DocumentError([self._unknown_flow(name)])
        data = self._raw()
        del data["flows"][name]
        left = sum(self.share(k) for k in data["flows"])
        if data["flows"]:
            if left <= 0:
                raise DocumentError([f"{self.name}: flows: the remaining flows have no share "
                                     "to grow; set their shares with from_dict"])
            data["flows"] = self._rescaled(data["flows"], 1.0 / left)
        reqs = data["requirements"]
        for which in ("availability", "latency"):
            if isinstance(reqs.get(which), dict):
                reqs[which].pop(name, None)
        return self._rebuilt(data)

    def with_peak(self, peak: Any) -> Design:
        """Return a new design with ``traffic.peak`` set (``"40K req/s"`` or req/s).

        Parameters
        ----------
        peak : float or str
            The new peak.

        Returns
        -------
        Design
        """
        data = self._raw()
        data["traffic"]["peak"] = peak
        return self._rebuilt(data)

    def with_requirements(self, **fields: Any) -> Design:
        """Return a new design with some requirements set (None removes one).

        Parameters
        ----------
        **fields
            ``utilisation``, ``availability``, ``latency``, ``budget`` (a value, or for
            availability and latency a dict by flow name).

        Returns
        -------
        Design
        """
        data = self._raw()
        for key, value in fields.items():
            if value is None:
                data["requirements"].pop(key, None)
            else:
                data["requirements"][key] = value
        return self._rebuilt(data)

    def _read_share(self, name: str, share: Any) -> float:
        try:
            value = qty.read(share, qty.FRACTION)
        except ValueError as err:
            raise DocumentError([f"{self.name}: flows.{name}.share: {err}"]) from None
        if not 0 < value < 1:
            raise DocumentError([f"{self.name}: flows.{name}.share: must be above 0% and below "
                                 "100% when there are other flows"])
        return value

    def _rescaled(self, flows: dict[str, Any], factor: float) -> dict[str, Any]:
        out = {}
        for key, item in flows.items():
            share = self.share(key) if key in self.flows else item.get("share", 1.0)
            out[key] = {**item, "share": share * factor}
        return out

    def _unknown_component(self, name: str) -> str:
        names = list(self.components)
        return (f"{self.name}: components.{name}: no such component"
                f"{_did_you_mean(name, names)}; components: {', '.join(names) or 'none yet'}")

    def _unknown_flow(self, name: str) -> str:
        names = list(self.flows)
        return (f"{self.name}: flows.{name}: no such flow{_did_you_mean(name, names)}; "
                f"flows: {', '.join(names) or 'none yet'}")


def _plain(x: float) -> float | int:
    return int(x) if float(x).is_integer() else x
