"""Load question banks: the built-in ones shipped in the package, or any YAML file given.

A bank file holds a ``theme`` and a list of ``questions`` (see :mod:`tpmprep.quizzes.model`).
Questions inherit the file's theme; a question may repeat it but a question that names a
*different* theme is an error (a caching question filed in the scalability bank is a mistake,
not a feature). A file without a top-level ``theme`` must give each question its own.

Validation never stops at the first problem: every problem in every file is collected and
raised together as one :class:`~tpmprep.exceptions.BankError`, one line each, in the form
``FILE: question ID: FIELD: message`` (``question #N`` when the id itself is missing).
Ids must be unique across all the banks loaded together.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from tpmprep.exceptions import BankError, InputError
from tpmprep.themes import THEMES, slug_problem

__all__ = ["Bank", "builtin_banks", "load_bank", "load_banks", "questions"]

NOT_QUESTION_BANKS = {"flashcards.yaml", "mocks.yaml"}
_TOP_LEVEL = {"theme", "questions"}


@dataclass(frozen=True)
class Bank:
    """One validated bank file.

    Attributes
    ----------
    path : str
        Where it was read from.
    theme : str or None
        The file's theme slug (questions inherit it).
    questions : tuple of Question
        The questions, in file order.
    """

    path: str
    theme: str | None
    questions: tuple[Any, ...]


def _where(question: Any, index: int) -> str:
    qid = question.get("id") if isinstance(question, dict) else None
    if isinstance(qid, str) and qid.strip():
        return f"question {qid}"
    return f"question #{index + 1} (no id)"


def _message(error: dict[str, Any]) -> str:
    kind = error["type"]
    if kind == "missing":
        return "missing; this field is required"
    if kind == "extra_forbidden":
        return "unknown field (a typo?); remove it or fix its name"
    if kind == "union_tag_not_found":
        return "missing; use one of single, multiple, numeric, estimate, ordering, text"
    if kind == "union_tag_invalid":
        tag = error.get("ctx", {}).get("tag", "?")
        return (
            f"unknown type {tag!r}; use one of single, multiple, numeric, estimate, ordering, text"
        )
    return str(error["msg"]).removeprefix("Value error, ")


def _field(loc: Sequence[Any], kind: str) -> str:
    if kind.startswith("union_tag"):
        return "type"
    # The first element of a discriminated union's location is the tag (the question type).
    parts = [str(p) for p in loc[1:]] if loc else []
    field = parts[0] if parts else "question"
    if len(parts) > 1:
        field += "".join(f"[{p}]" for p in parts[1:])
    return field


def _validate_question(
    raw: Any, index: int, theme: str | None, name: str, *, theme_reported: bool = False
) -> tuple[Any, list[str]]:
    from pydantic import ValidationError

    from tpmprep.quizzes.model import question_adapter

    where = f"{name}: {_where(raw, index)}"
    if not isinstance(raw, dict):
        return None, [f"{where}: question: must be a mapping of fields, got {type(raw).__name__}"]
    data = dict(raw)
    problems = []
    if theme is not None:
        own = data.get("theme", theme)
        if own != theme:
            problems.append(
                f"{where}: theme: {own!r} differs from the file's theme {theme!r}; "
                "questions inherit the file's theme, so remove it or move the question"
            )
        data["theme"] = theme
    elif theme_reported and "theme" not in data:
        data["theme"] = THEMES[0].slug  # the file's bad theme is reported once, not per question
    try:
        return question_adapter().validate_python(data), problems
    except ValidationError as err:
        for e in err.errors():
            problems.append(f"{where}: {_field(e['loc'], e['type'])}: {_message(e)}")
        return None, problems


def _parse(text: str, name: str) -> tuple[Bank | None, list[str]]:
    from tpmprep.documents import read_yaml

    data, problems = read_yaml(text, name=name, text=True)
    if problems:
        return None, problems
    if not isinstance(data, dict):
        return None, [f"{name}: file: expected a mapping with 'theme' and 'questions' at the top"]
    problems = [
        f"{name}: {key}: unknown top-level field; a bank has only 'theme' and 'questions'"
        for key in data
        if key not in _TOP_LEVEL
    ]
    theme = data.get("theme")
    problem = None if theme is None else slug_problem(theme)
    theme_reported = problem is not None
    if theme_reported:
        problems.append(f"{name}: theme: {problem}")
        theme = None
    raw_questions = data.get("questions")
    if not isinstance(raw_questions, list) or not raw_questions:
        problems.append(f"{name}: questions: missing or empty; give a list of questions")
        return None, problems
    made, seen = [], {}
    for index, raw in enumerate(raw_questions):
        question, found = _validate_question(raw, index, theme, name, theme_reported=theme_reported)
        problems += found
        if question is None:
            continue
        if question.id in seen:
            problems.append(
                f"{name}: question {question.id}: id: duplicate of question #{seen[question.id]} "
                "in the same file; ids must be unique"
            )
            continue
        seen[question.id] = index + 1
        made.append(question)
    # The valid questions come back with the problems, so ids are still compared across files.
    return Bank(path=name, theme=theme, questions=tuple(made)), problems


def _read(path: str | os.PathLike[str]) -> tuple[Bank | None, list[str]]:
    name = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        reason = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
        return None, [f"{name}: file: cannot read it ({reason})"]
    return _parse(text, name)


def _combine(loaded: Iterable[tuple[Bank | None, list[str]]]) -> list[Bank]:
    banks, problems, owner = [], [], {}
    for bank, found in loaded:
        problems += found
        if bank is None:
            continue
        for q in bank.questions:
            if q.id in owner:
                problems.append(
                    f"{bank.path}: question {q.id}: id: duplicate of the question in "
                    f"{owner[q.id]}; ids must be unique across all banks"
                )
            else:
                owner[q.id] = bank.path
        banks.append(bank)
    if problems:
        raise BankError(problems)
    return banks


def load_bank(path: str | os.PathLike[str]) -> Bank:
    """Read and validate one bank file.

    Parameters
    ----------
    path : str or path-like
        A YAML bank file (see the contract in :mod:`tpmprep.quizzes.model`).

    Returns
    -------
    Bank

    Raises
    ------
    BankError
        With one line per problem (file, question id, field).
    """
    return _combine([_read(path)])[0]


def load_banks(paths: Iterable[str | os.PathLike[str]]) -> list[Bank]:
    """Read and validate several bank files together (ids must be unique across them).

    Parameters
    ----------
    paths : iterable of str or path-like
        Bank files; a folder stands for the ``*.yaml`` files in it.

    Returns
    -------
    list of Bank

    Raises
    ------
    BankError
        With every problem of every file, one line each.
    """
    files: list[str | os.PathLike[str]] = []
    for path in paths:
        if Path(path).is_dir():
            files += sorted(
                p for p in Path(path).glob("*.yaml") if p.name not in NOT_QUESTION_BANKS
            )
        else:
            files.append(path)
    return _combine(_read(p) for p in files)


def builtin_paths() -> list[Any]:
    """Return the built-in bank files shipped in the package, sorted by name.

    Returns
    -------
    list of importlib.resources.abc.Traversable
        ``tpmprep/banks/*.yaml`` except ``flashcards.yaml`` and ``mocks.yaml``.
    """
    folder = resources.files("tpmprep").joinpath("banks")
    if not folder.is_dir():
        return []
    return sorted(
        (
            f
            for f in folder.iterdir()
            if f.name.endswith(".yaml") and f.name not in NOT_QUESTION_BANKS
        ),
        key=lambda f: f.name,
    )


@functools.cache
def builtin_banks() -> tuple[Bank, ...]:
    """Load and validate the banks shipped in the package (cached for the process).

    Returns
    -------
    tuple of Bank

    Raises
    ------
    BankError
        If a built-in bank is invalid (``tpmprep bank check`` says where).
    """
    return tuple(_combine(_parse(f.read_text(encoding="utf-8"), str(f)) for f in builtin_paths()))


def _one(item: Any) -> list[Any]:
    if isinstance(item, Bank):
        return list(item.questions)
    if isinstance(item, str | os.PathLike):
        text = os.fspath(item)
        slugs = [t.slug for t in THEMES]
        if isinstance(item, str) and text in slugs:
            found = [q for b in builtin_banks() for q in b.questions if q.theme == text]
            if not found:
                raise InputError("theme_or_bank", f"there are no questions for theme {text!r} yet")
            return found
        if Path(text).exists():
            return [q for b in load_banks([text]) for q in b.questions]
        raise InputError(
            "theme_or_bank",
            f"{text!r} is neither a theme ({', '.join(slugs[1:])}) nor an existing bank file",
        )
    raise InputError(
        "theme_or_bank",
        f"expected a theme slug, a bank file or a list of them, got {type(item).__name__}",
    )


def questions(theme_or_bank: Any) -> list[Any]:
    """Return the questions of a theme, a bank file, or a list of either.

    Parameters
    ----------
    theme_or_bank : str, path-like, Bank or list of these
        A theme slug (``"caching"``: the built-in questions of that theme), a bank file or
        folder an instructor wrote, a loaded :class:`Bank`, or a list mixing them.

    Returns
    -------
    list of Question
        In bank order; a question named twice (the same theme listed twice) appears once.

    Raises
    ------
    InputError
        When ``theme_or_bank`` is neither a known theme nor an existing file (``parameter``
        is ``"theme_or_bank"``) or names a theme with no questions.
    BankError
        When a bank is invalid, or two different questions share an id.
    """
    items = theme_or_bank if isinstance(theme_or_bank, list | tuple) else [theme_or_bank]
    if not items:
        raise InputError("theme_or_bank", "is empty; name at least one theme or bank file")
    chosen: dict[str, Any] = {}
    problems = []
    for item in items:
        for q in _one(item):
            if q.id not in chosen:
                chosen[q.id] = q
            elif chosen[q.id] != q:
                problems.append(f"question {q.id}: id: two different questions share this id")
    if problems:
        raise BankError(problems)
    return list(chosen.values())
