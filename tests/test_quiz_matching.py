"""Answer matching: what counts as right for each question type, and what the feedback says."""

from __future__ import annotations

import pytest
from test_quiz_model import QUESTIONS, question

from tpmprep.exceptions import InputError
from tpmprep.quizzes.matching import match, read_letters, read_numbers
from tpmprep.quizzes.model import question_adapter


def make(kind: str, **changes):
    return question_adapter().validate_python({**question(kind, **changes), "theme": "caching"})


@pytest.mark.parametrize(
    ("given", "verdict"),
    [(0, "correct"), (1, "incorrect"), (None, "unanswered"), (7, "invalid"), ([0, 1], "invalid")],
)
def test_single_choice_is_exact(given, verdict):
    """Is a single-choice answer right only for the right index, and unreadable input invalid?"""
    assert match(make("single"), given).verdict == verdict


@pytest.mark.parametrize(
    ("given", "verdict", "score"),
    [
        ([0, 1], "correct", 1.0),
        ([1, 0], "correct", 1.0),
        ([0], "partial", 0.5),
        ([0, 1, 2], "partial", 0.5),
        ([2, 3], "incorrect", 0.0),
        ([0, 2], "incorrect", 0.0),
        ([], "unanswered", 0.0),
    ],
)
def test_multiple_choice_needs_all_and_only_the_right_ones(given, verdict, score):
    """Is partial credit reported in the score but never counted as correct?"""
    result = match(make("multiple"), given)
    assert (result.verdict, result.score) == (verdict, score)
    assert result.correct is (verdict == "correct")


def test_multiple_choice_feedback_counts_right_and_wrong_picks():
    """Does the feedback say how many right choices were picked and how many wrong ones?"""
    result = match(make("multiple"), [0, 2])
    assert "1 of the 2 right choices and 1 wrong choice" in result.feedback
    assert result.answer == "A, C"


@pytest.mark.parametrize(
    ("given", "verdict"),
    [
        ("3.6 GB", "correct"),
        ("3600 MB", "correct"),
        ("3.7 GB", "correct"),  # within ±5%
        ("3.9 GB", "incorrect"),
        ("3.6 Gbit", "incorrect"),  # bits, not bytes: a factor of 8
        ("3.6", "correct"),  # a bare number is read in the expected unit, GB
        (3.6, "correct"),
        ("3.6 s", "invalid"),
        ("3.6 zorks", "invalid"),
        ("   ", "unanswered"),
    ],
)
def test_numeric_answers_use_units_and_the_relative_tolerance(given, verdict):
    """Is a numeric answer judged with its units, within the question's relative tolerance?"""
    assert match(make("numeric"), given).verdict == verdict


def test_numeric_feedback_explains_without_revealing():
    """Does wrong-answer feedback name the slip (bits vs bytes) without giving the value?"""
    result = match(make("numeric"), "3.6 Gbit")
    assert "bits and bytes" in result.feedback
    assert "3.6 GB" not in result.feedback and "3.6" not in result.feedback.replace("3.6 Gbit", "")


def test_a_dimension_mismatch_is_explained():
    """Does an answer of the wrong kind say what was given and what was expected?"""
    result = match(make("numeric"), "3.6 s")
    assert "a duration" in result.feedback and "a data size" in result.feedback
    assert not result.submitted


def test_a_bare_number_says_how_it_was_read():
    """Is the candidate told that a bare number was read in the expected unit?"""
    assert "read in the expected unit" in match(make("numeric"), "3.6").feedback


@pytest.mark.parametrize(
    ("given", "verdict"),
    [
        ("1.2K req/s", "correct"),
        ("400 req/s", "correct"),  # within a factor of 3 of 1,200
        ("3500 req/s", "correct"),
        ("390 req/s", "incorrect"),
        ("4000 req/s", "incorrect"),
        ("100M req/day", "correct"),
        ("1000", "correct"),
        ("1.2K GB", "invalid"),
    ],
)
def test_estimates_are_judged_within_a_factor(given, verdict):
    """Is an estimate accepted within the question's factor either way, on a log scale?"""
    assert match(make("estimate"), given).verdict == verdict


def test_ordering_feedback_names_the_positions_in_place():
    """Does an ordering answer score by positions in place and name them?"""
    q = make("ordering")
    right = list(q.answer)
    assert match(q, right).correct
    swapped = [right[0], right[2], right[1], right[3]]
    result = match(q, swapped)
    assert (result.verdict, result.score) == ("partial", 0.5)
    assert "2 of 4 steps in place (position 1, 4)" in result.feedback
    assert result.details["positions_right"] == [1, 4]
    assert match(q, right[::-1]).verdict == "incorrect"


def test_an_ordering_must_use_every_step_once():
    """Is an order that drops or repeats a step invalid rather than wrong?"""
    q = make("ordering")
    assert match(q, q.answer[:3]).verdict == "invalid"
    assert match(q, [q.answer[0], *q.answer[:3]]).verdict == "invalid"


def test_text_answers_are_self_assessed_against_the_rubric():
    """Is a text answer correct only when every rubric point is ticked, with the count kept?"""
    q = make("text")
    assert match(q, [True, True, True]).correct
    partial = match(q, [True, False, True])
    assert (partial.verdict, partial.details["rubric_ticked"]) == ("partial", 2)
    assert "work on point 2" in partial.feedback
    assert match(q, [0, 1, 2]).correct
    assert match(q, []).verdict == "incorrect"
    assert match(q, None).verdict == "unanswered"


@pytest.mark.parametrize(
    ("text", "count", "indices"),
    [
        ("b", 3, [1]),
        ("A C", 4, [0, 2]),
        ("a,c", 4, [0, 2]),
        ("AC", 4, [0, 2]),
        ("c a a", 3, [2, 0]),
    ],
)
def test_letters_are_read_as_indices(text, count, indices):
    """Are typed letters read as 0-based choice indices, in any case and separator?"""
    assert read_letters(text, count) == indices


@pytest.mark.parametrize(("text", "count"), [("D", 3), ("", 3), ("1", 3), ("AB?", 3)])
def test_bad_letters_are_an_input_error(text, count):
    """Is an error naming the answer raised for letters that are not choices?"""
    with pytest.raises(InputError) as info:
        read_letters(text, count)
    assert info.value.parameter == "answer"


def test_numbers_are_read_as_an_order():
    """Is '3 1 2' read as an order, and a repeat, a gap or a stranger refused?"""
    assert read_numbers("3 1 2", 3, permutation=True) == [2, 0, 1]
    assert read_numbers("", 3, permutation=False) == []
    for bad in ("3 1", "1 1 2", "0 1 2", "x 1 2"):
        with pytest.raises(InputError):
            read_numbers(bad, 3, permutation=True)


def test_every_type_has_a_matcher():
    """Does match() answer every question type of the contract?"""
    for kind in QUESTIONS:
        assert match(make(kind), None).verdict == "unanswered"


def test_every_builtin_question_accepts_its_own_answer():
    """Does each shipped question judge its own answer correct (bank and matcher agree)?"""
    from tpmprep.quizzes import builtin_banks

    checked = 0
    for bank in builtin_banks():
        for q in bank.questions:
            own = [True] * len(q.rubric) if q.type == "text" else q.answer
            assert match(q, own).correct, (bank.path, q.id)
            checked += 1
    assert checked > 0
