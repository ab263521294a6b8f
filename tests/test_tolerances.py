"""Tolerances accept what an interviewer accepts and still reject the named slips (issue 15)."""

from __future__ import annotations

import math

import pytest

from conftest import REPO
from tpmprep import scenario
from tpmprep.course.lint import scenario_ids_in
from tpmprep.course.notebooks import notebook_paths, read
from tpmprep.quizzes.banks import builtin_banks
from tpmprep.quizzes.matching import match
from tpmprep.scenarios.base import Answer


def _question(question_id):
    for bank in builtin_banks():
        for q in bank.questions:
            if q.id == question_id:
                return q
    raise KeyError(question_id)


# What a candidate says aloud, and the slips the tolerance exists to catch.
QUIZ_CASES = {
    "est-nines-per-year": (
        ["52 min", "53 min", "52.56 min", "50 min", "51.8 min"],  # 51.8: a 360-day year
        ["5.26 min", "8.76 h", "4.32 min", "526 min", "52.6 s"],  # a nine off, a month, ×10, s
    ),
    "est-qps-from-dau": (
        ["10K req/s", "12K req/s", "11574 req/s"],  # 10K: a day rounded to 10^5 s
        ["34.7K req/s", "11.6 req/s", "11.6M req/s", "694K req/s", "1.16K req/s"],
    ),
    "est-peak-qps": (["35K req/s", "36K req/s"], ["23.2K req/s", "11.6K req/s", "348K req/s"]),
    "est-photo-storage": (
        ["36 PB", "37 PB", "40 PB", "38.3 PB"],  # 38.3: 2 MiB photos
        ["110 PB", "36.5 TB", "292 PB", "100 TB", "4.56 PB"],  # ×3 copies, ×1000, ×8, a day
    ),
    "rso-error-budget-minutes": (
        ["43 min", "44 min", "45 min", "44.6 min"],  # 44.6: a 31-day month
        ["4.32 min", "432 min", "8.76 h", "1.44 min", "43.2 s"],
    ),
    "rso-burn-rate": (["14", "15", "14.4"], ["1.44", "144", "0.0144", "1440"]),
    "pl-capacity-cut-roadmap": (["29%", "30%", "28.6%"], ["20%", "71.4%", "25%", "40%"]),
}


@pytest.mark.parametrize("question_id", sorted(QUIZ_CASES))
def test_a_quiz_accepts_the_napkin_answer_and_rejects_the_slips(question_id):
    """Is 52 minutes right for 99.99% a year, and a nine, a month or ×1000 off still wrong?"""
    q = _question(question_id)
    accepted, rejected = QUIZ_CASES[question_id]
    for given in accepted:
        assert match(q, given).verdict == "correct", (given, match(q, given).feedback)
    for given in rejected:
        assert match(q, given).verdict != "correct", given


def _exercise_scenarios() -> list[str]:
    ids = set()
    for path in notebook_paths(REPO / "solutions"):
        ids.update(scenario_ids_in(read(path)))
    return sorted(ids)


# Answers that are exact on purpose: rounding them to two figures is a different answer.
EXACT_ON_PURPOSE = {
    ("api-design/pagination", "requests"): "a count of requests, one per page",
    ("mock-interviews/face-attendance", "launch_days"): "a date read off the plan",
    ("mock-interviews/face-attendance", "launch_after_slip"): "a date read off the plan",
    ("scalability/read-replicas", "admit_rate"): "±3% keeps 'admit the drain rate' out",
    ("program-leadership/headset-launch", "hardware_p85"): "±3% of the beta-PERT model's P85",
}


def _two_figures(x: float) -> float:
    return round(x, 1 - math.floor(math.log10(abs(x))))


@pytest.mark.parametrize("scenario_id", _exercise_scenarios())
def test_an_answer_rounded_to_two_figures_is_accepted(scenario_id):
    """Does every seed accept its answers as a person rounds them aloud ("about 170K")?"""
    rejected = []
    for seed in range(1, 25):
        sc = scenario(scenario_id, seed=seed)
        for name, answer in sc.answers.items():
            if not isinstance(answer, Answer) or not answer.tolerance.rel:
                continue
            if (scenario_id, name) in EXACT_ON_PURPOSE:
                continue
            x = float(answer.quantity.magnitude)
            if x == 0 or (x.is_integer() and abs(x) <= 100):
                continue  # small whole numbers are said exactly
            if not answer.tolerance.accepts(_two_figures(x), x):
                rejected.append((seed, name, x, _two_figures(x)))
    assert rejected == []


@pytest.mark.parametrize("seed", range(30))
def test_widened_scenario_answers_still_reject_their_slips(seed):
    """After widening to ±5%, are the slips these answers exist to catch still wrong?"""
    sc = scenario("reliability-security-operations/error-budget", seed=seed)
    key = {row["answer"]: row["expected"] for row in sc.answer_key()}
    assert not sc.judge("burn_rate", key["burn_rate"] / 100).correct  # a percentage as a fraction
    assert not sc.judge("budget_minutes", key["budget_minutes"] * 365 / 30).correct  # a year
    assert not sc.judge("hours_to_exhaustion", key["hours_to_exhaustion"] * 60).correct

    sc = scenario("reliability-security-operations/incident-response", seed=seed)
    key = {row["answer"]: row["expected"] for row in sc.answer_key()}
    mitigate = sc.mitigate.to("min").magnitude
    assert not sc.judge("impact_minutes", mitigate).correct  # MTTD left out
    e = sc.error_ratio.to("").magnitude
    assert not sc.judge("failed_requests", key["failed_requests"] / e).correct  # every request
    assert not sc.judge("failed_requests", key["failed_requests"] * 60).correct  # s for min

    sc = scenario("load-balancing/zoom-2020", seed=seed)
    assert not sc.judge("connections", sc.participants.magnitude).correct  # one per person

    sc = scenario("working-backwards-stakeholders/payment-methods", seed=seed)
    from tpmprep.plan.prioritise import rice

    first, second = rice(sc.candidates).rows()[:2]
    assert sc.judge("top_score", first["score"] * 0.96).correct  # rounded down
    assert not sc.judge("top_score", second["score"]).correct  # the runner-up's score
    assert not sc.judge("top_score", first["score"] * 100).correct  # confidence as 80, not 0.8
