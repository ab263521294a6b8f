"""Progress by theme, each kind of practice in its own terms: table, JSON, plot, command, reset."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from click.testing import CliRunner

from conftest import tpmprep
from tpmprep.cli import main
from tpmprep.exceptions import InputError
from tpmprep.frontends import progress, reset_progress
from tpmprep.plots.practice import plot_progress
from tpmprep.practice import store as store_module
from tpmprep.practice.flashcards import load_deck, rate
from tpmprep.practice.mock import record_mock, session
from tpmprep.practice.progress import ProgressTable, progress_json, progress_text, summary
from tpmprep.practice.store import ProgressStore
from tpmprep.widgets.progress import ResetPanel

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
LAST_WEEK = NOW - timedelta(days=2)
EARLIER = NOW - timedelta(days=20)

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


def _check(store, item, correct, at, seed=1, theme="caching"):
    store.record(
        f"check:caching/news-feed:{item}",
        correct,
        f"answer {correct}",
        recorded_at=at,
        theme=theme,
        kind="check",
        seed=seed,
        candidate="",
    )


def _fill(store: ProgressStore, deck) -> None:
    """Caching: 3 items. cache_items wrong then right; db_reads right; hit_ratio wrong twice."""
    _check(store, "cache_items", False, EARLIER)
    _check(store, "cache_items", True, LAST_WEEK)
    _check(store, "db_reads", True, EARLIER)
    _check(store, "hit_ratio", False, LAST_WEEK)
    _check(store, "hit_ratio", False, LAST_WEEK)
    store.record("quiz:est-1", False, 2, recorded_at=LAST_WEEK, theme="estimation", kind="quiz")
    store.record("quiz:legacy", True, recorded_at=EARLIER, kind="quiz")  # no theme: "other"
    rate(load_deck(deck)[0], "good", store=store, now=EARLIER)  # a review, not an attempt
    rate(load_deck(deck)[0], "again", store=store, now=LAST_WEEK)


def test_checks_and_quizzes_show_first_try_latest_and_trend_by_theme(tmp_path, deck):
    with ProgressStore(tmp_path / "p.sqlite3") as store:
        _fill(store, deck)
        report = summary(store, now=NOW, deck=deck)
    rows = {r.theme: r for r in report.themes}
    caching = rows["caching"]
    # 3 items, 5 attempts: right at first try 1 of 3 (db_reads), latest 2 of 3.
    assert (caching.items, caching.attempts, caching.first_try, caching.latest) == (3, 5, 1, 2)
    # Last 7 days: 1 right of 3; before: 1 right of 2. Trend: 33% - 50% = -17 points.
    assert (caching.recent_correct, caching.recent_attempts) == (1, 3)
    assert (caching.earlier_correct, caching.earlier_attempts) == (1, 2)
    assert caching.trend == pytest.approx(1 / 3 - 1 / 2)
    assert rows["estimation"].items == 1 and rows["estimation"].latest == 0
    assert rows["other"].latest == 1
    text = progress_text(report)
    lines = text.splitlines()
    assert lines[1].split() == [
        "Theme", "Items", "Attempts", "First", "try", "Latest", "Last", "7", "days", "Trend",
        "Cards", "due",
    ]  # fmt: skip
    assert lines[4].split() == ["Caching", "3", "5", "33%", "67%", "33%", "-17", "pts", "2"]
    estimation = next(line for line in lines if line.startswith("Back-of-the-envelope"))
    # Nothing before the last week: the trend is "new". Its card, rated Again, is due again.
    assert estimation.split()[-6:] == ["1", "0%", "0%", "0%", "new", "1"]
    total = next(line for line in lines if line.startswith("All themes"))
    assert total.split()[2:] == ["5", "7", "40%", "60%", "25%", "-42", "pts", "3"]
    bundle = ProgressTable(report)._repr_mimebundle_()
    assert bundle["text/plain"] == text
    assert "<caption>Checks and quizzes</caption>" in bundle["text/html"]
    assert (
        '<tr><td style="text-align: left">Caching</td><td>3</td><td>5</td><td>33%</td>'
        "<td>67%</td><td>33%</td><td>-17 pts</td><td>2</td></tr>"
    ) in bundle["text/html"]


def test_flashcard_reviews_are_reviews_never_attempts_or_accuracy(tmp_path, deck):
    with ProgressStore(tmp_path / "p.sqlite3") as store:
        _fill(store, deck)
        report = summary(store, now=NOW, deck=deck)
    assert report.total.attempts == 7  # the two card ratings are not among them
    cards = report.flashcards
    # Two reviews of one card; the second is a review of a card seen before, rated Again.
    assert (cards.reviews, cards.cards_seen, cards.repeat_reviews, cards.recalled) == (2, 1, 1, 0)
    assert cards.retention == 0.0
    assert (cards.due, cards.due_new) == (3, 2)  # rated Again days ago: due again, plus 2 new
    text = progress_text(report)
    assert (
        "Flashcards: 2 reviews of 1 card; retention 0% (0 of 1 reviews of cards seen before "
        "recalled); 3 due now (2 new; at most 20 new cards a day)." in text
    )
    data = progress_json(report)
    assert data["flashcards"] == {
        "reviews": 2,
        "cards_seen": 1,
        "retention": 0.0,
        "due": 3,
        "due_new": 2,
        "new_per_day": 20,
    }
    assert data["themes"]["estimation"]["attempts"] == 1  # the quiz, not the two reviews
    assert data["themes"]["estimation"]["reviews"] == 2


def test_a_mock_scored_2_1_shows_as_2_1_out_of_4_not_as_a_percentage(tmp_path, deck):
    with ProgressStore(tmp_path / "p.sqlite3") as store:
        mock = session("system-design", seed=1)
        scores = [2, 2, 3, 2, 2, 2, 2][: len(mock.rubric)]  # mean 15/7 = 2.14
        record_mock(mock, scores, store=store)
        report = summary(store, now=NOW, deck=deck)
    text = progress_text(report)
    assert "Mock interviews: 1 session, mean rubric score 2.1 / 4" in text
    assert "0%" not in text and "Mock interviews  " not in text  # not a row of the table
    assert report.total.attempts == 0 and not report.answered  # a mock is no check or quiz
    assert progress_json(report)["mocks"]["mean_score"] == 2.14  # record_mock keeps 2 decimals
    assert progress_json(report)["mocks"]["max_score"] == 4


def test_free_text_answers_are_reported_as_self_assessed(tmp_path, deck):
    with ProgressStore(tmp_path / "p.sqlite3") as store:
        details = {"theme": "caching", "kind": "argue"}
        store.record("argue:caching/news-feed:why", False, "text", **details)
        store.record("argue:caching/news-feed:why", True, "better text", **details)
        store.record("argue:caching/cdn-offload:why", False, "text", **details)
        report = summary(store, now=NOW, deck=deck)
    assert report.total.attempts == 0  # never called accuracy
    assert "Argue it (self-assessed): 2 answers; 1 tick every point of the rubric." in (
        progress_text(report)
    )


def test_no_answers_yet_says_how_to_start_and_still_shows_the_cards_due(tmp_path, deck):
    with ProgressStore(tmp_path / "p.sqlite3") as store:
        report = summary(store, now=NOW, deck=deck)
    text = progress_text(report)
    assert text.startswith("No answers yet")
    assert "Flashcards: no reviews yet; 3 due now (3 new" in text
    assert "Mock interviews: none yet." in text
    assert progress_json(report)["total"]["attempts"] == 0


def test_the_plot_draws_first_try_and_latest_and_puts_cards_and_mocks_in_words(tmp_path, deck):
    with ProgressStore(tmp_path / "p.sqlite3") as store:
        _fill(store, deck)
        record_mock(session("behavioural", seed=1), [2, 3, 2, 2, 3][:5], store=store)
        report = summary(store, now=NOW, deck=deck)
    fig = plot_progress(report)
    (ax,) = fig.axes
    assert ax.get_title() == "Progress by theme"
    assert "Accuracy" in ax.get_xlabel() and "%" in ax.get_xlabel()
    assert ax.get_ylabel() == "Theme"
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "Other", "Caching", "Back-of-the-envelope estimation",
    ]  # fmt: skip
    widths = [round(bar.get_width()) for bar in ax.patches]
    # first-try bars (bottom to top: other, caching, estimation), then latest bars.
    assert widths == [100, 33, 0, 100, 67, 0]
    assert "3 items, 2 cards due" in [t.get_text() for t in ax.texts]
    footer = fig.get_supxlabel()
    assert "Flashcards: 2 reviews" in footer and "mean rubric score" in footer


def test_progress_headless_prints_the_table(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(store_module, "_default", None)
    monkeypatch.setenv("TPMPREP_HOME", str(tmp_path))
    store_module.default_store().record("quiz:a", True, theme="caching", kind="quiz")
    progress()
    out = capsys.readouterr().out
    assert "Caching" in out and "100%" in out and "Flashcards:" in out
    store_module._default.close()


def test_the_progress_command_prints_a_table_and_json(monkeypatch, tmp_path, deck):
    monkeypatch.setenv("TPMPREP_HOME", str(tmp_path / "home"))
    with ProgressStore(tmp_path / "home" / "progress.sqlite3") as store:
        _fill(store, deck)
    table = tpmprep("progress", "--deck", str(deck))
    assert table.returncode == 0, table.stderr
    assert "Caching" in table.stdout and "67%" in table.stdout
    as_json = tpmprep("progress", "--json", "--deck", str(deck))
    data = json.loads(as_json.stdout)
    assert data["total"]["attempts"] == 7 and data["themes"]["caching"]["latest"] == 0.6667
    assert data["themes"]["caching"]["first_try"] == 0.3333
    assert table.stderr == ""


# -- reset ----------------------------------------------------------------------------------


def _two_themes(store: ProgressStore, deck) -> None:
    _check(store, "cache_items", True, LAST_WEEK)
    store.record("quiz:est-1", False, 2, theme="estimation", kind="quiz")
    cards = {c.id: c for c in load_deck(deck)}
    rate(cards["c-cache-1"], "good", store=store, now=NOW)
    rate(cards["c-est"], "good", store=store, now=NOW)


def test_a_theme_reset_deletes_that_theme_only_and_keeps_a_copy(tmp_path, deck):
    with ProgressStore(tmp_path / "p.sqlite3") as store:
        _two_themes(store, deck)
        assert store.counts("caching") == {"attempts": 2, "cards": 1}
        done = store.reset("caching")
        assert (done["attempts"], done["cards"]) == (2, 1)
        left = store.attempts()
        assert [a.item_id for a in left] == ["quiz:est-1", "card:c-est"]
        assert set(store.card_states()) == {"c-est"}
    with ProgressStore(done["backup"]) as copy:  # the copy holds everything as it was
        assert len(copy.attempts()) == 4 and set(copy.card_states()) == {"c-cache-1", "c-est"}


def test_a_full_reset_empties_the_store(tmp_path, deck):
    with ProgressStore(tmp_path / "p.sqlite3") as store:
        _two_themes(store, deck)
        done = store.reset()
        assert (done["attempts"], done["cards"]) == (4, 2)
        assert store.attempts() == [] and store.card_states() == {}
        assert store.reset()["backup"] is None  # nothing left: no copy of nothing


def test_the_reset_panel_deletes_only_when_delete_is_pressed(tmp_path, deck):
    with ProgressStore(tmp_path / "p.sqlite3") as store:
        _two_themes(store, deck)
        panel = ResetPanel(store, "estimation")
        assert "Delete your progress in theme 'estimation': 2 recorded" in panel.text()
        assert "Nothing is deleted yet" in panel.text()
        assert len(store.attempts()) == 4
        panel.delete_button.click()
        assert [a.theme for a in store.attempts()] == ["caching", "caching"]
        assert panel.delete_button.disabled and "Deleted your progress" in panel.message.value
        cancelled = ResetPanel(store)
        cancelled.cancel_button.click()
        cancelled.delete_button.click()  # disabled after Cancel; a click does nothing
        assert len(store.attempts()) == 2 and "Cancelled" in cancelled.text()


def test_reset_progress_without_confirmation_deletes_nothing_headless(monkeypatch, tmp_path, deck):
    monkeypatch.setattr(store_module, "_default", None)
    monkeypatch.setenv("TPMPREP_HOME", str(tmp_path))
    _two_themes(store_module.default_store(), deck)
    reset_progress(theme="caching")
    assert len(store_module.default_store().attempts()) == 4
    reset_progress(theme="caching", confirm=True)
    assert len(store_module.default_store().attempts()) == 2
    with pytest.raises(InputError, match=r"^theme: unknown theme 'cooking'"):
        reset_progress(theme="cooking")
    store_module._default.close()


def test_the_reset_command_asks_and_no_is_the_default(monkeypatch, tmp_path, deck):
    monkeypatch.setattr(store_module, "_default", None)
    monkeypatch.setenv("TPMPREP_HOME", str(tmp_path))
    _two_themes(store_module.default_store(), deck)
    runner = CliRunner()
    no = runner.invoke(main, ["progress", "--reset", "--theme", "caching"], input="\n")
    assert no.exit_code == 0 and "[y/N]" in no.output and "Nothing was deleted." in no.output
    assert len(store_module.default_store().attempts()) == 4
    yes = runner.invoke(main, ["progress", "--reset", "--theme", "caching"], input="y\n")
    assert "Deleted your progress in theme caching: 2 recorded answers" in yes.output
    assert [a.theme for a in store_module.default_store().attempts()] == ["estimation"] * 2
    quiet = runner.invoke(main, ["progress", "--reset", "--yes"])
    assert quiet.exit_code == 0 and "[y/N]" not in quiet.output
    assert store_module.default_store().attempts() == []
    again = runner.invoke(main, ["progress", "--reset", "--yes"])
    assert "Nothing to reset" in again.output
    lonely = runner.invoke(main, ["progress", "--theme", "caching"])
    assert lonely.exit_code == 2 and "--theme: only with --reset" in lonely.output
    store_module._default.close()
