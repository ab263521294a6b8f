"""The notebook quiz driven without a browser: set values, click, read feedback and score."""

from __future__ import annotations

import pytest
from test_quiz_model import QUESTIONS, question, write_bank

from tpmprep import attempts
from tpmprep.exceptions import InputError
from tpmprep.frontends import quiz
from tpmprep.quizzes.render import markdown_html, quiz_text


class FakeStore:
    def __init__(self, fail: bool = False):
        self.calls: list[tuple] = []
        self.fail = fail

    def record(self, item_id, correct, answer=None, **details):
        if self.fail:
            raise OSError("disk full")
        self.calls.append((item_id, correct, answer, details))


def _subscriber(fake):
    return lambda e: fake.record(e.item, e.correct, e.answer, **e.details)


@pytest.fixture
def store():
    """A fake progress store, the only subscriber to attempts during the test."""
    fake = FakeStore()
    with attempts.subscribers(_subscriber(fake)):
        yield fake


@pytest.fixture
def bank(tmp_path):
    return write_bank(tmp_path, list(QUESTIONS.values()))


def panel_for(bank):
    return quiz(bank, shuffle=False, seed=1)


def test_outside_ipython_the_quiz_prints_text_without_answers(bank, capsys):
    """Does the headless quiz print every question readably, without answers or explanations?"""
    panel = quiz(bank, shuffle=False, seed=1)
    text = capsys.readouterr().out
    assert (
        repr(panel)
        == "<QuizPanel: 6 questions; Score: 0 of 0 answered (6 questions; first answers count)>"
    )
    assert "Question 1 of 6" in text and "Question 6 of 6" in text
    assert "A. L1 cache" in text and "B. Main memory" in text
    for q in QUESTIONS.values():
        assert q["explanation"] not in text
    assert "3.6 GB" not in text and "1.2K" not in text
    assert QUESTIONS["text"]["answer"] not in text
    assert all(rubric not in text for rubric in QUESTIONS["text"]["rubric"])
    order = QUESTIONS["ordering"]["answer"]
    shown = [
        line.split(". ", 1)[1]
        for line in text.splitlines()
        if line.startswith("   ") and ". " in line and line.split(". ", 1)[1] in order
    ]
    assert sorted(shown) == sorted(order) and shown != order


def test_the_widget_holds_no_answer_before_it_is_asked_for(bank):
    """Is the panel free of the explanation and model answer until submit or show answer?"""
    panel = panel_for(bank)
    for index in range(len(panel.questions)):
        panel.go(index)
        state = (
            panel.prompt.value
            + panel.feedback.value
            + str([getattr(c, "value", "") for c in panel._input_widgets()])
        )
        assert panel.question.explanation not in state
        if panel.question.type == "text":
            assert panel.question.answer not in state


def test_raw_html_in_a_bank_is_shown_as_text(tmp_path, capsys):
    """Is a <script> tag in a prompt escaped in the widget, never rendered?"""
    q = question("single", prompt="Pick one <script>alert('x')</script> <b>now</b>")
    panel = quiz(write_bank(tmp_path, [q]), seed=1)
    assert "<script>" not in panel.prompt.value
    assert "&lt;script&gt;alert('x')&lt;/script&gt;" in panel.prompt.value
    assert "&lt;b&gt;now&lt;/b&gt;" in panel.prompt.value
    assert 'href="javascript' not in markdown_html("[x](javascript:alert(1))")


def test_a_right_single_choice_scores_and_records(bank, store):
    """Does submitting the right choice show ✓ with the explanation, score it and record it?"""
    panel = panel_for(bank)
    panel.choice.value = 0
    panel.submit_button.click()
    assert "✓ Correct." in panel.feedback.value
    assert "The L1 cache is on the core." in panel.feedback.value
    assert panel.score_text.startswith("Score: 1 of 1 answered")
    assert panel.submit_button.disabled and not panel.retry_button.disabled
    (item, correct, answer, details) = store.calls[0]
    assert (item, correct, answer) == ("quiz:t-single", True, "A")
    assert details["theme"] == "caching" and details["kind"] == "quiz"


def test_retry_lets_the_candidate_answer_again_but_the_first_answer_counts(bank, store):
    """After a wrong answer and Retry, is the second answer judged and recorded but not scored?"""
    panel = panel_for(bank)
    panel.choice.value = 2
    panel.submit_button.click()
    assert "✗" in panel.feedback.value
    panel.retry_button.click()
    assert panel.feedback.value == "" and panel.choice.value is None
    panel.choice.value = 0
    panel.submit_button.click()
    assert "✓" in panel.feedback.value
    assert panel.score_text.startswith("Score: 0 of 1 answered")
    assert [c[1] for c in store.calls] == [False, True]


def test_submitting_nothing_asks_for_an_answer_and_records_nothing(bank, store):
    """Is an empty submission answered with a prompt to choose, and left unrecorded?"""
    panel = panel_for(bank)
    panel.submit_button.click()
    assert "Choose an answer first." in panel.feedback.value
    assert not panel.submit_button.disabled
    assert store.calls == [] and panel.first == {}


def test_multiple_choice_reports_partial_credit(bank, store):
    """Does ticking one of two right boxes give partial feedback, not a correct answer?"""
    panel = panel_for(bank)
    panel.next_button.click()
    assert panel.index == 1
    panel.checks[0].value = True
    panel.submit_button.click()
    assert "1 of the 2 right choices" in panel.feedback.value
    assert store.calls[0][1] is False and store.calls[0][3]["score"] == 0.5


def test_numeric_input_shows_a_unit_hint_and_judges_units(bank, store):
    """Does a numeric question hint at the unit, accept 3600 MB and explain a unit mismatch?"""
    panel = panel_for(bank)
    panel.go(2)
    hint = panel.inputs.children[1].value
    assert "data size" in hint and "GB" in hint and "±5%" in hint
    panel.answer_text.value = "3.6 s"
    panel.submit_button.click()
    assert "a duration" in panel.feedback.value and not panel.submit_button.disabled
    panel.answer_text.value = "3600 MB"
    panel.submit_button.click()
    assert "✓ Correct, within ±5%" in panel.feedback.value
    assert store.calls == [("quiz:t-numeric", True, "3600 MB", store.calls[0][3])]


def test_ordering_steps_move_with_the_arrow_buttons(bank, store):
    """Do the up/down buttons reorder the steps, and does the feedback name positions in place?"""
    panel = panel_for(bank)
    panel.go(4)
    right = QUESTIONS["ordering"]["answer"]
    assert sorted(panel.order) == sorted(right) and panel.order != right
    for target, step in enumerate(right):  # a candidate's bubble of clicks to the right order
        while panel.order.index(step) != target:
            row = panel.order_rows.children[panel.order.index(step)]
            row.children[0].click()  # the up arrow
    assert panel.order == right
    panel.submit_button.click()
    assert "every step is in its place" in panel.feedback.value


def test_ordering_feedback_names_the_positions_in_place(bank):
    """Is a partly right order scored as partial, naming the positions that are right?"""
    panel = panel_for(bank)
    panel.go(4)
    right = QUESTIONS["ordering"]["answer"]
    panel.order = [right[0], right[2], right[1], right[3]]
    panel.submit_button.click()
    assert "2 of 4 steps in place (position 1, 4)" in panel.feedback.value


def test_text_questions_reveal_the_model_answer_then_take_rubric_ticks(bank, store):
    """Does a text question show the model answer and rubric, then score the ticked points?"""
    panel = panel_for(bank)
    panel.go(5)
    panel.written.value = "Use it when reads must be fresh."
    panel.submit_button.click()
    assert "When reads must see the latest write" in panel.model_answer.value
    assert len(panel.rubric_checks) == 3 and store.calls == []
    panel.rubric_checks[0].value = True
    panel.rubric_checks[2].value = True
    panel.submit_button.click()
    assert "2 of 3 rubric points covered; work on point 2." in panel.feedback.value
    assert store.calls[0][3]["rubric_ticked"] == 2


def test_show_answer_reveals_it_and_counts_the_question_as_missed(bank, store):
    """Does Show answer reveal the right choice and explanation, scoring the question as missed?"""
    panel = panel_for(bank)
    panel.answer_button.click()
    assert "A. L1 cache" in panel.feedback.value
    assert "The L1 cache is on the core." in panel.feedback.value
    assert panel.score_text.startswith("Score: 0 of 1 answered")
    assert panel.submit_button.disabled and store.calls == []


def test_previous_and_next_keep_each_question_feedback(bank, store):
    """Does navigating away and back keep a question's feedback and its locked state?"""
    panel = panel_for(bank)
    assert panel.previous_button.disabled
    panel.choice.value = 0
    panel.submit_button.click()
    panel.next_button.click()
    assert panel.feedback.value == "" and not panel.submit_button.disabled
    panel.previous_button.click()
    assert "✓ Correct." in panel.feedback.value and panel.submit_button.disabled
    panel.go(99)
    assert panel.index == 5 and panel.next_button.disabled


def test_a_broken_store_never_breaks_the_quiz(bank, monkeypatch):
    """Does the quiz go on, warning once, when the store cannot be written?"""
    monkeypatch.setattr(attempts, "_warned", set())
    panel = panel_for(bank)
    panel.choice.value = 0
    with attempts.subscribers(_subscriber(FakeStore(fail=True))):
        with pytest.warns(RuntimeWarning, match="not saved to your progress"):
            panel.submit_button.click()
        assert "✓ Correct." in panel.feedback.value
        panel.go(1)
        panel.checks[0].value = panel.checks[1].value = True
        panel.submit_button.click()  # no second warning (pytest's filter would not hide it)
    assert panel.score_text.startswith("Score: 2 of 2 answered")


def test_n_shuffle_and_seed_choose_the_questions(bank, capsys):
    """Does n cut the quiz, and does the same seed give the same order?"""
    first = [q.id for q in quiz(bank, n=3, seed=7).questions]
    again = [q.id for q in quiz(bank, n=3, seed=7).questions]
    assert first == again and len(first) == 3
    assert [q.id for q in quiz(bank, shuffle=False).questions] == [
        q["id"] for q in QUESTIONS.values()
    ]
    with pytest.raises(InputError) as info:
        quiz(bank, n=0)
    assert info.value.parameter == "n"


def test_quiz_text_names_the_terminal_command():
    """Does the headless text tell the candidate how to take the quiz in a terminal?"""
    assert "`tpmprep quiz caching`" in quiz_text([], "caching", command="caching")


def test_answers_reach_the_real_progress_store(bank, tmp_path, monkeypatch):
    """Is a submitted answer stored as quiz:<id> with its theme and kind in the real store?"""
    from tpmprep.practice.store import default_store

    monkeypatch.setenv("TPMPREP_HOME", str(tmp_path / "home"))
    panel = panel_for(bank)
    panel.choice.value = 1
    panel.submit_button.click()
    (attempt,) = default_store().attempts("quiz:t-single")
    assert (attempt.correct, attempt.answer) == (False, "B")
    assert (attempt.theme, attempt.kind) == ("caching", "quiz")


def test_html_in_choices_and_rubric_is_escaped(tmp_path):
    """Is raw HTML in a choice or rubric point shown as text in the checkbox labels?"""
    qs = [
        question("multiple", choices=["<img src=x onerror=alert(1)>", "b", "c"], answer=[1]),
        question("text", rubric=["<script>x()</script>", "two", "three"]),
    ]
    panel = quiz(write_bank(tmp_path, qs), shuffle=False, seed=1)
    labels = [row.children[1].value for row in panel.inputs.children[1:]]
    assert labels[0] == "A. &lt;img src=x onerror=alert(1)&gt;"
    panel.go(1)
    panel.submit_button.click()  # reveals the model answer and the rubric
    rubric = [row.children[1].value for row in panel.inputs.children[-3:]]
    assert rubric[0] == "&lt;script&gt;x()&lt;/script&gt;"


def test_the_returned_panel_is_not_displayed_twice_in_one_cell(bank, monkeypatch):
    """Is the panel quiz() returns silent as the same cell's result, but shown in a later cell?"""
    import IPython.display

    from tpmprep.widgets import base

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda obj, **kw: shown.append(obj))
    monkeypatch.setattr(base, "_in_ipython", lambda: True)
    monkeypatch.setattr(base, "_execution_count", lambda: 4)
    panel = panel_for(bank)  # quiz() displays the panel
    assert len(shown) == 1
    panel._ipython_display_()  # the same cell's result
    assert len(shown) == 1
    monkeypatch.setattr(base, "_execution_count", lambda: 5)
    panel._ipython_display_()  # a later cell
    assert len(shown) == 2
    assert shown[1]["text/plain"] == shown[0]["text/plain"] == panel.text()
    assert "application/vnd.jupyter.widget-view+json" in shown[1]
