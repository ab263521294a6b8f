"""``tpmprep calc`` and ``tpmprep numbers``: the estimation engine on the command line."""

from __future__ import annotations

import json
import math

import click

from tpmprep.cli.app import fail, main
from tpmprep.exceptions import InputError

__all__ = ["calc", "numbers_command"]


def _message(err: InputError) -> str:
    text = str(err).removeprefix(f"{err.parameter}: ")
    return f"the expression {text}" if text.startswith("is empty") else text


@main.command()
@click.argument("expression")
@click.option("--to", "to_unit", default=None, help='Unit of the answer, e.g. "GB" or "1/s".')
@click.option("--json", "as_json", is_flag=True, help='Print {"value": ..., "unit": ...}.')
def calc(expression: str, to_unit: str | None, as_json: bool) -> None:
    """Evaluate a unit-aware EXPRESSION, e.g. "20M users * 5 / day" --to "1/s".

    Operators: + - * / ** and brackets; K/M/B/T after a number mean thousand, million,
    billion, trillion; % is percent; MB is megabytes, Mb megabits, MiB mebibytes.
    Operands side by side multiply first: "1B req / 30 day" is per 30 days.
    """
    from tpmprep.units import Q, describe_dimension, fmt, unit_text

    try:
        result = Q(expression)
    except InputError as err:
        fail(_message(err))
    if to_unit is not None:
        try:
            target = Q(to_unit)
        except InputError as err:
            fail(f"--to: {_message(err)}")
        if result.dimensionality != target.dimensionality:
            fail(
                f"--to: cannot express {describe_dimension(result)} in {to_unit}, which is "
                f"{describe_dimension(target)}"
            )
        result = result.to(target.units)
    magnitude = float(result.magnitude)
    if not math.isfinite(magnitude):
        fail(f"the result of {expression!r} is not a finite number ({magnitude})")
    if as_json:
        click.echo(json.dumps({"value": magnitude, "unit": unit_text(result)}))
    else:
        click.echo(fmt(result))


@main.command("numbers")
@click.argument("table", required=False)
@click.option("--edition", "-e", default=None, help="Edition, e.g. classic or recent.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of entries.")
def numbers_command(table: str | None, edition: str | None, as_json: bool) -> None:
    """Print the reference numbers (every value with its source and date).

    TABLE is one of latency, throughput, availability, powers_of_two, cost (default: all).
    """
    from tpmprep import numbers
    from tpmprep.units import fmt

    try:
        names = [table] if table else numbers.tables()
        if edition is not None and table is None:
            names = [n for n in names if edition in numbers.editions(n)]
            if not names:
                raise InputError("edition", f"no table has edition {edition!r}")
        chosen = {n: numbers.entries(n, edition) for n in names}
    except InputError as err:
        fail(str(err))
    if as_json:
        click.echo(json.dumps([e.as_dict() for rows in chosen.values() for e in rows], indent=1))
        return
    for i, (name, rows) in enumerate(chosen.items()):
        used = rows[0].edition if rows else ""
        if i:
            click.echo("")
        click.echo(f"{name} ({used})")
        cells = [(e.key.removeprefix(f"{name}."), fmt(e.value), e.label, e.date) for e in rows]
        widths = [max(len(c[j]) for c in cells) for j in range(3)]
        for key, shown, label, date in cells:
            click.echo(f"  {key:<{widths[0]}}  {shown:>{widths[1]}}  {label:<{widths[2]}}  {date}")
        sources = dict.fromkeys((e.source, e.url) for e in rows)
        for source, url in sources:
            click.echo(f"  source: {source} <{url}>")
        notes = [(e.key.removeprefix(f"{name}."), e.note) for e in rows if e.note]
        for key, note in notes:
            click.echo(f"  note {key}: {note}")
