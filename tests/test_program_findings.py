"""The program checker: a small planted plan per finding kind, clean plans, Monte Carlo, exposure.

Every plan below starts from ``launch_plan``: the planted work plus the seven launch gates
(zero people, of an unmanaged ``program`` team) before a launch milestone, so that only the
planted problem is found.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tpmprep.exceptions import CalculationError, DocumentError, ScheduleError
from tpmprep.plan.exposure import expected_launch_delay, launch_delay
from tpmprep.plan.findings import FINDING_KINDS, check_program
from tpmprep.plan.gates import RULES

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "docs" / "examples"


def launch_plan(work, *, teams=None, risks=(), start=None, skip=(), launch=True):
    """Work tasks plus every launch gate (except ``skip``) before a launch milestone."""
    gates = [
        {"name": req.gate, "team": "program", "people": 0, "duration": 1, "gate": req.gate}
        for req in RULES["launch"].gates
        if req.gate not in skip
    ]
    tasks = [*work, *gates]
    if launch:
        tasks.append(
            {
                "name": "launch",
                "team": "program",
                "people": 0,
                "duration": 0,
                "milestone": "launch",
                "depends_on": [t["name"] for t in tasks],
            }
        )
    plan = {
        "name": "planted",
        "kind": "launch",
        "teams": {"app": 4, "pay": 2, "program": {}, **(teams or {})},
        "tasks": tasks,
        "risks": list(risks),
    }
    if start:
        plan["start"] = start
    return plan


def only(report, kind):
    assert report.kinds == [kind], [str(f) for f in report.findings]
    return report.findings


def test_a_clean_plan_has_no_findings():
    report = check_program(launch_plan([{"name": "build", "team": "app", "duration": 5}]))
    assert report.ok
    assert report.findings == []
    assert report.finish_days == 5
    assert report.critical_path == ["build", "launch"]


@pytest.mark.parametrize("name", ["program-launch", "program-migration"])
def test_the_documented_clean_examples_have_no_findings(name):
    report = check_program(EXAMPLES / f"{name}.yaml")
    assert report.ok, [str(f) for f in report.findings]


def test_the_documented_example_with_findings_has_them():
    report = check_program(EXAMPLES / "program-findings.yaml")
    assert report.kinds == [
        "over-allocated",
        "unowned-dependency",
        "missing-gate",
        "no-rollback-path",
        "unmitigated-risk",
    ]


# ---------------------------------------------------------------------------- cycle
def test_a_cycle_is_found_and_every_other_finding_still_is():
    plan = launch_plan(
        [
            {"name": "a", "team": "app", "duration": 2, "depends_on": ["b"]},
            {"name": "b", "team": "app", "duration": 2, "depends_on": ["a"]},
            {"name": "c", "team": "pay", "duration": 2, "depends_on": ["a"]},  # no owner
        ],
        skip=("uat",),
        risks=[{"name": "r", "task": "c", "probability": 0.5, "impact": 10}],
    )
    report = check_program(plan)
    assert report.kinds == ["cycle", "unowned-dependency", "missing-gate", "unmitigated-risk"]
    (cycle,) = report.by_kind("cycle")
    assert cycle.subject == "a -> b -> a"
    assert "a and b wait for each other" in cycle.detail
    assert "cannot be scheduled" in cycle.detail
    assert report.by_kind("missing-gate")[0].subject == "uat"
    assert not report.schedulable
    assert (report.finish_days, report.p85_days, report.critical_path) == (None, None, [])
    data = report.to_dict()
    assert (data["critical_path"], data["finish_days"], data["p85_days"]) == ([], None, None)
    # without a schedule, the risk counts its full impact
    assert "delay c by 10 working days" in report.by_kind("unmitigated-risk")[0].detail
    with pytest.raises(ScheduleError, match="cannot be scheduled"):
        report.load("app")


def test_a_task_waiting_for_itself_is_a_cycle():
    report = check_program(
        launch_plan([{"name": "a", "team": "app", "duration": 2, "depends_on": ["a"]}])
    )
    (finding,) = only(report, "cycle")
    assert finding.subject == "a -> a"
    assert "a waits for itself" in finding.detail


# ---------------------------------------------------------------------------- unknown dependency
def test_an_unknown_dependency_names_both_tasks_and_the_likely_typo():
    plan = launch_plan(
        [
            {"name": "api-contract", "team": "app", "duration": 2},
            {"name": "app-ui", "team": "app", "duration": 2, "depends_on": ["api-contrct"]},
        ]
    )
    report = check_program(plan)
    (finding,) = only(report, "unknown-dependency")
    assert finding.subject == "api-contrct -> app-ui"
    assert "not a task of the plan (a typo for api-contract?)" in finding.detail
    assert report.finish_days is None


# ---------------------------------------------------------------------------- over-allocated
def test_over_allocation_names_the_days_the_excess_and_the_levelling_cost():
    # app has 4 people: a needs 3 for days 0-9, b needs 2 for days 0-4: 5 at once.
    # Levelling keeps a (no float) and moves b after it: 10 -> 15 days.
    plan = launch_plan(
        [
            {"name": "a", "team": "app", "people": 3, "duration": 10},
            {"name": "b", "team": "app", "people": 2, "duration": 5},
        ],
        start="2027-03-01",
    )
    report = check_program(plan)
    (finding,) = only(report, "over-allocated")
    assert finding.subject == "app"
    assert "needs up to 5 people at once on days 0-4 (2027-03-01 to 2027-03-05)" in finding.detail
    assert "has 4 (1 over at the peak)" in finding.detail
    assert "from day 10 to day 15 (+5 working days)" in finding.detail
    assert report.finish_days == 10
    assert report.levelled_finish_days == 15
    assert report.levelled_starts["b"] == 10


def test_levelling_that_fits_in_the_float_costs_nothing():
    # a (3 people, days 0-3) then c (1 person, days 4-7); b (2 people, 2 days, 6 days of float)
    # overlaps a, but fits beside c: levelling moves b to day 4 and the finish stays at 8.
    plan = launch_plan(
        [
            {"name": "a", "team": "app", "people": 3, "duration": 4},
            {"name": "c", "team": "app", "people": 1, "duration": 4, "depends_on": ["a"]},
            {"name": "b", "team": "app", "people": 2, "duration": 2},
        ]
    )
    report = check_program(plan)
    (finding,) = only(report, "over-allocated")
    assert "on days 0-1, but has 4" in finding.detail
    assert "fits in the float: the finish stays at day 8" in finding.detail
    assert report.levelled_starts["b"] == 4


def test_a_task_bigger_than_its_team_is_named():
    plan = launch_plan([{"name": "big", "team": "pay", "people": 3, "duration": 2}])
    findings = only(check_program(plan), "over-allocated")
    assert [f.subject for f in findings] == ["big", "pay"]
    assert "big alone needs 3 people of pay, which has 2" in findings[0].detail


def test_a_team_without_people_is_never_over_allocated():
    plan = launch_plan(
        [{"name": "v", "team": "vendor", "people": 40, "duration": 2}], teams={"vendor": {}}
    )
    assert check_program(plan).ok


def test_weekly_load_is_the_peak_of_each_week():
    plan = launch_plan(
        [
            {"name": "a", "team": "app", "people": 3, "duration": 10},
            {"name": "b", "team": "app", "people": 2, "duration": 5},
        ]
    )
    report = check_program(plan)
    assert report.weeks == 3  # the levelled plan takes 15 days
    assert report.weekly_load()["app"] == [5, 3, 0]
    assert report.weekly_load(levelled=True)["app"] == [3, 3, 2]


# ---------------------------------------------------------------------------- unowned dependency
@pytest.mark.parametrize(
    ("dependency", "missing"),
    [
        ("api", "no owner and no agreed date"),
        ({"task": "api", "owner": "ana"}, "no agreed date"),
        ({"task": "api", "agreed": "2027-03-08"}, "no owner"),
    ],
)
def test_a_cross_team_dependency_needs_an_owner_and_a_date(dependency, missing):
    plan = launch_plan(
        [
            {"name": "api", "team": "app", "duration": 5},
            {"name": "integration", "team": "pay", "duration": 5, "depends_on": [dependency]},
        ]
    )
    (finding,) = only(check_program(plan), "unowned-dependency")
    assert finding.subject == "api -> integration"
    assert f"integration (pay) waits for api (app), and the hand-over has {missing}:" in (
        finding.detail
    )


def test_owned_same_team_and_milestone_dependencies_are_fine():
    plan = launch_plan(
        [
            {"name": "api", "team": "app", "duration": 5},
            {"name": "ui", "team": "app", "duration": 5, "depends_on": ["api"]},
            {
                "name": "integration",
                "team": "pay",
                "duration": 5,
                "depends_on": [{"task": "api", "owner": "ana", "agreed": "2027-03-08"}],
            },
        ]
    )
    assert check_program(plan).ok  # the launch milestone waits for every team: not a hand-over


# ---------------------------------------------------------------------------- agreed dates
def _agreed(date):
    return launch_plan(
        [
            {"name": "api", "team": "app", "duration": 5},
            {
                "name": "integration",
                "team": "pay",
                "duration": 5,
                "depends_on": [{"task": "api", "owner": "ana", "agreed": date}],
            },
        ],
        start="2027-03-01",
    )


def test_a_plan_that_starts_before_the_agreed_date_is_caught():
    # api is ready on day 5 (Monday 2027-03-08); the hand-over is agreed for Wednesday.
    (finding,) = only(check_program(_agreed("2027-03-10")), "agreed-date-conflict")
    assert finding.subject == "api -> integration"
    assert "integration is scheduled to start on 2027-03-08 (day 5)" in finding.detail
    assert "counts on it 2 working days before app agreed to hand it over" in finding.detail


def test_a_plan_that_delivers_after_the_agreed_date_is_caught():
    (finding,) = only(check_program(_agreed("2027-03-05")), "agreed-date-conflict")
    assert "api is ready on 2027-03-08 (day 5)" in finding.detail
    assert "1 working day after the 2027-03-05 agreed with pay" in finding.detail


def test_an_agreed_date_that_matches_the_plan_is_fine():
    assert check_program(_agreed("2027-03-08")).ok
    no_start = _agreed("2027-03-10")
    del no_start["start"]
    assert check_program(no_start).ok  # without a start there is no date to compare


# ---------------------------------------------------------------------------- gates
def test_a_missing_milestone_is_named():
    (finding,) = only(check_program(launch_plan([], launch=False)), "missing-milestone")
    assert finding.subject == "launch"
    assert "No task is marked milestone: launch" in finding.detail


def test_each_missing_launch_gate_is_named():
    report = check_program(launch_plan([], skip=("uat", "comms_plan")))
    findings = only(report, "missing-gate")
    assert [f.subject for f in findings] == ["uat", "comms_plan"]
    assert "no user acceptance testing gate (a task with gate: uat)" in findings[0].detail


def test_a_bare_launch_plan_misses_all_seven_gates_in_order():
    plan = {
        "name": "bare",
        "kind": "launch",
        "teams": {"app": 2},
        "tasks": [{"name": "ship", "team": "app", "duration": 1, "milestone": "launch"}],
    }
    subjects = [f.subject for f in only(check_program(plan), "missing-gate")]
    assert subjects == [
        "security_review", "privacy_review", "qa", "uat", "launch_readiness",
        "rollback_plan", "comms_plan",
    ]


def test_a_gate_after_the_launch_is_caught():
    plan = launch_plan([], skip=("qa",))
    plan["tasks"].append(
        {"name": "qa-pass", "team": "program", "duration": 2, "gate": "qa",
         "depends_on": ["launch"]}
    )
    (finding,) = only(check_program(plan), "gate-after-launch")
    assert finding.subject == "qa-pass"
    assert "qa-pass (QA) comes after launch" in finding.detail


def test_a_gate_the_launch_does_not_wait_for_is_caught():
    plan = launch_plan([], skip=("qa",))
    plan["tasks"].insert(0, {"name": "qa", "team": "program", "duration": 2, "gate": "qa"})
    (finding,) = only(check_program(plan), "gate-after-launch")
    assert "qa is not on any path into launch: launch does not wait for it" in finding.detail


def test_one_gate_of_a_kind_before_the_launch_is_enough():
    plan = launch_plan([])
    plan["tasks"].append(
        {"name": "post-launch-qa", "team": "program", "duration": 2, "gate": "qa",
         "depends_on": ["launch"]}
    )
    assert check_program(plan).ok


def test_a_rollback_plan_after_the_launch_leaves_no_rollback_path():
    plan = launch_plan([], skip=("rollback_plan",))
    plan["tasks"].append(
        {"name": "rollback", "team": "program", "duration": 1, "gate": "rollback_plan",
         "depends_on": ["launch"]}
    )
    (finding,) = only(check_program(plan), "no-rollback-path")
    assert finding.subject == "rollback"
    assert "the launch can be undone" in finding.detail


def migration(decommission_after):
    tasks = [
        {"name": "shadow", "team": "db", "duration": 5, "gate": "shadow_read"},
        {"name": "backfill", "team": "db", "duration": 5, "gate": "backfill"},
        {"name": "verify", "team": "db", "duration": 2, "gate": "verification",
         "depends_on": ["shadow", "backfill"]},
        {"name": "rollback", "team": "db", "duration": 1, "gate": "rollback_plan"},
        {"name": "cutover", "team": "db", "duration": 1, "milestone": "cutover",
         "depends_on": ["verify", "rollback"]},
        {"name": "decommission", "team": "db", "duration": 3, "gate": "decommission",
         "depends_on": decommission_after},
    ]
    return {"name": "m", "kind": "migration", "teams": {"db": 3}, "tasks": tasks}


def test_a_migration_with_shadow_reads_and_decommission_after_cutover_is_clean():
    report = check_program(migration(["cutover"]))
    assert report.ok
    assert report.milestones == {"cutover": 7}  # shadow and backfill side by side, then verify


def test_a_decommission_not_after_the_cutover_leaves_no_rollback_path():
    (finding,) = only(check_program(migration(["verify"])), "no-rollback-path")
    assert finding.subject == "decommission"
    assert "decommission is not after cutover" in finding.detail
    assert "no way back" in finding.detail


def test_a_migration_without_its_cutover_milestone():
    plan = migration(["verify"])
    plan["tasks"][4].pop("milestone")
    report = check_program(plan)
    assert report.kinds == ["missing-milestone"]  # cutover itself is not also a missing gate
    assert report.findings[0].subject == "cutover"


# ---------------------------------------------------------------------------- risks
def _risky(risk, work=None):
    work = work or [
        {"name": "long", "team": "app", "duration": 20},
        {"name": "short", "team": "pay", "duration": 7},  # 13 days of float
    ]
    return launch_plan(work, risks=[risk])


def test_a_high_risk_without_owner_or_mitigation_is_caught():
    report = check_program(_risky({"name": "psp", "task": "long", "probability": 0.3,
                                   "impact": 10, "mitigation": "second PSP"}))
    (finding,) = only(report, "unmitigated-risk")
    assert finding.subject == "psp"
    assert "probability 0.3 x impact 10 days = 3.0 days, above the 2-day threshold" in (
        finding.detail
    )
    assert "with no owner;" in finding.detail
    assert "long has 0 days of float, so if it happens the finish moves by 10" in finding.detail


def test_risk_exposure_respects_float():
    report = check_program(_risky({"name": "late", "task": "short", "probability": 0.5,
                                   "impact": 10}))
    (finding,) = only(report, "unmitigated-risk")
    assert "short has 13 days of float, so if it happens the finish moves by 0" in finding.detail
    (exposure,) = report.exposures
    assert (exposure.total_float, exposure.launch_delay, exposure.expected_delay) == (13, 0, 0)
    assert exposure.exposure == 5.0


@pytest.mark.parametrize(
    "risk",
    [
        {"name": "edge", "task": "long", "probability": 0.2, "impact": 10},  # exactly 2: not above
        {"name": "owned", "task": "long", "probability": 0.5, "impact": 10, "owner": "ana",
         "mitigation": "a second supplier"},
    ],
)
def test_low_or_owned_and_mitigated_risks_are_fine(risk):
    assert check_program(_risky(risk)).ok


def test_the_risk_threshold_is_a_parameter():
    plan = _risky({"name": "edge", "task": "long", "probability": 0.2, "impact": 10})
    assert check_program(plan, risk_threshold=1.5).kinds == ["unmitigated-risk"]


@pytest.mark.parametrize(
    ("impact", "slack", "delay"), [(10, 13, 0), (10, 3, 7), (10, 0, 10), (0, 5, 0)]
)
def test_launch_delay_is_impact_beyond_float(impact, slack, delay):
    assert launch_delay(impact, slack) == delay
    assert expected_launch_delay(0.5, impact, slack) == delay / 2


@pytest.mark.parametrize("bad", [-1, float("nan"), "soon", True])
def test_launch_delay_rejects_bad_days(bad):
    with pytest.raises(CalculationError, match="impact"):
        launch_delay(bad, 3)


# ---------------------------------------------------------------------------- Monte Carlo
def test_monte_carlo_percentiles_match_the_beta_pert_distribution():
    # One task [2, 2, 12]: beta-PERT is 2 + 10 * Beta(1, 5), whose CDF is 1 - (1 - x)^5, so
    # P50 = 2 + 10 * (1 - 0.5 ** 0.2) = 3.29 and P85 = 2 + 10 * (1 - 0.15 ** 0.2) = 5.16.
    plan = launch_plan([{"name": "build", "team": "app", "duration": [2, 2, 12]}])
    report = check_program(plan)
    assert report.finish_days == 2  # most likely
    assert report.p50_days == pytest.approx(3.29, abs=0.15)
    assert report.p85_days == pytest.approx(5.16, abs=0.15)


def test_monte_carlo_is_seeded():
    plan = check_program(EXAMPLES / "program-launch.yaml").program
    assert check_program(plan).p85_days == check_program(plan).p85_days
    other = check_program(plan, seed=7).p85_days
    assert other == pytest.approx(check_program(plan).p85_days, rel=0.02)


def test_single_point_durations_have_no_spread():
    report = check_program(launch_plan([{"name": "build", "team": "app", "duration": 6}]))
    assert report.p50_days == report.p85_days == report.finish_days == 6


# ---------------------------------------------------------------------------- output
def test_the_json_has_the_documented_keys():
    report = check_program(EXAMPLES / "program-findings.yaml")
    data = json.loads(json.dumps(report.to_dict()))
    assert {"critical_path", "finish_days", "p85_days", "findings"} <= set(data)
    assert data["finish_date"] == "2027-03-29"
    assert data["milestones"] == {"launch": {"day": 18.0, "date": "2027-03-25"}}
    assert all(set(f) == {"kind", "subject", "detail"} for f in data["findings"])
    assert {f["kind"] for f in data["findings"]} <= set(FINDING_KINDS)


def test_text_and_markdown_name_every_finding():
    report = check_program(EXAMPLES / "program-findings.yaml")
    text, markdown = report.summary(), report.markdown()
    for f in report.findings:
        assert f.subject in text
        assert f.kind in markdown
    assert "Critical path: api-contract -> payments-integration" in text
    assert "No findings." in check_program(EXAMPLES / "program-launch.yaml").summary()


def test_a_malformed_file_is_rejected_cleanly(tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_text("name: x\nkind: launch\nteams: {a: 1}\ntasks: [{name: t, team: a}]\n")
    with pytest.raises(DocumentError) as info:
        check_program(path)
    assert info.value.problems == [f"{path}: tasks[0].duration: required but missing"]
