"""Views of a design and its evaluation: plain text, Markdown, HTML and a Mermaid diagram.

Every view is a pure function of its input and deterministic (no ids, no addresses, fixed
order), so a notebook's saved output compares equal under nbval. Utilisation bars are unicode
blocks in text and Markdown (``█████▌░░░░ 55%``) and CSS in HTML. The diagram is a
```` ```mermaid ```` fenced block, which JupyterLab 4 renders from Markdown output and which stays
stable when the notebook is saved (a ``text/vnd.mermaid`` bundle gains an SVG with new ids on
every save and breaks strict nbval).
"""

from __future__ import annotations

import html as _html
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tpmprep.design import _quantity as qty

if TYPE_CHECKING:  # pragma: no cover
    from tpmprep.design.drills import Breaks, Drill
    from tpmprep.design.evaluation import ComponentResult, Evaluation, Sweep
    from tpmprep.design.model import Design

__all__ = [
    "Diagram",
    "bar",
    "breaks_markdown",
    "breaks_text",
    "component_table",
    "diagram",
    "drill_markdown",
    "drill_text",
    "html",
    "markdown",
    "mermaid",
    "sweep_text",
    "text",
    "verdict_table",
]

_EIGHTHS = " ▏▎▍▌▋▊▉"
_NBSP = "\u00a0"


def bar(utilisation: float | None, width: int = 10) -> str:
    """Draw a utilisation bar of unicode blocks, full at 100% (``█████▌░░░░``).

    Parameters
    ----------
    utilisation : float or None
        1 is 100%; values above 1 draw a full bar. None draws an empty one.
    width : int
        Cells.

    Returns
    -------
    str
    """
    if utilisation is None:
        return "░" * width
    eighths = round(max(0.0, min(utilisation, 1.0)) * width * 8)
    full, part = divmod(eighths, 8)
    cells = "█" * full + (_EIGHTHS[part] if part else "")
    return cells + "░" * (width - len(cells))


def _utilisation(r: ComponentResult) -> str:
    if r.down:
        return "down"
    if r.utilisation is None:
        return "no limit"
    return qty.percent(r.utilisation)


def _headline(e: Evaluation) -> str:
    n = len(e.requirements)
    failed = len(e.failed)
    verdict = (f"all {n} requirements met" if not failed
               else f"{failed} of {n} requirements NOT met")
    at = "" if e.scale == 1 else f" at {qty.number(e.scale)} x peak"
    return f"{e.design}{at}: {verdict}"


def _summary(e: Evaluation) -> list[str]:
    parts = [f"peak {qty.rate(e.peak)}"]
    if e.bottleneck is not None:
        r = e.components[e.bottleneck]
        parts.append(f"bottleneck {r.name} at {qty.percent(r.utilisation)} "
                     f"(headroom x{qty.number(e.headroom)})")
    else:
        parts.append("no bottleneck (nothing loaded has a capacity limit)")
    cost = qty.usd(e.monthly_cost)
    if e.unknown_cost:
        cost += f" + unknown ({', '.join(e.unknown_cost)})"
    parts.append(f"cost {cost}")
    parts.append(f"single points of failure: {', '.join(e.spofs) or 'none'}")
    return parts


def _component_rows(e: Evaluation) -> list[list[str]]:
    rows = []
    for r in e.components.values():
        instances = str(r.instances) if r.up == r.instances else f"{r.up}/{r.instances} up"
        rows.append([
            r.name + (" (SPOF)" if r.spof else ""),
            r.kind,
            instances,
            qty.rate(r.load),
            "no limit" if r.capacity is None else qty.rate(r.capacity),
            _utilisation(r),
            str(r.instances_needed),
            qty.percent(r.availability, 4),
            "-" if r.wait_ms is None else qty.ms(r.latency_ms + r.wait_ms),
            "unknown" if r.monthly_cost is None else qty.usd(r.monthly_cost),
        ])
    return rows


_COMPONENT_HEADER = ["component", "kind", "instances", "load", "capacity each", "utilisation",
                     "needs", "availability", "latency", "cost"]


def _flow_rows(e: Evaluation) -> list[list[str]]:
    rows = []
    for f in e.flows.values():
        if f.down:
            latency = f"down ({f.blame} lost)"
        elif f.saturated:
            latency = f"saturated ({f.blame})"
        else:
            latency = qty.ms(f.latency_ms)
        rows.append([f.name, qty.percent(f.share), qty.rate(f.load),
                     qty.percent(f.availability, 4), latency, " -> ".join(f.path)])
    return rows


_FLOW_HEADER = ["flow", "share", "load", "availability", "mean latency", "path"]


def _columns(header: list[str], rows: list[list[str]], indent: str = "  ") -> list[str]:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    return [
        (indent + "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True))).rstrip()
        for row in [header, *rows]
    ]


def component_table(e: Evaluation, form: str = "text") -> str:
    """Return the table of components with utilisation bars.

    Parameters
    ----------
    e : Evaluation
        The evaluation.
    form : str
        ``"text"``, ``"markdown"`` or ``"html"``.

    Returns
    -------
    str
    """
    rows = _component_rows(e)
    results = list(e.components.values())
    if form == "html":
        return _html_table(_COMPONENT_HEADER, rows, bars=[(r, e.target) for r in results])
    if form == "markdown":
        for row, r in zip(rows, results, strict=True):
            # no-break spaces keep "40K req/s" and a bar with its value on one line
            row[2:5] = [c.replace(" ", _NBSP) for c in row[2:5]]
            row[7:] = [c.replace(" ", _NBSP) for c in row[7:]]
            if r.utilisation is not None and not r.down:
                row[5] = f"`{bar(r.utilisation)}`{_NBSP}{row[5]}"
        return _markdown_table(_COMPONENT_HEADER, rows)
    for row, r in zip(rows, results, strict=True):
        if r.utilisation is not None and not r.down:
            row[5] = f"{bar(r.utilisation)} {row[5]}"
    return "\n".join(_columns(_COMPONENT_HEADER, rows))


def verdict_table(e: Evaluation, form: str = "text") -> str:
    """Return the requirements and their verdicts.

    Parameters
    ----------
    e : Evaluation
        The evaluation.
    form : str
        ``"text"``, ``"markdown"`` or ``"html"``.

    Returns
    -------
    str
    """
    if form == "text":
        return "\n".join(f"  {'met    ' if v.met else 'NOT MET'}  {v.name}: {v.detail}"
                         for v in e.requirements)
    if form == "html":
        rows = [["met" if v.met else "NOT MET", v.name, v.detail] for v in e.requirements]
        return _html_table(["verdict", "requirement", "detail"], rows)
    rows = [["met" if v.met else "**NOT MET**", v.name, v.detail] for v in e.requirements]
    return _markdown_table(["verdict", "requirement", "detail"], rows)


def _markdown_table(header: list[str], rows: list[list[str]]) -> str:
    def line(cells: list[str]) -> str:
        return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"

    return "\n".join([line(header), line(["---"] * len(header)), *(line(r) for r in rows)])


def _css_bar(r: ComponentResult, target: float) -> str:
    u = r.utilisation
    if u is None or r.down:
        return _html.escape(_utilisation(r))
    colour = "#2e7d32" if u <= target + 1e-9 else ("#ef6c00" if u < 1 else "#c62828")
    width = f"{min(u, 1.0) * 100:.1f}%"
    mark = f"{min(target, 1.0) * 100:.1f}%"
    return (
        '<div style="display:flex;align-items:center;gap:0.4em">'
        '<div style="position:relative;width:8em;height:0.8em;background:#e0e0e0">'
        f'<div style="width:{width};height:100%;background:{colour}"></div>'
        f'<div style="position:absolute;left:{mark};top:-0.15em;height:1.1em;'
        'border-left:2px dashed #424242"></div></div>'
        f"<span>{_html.escape(qty.percent(u))}</span></div>"
    )


def _html_table(
    header: list[str], rows: list[list[str]], bars: list[tuple[Any, float]] | None = None
) -> str:
    out = ['<table class="tpmprep-design">', "<thead><tr>"]
    out.extend(f"<th>{_html.escape(h)}</th>" for h in header)
    out.append("</tr></thead><tbody>")
    for i, row in enumerate(rows):
        cells = [_html.escape(c) for c in row]
        if bars is not None:
            r, target = bars[i]
            cells[5] = _css_bar(r, target)
        out.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def text(e: Evaluation) -> str:
    """Write the whole evaluation as plain text (what ``print`` and ``tpmprep design check`` show).

    Parameters
    ----------
    e : Evaluation
        The evaluation.

    Returns
    -------
    str
    """
    lines = [_headline(e), "; ".join(_summary(e)), ""]
    if e.requirements:
        lines += ["Requirements", verdict_table(e), ""]
    lines += ["Components", component_table(e), ""]
    if e.flows:
        lines += ["Flows", *_columns(_FLOW_HEADER, _flow_rows(e)), ""]
    if e.notes:
        lines += ["Notes", *(f"  - {n}" for n in e.notes), ""]
    return "\n".join(lines).rstrip() + "\n"


def markdown(e: Evaluation) -> str:
    """Write the whole evaluation as Markdown: verdicts, components with bars, flows, notes.

    Parameters
    ----------
    e : Evaluation
        The evaluation.

    Returns
    -------
    str
    """
    parts = [f"**{_html.escape(_headline(e))}**", "", " · ".join(_summary(e)), ""]
    if e.requirements:
        parts += [verdict_table(e, "markdown"), ""]
    parts += [component_table(e, "markdown"), ""]
    if e.flows:
        parts += [_markdown_table(_FLOW_HEADER, _flow_rows(e)), ""]
    if e.notes:
        parts += [*(f"- {n}" for n in e.notes), ""]
    return "\n".join(parts).rstrip() + "\n"


def html(e: Evaluation) -> str:
    """Write the whole evaluation as HTML with CSS bars (a dashed line marks the target).

    Parameters
    ----------
    e : Evaluation
        The evaluation.

    Returns
    -------
    str
    """
    parts = [
        f"<p><b>{_html.escape(_headline(e))}</b><br>{_html.escape(' · '.join(_summary(e)))}</p>"
    ]
    if e.requirements:
        parts.append(verdict_table(e, "html"))
    parts.append(component_table(e, "html"))
    if e.flows:
        parts.append(_html_table(_FLOW_HEADER, _flow_rows(e)))
    if e.notes:
        parts.append("<ul>" + "".join(f"<li>{_html.escape(n)}</li>" for n in e.notes) + "</ul>")
    return "\n".join(parts)


# --- the diagram ---------------------------------------------------------------------------------

_SHAPES = {
    "client": ('(["', '"])'),
    "database": ('[("', '")]'),
    "object_store": ('[("', '")]'),
    "cache": ('[["', '"]]'),
    "cdn": ('[["', '"]]'),
    "queue": ('>"', '"]'),
    "dns": ('{{"', '"}}'),
    "external": ('{{"', '"}}'),
}
_CLASSES = {
    "down": "fill:#eeeeee,stroke:#616161,stroke-dasharray:4 2",
    "saturated": "fill:#ffcdd2,stroke:#b71c1c",
    "over": "fill:#ffe0b2,stroke:#e65100",
    "ok": "fill:#e8f5e9,stroke:#2e7d32",
    "spof": "stroke:#b71c1c,stroke-width:3px",
}


def mermaid(design: Design, evaluation: Evaluation | None = None) -> str:
    """Draw the design as a ```` ```mermaid ```` fenced Markdown block (a left-to-right flowchart).

    One box per component (its name, kind and instances; with an evaluation, its utilisation,
    coloured green within target, orange above it, red at 100% or more, grey when down, a thick
    red border for a single point of failure) and one arrow per pair of consecutive hops,
    labelled with the flows that take it (``read x3`` for fan-out).

    Parameters
    ----------
    design : Design
        The design.
    evaluation : Evaluation, optional
        An evaluation of it, for utilisation and colours.

    Returns
    -------
    str
    """
    ids = {name: f"c{i + 1}" for i, name in enumerate(design.components)}
    lines = ["```mermaid", "flowchart LR"]
    classes: dict[str, list[str]] = {}
    for name, c in design.components.items():
        label = name if name == c.kind else f"{name}<br/>{c.kind}"
        r = evaluation.components.get(name) if evaluation is not None else None
        if c.instances > 1:
            label += f" ×{c.instances}"
        if r is not None and (r.utilisation is not None or r.down):
            label += f"<br/>{_utilisation(r)}"
            if r.spof:
                label += " · SPOF"
            state = _state(r, evaluation.target)
            if state:
                classes.setdefault(state, []).append(ids[name])
            if r.spof:
                classes.setdefault("spof", []).append(ids[name])
        left, right = _SHAPES.get(c.kind, ('["', '"]'))
        lines.append(f"  {ids[name]}{left}{label}{right}")
    edges: dict[tuple[str, str], list[str]] = {}
    for fname, flow in design.flows.items():
        for a, b in zip(flow.path, flow.path[1:], strict=False):
            label = fname if b.calls == 1 else f"{fname} ×{qty.exact(b.calls)}"
            names = edges.setdefault((a.to, b.to), [])
            if label not in names:
                names.append(label)
    for (a, b), names in edges.items():
        lines.append(f'  {ids[a]} -->|"{", ".join(names)}"| {ids[b]}')
    for state in ("ok", "over", "saturated", "down", "spof"):
        if state in classes:
            lines.append(f"  classDef {state} {_CLASSES[state]}")
            lines.append(f"  class {','.join(classes[state])} {state}")
    lines.append("```")
    return "\n".join(lines) + "\n"


def _state(r: ComponentResult, target: float) -> str | None:
    if r.down:
        return "down"
    if r.utilisation is None:
        return None
    if r.utilisation >= 1 - 1e-9:
        return "saturated"
    return "over" if r.utilisation > target + 1e-9 else "ok"


@dataclass(frozen=True, repr=False)
class Diagram:
    """A design's diagram: Mermaid in a notebook, a list of arrows as text.

    Attributes
    ----------
    markdown : str
        The ```` ```mermaid ```` fenced block.
    text : str
        The same diagram as readable lines (``client -> lb: read, write``).
    """

    markdown: str
    text: str

    def _repr_markdown_(self) -> str:
        return self.markdown

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return self.text


def diagram(design: Design, evaluation: Evaluation | None = None) -> Diagram:
    """Return the design's diagram as an object a notebook shows as Mermaid (text elsewhere).

    Parameters
    ----------
    design : Design
        The design.
    evaluation : Evaluation, optional
        Colour the boxes by utilisation and mark single points of failure.

    Returns
    -------
    Diagram
    """
    lines = [f"{design.name} (diagram)"]
    for fname, flow in design.flows.items():
        hops = []
        for h in flow.path:
            step = h.to if h.calls == 1 else f"{h.to} x{qty.exact(h.calls)}"
            if evaluation is not None and h.to in evaluation.components:
                step += f" [{_utilisation(evaluation.components[h.to])}]"
            hops.append(step)
        lines.append(f"  {fname} ({qty.percent(design.share(fname))}): {' -> '.join(hops)}")
    return Diagram(mermaid(design, evaluation), "\n".join(lines) + "\n")


# --- sweeps, drills, breaks ------------------------------------------------------------------


def sweep_text(s: Sweep) -> str:
    """Write a load sweep as a short text table (about ten rows).

    Parameters
    ----------
    s : Sweep
        The sweep.

    Returns
    -------
    str
    """
    lines = [f"{s.design}: load sweep over {len(s.factors)} factors"]
    if s.saturation_factor is not None:
        lines.append(f"saturates at x{qty.number(s.saturation_factor)} "
                     f"({qty.rate(s.saturation_factor * s.peak)}): {s.bottleneck}")
    step = max(1, len(s.factors) // 10)
    header = ["factor"] + [f"{f} availability" for f in s.flows] + [f"{f} latency"
                                                                   for f in s.flows]
    rows = []
    for j in range(0, len(s.factors), step):
        e = s.evaluations[j]
        rows.append(
            [f"x{qty.number(s.factors[j])}"]
            + [qty.percent(e.flows[f].availability, 4) for f in s.flows]
            + ["saturated" if e.flows[f].latency_ms is None else qty.ms(e.flows[f].latency_ms)
               for f in s.flows]
        )
    return "\n".join([*lines, *_columns(header, rows)]) + "\n"


def _drill_sections(d: Drill) -> tuple[list[tuple[str, list[str]]], str]:
    """Split what a drill changed into (heading, items) sections and a bottleneck line."""
    broken = d.broken
    sections = [("Broken by the drill:" if broken else "No requirement broken by the drill.",
                 [f"{v.name}: {v.detail}" for v in broken])]
    if d.still_failing:
        sections.append(("Already not met before the drill:",
                         [f"{v.name}: {v.detail}" for v in d.still_failing]))
    flows = []
    for name, after in d.after.flows.items():
        before = d.before.flows[name]
        flows.append(
            f"{name}: availability {qty.percent(before.availability, 4)} -> "
            f"{qty.percent(after.availability, 4)}; mean latency {_latency(before)} -> "
            f"{_latency(after)}"
        )
    sections.append(("Flows:", flows))
    was, now = _bottleneck(d.before), _bottleneck(d.after)
    return sections, f"Bottleneck: {now}" + ("" if was == now else f" (was {was})")


def _bottleneck(e: Evaluation) -> str:
    if e.bottleneck is None:
        return "none"
    return f"{e.bottleneck} at {qty.percent(e.components[e.bottleneck].utilisation)}"


def _latency(f: Any) -> str:
    if f.down:
        return "down"
    if f.saturated:
        return "saturated"
    return qty.ms(f.latency_ms)


def drill_text(d: Drill) -> str:
    """Write a drill as text: what broke, each flow before and after, then the evaluation after.

    Parameters
    ----------
    d : Drill
        The drill.

    Returns
    -------
    str
    """
    sections, last = _drill_sections(d)
    lines = [f"Drill: {d.title}"]
    for heading, items in sections:
        lines += [heading, *(f"  - {item}" for item in items)]
    return "\n".join([*lines, last, "", "After the drill:", text(d.after)])


def drill_markdown(d: Drill) -> str:
    """Write a drill as Markdown.

    Parameters
    ----------
    d : Drill
        The drill.

    Returns
    -------
    str
    """
    sections, last = _drill_sections(d)
    parts = [f"**Drill: {_html.escape(d.title)}**", ""]
    for heading, items in sections:
        parts += [heading, ""]
        if items:
            parts += [*(f"- {item}" for item in items), ""]
    parts += [last, "", "After the drill:", "", markdown(d.after)]
    return "\n".join(parts)


def _breaks_rows(b: Breaks) -> list[list[str]]:
    return [
        [
            str(i + 1),
            p.component,
            p.kind,
            qty.percent(p.utilisation),
            f"x{qty.number(p.over_target_at)}",
            f"x{qty.number(p.saturates_at)}",
            qty.rate(p.saturates_at * b.peak),
        ]
        for i, p in enumerate(b.points)
    ]


_BREAKS_HEADER = ["order", "component", "kind", "at peak", "passes target at", "saturates at",
                  "peak then"]


def _breaks_intro(b: Breaks) -> str:
    first = b.first
    if first is None:
        return f"{b.design}: nothing loaded has a capacity limit, so nothing saturates"
    return (f"{b.design}: {first.component} saturates first, at x{qty.number(first.saturates_at)}"
            f" the peak ({qty.rate(first.saturates_at * b.peak)}); it passes the "
            f"{qty.percent(b.target)} target at x{qty.number(first.over_target_at)}")


def breaks_text(b: Breaks) -> str:
    """Write what breaks next as text.

    Parameters
    ----------
    b : Breaks
        The result of ``breaks_next``.

    Returns
    -------
    str
    """
    lines = [_breaks_intro(b)]
    if b.points:
        lines += _columns(_BREAKS_HEADER, _breaks_rows(b))
    if b.unlimited:
        lines.append(f"no capacity limit (never saturate here): {', '.join(b.unlimited)}")
    return "\n".join(lines) + "\n"


def breaks_markdown(b: Breaks) -> str:
    """Write what breaks next as Markdown.

    Parameters
    ----------
    b : Breaks
        The result of ``breaks_next``.

    Returns
    -------
    str
    """
    parts = [_html.escape(_breaks_intro(b)), ""]
    if b.points:
        parts += [_markdown_table(_BREAKS_HEADER, _breaks_rows(b)), ""]
    if b.unlimited:
        parts.append(f"No capacity limit (never saturate here): {', '.join(b.unlimited)}")
    return "\n".join(parts).rstrip() + "\n"
