"""``tpmprep bank check`` and ``tpmprep quiz``: question banks and quizzes from a terminal."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import click

from tpmprep.cli.app import fail, main
from tpmprep.exceptions import BankError, InputError, TpmprepError

__all__ = ["bank", "md", "quiz_command"]


@main.group()
def bank() -> None:
    """Question banks: validate the built-in banks or your own."""


def _counts(banks: list[Any]) -> dict[str, Any]:
    from tpmprep.quizzes.model import LEVELS, TYPES
    from tpmprep.themes import THEMES

    qs = [q for b in banks for q in b.questions]
    themes, types, levels = (Counter(getattr(q, a) for q in qs) for a in ("theme", "type", "level"))
    return {
        "total": len(qs),
        "themes": {t.slug: themes[t.slug] for t in THEMES if themes[t.slug]},
        "types": {t: types[t] for t in TYPES},
        "levels": {lv: levels[lv] for lv in LEVELS},
    }


@bank.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
def check(paths: tuple[Path, ...], as_json: bool) -> None:
    """Validate the built-in banks (no PATH) or the given bank files; print counts.

    An invalid bank exits with status 2 and one line per problem (file, question id, field).
    """
    from tpmprep.practice.flashcards import load_deck, validate_deck
    from tpmprep.practice.mock import validate_mocks
    from tpmprep.quizzes.banks import builtin_banks, builtin_paths, load_banks

    problems: list[str] = []
    banks: list[Any] = []
    try:
        if paths:
            banks = load_banks(paths)
        else:
            if not builtin_paths():
                fail("no built-in banks found in tpmprep/banks/")
            banks = list(builtin_banks())
    except BankError as err:
        problems.extend(err.problems)
    if not paths:  # the shipped flashcard deck and mock prompts are checked with the banks
        problems.extend(validate_deck() + validate_mocks())
    if problems:
        for problem in problems:
            click.echo(problem, err=True)
        n = len(problems)
        fail(f"{n} problem{'s' if n != 1 else ''} found; fix each line above and check again")
    counts = _counts(banks)
    if not paths:
        counts["cards"] = len(load_deck())
    if as_json:
        click.echo(json.dumps(counts, indent=2))
        return
    cards = f" and {counts['cards']} flashcards" if "cards" in counts else ""
    click.echo(f"{counts['total']} questions in {len(banks)} bank(s){cards}: all valid.")
    for key in ("themes", "types", "levels"):
        click.echo(f"\n{key}:")
        for name, count in counts[key].items():
            click.echo(f"  {name:<34} {count:>4}")


_STYLES = {
    "strong": {"bold": True},
    "em": {"italic": True},
    "code": {"fg": "cyan"},
    "heading": {"bold": True},
    "link": {"underline": True},
}


def _style(text: str, kind: str) -> str:
    return click.style(text, **_STYLES.get(kind, {}))


def md(text: str) -> str:
    """Render a bank's Markdown for the terminal: bold, italics and code styled, no markers.

    ``click.echo`` drops the styling when the output is not a terminal (a pipe, a file).

    Parameters
    ----------
    text : str
        Markdown.

    Returns
    -------
    str
    """
    from tpmprep.quizzes.render import markdown_text

    return markdown_text(text, _style)


def _show(question: Any, number: int, total: int) -> None:
    from tpmprep.quizzes.render import LETTERS

    click.echo()
    click.secho(f"Question {number} of {total} · {question.theme} · {question.level}", bold=True)
    click.echo(md(question.prompt))
    if question.type in ("single", "multiple"):
        for i, choice in enumerate(question.choices):
            click.echo(f"  {LETTERS[i]}. {md(choice)}")


def _bad(err: InputError) -> click.BadParameter:
    return click.BadParameter(str(err).removeprefix("answer: "))


def _ask(question: Any, seed: Any) -> Any:
    """Ask one question until the answer is readable; return its :class:`Result`."""
    from tpmprep.quizzes.matching import match, read_letters, read_numbers
    from tpmprep.quizzes.render import LETTERS, shown_order

    kind = question.type

    def judged(given: Any) -> Any:
        result = match(question, given)
        if not result.submitted:
            raise click.BadParameter(result.feedback)
        return result

    def letters(text: str) -> Any:
        try:
            picked = read_letters(text, len(question.choices))
        except InputError as err:
            raise _bad(err) from None
        if kind == "single" and len(picked) != 1:
            raise click.BadParameter("type one letter")
        return judged(picked[0] if kind == "single" else picked)

    if kind in ("single", "multiple"):
        last = LETTERS[len(question.choices) - 1]
        what = "one letter" if kind == "single" else "every right letter, e.g. 'A C'"
        return click.prompt(f"Your answer ({what}, A-{last})", value_proc=letters)
    if kind in ("numeric", "estimate"):
        band = (
            f"±{question.tolerance * 100:g}%"
            if kind == "numeric"
            else f"within a factor of {question.factor:g}"
        )
        return click.prompt(
            f"Your answer (a number with its unit, e.g. '3.6 GB'; {band} accepted)",
            value_proc=judged,
        )
    if kind == "ordering":
        steps = shown_order(question, seed)
        click.echo("Put these steps in order:")
        for i, step in enumerate(steps, 1):
            click.echo(f"  {i}. {md(step)}")

        def order(text: str) -> Any:
            try:
                picked = read_numbers(text, len(steps), permutation=True)
            except InputError as err:
                raise _bad(err) from None
            return judged([steps[i] for i in picked])

        return click.prompt(
            "Your order (step numbers, first to last, e.g. '3 1 2')", value_proc=order
        )
    click.prompt(
        "Your answer (one line, for yourself; Enter to skip)", default="", show_default=False
    )
    click.echo("\nModel answer:\n" + md(question.answer))
    click.echo("Rubric:")
    for i, item in enumerate(question.rubric, 1):
        click.echo(f"  {i}. {md(item)}")

    def ticks(text: str) -> Any:
        try:
            return judged(read_numbers(text, len(question.rubric), permutation=False))
        except InputError as err:
            raise _bad(err) from None

    return click.prompt(
        "Points your answer covered (numbers, e.g. '1 3'; Enter for none)",
        default="",
        show_default=False,
        value_proc=ticks,
    )


def _feedback(question: Any, result: Any) -> None:
    colour = {"correct": "green", "partial": "yellow"}.get(result.verdict, "red")
    symbol = {"correct": "✓", "partial": "◐"}.get(result.verdict, "✗")
    click.secho(f"{symbol} {result.feedback}", fg=colour)
    if not result.correct and question.type != "text":
        click.echo("Answer: " + md(question.answer_text).replace("\n", "\n        "))
    click.echo("Why: " + md(question.explanation))
    if question.source:
        click.echo(f"Source: {question.source}")


@main.command("quiz")
@click.argument("theme")
@click.option("--n", "n", type=click.IntRange(min=1), default=None, help="How many questions.")
@click.option("--seed", type=int, default=None, help="Seed for the question order.")
def quiz_command(theme: str, n: int | None, seed: int | None) -> None:
    """Ask the questions of THEME (a theme slug or a bank file) and record each answer.

    Choices are answered by letter, numbers with their units, orders as step numbers
    ("3 1 2"). A bad answer is asked again; Ctrl-D ends the quiz with the score so far.
    """
    from tpmprep.quizzes import pick
    from tpmprep.quizzes.record import record_attempt

    try:
        chosen = pick(theme, n=n, shuffle=True, seed=seed)
    except TpmprepError as err:
        fail(err)
    right = asked = 0
    try:
        for number, question in enumerate(chosen, 1):
            _show(question, number, len(chosen))
            result = _ask(question, seed)
            record_attempt(question, result, front_end="terminal")
            asked += 1
            right += result.correct
            _feedback(question, result)
    except click.Abort:
        click.echo("\nQuiz ended early.")
    click.secho(f"\nScore: {right} of {asked} correct ({len(chosen)} in the quiz).", bold=True)
