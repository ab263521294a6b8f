"""What next, and a plan to the interview: from a seeded store and a fake clock."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

import tpmprep
from conftest import REPO
from tpmprep.cli import main
from tpmprep.course.catalogue import find_workbook, materials
from tpmprep.exceptions import InputError
from tpmprep.practice import store as store_module
from tpmprep.practice.planner import Material, read_facts, study_plan, what_next
from tpmprep.practice.store import ProgressStore

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)  # a Monday

DECK = """\
cards:
  - {id: c1, theme: estimation, front: "Seconds in a day?", back: "86,400", source: "arithmetic"}
  - {id: c2, theme: caching, front: "Cache-aside fills on?", back: "a miss"}
"""

MATERIALS = [
    Material("lesson", "start", "Start here", "notebooks/00-start-here.ipynb", 15),
    Material("lesson", "estimation", "Estimation", "notebooks/01-estimation.ipynb", 45),
    Material(
        "exercise", "estimation", "Exercise: traffic", "exercises/01-traffic.ipynb", 20,
        "estimation/traffic", ("qps", "servers"),
    ),
    Material(
        "exercise", "estimation", "Exercise: storage", "exercises/01-storage.ipynb", 25,
        "estimation/storage", ("bytes",),
    ),
    Material("lesson", "caching", "Caching", "notebooks/03-caching.ipynb", 45),
    Material(
        "exercise", "caching", "Exercise: news feed", "exercises/03-feed.ipynb", 25,
        "caching/feed", ("items",),
    ),
]  # fmt: skip


@pytest.fixture
def deck(tmp_path):
    path = tmp_path / "deck.yaml"
    path.write_text(DECK)
    return path


@pytest.fixture
def store(tmp_path):
    with ProgressStore(tmp_path / "p.sqlite3") as s:
        yield s


def _answer(store, item, correct, days_ago=1, theme="estimation", kind="check"):
    store.record(
        item,
        correct,
        "x",
        recorded_at=NOW - timedelta(days=days_ago),
        theme=theme,
        kind=kind,
    )


def _facts(store, deck, now=NOW):
    return read_facts(store, now=now, deck=deck)


# -- what next ------------------------------------------------------------------------------


def test_on_day_one_next_says_cards_the_start_notebook_and_a_mock(store, deck):
    suggestions = what_next(MATERIALS, _facts(store, deck))
    assert [(s.kind, s.path) for s in suggestions.items] == [
        ("cards", None),
        ("lesson", "notebooks/00-start-here.ipynb"),
        ("mock", None),
    ]
    cards, _, mock = suggestions.items
    assert cards.title == "Review the 2 flashcards due now" and cards.command == "tpmprep review"
    assert mock.call == 'mock("system-design")' and "not done a mock" in mock.why


def test_the_weakest_theme_by_recent_accuracy_points_at_the_exercise_to_retry(store, deck):
    _answer(store, "check:estimation/traffic:qps", True, days_ago=30)
    for correct in (False, False, True, False):  # the last answers: 1 of 4 right
        _answer(store, "check:estimation/traffic:servers", correct)
    for i in range(3):
        _answer(store, f"quiz:c{i}", True, theme="caching", kind="quiz")
    suggestions = what_next(MATERIALS, _facts(store, deck))
    weak = next(s for s in suggestions.items if s.kind == "weak-theme")
    assert weak.title == "Work on your weakest theme: Back-of-the-envelope estimation"
    assert weak.why.startswith("2 of your last 5 answers in it were right")
    assert weak.path == "exercises/01-traffic.ipynb" and weak.call == 'quiz("estimation")'


def test_next_names_the_next_step_and_an_untried_exercise_of_a_started_theme(store, deck):
    _answer(store, "quiz:start", True, theme="start", kind="quiz")
    _answer(store, "check:estimation/traffic:qps", True)
    _answer(store, "check:estimation/traffic:servers", True)

    def steps():
        found = what_next(MATERIALS, _facts(store, deck)).items
        return [(s.kind, s.title) for s in found if s.path]

    # Lesson 01 counts as taken (its theme has answers) and exercise 1 is all right.
    assert steps() == [("exercise", "Try the exercise: storage")]
    _answer(store, "check:estimation/storage:bytes", False)
    _answer(store, "quiz:e1", True, kind="quiz")
    _answer(store, "quiz:e2", True, kind="quiz")  # 4 of the last 5 right: not a weak theme
    assert steps() == [("exercise", "Finish the exercise: storage")]
    _answer(store, "quiz:c1", True, theme="caching", kind="quiz")  # caching is under way
    found = what_next(MATERIALS, _facts(store, deck)).items
    extra = found[-2]
    assert extra.title == "Try the exercise: news feed"
    assert "(1 exercise not tried in all)" in extra.why


def test_a_weak_theme_and_the_next_step_never_name_the_same_notebook_twice(store, deck):
    _answer(store, "quiz:start", True, theme="start", kind="quiz")
    _answer(store, "check:estimation/traffic:qps", True)
    _answer(store, "check:estimation/traffic:servers", True)
    _answer(store, "check:estimation/storage:bytes", False)  # 2 of 3: weak
    found = [s for s in what_next(MATERIALS, _facts(store, deck)).items if s.path]
    assert [(s.kind, s.path) for s in found] == [
        ("weak-theme", "exercises/01-storage.ipynb"),
        ("lesson", "notebooks/03-caching.ipynb"),
    ]


def test_a_mock_is_suggested_only_when_none_was_done_in_a_week(store, deck):
    store.record(
        "mock:system-design",
        False,
        {},
        recorded_at=NOW - timedelta(days=3),
        kind="mock",
        theme="mock-interviews",
        interview="system-design",
        score=2.1,
    )
    assert "mock" not in [s.kind for s in what_next(MATERIALS, _facts(store, deck)).items]
    later = _facts(store, deck, now=NOW + timedelta(days=5))
    mock = next(s for s in what_next(MATERIALS, later).items if s.kind == "mock")
    assert mock.call == 'mock("program-execution")'  # the kinds not done yet come first
    assert "Your last mock interview was 8 days ago." in mock.why


def test_links_are_relative_to_the_notebook_that_asks(store, deck, tmp_path):
    suggestions = what_next(MATERIALS, _facts(store, deck)).at(tmp_path, tmp_path / "e2e")
    assert "[Take the lesson: Start here](../notebooks/00-start-here.ipynb)" in (
        suggestions.markdown()
    )
    assert "Open: ../notebooks/00-start-here.ipynb" in suggestions.text()
    assert suggestions._repr_mimebundle_()["text/plain"] == suggestions.text()


# -- the study plan -------------------------------------------------------------------------


def test_a_plan_lays_out_every_session_to_the_day_before_the_interview(store, deck):
    plan = study_plan(MATERIALS, _facts(store, deck), "2026-03-16", 6)
    assert (plan.sessions_per_week, plan.session_minutes) == (7, 51)
    assert [d.day for d in plan.days] == [date(2026, 3, 2) + timedelta(days=i) for i in range(14)]
    assert all(d.items[0].kind == "cards" and d.items[0].minutes == 10 for d in plan.days)
    work = [i.path for d in plan.days for i in d.items if i.kind in ("lesson", "exercise")]
    assert work == [m.path for m in MATERIALS]  # everything, once, in the workbook's order
    # The last week (from 9 March): a timed mock every other session, least recently done first.
    mocks = [(d.day.day, i.call) for d in plan.days for i in d.items if i.kind == "mock"]
    assert mocks == [
        (9, 'mock("system-design")'),
        (11, 'mock("program-execution")'),
        (13, 'mock("behavioural")'),
        (15, 'mock("system-design")'),
    ]
    assert not any(i.kind == "mock" for d in plan.days if d.day < date(2026, 3, 9) for i in d.items)
    assert plan.unplanned == ()


def test_what_is_done_is_not_planned_again(store, deck):
    _answer(store, "quiz:start", True, theme="start", kind="quiz")
    _answer(store, "check:estimation/traffic:qps", True)
    _answer(store, "check:estimation/traffic:servers", True)
    _answer(store, "check:estimation/storage:bytes", False)
    plan = study_plan(MATERIALS, _facts(store, deck), "2026-03-16", 6)
    work = [i.title for d in plan.days for i in d.items if i.kind in ("lesson", "exercise")]
    assert work == [
        "Finish (0 of 1 answers right so far): Exercise: storage",  # tried, not right: first
        "Lesson: Caching",
        "Exercise: news feed",
    ]
    assert (plan.done_lessons, plan.done_exercises) == (2, 1)
    assert "Already done, so not planned again: 2 lessons, 1 exercise." in plan.text()


def test_few_hours_make_fewer_longer_sessions_and_what_does_not_fit_is_listed(store, deck):
    plan = study_plan(MATERIALS, _facts(store, deck), "2026-03-05", 2)
    assert (plan.sessions_per_week, plan.session_minutes) == (3, 40)
    assert [d.day.day for d in plan.days] == [2, 4]  # Monday, Wednesday; the interview Thursday
    assert [i.title for i in plan.unplanned][-1] == "Exercise: news feed"
    assert "Does not fit before the interview" in plan.text()


def test_a_piece_longer_than_a_session_is_split_into_equal_parts(store, deck):
    long = [Material("lesson", "caching", "Caching", "notebooks/03-caching.ipynb", 100)]
    plan = study_plan(long, _facts(store, deck), "2026-04-30", 6)
    parts = [(i.title, i.minutes) for d in plan.days for i in d.items if i.kind == "lesson"]
    assert parts == [
        ("Lesson: Caching (part 1 of 3)", 34),
        ("Lesson: Caching (part 2 of 3)", 34),
        ("Lesson: Caching (part 3 of 3)", 34),
    ]
    # With nothing left to learn, sessions are practice, shown as one run in the text.
    assert "sessions): 51 min each" in plan.text()


@pytest.mark.parametrize(
    ("interview", "hours", "field"),
    [
        ("2026-03-02", 6, "interview"),  # today
        ("2026-02-01", 6, "interview"),
        ("15/01/2027", 6, "interview"),
        ("2027-01-15", 0, "hours_per_week"),
        ("2027-01-15", 200, "hours_per_week"),
        ("2027-01-15", "six", "hours_per_week"),
    ],
)
def test_a_bad_date_or_hours_name_the_field(store, deck, interview, hours, field):
    with pytest.raises(InputError, match=f"^{field}: "):
        study_plan(MATERIALS, _facts(store, deck), interview, hours)


def test_the_plan_as_markdown_links_each_notebook(store, deck, tmp_path):
    plan = study_plan(MATERIALS, _facts(store, deck), "2026-03-16", 6).at(tmp_path, tmp_path / "x")
    markdown = plan.markdown()
    assert "| Day | What | Minutes | Open or run |" in markdown
    assert "[01-traffic.ipynb](../exercises/01-traffic.ipynb)" in markdown
    assert "| Mock interview, timed: system-design | 45 | `mock(\"system-design\")` |" in markdown
    assert json.loads(json.dumps(plan.json()))["days"][0]["day"] == "2026-03-02"


# -- the workbook, the front ends and the commands ------------------------------------------


def test_the_workbook_lists_every_lesson_and_exercise_with_its_answers():
    found = materials(REPO)
    exercises = [m for m in found if m.kind == "exercise"]
    assert len(exercises) == len(list((REPO / "exercises").glob("*.ipynb")))
    feed = next(m for m in exercises if m.path == "exercises/03-caching-news-feed.ipynb")
    assert feed.scenario == "caching/news-feed" and feed.theme == "caching"
    assert "cache_items" in feed.answers and feed.minutes == 25
    assert found[0].path == "notebooks/00-start-here.ipynb" and found[0].minutes == 15
    assert find_workbook(REPO / "exercises") == REPO
    with pytest.raises(InputError, match=r"^root: no workbook"):
        find_workbook(Path("/"))


def test_next_is_what_next_without_arguments_and_python_next_with_them(
    monkeypatch, tmp_path, capsys
):
    assert tpmprep.next(iter([7, 8])) == 7
    assert tpmprep.next(iter([]), "none") == "none"
    with pytest.raises(StopIteration):
        tpmprep.next(iter([]))
    monkeypatch.setattr(store_module, "_default", None)
    monkeypatch.setenv("TPMPREP_HOME", str(tmp_path))
    monkeypatch.chdir(REPO / "notebooks")
    tpmprep.next()
    out = capsys.readouterr().out
    assert out.startswith("What next:") and "Open: 00-start-here.ipynb" in out
    tpmprep.study_plan(interview=date.today() + timedelta(days=30), hours_per_week=6)
    assert capsys.readouterr().out.startswith("Study plan: 30 days to your interview")
    store_module._default.close()


def test_the_next_and_plan_commands(monkeypatch, tmp_path):
    monkeypatch.setattr(store_module, "_default", None)
    monkeypatch.setenv("TPMPREP_HOME", str(tmp_path))
    monkeypatch.chdir(REPO)
    runner = CliRunner()
    said = runner.invoke(main, ["next"])
    assert said.exit_code == 0, said.output
    assert "Open: notebooks/00-start-here.ipynb" in said.output
    as_json = json.loads(runner.invoke(main, ["next", "--json"]).output)
    assert as_json[0]["kind"] == "cards" and as_json[1]["path"] == "notebooks/00-start-here.ipynb"
    interview = (date.today() + timedelta(days=20)).isoformat()
    plan = runner.invoke(main, ["plan", "--interview", interview, "--hours", "6"])
    assert plan.exit_code == 0 and plan.output.startswith("Study plan: 20 days")
    assert "Lesson: Start here" in plan.output and "(last week)" in plan.output
    bad = runner.invoke(main, ["plan", "--interview", "2020-01-01", "--hours", "6"])
    assert bad.exit_code == 2 and "error: interview: must be after today" in bad.output
    lost = runner.invoke(main, ["next", "--root", str(tmp_path)])
    assert lost.exit_code == 2 and "error: root: no workbook" in lost.output
    store_module._default.close()
