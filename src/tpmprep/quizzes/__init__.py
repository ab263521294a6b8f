"""Quizzes: question banks (YAML, validated), answer matching, and the notebook quiz.

``quiz("caching")`` shows an interactive quiz in JupyterLab and, headless (papermill,
nbclient, nbval) or outside IPython, prints the questions as text without their answers.
``tpmprep quiz caching`` asks them in a terminal; ``tpmprep bank check`` validates banks.
"""

from __future__ import annotations

import difflib
import os
import random
from typing import Any

from tpmprep.exceptions import InputError
from tpmprep.quizzes.banks import Bank, builtin_banks, load_bank, load_banks, questions
from tpmprep.quizzes.matching import Result, match

__all__ = [
    "Bank",
    "Result",
    "builtin_banks",
    "load_bank",
    "load_banks",
    "match",
    "pick",
    "questions",
    "quiz",
    "title_of",
]


def pick(
    theme_or_bank: Any,
    n: int | None = None,
    shuffle: bool = True,
    seed: Any = None,
    ids: Any = None,
) -> list[Any]:
    """Choose the questions of a quiz: load, optionally shuffle (seeded), keep the first ``n``.

    Parameters
    ----------
    theme_or_bank : str, path-like, Bank or list of these
        See :func:`tpmprep.quizzes.banks.questions`.
    n : int, optional
        How many questions (default: all).
    shuffle : bool
        Shuffle the order (with ``seed``, the same order every time).
    seed : Any, optional
        Seed for the shuffle.
    ids : list of str, optional
        Keep only these questions, in this order (a lesson's checkpoint on what it just taught).

    Returns
    -------
    list of Question

    Raises
    ------
    InputError
        When ``n`` is not a positive whole number (``parameter`` is ``"n"``), or
        ``theme_or_bank`` names nothing known, or ``ids`` names a question it does not hold.
    BankError
        When a bank is invalid.
    """
    if n is not None and (isinstance(n, bool) or not isinstance(n, int) or n < 1):
        raise InputError("n", f"must be a whole number of questions, 1 or more; got {n!r}")
    chosen = questions(theme_or_bank)
    if ids is not None:
        chosen = _only(chosen, ids)
    if shuffle:
        (random.Random(seed) if seed is not None else random.Random()).shuffle(chosen)
    return chosen[:n] if n is not None else chosen


def _only(chosen: list[Any], ids: Any) -> list[Any]:
    """Return the questions named by ``ids``, in that order; unknown ids are an InputError."""
    if isinstance(ids, str) or not isinstance(ids, list | tuple) or not ids:
        raise InputError("ids", f"must be a non-empty list of question ids, got {ids!r}")
    by_id = {q.id: q for q in chosen}
    unknown = [i for i in ids if i not in by_id]
    if unknown:
        close = difflib.get_close_matches(str(unknown[0]), list(by_id), n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise InputError("ids", f"no question {unknown[0]!r} in this quiz's banks{hint}")
    return [by_id[i] for i in ids]


def title_of(theme_or_bank: Any) -> str:
    """Name a quiz after what it was built from (a theme slug or a file name).

    Parameters
    ----------
    theme_or_bank : Any
        What was passed to :func:`quiz`.

    Returns
    -------
    str
    """
    items = theme_or_bank if isinstance(theme_or_bank, list | tuple) else [theme_or_bank]
    names = []
    for item in items:
        if isinstance(item, Bank):
            names.append(os.path.basename(item.path))
        elif isinstance(item, os.PathLike) or (isinstance(item, str) and os.sep in item):
            names.append(os.path.basename(os.fspath(item)))
        else:
            names.append(str(item))
    return " + ".join(names)
