"""Flashcards: the deck is validated, reviews are rescheduled by FSRS and the schedule persists."""

from __future__ import annotations

import textwrap
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from tpmprep import frontends
from tpmprep.cli import main
from tpmprep.exceptions import BankError, InputError
from tpmprep.practice import flashcards
from tpmprep.practice import store as store_module
from tpmprep.practice.flashcards import Card, due_cards, load_deck, rate, validate_deck
from tpmprep.practice.store import ProgressStore
from tpmprep.widgets.practice import ReviewPanel

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

DECK = """\
cards:
  - id: card-l1
    theme: estimation
    front: "How long does an L1 cache reference take (classic table)?"
    back: "about 0.5 ns"
    source: "Jeff Dean, Numbers Everyone Should Know, 2009"
  - id: card-cache-aside
    theme: caching
    front: "Cache-aside: who fills the cache on a miss?"
    back: "The application <b>reads the database</b> and writes the cache."
  - id: card-sticky
    theme: load-balancing
    front: "What is a sticky session?"
    back: "The balancer sends a client's requests to the same server."
"""


@pytest.fixture
def deck(tmp_path: Path) -> Path:
    path = tmp_path / "deck.yaml"
    path.write_text(DECK)
    return path


@pytest.fixture
def store(tmp_path: Path):
    with ProgressStore(tmp_path / "progress.sqlite3") as s:
        yield s


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "bad.yaml"
    path.write_text(textwrap.dedent(text))
    return path


def test_a_valid_deck_loads_as_cards(deck):
    cards = load_deck(deck)
    assert [c.id for c in cards] == ["card-l1", "card-cache-aside", "card-sticky"]
    assert cards[0] == Card(
        id="card-l1",
        theme="estimation",
        front="How long does an L1 cache reference take (classic table)?",
        back="about 0.5 ns",
        source="Jeff Dean, Numbers Everyone Should Know, 2009",
    )
    assert validate_deck(deck) == []


@pytest.mark.parametrize(
    ("card", "expected"),
    [
        ("id: Card_One\n    theme: caching\n    front: f?\n    back: b", "card Card_One: id:"),
        ("id: c1\n    theme: cooking\n    front: f?\n    back: b", "card c1: theme: unknown theme"),
        ("id: c1\n    theme: caching\n    front: f?", "card c1: back: Field required"),
        ("id: c1\n    theme: caching\n    front: f?\n    back: 3 ms", "card c1: source: required"),
        ("id: c1\n    theme: caching\n    front: f?\n    back: b\n    hint: h", "hint: unknown"),
        ("id: c1\n    theme: caching\n    front: '  '\n    back: b", "card c1: front: must not be"),
    ],
)
def test_each_problem_names_the_file_the_card_and_the_field(tmp_path, card, expected):
    path = _write(tmp_path, f"cards:\n  - {card}\n")
    (problem,) = validate_deck(path)
    assert problem.startswith(f"{path}: ")
    assert expected in problem


def test_duplicate_ids_and_every_problem_are_reported_together(tmp_path):
    path = _write(
        tmp_path,
        """\
        cards:
          - {id: c1, theme: caching, front: "f?", back: b}
          - {id: c1, theme: caching, front: "g?", back: c}
          - {id: c2, theme: nope, front: "g?", back: c}
        """,
    )
    problems = validate_deck(path)
    assert len(problems) == 2
    assert "card c1: id: duplicate" in problems[0]
    with pytest.raises(BankError) as err:
        load_deck(path)
    assert err.value.problems == problems


def test_a_missing_or_unreadable_deck_is_a_bank_error(tmp_path):
    with pytest.raises(BankError, match="file: not found"):
        load_deck(tmp_path / "none.yaml")
    assert "YAML syntax error" in validate_deck(_write(tmp_path, "cards: [\n"))[0]


def test_every_card_is_due_at_first_and_a_theme_filters(deck, store):
    assert [c.id for c in due_cards(deck=deck, store=store, now=NOW)] == [
        "card-l1",
        "card-cache-aside",
        "card-sticky",
    ]
    assert [c.id for c in due_cards(theme="caching", deck=deck, store=store)] == [
        "card-cache-aside"
    ]
    assert len(due_cards(2, deck=deck, store=store)) == 2


def test_new_cards_are_mixed_across_themes(tmp_path, store):
    path = _write(
        tmp_path,
        """\
        cards:
          - {id: e1, theme: estimation, front: "f?", back: b}
          - {id: e2, theme: estimation, front: "f?", back: b}
          - {id: e3, theme: estimation, front: "f?", back: b}
          - {id: c1, theme: caching, front: "f?", back: b}
        """,
    )
    assert [c.id for c in due_cards(deck=path, store=store)] == ["e1", "c1", "e2", "e3"]


@pytest.mark.parametrize(("kwargs", "parameter"), [({"n": 0}, "n"), ({"theme": "x"}, "theme")])
def test_bad_arguments_name_the_parameter(deck, store, kwargs, parameter):
    with pytest.raises(InputError, match=f"^{parameter}: "):
        due_cards(deck=deck, store=store, **kwargs)


def test_a_rating_reschedules_and_the_schedule_survives_a_new_store(deck, tmp_path):
    card = load_deck(deck)[0]
    with ProgressStore(tmp_path / "p.sqlite3") as first:
        updated = rate(card, "good", store=first, now=NOW)
    # FSRS: a new card rated Good moves to its second learning step, 10 minutes later.
    assert updated.due == NOW + timedelta(minutes=10)
    with ProgressStore(tmp_path / "p.sqlite3") as second:
        assert flashcards.next_due(card, store=second) == NOW + timedelta(minutes=10)
        assert card not in due_cards(deck=deck, store=second, now=NOW + timedelta(minutes=9))
        assert card in due_cards(deck=deck, store=second, now=NOW + timedelta(minutes=10))
        later = rate(card, "easy", store=second, now=NOW + timedelta(minutes=10))
        assert later.due - (NOW + timedelta(minutes=10)) >= timedelta(days=1)
        (good, easy) = second.attempts("card:card-l1")
        assert (good.answer, good.correct, easy.answer) == ("good", True, "easy")
        assert good.details["theme"] == "estimation" and good.details["kind"] == "card"


def test_overdue_cards_come_before_new_ones(deck, store):
    sticky = load_deck(deck)[2]
    rate(sticky, "again", store=store, now=NOW)
    due = due_cards(deck=deck, store=store, now=NOW + timedelta(hours=1))
    assert [c.id for c in due] == ["card-sticky", "card-l1", "card-cache-aside"]
    assert store.attempts("card:card-sticky")[0].correct is False


@pytest.mark.parametrize("rating", ["meh", 0, 5, True])
def test_a_bad_rating_is_an_input_error(deck, store, rating):
    with pytest.raises(InputError, match=r"^rating: "):
        rate(load_deck(deck)[0], rating, store=store)


def test_the_review_panel_shows_front_then_back_then_reschedules(deck, store):
    cards = due_cards(deck=deck, store=store, now=NOW)
    panel = ReviewPanel(cards, store=store, clock=lambda: NOW)
    assert "3 due" in panel.status.value
    assert "L1 cache reference" in panel.front.value
    assert panel.back.value == ""
    assert all(b.disabled for b in panel.rating_buttons.values())
    panel.show_button.click()
    assert "about 0.5 ns" in panel.back.value
    assert not panel.rating_buttons["good"].disabled
    panel.rating_buttons["good"].click()
    assert "2 due" in panel.status.value
    assert "Cache-aside" in panel.front.value and panel.back.value == ""
    panel.show_button.click()
    assert "&lt;b&gt;reads the database&lt;/b&gt;" in panel.back.value  # bank text, never HTML
    panel.rating_buttons["again"].click()  # back to the end of this session's queue
    assert [c.id for c in panel.queue] == ["card-sticky", "card-cache-aside"]
    panel.show_button.click()
    panel.rating_buttons["easy"].click()
    panel.show_button.click()
    panel.rating_buttons["good"].click()
    assert "0 due" in panel.status.value and "No cards due" in panel.front.value
    assert panel.show_button.disabled
    assert len(store.attempts()) == 4
    assert set(store.card_states()) == {"card-l1", "card-cache-aside", "card-sticky"}


def test_rating_before_showing_the_answer_does_nothing(deck, store):
    panel = ReviewPanel(load_deck(deck), store=store)
    panel.rate("good")
    assert store.attempts() == [] and len(panel.queue) == 3


def test_headless_review_prints_the_fronts_and_never_the_backs(deck, monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(flashcards, "DECK_PATH", deck)
    monkeypatch.setattr(store_module, "_default", None)
    monkeypatch.setenv("TPMPREP_HOME", str(tmp_path / "home"))
    frontends.review(n=2)
    out = capsys.readouterr().out
    assert out.startswith("Flashcards: 2 due\n")
    assert "L1 cache reference" in out and "Cache-aside" in out and "sticky" not in out
    assert "0.5 ns" not in out and "reads the database" not in out
    frontends.review(theme="load-balancing")
    assert "What is a sticky session?" in capsys.readouterr().out
    store_module._default.close()


def test_the_terminal_review_asks_rates_and_records(deck, monkeypatch, tmp_path):
    monkeypatch.setattr(store_module, "_default", None)
    monkeypatch.setenv("TPMPREP_HOME", str(tmp_path / "home"))
    runner = CliRunner()
    # card 1: Enter, rate 3 (Good); card 2: Enter, rate 1 (Again, so it comes back); Enter, 4.
    result = runner.invoke(
        main, ["review", "--n", "2", "--deck", str(deck)], input="\n3\n\n1\n\n4\n"
    )
    assert result.exit_code == 0, result.output
    assert "about 0.5 ns" in result.output
    assert "Reviewed 3 cards." in result.output
    attempts = store_module.default_store().attempts()
    assert [(a.item_id, a.answer) for a in attempts] == [
        ("card:card-l1", "good"),
        ("card:card-cache-aside", "again"),
        ("card:card-cache-aside", "easy"),
    ]
    again = runner.invoke(main, ["review", "--theme", "estimation", "--deck", str(deck)])
    assert again.exit_code == 0 and "No cards due" in again.output
    store_module._default.close()


def test_the_terminal_review_rejects_a_bad_deck_in_one_line(tmp_path):
    bad = _write(tmp_path, "cards:\n  - {id: c1, theme: nope, front: 'f?', back: b}\n")
    result = CliRunner().invoke(main, ["review", "--deck", str(bad)])
    assert result.exit_code == 2
    assert "card c1: theme: unknown theme" in result.output


def test_the_shipped_deck_validates_and_has_at_least_60_cards():
    assert validate_deck() == []
    cards = load_deck()
    assert len(cards) >= 60
    assert len({c.theme for c in cards}) >= 5


# -- a daily limit for new cards, fronts that are questions, low-value cards on request ----------


# Noon UTC: the same local day an hour later in any time zone from UTC-11 to UTC+10 (a
# flashcard day is the local calendar day, as in Anki).
NOON = NOW.replace(hour=12)


def _deck_of(tmp_path: Path, n: int, low_value: int = 0) -> Path:
    lines = ["cards:"]
    for i in range(n):
        level = ", level: low-value" if i < low_value else ""
        lines.append(f'  - {{id: c{i:02d}, theme: caching, front: "Card {i}?", back: b{level}}}')
    path = tmp_path / "many.yaml"
    path.write_text("\n".join(lines) + "\n")
    return path


def test_new_cards_are_limited_per_day_and_reviews_are_not(tmp_path, store):
    deck = _deck_of(tmp_path, 50)
    first = due_cards(deck=deck, store=store, now=NOON)
    assert len(first) == 20  # Anki's default: 20 new cards a day
    for card in first:
        rate(card, "good", store=store, now=NOON)  # learning: due again 10 minutes later
    later = due_cards(deck=deck, store=store, now=NOON + timedelta(hours=1))
    assert [c.id for c in later] == [c.id for c in first]  # reviews only: today's 20 are used
    next_day = due_cards(deck=deck, store=store, now=NOON + timedelta(days=1))
    new = [c for c in next_day if c.id not in store.card_states()]
    assert len(new) == 20 and len(next_day) == 40  # 20 learning reviews, unlimited, + 20 new


def test_the_limit_is_set_per_call_or_by_an_environment_variable(tmp_path, store, monkeypatch):
    deck = _deck_of(tmp_path, 10)
    assert len(due_cards(deck=deck, store=store, now=NOON, new_per_day=3)) == 3
    assert due_cards(deck=deck, store=store, now=NOON, new_per_day=0) == []
    monkeypatch.setenv(flashcards.NEW_PER_DAY_VARIABLE, "4")
    assert len(due_cards(deck=deck, store=store, now=NOON)) == 4
    assert len(due_cards(deck=deck, store=store, now=NOON, new_per_day=6)) == 6  # the call wins
    monkeypatch.setenv(flashcards.NEW_PER_DAY_VARIABLE, "lots")
    with pytest.raises(InputError, match=r"^TPMPREP_NEW_CARDS_PER_DAY: must be a whole number"):
        due_cards(deck=deck, store=store, now=NOON)
    with pytest.raises(InputError, match=r"^new_per_day: "):
        due_cards(deck=deck, store=store, now=NOON, new_per_day=-1)


def test_the_terminal_review_takes_the_limit_and_all(tmp_path, monkeypatch):
    monkeypatch.setattr(store_module, "_default", None)
    monkeypatch.setenv("TPMPREP_HOME", str(tmp_path / "home"))
    deck = _deck_of(tmp_path, 5, low_value=2)
    runner = CliRunner()
    # Two new cards a day; low-value cards (c00, c01) only with --all. Rate both Easy (4).
    core = runner.invoke(main, ["review", "--new", "2", "--deck", str(deck)], input="\n4\n\n4\n")
    assert core.exit_code == 0, core.output
    assert "Card 2?" in core.output and "Card 3?" in core.output and "Card 0?" not in core.output
    everything = runner.invoke(
        main, ["review", "--all", "--n", "1", "--deck", str(deck)], input="\n4\n"
    )
    assert "Card 0?" in everything.output  # a low-value card, now that --all asks for them
    reviews_only = runner.invoke(main, ["review", "--new", "0", "--deck", str(deck)])
    assert "No cards due" in reviews_only.output  # the three seen are due in days, not now
    store_module._default.close()


def test_low_value_cards_are_reviewed_only_on_request(tmp_path, store):
    deck = _deck_of(tmp_path, 4, low_value=1)
    assert [c.id for c in due_cards(deck=deck, store=store, now=NOON)] == ["c01", "c02", "c03"]
    every = due_cards(deck=deck, store=store, now=NOON, include_low_value=True)
    assert [c.id for c in every] == ["c00", "c01", "c02", "c03"]
    assert load_deck(deck)[0].level == "low-value" and load_deck(deck)[1].level == "core"


@pytest.mark.parametrize(
    ("card", "expected"),
    [
        ("{id: c1, theme: caching, front: L1 cache reference, back: b}", 'must be a question'),
        ('{id: c1, theme: caching, front: "f?", back: b, level: trivia}', "level: use one of"),
    ],
)
def test_a_front_that_is_no_question_or_an_unknown_level_is_reported(tmp_path, card, expected):
    (problem,) = validate_deck(_write(tmp_path, f"cards:\n  - {card}\n"))
    assert "card c1: " in problem and expected in problem


def test_bank_check_reports_a_bad_level_in_the_shipped_deck(tmp_path, monkeypatch):
    bad = _write(tmp_path, 'cards:\n  - {id: c1, theme: caching, front: "f?", back: b, level: x}\n')
    monkeypatch.setattr(flashcards, "DECK_PATH", bad)
    result = CliRunner().invoke(main, ["bank", "check"])
    assert result.exit_code == 2
    assert "card c1: level: use one of: core, low-value; got 'x'" in result.output


def test_every_shipped_front_is_a_question_and_cpu_latencies_are_low_value():
    cards = {c.id: c for c in load_deck()}
    assert [c.id for c in cards.values() if not c.front.endswith("?")] == []
    assert cards["card-l1-cache-reference"].front == (
        "How long does an L1 cache reference take (Dean's 2009 table)?"
    )
    low = {c.id for c in cards.values() if c.level == "low-value"}
    assert {
        "card-l1-cache-reference",
        "card-l2-cache-reference",
        "card-branch-mispredict",
        "card-compress-1kb",
    } <= low
    assert "card-datacenter-round-trip" not in low and len(low) < len(cards) // 10


def test_day_one_shows_20_cards_not_the_whole_deck(store):
    assert len(load_deck()) > 100
    due = due_cards(store=store, now=NOON)
    assert len(due) == 20
    assert all(card.level == "core" for card in due)


def test_a_card_counts_as_new_on_the_day_of_its_first_review_only(deck, store):
    card = load_deck(deck)[0]
    rate(card, "good", store=store, now=NOON)
    rate(card, "good", store=store, now=NOON + timedelta(days=1))
    store.record("quiz:card-l1", True, theme="estimation", kind="quiz")  # not a card
    store.record("cardX1", True)
    assert store.first_recorded("card_") == {}  # a prefix, not a LIKE pattern ("_" is literal)
    first = NOON.isoformat(timespec="microseconds")
    assert store.first_recorded("card:") == {"card:card-l1": first}
    assert flashcards.introduced_today(store, NOON) == {"card-l1"}
    assert flashcards.introduced_today(store, NOON + timedelta(days=1)) == set()
