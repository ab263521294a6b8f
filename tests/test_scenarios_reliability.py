"""The reliability scenarios: answers against hand calculations, and slips rejected."""

from __future__ import annotations

import math

import pytest
from seeds import seed_sweep

from tpmprep import scenario
from tpmprep.scenarios.reliability import canary_requests

BUDGET = "reliability-security-operations/error-budget"
INCIDENT = "reliability-security-operations/incident-response"


def key(sc):
    return {row["answer"]: row["expected"] for row in sc.answer_key()}


def test_error_budget_against_a_hand_calculation():
    sc = scenario(BUDGET, seed=1)
    # seed 1: SLO 99.95%, 40% of requests failing for 13 minutes; gateway 99.99%, charge
    # service 99.95%, two card-network replicas of 99.5%.
    k = key(sc)
    assert k["budget_minutes"] == pytest.approx(0.0005 * 30 * 24 * 60)  # 21.6 min
    assert k["budget_consumed"] == pytest.approx(100 * 0.40 * 13 / 21.6)  # 24.1%
    assert k["burn_rate"] == pytest.approx(0.40 / 0.0005)  # 800
    assert k["hours_to_exhaustion"] == pytest.approx(720 / 800)
    chain = 0.9999 * 0.9995 * (1 - 0.005**2)
    assert k["chain_downtime"] == pytest.approx((1 - chain) * 43_200)  # about 27 min


def test_the_brief_shows_four_nines_instead_of_rounding_them_to_100_percent():
    text = scenario(BUDGET, seed=1).brief_markdown()
    assert "99.99%" in text and "99.95%" in text and "100%" not in text


@seed_sweep
def test_error_budget_rejects_the_classic_slips(seed):
    sc = scenario(BUDGET, seed=seed)
    k = key(sc)
    minutes = sc.incident.magnitude
    # The partial outage counted as a full one.
    assert not sc.judge("budget_consumed", 100 * minutes / k["budget_minutes"]).correct
    # The replica forgotten: the card network counted once.
    a = [g.magnitude / 100 for g in (sc.gateway, sc.charge_service, sc.network_link)]
    assert not sc.judge("chain_downtime", (1 - math.prod(a)) * 43_200).correct


def test_incident_response_against_a_hand_calculation():
    sc = scenario(INCIDENT, seed=1)
    # seed 1: 900 req/s, 14% failing, detected after 9 min, mitigated 19 min later, 4
    # requests per student; canary 0.5% of traffic, bug rate 0.1%, 95% wanted.
    k = key(sc)
    assert k["impact_minutes"] == pytest.approx(28)
    assert k["failed_requests"] == pytest.approx(900 * 60 * 28 * 0.14)
    # The students are the window's traffic: 900 x 60 x 28 / 4 = 378,000.
    assert sc.active_users.magnitude == 378_000
    assert k["users_affected"] == pytest.approx(378_000 * (1 - 0.86**4))
    assert k["canary_requests"] == 2995  # 0.999^2994 > 5% >= 0.999^2995
    assert 0.999**2994 > 0.05 >= 0.999**2995
    assert k["canary_minutes"] == pytest.approx(2995 / (0.005 * 900) / 60)


@seed_sweep
def test_incident_students_match_the_traffic_in_the_window(seed):
    """Do students x requests each equal rate x window, so the story is consistent?"""
    sc = scenario(INCIDENT, seed=seed)
    window_s = (sc.detect + sc.mitigate).to("s").magnitude
    requests = sc.request_rate.to("req/s").magnitude * window_s
    assert sc.active_users.magnitude * sc.requests_per_user.magnitude == pytest.approx(requests)
    assert float(sc.active_users.magnitude).is_integer()


@seed_sweep
def test_incident_response_rejects_the_classic_slips(seed):
    sc = scenario(INCIDENT, seed=seed)
    e = sc.error_ratio.magnitude / 100
    users, per_user = sc.active_users.magnitude, sc.requests_per_user.magnitude
    assert not sc.judge("users_affected", users * e).correct
    assert not sc.judge("users_affected", min(users, users * e * per_user)).correct
    assert not sc.judge("impact_minutes", sc.mitigate.magnitude).correct
    assert not sc.judge("canary_requests", 1 / (sc.bug_rate.magnitude / 100)).correct
    # The approximation n = -ln(1 - confidence) / rate is accepted.
    approx = -math.log(1 - sc.confidence.magnitude / 100) / (sc.bug_rate.magnitude / 100)
    assert sc.judge("canary_requests", approx).correct


@pytest.mark.parametrize(("rate", "confidence", "n"), [(0.01, 0.99, 459), (0.5, 0.75, 2)])
def test_canary_requests_is_the_fewest_that_reach_the_confidence(rate, confidence, n):
    assert canary_requests(rate, confidence) == n
    assert (1 - rate) ** n <= 1 - confidence < (1 - rate) ** (n - 1)
