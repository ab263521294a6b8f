"""The mock-interview scenarios: hand-worked answers at seed 1, tolerances and the launch plans."""

from __future__ import annotations

import math

import pytest

from tpmprep import Q, scenario
from tpmprep.plan import Schedule

IDS = ["mock-interviews/buy-now", "mock-interviews/live-traffic"]
SEEDS = range(20)


def expected(sc, name):
    return sc.answers[name].quantity.magnitude


def accepted(sc, name, value) -> bool:
    return sc.judge(name, value).correct


def test_buy_now_seed_1_by_hand():
    sc = scenario("mock-interviews/buy-now", seed=1)
    # 55M orders/day, 35% Buy Now, peak 5x, 35 orders/s per server at 50%, 150 B keys kept
    # 5 days in 3 copies; availabilities 99.99%, 99.95%, 99.95%, 99.9%.
    assert sc.orders_per_day == Q("55M/day")
    assert sc.payment_availability == Q("99.9%")
    peak = 55e6 * 0.35 / 86_400 * 5  # 1,114 orders/s
    assert expected(sc, "peak_orders") == pytest.approx(1114.0, abs=0.1)
    assert expected(sc, "peak_orders") == pytest.approx(peak)
    assert expected(sc, "servers") == 64  # 1,114 / 17.5 = 63.7, rounded up
    assert expected(sc, "key_storage") == pytest.approx(43.3125)  # 96.25M keys x 150 B x 3
    unavailable = 1 - 0.9999 * 0.9995 * 0.9995 * 0.999
    assert expected(sc, "downtime") == pytest.approx(unavailable * 43_200)  # about 90.7 min
    assert expected(sc, "downtime") == pytest.approx(90.7, abs=0.1)


def test_live_traffic_seed_1_by_hand():
    sc = scenario("mock-interviews/live-traffic", seed=1)
    # 15M phones every 4 s, 150 B reports, 15K reports/s per matcher at 50%, 40M segments of
    # 40 B in 3 copies.
    assert sc.phones == Q(15e6)
    assert expected(sc, "reports_per_second") == pytest.approx(3.75e6)
    assert expected(sc, "ingest_bandwidth") == pytest.approx(4.5)  # 3.75M x 150 B x 8 bit
    assert expected(sc, "matchers") == 500
    assert expected(sc, "state_memory") == pytest.approx(4.8)


@pytest.mark.parametrize("sid", IDS)
def test_launch_p85_matches_a_monte_carlo_of_the_plan_and_sits_above_the_pert_mean(sid):
    sc = scenario(sid, seed=1)
    schedule = Schedule.from_records(sc.plan)
    p85 = expected(sc, "launch_p85")
    assert p85 == pytest.approx(schedule.monte_carlo(n=20_000, seed=0).percentile(85))
    assert p85 > schedule.duration  # the PERT expected duration is a P50-ish


@pytest.mark.parametrize("sid", IDS)
def test_launch_p85_accepts_any_monte_carlo_and_rejects_the_point_estimates(sid):
    for seed in SEEDS:
        sc = scenario(sid, seed=seed)
        schedule = Schedule.from_records(sc.plan)
        other_run = schedule.monte_carlo(n=5_000, seed=seed + 7).percentile(85)
        assert accepted(sc, "launch_p85", other_run), seed
        assert not accepted(sc, "launch_p85", schedule.duration), seed  # PERT mean
        modes = Schedule.from_records([dict(r, duration=r["duration"][1]) for r in sc.plan])
        assert not accepted(sc, "launch_p85", modes.duration), seed  # most likely only


def test_buy_now_tolerances_reject_the_classic_slips():
    for seed in SEEDS:
        sc = scenario("mock-interviews/buy-now", seed=seed)
        peak = expected(sc, "peak_orders")
        assert accepted(sc, "peak_orders", peak * 86_400 / 1e5)  # a day taken as 10^5 s
        assert not accepted(sc, "peak_orders", peak / sc.peak_factor.magnitude)  # no peak
        per_server = sc.server_capacity.magnitude
        forgot_utilisation = math.ceil(peak / per_server)
        assert not accepted(sc, "servers", forgot_utilisation), seed
        assert not accepted(sc, "key_storage", expected(sc, "key_storage") / 3)  # one copy
        availabilities = [
            sc.edge_availability,
            sc.order_availability,
            sc.inventory_availability,
            sc.payment_availability,
        ]
        unavailable = [1 - a.to("").magnitude for a in availabilities]
        assert accepted(sc, "downtime", sum(unavailable) * 43_200)  # the sum shortcut
        assert not accepted(sc, "downtime", max(unavailable) * 43_200), seed  # weakest only


def test_buy_now_always_needs_enough_servers_to_judge_utilisation():
    for seed in SEEDS:
        assert expected(scenario("mock-interviews/buy-now", seed=seed), "servers") >= 25


def test_live_traffic_tolerances_reject_bits_for_bytes():
    for seed in SEEDS:
        sc = scenario("mock-interviews/live-traffic", seed=seed)
        gbps = expected(sc, "ingest_bandwidth")
        assert accepted(sc, "ingest_bandwidth", f"{gbps / 8} GB/s")
        assert not accepted(sc, "ingest_bandwidth", gbps / 8)  # bytes read as bits
        assert expected(sc, "matchers") >= 25
        forgot_utilisation = math.ceil(
            expected(sc, "reports_per_second") / sc.matcher_capacity.magnitude
        )
        assert not accepted(sc, "matchers", forgot_utilisation), seed


@pytest.mark.parametrize("sid", IDS)
def test_launch_p85_names_its_sampling_and_rejects_triangular(sid):
    # The questions ask for the default Beta-PERT Monte Carlo: triangular sampling has a fatter
    # tail and lands well above the key, so a candidate must not be told "any Monte Carlo".
    for seed in range(5):
        sc = scenario(sid, seed=seed)
        schedule = Schedule.from_records(sc.plan)
        triangular = schedule.monte_carlo(n=5_000, seed=3, distribution="triangular")
        assert not accepted(sc, "launch_p85", triangular.percentile(85)), seed


@pytest.mark.parametrize("sid", IDS)
def test_the_brief_shows_availabilities_and_the_plan(sid):
    sc = scenario(sid, seed=1)
    text = sc.brief_markdown()
    assert "**Launch plan**" in text
    for record in sc.plan:
        assert f"| {record['name']} | {'/'.join(map(str, record['duration']))} |" in text
    if sid.endswith("buy-now"):
        assert "99.99%" in text and "99.95%" in text  # four digits, not rounded to 100%


@pytest.mark.parametrize("sid", IDS)
def test_the_plan_copy_cannot_change_the_answer(sid):
    sc = scenario(sid, seed=2)
    before = expected(sc, "launch_p85")
    sc.plan[0]["duration"][2] = 1_000
    assert scenario(sid, seed=2).answers["launch_p85"].quantity.magnitude == before
    assert sc.plan[0]["duration"][2] != 1_000


def test_face_attendance_seed_1_by_hand():
    sc = scenario("mock-interviews/face-attendance", seed=1)
    # 5 offices of 2,600 people; 75% arrive in 20 min; FNMR 2%; FMR 5e-6 per comparison.
    # Plan: contract 10 -> data 20 -> model 40 -> integration 14 -> pilot 15 -> rollout 15 = 114;
    # the web build (25 days after the contract) has 35 days of slack and slips by 43.
    assert expected(sc, "arrivals_per_minute") == pytest.approx(2600 * 0.75 / 20)  # 97.5
    assert expected(sc, "fallbacks") == pytest.approx(260)
    assert expected(sc, "false_match_chance") == pytest.approx(
        100 * (1 - (1 - 5e-6) ** 13_000)  # 6.29%, against N x FMR = 6.5%
    )
    assert expected(sc, "launch_days") == 114
    assert sc.web_slip == Q("43 day")
    assert expected(sc, "launch_after_slip") == 114 + (43 - 35)


def test_face_attendance_tolerances_reject_the_classic_slips():
    for seed in SEEDS:
        sc = scenario("mock-interviews/face-attendance", seed=seed)
        sites = sc.sites.magnitude
        chance = expected(sc, "false_match_chance")
        n_times_fmr = 100 * sc.people.magnitude * sites * sc.fmr.to("").magnitude
        assert accepted(sc, "false_match_chance", n_times_fmr), seed  # the usual shortcut
        assert not accepted(sc, "false_match_chance", chance / sites), seed  # one office only
        launch = expected(sc, "launch_days")
        slip = sc.web_slip.to("day").magnitude
        assert expected(sc, "launch_after_slip") > launch  # the slip always eats all the slack
        assert not accepted(sc, "launch_after_slip", launch + slip), seed  # slack ignored
        assert not accepted(sc, "launch_after_slip", launch), seed  # the slip ignored
        assert not accepted(sc, "fallbacks", expected(sc, "fallbacks") / sites), seed
        # Everyone comes in each day: counting only the morning window's arrivals is a slip.
        window_only = expected(sc, "fallbacks") * sc.arrival_share.to("").magnitude
        assert not accepted(sc, "fallbacks", window_only), seed
