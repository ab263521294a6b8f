"""A behavioural-interview story bank: STAR stories mapped to leadership principles.

A candidate keeps their stories in a YAML file they own::

    stories:
      - title: Cut checkout latency before peak
        principles: [Customer Obsession, Dive Deep, Deliver Results]
        situation: Two weeks before peak, p99 checkout latency had doubled to 1.8 s.
        task: I owned the launch readiness review for checkout.
        action: I traced the slowdown to ...
        result: p99 back to 850 ms; peak ran with zero checkout incidents.
        metrics: ["p99 1.8 s -> 850 ms", "0 incidents"]

``StoryBank.load(path)`` reads and validates it (every problem names the story and the field),
``coverage()`` says which principles have 0, 1 or more stories, ``warnings()`` lists what an
interviewer would catch (a principle with no story, a story stretched over too many principles,
a result without a number, a missing STAR part), and ``save(path)`` writes it back. The
principles default to Amazon's 16 Leadership Principles (``principles.yaml`` beside this module,
names only, from https://www.amazon.jobs/en/principles); pass your own list for another company.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from tpmprep.exceptions import BankError, InputError

__all__ = [
    "STAR_PARTS",
    "Story",
    "StoryBank",
    "StoryWarning",
    "amazon_principles",
    "min_stories_to_cover",
    "speaking_minutes",
]

STAR_PARTS = ("situation", "task", "action", "result")
#: A story tagged with more principles than this draws a reuse warning.
DEFAULT_MAX_PRINCIPLES = 3
_DIGIT = re.compile(r"\d")


@functools.cache
def _principles_file() -> dict[str, Any]:
    from tpmprep.documents import read_yaml

    data, problems = read_yaml(resources.files("tpmprep.practice").joinpath("principles.yaml"))
    if problems:  # pragma: no cover - a packaging mistake
        raise BankError(problems)
    return data


def amazon_principles() -> tuple[str, ...]:
    """Return the names of Amazon's 16 Leadership Principles, in Amazon's order.

    Returns
    -------
    tuple of str
        Source: Amazon, Leadership Principles, https://www.amazon.jobs/en/principles.
    """
    return tuple(_principles_file()["principles"])


class Story(BaseModel):
    """One STAR story: a title, the principles it shows, the four parts and its metrics."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    title: str = Field(min_length=1)
    principles: list[str] = Field(min_length=1)
    situation: str = ""
    task: str = ""
    action: str = ""
    result: str = ""
    metrics: list[str] = Field(default_factory=list)

    @field_validator("principles")
    @classmethod
    def _no_duplicates(cls, value: list[str]) -> list[str]:
        # amazon.jobs writes "Earth’s" with a typographic apostrophe; accept a pasted name.
        value = [p.replace("\u2019", "'") for p in value]
        seen = [p for i, p in enumerate(value) if p in value[:i]]
        if seen:
            raise ValueError(f"{seen[0]!r} is listed twice")
        return value

    def missing_parts(self) -> list[str]:
        """Return the STAR parts left empty, in STAR order."""
        return [part for part in STAR_PARTS if not getattr(self, part)]

    def words(self) -> int:
        """Return the number of words of the four STAR parts (what you would say)."""
        return sum(len(getattr(self, part).split()) for part in STAR_PARTS)


@dataclass(frozen=True)
class StoryWarning:
    """Something an interviewer would notice about a story bank.

    Attributes
    ----------
    kind : str
        ``"uncovered"`` (a principle has no story), ``"reuse"`` (a story is tagged with more than
        the allowed number of principles), ``"no-number"`` (the result has no digit) or
        ``"missing-part"`` (a STAR part is empty).
    subject : str
        The principle (for ``"uncovered"``) or the story's title.
    message : str
        What is wrong and what to do about it.
    """

    kind: str
    subject: str
    message: str

    def __str__(self) -> str:
        return f"[{self.kind}] {self.message}"


def _problem_lines(err: ValidationError, stories: Sequence[Any], where: str) -> list[str]:
    lines = []
    for e in err.errors():
        loc = list(e["loc"])
        if loc and loc[0] == "stories" and len(loc) > 1 and isinstance(loc[1], int):
            index = loc[1]
            raw = stories[index] if index < len(stories) else None
            title = raw.get("title") if isinstance(raw, Mapping) else None
            name = f"story {title!r}" if title else f"story #{index + 1}"
            field = ".".join(str(x) for x in loc[2:]) or "(the story)"
            lines.append(f"{where}{name}: {field}: {e['msg']}")
        else:
            lines.append(f"{where}{'.'.join(str(x) for x in loc) or '(file)'}: {e['msg']}")
    return lines


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid")

    stories: list[Story] = Field(default_factory=list)
    principles: list[str] | None = None


class StoryBank:
    """Stories mapped to principles, with coverage and warnings.

    Parameters
    ----------
    stories : iterable of Story or dict
        The stories; dicts are validated like the YAML file.
    principles : sequence of str, optional
        The principles to cover; Amazon's 16 Leadership Principles by default.

    Raises
    ------
    BankError
        With one line per problem, each naming the story and the field: an empty title, a
        duplicate title, an unknown field, or a principle that is not in ``principles``.
    """

    def __init__(
        self,
        stories: Iterable[Story | Mapping[str, Any]] = (),
        principles: Sequence[str] | None = None,
        *,
        source: str = "",
    ):
        where = f"{source}: " if source else ""
        self.principles: tuple[str, ...] = (
            tuple(principles) if principles is not None else amazon_principles()
        )
        if not self.principles:
            raise InputError("principles", "give at least one principle to map stories to")
        raw = [s.model_dump() if isinstance(s, Story) else s for s in stories]
        try:
            parsed = _File.model_validate({"stories": raw}).stories
        except ValidationError as err:
            raise BankError(_problem_lines(err, raw, where)) from None
        problems = []
        titles: set[str] = set()
        known = set(self.principles)
        for story in parsed:
            if story.title in titles:
                problems.append(f"{where}story {story.title!r}: title: used by two stories")
            titles.add(story.title)
            for p in story.principles:
                if p not in known:
                    problems.append(
                        f"{where}story {story.title!r}: principles: unknown principle {p!r}; "
                        f"use one of: {', '.join(self.principles)}"
                    )
        if problems:
            raise BankError(problems)
        self.stories: list[Story] = parsed

    # -- files ------------------------------------------------------------------------------
    @classmethod
    def load(cls, path: str | Path, principles: Sequence[str] | None = None) -> StoryBank:
        """Read a story bank from a YAML file (``stories:`` and optionally ``principles:``).

        Parameters
        ----------
        path : str or Path
            The candidate's file.
        principles : sequence of str, optional
            Overrides the file's ``principles:`` list and the default (Amazon's).

        Returns
        -------
        StoryBank

        Raises
        ------
        BankError
            When the file is not valid YAML or a story is invalid (the line names the story and
            the field).
        """
        from tpmprep.documents import read_yaml

        path = Path(path)
        data, problems = read_yaml(path)
        if problems:
            raise BankError(problems)
        data = data or {}
        if not isinstance(data, Mapping):
            raise BankError([f"{path}: expected a mapping with a 'stories' list at the top"])
        unknown = sorted(set(data) - {"stories", "principles"})
        if unknown:
            raise BankError(
                [f"{path}: {unknown[0]}: unknown top-level field; use 'stories' and 'principles'"]
            )
        stories = data.get("stories") or []
        if not isinstance(stories, list):
            raise BankError([f"{path}: stories: must be a list of stories"])
        chosen = principles if principles is not None else data.get("principles")
        return cls(stories, chosen, source=str(path))

    def save(self, path: str | Path) -> Path:
        """Write the bank to a YAML file that :meth:`load` reads back unchanged.

        Parameters
        ----------
        path : str or Path
            Where to write. The file is replaced atomically (a crash never leaves half a
            story bank) and keeps its permissions.

        Returns
        -------
        Path
        """
        import yaml

        from tpmprep.files import atomic_write_text

        path = Path(path)
        data: dict[str, Any] = {"stories": [s.model_dump() for s in self.stories]}
        if self.principles != amazon_principles():
            data["principles"] = list(self.principles)
        text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
        atomic_write_text(path, text)
        return path

    # -- analysis ---------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.stories)

    def __repr__(self) -> str:
        return f"<StoryBank {len(self.stories)} stories, {len(self.principles)} principles>"

    def coverage(self) -> dict[str, list[str]]:
        """Return, for every principle in order, the titles of the stories that show it."""
        cover: dict[str, list[str]] = {p: [] for p in self.principles}
        for story in self.stories:
            for p in story.principles:
                cover[p].append(story.title)
        return cover

    def uncovered(self) -> list[str]:
        """Return the principles with no story, in order."""
        return [p for p, titles in self.coverage().items() if not titles]

    def coverage_ratio(self) -> float:
        """Return the share of principles with at least one story (0 to 1)."""
        return 1 - len(self.uncovered()) / len(self.principles)

    def warnings(self, max_principles: int = DEFAULT_MAX_PRINCIPLES) -> list[StoryWarning]:
        """List what an interviewer would catch, principle gaps first, then story by story.

        Parameters
        ----------
        max_principles : int
            A story tagged with more principles than this is a reuse risk: told for every
            principle, it sounds rehearsed, and two interviewers of one loop may hear it twice.

        Returns
        -------
        list of StoryWarning
        """
        if isinstance(max_principles, bool) or not isinstance(max_principles, int):
            raise InputError("max_principles", f"must be a whole number, got {max_principles!r}")
        if max_principles < 1:
            raise InputError("max_principles", f"must be at least 1, got {max_principles}")
        found = [
            StoryWarning("uncovered", p, f"no story shows {p!r}: write one or retag a story")
            for p in self.uncovered()
        ]
        for s in self.stories:
            if len(s.principles) > max_principles:
                found.append(
                    StoryWarning(
                        "reuse",
                        s.title,
                        f"{s.title!r} is tagged with {len(s.principles)} principles (more than "
                        f"{max_principles}): keep the {max_principles} it shows best",
                    )
                )
            if s.result and not _DIGIT.search(s.result):
                found.append(
                    StoryWarning(
                        "no-number",
                        s.title,
                        f"{s.title!r}: the result has no number; say what changed, by how much",
                    )
                )
            missing = s.missing_parts()
            if missing:
                found.append(
                    StoryWarning(
                        "missing-part",
                        s.title,
                        f"{s.title!r}: missing STAR part(s): {', '.join(missing)}",
                    )
                )
        return found

    def summary(self, max_principles: int = DEFAULT_MAX_PRINCIPLES) -> str:
        """Return a text report: coverage by principle (0 / 1 / 2+ stories) and the warnings."""
        cover = self.coverage()
        width = max(len(p) for p in self.principles)
        lines = [
            f"{len(self.stories)} stories; {len(self.principles) - len(self.uncovered())} of "
            f"{len(self.principles)} principles covered ({self.coverage_ratio():.0%})",
        ]
        for p, titles in cover.items():
            mark = "0 " if not titles else ("1 " if len(titles) == 1 else "2+")
            lines.append(f"{mark} {p:<{width}}  {', '.join(titles)}".rstrip())
        warnings = self.warnings(max_principles)
        lines.append(f"{len(warnings)} warning(s)")
        lines.extend(f"  {w}" for w in warnings)
        return "\n".join(lines)


def min_stories_to_cover(uncovered: int, per_story: int) -> int:
    """Return the fewest new stories that cover ``uncovered`` principles, ``per_story`` each.

    Parameters
    ----------
    uncovered : int
        Principles with no story.
    per_story : int
        Most principles one story may honestly show (the reuse limit).

    Returns
    -------
    int
        ``ceil(uncovered / per_story)``.
    """
    if isinstance(uncovered, bool) or not isinstance(uncovered, int) or uncovered < 0:
        raise InputError("uncovered", f"must be a whole number >= 0, got {uncovered!r}")
    if isinstance(per_story, bool) or not isinstance(per_story, int) or per_story < 1:
        raise InputError("per_story", f"must be a whole number >= 1, got {per_story!r}")
    return math.ceil(uncovered / per_story)


def speaking_minutes(words: int, words_per_minute: float) -> float:
    """Return how long ``words`` take to say at ``words_per_minute``.

    Parameters
    ----------
    words : int
        Words in the answer.
    words_per_minute : float
        Speaking rate (positive).

    Returns
    -------
    float
        Minutes.
    """
    if not (isinstance(words_per_minute, int | float) and words_per_minute > 0):
        raise InputError("words_per_minute", f"must be a positive number, got {words_per_minute!r}")
    if isinstance(words, bool) or not isinstance(words, int) or words < 0:
        raise InputError("words", f"must be a whole number >= 0, got {words!r}")
    return words / words_per_minute
