"""The two commands' bootstrap: install when pyproject.toml changed, and only then."""

from __future__ import annotations

import subprocess

import pytest

from conftest import REPO


def _dry_run(*args: str) -> str:
    result = subprocess.run(
        ["make", "--no-print-directory", "-n", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


@pytest.mark.parametrize("target", ["test", "lab"])
def test_an_up_to_date_venv_is_not_reinstalled(target):
    assert "pip install" not in _dry_run(target)


@pytest.mark.parametrize("target", ["test", "lab"])
def test_a_changed_pyproject_reinstalls(target):
    assert "pip install --quiet --disable-pip-version-check -e '.[dev]'" in _dry_run(
        "-W", "pyproject.toml", target
    )


def test_make_test_runs_what_ci_needs():
    commands = _dry_run("test")
    for step in ("ruff check .", "tpmprep build --check", "tpmprep lint", "pytest"):
        assert step in commands
    assert "--dist loadscope" in commands
    assert "make test" in (REPO / ".ci/run").read_text()
