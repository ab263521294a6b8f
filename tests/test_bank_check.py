"""``tpmprep bank check`` and ``tpmprep quiz`` as a user meets them in a terminal."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from test_quiz_model import QUESTIONS, question, write_bank

from conftest import tpmprep
from tpmprep import attempts
from tpmprep.cli import main
from tpmprep.quizzes import pick
from tpmprep.quizzes.render import shown_order


def test_a_valid_bank_prints_counts_per_theme_type_and_level(tmp_path):
    """Does checking a valid bank exit 0 and print counts per theme, type and level?"""
    path = write_bank(tmp_path, list(QUESTIONS.values()))
    result = CliRunner().invoke(main, ["bank", "check", str(path)])
    assert result.exit_code == 0, result.output
    assert "6 questions in 1 bank(s): all valid." in result.stdout
    assert "caching" in result.stdout and "ordering" in result.stdout


def test_json_counts(tmp_path):
    """Does --json print total, themes, types and levels for several files?"""
    a = write_bank(tmp_path, list(QUESTIONS.values()), name="a.yaml")
    b = write_bank(tmp_path, [question("single", id="t-api")], theme="api-design", name="b.yaml")
    result = CliRunner().invoke(main, ["bank", "check", str(a), str(b), "--json"])
    assert result.exit_code == 0, result.output
    counts = json.loads(result.stdout)
    assert counts == {
        "total": 7,
        "themes": {"caching": 6, "api-design": 1},
        "types": {
            "single": 2,
            "multiple": 1,
            "numeric": 1,
            "estimate": 1,
            "ordering": 1,
            "text": 1,
        },
        "levels": {"basic": 4, "intermediate": 2, "advanced": 1},
    }


def test_an_invalid_bank_exits_2_with_one_line_per_problem(tmp_path):
    """Is each problem one stderr line naming file, question id and field, with exit status 2?"""
    a = write_bank(
        tmp_path,
        [question("single", answer=5), question("numeric", source=None), QUESTIONS["text"]],
        name="a.yaml",
    )
    b = write_bank(tmp_path, [question("multiple", id="t-text")], name="b.yaml")
    result = tpmprep("bank", "check", str(a), str(b))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert lines[:-1] == [
        f"{a}: question t-single: answer: index 5 is out of range: there are 3 choices, "
        "so use 0 to 2 (0-based)",
        f"{a}: question t-numeric: source: missing; this field is required",
        f"{b}: question t-text: id: duplicate of the question in {a}; ids must be unique "
        "across all banks",
    ]
    assert lines[-1].startswith("error: 3 problems found")
    assert result.stdout == ""


def test_a_yaml_syntax_error_exits_2_naming_the_line(tmp_path):
    """Does a YAML syntax error exit 2 naming the file and the line?"""
    path = tmp_path / "broken.yaml"
    path.write_text("theme: caching\nquestions:\n  - id: [x\n", "utf-8")
    result = CliRunner().invoke(main, ["bank", "check", str(path)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{path}: line ")


def test_the_builtin_banks_pass():
    """Do the banks shipped with the package pass `tpmprep bank check`?"""
    result = CliRunner().invoke(main, ["bank", "check", "--json"])
    assert result.exit_code == 0, result.output
    counts = json.loads(result.stdout)
    assert counts["total"] == sum(counts["themes"].values()) == sum(counts["types"].values())
    assert counts["total"] == sum(counts["levels"].values()) > 0


# -- the terminal quiz --------------------------------------------------------------------


@pytest.fixture
def store():
    calls = []
    with attempts.subscribers(lambda e: calls.append((e.item, e.correct, e.answer, e.details))):
        yield calls


def run_quiz(path, answers: str, *args: str):
    return CliRunner().invoke(main, ["quiz", str(path), *args], input=answers)


def test_the_terminal_quiz_asks_judges_explains_scores_and_records(tmp_path, store):
    """Does `tpmprep quiz` take letters, units, an order and rubric ticks, and record each?"""
    qs = [QUESTIONS[k] for k in ("single", "multiple", "numeric", "ordering", "text")]
    path = write_bank(tmp_path, qs)
    replies = []
    for q in pick(str(path), seed=1):  # the order `--seed 1` asks them in
        if q.type == "single":
            replies.append("a")
        elif q.type == "multiple":
            replies.append("A B")
        elif q.type == "numeric":
            replies.append("3600 MB")
        elif q.type == "ordering":
            shown = shown_order(q, 1)
            replies.append(" ".join(str(shown.index(step) + 1) for step in q.answer))
        else:
            replies += ["my answer", "1 2 3"]
    result = run_quiz(path, "\n".join(replies) + "\n", "--seed", "1")
    assert result.exit_code == 0, result.output
    assert "Score: 5 of 5 correct (5 in the quiz)." in result.output
    assert result.output.count("✓") == 5
    assert "Why: The L1 cache is on the core." in result.output
    assert sorted(c[0] for c in store) == sorted(f"quiz:{q['id']}" for q in qs)
    assert all(c[1] for c in store) and all(c[3]["kind"] == "quiz" for c in store)


def test_bad_input_is_asked_again_and_a_wrong_answer_shows_the_right_one(tmp_path, store):
    """Is a bad letter or a unit mismatch re-asked, and a wrong answer followed by the answer?"""
    path = write_bank(tmp_path, [QUESTIONS["single"], QUESTIONS["numeric"]])
    replies = {"single": "Z\nb\n", "numeric": "3.6 s\n3.6 GB\n"}
    answers = "".join(replies[q.type] for q in pick(str(path), seed=2))
    result = run_quiz(path, answers, "--seed", "2")
    out = result.output
    assert result.exit_code == 0, out
    assert "Error: 'Z' is not a choice; type letters A, B, C" in out
    assert "Error: You gave a duration (3.6 s); a data size was expected" in out
    assert "Score: 1 of 2 correct" in out
    assert "Answer: A. L1 cache" in out
    assert len(store) == 2


def test_end_of_input_ends_the_quiz_cleanly_with_the_score(tmp_path, store):
    """Does Ctrl-D (end of input) end the quiz with the score so far, exit 0, no traceback?"""
    path = write_bank(tmp_path, [QUESTIONS["single"], QUESTIONS["multiple"]])
    result = run_quiz(path, "a\n", "--seed", "3")
    assert result.exit_code == 0
    assert "Quiz ended early." in result.output
    assert "of 1 correct (2 in the quiz)" in result.output
    assert "Traceback" not in result.output and len(store) == 1


def test_an_unknown_theme_exits_2_with_one_line():
    """Does an unknown theme exit 2 with one error line naming the argument?"""
    result = tpmprep("quiz", "cachng")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("error: theme_or_bank: 'cachng' is neither a theme")
