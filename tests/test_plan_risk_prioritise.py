"""Risk register arithmetic and RICE/WSJF scoring with sensitivity."""

from __future__ import annotations

import pytest

from tpmprep.exceptions import CalculationError
from tpmprep.plan.prioritise import rice, wsjf
from tpmprep.plan.risk import Risk, RiskRegister, likelihood_from_probability

RISKS = [
    {
        "id": "R1",
        "description": "Vendor API late",
        "likelihood": 4,
        "impact": 3,
        "probability": 0.6,
        "schedule_days": 10,
        "owner": "Ana",
        "mitigation": "Stub the API",
    },
    {
        "id": "R2",
        "description": "Key engineer leaves",
        "probability": 0.15,
        "impact": 5,
        "cost": 40_000,
    },
    {
        "id": "R3",
        "description": "Load test fails",
        "likelihood": 3,
        "impact": 4,
        "schedule_days": 5,
        "cost": 10_000,
    },
    {
        "id": "R4",
        "description": "Old risk",
        "likelihood": 5,
        "impact": 5,
        "schedule_days": 30,
        "status": "closed",
    },
]


def test_exposure_sorting_and_expected_impact():
    reg = RiskRegister(RISKS)
    assert [r.id for r in reg.sorted()] == ["R4", "R1", "R3", "R2"]  # 25, 12, 12, 10
    assert reg["R2"].likelihood == 2  # 15% falls in the 10-30% band
    # Open risks only: 0.6 * 10 + 0.4 (band midpoint of likelihood 3) * 5 days.
    assert reg.expected_schedule_impact == pytest.approx(8.0)
    assert reg.expected_cost_impact == pytest.approx(0.15 * 40_000 + 0.4 * 10_000)
    grid = reg.heatmap()
    assert grid[3][2] == 1 and grid[2][3] == 1 and grid[1][4] == 1 and grid[4][4] == 0
    assert sum(map(sum, reg.heatmap(open_only=False))) == 4
    assert "Expected schedule impact 8.0 days" in reg.summary()


def _launch_plan():
    from tpmprep.plan import Schedule

    # api 10 -> payments 24 -> launch 5 (critical, 39 days); fraud 11 after api: float 13.
    return Schedule(
        [
            {"name": "api", "duration": 10},
            {"name": "payments", "duration": 24, "depends_on": ["api"]},
            {"name": "fraud", "duration": 11, "depends_on": ["api"]},
            {"name": "launch", "duration": 5, "depends_on": ["payments", "fraud"]},
        ]
    )


def test_expected_launch_delay_counts_only_what_float_cannot_absorb():
    """Does a risk on a task with 13 days of float stop counting its full delay?"""
    reg = RiskRegister(
        [
            {"id": "R1", "description": "certification", "impact": 4, "probability": 0.35,
             "schedule_days": 15, "task": "payments"},
            {"id": "R2", "description": "fraud rules too strict", "impact": 3,
             "probability": 0.55, "schedule_days": 4, "task": "fraud"},
            {"id": "R3", "description": "fraud vendor late", "impact": 3, "probability": 0.5,
             "schedule_days": 20, "task": "fraud"},
            {"id": "R4", "description": "no task named", "impact": 2, "likelihood": 3,
             "schedule_days": 5},
            {"id": "R5", "description": "closed", "impact": 2, "probability": 0.9,
             "schedule_days": 30, "task": "payments", "status": "closed"},
        ]
    )
    plan = _launch_plan()
    assert plan.timings["fraud"].slack == pytest.approx(13)
    # R1 on the critical path: 0.35 x 15. R2: 4 days inside 13 of float, nothing. R3: 20 - 13
    # = 7 days get through. R4 names no task, so it counts in full (band midpoint 0.4 x 5).
    # R5 is closed.
    expected = 0.35 * 15 + 0 + 0.5 * 7 + 0.4 * 5
    assert reg.expected_launch_delay(plan) == pytest.approx(expected) == pytest.approx(10.75)
    assert reg.expected_schedule_impact == pytest.approx(0.35 * 15 + 0.55 * 4 + 0.5 * 20 + 2)
    assert reg["R2"].task == "fraud" and reg.rows(by="id")[3]["task"] is None


def test_a_risk_on_an_unknown_task_names_the_risk_and_the_plan_tasks():
    reg = RiskRegister(
        [{"id": "R1", "description": "x", "impact": 3, "probability": 0.5, "task": "payment"}]
    )
    with pytest.raises(CalculationError, match=r"'R1' names task 'payment'.*payments") as info:
        reg.expected_launch_delay(_launch_plan())
    assert info.value.parameter == "task"


@pytest.mark.parametrize("task", ["", "  ", 7])
def test_a_risk_task_must_be_a_name(task):
    with pytest.raises(CalculationError) as info:
        Risk(id="X", description="x", impact=3, probability=0.5, task=task)
    assert info.value.parameter == "task"


@pytest.mark.parametrize(
    ("p", "score"), [(0.0, 1), (0.1, 1), (0.25, 2), (0.5, 3), (0.7, 4), (0.9, 5)]
)
def test_probability_bands(p, score):
    assert likelihood_from_probability(p) == score


@pytest.mark.parametrize(
    ("kwargs", "parameter"),
    [
        ({"probability": 1.2, "impact": 3}, "probability"),
        ({"probability": -0.1, "impact": 3}, "probability"),
        ({"likelihood": 6, "impact": 3}, "likelihood"),
        ({"likelihood": 2, "impact": 0}, "impact"),
        ({"impact": 3}, "likelihood"),
        ({"likelihood": 2, "impact": 3, "schedule_days": -4}, "schedule_days"),
        ({"likelihood": 2, "impact": 3, "status": "maybe"}, "status"),
    ],
)
def test_bad_risks_name_the_field(kwargs, parameter):
    with pytest.raises(CalculationError) as info:
        Risk(id="X", description="x", **kwargs)
    assert info.value.parameter == parameter


FEATURES = [
    {"name": "SSO", "reach": 500, "impact": 2, "confidence": "80%", "effort": 2},
    {"name": "Dark mode", "reach": 2000, "impact": 0.5, "confidence": 1.0, "effort": 1},
    {"name": "Export", "reach": 300, "impact": 3, "confidence": 0.5, "effort": 0.5},
]


def test_rice_scores_and_ranking():
    table = rice(FEATURES)
    assert table.scores == pytest.approx({"SSO": 400, "Dark mode": 1000, "Export": 900})
    assert table.ranking == ["Dark mode", "Export", "SSO"]
    assert table.rows()[0]["rank"] == 1
    assert "Dark mode" in table.summary() and "<table>" in table._repr_html_()


def test_rice_sensitivity_finds_the_close_pair_only():
    changes = rice(FEATURES).sensitivity(0.2)
    # Dark mode (1000) and Export (900) are 11% apart: a 20% move of any input swaps them;
    # SSO (400) is never reached.
    assert {(c.item, c.field) for c in changes} == {
        (item, f)
        for item in ("Dark mode", "Export")
        for f in ("reach", "impact", "confidence", "effort")
    }
    assert all(c.swapped_with in (("Export",), ("Dark mode",)) for c in changes)
    assert rice(FEATURES).sensitivity(0.05) == []  # 5% is not enough


def test_wsjf_arithmetic():
    table = wsjf(
        [
            {
                "name": "Billing",
                "business_value": 8,
                "time_criticality": 13,
                "risk_reduction": 3,
                "job_size": 8,
            },
            {"name": "Search", "value": 13, "time_criticality": 3, "rr_oe": 5, "size": 3},
        ]
    )
    assert table.scores == {"Billing": 3.0, "Search": 7.0}
    assert table.ranking == ["Search", "Billing"]


@pytest.mark.parametrize(
    ("items", "parameter"),
    [
        ([{**FEATURES[0], "effort": 0}], "effort"),
        ([{**FEATURES[0], "reach": -5}], "reach"),
        ([{**FEATURES[0], "confidence": 80}], "confidence"),
        ([{"name": "X", "reach": 1, "impact": 1, "confidence": 1}], "effort"),
        ([FEATURES[0], FEATURES[0]], "name"),
        ([], "items"),
    ],
)
def test_bad_rice_input_names_the_parameter(items, parameter):
    with pytest.raises(CalculationError) as info:
        rice(items)
    assert info.value.parameter == parameter


def test_zero_job_size_in_wsjf_is_refused():
    with pytest.raises(CalculationError, match="job_size is 0"):
        wsjf([{"name": "X", "value": 1, "time_criticality": 1, "rr_oe": 1, "size": 0}])


def test_summaries_print_large_scores_and_long_owners_readably():
    from tpmprep.plan.prioritise import rice
    from tpmprep.plan.risk import Risk, RiskRegister

    table = rice(
        [
            {"name": "cards", "reach": 200_000, "impact": 2, "confidence": 0.8, "effort": 2},
            {"name": "wallets", "reach": 90_000, "impact": 1, "confidence": 1.0, "effort": 3},
        ]
    )
    text = table.summary()
    assert "e+" not in text and "160,000" in text

    owner = "payments platform lead"
    register = RiskRegister(
        [Risk("R1", "Card network certification slips", 3, 4, owner=owner)]
    )
    row = register.summary().splitlines()[2]
    assert f"{owner} Card network" in row
