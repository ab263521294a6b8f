"""Seeded exercise scenarios: the numbers a candidate gets and the answers the library expects.

Every exercise notebook starts with a ``parameters`` cell (``seed``, ``candidate``) and then
loads its scenario::

    sc = scenario("estimation/traffic-basics", seed=seed, candidate=candidate)
    sc.brief()                          # the story and the candidate's own numbers
    sc.check("peak_qps", peak_qps)      # feedback, plus a record an instructor can grade

This module lives in the ``scenarios`` package, whose ``__init__`` imports every concrete
scenario module, so the registry is complete whenever ``scenario()`` can be called.

The same parameters always give the same numbers and the same expected answers, computed here
in Python, so an answer key needs no kernel (see ``Scenario.answer_key``).
"""

from __future__ import annotations

import functools
import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from tpmprep.check_result import CheckResult, given_text
from tpmprep.display import show, show_markdown
from tpmprep.exceptions import (
    InputError,
    TpmprepError,
    UnknownAnswerError,
    UnknownScenarioError,
)
from tpmprep.judging import Judgement, Tolerance, Verdict, judge
from tpmprep.units import Q, fmt, unit_text

__all__ = [
    "Answer",
    "Given",
    "PropertyAnswer",
    "Scenario",
    "redraw",
    "register",
    "scenario",
    "scenario_ids",
]


@dataclass(frozen=True)
class Given:
    """A number of the scenario, with the label a candidate reads."""

    label: str
    value: Any


@dataclass(frozen=True)
class Answer:
    """An answer the exercise checks: its label, expected value, unit and tolerance."""

    label: str
    expected: Any
    unit: str
    tolerance: Tolerance

    @property
    def quantity(self) -> Any:
        """The expected value as a quantity in ``unit``."""
        return Q(self.expected).to(self.unit)

    def expected_text(self) -> str:
        """Return the expected value as an answer key shows it."""
        return fmt(self.quantity)


@dataclass(frozen=True)
class PropertyAnswer:
    """An answer judged by its properties, not against one number: a design, a plan.

    Many designs (or plans) are right; the scenario states requirements and ``judge`` checks the
    candidate's artefact against them (invariant 8). The artefact is read with ``read`` (a
    ``Design``, a ``Program``, YAML text or a path to a YAML file) into its text form, which the
    check record keeps in full, so ``tpmprep cohort grade`` re-judges exactly what was submitted.

    Attributes
    ----------
    label : str
        What is asked ("Your design").
    requirements : str
        What any good answer must meet, as the answer key and the feedback show it.
    read : callable
        ``read(answer) -> str``: the artefact as YAML text; raises ``TpmprepError`` when unusable.
    judge : callable
        ``judge(text) -> Judgement``: correct when every requirement is met; the reason names the
        requirement failed and the part to blame, never the fix.
    """

    label: str
    requirements: str
    read: Callable[[Any], str]
    judge: Callable[[str], Judgement]
    unit: str = ""

    @property
    def tolerance(self) -> str:
        """How the answer is judged, as the feedback names it."""
        return "every requirement of the brief"

    def expected_text(self) -> str:
        """Return what an answer key shows: the requirements (any artefact meeting them passes)."""
        return self.requirements


_REGISTRY: dict[str, type[Scenario]] = {}


def register(cls: type[Scenario]) -> type[Scenario]:
    """Class decorator: make a scenario available to ``scenario()`` under ``cls.id``."""
    if cls.id in _REGISTRY and _REGISTRY[cls.id] is not cls:
        raise InputError("id", f"scenario {cls.id!r} is registered twice")
    _REGISTRY[cls.id] = cls
    return cls


class Scenario:
    """Base class: subclasses set ``id``, ``title``, ``story`` and define ``draw`` and ``answers``.

    Parameters
    ----------
    seed : int
        Non-negative integer; the same seed always gives the same numbers.
    candidate : str
        The candidate's name, carried into every check record.
    demo : bool
        A demonstration (the start notebook showing how ``check`` answers): its checks are
        judged and shown but never published, so they are not the candidate's attempts.
    """

    id: ClassVar[str]
    title: ClassVar[str]
    story: ClassVar[str] = ""
    #: The theme slug progress is filed under; defaults to the id's prefix ("estimation/...").
    theme: ClassVar[str] = ""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "theme" not in cls.__dict__ and isinstance(cls.__dict__.get("id"), str):
            cls.theme = cls.id.split("/", 1)[0]

    def __init__(self, seed: int = 1, candidate: str = "", demo: bool = False):
        if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
            raise InputError("seed", f"must be a non-negative integer, got {seed!r}")
        if not isinstance(candidate, str):
            raise InputError("candidate", f"must be text, got {type(candidate).__name__}")
        self.seed = seed
        self.candidate = candidate
        self.demo = bool(demo)
        # A string seed is hashed with SHA-512 by random.Random: stable across Python versions.
        self.givens: dict[str, Given] = self.draw(random.Random(f"{self.id}/{seed}"))

    def draw(self, rng: random.Random) -> dict[str, Given]:
        """Return the scenario's numbers, drawn from ``rng``."""
        raise NotImplementedError

    def compute(self) -> dict[str, Answer]:
        """Return the expected answers, computed from ``self.givens``."""
        raise NotImplementedError

    @functools.cached_property
    def answers(self) -> Mapping[str, Answer]:
        """The expected answers, by name (computed once)."""
        return self.compute()

    def __getattr__(self, name: str) -> Any:
        givens = self.__dict__.get("givens", {})
        if name in givens:
            return givens[name].value
        raise AttributeError(
            f"scenario {self.id!r} has no number {name!r}; it has: {', '.join(givens)}"
        )

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.id!r} seed={self.seed}>"

    def brief_markdown(self) -> str:
        """Return the story and a table of this candidate's numbers, as Markdown."""
        values = {name: fmt(g.value) for name, g in self.givens.items()}
        rows = "\n".join(
            f"| {g.label} | `sc.{name}` | {values[name]} |" for name, g in self.givens.items()
        )
        story = self.story.format(**values).strip()
        return (
            f"### {self.title}\n\n{story}\n\n| Given | In code | Value |\n|---|---|---|\n{rows}\n"
        )

    def brief(self) -> None:
        """Show the story and the numbers (Markdown in a notebook, text elsewhere)."""
        show_markdown(self.brief_markdown())

    def judge(self, name: str, answer: Any) -> CheckResult:
        """Judge ``answer`` for the answer called ``name`` and return the result.

        Raises
        ------
        UnknownAnswerError
            When the scenario has no answer called ``name`` (an authoring mistake).
        """
        if name not in self.answers:
            raise UnknownAnswerError(
                "name", f"{self.id!r} has no answer {name!r}; it has: {', '.join(self.answers)}"
            )
        expected = self.answers[name]
        if isinstance(expected, PropertyAnswer):
            return self._judge_properties(name, expected, answer)
        judgement = judge(answer, expected.quantity, expected.tolerance)
        shown = ""
        if judgement.value is not None:
            shown = fmt(Q(judgement.value, expected.unit))
        return CheckResult(
            scenario=self.id,
            seed=self.seed,
            candidate=self.candidate,
            answer=name,
            label=expected.label,
            unit=unit_text(expected.unit) if expected.unit else "",
            tolerance=str(expected.tolerance),
            given=given_text(answer),
            judgement=judgement,
            shown=shown,
        )

    def _judge_properties(self, name: str, expected: PropertyAnswer, answer: Any) -> CheckResult:
        """Judge a design or a plan against the brief's requirements."""
        text = ""
        if answer is Ellipsis or answer is None:
            judgement = Judgement(
                Verdict.UNANSWERED, reason="not answered yet: replace ... with your answer."
            )
        else:
            try:
                text = expected.read(answer)
                judgement = expected.judge(text)
            except TpmprepError as err:
                judgement = Judgement(Verdict.INVALID, reason=str(err))
        return CheckResult(
            scenario=self.id,
            seed=self.seed,
            candidate=self.candidate,
            answer=name,
            label=expected.label,
            unit="",
            tolerance=expected.tolerance,
            given=given_text(text or answer),
            judgement=judgement,
            artefact=text,
        )

    def check(self, name: str, answer: Any) -> None:
        """Judge an answer, show the feedback and record it in the progress store.

        ``...`` means "not answered yet": it is shown but not recorded. Recording prints
        nothing; if the store cannot be written it warns once and keeps answers in memory.

        Parameters
        ----------
        name : str
            The answer's name, as the exercise gives it (``"peak_qps"``).
        answer : Any
            ``...``, a number (read in the expected unit), a quantity or text with units.
        """
        result = self.submit(name, answer)
        show(result, result.text())

    def submit(self, name: str, answer: Any) -> CheckResult:
        """Judge an answer and record it exactly as ``check`` does, without showing anything.

        The one recording path of checked answers: ``check`` and the answer boxes
        (``answer_boxes(sc)``) both come here, so a box and code give the same verdict and
        the same record.

        Parameters
        ----------
        name : str
            The answer's name (``"peak_qps"``).
        answer : Any
            As for ``check``.

        Returns
        -------
        CheckResult
        """
        result = self.judge(name, answer)
        if result.judgement.verdict != Verdict.UNANSWERED:
            self._record(name, result)
        return result

    def _record(self, name: str, result: CheckResult) -> None:
        """Publish the verdict as an attempt (the practice layer stores it; never raises)."""
        if self.demo:  # a demonstration is not an attempt
            return
        from tpmprep.attempts import AttemptEvent, publish

        publish(
            AttemptEvent(
                f"check:{self.id}:{name}",
                result.correct,
                result.given,
                {
                    "theme": self.theme,
                    "kind": "check",
                    "verdict": str(result.judgement.verdict),
                    "seed": self.seed,
                    "candidate": self.candidate,
                },
            )
        )

    def answer_key(self) -> list[dict[str, Any]]:
        """Return the expected answers as plain rows: answer, expected, unit, tolerance."""
        return [
            {
                "answer": name,
                "expected": (
                    a.requirements
                    if isinstance(a, PropertyAnswer)
                    else float(a.quantity.magnitude)
                ),
                "unit": a.unit,
                "tolerance": str(a.tolerance),
            }
            for name, a in self.answers.items()
        ]


def redraw(
    rng: random.Random,
    draw_once: Callable[[random.Random], dict[str, Given]],
    accept: Callable[[dict[str, Any]], bool],
    why: str,
) -> dict[str, Given]:
    """Draw with ``draw_once(rng)`` until ``accept(values)`` holds; deterministic for a seed.

    Scenarios redraw numbers that would let a classic slip pass inside the tolerance (too few
    servers to tell a forgotten utilisation target from rounding, two options too close to
    rank). The same generator keeps drawing, so a seed always gives the same accepted numbers.

    Parameters
    ----------
    rng : random.Random
        The scenario's generator.
    draw_once : callable
        Draws one set of givens.
    accept : callable
        Takes ``{name: value}`` and says whether the draw will do.
    why : str
        What an accepted draw guarantees, for the error if none is found.

    Returns
    -------
    dict of str to Given

    Raises
    ------
    AssertionError
        When 1,000 draws in a row are rejected: an authoring mistake (widen the ranges).
    """
    for _ in range(1000):
        givens = draw_once(rng)
        if accept({name: g.value for name, g in givens.items()}):
            return givens
    raise AssertionError(f"no draw {why}; widen the ranges")  # pragma: no cover


def scenario_ids() -> list[str]:
    """Return the ids of every registered scenario, sorted."""
    return sorted(_REGISTRY)


def scenario(id: str, seed: int = 1, candidate: str = "", demo: bool = False) -> Scenario:
    """Load the scenario ``id`` for one candidate.

    Parameters
    ----------
    id : str
        The scenario id, e.g. ``"estimation/traffic-basics"``.
    seed : int
        The candidate's seed (from the notebook's ``parameters`` cell).
    candidate : str
        The candidate's name.
    demo : bool
        Judge and show answers without recording them (for a demonstration, not practice).

    Returns
    -------
    Scenario

    Raises
    ------
    UnknownScenarioError
        When no scenario has that id; the message lists the known ones.
    """
    if id not in _REGISTRY:
        raise UnknownScenarioError(
            "id", f"no scenario {id!r}; known: {', '.join(sorted(_REGISTRY))}"
        )
    return _REGISTRY[id](seed=seed, candidate=candidate, demo=demo)
