"""``Estimate``: a back-of-the-envelope chain of named steps that shows its work.

Each step has a name, a label, a formula over earlier names and a result with units::

    est = Estimate("Twitter: tweets per second")
    est.given("mau", "300M", label="Monthly active users")
    est.given("daily_share", "50%")
    est.step("dau", "mau * daily_share", label="Daily active users")
    est.step("tweets_per_day", "dau * 2 / day", unit="1/day")
    est.step("avg_qps", "tweets_per_day", unit="1/s", label="Average tweets per second")
    est.step("peak_qps", "avg_qps * 2", label="Peak")

Formulas are parsed with :mod:`ast` and evaluated by a small interpreter that allows only
numbers (``2``, ``1.5e3``, ``3.5K``, ``10%``), quoted quantities (``'86400 s'``),
``Q('1 GB')``, names of earlier steps, unit names (``day``, ``s``, ``GB``), ``ceil(x)``, the
operators ``+ - * / **`` and parentheses. Nothing else runs: no attribute access, no other calls, no
indexing. Units are carried by pint, so a formula that adds a size to a time fails loudly.

``compare(answers)`` judges a candidate's values for some or all steps and names the FIRST
step that is off and why (a dimension, a tell-tale factor); a later step that is wrong only
because it builds on the candidate's own earlier value is marked "follows from your earlier
step".
"""

from __future__ import annotations

import ast
import html
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from tpmprep.exceptions import CalculationError, InputError
from tpmprep.judging import Judgement, Tolerance, Verdict, judge
from tpmprep.units import Q, describe_dimension, fmt, registry

__all__ = ["Estimate", "Step", "StepCheck", "StepComparison", "evaluate"]

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_RESERVED = {"Q", "ceil"}
_SUFFIXED = re.compile(r"(?<![\w.])(\d+(?:\.\d*)?|\.\d+)([KMBT])(?![A-Za-z_0-9])")
_POWERS = {"K": 3, "M": 6, "B": 9, "T": 12}
_MAX_FORMULA = 1000


_PERCENT = re.compile(r"(?<![\w.])(\d+(?:\.\d*)?|\.\d+)\s*%")


def _expand_suffixes(text: str) -> str:
    text = _PERCENT.sub(lambda m: f"({m.group(1)} / 100)", text)
    return _SUFFIXED.sub(lambda m: f"({m.group(1)}e{_POWERS[m.group(2)]})", text)


class _Evaluator:
    """Evaluate a parsed formula over a name table; only whitelisted nodes run."""

    def __init__(self, names: Mapping[str, Any], formula: str):
        self.names = names
        self.formula = formula
        self.used: dict[str, Any] = {}

    def fail(self, message: str) -> CalculationError:
        return CalculationError("formula", f"{self.formula!r}: {message}")

    def visit(self, node: ast.AST) -> Any:
        import pint

        if isinstance(node, ast.Expression):
            return self.visit(node.body)
        if isinstance(node, ast.Constant):
            value = node.value
            if isinstance(value, bool) or value is None:
                raise self.fail(f"{value!r} is not a number or a quantity")
            if isinstance(value, int | float):
                return Q(float(value))
            if isinstance(value, str):
                return self.literal(value)
            raise self.fail(f"{value!r} is not a number or a quantity")
        if isinstance(node, ast.Name):
            return self.name(node.id)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
            operand = self.visit(node.operand)
            return -operand if isinstance(node.op, ast.USub) else operand
        if isinstance(node, ast.BinOp):
            left, right = self.visit(node.left), self.visit(node.right)
            try:
                return self.binary(node.op, left, right)
            except pint.DimensionalityError as err:
                raise self.fail(
                    f"cannot combine {describe_dimension(err.dim1)} with "
                    f"{describe_dimension(err.dim2)} by {_OPERATOR_WORDS.get(type(node.op), '')}"
                ) from None
            except (OverflowError, ZeroDivisionError, ValueError, TypeError) as err:
                raise self.fail(f"cannot calculate ({err or type(err).__name__})") from None
        if isinstance(node, ast.Call):
            return self.call(node)
        raise self.fail(
            f"{type(node).__name__} is not allowed; use numbers, quantities in quotes, "
            "names of earlier steps, + - * / ** and parentheses"
        )

    def literal(self, text: str) -> Any:
        try:
            return Q(text)
        except InputError as err:
            raise self.fail(str(err).removeprefix("value: ")) from None

    def name(self, name: str) -> Any:
        if name in self.names:
            self.used[name] = self.names[name]
            return self.names[name]
        if name in _RESERVED:
            raise self.fail(f"{name} is a function: write {name}(...)")
        try:
            unit = registry().Unit(name)
        except Exception:
            known = ", ".join(self.names) or "none yet"
            raise self.fail(
                f"unknown name {name!r}; earlier steps are: {known} "
                "(for a quantity write it in quotes, e.g. '86400 s')"
            ) from None
        return registry().Quantity(1.0, unit)

    @staticmethod
    def binary(op: ast.operator, left: Any, right: Any) -> Any:
        if isinstance(op, ast.Add):
            return left + right
        if isinstance(op, ast.Sub):
            return left - right
        if isinstance(op, ast.Mult):
            return left * right
        if isinstance(op, ast.Div):
            if float(right.magnitude) == 0:
                raise ZeroDivisionError("division by zero")
            return left / right
        if isinstance(op, ast.Pow):
            if not right.dimensionless:
                raise TypeError("an exponent must be a plain number")
            exponent = float(right.to("").magnitude)
            if abs(exponent) > 1000:
                raise OverflowError("exponent too large")
            return left**exponent
        raise TypeError(f"operator {type(op).__name__} is not allowed")

    def call(self, node: ast.Call) -> Any:
        func = node.func.id if isinstance(node.func, ast.Name) else None
        if func not in _RESERVED or node.keywords:
            raise self.fail("only Q('...') and ceil(...) may be called")
        if func == "Q":
            if len(node.args) != 1 or not (
                isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)
            ):
                raise self.fail("write Q with one quoted quantity: Q('1 GB')")
            return self.literal(node.args[0].value)
        if len(node.args) != 1:
            raise self.fail("ceil takes one argument: ceil(x)")
        value = self.visit(node.args[0])
        if not value.dimensionless:
            raise self.fail(f"ceil needs a plain number, got {describe_dimension(value)}")
        x = float(value.to("").magnitude)
        if not math.isfinite(x):
            raise self.fail("ceil of a non-finite number")
        return Q(float(math.ceil(x)))


_OPERATOR_WORDS = {ast.Add: "adding", ast.Sub: "subtracting", ast.Pow: "raising to a power"}


def evaluate(formula: str, names: Mapping[str, Any] | None = None) -> Any:
    """Evaluate a formula safely: numbers, quantities, names, ``+ - * / **``, parentheses.

    Parameters
    ----------
    formula : str
        For example ``"dau * 2 / day"`` or ``"avg_qps * 3"``.
    names : mapping, optional
        Values for the names the formula may use.

    Returns
    -------
    pint.Quantity

    Raises
    ------
    CalculationError
        For anything but the allowed syntax, an unknown name, a dimension error or a result
        that is not finite; ``parameter`` is ``"formula"``.
    """
    return _evaluate(formula, dict(names or {}))[0]


def _evaluate(formula: Any, names: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
    if not isinstance(formula, str) or not formula.strip():
        raise CalculationError("formula", "write the formula as text, e.g. 'dau * 2 / day'")
    if len(formula) > _MAX_FORMULA:
        raise CalculationError("formula", f"is longer than {_MAX_FORMULA} characters")
    try:
        tree = ast.parse(_expand_suffixes(formula.strip()), mode="eval")
    except (RecursionError, MemoryError):
        raise CalculationError("formula", "is nested too deeply") from None
    except (SyntaxError, ValueError) as err:
        offset = getattr(err, "offset", None)
        where = f" at character {offset}" if offset else ""
        raise CalculationError(
            "formula",
            f"{formula!r} is not a valid formula{where}; write products with * "
            "(2 * GB, not 2 GB) or quote quantities ('2 GB')",
        ) from None
    evaluator = _Evaluator(names, formula)
    try:
        value = evaluator.visit(tree)
        value = _drop_percent(value)
        x = float(value.magnitude)
    except CalculationError:
        raise
    except RecursionError:
        raise CalculationError("formula", "is nested too deeply") from None
    except Exception as err:  # pint's own errors on odd units (offsets, complex results)
        raise CalculationError("formula", f"{formula!r}: cannot calculate ({err})") from None
    if not math.isfinite(x):
        raise CalculationError("formula", f"{formula!r} gives {x}, not a finite number")
    return value, evaluator.used


def _drop_percent(value: Any) -> Any:
    """Turn ``50% * 300M`` (1.5e10 percent) into the plain number 150M."""
    exponent = dict(value.units._units).get("percent")
    if not exponent:
        return value
    return value.to(value.units / registry().Unit("percent") ** exponent)


@dataclass(frozen=True)
class Step:
    """One row of an estimate: an assumption (``given``) or a calculated step.

    Attributes
    ----------
    name : str
        Identifier used in later formulas.
    label : str
        What the value is, in words.
    value : pint.Quantity
        The result.
    formula : str or None
        The formula; None for a given.
    inputs : dict
        Earlier names the formula used, with their values.
    source : str or None
        Where a given comes from.
    """

    name: str
    label: str
    value: Any
    formula: str | None = None
    inputs: dict[str, Any] = field(default_factory=dict)
    source: str | None = None

    @property
    def is_given(self) -> bool:
        """Whether this row is an assumption rather than a calculation."""
        return self.formula is None


class Estimate:
    """A chain of named steps, each with its formula, inputs and result with units.

    Parameters
    ----------
    title : str
        What is being estimated.

    Examples
    --------
    >>> est = Estimate("Tweets per second")
    >>> _ = est.given("dau", "150M", label="Daily active users")
    >>> _ = est.step("per_second", "dau * 2 / day", unit="1/s")
    >>> round(est.result.magnitude)
    3472
    """

    def __init__(self, title: str = "Estimate"):
        self.title = str(title)
        self._steps: dict[str, Step] = {}

    # building -----------------------------------------------------------------------
    def _check_name(self, name: Any) -> str:
        if not isinstance(name, str) or not _NAME.match(name):
            raise CalculationError(
                "name", f"{name!r} is not a valid step name; use letters, digits and _"
            )
        if name in _RESERVED:
            raise CalculationError("name", f"{name!r} is reserved; choose another name")
        if name in self._steps:
            raise CalculationError("name", f"a step named {name!r} already exists")
        return name

    def given(self, name: str, value: Any, label: str | None = None, source: str | None = None):
        """Add an assumption.

        Parameters
        ----------
        name : str
            Identifier for later formulas.
        value : number, str or pint.Quantity
            The assumed value (``"300M"``, ``"1 MB"``, ``0.5``).
        label : str, optional
            What it is, in words.
        source : str, optional
            Where the number comes from.

        Returns
        -------
        Estimate
            ``self``, so calls chain.

        Raises
        ------
        CalculationError
            For a bad name or a value that cannot be read or is not finite.
        """
        name = self._check_name(name)
        try:
            q = Q(value)
            x = float(q.magnitude)
        except (InputError, TypeError, ValueError, OverflowError) as err:
            raise CalculationError("value", f"{name}: {err}") from None
        if not math.isfinite(x):
            raise CalculationError("value", f"{name}: {x} is not a finite number")
        self._steps[name] = Step(name, label or name, q, source=source)
        return self

    def step(self, name: str, formula: str, label: str | None = None, unit: str | None = None):
        """Add a calculated step.

        Parameters
        ----------
        name : str
            Identifier for later formulas.
        formula : str
            Arithmetic over earlier names and quantities: ``"dau * 2 / day"``.
        label : str, optional
            What it is, in words.
        unit : str, optional
            Unit to express the result in (``"1/s"``, ``"TB/day"``).

        Returns
        -------
        Estimate
            ``self``, so calls chain.

        Raises
        ------
        CalculationError
            For a bad name or formula, or a result that cannot be expressed in ``unit``.
        """
        name = self._check_name(name)
        values = {n: s.value for n, s in self._steps.items()}
        value, used = _evaluate(formula, values)
        value = self._convert(name, value, unit)
        self._steps[name] = Step(name, label or name, value, formula=formula, inputs=used)
        return self

    @staticmethod
    def _convert(name: str, value: Any, unit: str | None) -> Any:
        if unit is None:
            return value
        try:
            target = registry().Unit(unit) if isinstance(unit, str) else unit
        except Exception:
            raise CalculationError("unit", f"{name}: unknown unit {unit!r}") from None
        if value.dimensionality != target.dimensionality:
            raise CalculationError(
                "unit",
                f"{name}: the formula gives {describe_dimension(value)} ({fmt(value)}), "
                f"which cannot be expressed in {unit}",
            )
        return value.to(target)

    # reading ------------------------------------------------------------------------
    def __getitem__(self, name: str) -> Any:
        """Return the value of a step or given."""
        try:
            return self._steps[name].value
        except KeyError:
            known = ", ".join(self._steps) or "none"
            raise KeyError(f"no step named {name!r}; steps are: {known}") from None

    def __contains__(self, name: object) -> bool:
        return name in self._steps

    def __iter__(self):
        return iter(self._steps.values())

    def __len__(self) -> int:
        return len(self._steps)

    @property
    def steps(self) -> list[Step]:
        """All rows, in order."""
        return list(self._steps.values())

    @property
    def result(self) -> Any:
        """The value of the last row."""
        if not self._steps:
            raise CalculationError("result", "the estimate has no steps yet")
        return next(reversed(self._steps.values())).value

    # rendering ----------------------------------------------------------------------
    def _rows(self) -> list[tuple[str, str, str, str, str, str]]:
        rows = []
        for i, s in enumerate(self._steps.values(), 1):
            if s.is_given:
                how = "given" + (f" ({s.source})" if s.source else "")
                inputs = ""
            else:
                how = s.formula or ""
                inputs = ", ".join(f"{n} = {fmt(v)}" for n, v in s.inputs.items())
            rows.append((str(i), s.name, s.label, how, inputs, fmt(s.value)))
        return rows

    def __str__(self) -> str:
        header = ("#", "step", "label", "formula", "inputs", "result")
        rows = [header, *self._rows()]
        widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
        lines = [self.title]
        for k, row in enumerate(rows):
            lines.append("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
            if k == 0:
                lines.append("  ".join("-" * w for w in widths))
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"Estimate({self.title!r}, {len(self)} steps)"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        # IPython's text/plain (papermill, nbval, a terminal console) shows the table, not repr.
        printer.text(str(self))

    def _repr_html_(self) -> str:
        esc = html.escape
        head = "".join(
            f"<th>{h}</th>" for h in ("#", "Step", "What", "Formula", "Inputs", "Result")
        )
        body = []
        for num, name, label, how, inputs, result in self._rows():
            body.append(
                f"<tr><td>{num}</td><td><code>{esc(name)}</code></td><td>{esc(label)}</td>"
                f"<td><code>{esc(how)}</code></td><td>{esc(inputs)}</td>"
                f"<td style='text-align:right'><b>{esc(result)}</b></td></tr>"
            )
        return (
            f"<table class='tpmprep-estimate'><caption style='text-align:left'>"
            f"<b>{esc(self.title)}</b></caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table>"
        )

    def show(self) -> None:
        """Display the estimate: a table in a notebook, text elsewhere."""
        from tpmprep.display import show

        show(self, str(self))

    # judging ------------------------------------------------------------------------
    def compare(self, answers: Mapping[str, Any], tolerance: Tolerance | None = None):
        """Judge a candidate's values step by step.

        Parameters
        ----------
        answers : mapping of str to Any
            Candidate values by step name (numbers are read in the step's unit, quantities
            and text such as ``"3.5K req/s"`` are converted). Steps may be left out.
        tolerance : Tolerance, optional
            How close counts as right; default ``Tolerance(factor=2)`` (an estimate).

        Returns
        -------
        StepComparison
            Per-step verdicts and the first step that is off.

        Raises
        ------
        CalculationError
            When ``answers`` is not a mapping or names a step that does not exist.
        """
        if not isinstance(answers, Mapping):
            raise CalculationError("answers", "give a dict of step name to value")
        unknown = [n for n in answers if n not in self._steps]
        if unknown:
            known = ", ".join(self._steps)
            raise CalculationError(
                "answers", f"no step named {unknown[0]!r}; the steps are: {known}"
            )
        if tolerance is None:
            tolerance = Tolerance(factor=2)
        if not isinstance(tolerance, Tolerance):
            raise CalculationError(
                "tolerance", "give a Tolerance(rel=...) or Tolerance(factor=...)"
            )
        theirs: dict[str, Any] = {}  # the candidate's readable values, as quantities
        checks = []
        error_seen = False
        for number_, s in enumerate(self._steps.values(), 1):
            if s.name not in answers:
                checks.append(StepCheck(number_, s, Verdict.NOT_GIVEN))
                continue
            verdict = judge(answers[s.name], s.value, tolerance)
            if verdict.value is not None:
                theirs[s.name] = registry().Quantity(verdict.value, s.value.units)
            status = verdict.verdict
            wrong = status == Verdict.INCORRECT and not s.is_given
            if wrong and self._follows(s, theirs, tolerance):
                status = "follows"
            checks.append(StepCheck(number_, s, status, verdict, first=False))
            if status in (Verdict.INCORRECT, Verdict.INVALID) and not error_seen:
                error_seen = True
                checks[-1] = StepCheck(number_, s, status, verdict, first=True)
        return StepComparison(self.title, checks, tolerance)

    def _follows(self, s: Step, theirs: dict[str, Any], tolerance: Tolerance) -> bool:
        """Whether the candidate's value for ``s`` is right given their own earlier values."""
        used = [n for n in s.inputs if n in theirs]
        if not used:
            return False
        names = {n: theirs.get(n, t.value) for n, t in self._steps.items() if n != s.name}
        try:
            value, _ = _evaluate(s.formula, names)
            value = value.to(s.value.units)
        except Exception:
            return False
        return judge(theirs.get(s.name), value, tolerance).correct


@dataclass(frozen=True)
class StepCheck:
    """The verdict on one step of a compared estimate.

    Attributes
    ----------
    number : int
        1-based position in the chain.
    step : Step
        The step.
    status : str
        ``"correct"``, ``"incorrect"``, ``"invalid"``, ``"follows"`` (wrong, but right given
        the candidate's own earlier values), ``"unanswered"`` or ``"not given"``.
    judgement : Judgement or None
        The underlying judgement.
    first : bool
        Whether this is the first step that is off.
    """

    number: int
    step: Step
    status: str
    judgement: Judgement | None = None
    first: bool = False

    @property
    def message(self) -> str:
        """One line for the candidate about this step."""
        j = self.judgement
        note = f" (Note: {j.note}.)" if j is not None and j.note else ""
        if self.status == Verdict.CORRECT:
            return "right." + note
        if self.status == Verdict.FOLLOWS:
            return "follows from your earlier step (right given your own earlier values)." + note
        if self.status in (Verdict.INCORRECT, Verdict.INVALID) and j is not None:
            return j.reason + note
        if self.status == Verdict.UNANSWERED:
            return "not answered yet."
        return "not given."


_MARKS = {
    Verdict.CORRECT: "✓",
    Verdict.FOLLOWS: "→",
    Verdict.INCORRECT: "✗",
    Verdict.INVALID: "✗",
    Verdict.UNANSWERED: "·",
    Verdict.NOT_GIVEN: "·",
}


@dataclass(frozen=True)
class StepComparison:
    """Feedback on a candidate's chain: per-step verdicts and the first step that is off.

    Attributes
    ----------
    title : str
        The estimate's title.
    checks : list of StepCheck
        One per step, in order.
    tolerance : Tolerance
        The tolerance used.
    """

    title: str
    checks: list[StepCheck]
    tolerance: Tolerance

    @property
    def first_error(self) -> StepCheck | None:
        """The first step that is off, or None."""
        return next((c for c in self.checks if c.first), None)

    @property
    def answered(self) -> list[StepCheck]:
        """Checks of the steps the candidate gave."""
        return [c for c in self.checks if c.status not in (Verdict.NOT_GIVEN, Verdict.UNANSWERED)]

    @property
    def correct(self) -> bool:
        """True when at least one step was given and every given step is right."""
        return bool(self.answered) and all(c.status == Verdict.CORRECT for c in self.answered)

    def summary(self) -> str:
        """One or two sentences: the first step that is off, or that all is well."""
        first = self.first_error
        if not self.answered:
            return "Nothing to check yet: give a value for at least one step."
        if first is not None:
            s = first.step
            how = f" ({s.name} = {s.formula})" if s.formula else " (an assumption)"
            return f"The first step that is off is step {first.number}, {s.label}{how}: " + (
                first.message
            )
        if any(c.status == Verdict.FOLLOWS for c in self.checks):
            return (
                "Every step follows from your earlier values, but small differences in earlier "
                f"steps add up: some results fall outside {self.tolerance}. Round less."
            )
        return f"All {len(self.answered)} checked steps are right ({self.tolerance})."

    def __str__(self) -> str:
        lines = [f"{self.title}: {self.summary()}"]
        for c in self.checks:
            if c.status == Verdict.NOT_GIVEN:
                continue
            lines.append(f"  {_MARKS[c.status]} {c.number}. {c.step.label}: {c.message}")
        return "\n".join(lines)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        # IPython's text/plain (papermill, nbval, a terminal console) shows the table, not repr.
        printer.text(str(self))

    def _repr_html_(self) -> str:
        esc = html.escape
        colour = "#1a7f37" if self.correct else ("#b42318" if self.first_error else "#555")
        highlight = " style='background:#fdecea'"
        rows = "".join(
            f"<tr{highlight if c.first else ''}>"
            f"<td>{_MARKS[c.status]}</td><td>{c.number}</td><td>{esc(c.step.label)}</td>"
            f"<td>{esc(c.message)}</td></tr>"
            for c in self.checks
            if c.status != "not given"
        )
        return (
            f"<div class='tpmprep-comparison'><p style='color:{colour}'>"
            f"<b>{esc(self.title)}</b>: {esc(self.summary())}</p>"
            f"<table><tbody>{rows}</tbody></table></div>"
        )

    def show(self) -> None:
        """Display the feedback: HTML in a notebook, text elsewhere."""
        from tpmprep.display import show

        show(self, str(self))
