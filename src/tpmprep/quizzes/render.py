"""Show questions: safe HTML from a bank's Markdown, and plain text that never gives answers away.

Bank text is Markdown rendered by markdown-it-py in CommonMark mode with raw HTML *disabled*:
a ``<script>`` in a bank appears as the literal text ``<script>``, never as markup, and
``javascript:`` links are refused by markdown-it's link validation. For a terminal,
``markdown_text`` renders the same Markdown as text: no ``**`` or backticks, emphasis and code
styled by a function the caller passes (the CLI's ``click.style``), links as "text (url)".
"""

from __future__ import annotations

import functools
import random
from collections.abc import Callable
from typing import Any

__all__ = [
    "LETTERS",
    "markdown_html",
    "markdown_inline",
    "markdown_text",
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


Style = Callable[[str, str], str]


def _plain(text: str, kind: str) -> str:
    return text


def _inline_text(children: list[Any], style: Style) -> str:
    """Render one inline token stream; spans are styled when they close (nesting works)."""
    stack: list[tuple[str, list[str], str]] = [("", [], "")]
    for token in children:
        kind = token.type
        if kind in ("strong_open", "em_open"):
            stack.append((kind.removesuffix("_open"), [], ""))
        elif kind == "link_open":
            stack.append(("link", [], str(token.attrGet("href") or "")))
        elif kind in ("strong_close", "em_close", "link_close") and len(stack) > 1:
            span, parts, href = stack.pop()
            inner = "".join(parts)
            shown = style(inner, span)
            if span == "link" and href and href != inner:
                shown += f" ({href})"
            stack[-1][1].append(shown)
        elif kind == "code_inline":
            stack[-1][1].append(style(token.content, "code"))
        elif kind in ("softbreak", "hardbreak"):
            stack[-1][1].append("\n")
        else:  # text, an image's alt text, raw HTML shown as text
            stack[-1][1].append(token.content)
    while len(stack) > 1:  # an unclosed span (never from markdown-it; be safe)
        _, parts, _ = stack.pop()
        stack[-1][1].extend(parts)
    return "".join(stack[0][1])


def markdown_text(text: str, style: Style | None = None) -> str:
    """Render Markdown as text for a terminal or a headless notebook: no raw markers.

    Bold, italics, code, headings and links lose their markers (``**``, ``*``, backticks,
    ``#``); ``style(text, kind)`` may decorate them (kinds ``"strong"``, ``"em"``, ``"code"``,
    ``"heading"``, ``"link"``), for example with ``click.style``. Lists keep their numbers or
    get "- ", code blocks are indented, links read "text (url)".

    Parameters
    ----------
    text : str
        Markdown from a bank or a scenario.
    style : callable, optional
        ``style(text, kind) -> str``; default leaves the text as it is.

    Returns
    -------
    str
        The text, paragraphs separated by blank lines, no trailing newline.
    """
    style = style or _plain
    lines: list[str] = []
    lists: list[list[Any]] = []  # [ordered, next number] per open list
    marker: str | None = None
    quote = 0
    heading = False
    for token in _md().parse(text):
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            lists.append([kind == "ordered_list_open", int(token.attrGet("start") or 1)])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
            if not lists:
                lines.append("")
        elif kind == "list_item_open":
            ordered, number = lists[-1]
            marker = f"{number}. " if ordered else "- "
            if ordered:
                lists[-1][1] += 1
        elif kind == "blockquote_open":
            quote += 1
        elif kind == "blockquote_close":
            quote -= 1
        elif kind == "heading_open":
            heading = True
        elif kind == "heading_close":
            heading = False
        elif kind == "inline":
            body = _inline_text(token.children or [], style)
            if heading:
                body = style(body, "heading")
            indent = "   " * (len(lists) - 1) if lists else ""
            if marker is not None:
                first, rest = indent + marker, indent + " " * len(marker)
                marker = None
            elif lists:
                first = rest = indent + "   "
            else:
                first = rest = ""
            prefix = "> " * quote
            body_lines = body.split("\n")
            lines.append(prefix + first + body_lines[0])
            lines += [prefix + rest + line for line in body_lines[1:]]
            if not lists:
                lines.append("")
        elif kind in ("fence", "code_block"):
            code = token.content.rstrip("\n").split("\n")
            lines += ["    " + style(line, "code") for line in code]
            lines.append("")
        elif kind == "hr":
            lines += ["---", ""]
    text_out = "\n".join(line.rstrip() for line in lines).strip("\n")
    while "\n\n\n" in text_out:
        text_out = text_out.replace("\n\n\n", "\n\n")
    return text_out


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
