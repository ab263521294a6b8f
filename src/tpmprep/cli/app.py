"""The ``tpmprep`` command group and what every subcommand shares.

Exit codes: 0 success; 1 a check found work to do (exercises out of date, lint problems);
2 bad input or a malformed file (the message names the input and the fix, never a traceback).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

import click

from tpmprep import __version__

__all__ = ["ROOT_OPTION", "fail", "main"]

ROOT_OPTION = click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The workbook folder (default: the one holding the current directory).",
)


def fail(err: Exception | str) -> NoReturn:
    """Print ``error: ...`` on one line to stderr and exit with status 2."""
    click.echo(f"error: {err}", err=True)
    sys.exit(2)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tpmprep")
def main() -> None:
    """Tpmprep: a Jupyter workbook for TPM interviews (lessons, exercises, checks)."""
