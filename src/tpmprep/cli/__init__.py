"""The ``tpmprep`` command: one module per area registers its subcommands on ``main``."""

from __future__ import annotations

from tpmprep.cli import calc, cohort, course, design, practice, program, quiz, workspace  # noqa: F401 - register subcommands
from tpmprep.cli.app import main

__all__ = ["main"]
