"""`tpmprep quiz` renders a bank's Markdown for the terminal: no raw `**bold**` on screen."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from test_quiz_model import question, write_bank

from tpmprep import attempts
from tpmprep.cli import main
from tpmprep.quizzes.render import markdown_text

BOLD = "\x1b[1m"


@pytest.fixture(autouse=True)
def no_store():
    with attempts.subscribers():
        yield


def marked_bank(tmp_path):
    single = question(
        "single",
        prompt="Which layer is **fastest** for a `GET` of a *hot* key?",
        choices=["**L1** cache", "Main memory", "SSD"],
        explanation="The L1 cache is **on the core**; see [the table](https://example.org/t).",
    )
    text = question(
        "text",
        prompt="When would you choose **write-through**?",
        answer="When reads must see the *latest* write.",
        rubric=["names **consistency**", "names the `write` latency cost", "gives an example"],
    )
    return write_bank(tmp_path, [single, text])


def run(path, color: bool):
    from tpmprep.quizzes import pick

    # A wrong letter (B) for the choice, an answer and two ticks for the text question.
    reply = {"single": "b\n", "text": "my answer\n1 2\n"}
    replies = "".join(reply[q.type] for q in pick(str(path), seed=1))
    return CliRunner().invoke(main, ["quiz", str(path), "--seed", "1"], input=replies, color=color)


def test_no_markdown_markers_reach_the_terminal(tmp_path):
    path = marked_bank(tmp_path)
    result = run(path, color=False)
    out = result.output
    assert result.exit_code == 0, out
    assert "**" not in out and "`" not in out and "*hot*" not in out
    assert "Which layer is fastest for a GET of a hot key?" in out
    assert "  A. L1 cache" in out
    assert "Answer: A. L1 cache" in out
    assert "Why: The L1 cache is on the core; see the table (https://example.org/t)." in out
    assert "When would you choose write-through?" in out
    assert "  1. names consistency" in out and "  2. names the write latency cost" in out
    assert "When reads must see the latest write." in out


def test_bold_is_styled_when_the_terminal_shows_colour(tmp_path):
    path = marked_bank(tmp_path)
    result = run(path, color=True)
    assert result.exit_code == 0, result.output
    assert f"{BOLD}fastest" in result.output
    assert "**" not in result.output


@pytest.mark.parametrize(
    ("markdown", "text"),
    [
        ("a **b** c", "a b c"),
        ("a *b* and _c_", "a b and c"),
        ("use `Q(\"5 ms\")`", 'use Q("5 ms")'),
        ("[docs](https://x.org)", "docs (https://x.org)"),
        ("<https://x.org>", "https://x.org"),
        ("1. one\n2. **two**", "1. one\n2. two"),
        ("- a\n- b", "- a\n- b"),
        ("first\n\nsecond", "first\n\nsecond"),
        ("```\ncode **x**\n```", "    code **x**"),  # code is shown as written
        ("<script>x</script> **y**", "<script>x</script> y"),  # raw HTML stays text
    ],
)
def test_markdown_text_drops_the_markers(markdown, text):
    assert markdown_text(markdown) == text
