"""Seeded scenarios: the numbers and expected answers behind every exercise."""

from __future__ import annotations

import math

import pytest

from tpmprep import scenario
from tpmprep.exceptions import InputError, UnknownScenarioError
from tpmprep.scenarios.base import scenario_ids

IDS = scenario_ids()


@pytest.mark.parametrize("sid", IDS)
def test_same_seed_same_numbers_and_answers(sid):
    a, b = scenario(sid, seed=42), scenario(sid, seed=42)
    assert a.brief_markdown() == b.brief_markdown()
    assert a.answer_key() == b.answer_key()


@pytest.mark.parametrize("sid", IDS)
def test_seeds_give_candidates_different_numbers(sid):
    keys = {str(scenario(sid, seed=s).answer_key()) for s in range(20)}
    assert len(keys) >= 15


@pytest.mark.parametrize("sid", IDS)
def test_answer_keys_are_finite_positive_numbers_with_units(sid):
    for seed in range(50):
        for row in scenario(sid, seed=seed).answer_key():
            if isinstance(row["expected"], str):  # a design or a plan: its requirements
                assert row["expected"].strip(), (seed, row)
                continue
            assert math.isfinite(row["expected"]) and row["expected"] > 0, (seed, row)


@pytest.mark.parametrize("sid", IDS)
def test_every_expected_answer_checks_as_correct(sid):
    sc = scenario(sid, seed=7)
    for name, row in zip(sc.answers, sc.answer_key(), strict=True):
        if isinstance(row["expected"], str):
            continue  # judged by its properties: tests/test_scenarios_<theme>.py pass artefacts
        assert sc.judge(name, f"{row['expected']} {row['unit']}").correct


@pytest.mark.parametrize("seed", [-1, 1.5, "7", True, None])
def test_a_bad_seed_names_the_parameter(seed):
    with pytest.raises(InputError, match="seed"):
        scenario(IDS[0], seed=seed)


def test_an_unknown_scenario_lists_the_known_ones():
    with pytest.raises(UnknownScenarioError, match="estimation/traffic-basics"):
        scenario("estimation/nope")


def test_traffic_basics_against_a_hand_calculation():
    sc = scenario("estimation/traffic-basics", seed=3)
    per_day = sc.dau.magnitude * sc.feed_views.magnitude * sc.requests_per_view.magnitude
    key = {row["answer"]: row["expected"] for row in sc.answer_key()}
    assert key["requests_per_day"] == pytest.approx(per_day)
    assert key["average_qps"] == pytest.approx(per_day / 86_400)
    peak = per_day / 86_400 * sc.peak_factor.magnitude
    per_server = sc.server_capacity.magnitude * sc.target_utilisation.magnitude / 100
    assert key["servers"] == math.ceil(peak / per_server)
    photos = sc.dau.magnitude * sc.upload_share.magnitude / 100
    tb_per_day = photos * sc.photo_size.magnitude * 3 / 1e6
    assert key["storage_per_day"] == pytest.approx(tb_per_day)
    assert key["storage_per_year"] == pytest.approx(tb_per_day * 365 / 1000)
