"""``tpmprep design``: check a system design (YAML), run failure drills, see what breaks next.

Exit codes of ``check`` and ``drill``: 0 every requirement met, 1 some not met, 2 the file is
malformed or an option is unusable (one line per problem, ``FILE: FIELD: what and how to fix``,
never a traceback). ``breaks`` and ``diagram`` exit 0, or 2 for unusable input. The format is
in docs/design-format.md.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import click

from tpmprep.cli.app import fail, main
from tpmprep.exceptions import DocumentError, TpmprepError

__all__ = ["design"]


@main.group()
def design() -> None:
    """System designs: check one against its requirements, break it, see what breaks next."""


def _load(path: Path) -> Any:
    from tpmprep.design import Design

    try:
        return Design.from_yaml(path)
    except DocumentError as err:
        for problem in err.problems:
            click.echo(problem, err=True)
        n = len(err.problems)
        fail(f"{n} problem{'s' if n != 1 else ''} found; fix each line above and check again")


def _json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, allow_nan=False))


@design.command("check")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the evaluation as JSON.")
@click.option(
    "--scale",
    type=float,
    default=1.0,
    show_default=True,
    help="Multiply the peak by this before evaluating (2 doubles it).",
)
def check(path: Path, as_json: bool, scale: float) -> None:
    """Evaluate a design (YAML) and judge its requirements.

    Prints the verdicts, the components (load, utilisation, instances needed, availability),
    the flows (availability, mean latency) and notes. Exits 0 when every requirement is met,
    1 when some are not, 2 when the file is malformed.
    """
    if not math.isfinite(scale) or scale <= 0:
        fail(f"--scale: must be a number above 0 (2 doubles the peak), got {scale:g}")
    d = _load(path)
    try:
        evaluation = d.evaluate(scale=scale)
    except TpmprepError as err:
        fail(err)
    if as_json:
        _json(evaluation.to_dict())
    else:
        click.echo(str(evaluation), nl=False)
    raise SystemExit(0 if evaluation.met else 1)


@design.command("drill")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--lose-instance", "lose_instance", metavar="COMPONENT",
              help="Lose one instance of COMPONENT (see --count).")
@click.option("--count", type=click.IntRange(min=1), default=1, show_default=True,
              help="Instances lost with --lose-instance.")
@click.option("--lose-component", "lose_component", metavar="COMPONENT",
              help="Lose COMPONENT entirely: every flow through it is down.")
@click.option("--empty-cache", "empty_cache", metavar="CACHE",
              help="Empty CACHE (a cache or cdn): hit ratio 0, every request goes on.")
@click.option("--json", "as_json", is_flag=True, help="Print the drill as JSON.")
def drill(
    path: Path,
    lose_instance: str | None,
    count: int,
    lose_component: str | None,
    empty_cache: str | None,
    as_json: bool,
) -> None:
    """Run one failure drill on a design and re-evaluate it.

    Give exactly one of --lose-instance, --lose-component, --empty-cache. Prints what the drill
    broke and the evaluation after it. Exits 0 when every requirement is still met, 1 when some
    are not, 2 for a malformed file or an unknown component.
    """
    from tpmprep.design import drills

    chosen = [(o, v) for o, v in (("--lose-instance", lose_instance),
                                  ("--lose-component", lose_component),
                                  ("--empty-cache", empty_cache)) if v is not None]
    if len(chosen) != 1:
        fail("give exactly one of --lose-instance COMPONENT, --lose-component COMPONENT, "
             "--empty-cache CACHE")
    d = _load(path)
    try:
        if lose_instance is not None:
            result = drills.lose_instance(d, lose_instance, count)
        elif lose_component is not None:
            result = drills.lose_component(d, lose_component)
        else:
            result = drills.empty_cache(d, empty_cache)
    except TpmprepError as err:
        fail(f"{chosen[0][0]}: {err}")
    if as_json:
        _json(result.to_dict())
    else:
        click.echo(str(result), nl=False)
    raise SystemExit(0 if result.met else 1)


@design.command("breaks")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the order as JSON.")
def breaks(path: Path, as_json: bool) -> None:
    """Say what breaks next as the peak grows: components in the order they saturate.

    For each, the peak factor at which it passes the utilisation target and at which it
    reaches 100%. Exits 0, or 2 for a malformed file.
    """
    from tpmprep.design import breaks_next

    d = _load(path)
    try:
        result = breaks_next(d)
    except TpmprepError as err:
        fail(err)
    if as_json:
        _json(result.to_dict())
    else:
        click.echo(str(result), nl=False)


@design.command("diagram")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--evaluated", is_flag=True,
              help="Colour the boxes by utilisation at peak and mark single points of failure.")
def diagram(path: Path, evaluated: bool) -> None:
    """Print the design as a Mermaid diagram (a fenced Markdown block). Exits 0, or 2."""
    from tpmprep.design import mermaid

    d = _load(path)
    try:
        click.echo(mermaid(d, d.evaluate() if evaluated else None), nl=False)
    except TpmprepError as err:
        fail(err)
