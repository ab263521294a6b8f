"""Mock interviews: a prompt, a time box, the framework checklist and a rubric self-assessment.

Prompts, checklists and rubrics live in ``tpmprep/banks/mocks.yaml``. A session is picked by
kind (``system-design``, ``program-execution``, ``behavioural``) and seed; the result is recorded
in the progress store as ``mock:<kind>`` with each rubric score (1 missing, 2 partial, 3 solid,
4 strong), counted correct when the mean score is at least 3.
"""

from __future__ import annotations

import functools
import random
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from tpmprep.exceptions import BankError, InputError

if TYPE_CHECKING:
    from tpmprep.practice.store import Attempt, ProgressStore

__all__ = [
    "KINDS",
    "MOCKS_PATH",
    "PASS_SCORE",
    "MockSession",
    "Prompt",
    "headless_text",
    "record_mock",
    "session",
    "validate_mocks",
]

MOCKS_PATH = Path(__file__).resolve().parents[1] / "banks" / "mocks.yaml"
KINDS = ("system-design", "program-execution", "behavioural")
PASS_SCORE = 3.0  # mean rubric score counted as a "correct" mock
SCORE_LABELS = {1: "missing", 2: "partial", 3: "solid", 4: "strong"}
THEME = "mock-interviews"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Prompt(_Model):
    """One interview prompt.

    Attributes
    ----------
    id, kind, title, prompt : str
        Identity, interview kind, short title and the question as the interviewer asks it.
    principle : str or None
        The Amazon leadership principle a behavioural prompt probes.
    source : str or None
        Where the facts in the prompt come from.
    """

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    kind: str
    title: str
    prompt: str
    principle: str | None = None
    source: str | None = None


class _Kind(_Model):
    minutes: int = Field(gt=0)
    checklist: list[str] = Field(min_length=1)
    rubric: list[str] = Field(min_length=1)


class _Mocks(_Model):
    kinds: dict[str, _Kind]
    prompts: list[Prompt]


def _parse(path: Path) -> tuple[_Mocks | None, list[str]]:
    import yaml

    try:
        data = _Mocks.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError) as err:
        return None, [f"{path}: file: {err}"]
    except ValidationError as err:
        return None, [f"{path}: {'.'.join(map(str, e['loc']))}: {e['msg']}" for e in err.errors()]
    problems = [f"{path}: kinds: {k}: missing" for k in KINDS if k not in data.kinds]
    seen: set[str] = set()
    for p in data.prompts:
        if p.kind not in KINDS:
            problems.append(f"{path}: prompt {p.id}: kind: unknown kind {p.kind!r}")
        if p.id in seen:
            problems.append(f"{path}: prompt {p.id}: id: duplicate; ids must be unique")
        seen.add(p.id)
        if p.source is None and re.search(r"\d", p.prompt):
            problems.append(f"{path}: prompt {p.id}: source: required because it states a number")
    problems += [
        f"{path}: prompts: no {k} prompt"
        for k in KINDS
        if not any(p.kind == k for p in data.prompts)
    ]
    return data, problems


def validate_mocks(path: str | Path | None = None) -> list[str]:
    """Return the problems of a mocks file, one line each naming the file, prompt and field.

    Parameters
    ----------
    path : str or Path or None
        The file; ``None`` for the built-in ``MOCKS_PATH``.

    Returns
    -------
    list of str
        Empty when the file is valid.
    """
    return _parse(Path(path) if path is not None else MOCKS_PATH)[1]


@functools.cache
def _mocks() -> _Mocks:
    data, problems = _parse(MOCKS_PATH)
    if problems or data is None:
        raise BankError(problems)
    return data


@dataclass(frozen=True)
class MockSession:
    """A mock interview ready to run.

    Attributes
    ----------
    kind : str
        ``system-design``, ``program-execution`` or ``behavioural``.
    minutes : float
        The time box.
    prompt : Prompt
        The question.
    checklist, rubric : tuple of str
        The framework steps to cover and the criteria scored at the end.
    """

    kind: str
    minutes: float
    prompt: Prompt
    checklist: tuple[str, ...]
    rubric: tuple[str, ...]

    @property
    def seconds(self) -> int:
        """The time box in whole seconds."""
        return round(self.minutes * 60)


def _check_kind(kind: Any) -> str:
    if kind not in KINDS:
        raise InputError("kind", f"unknown mock interview {kind!r}; use one of: {', '.join(KINDS)}")
    return kind


def session(kind: str, minutes: float | None = None, seed: int | None = None) -> MockSession:
    """Pick a prompt for a mock interview of ``kind``.

    Parameters
    ----------
    kind : str
        ``system-design``, ``program-execution`` or ``behavioural``.
    minutes : float or None
        The time box, 1 to 180 minutes; ``None`` for the kind's usual length.
    seed : int or None
        Picks the prompt reproducibly; ``None`` picks at random.

    Returns
    -------
    MockSession

    Raises
    ------
    InputError
        When ``kind`` is unknown or ``minutes`` is not between 1 and 180.
    """
    _check_kind(kind)
    spec = _mocks().kinds[kind]
    if minutes is None:
        minutes = spec.minutes
    if isinstance(minutes, bool) or not isinstance(minutes, int | float) or not 1 <= minutes <= 180:
        raise InputError("minutes", f"must be a number of minutes from 1 to 180, got {minutes!r}")
    prompts = [p for p in _mocks().prompts if p.kind == kind]
    prompt = random.Random(seed).choice(prompts)
    return MockSession(kind, minutes, prompt, tuple(spec.checklist), tuple(spec.rubric))


def _minutes_text(minutes: float) -> str:
    return f"{minutes:g} minute" + ("" if minutes == 1 else "s")


def headless_text(mock_session: MockSession) -> str:
    """Return the session as text: prompt, time box and checklist.

    Parameters
    ----------
    mock_session : MockSession
        The session.

    Returns
    -------
    str
    """
    s = mock_session
    lines = [f"Mock interview ({s.kind}): {s.prompt.title}"]
    if s.prompt.principle and s.prompt.principle != s.prompt.title:
        lines.append(f"Leadership principle: {s.prompt.principle}")
    lines += ["", s.prompt.prompt.strip(), "", f"Time box: {_minutes_text(s.minutes)}", ""]
    lines.append("Checklist:")
    lines += [f"  [ ] {item}" for item in s.checklist]
    if s.prompt.source:
        lines += ["", f"Source: {s.prompt.source}"]
    return "\n".join(lines)


def record_mock(
    mock_session: MockSession,
    scores: Mapping[str, int] | Iterable[int],
    *,
    checked: Iterable[str] = (),
    elapsed_seconds: float | None = None,
    store: ProgressStore | None = None,
) -> Attempt:
    """Record a finished mock interview as ``mock:<kind>``.

    Parameters
    ----------
    mock_session : MockSession
        The session that was run.
    scores : mapping of criterion to int, or a sequence of ints
        One score from 1 to 4 per rubric criterion (a sequence follows the rubric's order).
    checked : iterable of str
        The checklist items the candidate covered.
    elapsed_seconds : float or None
        How long the candidate took, when known.
    store : ProgressStore or None
        Where to record; ``None`` for the default store.

    Returns
    -------
    Attempt
        The recorded attempt; ``details["score"]`` is the mean score.

    Raises
    ------
    InputError
        When a score is missing, not a whole number from 1 to 4, or names no criterion.
    """
    rubric = mock_session.rubric
    if isinstance(scores, Mapping):
        unknown = [c for c in scores if c not in rubric]
        if unknown:
            raise InputError("scores", f"no rubric criterion {unknown[0]!r} for this interview")
        missing = [c for c in rubric if c not in scores]
        if missing:
            raise InputError("scores", f"give a score from 1 to 4 for {missing[0]!r}")
        by_criterion = {c: scores[c] for c in rubric}
    else:
        values = list(scores)
        if len(values) != len(rubric):
            raise InputError(
                "scores", f"give {len(rubric)} scores (one per criterion), got {len(values)}"
            )
        by_criterion = dict(zip(rubric, values, strict=True))
    for criterion, value in by_criterion.items():
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 4:
            raise InputError("scores", f"{criterion!r}: must be 1, 2, 3 or 4, got {value!r}")
    mean = round(sum(by_criterion.values()) / len(by_criterion), 2)
    if store is None:
        from tpmprep.practice.store import default_store

        store = default_store()
    return store.record(
        f"mock:{mock_session.kind}",
        mean >= PASS_SCORE,
        answer=by_criterion,
        theme=THEME,
        kind="mock",
        interview=mock_session.kind,
        prompt=mock_session.prompt.id,
        score=mean,
        max_score=4,
        minutes=mock_session.minutes,
        elapsed_seconds=elapsed_seconds,
        checked=[item for item in mock_session.checklist if item in set(checked)],
    )
