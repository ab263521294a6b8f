"""``tpmprep workspace sync`` and ``fresh``: the candidate's own copy of the course.

Exit codes: 0 done (also when notebooks the candidate edited were kept: that is the point);
2 bad input (no repository, an unknown notebook name), with nothing written.
"""

from __future__ import annotations

import os
from pathlib import Path

import click

from tpmprep.cli.app import ROOT_OPTION as _ROOT
from tpmprep.cli.app import fail as _fail
from tpmprep.cli.app import main
from tpmprep.exceptions import TpmprepError

_WORKSPACE = click.option(
    "--workspace",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The workspace folder (default: workspace/ in the repository, or the one you are in).",
)


def _shown(path: Path) -> str:
    """Name ``path`` as the candidate would type it: relative to here when inside, else absolute."""
    rel = os.path.relpath(path)
    return path.as_posix() if rel.startswith("..") else Path(rel).as_posix()


@main.group()
def workspace() -> None:
    """Your own copy of the lessons and exercises (workspace/, ignored by git)."""


@workspace.command()
@_WORKSPACE
@_ROOT
def sync(workspace: Path | None, root: Path | None) -> None:
    """Create the workspace, or bring new and updated lessons and exercises into it.

    A notebook you edited is never overwritten (it is listed as kept, with how to get the new
    version); one you only ran is updated when the repository has a newer version.
    """
    from tpmprep.course.workspace import locate
    from tpmprep.course.workspace import sync as sync_workspace

    try:
        root, folder = locate(root, workspace)
        report = sync_workspace(root, folder)
    except TpmprepError as err:
        _fail(err)
    for line in report.lines(_shown(report.workspace)):
        click.echo(line)


@workspace.command()
@click.argument("name")
@_WORKSPACE
@_ROOT
def fresh(name: str, workspace: Path | None, root: Path | None) -> None:
    """Replace your copy of one exercise (or lesson) with a fresh one; yours becomes a backup.

    NAME is e.g. 03-caching-news-feed (looked up in exercises/, then notebooks/), or
    solutions/03-caching-news-feed for a solution.
    """
    from tpmprep.course.workspace import fresh as fresh_copy
    from tpmprep.course.workspace import locate

    try:
        root, folder = locate(root, workspace)
        report = fresh_copy(name, root, folder)
    except TpmprepError as err:
        _fail(err)
    if report.backup is None:
        click.echo(f"{_shown(report.path)} is already a fresh copy; nothing to do")
    else:
        click.echo(f"fresh copy: {_shown(report.path)}")
        click.echo(f"your old copy is kept as {_shown(report.backup)}")
