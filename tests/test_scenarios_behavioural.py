"""Behavioural scenarios: the answer keys against hand calculations."""

from __future__ import annotations

import pytest
from seeds import seed_sweep

from tpmprep import scenario
from tpmprep.scenarios.behavioural import FITS

BANK = "behavioural/story-bank"
TIMING = "behavioural/star-timing"


def key(sc):
    return {r["answer"]: r["expected"] for r in sc.answer_key()}


def test_story_bank_against_a_hand_count():
    sc = scenario(BANK, seed=1)
    # Seed 1: 7 stories, limit 2. Counted by hand from the brief's table: 11 principles covered
    # (Hire and Develop the Best, Think Big, Have Backbone, Earth's Best Employer and Success and
    # Scale are not); Invent and Simplify, Insist on the Highest Standards, Are Right A Lot and
    # Learn and Be Curious have one story each; "Incident on launch day" has 6 tags; 4 stories
    # have more than 2; "Payments migration" has a vague result and "Checkout latency" a vague
    # result and no task.
    assert sc.stories.magnitude == 7 and sc.max_principles.magnitude == 2
    k = key(sc)
    assert k["uncovered"] == 5
    assert k["coverage_percent"] == pytest.approx(100 * 11 / 16)
    assert k["single_story"] == 4
    assert k["most_reused"] == 6
    assert k["overused_stories"] == 4
    assert k["min_new_stories"] == 3
    assert k["stories_to_fix"] == 2
    assert "*(no task written)*" in sc.brief_markdown()


def test_story_bank_exact_counts_reject_off_by_one():
    sc = scenario(BANK, seed=1)
    assert sc.judge("uncovered", 5).correct
    assert not sc.judge("uncovered", 4).correct
    assert not sc.judge("min_new_stories", 2).correct  # 5 / 2 rounded down


@seed_sweep
def test_story_bank_brief_lists_the_bank_it_checks(seed):
    sc = scenario(BANK, seed=seed)
    bank = sc.bank()
    assert len(bank) == sc.stories.magnitude
    brief = sc.brief_markdown()
    assert all(f"| {s.title} |" in brief for s in bank.stories)
    kinds = {w.kind for w in bank.warnings(int(sc.max_principles.magnitude))}
    assert {"uncovered", "reuse"} <= kinds
    # Every tag is one the story can plausibly show (no "Frugality" on a mentoring story).
    assert all(set(s.principles) <= set(FITS[s.title]) for s in bank.stories)


def test_star_timing_against_a_hand_calculation():
    sc = scenario(TIMING, seed=1)
    # Seed 1: 130 + 30 + 195 + 55 = 410 words at 135 words/min, target 2 min.
    k = key(sc)
    assert k["minutes"] == pytest.approx(410 / 135)
    assert k["words_to_cut"] == pytest.approx(410 - 270)
    assert k["setup_share"] == pytest.approx(100 * 160 / 410)
    assert k["result_seconds"] == pytest.approx(55 / 135 * 60)


@seed_sweep
def test_star_timing_always_runs_over(seed):
    k = key(scenario(TIMING, seed=seed))
    assert k["minutes"] > 2 and k["words_to_cut"] >= 30
