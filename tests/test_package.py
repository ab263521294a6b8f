"""The installed package and its command line, as a user meets them."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import tpmprep as package
from conftest import tpmprep

HEAVY = ["pint", "numpy", "ipywidgets", "papermill", "matplotlib", "nbformat", "nbclient", "click"]


def test_import_is_light():
    code = (
        f"import sys, json, tpmprep; print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []


@pytest.mark.parametrize("name", package.__all__)
def test_every_public_name_resolves(name):
    assert getattr(package, name) is not None


def test_an_unknown_attribute_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        package.nope  # noqa: B018


COMMANDS = ["build", "lint", "contents", "calc", "numbers", "bank check", "quiz", "review"]
COMMANDS += ["mock", "progress"]


@pytest.mark.parametrize("command", [[], *(c.split() for c in COMMANDS)])
def test_help(command):
    result = tpmprep(*command, "--help", installed=True)
    assert result.returncode == 0
    assert result.stdout.startswith("Usage: tpmprep")


def test_version_in_one_place():
    result = subprocess.run(
        [sys.executable, "-m", "tpmprep", "--version"], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == f"tpmprep, version {package.__version__}"


def test_outside_a_workbook_the_error_says_where_to_run(tmp_path):
    result = tpmprep("build", "--check", cwd=tmp_path, installed=True)
    assert result.returncode == 2
    assert "no workbook (notebooks/ and solutions/)" in result.stderr
    assert "Traceback" not in result.stderr


def test_check_and_execute_cannot_be_combined(tmp_path):
    result = tpmprep("build", "--check", "--execute-solutions", cwd=tmp_path, installed=True)
    assert result.returncode == 2
    assert "cannot be combined" in result.stderr


def test_public_names_survive_importing_every_submodule_first():
    """Is ``from tpmprep import quiz`` still the function after ``import tpmprep.quizzes.model``?

    A submodule import binds its name on the package, so a module named like a public function
    would silently replace the function ('module' object is not callable in a notebook).
    """
    code = """
import importlib, pkgutil, types, json, tpmprep
for info in pkgutil.walk_packages(tpmprep.__path__, "tpmprep."):
    if info.name != "tpmprep.__main__":
        importlib.import_module(info.name)
bad = [n for n in tpmprep.__all__
       if n != "numbers" and isinstance(getattr(tpmprep, n), types.ModuleType)]
print(json.dumps(bad))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []
    assert package.numbers.value("latency.main_memory_reference").magnitude > 0
