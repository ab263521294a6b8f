"""``tpmprep program check`` and ``tpmprep program status``: program plans from a terminal.

Exit codes of ``check``: 0 no findings, 1 findings, 2 the file cannot be read (one line per
problem, no traceback). ``status`` exits 0, or 2 for unusable input.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from tpmprep.cli.app import fail, main
from tpmprep.exceptions import DocumentError, TpmprepError

__all__ = ["program"]


@main.group()
def program() -> None:
    """Program plans: check a plan's structure, or report its status from progress data."""


def _problems(err: DocumentError) -> None:
    for problem in err.problems:
        click.echo(problem, err=True)
    n = len(err.problems)
    fail(f"{n} problem{'s' if n != 1 else ''} found; fix each line above and check again")


@program.command("check")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option(
    "--samples",
    type=click.IntRange(min=1),
    default=None,
    help="Monte Carlo samples (default: tpmprep.plan.findings.DEFAULT_SAMPLES).",
)
@click.option("--seed", type=int, default=None, help="Monte Carlo seed (default 0).")
def check(path: Path, as_json: bool, samples: int | None, seed: int | None) -> None:
    """Check a program plan (YAML): critical path, finish, P50/P85 and findings.

    Exits 0 with no findings, 1 with findings, 2 when the file cannot be read. The format is
    in docs/program-format.md.
    """
    from tpmprep.plan.findings import DEFAULT_SAMPLES, DEFAULT_SEED, check_program

    try:
        report = check_program(
            path,
            samples=DEFAULT_SAMPLES if samples is None else samples,
            seed=DEFAULT_SEED if seed is None else seed,
        )
    except DocumentError as err:
        _problems(err)
    except TpmprepError as err:
        fail(err)
    if as_json:
        click.echo(json.dumps(report.to_dict(), indent=2))
    else:
        click.echo(report.summary())
    raise SystemExit(0 if report.ok else 1)


@program.command("status")
@click.argument("path", type=click.Path(path_type=Path))
@click.option(
    "--progress",
    "progress_path",
    type=click.Path(path_type=Path),
    required=True,
    help="Progress snapshot (YAML): as_of and percent done per task.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--markdown", is_flag=True, help="Print the report as Markdown.")
def status(path: Path, progress_path: Path, as_json: bool, markdown: bool) -> None:
    """Report a plan's status from progress data: RAG per workstream and what to escalate."""
    from tpmprep.plan.status import status_report

    try:
        report = status_report(path, progress_path)
    except DocumentError as err:
        _problems(err)
    except TpmprepError as err:
        fail(err)
    if as_json:
        click.echo(json.dumps(report.to_dict(), indent=2))
    elif markdown:
        click.echo(report.markdown())
    else:
        click.echo(report.text())
