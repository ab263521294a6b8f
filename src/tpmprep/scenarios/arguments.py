"""Free-text answers of the exercises ("Argue it", "Write it", ...): their rubrics, and the record.

An exercise ends with a question answered in sentences, not numbers. Its rubric lives in
``arguments.yaml`` beside this module, by scenario id and question name; the candidate writes
the answer, ticks the rubric points it covers (a self-assessment: nothing judges prose here),
and :func:`record_argument` publishes the attempt as ``argue:<scenario>:<name>`` through
``tpmprep.attempts``, like a checked answer: kind ``argue``, the text and the ticks in the
details, correct when it meets the rubric's own bar ("at least four of these").

Notebooks show it with ``argue_box(sc, "name")`` (``tpmprep.frontends``).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from tpmprep.exceptions import DocumentError, InputError, UnknownAnswerError

__all__ = [
    "ARGUMENTS_PATH",
    "ArgueResult",
    "Argument",
    "argument",
    "arguments",
    "record_argument",
    "validate_arguments",
]

ARGUMENTS_PATH = Path(__file__).with_name("arguments.yaml")
_MAX_TEXT = 20_000  # characters kept of one written answer


class _Argument(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str = Field(min_length=1)
    intro: str = Field(min_length=1)
    strong: int = Field(ge=1)
    rubric: list[str] = Field(min_length=3, max_length=8)


@dataclass(frozen=True)
class Argument:
    """One free-text question of an exercise and the rubric it is self-assessed against.

    Attributes
    ----------
    scenario, name : str
        The scenario id and the question's name (``"caching/news-feed"``, ``"fan_out"``).
    title : str
        The question's heading (``"Argue it: how do you keep the cache right ...?"``).
    intro : str
        The rubric's own first line (``"A strong answer covers at least four of these"``).
    strong : int
        How many points that line asks of a strong answer.
    rubric : tuple of str
        The points, in order (Markdown).
    """

    scenario: str
    name: str
    title: str
    intro: str
    strong: int
    rubric: tuple[str, ...]

    @property
    def item(self) -> str:
        """The progress item id: ``argue:<scenario>:<name>``."""
        return f"argue:{self.scenario}:{self.name}"


def _parse(path: Path) -> tuple[dict[str, dict[str, Argument]], list[str]]:
    from tpmprep.documents import read_yaml, validate

    data, problems = read_yaml(path)
    if problems:
        return {}, problems
    if not isinstance(data, dict):
        return {}, [f"{path}: file: expected a mapping of scenario ids to questions"]
    found: dict[str, dict[str, Argument]] = {}
    for scenario_id, questions in data.items():
        if not isinstance(questions, dict) or not questions:
            problems.append(f"{path}: {scenario_id}: expected a mapping of question names")
            continue
        for name, fields in questions.items():
            parsed, more = validate(_Argument, fields, str(path), f"{scenario_id}: {name}")
            problems += more
            if parsed is None:
                continue
            if not str(name).isidentifier():
                problems.append(f"{path}: {scenario_id}: {name}: name: use letters, digits and _")
            if parsed.strong > len(parsed.rubric):
                problems.append(
                    f"{path}: {scenario_id}: {name}: strong: {parsed.strong} is more than the "
                    f"{len(parsed.rubric)} rubric points"
                )
            found.setdefault(str(scenario_id), {})[str(name)] = Argument(
                str(scenario_id), str(name), parsed.title, parsed.intro, parsed.strong,
                tuple(parsed.rubric),
            )
    return found, problems


def validate_arguments(path: str | Path | None = None) -> list[str]:
    """Return the problems of a free-text questions file, one line each; empty when valid.

    Parameters
    ----------
    path : str or Path or None
        The file; ``None`` for the built-in ``ARGUMENTS_PATH``.

    Returns
    -------
    list of str
    """
    from tpmprep.scenarios.base import scenario_ids

    path = Path(path) if path is not None else ARGUMENTS_PATH
    found, problems = _parse(path)
    known = set(scenario_ids())
    problems += [f"{path}: {sid}: no scenario has this id" for sid in found if sid not in known]
    return problems


@functools.cache
def _arguments() -> dict[str, dict[str, Argument]]:
    found, problems = _parse(ARGUMENTS_PATH)
    if problems:
        raise DocumentError(problems)
    return found


def arguments(scenario_id: str) -> dict[str, Argument]:
    """Return the free-text questions of a scenario, by name (empty when it has none).

    Parameters
    ----------
    scenario_id : str
        A scenario id, e.g. ``"caching/news-feed"``.

    Returns
    -------
    dict of str to Argument
    """
    return dict(_arguments().get(scenario_id, {}))


def argument(scenario_id: str, name: str) -> Argument:
    """Return one free-text question of a scenario.

    Parameters
    ----------
    scenario_id : str
        The scenario id.
    name : str
        The question's name.

    Returns
    -------
    Argument

    Raises
    ------
    UnknownAnswerError
        When the scenario has no free-text question of that name; the message lists them.
    """
    known = arguments(scenario_id)
    if name not in known:
        names = ", ".join(known) or "none"
        raise UnknownAnswerError(
            "name", f"{scenario_id!r} has no written answer {name!r}; it has: {names}"
        )
    return known[name]


@dataclass(frozen=True)
class ArgueResult:
    """A recorded free-text answer and its self-assessment.

    Attributes
    ----------
    argument : Argument
        The question.
    text : str
        The answer as written.
    ticked : tuple of int
        The rubric points the candidate ticked, numbered from 1.
    """

    argument: Argument
    text: str
    ticked: tuple[int, ...]

    @property
    def strong(self) -> bool:
        """Whether the answer meets the rubric's own bar (``at least N of these``)."""
        return len(self.ticked) >= self.argument.strong

    @property
    def correct(self) -> bool:
        """Whether progress counts the answer as right: it meets the rubric's own bar."""
        return self.strong

    def missed(self) -> list[str]:
        """Return the rubric points not ticked, numbered as in the rubric."""
        return [
            f"{i}. {point}"
            for i, point in enumerate(self.argument.rubric, 1)
            if i not in self.ticked
        ]

    def text_feedback(self) -> str:
        """Return what the candidate reads after recording (plain text)."""
        n, k = len(self.argument.rubric), len(self.ticked)
        if k == n:
            head = f"✓ Recorded: all {n} rubric points covered."
        elif self.strong:
            head = (
                f"✓ Recorded: {k} of {n} rubric points, a strong answer by this rubric "
                f"(at least {self.argument.strong})."
            )
        else:
            head = (
                f"✗ Recorded: {k} of {n} rubric points; a strong answer covers at least "
                f"{self.argument.strong}."
            )
        lines = [head]
        missed = self.missed()
        if missed:
            lines.append("Work on:")
            lines += [f"  {point}" for point in missed]
        lines.append("Then compare with the model answer in the worked solution.")
        return "\n".join(lines)


def _ticks(ticked: Any, n: int) -> tuple[int, ...]:
    values = list(ticked) if ticked is not None else []
    if values and all(isinstance(v, bool) for v in values):
        if len(values) != n:
            raise InputError("ticked", f"give {n} ticks (True/False), one per rubric point")
        return tuple(i for i, v in enumerate(values, 1) if v)
    numbers = []
    for value in values:
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= n:
            raise InputError(
                "ticked", f"rubric points are numbered 1 to {n}; got {value!r}"
            )
        numbers.append(value)
    return tuple(sorted(set(numbers)))


def record_argument(
    sc: Any, name: str, text: Any, ticked: Iterable[int] | Iterable[bool] | None = ()
) -> ArgueResult:
    """Record a free-text answer with its rubric self-assessment, as ``argue:<scenario>:<name>``.

    Published through ``tpmprep.attempts`` like a checked answer (the practice layer stores
    it; a store that cannot be written warns once and the notebook goes on).

    Parameters
    ----------
    sc : Scenario
        The exercise's scenario (``sc = scenario(...)``): its id, seed and candidate are kept.
    name : str
        The question's name.
    text : str
        The answer as written.
    ticked : iterable of int or of bool
        The rubric points the answer covers: numbers from 1, or one True/False per point.

    Returns
    -------
    ArgueResult

    Raises
    ------
    UnknownAnswerError
        When the scenario has no such question.
    InputError
        When the text is empty or a tick is out of range.
    """
    from tpmprep.attempts import AttemptEvent, publish

    question = argument(sc.id, name)
    if not isinstance(text, str) or not text.strip():
        raise InputError("text", "write your answer first, then tick the points it covers")
    text = text.strip()[:_MAX_TEXT]
    points = _ticks(ticked, len(question.rubric))
    result = ArgueResult(question, text, points)
    publish(
        AttemptEvent(
            question.item,
            result.correct,
            f"{len(points)} of {len(question.rubric)} rubric points",
            {
                "theme": sc.theme,
                "kind": "argue",
                "text": text,
                "ticked": list(points),
                "rubric_points": len(question.rubric),
                "strong_at": question.strong,
                "seed": sc.seed,
                "candidate": sc.candidate,
            },
        )
    )
    return result
