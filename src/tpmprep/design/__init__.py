"""A system design as data, evaluated: load, utilisation, k-of-n availability, latency, cost.

A candidate writes a design in YAML (or builds it in Python): components, the flows of requests
through them and the requirements of the prompt. :func:`evaluate` judges it with formulas
anyone can check by hand (``docs/design-format.md``); the drills break it on purpose::

    from tpmprep.design import Design, evaluate, breaks_next, lose_instance

    design = Design.from_yaml("docs/examples/url-shortener.yaml")
    result = evaluate(design)          # verdicts, components, flows; shows itself in a notebook
    result.met, result.bottleneck, result.headroom, result.spofs
    design.diagram(result)             # Mermaid, coloured by utilisation
    breaks_next(design)                # which component saturates first, at what peak
    lose_instance(design, "db")        # re-evaluated with one database instance gone

Designs are immutable: the builder methods (``add_component``, ``with_instances``,
``add_flow``, ...) return new designs. Every input problem is a
:class:`~tpmprep.exceptions.DocumentError` with one line per problem naming the field and the
fix. Importing this package loads pydantic but neither pint nor numpy; plots of an evaluation
are in :mod:`tpmprep.plots.design`.
"""

from __future__ import annotations

from tpmprep.design.drills import (
    BreakPoint,
    Breaks,
    Drill,
    breaks_next,
    empty_cache,
    lose_component,
    lose_instance,
    scale,
    single_failures,
)
from tpmprep.design.evaluation import (
    ComponentResult,
    Evaluation,
    FlowResult,
    Sweep,
    Verdict,
    evaluate,
    k_of_n,
    queue_wait_ms,
    sweep,
)
from tpmprep.design.model import (
    KINDS,
    Component,
    Design,
    Flow,
    Hop,
    KindDefaults,
    Price,
    Requirements,
    Traffic,
)
from tpmprep.design.render import Diagram, diagram, mermaid
from tpmprep.exceptions import DocumentError

__all__ = [
    "KINDS",
    "BreakPoint",
    "Breaks",
    "Component",
    "ComponentResult",
    "Design",
    "Diagram",
    "DocumentError",
    "Drill",
    "Evaluation",
    "Flow",
    "FlowResult",
    "Hop",
    "KindDefaults",
    "Price",
    "Requirements",
    "Sweep",
    "Traffic",
    "Verdict",
    "breaks_next",
    "diagram",
    "empty_cache",
    "evaluate",
    "k_of_n",
    "lose_component",
    "lose_instance",
    "mermaid",
    "queue_wait_ms",
    "scale",
    "single_failures",
    "sweep",
]
