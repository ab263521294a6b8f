"""``tpmprep review``, ``mock``, ``progress``, ``next`` and ``plan``: practice from a terminal."""

from __future__ import annotations

import json
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import click

from tpmprep.cli.app import ROOT_OPTION, main
from tpmprep.cli.app import fail as _fail
from tpmprep.exceptions import TpmprepError
from tpmprep.themes import THEMES

_MOCK_KINDS = ["system-design", "program-execution", "behavioural"]

_THEME = click.Choice([t.slug for t in THEMES])
_DECK = click.option(
    "--deck",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="A flashcards YAML file (default: the built-in deck).",
)


def _interval(delta: timedelta) -> str:
    """Say how far away a time is: "10 minutes", "3 days"."""
    seconds = max(delta.total_seconds(), 0)
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size:
            count = round(seconds / size)
            return f"{count} {unit}" + ("" if count == 1 else "s")
    return "less than a minute"


@main.command()
@click.option("--n", "n", type=click.IntRange(min=1), default=None, help="At most N cards.")
@click.option("--theme", type=_THEME, default=None, help="Only cards of this theme.")
@click.option(
    "--new",
    "new_per_day",
    type=click.IntRange(min=0),
    default=None,
    help="New cards a day (default 20, or $TPMPREP_NEW_CARDS_PER_DAY); 0 for reviews only.",
)
@click.option(
    "--all",
    "include_low_value",
    is_flag=True,
    help="Also the cards of little use to a TPM (per-instruction CPU latencies).",
)
@_DECK
def review(
    n: int | None,
    theme: str | None,
    new_per_day: int | None,
    include_low_value: bool,
    deck: Path | None,
) -> None:
    """Review the flashcards that are due and rate each one (spaced repetition).

    Cards seen before come back when due, without limit; new cards are introduced at most 20 a
    day (as Anki does; --new or $TPMPREP_NEW_CARDS_PER_DAY changes it).
    """
    from tpmprep.practice import flashcards

    try:
        cards = flashcards.due_cards(
            n,
            theme,
            deck=deck,
            new_per_day=new_per_day,
            include_low_value=include_low_value,
        )
    except TpmprepError as err:
        _fail(err)
    if not cards:
        click.echo("No cards due. Come back later.")
        return
    queue, reviewed = list(cards), 0
    while queue:
        card = queue.pop(0)
        click.echo(f"\n[{reviewed + 1}, {len(queue)} more after this] ({card.theme})")
        click.echo(card.front)
        click.prompt("Press Enter to show the answer", default="", show_default=False)
        click.echo(f"  -> {card.back}")
        if card.source:
            click.echo(f"     Source: {card.source}")
        rating = click.prompt(
            "How well did you know it? 1 Again, 2 Hard, 3 Good, 4 Easy",
            type=click.IntRange(1, 4),
        )
        updated = flashcards.rate(card, rating)
        reviewed += 1
        if rating == 1:
            queue.append(card)
        click.echo(f"  Next review in {_interval(updated.due - datetime.now(UTC))}.")
    click.echo(f"\nReviewed {reviewed} card{'s' if reviewed != 1 else ''}.")


def _read_box() -> str:
    """Read lines from stdin until an empty line or the end of input; return them joined."""
    lines = []
    while True:
        line = sys.stdin.readline()
        if not line.strip():  # "" at the end of input, "\n" for an empty line
            return "\n".join(lines)
        lines.append(line.rstrip("\n"))


def _numbers(count: int):
    """Return a click value_proc reading "1 3 4" (or nothing) as item numbers from 1 to count."""

    def read(text: str) -> list[int]:
        picked = []
        for token in text.replace(",", " ").split():
            if not token.isdigit() or not 1 <= int(token) <= count:
                raise click.BadParameter(f"give numbers from 1 to {count}, like 1 2 4")
            picked.append(int(token))
        return picked

    return read


@main.command()
@click.argument("kind", required=False, type=click.Choice(_MOCK_KINDS))
@click.option(
    "--minutes", type=click.FloatRange(1, 180), default=None, help="The time box in minutes."
)
@click.option("--seed", type=int, default=None, help="Pick the prompt reproducibly.")
@click.option("--prompt", "prompt_id", default=None, help="Run this prompt (see --list).")
@click.option("--list", "list_prompts", is_flag=True, help="List the prompts and their ids.")
@click.option(
    "--history", is_flag=True, help="Show your past mock interviews (of KIND), with your canvas."
)
def mock(
    kind: str | None,
    minutes: float | None,
    seed: int | None,
    prompt_id: str | None,
    list_prompts: bool,
    history: bool,
) -> None:
    """Run a timed mock interview: write your answer phase by phase, then score yourself.

    KIND is system-design, program-execution or behavioural (or give --prompt). After the
    rubric, the checklist items you missed and the worked case to compare with are shown; the
    scores and what you wrote are saved (read them back with --history).
    """
    from tpmprep.practice import mock as mocks

    try:
        if list_prompts:
            for pid in mocks.prompt_ids(kind):
                chosen = mocks.session(prompt=pid)
                click.echo(f"{pid:32} {chosen.kind:18} {chosen.prompt.title}")
            return
        if history:
            click.echo(mocks.history_text(mocks.history(kind)))
            return
        if kind is None and prompt_id is None:
            _fail(
                "give the KIND of interview (system-design, program-execution, behavioural), "
                "--prompt ID, --list or --history"
            )
        chosen = mocks.session(kind, minutes, seed, prompt_id)
    except TpmprepError as err:
        _fail(err)
    click.echo(mocks.headless_text(chosen))
    started = time.monotonic()
    ends = datetime.now().astimezone() + timedelta(minutes=chosen.minutes)
    click.echo(f"\nThe clock is running: finish by {ends:%H:%M}.")
    click.echo(
        "Write your answer phase by phase: type as many lines as you like under each heading; "
        "an empty line (or Ctrl-D) moves on to the next."
    )
    canvas = {}
    for phase in chosen.canvas:
        click.echo(f"\n{phase.name}" + (f" ({phase.hint})" if phase.hint else "") + ":")
        canvas[phase.name] = _read_box()
    elapsed = round(time.monotonic() - started)
    click.echo(f"\nYou took {_interval(timedelta(seconds=elapsed))}. The checklist:")
    for number, item in enumerate(chosen.checklist, 1):
        click.echo(f"  {number}. {item}")
    covered = click.prompt(
        "Which did you cover? Their numbers, e.g. 1 2 4 (Enter for none)",
        default="",
        show_default=False,
        value_proc=_numbers(len(chosen.checklist)),
    )
    checked = [chosen.checklist[n - 1] for n in covered or []]
    scale = ", ".join(f"{k} {v}" for k, v in mocks.SCORE_LABELS.items())
    click.echo(f"\nRate yourself ({scale}):")
    scores = {
        criterion: click.prompt(f"  {criterion}", type=click.IntRange(1, 4))
        for criterion in chosen.rubric
    }
    attempt = mocks.record_mock(
        chosen, scores, checked=checked, canvas=canvas, elapsed_seconds=elapsed
    )
    weakest = min(scores, key=scores.__getitem__)
    click.echo(
        f"\nRecorded mock:{chosen.kind}: {attempt.details['score']:g} / 4 on average, with what "
        f"you wrote. Work next on: {weakest}."
    )
    if attempt.details["missed"]:
        click.echo("Missed on the checklist:")
        for item in attempt.details["missed"]:
            click.echo(f"  - {item}")
    else:
        click.echo("You covered every item of the checklist.")
    click.echo(f"Compare with the worked case: {chosen.worked.text()}")


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.option("--reset", is_flag=True, help="Delete your progress (asks first; see --theme).")
@click.option("--theme", type=_THEME, default=None, help="With --reset: only this theme's.")
@click.option("--yes", is_flag=True, help="With --reset: do not ask.")
@_DECK
def progress(
    as_json: bool, reset: bool, theme: str | None, yes: bool, deck: Path | None
) -> None:
    """Show progress: by theme, then flashcards and mock interviews, each in its own terms.

    Checks and quizzes: first-try and latest accuracy and the trend of the last 7 days.
    Flashcards: reviews, retention and cards due. Mock interviews: sessions and the mean
    rubric score out of 4.

    With --reset, delete all of it, or one theme's with --theme, after a y/N question (--yes
    skips it); a copy of the store is kept beside it first.
    """
    from tpmprep.practice.progress import progress_json, progress_text, summary

    if theme is not None and not reset:
        _fail("--theme: only with --reset (the table always shows every theme)")
    if reset:
        _reset(theme, yes)
        return
    try:
        report = summary(deck=deck)
    except TpmprepError as err:
        _fail(err)
    if as_json:
        click.echo(json.dumps(progress_json(report), indent=2))
    else:
        click.echo(progress_text(report))


def _reset(theme: str | None, yes: bool) -> None:
    """Delete all progress, or one theme's, once the user has said yes."""
    from tpmprep.practice.store import default_store

    store = default_store()
    found = store.counts(theme)
    scope = "all your progress" if theme is None else f"your progress in theme {theme}"
    if not (found["attempts"] or found["cards"]):
        click.echo(f"Nothing to reset: {scope} is empty.")
        return
    question = (
        f"Delete {scope}: {found['attempts']} recorded answers and reviews, and "
        f"{found['cards']} flashcard schedules, in {store.path or 'memory'}?"
    )
    if not yes and not click.confirm(question, default=False):
        click.echo("Nothing was deleted.")
        return
    done = store.reset(theme)
    copy = f" The store before the reset is kept in {done['backup']}." if done["backup"] else ""
    click.echo(
        f"Deleted {scope}: {done['attempts']} recorded answers and reviews, and "
        f"{done['cards']} flashcard schedules.{copy}"
    )


def _workbook(root: Path | None) -> tuple[Path, list]:
    from tpmprep.course.catalogue import find_workbook, materials

    folder = find_workbook(root)
    return folder, materials(folder)


@main.command("next")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@ROOT_OPTION
def next_command(as_json: bool, root: Path | None) -> None:
    """Say what to do now, from your progress: cards due, weakest theme, next lesson or exercise.

    Also an exercise not tried yet, and a timed mock interview when none was done in a week;
    each with the notebook to open or the command to run.
    """
    from tpmprep.practice.planner import read_facts, what_next

    try:
        folder, found = _workbook(root)
        suggestions = what_next(found, read_facts()).at(folder, Path.cwd())
    except TpmprepError as err:
        _fail(err)
    if as_json:
        click.echo(json.dumps(suggestions.json(), indent=2))
    else:
        click.echo(suggestions.text())


@main.command()
@click.option(
    "--interview", required=True, help="The interview's day, YYYY-MM-DD (e.g. 2027-01-15)."
)
@click.option(
    "--hours",
    type=click.FloatRange(0.5, 80),
    required=True,
    help="Hours a week you can study.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@ROOT_OPTION
def plan(interview: str, hours: float, as_json: bool, root: Path | None) -> None:
    """Lay out your study sessions until the interview, from your progress.

    Flashcards every session, the lessons and exercises you have not done in the workbook's
    order, timed mock interviews in the last week. What is done is not planned again.
    """
    from tpmprep.practice.planner import read_facts, study_plan

    try:
        folder, found = _workbook(root)
        laid_out = study_plan(found, read_facts(), interview, hours).at(folder, Path.cwd())
    except TpmprepError as err:
        _fail(err)
    if as_json:
        click.echo(json.dumps(laid_out.json(), indent=2))
    else:
        click.echo(laid_out.text())
