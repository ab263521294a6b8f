"""A design in a notebook: one view of it evaluated, and the builder panel that edits it live.

:func:`design_markdown` is the view: the headline, the Mermaid diagram coloured by utilisation,
the verdicts, the components with utilisation bars, the flows and the notes, as one Markdown
block (a ```` ```mermaid ```` fence renders in JupyterLab 4 and is stored as ``text/markdown``,
stable under nbval). ``tpmprep.show_design`` shows it with the plots.

:class:`DesignBuilder` is the panel behind ``tpmprep.design_builder``: a candidate who never
writes Python adds components (by hand or from the brief's building blocks), changes instances
and capacity, wires flows hop by hop with their share, and sees the evaluation re-run at every
change (verdicts, table, diagram); the YAML is always in a text box to copy, and the panel saves
it to a file and loads one. Given a scenario, it checks the design against the brief exactly as
``sc.check("design", ...)`` does. Every action is a method (``add_component``, ``set_instances``,
``save_flow``, ...) that the buttons call, so tests drive the panel with ``button.click()`` or
the methods. Headless it shows a readable summary: the design, the verdicts and the diagram's
arrows.
"""

from __future__ import annotations

import html
import os
from pathlib import Path
from typing import Any

import ipywidgets as w

from tpmprep.design import KINDS, Design, Requirements, evaluate
from tpmprep.design.render import diagram as _diagram
from tpmprep.design.render import markdown as _evaluation_markdown
from tpmprep.design.render import mermaid as _mermaid
from tpmprep.exceptions import DocumentError, InputError, TpmprepError
from tpmprep.widgets.base import Panel

__all__ = ["DesignBuilder", "design_markdown", "design_text", "fit_requirements", "read_design"]

_HOW = (
    "Add components (pick one of the brief's building blocks to fill the fields), set their "
    "instances, wire each flow hop by hop and give its share: the evaluation below re-runs at "
    "every change. The YAML at the bottom is your design: copy it, or save it to a file."
)
# The evaluation's HTML tables, readable inside a panel (JupyterLab styles them only in outputs).
_TABLE_STYLE = (
    "<style>.tpmprep-design-verdicts table{border-collapse:collapse;margin:4px 0 10px 0}"
    ".tpmprep-design-verdicts th{text-align:left;border-bottom:1px solid #9e9e9e;padding:2px 8px}"
    ".tpmprep-design-verdicts td{border-bottom:1px solid #e0e0e0;padding:2px 8px;"
    "white-space:nowrap}</style>"
)
_ERROR = "color:#cf222e"
_OK = "color:#1a7f37"


def read_design(design: Any) -> Design:
    """Return a ``Design`` from a design, YAML text or the path of a .yaml file.

    Parameters
    ----------
    design : Design, str or path-like
        What to read.

    Returns
    -------
    Design

    Raises
    ------
    DocumentError
        When the YAML or the file is not a readable design.
    InputError
        When ``design`` is none of these.
    """
    if isinstance(design, Design):
        return design
    if isinstance(design, str | os.PathLike):
        return Design.from_yaml(design)
    raise InputError("design", f"expected a Design, YAML text or the path of a .yaml file, "
                               f"got {type(design).__name__}")


def fit_requirements(design: Design, requirements: Any) -> tuple[Any, list[str]]:
    """Return requirements the design can be judged by now, and notes on what had to wait.

    A per-flow target for a flow the design does not have yet (a design being built) is left
    out with a note, instead of failing the whole evaluation.

    Parameters
    ----------
    design : Design
        The design.
    requirements : Requirements, dict or None
        The brief's requirements (None: the design's own).

    Returns
    -------
    (dict or None, list of str)

    Raises
    ------
    DocumentError
        When the requirements are malformed.
    """
    if requirements is None:
        return None, []
    if isinstance(requirements, Requirements):
        data = requirements.model_dump(exclude_none=True)
    elif isinstance(requirements, dict):
        data = dict(requirements)
    else:
        raise InputError("requirements", "expected a dict such as sc.requirements, got "
                                         f"{type(requirements).__name__}")
    notes = []
    for which in ("availability", "latency"):
        target = data.get(which)
        if isinstance(target, dict):
            missing = [f for f in target if f not in design.flows]
            if missing:
                notes.append(f"{which} of flow {', '.join(missing)} is judged once the design "
                             "has that flow")
                data[which] = {f: v for f, v in target.items() if f in design.flows} or None
                if data[which] is None:
                    del data[which]
    return data, notes


def _evaluate(design: Design, requirements: Any) -> tuple[Any, list[str]]:
    reqs, notes = fit_requirements(design, requirements)
    return evaluate(design, requirements=reqs), notes


def design_markdown(design: Design, evaluation: Any, notes: list[str] | None = None) -> str:
    """Return the whole view of an evaluated design as Markdown (deterministic).

    The headline and summary, the diagram (a ```` ```mermaid ```` fence, boxes coloured by
    utilisation), then the verdicts, the components with utilisation bars, the flows and the
    notes.

    Parameters
    ----------
    design : Design
        The design.
    evaluation : tpmprep.design.Evaluation
        Its evaluation.
    notes : list of str, optional
        Extra notes (requirements that wait for a flow).

    Returns
    -------
    str
    """
    body = _evaluation_markdown(evaluation)
    head, _, rest = body.partition("\n\n")
    summary, _, tables = rest.partition("\n\n")
    extra = "".join(f"- {n}\n" for n in notes or ())
    return (f"{head}\n\n{summary}\n\n{_mermaid(design, evaluation)}\n{tables.rstrip()}\n"
            + (f"\n{extra}" if extra else ""))


def design_text(design: Design, evaluation: Any, notes: list[str] | None = None) -> str:
    """Return the same view as plain text: the evaluation, then the diagram's arrows.

    Parameters
    ----------
    design : Design
        The design.
    evaluation : tpmprep.design.Evaluation
        Its evaluation.
    notes : list of str, optional
        Extra notes.

    Returns
    -------
    str
    """
    extra = "".join(f"  - {n}\n" for n in notes or ())
    return (str(evaluation).rstrip() + "\n" + (f"\n{extra}" if extra else "") + "\n"
            + str(_diagram(design, evaluation)))


def _field(value: Any, placeholder: str, width: str = "9em") -> w.Text:
    return w.Text(value=value, placeholder=placeholder, layout=w.Layout(width=width))


def _label(text: str, width: str = "6.5em") -> w.HTML:
    return w.HTML(f"<small>{html.escape(text)}</small>", layout=w.Layout(width=width))


def _heading(text: str) -> w.HTML:
    return w.HTML(f"<b>{html.escape(text)}</b>", layout=w.Layout(margin="8px 0 2px 0"))


_UNITS = {"RATE": "req/s", "DURATION": "ms", "FRACTION": "percent", "MONEY": "USD/month"}


def _write(x: float | None, kind: str) -> str:
    """Write a stored design value as text a person types (``2K req/s``, ``99.9%``)."""
    if x is None:
        return ""
    from tpmprep.units import Q, fmt

    return fmt(Q(x * 100 if kind == "FRACTION" else x, _UNITS[kind]), digits=6)


class DesignBuilder(Panel):
    """Build a design without code: components, flows, live evaluation, YAML out and in.

    Parameters
    ----------
    design : Design, str or path-like, optional
        The design to start from (YAML text or a .yaml path also work); a blank one by default.
    requirements : dict or Requirements, optional
        Judge against these instead of the design's own (``sc.requirements``).
    blocks : dict of str to Block, optional
        Building blocks offered in "Add a component" (``sc.blocks``); picking one fills the
        fields.
    scenario : Scenario, optional
        A design exercise's scenario: its requirements and blocks are the defaults, and a
        button checks the design against the brief (and records it) as ``sc.check`` does.

    Raises
    ------
    DocumentError
        When the starting design is not readable.

    Attributes
    ----------
    design : Design
        The design as it stands (immutable; every change makes a new one).
    evaluation : tpmprep.design.Evaluation
        Its evaluation against the requirements.
    message : ipywidgets.HTML
        What the last action did, or the problem it met (one line per problem).
    verdicts : ipywidgets.HTML
        The evaluation: verdicts, the components with bars, flows, notes.
    picture : ipywidgets.Output
        The Mermaid diagram, coloured by utilisation.
    yaml : ipywidgets.Textarea
        The design as YAML, to copy, or to edit and apply with ``use_yaml_button``.
    """

    def __init__(
        self,
        design: Any = None,
        requirements: Any = None,
        *,
        blocks: dict[str, Any] | None = None,
        scenario: Any = None,
    ):
        if scenario is not None:
            if requirements is None:
                requirements = getattr(scenario, "requirements", None)
            if blocks is None:
                blocks = getattr(scenario, "blocks", None)
        self.scenario = scenario
        self.requirements = requirements
        self.blocks = dict(blocks or {})
        if design is None:
            peak = getattr(scenario, "peak", None)
            design = Design.from_dict({
                "name": "my design",
                "traffic": {"peak": float(peak.to("1/s").magnitude) if peak is not None
                            else "1K req/s"},
                "components": {"client": {"kind": "client"}},
            })
        self.design = read_design(design)
        self.evaluation: Any = None
        self.notes: list[str] = []
        self.result: Any = None
        self._path: list[tuple[str, float]] = []
        self._loaded_share = ""
        self._refreshing = False
        self._build()
        self._refresh("")

    # --- the widgets --------------------------------------------------------------------------

    def _build(self) -> None:
        self.title = w.HTML()
        self.message = w.HTML()
        self.message.add_class("tpmprep-design-message")
        self.peak = _field("", "40K req/s")
        self.peak_button = w.Button(description="Set peak", layout=w.Layout(width="auto"))
        self.peak_button.on_click(lambda _: self.set_peak(self.peak.value))

        options = [("(type the fields)", "")] + [
            (f"{b.what} ({b.kind})", key) for key, b in self.blocks.items()
        ]
        self.block = w.Dropdown(options=options, value="", layout=w.Layout(width="24em"))
        self.block.observe(lambda change: self._fill_from_block(change["new"]), names="value")
        self.kind = w.Dropdown(options=list(KINDS), value="service",
                               layout=w.Layout(width="10em"))
        self.name = _field("", "name, e.g. app")
        self.instances = w.BoundedIntText(value=1, min=1, max=100_000,
                                          layout=w.Layout(width="6em"))
        self.capacity = _field("", "2K req/s")
        self.latency = _field("", "5 ms")
        self.availability = _field("", "99.9%")
        self.hit_ratio = _field("", "90%")
        self.cost = _field("", "150 USD/month")
        self.add_button = w.Button(description="Add component", button_style="primary",
                                   layout=w.Layout(width="auto"))
        self.add_button.on_click(lambda _: self.add_component())
        add = w.VBox([
            _heading("Add a component"),
            w.HBox([_label("from the brief"), self.block]),
            w.HBox([_label("kind"), self.kind, _label("name", "4em"), self.name,
                    _label("instances", "5.5em"), self.instances]),
            w.HBox([_label("capacity each"), self.capacity, _label("latency", "4em"),
                    self.latency, _label("availability", "5.5em"), self.availability]),
            w.HBox([_label("hit ratio"), self.hit_ratio, _label("cost each", "5.5em"),
                    self.cost, self.add_button]),
        ])

        self.component = w.Dropdown(layout=w.Layout(width="12em"))
        self.component.observe(lambda change: self._show_component(change["new"]),
                               names="value")
        self.new_instances = w.BoundedIntText(value=1, min=1, max=100_000,
                                              layout=w.Layout(width="6em"))
        self.new_capacity = _field("", "2K req/s")
        self.apply_button = w.Button(description="Apply", layout=w.Layout(width="auto"))
        self.apply_button.on_click(lambda _: self.change_component(
            self.component.value, self.new_instances.value, self.new_capacity.value))
        self.remove_button = w.Button(description="Remove component",
                                      layout=w.Layout(width="auto"))
        self.remove_button.on_click(lambda _: self.remove_component(self.component.value))
        change = w.VBox([
            _heading("Change a component"),
            w.HBox([self.component, _label("instances", "5.5em"), self.new_instances,
                    _label("capacity each"), self.new_capacity, self.apply_button,
                    self.remove_button]),
        ])

        self.flow = w.Dropdown(layout=w.Layout(width="12em"))
        self.flow.observe(lambda change: self.pick_flow(change["new"]), names="value")
        self.flow_name = _field("", "flow name, e.g. read")
        self.hop = w.Dropdown(layout=w.Layout(width="12em"))
        self.calls = w.BoundedFloatText(value=1.0, min=0.0001, max=1e6,
                                        layout=w.Layout(width="6em"))
        self.hop_button = w.Button(description="Add hop", layout=w.Layout(width="auto"))
        self.hop_button.on_click(lambda _: self.add_hop(self.hop.value, self.calls.value))
        self.undo_button = w.Button(description="Remove last hop", layout=w.Layout(width="auto"))
        self.undo_button.on_click(lambda _: self.remove_hop())
        self.path = w.HTML()
        self.share = _field("", "95%")
        self.save_flow_button = w.Button(description="Save flow", button_style="primary",
                                         layout=w.Layout(width="auto"))
        self.save_flow_button.on_click(lambda _: self.save_flow())
        self.remove_flow_button = w.Button(description="Remove flow",
                                           layout=w.Layout(width="auto"))
        self.remove_flow_button.on_click(lambda _: self.remove_flow(self.flow_name.value))
        flows = w.VBox([
            _heading("Wire a flow (pick its hops in order, then its share)"),
            w.HBox([_label("flow"), self.flow, _label("name", "4em"), self.flow_name]),
            w.HBox([_label("next hop"), self.hop, _label("calls", "4em"), self.calls,
                    self.hop_button, self.undo_button]),
            w.HBox([_label("path"), self.path]),
            w.HBox([_label("share"), self.share, self.save_flow_button,
                    self.remove_flow_button]),
        ])

        self.verdicts = w.HTML()
        self.verdicts.add_class("tpmprep-design-verdicts")
        self.picture = w.Output()
        self.picture.add_class("tpmprep-design-diagram")
        self.yaml = w.Textarea(layout=w.Layout(width="95%", height="16em"))
        self.yaml.add_class("tpmprep-design-yaml")
        self.use_yaml_button = w.Button(description="Use this YAML",
                                        layout=w.Layout(width="auto"))
        self.use_yaml_button.on_click(lambda _: self.use_yaml(self.yaml.value))
        self.file = _field("my-design.yaml", "my-design.yaml", "18em")
        self.save_button = w.Button(description="Save as", layout=w.Layout(width="auto"))
        self.save_button.on_click(lambda _: self.save(self.file.value))
        self.load_button = w.Button(description="Load", layout=w.Layout(width="auto"))
        self.load_button.on_click(lambda _: self.load(self.file.value))
        export = [
            _heading("YAML (copy it, or edit it and press Use this YAML)"),
            self.yaml,
            w.HBox([self.use_yaml_button, _label("file", "3em"), self.file, self.save_button,
                    self.load_button]),
        ]
        self.feedback = w.HTML()
        self.check_button = w.Button(description="Check against the brief",
                                     button_style="success", layout=w.Layout(width="auto"))
        self.check_button.on_click(lambda _: self.check())
        if self.scenario is not None:
            export += [w.HBox([self.check_button]), self.feedback]
        self.widget = w.VBox([
            self.title,
            w.HTML(f"<small>{html.escape(_HOW)}</small>"),
            w.HBox([_label("peak"), self.peak, self.peak_button]),
            add, change, flows,
            self.message,
            _heading("Evaluation"),
            self.verdicts,
            _heading("Diagram"),
            self.picture,
            *export,
        ])
        self.widget.add_class("tpmprep-design-builder")
        for field in ("block", "kind", "name", "instances", "capacity", "latency", "availability",
                      "hit_ratio", "cost", "component", "new_instances", "new_capacity", "flow",
                      "flow_name", "hop", "calls", "share", "file", "title", "path"):
            getattr(self, field).add_class(f"tpmprep-design-{field.replace('_', '-')}")

    # --- actions (the buttons call these) -----------------------------------------------------

    def _apply(self, change: Any, done: str) -> bool:
        """Run ``change()`` (a new design); show ``done`` or the problem. Return success."""
        try:
            design = change()
        except TpmprepError as err:
            lines = err.problems if isinstance(err, DocumentError) else [str(err)]
            self.message.value = (f'<span style="{_ERROR}">'
                                  + "<br>".join(html.escape(str(p)) for p in lines) + "</span>")
            return False
        if design is not None:
            self.design = design
        self._refresh(done)
        return True

    def set_peak(self, peak: Any) -> bool:
        """Set ``traffic.peak`` ("40K req/s").

        Parameters
        ----------
        peak : str or float
            The new peak.

        Returns
        -------
        bool
            True when it was set (else the message says why).
        """
        return self._apply(lambda: self.design.with_peak(peak), f"Peak set to {peak}.")

    def _fill_from_block(self, key: str) -> None:
        block = self.blocks.get(key)
        if block is None:
            return
        self.kind.value = block.kind
        if not self.name.value:
            self.name.value = key
        self.capacity.value = _write(block.capacity, "RATE")
        self.latency.value = _write(block.latency, "DURATION")
        self.availability.value = _write(block.availability, "FRACTION")
        self.hit_ratio.value = _write(block.hit_ratio, "FRACTION")
        self.cost.value = _write(block.cost, "MONEY")

    def add_component(self, name: str | None = None, kind: str | None = None,
                      **fields: Any) -> bool:
        """Add a component, from the arguments or else from the form's fields.

        Parameters
        ----------
        name, kind : str, optional
            Its name and kind (default: the form's).
        **fields
            ``instances``, ``capacity``, ``latency``, ``availability``, ``hit_ratio``, ``cost``
            (default: the form's non-empty fields).

        Returns
        -------
        bool
            True when it was added.
        """
        if name is None:
            name, kind = self.name.value.strip(), self.kind.value
            fields = {"instances": self.instances.value}
            for key in ("capacity", "latency", "availability", "hit_ratio", "cost"):
                value = getattr(self, key).value.strip()
                if value:
                    fields[key] = value
        if not name:
            self.message.value = (f'<span style="{_ERROR}">name: give the component a name, '
                                  "e.g. app</span>")
            return False
        done = self._apply(lambda: self.design.add_component(name, kind or "service", **fields),
                           f"Added {name}. Put it on a flow's path to give it load.")
        if done:
            self.name.value = ""
            self.block.value = ""
            self.component.value = name
        return done

    def _show_component(self, name: str | None) -> None:
        c = self.design.components.get(name) if name else None
        if self._refreshing:
            return
        if c is None:
            return
        self.new_instances.value = c.instances
        self.new_capacity.value = _write(c.capacity, "RATE")

    def change_component(self, name: str, instances: int | None = None,
                         capacity: Any = None) -> bool:
        """Set a component's instances and capacity per instance.

        Parameters
        ----------
        name : str
            The component.
        instances : int, optional
            Its instances.
        capacity : str or float, optional
            Requests per second one instance serves ("2K req/s"; empty leaves it).

        Returns
        -------
        bool
        """
        fields: dict[str, Any] = {}
        if instances is not None:
            fields["instances"] = int(instances)
        if capacity not in (None, ""):
            fields["capacity"] = capacity
        return self._apply(lambda: self.design.with_component(name, **fields),
                           f"Changed {name}.")

    def set_instances(self, name: str, instances: int) -> bool:
        """Set the instances of component ``name``.

        Parameters
        ----------
        name : str
            The component.
        instances : int
            1 to 100,000.

        Returns
        -------
        bool
        """
        return self.change_component(name, instances)

    def remove_component(self, name: str) -> bool:
        """Remove a component no flow visits.

        Parameters
        ----------
        name : str
            The component.

        Returns
        -------
        bool
        """
        return self._apply(lambda: self.design.remove_component(name), f"Removed {name}.")

    def pick_flow(self, name: str | None) -> None:
        """Load a flow's name, path and share into the form (None or "" for a new flow).

        Parameters
        ----------
        name : str or None
            An existing flow.
        """
        if self._refreshing:
            return
        flow = self.design.flows.get(name) if name else None
        if flow is None:
            self.flow_name.value = ""
            self._path = []
            self.share.value = ""
        else:
            self.flow_name.value = name
            self._path = [(h.to, h.calls) for h in flow.path]
            self.share.value = _write(self.design.share(name), "FRACTION")
        self._loaded_share = self.share.value
        self._show_path()

    def add_hop(self, component: str, calls: float = 1.0) -> None:
        """Append a hop to the path being wired.

        Parameters
        ----------
        component : str
            The component visited next.
        calls : float
            Calls to it for each request reaching it (fan-out).
        """
        if component:
            self._path.append((component, float(calls)))
        self._show_path()

    def remove_hop(self) -> None:
        """Remove the last hop of the path being wired."""
        if self._path:
            self._path.pop()
        self._show_path()

    def _show_path(self) -> None:
        hops = [name if calls == 1 else f"{name} ×{calls:g}" for name, calls in self._path]
        self.path.value = html.escape(" → ".join(hops) or "(no hops yet)")

    def save_flow(self, name: str | None = None, path: list[Any] | None = None,
                  share: Any = None) -> bool:
        """Save a flow: a new one is added (the others make room for its share), else changed.

        Parameters
        ----------
        name : str, optional
            The flow (default: the form's name).
        path : list, optional
            Component names or ``{"to": name, "calls": n}`` (default: the hops wired).
        share : str or float, optional
            Its share ("5%"); the form's when not given; may be empty for the first flow.

        Returns
        -------
        bool
        """
        name = (name if name is not None else self.flow_name.value).strip()
        if path is None:
            path = [n if c == 1 else {"to": n, "calls": c} for n, c in self._path]
        if share is None:
            typed = self.share.value.strip()
            # the share shown when the flow was picked is rounded: unchanged means unchanged
            share = None if not typed or typed == self._loaded_share else typed
        if not name:
            self.message.value = (f'<span style="{_ERROR}">flow name: give the flow a name, '
                                  "e.g. read</span>")
            return False
        if name in self.design.flows:
            done = self._apply(lambda: self.design.with_flow(name, path=path, share=share),
                               f"Saved flow {name}.")
        else:
            done = self._apply(lambda: self.design.add_flow(name, path, share),
                               f"Added flow {name}.")
        if done:
            self.flow.value = name
        return done

    def remove_flow(self, name: str) -> bool:
        """Remove a flow (the others grow to fill its share).

        Parameters
        ----------
        name : str
            The flow.

        Returns
        -------
        bool
        """
        done = self._apply(lambda: self.design.remove_flow(name.strip()),
                           f"Removed flow {name}.")
        if done:
            self.pick_flow(None)
        return done

    def use_yaml(self, text: str) -> bool:
        """Replace the design with one read from YAML text.

        Parameters
        ----------
        text : str
            The YAML.

        Returns
        -------
        bool
        """
        return self._apply(lambda: Design.from_yaml(text if "\n" in text else text + "\n",
                                                    name="the YAML box"),
                           "Read the design from the YAML box.")

    def save(self, path: str | os.PathLike[str]) -> bool:
        """Write the design's YAML to a file (relative to the notebook's folder).

        Parameters
        ----------
        path : str or path-like
            The file, e.g. ``my-design.yaml``.

        Returns
        -------
        bool
        """
        from tpmprep.files import atomic_write_text

        target = Path(path)
        if target.suffix not in (".yaml", ".yml"):
            self.message.value = (f'<span style="{_ERROR}">file: name it with .yaml, e.g. '
                                  "my-design.yaml</span>")
            return False
        try:
            atomic_write_text(target, self.design.to_yaml())
        except OSError as err:
            self.message.value = (f'<span style="{_ERROR}">file: could not write {target}: '
                                  f"{html.escape(err.strerror or str(err))}</span>")
            return False
        self.message.value = (f'<span style="{_OK}">Saved to {html.escape(str(target))}; '
                              f'check it with sc.check("design", "{html.escape(str(target))}")'
                              ".</span>")
        return True

    def load(self, path: str | os.PathLike[str]) -> bool:
        """Replace the design with the one in a YAML file.

        Parameters
        ----------
        path : str or path-like
            The file.

        Returns
        -------
        bool
        """
        return self._apply(lambda: Design.from_yaml(Path(path)), f"Loaded {path}.")

    def check(self) -> Any:
        """Check the design against the scenario's brief and record it, as ``sc.check`` does.

        Returns
        -------
        tpmprep.check_result.CheckResult or None
            None when the panel has no scenario.
        """
        if self.scenario is None:
            return None
        self.result = self.scenario.submit("design", self.design)
        self.feedback.value = self.result.html()
        return self.result

    # --- showing ------------------------------------------------------------------------------

    def _refresh(self, done: str) -> None:
        try:
            self.evaluation, self.notes = _evaluate(self.design, self.requirements)
        except TpmprepError as err:  # requirements that do not fit: say so, show the design
            self.evaluation, self.notes = evaluate(self.design), [str(err)]
        e = self.evaluation
        self.title.value = (
            f"<b>Design builder</b> · {html.escape(self.design.name)} · "
            f"{'all requirements met' if e.met else f'{len(e.failed)} NOT met'}"
        )
        self.message.value = f'<span style="{_OK}">{html.escape(done)}</span>' if done else ""
        notes = "".join(f"<li>{html.escape(n)}</li>" for n in self.notes)
        self.verdicts.value = (_TABLE_STYLE + '<div style="overflow-x:auto">' + e.to_html()
                               + "</div>" + (f"<ul>{notes}</ul>" if notes else ""))
        self.picture.outputs = ({
            "output_type": "display_data",
            "data": {"text/markdown": _mermaid(self.design, e),
                     "text/plain": str(_diagram(self.design, e))},
            "metadata": {},
        },)
        self.yaml.value = self.design.to_yaml()
        self.peak.value = _write(self.design.traffic.peak, "RATE")
        names = list(self.design.components)
        keep = self.component.value if self.component.value in names else None
        current = self.flow.value if self.flow.value in self.design.flows else ""
        self._refreshing = True  # new options must not reset what is being typed
        try:
            self.component.options = names
            self.component.value = keep if keep is not None else (names[-1] if names else None)
            hop = self.hop.value if self.hop.value in names else None
            self.hop.options = names
            self.hop.value = hop if hop is not None else (names[0] if names else None)
            self.flow.options = [("(new flow)", "")] + [(f, f) for f in self.design.flows]
            self.flow.value = current
        finally:
            self._refreshing = False
        self._show_component(self.component.value)
        self._show_path()

    def text(self) -> str:
        """Return the headless summary: what the panel does, the design evaluated, its arrows."""
        return (
            f"Design builder: {self.design}. In JupyterLab: add components, wire flows and see "
            "the evaluation re-run; the YAML is in a box to copy or save.\n\n"
            + design_text(self.design, self.evaluation, self.notes)
        )

    def __repr__(self) -> str:
        return f"<DesignBuilder {self.design.name!r}: {len(self.design.components)} components>"
