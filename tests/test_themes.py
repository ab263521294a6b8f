"""Themes are validated in one place, so every entry point says the same thing."""

from __future__ import annotations

import pytest

from tpmprep.exceptions import InputError
from tpmprep.themes import THEMES, check_slug, slug_problem


def test_every_slug_passes_and_an_unknown_one_names_the_choices():
    assert all(check_slug(t.slug) == t.slug for t in THEMES)
    with pytest.raises(InputError, match=r"^topic: unknown theme 'cachng'; use one of: start, "):
        check_slug("cachng", "topic")
    assert slug_problem("design-studio") is None and "program-leadership" in slug_problem("x")


def test_a_bank_with_an_unknown_theme_says_what_check_slug_says(tmp_path):
    from tpmprep.exceptions import BankError
    from tpmprep.quizzes.banks import load_bank

    path = tmp_path / "bank.yaml"
    path.write_text("theme: cachng\nquestions: []\n")
    with pytest.raises(BankError) as info:
        load_bank(path)
    assert f"theme: {slug_problem('cachng')}" in str(info.value)


def test_nbval_is_a_test_dependency_not_a_runtime_one():
    import tomllib
    from pathlib import Path

    project = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text())["project"]
    assert not any(d.startswith("nbval") for d in project["dependencies"])
    assert any(d.startswith("nbval") for d in project["optional-dependencies"]["dev"])
