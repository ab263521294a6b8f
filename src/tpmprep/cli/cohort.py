"""``tpmprep cohort``: personalised copies for a cohort and grading of what comes back.

Exit codes: 0 done; 1 done but something needs the instructor (``make``: a copy was kept
because it changed since it was written, or a smoke test failed); 2 bad input (roster,
exercises, manifest, folders), with nothing written.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from tpmprep.cli.app import ROOT_OPTION as _ROOT
from tpmprep.cli.app import fail as _fail
from tpmprep.cli.app import main
from tpmprep.exceptions import TpmprepError

_PATH = click.Path(path_type=Path)


def _progress() -> bool:
    return sys.stderr.isatty()


@main.group()
def cohort() -> None:
    """Instructor tools: personalised copies for a cohort, answer keys, grading."""


@cohort.command()
@click.option("--roster", required=True, type=_PATH, help="CSV with id,name[,email,seed].")
@click.option("--out", required=True, type=_PATH, help="The cohort folder to write.")
@click.option(
    "--exercises",
    "pattern",
    default=None,
    help="Glob of exercises to copy (default: exercises/*.ipynb; '01-*' also works).",
)
@click.option(
    "--salt",
    default=None,
    help="Mixed into derived seeds (default: the manifest's, or a new random one).",
)
@click.option("--force", is_flag=True, help="Overwrite copies changed since they were written.")
@click.option("--execute", is_flag=True, help="Run every copy in its own kernel (smoke test).")
@click.option("--timeout", default=120, show_default=True, help="Seconds per cell with --execute.")
@click.option("--jobs", default=None, type=click.IntRange(1, 64), help="Kernels in parallel.")
@_ROOT
def make(
    roster: Path,
    out: Path,
    pattern: str | None,
    salt: str | None,
    force: bool,
    execute: bool,
    timeout: int,
    jobs: int | None,
    root: Path | None,
) -> None:
    """Write each candidate's copies (papermill), answer_key.csv and manifest.json."""
    from tpmprep.cohort.make import make_cohort, select_exercises

    try:
        folder = _workbook(root)
        paths = select_exercises(folder, pattern)
        report = make_cohort(
            roster,
            out,
            paths,
            salt=salt,
            force=force,
            progress=_progress(),
            execute=execute,
            timeout=timeout,
            jobs=jobs,
        )
    except TpmprepError as err:
        _fail(err)
    rel = lambda p: p.relative_to(report.out).as_posix()  # noqa: E731
    click.echo(
        f"{len(report.candidates)} candidates × {len(report.exercises)} exercises: "
        f"{len(report.written)} written, {len(report.unchanged)} unchanged, "
        f"{len(report.kept)} kept"
    )
    click.echo(f"answer key: {report.out / 'answer_key.csv'}")
    click.echo(f"manifest:   {report.out / 'manifest.json'}")
    for path in report.kept:
        click.echo(
            f"kept {rel(path)}: changed since it was written (the candidate's work?); "
            "pass --force to overwrite it"
        )
    if execute:
        click.echo(
            f"smoke test: {report.smoke_ran - len(report.smoke_failures)} of "
            f"{report.smoke_ran} copies ran clean"
        )
        for path, error in report.smoke_failures:
            click.echo(f"failed {rel(path)}: {error}")
    if report.kept or report.smoke_failures:
        sys.exit(1)


@cohort.command()
@click.option(
    "--cohort",
    "cohort_dir",
    required=True,
    type=_PATH,
    help="The folder `cohort make` wrote (holds manifest.json).",
)
@click.option(
    "--submissions",
    required=True,
    type=_PATH,
    help="Returned notebooks, laid out like the cohort folder.",
)
@click.option("--out", required=True, type=_PATH, help="Where to write the reports.")
@click.option(
    "--execute",
    is_flag=True,
    help="Re-run each submission in its own kernel and grade the fresh records.",
)
@click.option("--timeout", default=60, show_default=True, help="Seconds per cell with --execute.")
@click.option("--jobs", default=None, type=click.IntRange(1, 64), help="Kernels in parallel.")
def grade(
    cohort_dir: Path, submissions: Path, out: Path, execute: bool, timeout: int, jobs: int | None
) -> None:
    """Grade returned notebooks: grades.csv, feedback per candidate, item analysis."""
    from tpmprep.cohort.grade import grade_cohort
    from tpmprep.cohort.report import write_reports

    try:
        grades, extra = grade_cohort(
            cohort_dir,
            submissions,
            execute=execute,
            timeout=timeout,
            jobs=jobs,
            progress=_progress(),
        )
        paths = write_reports(grades, out)
    except TpmprepError as err:
        _fail(err)
    counts: dict[str, int] = {}
    for g in grades:
        counts[g.status] = counts.get(g.status, 0) + 1
    summary = ", ".join(f"{n} {s}" for s, n in sorted(counts.items()))
    click.echo(f"graded {len(grades)} notebooks: {summary}")
    for g in grades:
        if g.status in ("error", "flagged"):
            why = g.reason if g.status == "error" else ", ".join(g.flags)
            click.echo(f"{g.status}: {g.folder}/{g.notebook}: {why}")
    for path in extra:
        click.echo(f"ignored {path}: not in the manifest")
    click.echo(
        f"reports in {paths['grades'].parent}: grades.csv, answers.csv, feedback/, "
        "item_analysis.csv, item_analysis.png"
    )


def _workbook(root: Path | None) -> Path | None:
    from tpmprep.course.contents import find_root

    try:
        return find_root(root)
    except TpmprepError:
        if root is not None:
            raise
        return None
