"""The metrics-and-experimentation scenarios against hand calculations.

A/B sizing is checked against the standard two-proportion formula worked by hand:
n = (z_{1-a/2} sqrt(2 pbar qbar) + z_{1-b} sqrt(p1 q1 + p2 q2))^2 / delta^2,
with z_{0.975} = 1.959964 and z_{0.8} = 0.841621 (normal tables), and against Kohavi, Tang and
Xu's rule of thumb 16 p q / delta^2 (Trustworthy Online Controlled Experiments, 2020).
"""

from __future__ import annotations

import math

import pytest

from tpmprep import scenario

Z_975, Z_80 = 1.959964, 0.841621


def key(sc):
    return {row["answer"]: row["expected"] for row in sc.answer_key()}


def hand_sample_size(p1, relative_mde):
    p2 = p1 * (1 + relative_mde)
    pbar = (p1 + p2) / 2
    sd0 = math.sqrt(2 * pbar * (1 - pbar))
    sd1 = math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))
    return (Z_975 * sd0 + Z_80 * sd1) ** 2 / (p2 - p1) ** 2


def hand_z(ca, na, cb, nb):
    pa, pb, p = ca / na, cb / nb, (ca + cb) / (na + nb)
    return (pb - pa) / math.sqrt(p * (1 - p) * (1 / na + 1 / nb))


def test_buy_now_seed_1_against_a_hand_calculation():
    sc = scenario("metrics-experimentation/buy-now-ab-test", seed=1)
    # Baseline 2.5%, MDE 4% relative (delta = 0.1 points), 250K visitors/day, 50% allocated.
    assert (sc.baseline.m, sc.mde.m, sc.daily_visitors.m, sc.allocation.m) == (2.5, 4, 250_000, 50)
    k = key(sc)
    by_hand = hand_sample_size(0.025, 0.04)  # about 390,090
    assert k["n_per_arm"] == pytest.approx(by_hand, rel=1e-3)
    assert k["n_per_arm"] == pytest.approx(16 * 0.025 * 0.975 / 0.001**2, rel=0.01)  # 390,000
    assert k["days"] == math.ceil(2 * k["n_per_arm"] / (250_000 * 0.5)) == 7  # 6.24 -> 7
    # 9,775 / 391,000 = 2.500% against 10,279 / 390,831 = 2.630%
    assert k["observed_lift"] == pytest.approx(100 * ((10_279 / 390_831) / 0.025 - 1))
    z = hand_z(9_775, 391_000, 10_279, 390_831)
    assert z == pytest.approx(3.637, abs=1e-3)
    assert k["z"] == pytest.approx(z)
    assert k["p_value"] == pytest.approx(math.erfc(z / math.sqrt(2)))  # two-sided
    assert k["guardrail_z"] == pytest.approx(hand_z(196, 9_775, 278, 10_279))


def test_buy_now_sizing_tolerance_accepts_the_rule_of_thumb_and_rejects_slips():
    sc = scenario("metrics-experimentation/buy-now-ab-test", seed=1)
    assert sc.judge("n_per_arm", 16 * 0.025 * 0.975 / 0.001**2).correct
    # One-sided test: (1.645 + 0.842)^2 / (1.960 + 0.842)^2 = 0.79 of the size.
    assert not sc.judge("n_per_arm", 0.79 * 390_085).correct
    # One arm only (390,085 / 125,000) or the allocation forgotten (780,170 / 250,000): 3.1 -> 4.
    assert not sc.judge("days", 4).correct
    assert not sc.judge("p_value", key(sc)["p_value"] / 2).correct  # one-sided p-value


def test_buy_now_days_reject_a_forgotten_allocation_for_every_seed():
    for seed in range(80):
        sc = scenario("metrics-experimentation/buy-now-ab-test", seed=seed)
        k = key(sc)
        everyone = math.ceil(2 * k["n_per_arm"] / sc.daily_visitors.m)
        assert not sc.judge("days", everyone).correct, seed


def test_buy_now_answers_are_positive_and_days_bounded_for_every_seed():
    for seed in range(80):
        k = key(scenario("metrics-experimentation/buy-now-ab-test", seed=seed))
        assert 5 <= k["days"] <= 35
        assert k["z"] > 0 and k["guardrail_z"] > 0 and k["observed_lift"] > 0
        assert 0 < k["p_value"] < 1


def test_playlist_seed_1_against_a_hand_calculation():
    sc = scenario("metrics-experimentation/playlist-kpis", seed=1)
    # 35M DAU, 22% open, 5% save, 3.5 streams per viewer, pilot 5.2%; 4M distinct viewers,
    # 20% allocated over two arms (400K per arm).
    k = key(sc)
    assert k["daily_viewers"] == pytest.approx(7.7e6)
    assert k["daily_saves"] == pytest.approx(385e3)
    assert k["daily_streams"] == pytest.approx(26.95e6)
    assert k["pilot_lift"] == pytest.approx(4.0)
    # Rule of thumb solved for delta: sqrt(16 x 0.05 x 0.95 / 400K) = 0.1378 points = 2.76%.
    assert k["mde"] == pytest.approx(100 * math.sqrt(16 * 0.05 * 0.95 / 400e3) / 0.05, rel=0.01)
    # The exact MDE gives back the planned size when fed to the hand formula.
    assert hand_sample_size(0.05, k["mde"] / 100) == pytest.approx(400e3, rel=1e-3)
    assert k["n_for_pilot_lift"] == pytest.approx(hand_sample_size(0.05, 0.04), rel=1e-3)


def test_playlist_pilot_lift_is_positive_for_every_seed():
    for seed in range(60):
        k = key(scenario("metrics-experimentation/playlist-kpis", seed=seed))
        assert k["pilot_lift"] > 0 and k["mde"] > 0


def test_experiment_readout_seed_1_against_a_hand_calculation():
    sc = scenario("metrics-experimentation/experiment-readout", seed=1)
    a, b, k = sc.users_a.m, sc.users_b.m, int(sc.metrics.m)
    k_ = key(sc)
    n = a + b
    assert k_["srm_z"] == pytest.approx(abs(a - n / 2) / math.sqrt(n / 4))
    assert k_["family_wise"] == pytest.approx(100 * (1 - 0.95**k))
    assert k_["bonferroni"] == pytest.approx(0.05 / k)
    assert k_["expected_false_positives"] == pytest.approx(0.05 * k)
    ps = [sc.p1.m, sc.p2.m, sc.p3.m, sc.p4.m]
    assert k_["survivors"] == sum(p < 0.05 / k for p in ps)
    # Worked by hand: 600,000 users, 306,000 in control: 6,000 / sqrt(150,000) = 15.49;
    # 25 metrics: 1 - 0.95^25 = 72.3%, threshold 0.002, and only p1 = 0.0003 is below it.
    assert (a, b, k) == (306_000, 294_000, 25)
    assert k_["srm_z"] == pytest.approx(15.4919, abs=1e-4)
    assert k_["family_wise"] == pytest.approx(72.261, abs=1e-3)
    assert k_["survivors"] == 1


def test_experiment_readout_always_shows_a_clear_mismatch_and_a_survivor():
    for seed in range(80):
        k = key(scenario("metrics-experimentation/experiment-readout", seed=seed))
        assert k["srm_z"] >= 4.4
        assert 1 <= k["survivors"] <= 3  # at least one real signal, never all four


def test_experiment_readout_counts_must_be_exact():
    sc = scenario("metrics-experimentation/experiment-readout", seed=1)
    assert sc.judge("survivors", sc.answers["survivors"].expected.m).correct
    assert not sc.judge("survivors", 4).correct  # the team's naive count
