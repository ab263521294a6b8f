"""Mock interviews: a prompt, a time box, a canvas per phase, the checklist and a rubric.

Prompts, checklists, canvases and rubrics live in ``tpmprep/banks/mocks.yaml``. A session is
picked by kind (``system-design``, ``program-execution``, ``behavioural``) and seed, or by the
prompt's id. The candidate writes the answer phase by phase on a canvas (for system design:
requirements, estimates, API, components, data model, trade-offs, risks; for the other kinds
the phases of their checklist), ticks the checklist, then rates themselves against the rubric
(1 missing, 2 partial, 3 solid, 4 strong). The result is recorded in the progress store as
``mock:<kind>`` with the scores, the canvas text, the checklist items missed and the worked case
to compare with; it counts as correct when the mean score is at least 3. :func:`history` reads
past attempts back, canvas included.

Every prompt names its worked case (``worked``): a notebook of the repository and, after ``#``,
the heading of the section that works it (for the six case studies, the folded worked answer in
lesson 12). ``validate_mocks`` checks that the notebook and the heading exist.
"""

from __future__ import annotations

import functools
import json
import os
import random
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field

from tpmprep.exceptions import BankError, InputError

if TYPE_CHECKING:
    from tpmprep.practice.store import Attempt, ProgressStore

__all__ = [
    "KINDS",
    "MOCKS_PATH",
    "PASS_SCORE",
    "MockSession",
    "Phase",
    "Prompt",
    "WorkedCase",
    "headless_text",
    "history",
    "history_text",
    "missed",
    "prompt_ids",
    "record_mock",
    "session",
    "validate_mocks",
]

MOCKS_PATH = Path(__file__).resolve().parents[1] / "banks" / "mocks.yaml"
# The repository this package was installed from (an editable install), if it is there.
SOURCE_ROOT = Path(__file__).resolve().parents[3]
KINDS = ("system-design", "program-execution", "behavioural")
PASS_SCORE = 3.0  # mean rubric score counted as a "correct" mock
SCORE_LABELS = {1: "missing", 2: "partial", 3: "solid", 4: "strong"}
THEME = "mock-interviews"
WORKED_PATTERN = r"^(notebooks|solutions)/\d\d-[a-z0-9]+(-[a-z0-9]+)*\.ipynb(#\S.*)?$"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Prompt(_Model):
    """One interview prompt.

    Attributes
    ----------
    id, kind, title, prompt : str
        Identity, interview kind, short title and the question as the interviewer asks it.
    worked : str
        Where the prompt (or the closest case) is worked: a notebook of the repository,
        ``notebooks/...`` or ``solutions/...``, and ``#`` the heading of its section.
    principle : str or None
        The Amazon leadership principle a behavioural prompt probes.
    source : str or None
        Where the facts in the prompt come from.
    """

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    kind: str
    title: str
    prompt: str
    worked: str = Field(pattern=WORKED_PATTERN)
    principle: str | None = None
    source: str | None = None


class _Kind(_Model):
    minutes: int = Field(gt=0)
    checklist: list[str] = Field(min_length=1)
    rubric: list[str] = Field(min_length=1)
    canvas: list[str] | None = Field(default=None, min_length=1)


class _Mocks(_Model):
    kinds: dict[str, _Kind]
    prompts: list[Prompt]


@dataclass(frozen=True)
class Phase:
    """One heading of the canvas: its name (``Requirements``) and a hint of what goes there."""

    name: str
    hint: str


def _phases(items: Iterable[str]) -> tuple[Phase, ...]:
    """Split ``"Name: hint"`` items (checklist or canvas lines) into phases."""
    phases = []
    for item in items:
        name, _, hint = item.partition(":")
        phases.append(Phase(name.strip(), hint.strip()))
    return tuple(phases)


@dataclass(frozen=True)
class WorkedCase:
    """Where a prompt is worked: a notebook of the repository and a section heading in it.

    Attributes
    ----------
    path : str
        The notebook, relative to the repository (``notebooks/12-mock-interviews.ipynb``).
    section : str or None
        The heading's text, or ``None`` for the whole notebook.
    """

    path: str
    section: str | None = None

    @classmethod
    def parse(cls, text: str) -> WorkedCase:
        """Read ``"notebooks/NN-name.ipynb#Heading text"``."""
        path, _, section = text.partition("#")
        return cls(path, section or None)

    @property
    def anchor(self) -> str:
        """The fragment JupyterLab gives the heading (its text, spaces turned into hyphens)."""
        return self.section.replace(" ", "-") if self.section else ""

    def text(self) -> str:
        """Say where it is, for a terminal: the notebook and the section."""
        return f'{self.path}, section "{self.section}"' if self.section else self.path

    def link_from(self, folder: str | os.PathLike[str]) -> str | None:
        """Return a relative link to the section from a notebook in ``folder``, if it is there.

        The notebook is looked for in ``folder`` and the folders above it (the repository or a
        workspace, which keep the same shape); ``None`` when it is not found.

        Parameters
        ----------
        folder : str or path-like
            The folder of the notebook that shows the link (a kernel's working folder).

        Returns
        -------
        str or None
        """
        here = Path(folder).resolve()
        for base in (here, *here.parents):
            if (base / self.path).is_file():
                link = Path(os.path.relpath(base / self.path, here)).as_posix()
                return f"{link}#{self.anchor}" if self.section else link
        return None


def _headings(path: Path) -> set[str]:
    """Return the text of every Markdown heading in a notebook (read as JSON)."""
    found = set()
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        if cell.get("cell_type") != "markdown":
            continue
        source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
        for line in source.splitlines():
            match = re.match(r"^#{1,6}\s+(.+?)\s*#*\s*$", line)
            if match:
                found.add(match.group(1))
    return found


def _parse(path: Path, root: Path | None = None) -> tuple[_Mocks | None, list[str]]:
    from tpmprep.documents import read_yaml, validate

    raw, problems = read_yaml(path)
    if problems:
        return None, problems
    data, problems = validate(_Mocks, raw, str(path))
    if data is None:
        return None, problems
    problems = [f"{path}: kinds: {k}: missing" for k in KINDS if k not in data.kinds]
    for name, kind in data.kinds.items():
        for item in (kind.canvas or []) + kind.checklist:
            if not item.partition(":")[0].strip():
                problems.append(f"{path}: kinds: {name}: {item!r}: starts with no heading")
    seen: set[str] = set()
    headings: dict[str, set[str]] = {}
    for p in data.prompts:
        if p.kind not in KINDS:
            problems.append(f"{path}: prompt {p.id}: kind: unknown kind {p.kind!r}")
        if p.id in seen:
            problems.append(f"{path}: prompt {p.id}: id: duplicate; ids must be unique")
        seen.add(p.id)
        if p.source is None and re.search(r"\d", p.prompt):
            problems.append(f"{path}: prompt {p.id}: source: required because it states a number")
        if root is not None:
            case = WorkedCase.parse(p.worked)
            notebook = root / case.path
            if not notebook.is_file():
                problems.append(f"{path}: prompt {p.id}: worked: no notebook {case.path}")
                continue
            if case.path not in headings:
                headings[case.path] = _headings(notebook)
            if case.section and case.section not in headings[case.path]:
                problems.append(
                    f"{path}: prompt {p.id}: worked: {case.path} has no heading "
                    f"{case.section!r}"
                )
    problems += [
        f"{path}: prompts: no {k} prompt"
        for k in KINDS
        if not any(p.kind == k for p in data.prompts)
    ]
    return data, problems


def validate_mocks(path: str | Path | None = None, root: str | Path | None = None) -> list[str]:
    """Return the problems of a mocks file, one line each naming the file, prompt and field.

    Parameters
    ----------
    path : str or Path or None
        The file; ``None`` for the built-in ``MOCKS_PATH``.
    root : str or Path or None
        The repository that holds the worked cases; each prompt's notebook and heading must
        exist there. ``None``: for the built-in file, the repository it was installed from when
        that is at hand (an editable install), else the worked cases are not looked up.

    Returns
    -------
    list of str
        Empty when the file is valid.
    """
    if root is None and path is None and (SOURCE_ROOT / "notebooks").is_dir():
        root = SOURCE_ROOT
    return _parse(
        Path(path) if path is not None else MOCKS_PATH, Path(root) if root is not None else None
    )[1]


@functools.cache
def _mocks() -> _Mocks:
    data, problems = _parse(MOCKS_PATH)
    if problems or data is None:
        raise BankError(problems)
    return data


def prompt_ids(kind: str | None = None) -> list[str]:
    """Return the ids of the shipped prompts, of one kind or all, in file order."""
    return [p.id for p in _mocks().prompts if kind is None or p.kind == kind]


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
    canvas : tuple of Phase
        The headings the candidate writes the answer under (default: the checklist's phases).
    """

    kind: str
    minutes: float
    prompt: Prompt
    checklist: tuple[str, ...]
    rubric: tuple[str, ...]
    canvas: tuple[Phase, ...] = ()

    def __post_init__(self) -> None:
        if not self.canvas:
            object.__setattr__(self, "canvas", _phases(self.checklist))

    @property
    def seconds(self) -> int:
        """The time box in whole seconds."""
        return round(self.minutes * 60)

    @property
    def worked(self) -> WorkedCase:
        """Where this prompt is worked, to compare with after scoring."""
        return WorkedCase.parse(self.prompt.worked)


def _check_kind(kind: Any) -> str:
    if kind not in KINDS:
        raise InputError("kind", f"unknown mock interview {kind!r}; use one of: {', '.join(KINDS)}")
    return kind


def _find_prompt(prompt_id: Any, kind: str | None) -> Prompt:
    by_id = {p.id: p for p in _mocks().prompts}
    if prompt_id not in by_id:
        import difflib

        close = difflib.get_close_matches(str(prompt_id), list(by_id), n=3, cutoff=0.5)
        hint = f"did you mean {', '.join(close)}?" if close else "see `tpmprep mock --list`"
        raise InputError("prompt", f"no prompt {prompt_id!r}; {hint}")
    found = by_id[prompt_id]
    if kind is not None and found.kind != kind:
        raise InputError(
            "prompt", f"{prompt_id!r} is a {found.kind} prompt, not {kind}; leave out the kind"
        )
    return found


def session(
    kind: str | None = None,
    minutes: float | None = None,
    seed: int | None = None,
    prompt: str | None = None,
) -> MockSession:
    """Pick a prompt for a mock interview of ``kind``, or take the prompt named ``prompt``.

    Parameters
    ----------
    kind : str or None
        ``system-design``, ``program-execution`` or ``behavioural``; may be left out when
        ``prompt`` is given.
    minutes : float or None
        The time box, 1 to 180 minutes; ``None`` for the kind's usual length.
    seed : int or None
        Picks the prompt reproducibly; ``None`` picks at random.
    prompt : str or None
        A prompt's id (``"sd-amazon-buy-now"``; :func:`prompt_ids` lists them).

    Returns
    -------
    MockSession

    Raises
    ------
    InputError
        When ``kind`` or ``prompt`` is unknown, they disagree, or ``minutes`` is not between 1
        and 180.
    """
    if prompt is not None:
        if kind is not None:
            _check_kind(kind)
        chosen = _find_prompt(prompt, kind)
        kind = chosen.kind
    else:
        if kind is None:
            raise InputError("kind", f"name the kind ({', '.join(KINDS)}) or a prompt=")
        _check_kind(kind)
        chosen = random.Random(seed).choice([p for p in _mocks().prompts if p.kind == kind])
    spec = _mocks().kinds[kind]
    if minutes is None:
        minutes = spec.minutes
    if isinstance(minutes, bool) or not isinstance(minutes, int | float) or not 1 <= minutes <= 180:
        raise InputError("minutes", f"must be a number of minutes from 1 to 180, got {minutes!r}")
    return MockSession(
        kind,
        minutes,
        chosen,
        tuple(spec.checklist),
        tuple(spec.rubric),
        _phases(spec.canvas or spec.checklist),
    )


def _minutes_text(minutes: float) -> str:
    return f"{minutes:g} minute" + ("" if minutes == 1 else "s")


def headless_text(mock_session: MockSession) -> str:
    """Return the session as text: prompt, time box, the canvas's headings and the checklist.

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
    lines.append("Write your answer under: " + " · ".join(p.name for p in s.canvas))
    lines.append("")
    lines.append("Checklist:")
    lines += [f"  [ ] {item}" for item in s.checklist]
    if s.prompt.source:
        lines += ["", f"Source: {s.prompt.source}"]
    return "\n".join(lines)


def missed(mock_session: MockSession, checked: Iterable[str]) -> list[str]:
    """Return the checklist items not ticked, in checklist order.

    Parameters
    ----------
    mock_session : MockSession
        The session.
    checked : iterable of str
        The items the candidate ticked.

    Returns
    -------
    list of str
    """
    ticked = set(checked)
    return [item for item in mock_session.checklist if item not in ticked]


def _canvas(mock_session: MockSession, canvas: Mapping[str, Any] | None) -> dict[str, str]:
    names = [p.name for p in mock_session.canvas]
    given = dict(canvas or {})
    unknown = [name for name in given if name not in names]
    if unknown:
        raise InputError(
            "canvas", f"no phase {unknown[0]!r} in this interview; the phases: {', '.join(names)}"
        )
    for name, text in given.items():
        if not isinstance(text, str):
            raise InputError("canvas", f"{name!r}: must be text, got {type(text).__name__}")
    return {name: given.get(name, "").strip() for name in names}


def record_mock(
    mock_session: MockSession,
    scores: Mapping[str, int] | Iterable[int],
    *,
    checked: Iterable[str] = (),
    canvas: Mapping[str, str] | None = None,
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
    canvas : mapping of phase name to str, or None
        What the candidate wrote under each heading of the canvas (phases left out are empty).
    elapsed_seconds : float or None
        How long the candidate took, when known.
    store : ProgressStore or None
        Where to record; ``None`` for the default store.

    Returns
    -------
    Attempt
        The recorded attempt; ``details`` holds ``score`` (the mean), ``canvas`` (every phase's
        text), ``checked`` and ``missed`` (checklist items) and ``worked`` (where to compare).

    Raises
    ------
    InputError
        When a score is missing, not a whole number from 1 to 4, or names no criterion, or the
        canvas names a phase the interview does not have.
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
    written = _canvas(mock_session, canvas)
    ticked = set(checked)
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
        checked=[item for item in mock_session.checklist if item in ticked],
        missed=missed(mock_session, ticked),
        canvas=written,
        worked=mock_session.prompt.worked,
    )


def history(kind: str | None = None, store: ProgressStore | None = None) -> list[Attempt]:
    """Return the recorded mock interviews, newest first, with their canvas text.

    Parameters
    ----------
    kind : str or None
        Only mocks of this kind; ``None`` for all.
    store : ProgressStore or None
        Where to read; ``None`` for the default store.

    Returns
    -------
    list of Attempt
        ``details["canvas"]`` maps each phase to what was written (absent for attempts recorded
        before the canvas existed).

    Raises
    ------
    InputError
        When ``kind`` is unknown.
    """
    kinds = [_check_kind(kind)] if kind is not None else list(KINDS)
    if store is None:
        from tpmprep.practice.store import default_store

        store = default_store()
    found = [a for k in kinds for a in store.attempts(f"mock:{k}")]
    for attempt in found:  # the store keeps keys sorted; give the canvas its phases' order
        canvas = attempt.details.get("canvas")
        spec = _mocks().kinds.get(attempt.details.get("interview", ""))
        if isinstance(canvas, dict) and spec is not None:
            order = [p.name for p in _phases(spec.canvas or spec.checklist)]
            attempt.details["canvas"] = dict(
                sorted(canvas.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else 99)
            )
    return sorted(found, key=lambda a: a.recorded_at, reverse=True)


def _title(prompt_id: Any) -> str:
    for p in _mocks().prompts:
        if p.id == prompt_id:
            return p.title
    return str(prompt_id)


def history_text(attempts: Iterable[Attempt]) -> str:
    """Return past mock interviews as text: when, which prompt, the score, missed items, canvas.

    Parameters
    ----------
    attempts : iterable of Attempt
        Mock attempts (see :func:`history`).

    Returns
    -------
    str
    """
    blocks = []
    for a in attempts:
        d = a.details
        when = a.recorded_at[:16].replace("T", " ")
        elapsed = d.get("elapsed_seconds")
        took = f", {round(elapsed / 60)} of {d.get('minutes', 0):g} min" if elapsed else ""
        lines = [
            f"{when} UTC  {d.get('interview', '?')}: {_title(d.get('prompt'))}",
            f"  score {d.get('score', 0):g} / 4{took}",
        ]
        if d.get("missed"):
            lines.append("  missed: " + "; ".join(i.partition(":")[0] for i in d["missed"]))
        for phase, text in (d.get("canvas") or {}).items():
            if text:
                lines.append(f"  {phase}:")
                lines += [f"    {line}" for line in text.splitlines()]
        if d.get("worked"):
            lines.append(f"  worked case: {WorkedCase.parse(d['worked']).text()}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) if blocks else "No mock interviews recorded yet."
