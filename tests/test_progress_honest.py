"""Progress that can be trusted (invariant 9), with the cases issue 15 reported.

- The start notebook showed "3 attempts at 33%" before anything was answered: its demonstration
  checks were stored. A demonstration is not an attempt.
- Every Run All recorded every answer again. The same answer run again is not a new attempt.
- Flashcard ratings counted as attempts; a mock scored 2.1/4 showed as "Mock interviews 0%".
  Each kind of practice is reported in its own terms.
- 103 flashcards were due on day one. New cards come at most 20 a day.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import REPO, build_nb
from tpmprep.practice import flashcards
from tpmprep.practice import store as store_module
from tpmprep.practice.mock import record_mock, session
from tpmprep.practice.progress import progress_text, summary
from tpmprep.practice.store import ProgressStore
from tpmprep.scenarios.base import scenario

nbclient = pytest.importorskip("nbclient")

SCENARIO = "estimation/traffic-basics"


@pytest.fixture
def home(monkeypatch, tmp_path):
    """A fresh default store in a throwaway TPMPREP_HOME (kernels started now inherit it)."""
    monkeypatch.setattr(store_module, "_default", None)
    monkeypatch.setenv("TPMPREP_HOME", str(tmp_path / "home"))
    yield tmp_path / "home"
    if store_module._default is not None:
        store_module._default.close()


def _stored(home: Path) -> ProgressStore:
    return ProgressStore(home / "progress.sqlite3")


def _run(nb, folder: Path) -> None:
    client = nbclient.NotebookClient(
        nb, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(folder)}}
    )
    client.execute()


# -- a demonstration is not an attempt ----------------------------------------------------------


def test_a_demo_scenario_judges_and_shows_but_stores_nothing(home, capsys):
    sc = scenario(SCENARIO, seed=1, demo=True)
    sc.check("average_qps", "3 TB")
    sc.check("average_qps", sc.answers["average_qps"].quantity)
    out = capsys.readouterr().out
    assert "could not judge '3 TB'" in out and "is correct" in out  # feedback as usual
    with _stored(home) as store:
        assert store.attempts() == []
    scenario(SCENARIO, seed=1).check("average_qps", "3 TB")  # a real check is stored
    with _stored(home) as store:
        assert len(store.attempts()) == 1


def test_running_the_start_notebook_leaves_the_store_empty(home):
    """Did the start notebook's demonstration checks (issue 15: "3 attempts at 33%") go away?"""
    from tpmprep.course.notebooks import read

    nb = read(REPO / "notebooks" / "00-start-here.ipynb")
    _run(nb, REPO / "notebooks")
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert errors == []
    demo = next(c for c in nb.cells if c.cell_type == "code" and "demo=True" in c.source)
    assert demo.outputs, "the demonstration check showed nothing"
    with _stored(home) as store:
        assert store.attempts() == [] and store.card_states() == {}
    shown = "".join(
        o.get("text", "") + o.get("data", {}).get("text/plain", "")
        for c in nb.cells
        if c.cell_type == "code" and c.source.strip() == "progress()"
        for o in c.outputs
    )
    assert shown.startswith("No answers yet") and "33%" not in shown


# -- the same answer run again is not a new attempt ---------------------------------------------


def test_run_all_twice_gives_the_same_counts(home, tmp_path):
    cells = [
        ("code", f'from tpmprep import scenario\nsc = scenario("{SCENARIO}", seed=3)'),
        ("code", 'sc.check("average_qps", sc.answers["average_qps"].quantity)'),
        ("code", 'sc.check("peak_qps", "1 req/s")'),
        ("code", 'sc.check("servers", ...)'),  # not answered: never stored
    ]
    for _ in range(2):
        _run(build_nb(("markdown", "# Twice"), *cells, name="twice"), tmp_path)
        with _stored(home) as store:
            assert [(a.item_id.rsplit(":", 1)[1], a.correct) for a in store.attempts()] == [
                ("average_qps", True),
                ("peak_qps", False),
            ]
    cells[2] = ("code", 'sc.check("peak_qps", sc.answers["peak_qps"].quantity)')  # a new answer
    _run(build_nb(("markdown", "# Fixed"), *cells, name="fixed"), tmp_path)
    with _stored(home) as store:
        peak = store.attempts(f"check:{SCENARIO}:peak_qps")
        assert [a.correct for a in peak] == [False, True]
        summary_row = summary(store).total
    assert (summary_row.items, summary_row.attempts, summary_row.latest) == (2, 3, 2)


def test_a_repeat_is_only_the_same_answer_as_the_items_latest(tmp_path):
    with ProgressStore(tmp_path / "p.sqlite3") as store:
        details = {"theme": "caching", "kind": "check", "seed": 1, "candidate": "ana"}
        assert store.record_new("check:x:y", False, "10", **details) is not None
        assert store.record_new("check:x:y", False, "10", **details) is None  # a re-run
        assert store.record_new("check:x:y", True, "20", **details) is not None
        assert store.record_new("check:x:y", False, "10", **details) is not None  # back again
        other_seed = {**details, "seed": 2}
        assert store.record_new("check:x:y", False, "10", **other_seed) is not None
        by_box = {**other_seed, "front_end": "box"}  # how it was entered does not matter
        assert store.record_new("check:x:y", False, "10", **by_box) is None
        assert len(store.attempts("check:x:y")) == 4


# -- each kind of practice in its own terms: the same candidate journey, an honest table ----------


def test_the_candidate_journey_of_issue_15_gives_an_honest_table(home):
    # 1. The start notebook's demonstration: judged and shown, never stored.
    demo = scenario(SCENARIO, seed=1, demo=True)
    for answer in (..., 2.0, "3 TB", demo.answers["average_qps"].quantity):
        demo.check("average_qps", answer)
    assert progress_text(summary()).startswith("No answers yet")
    # 2. An exercise answered, then Run All again with the same answers.
    sc = scenario(SCENARIO, seed=7)
    for _ in range(2):
        sc.check("requests_per_day", sc.answers["requests_per_day"].quantity)
        sc.check("average_qps", "1 req/s")
    # 3. Five flashcards reviewed; 4. a mock scored 2.1 / 4.
    for card in flashcards.due_cards(5):
        flashcards.rate(card, "good")
    mock = session("system-design", seed=1)
    record_mock(mock, [2, 2, 3, 2, 2, 2, 2][: len(mock.rubric)])
    text = progress_text(summary())
    row = next(line for line in text.splitlines() if line.startswith("Back-of-the-envelope"))
    # 2 items, 2 attempts (not 4, not 7): 1 right at the first try and now.
    assert row.split()[2:6] == ["2", "2", "50%", "50%"]
    assert "Flashcards: 5 reviews of 5 cards" in text
    assert "15 due now (15 new; at most 20 new cards a day)" in text  # not 103
    assert "Mock interviews: 1 session, mean rubric score 2.1 / 4" in text
    assert "0%" not in text.split("Flashcards:")[1]  # no accuracy for cards or mocks
