"""Progress by theme: attempts, accuracy and due cards, as a table, JSON and a plot."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from conftest import tpmprep
from tpmprep.frontends import progress
from tpmprep.plots.practice import plot_progress
from tpmprep.practice import store as store_module
from tpmprep.practice.flashcards import load_deck, rate
from tpmprep.practice.progress import (
    ThemeProgress,
    progress_json,
    progress_text,
    summary,
)
from tpmprep.practice.store import ProgressStore

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

DECK = """\
cards:
  - {id: c-est, theme: estimation, front: "Seconds in a day?", back: "86,400", source: "arithmetic"}
  - {id: c-cache-1, theme: caching, front: "Cache-aside fills on?", back: "a miss"}
  - {id: c-cache-2, theme: caching, front: "Write-through writes?", back: "cache and store"}
"""


@pytest.fixture
def deck(tmp_path):
    path = tmp_path / "deck.yaml"
    path.write_text(DECK)
    return path


def _fill(store: ProgressStore, deck) -> None:
    for correct in (True, True, False, True):
        store.record("quiz:c1", correct, theme="caching", kind="quiz")
    store.record("check:estimation/x:y", False, theme="estimation", kind="check")
    store.record("quiz:legacy", True, kind="quiz")  # no theme: filed under "other"
    rate(load_deck(deck)[0], "easy", store=store, now=NOW)  # reviewed: no longer due


def test_the_summary_counts_attempts_accuracy_and_due_cards_by_theme(tmp_path, deck):
    with ProgressStore(tmp_path / "p.sqlite3") as store:
        _fill(store, deck)
        rows = summary(store, now=NOW, deck=deck)
    assert rows == [
        ThemeProgress("estimation", "Back-of-the-envelope estimation", 2, 1, 0),
        ThemeProgress("caching", "Caching", 4, 3, 2),
        ThemeProgress("other", "Other", 1, 1, 0),
    ]
    assert rows[1].accuracy == 0.75
    assert progress_json(rows) == {
        "attempts": 7,
        "correct": 5,
        "accuracy": round(5 / 7, 4),
        "due": 2,
        "themes": {
            "estimation": {"attempts": 2, "correct": 1, "accuracy": 0.5, "due": 0},
            "caching": {"attempts": 4, "correct": 3, "accuracy": 0.75, "due": 2},
            "other": {"attempts": 1, "correct": 1, "accuracy": 1.0, "due": 0},
        },
    }
    text = progress_text(rows)
    assert text.splitlines()[0].split() == [
        "Theme",
        "Attempts",
        "Correct",
        "Accuracy",
        "Cards",
        "due",
    ]
    assert text.splitlines()[3].split() == ["Caching", "4", "3", "75%", "2"]
    assert text.splitlines()[-1].split() == ["Total", "7", "5", "71%", "2"]


def test_no_progress_says_how_to_start():
    assert "No progress yet" in progress_text([])
    assert progress_json([])["attempts"] == 0


def test_the_plot_has_a_title_labelled_axes_and_a_bar_per_theme(tmp_path, deck):
    with ProgressStore(tmp_path / "p.sqlite3") as store:
        _fill(store, deck)
        rows = summary(store, now=NOW, deck=deck)
    fig = plot_progress(rows)
    (ax,) = fig.axes
    assert ax.get_title() == "Progress by theme"
    assert "Accuracy" in ax.get_xlabel() and "%" in ax.get_xlabel()
    assert ax.get_ylabel() == "Theme"
    widths = {
        t.get_text(): bar.get_width()
        for t, bar in zip(ax.get_yticklabels(), ax.patches, strict=True)
    }
    assert widths == {"Other": 100.0, "Caching": 75.0, "Back-of-the-envelope estimation": 50.0}
    notes = [t.get_text() for t in ax.texts]
    assert "4 attempts, 2 cards due" in notes


def test_progress_headless_prints_the_table(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(store_module, "_default", None)
    monkeypatch.setenv("TPMPREP_HOME", str(tmp_path))
    store_module.default_store().record("quiz:a", True, theme="caching", kind="quiz")
    progress()
    out = capsys.readouterr().out
    assert "Caching" in out and "100%" in out
    store_module._default.close()


def test_the_progress_command_prints_a_table_and_json(monkeypatch, tmp_path, deck):
    monkeypatch.setenv("TPMPREP_HOME", str(tmp_path / "home"))
    with ProgressStore(tmp_path / "home" / "progress.sqlite3") as store:
        _fill(store, deck)
    table = tpmprep("progress", "--deck", str(deck))
    assert table.returncode == 0, table.stderr
    assert "Caching" in table.stdout and "75%" in table.stdout
    as_json = tpmprep("progress", "--json", "--deck", str(deck))
    data = json.loads(as_json.stdout)
    assert data["attempts"] == 7 and data["themes"]["caching"]["accuracy"] == 0.75
    assert data["themes"]["caching"]["due"] == 2  # never reviewed, so due
    assert table.stderr == ""
