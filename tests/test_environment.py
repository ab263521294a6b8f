"""environment.yml (conda, Binder) must list the same dependencies as pyproject.toml."""

from __future__ import annotations

import re
import tomllib

import yaml

from conftest import REPO

# PyPI name -> conda-forge name, where they differ.
CONDA_NAME = {"matplotlib": "matplotlib-base"}


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~;\[ ]", requirement, maxsplit=1)[0].strip().lower()


def _pyproject_names() -> set[str]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    requirements = project["dependencies"] + project["optional-dependencies"]["dev"]
    return {CONDA_NAME.get(_name(r), _name(r)) for r in requirements}


def _environment() -> dict:
    return yaml.safe_load((REPO / "environment.yml").read_text())


def test_conda_dependencies_match_pyproject():
    env = _environment()
    conda = {_name(d) for d in env["dependencies"] if isinstance(d, str)} - {"python", "pip"}
    pyproject = _pyproject_names()
    assert conda - pyproject == set(), "in environment.yml but not in pyproject.toml"
    assert pyproject - conda == set(), "in pyproject.toml but not in environment.yml"


def test_environment_uses_conda_forge_python_311_and_installs_the_package():
    env = _environment()
    assert env["channels"] == ["conda-forge"]
    assert "python>=3.11" in env["dependencies"]
    pip_sections = [d["pip"] for d in env["dependencies"] if isinstance(d, dict)]
    assert pip_sections == [["-e ."]]


def test_python_floor_is_the_same_everywhere():
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    assert project["requires-python"] == ">=3.11"
    assert "(3, 11)" in (REPO / "Makefile").read_text()
