"""The behavioural story bank: validation, coverage, warnings, files and the plot."""

from __future__ import annotations

import pytest

from tpmprep.exceptions import BankError, InputError
from tpmprep.practice.stories import (
    Story,
    StoryBank,
    amazon_principles,
    min_stories_to_cover,
    speaking_minutes,
)


def story(title, principles, **parts):
    base = {
        "situation": "Peak was two weeks away.",
        "task": "I owned readiness.",
        "action": "I ran a load test.",
        "result": "p99 fell from 1.8 s to 850 ms.",
    }
    base.update(parts)
    return {"title": title, "principles": principles, **base}


def test_the_principles_are_amazons_sixteen():
    names = amazon_principles()
    assert len(names) == 16
    assert names[0] == "Customer Obsession"
    assert "Have Backbone; Disagree and Commit" in names
    assert names[-1] == "Success and Scale Bring Broad Responsibility"


def test_a_name_pasted_with_a_typographic_apostrophe_is_accepted():
    bank = StoryBank([story("Mentoring", ["Strive to be Earth\u2019s Best Employer"])])
    assert bank.stories[0].principles == ["Strive to be Earth's Best Employer"]
    assert "Strive to be Earth's Best Employer" not in bank.uncovered()


def test_coverage_counts_stories_per_principle_in_order():
    bank = StoryBank(
        [
            story("A", ["Ownership", "Dive Deep"]),
            story("B", ["Dive Deep"]),
        ]
    )
    cover = bank.coverage()
    assert list(cover) == list(amazon_principles())
    assert cover["Dive Deep"] == ["A", "B"]
    assert cover["Ownership"] == ["A"]
    assert len(bank.uncovered()) == 14
    assert bank.coverage_ratio() == pytest.approx(2 / 16)


def test_warnings_name_each_problem_once():
    principles = ["P1", "P2", "P3", "P4", "P5"]
    bank = StoryBank(
        [
            story("Wide", ["P1", "P2", "P3", "P4"]),
            story("Vague", ["P1"], result="It went well."),
            story("No task", ["P2"], task=""),
        ],
        principles,
    )
    kinds = [(w.kind, w.subject) for w in bank.warnings(max_principles=3)]
    assert kinds == [
        ("uncovered", "P5"),
        ("reuse", "Wide"),
        ("no-number", "Vague"),
        ("missing-part", "No task"),
    ]
    # A looser limit drops the reuse warning.
    assert "reuse" not in {w.kind for w in bank.warnings(max_principles=4)}
    assert "task" in str(bank.warnings()[-1])


def test_a_clean_bank_has_no_warnings():
    bank = StoryBank([story("A", ["P1", "P2"]), story("B", ["P2"])], ["P1", "P2"])
    assert bank.warnings() == []
    assert "2 of 2 principles covered (100%)" in bank.summary()


def test_an_unknown_principle_names_the_story_and_field():
    with pytest.raises(BankError) as err:
        StoryBank([story("Launch", ["Customer Obsesion"])])
    assert "story 'Launch': principles: unknown principle 'Customer Obsesion'" in str(err.value)


def test_schema_errors_name_the_story_and_field():
    with pytest.raises(BankError) as err:
        StoryBank([story("Launch", ["Ownership"]), {"title": "Second", "principles": []}])
    assert "story 'Second': principles" in str(err.value)
    with pytest.raises(BankError, match="story 'X': colour: Extra inputs"):
        StoryBank([{**story("X", ["Ownership"]), "colour": "red"}])
    with pytest.raises(BankError, match="title: used by two stories"):
        StoryBank([story("X", ["Ownership"]), story("X", ["Dive Deep"])])
    with pytest.raises(BankError, match="'Ownership' is listed twice"):
        StoryBank([story("X", ["Ownership", "Ownership"])])


def test_save_and_load_round_trip(tmp_path):
    bank = StoryBank([story("A", ["Ownership"], metrics=["p99 -53%"]), story("B", ["Frugality"])])
    path = bank.save(tmp_path / "stories.yaml")
    again = StoryBank.load(path)
    assert [s.model_dump() for s in again.stories] == [s.model_dump() for s in bank.stories]
    assert again.principles == amazon_principles()


def test_custom_principles_survive_a_round_trip(tmp_path):
    bank = StoryBank([story("A", ["Focus on the user"])], ["Focus on the user", "Be bold"])
    again = StoryBank.load(bank.save(tmp_path / "g.yaml"))
    assert again.principles == ("Focus on the user", "Be bold")
    assert again.uncovered() == ["Be bold"]


def test_load_reports_the_file_and_story(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text("stories:\n  - title: Launch\n    principles: [Ownershp]\n")
    with pytest.raises(BankError) as err:
        StoryBank.load(path)
    assert str(path) in str(err.value) and "story 'Launch': principles" in str(err.value)
    path.write_text("stories: [unclosed\n")
    with pytest.raises(BankError, match="YAML syntax error"):
        StoryBank.load(path)
    path.write_text("storys: []\n")
    with pytest.raises(BankError, match="storys: unknown top-level field"):
        StoryBank.load(path)


def test_story_words_and_missing_parts():
    s = Story(title="T", principles=["Ownership"], situation="one two", action="three")
    assert s.words() == 3
    assert s.missing_parts() == ["task", "result"]


def test_helpers_compute_and_reject_bad_input():
    assert min_stories_to_cover(5, 2) == 3
    assert min_stories_to_cover(0, 3) == 0
    assert speaking_minutes(300, 150) == 2
    with pytest.raises(InputError, match="per_story"):
        min_stories_to_cover(3, 0)
    with pytest.raises(InputError, match="words_per_minute"):
        speaking_minutes(100, 0)
    with pytest.raises(InputError, match="max_principles"):
        StoryBank([]).warnings(max_principles=0)


def test_plot_marks_gaps_and_overused_stories():
    from tpmprep.plots.practice import GAP, plot_story_coverage

    bank = StoryBank(
        [story("Wide", ["P1", "P2", "P3"]), story("Narrow", ["P1"])], ["P1", "P2", "P3", "P4"]
    )
    fig = plot_story_coverage(bank, max_principles=2)
    ax = fig.axes[0]
    xlabels = ax.get_xticklabels()
    assert [t.get_text() for t in xlabels] == ["P1 (2)", "P2 (1)", "P3 (1)", "P4 (0)"]
    assert xlabels[3].get_color() == GAP and xlabels[0].get_color() != GAP
    ylabels = ax.get_yticklabels()
    assert ylabels[0].get_color() == GAP and ylabels[1].get_color() != GAP
    assert "3 of 4 principles covered" in ax.get_title()
