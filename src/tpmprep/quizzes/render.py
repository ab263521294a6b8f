"""Show questions: safe HTML from a bank's Markdown, and plain text that never gives answers away.

Bank text is Markdown rendered by markdown-it-py in CommonMark mode with raw HTML *disabled*:
a ``<script>`` in a bank appears as the literal text ``<script>``, never as markup, and
``javascript:`` links are refused by markdown-it's link validation.
"""

from __future__ import annotations

import functools
import random
from typing import Any

__all__ = [
    "LETTERS",
    "markdown_html",
    "markdown_inline",
    "question_text",
    "quiz_text",
    "shown_order",
]

LETTERS = "ABCDEF"


@functools.cache
def _md() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False})


def markdown_html(text: str) -> str:
    """Render Markdown to HTML with raw HTML shown as text (escaped), never as markup.

    Parameters
    ----------
    text : str
        Markdown from a bank.

    Returns
    -------
    str
        HTML safe to put in an ``ipywidgets.HTML``.
    """
    return _md().render(text)


def markdown_inline(text: str) -> str:
    """Render one line of Markdown (a choice, a step) to inline HTML, raw HTML escaped.

    Parameters
    ----------
    text : str
        One line of Markdown.

    Returns
    -------
    str
    """
    return _md().renderInline(text)


def shown_order(question: Any, seed: Any = None) -> list[str]:
    """Return an ordering question's steps shuffled for display (never the right order).

    Parameters
    ----------
    question : OrderingQuestion
        The question.
    seed : Any, optional
        With a seed, the same question always shows the same order.

    Returns
    -------
    list of str
    """
    steps = list(question.answer)
    rng = random.Random(f"{seed}/{question.id}") if seed is not None else random.Random()
    rng.shuffle(steps)
    if steps == list(question.answer):  # never show the answer as the starting order
        steps = steps[1:] + steps[:1]
    return steps


def _indent(text: str, prefix: str = "   ") -> str:
    return "\n".join(prefix + line if line.strip() else "" for line in text.strip().splitlines())


def question_text(question: Any, number: int, total: int, seed: Any = None) -> str:
    """Write one question as plain text: number, prompt, and its choices lettered.

    Never includes the answer, the explanation, the model answer or the expected unit's value.

    Parameters
    ----------
    question : Question
        The question.
    number, total : int
        Its position in the quiz (1-based) and the quiz length.
    seed : Any, optional
        Seed for the shown order of an ordering question.

    Returns
    -------
    str
    """
    head = f"Question {number} of {total} · {question.theme} · {question.level} · {question.type}"
    lines = [head, _indent(question.prompt)]
    if question.type in ("single", "multiple"):
        how = "one answer" if question.type == "single" else "every right answer"
        lines += [f"   {LETTERS[i]}. {c}" for i, c in enumerate(question.choices)]
        lines.append(f"   (choose {how})")
    elif question.type == "numeric":
        lines.append(f"   (a number with its unit; accepted within ±{question.tolerance * 100:g}%)")
    elif question.type == "estimate":
        lines.append(
            f"   (an estimate with its unit; accepted within a factor of {question.factor:g})"
        )
    elif question.type == "ordering":
        lines.append("   Put these steps in order:")
        lines += [f"   {i}. {s}" for i, s in enumerate(shown_order(question, seed), 1)]
    else:
        lines.append(
            f"   (a short written answer, self-assessed against {len(question.rubric)} points)"
        )
    return "\n".join(lines)


def quiz_text(questions: list[Any], title: str, seed: Any = None, command: str = "") -> str:
    """Write a whole quiz as plain text for headless runs and terminals: no answers.

    Parameters
    ----------
    questions : list of Question
        The quiz, in the order asked.
    title : str
        What the quiz is about (a theme or a file name).
    seed : Any, optional
        Seed for the shown order of ordering questions.
    command : str
        What to pass to ``tpmprep quiz`` for the same questions (a theme slug or a path).

    Returns
    -------
    str
    """
    n = len(questions)
    head = (
        f"Quiz: {title}, {n} question{'s' if n != 1 else ''}. Answer them interactively in "
        f"JupyterLab, or in a terminal with `tpmprep quiz {command or 'BANK.yaml'}`."
    )
    body = [question_text(q, i, n, seed) for i, q in enumerate(questions, 1)]
    return "\n\n".join([head, *body])
