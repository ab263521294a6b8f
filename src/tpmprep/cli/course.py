"""``tpmprep build``, ``lint`` and ``contents``: the course tools for authors and CI."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from tpmprep.cli.app import ROOT_OPTION as _ROOT
from tpmprep.cli.app import fail as _fail
from tpmprep.cli.app import main
from tpmprep.exceptions import TpmprepError


def _root(root: Path | None) -> Path:
    from tpmprep.course.contents import find_root

    return find_root(root)


@main.command()
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if exercises/ is out of date.")
@click.option(
    "--execute-solutions",
    is_flag=True,
    help="First run every solution notebook and save its outputs (for strict nbval).",
)
@click.option(
    "--force", is_flag=True, help="Also overwrite exercises edited since they were built."
)
@click.option("--timeout", default=120, show_default=True, help="Seconds per cell when executing.")
@_ROOT
def build(
    check: bool, execute_solutions: bool, force: bool, timeout: int, root: Path | None
) -> None:
    """Generate exercises/ from solutions/ (solution regions become answer stubs)."""
    from tpmprep.course.build import build as build_exercises
    from tpmprep.course.execute import execute_in_place
    from tpmprep.course.notebooks import notebook_paths

    if check and execute_solutions:
        raise click.UsageError(
            "--check writes nothing; it cannot be combined with --execute-solutions"
        )
    try:
        folder = _root(root)
        if execute_solutions:
            for path in notebook_paths(folder / "solutions"):
                click.echo(f"executing {path.relative_to(folder)}")
                execute_in_place(path, timeout=timeout)
        report = build_exercises(
            folder / "solutions", folder / "exercises", check=check, force=force
        )
    except TpmprepError as err:
        _fail(err)
    rel = lambda p: p.relative_to(folder).as_posix()  # noqa: E731
    for path in report.written:
        click.echo(f"wrote {rel(path)}")
    for path in report.stale:
        click.echo(f"out of date: {rel(path)} (run `tpmprep build`)")
    for path in report.missing:
        click.echo(f"missing: {rel(path)} (run `tpmprep build`)")
    for path in report.edited:
        click.echo(
            f"kept {rel(path)}: edited since it was built (answers?); "
            "move it aside, or pass --force to overwrite it"
        )
    for path in report.orphans:
        click.echo(f"no solution: {rel(path)} (add solutions/{path.name} or delete the exercise)")
    if not report.in_sync:  # after writing, only orphaned or edited exercises remain
        sys.exit(1)
    if check:
        click.echo(f"exercises/ is in sync with solutions/ ({len(report.unchanged)} notebooks)")


@main.command()
@_ROOT
def lint(root: Path | None) -> None:
    """Check the notebook conventions (names, titles, outputs, parameters cells)."""
    from tpmprep.course.lint import lint as lint_notebooks

    try:
        problems = lint_notebooks(_root(root))
    except TpmprepError as err:
        _fail(err)
    for problem in problems:
        click.echo(problem)
    if problems:
        sys.exit(1)
    click.echo("all notebooks follow the conventions")


@main.command()
@_ROOT
def contents(root: Path | None) -> None:
    """Print the map of themes, lessons and exercises."""
    from tpmprep.course.contents import contents_markdown

    try:
        folder = _root(root)
    except TpmprepError as err:
        _fail(err)
    click.echo(contents_markdown(folder, Path.cwd()), nl=False)
