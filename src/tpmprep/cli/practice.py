"""``tpmprep review``, ``mock`` and ``progress``: flashcards, mock interviews, progress."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import click

from tpmprep.cli.app import fail as _fail
from tpmprep.cli.app import main
from tpmprep.exceptions import TpmprepError
from tpmprep.themes import THEMES

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
@_DECK
def review(n: int | None, theme: str | None, deck: Path | None) -> None:
    """Review the flashcards that are due and rate each one (spaced repetition)."""
    from tpmprep.practice import flashcards

    try:
        cards = flashcards.due_cards(n, theme, deck=deck)
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


@main.command()
@click.argument("kind", type=click.Choice(["system-design", "program-execution", "behavioural"]))
@click.option(
    "--minutes", type=click.FloatRange(1, 180), default=None, help="The time box in minutes."
)
@click.option("--seed", type=int, default=None, help="Pick the prompt reproducibly.")
def mock(kind: str, minutes: float | None, seed: int | None) -> None:
    """Run a timed mock interview, then score yourself against the rubric."""
    from tpmprep.practice.mock import SCORE_LABELS, headless_text, record_mock, session

    try:
        chosen = session(kind, minutes, seed)
    except TpmprepError as err:
        _fail(err)
    click.echo(headless_text(chosen))
    started = time.monotonic()
    ends = datetime.now().astimezone() + timedelta(minutes=chosen.minutes)
    click.echo(f"\nThe clock is running: finish by {ends:%H:%M}.")
    click.prompt("Press Enter when you are done", default="", show_default=False)
    elapsed = round(time.monotonic() - started)
    scale = ", ".join(f"{k} {v}" for k, v in SCORE_LABELS.items())
    click.echo(f"\nYou took {_interval(timedelta(seconds=elapsed))}. Rate yourself ({scale}):")
    scores = {
        criterion: click.prompt(f"  {criterion}", type=click.IntRange(1, 4))
        for criterion in chosen.rubric
    }
    attempt = record_mock(chosen, scores, elapsed_seconds=elapsed)
    weakest = min(scores, key=scores.__getitem__)
    click.echo(
        f"\nRecorded mock:{kind}: {attempt.details['score']:g} / 4 on average. "
        f"Work next on: {weakest}."
    )


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@_DECK
def progress(as_json: bool, deck: Path | None) -> None:
    """Show attempts, accuracy and flashcards due, by theme."""
    from tpmprep.practice.progress import progress_json, progress_text, summary

    try:
        rows = summary(deck=deck)
    except TpmprepError as err:
        _fail(err)
    if as_json:
        click.echo(json.dumps(progress_json(rows), indent=2))
    else:
        click.echo(progress_text(rows))
