"""Program artefacts: the status report (RAG, forecast, escalations) and the roadmap by quarter.

The small plan: ``a`` (app, 4 days) then ``b`` (pay, 6 days) and ``c`` (app, 2 days, so 4 days
of float), then the launch at day 10. Expected values are worked out in each test.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tpmprep.exceptions import DocumentError, InputError
from tpmprep.plan.findings import check_program
from tpmprep.plan.roadmap import QUARTER_DAYS, Roadmap, roadmap
from tpmprep.plan.status import load_progress, status_report

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "docs" / "examples"


def small(start=None):
    plan = {
        "name": "small",
        "kind": "launch",
        "teams": {"app": 2, "pay": 2, "program": {}},
        "tasks": [
            {"name": "a", "team": "app", "duration": 4},
            {"name": "b", "team": "pay", "duration": 6,
             "depends_on": [{"task": "a", "owner": "ana", "agreed": "2027-03-05"}]},
            {"name": "c", "team": "app", "duration": 2, "depends_on": ["a"]},
            {"name": "launch", "team": "program", "people": 0, "duration": 0,
             "milestone": "launch", "depends_on": ["b", "c"]},
        ],
    }
    if start:
        plan["start"] = start
    return plan


def by_task(status):
    return {t.task: t for t in status.tasks}


def test_a_slip_beyond_float_is_red_and_escalated():
    # Day 6: b is 25% done, so 0.75 x 6 = 4.5 days remain: it ends at 10.5 against 10 planned,
    # 0.5 late with no float (red). c has not started: it starts today and ends at 8 against
    # 6 planned, 2 late within its 4 days of float (amber). The launch waits for b: red,
    # pushed by b.
    status = status_report(small(), {"as_of": 6, "tasks": {"a": 100, "b": 25}})
    t = by_task(status)
    assert (t["b"].forecast_finish, t["b"].slip, t["b"].rag) == (10.5, 0.5, "red")
    assert (t["c"].forecast_finish, t["c"].slip, t["c"].rag) == (8, 2, "amber")
    assert (t["launch"].rag, t["launch"].cause) == ("red", "b")
    assert t["a"].rag == "green"
    assert status.forecast_finish == 10.5
    assert status.slip == 0.5
    assert status.rag == "red"
    assert [x.task for x in status.escalations] == ["b"]  # not the launch, which b pushes
    assert status.escalation_lines() == [
        "b (pay) is forecast to finish day 10.5, 0.5 working days late against no "
        "float: on its own it moves the finish by 0.5 working days."
    ]
    assert status.watch_lines() == [
        "c (app) is forecast 2 working days late, within its 4 working days of float "
        "(2 working days left)."
    ]


def test_workstreams_weigh_progress_by_person_days():
    status = status_report(small(), {"as_of": 6, "tasks": {"a": 100, "b": 25}})
    rows = {w.name: w for w in status.workstreams}
    # app: a (4 person-days, 100% done, 100% planned) and c (2, 0% done, 100% planned)
    assert rows["app"].done == pytest.approx(400 / 6)
    assert rows["app"].planned == pytest.approx(100)
    assert rows["app"].rag == "amber"
    # pay: b (6 person-days) 25% done, (6 - 4) / 6 = 33% planned
    assert rows["pay"].done == pytest.approx(25)
    assert rows["pay"].planned == pytest.approx(100 / 3)
    assert rows["pay"].rag == "red"
    assert rows["program"].worst.task == "launch"
    assert [w.name for w in status.workstreams] == ["app", "pay", "program"]


def test_a_re_estimate_overrides_the_percentage():
    # b half done but only 1 day left: it ends at 7, 3 days early; c still ends at 8.
    status = status_report(
        small(), {"as_of": 6, "tasks": {"a": 100, "b": {"done": 50, "remaining": 1}}}
    )
    t = by_task(status)
    assert (t["b"].forecast_finish, t["b"].rag) == (7, "green")
    assert status.forecast_finish == 8
    assert status.slip == 0
    assert status.rag == "amber"  # c uses float, nothing moves the launch
    assert status.escalations == []
    assert "on plan" in status.headline()


def test_everything_done_is_green():
    status = status_report(
        small(), {"as_of": 10, "tasks": {"a": 100, "b": 100, "c": 100, "launch": 100}}
    )
    assert status.rag == "green"
    assert status.forecast_finish == 10


def test_dates_with_a_start():
    # 2027-03-01 is a Monday: 2027-03-09 is working day 6.
    status = status_report(
        small(start="2027-03-01"), {"as_of": "2027-03-09", "tasks": {"a": 100, "b": 25}}
    )
    assert status.as_of == 6
    assert status.escalation_lines()[0].startswith(
        "b (pay) is forecast to finish 2027-03-16 (day 10.5)"
    )
    assert status.to_dict()["forecast_finish_date"] == "2027-03-16"
    assert status.text().startswith("Status: small, as of 2027-03-09 (day 6)\nRED: ")
    assert "| pay | RED | 25% | 33% | b | 0.5 | 0 |" in status.markdown()


def test_the_documented_example_escalates_the_root_cause():
    status = status_report(EXAMPLES / "program-launch.yaml", EXAMPLES / "program-progress.yaml")
    assert [t.task for t in status.escalations] == ["payments-integration", "checkout-backend"]
    assert status.slip == 7
    assert by_task(status)["end-to-end-qa"].cause == "payments-integration"


@pytest.mark.parametrize(
    ("progress", "line"),
    [
        ({"as_of": 6, "tasks": {"z": 10}}, "progress: tasks.z: not a task of small"),
        ({"as_of": "2027-03-09"}, "progress: as_of: small has no start date"),
        ({"as_of": 6, "tasks": {"a": 120}}, "<dict>: tasks.a.done: Input should be less than"),
        ({"as_of": -1}, "<dict>: as_of: a working day number must be >= 0"),
        ({"as_of": 6, "tasks": {"a": {"done": 5, "eta": 3}}}, "<dict>: tasks.a.eta: unknown"),
        ({"tasks": {}}, "<dict>: as_of: required but missing"),
    ],
)
def test_bad_progress_is_one_line_per_problem(progress, line):
    with pytest.raises(DocumentError) as info:
        status_report(small(), progress)
    assert len(info.value.problems) == 1
    assert info.value.problems[0].startswith(line)


def test_a_plan_that_cannot_be_scheduled_has_no_status():
    plan = small()
    plan["tasks"][0]["depends_on"] = ["c"]
    with pytest.raises(DocumentError, match="cannot be scheduled"):
        status_report(plan, {"as_of": 1})


def test_progress_reads_yaml_text():
    progress = load_progress("as_of: 3\ntasks:\n  a: 50\n  b: {done: 10, note: late}\n")
    assert progress.tasks["a"].done == 50
    assert progress.tasks["b"].note == "late"


# ---------------------------------------------------------------------------- roadmap
def test_a_capacity_cut_shows_as_over_commitment():
    # 13-week quarters. search has 3 people, cut to 2 in Q3: search-v2 (3 people, Q2-Q3)
    # asks 3 x 13 = 39 person-weeks of each quarter against 39 (Q2) and 26 (Q3).
    plan = Roadmap.from_items(
        [
            {"name": "search-v2", "team": "search", "people": 3, "quarters": ["Q2", "Q3"],
             "okr": "O1"},
            {"name": "ads-bidding", "team": "ads", "people": 4, "quarter": "Q1"},
        ],
        {"search": 3, "ads": 3},
        capacity={"search": {"Q3": 2}},
    )
    loads = {(x.team, x.quarter): x for x in plan.loads()}
    assert (loads["search", "Q2"].demand, loads["search", "Q2"].capacity) == (39, 39)
    assert (loads["search", "Q3"].demand, loads["search", "Q3"].capacity) == (39, 26)
    assert [(x.team, x.quarter) for x in plan.over()] == [("search", "Q3"), ("ads", "Q1")]
    assert [i.name for i in plan.items_in("Q3")] == ["search-v2"]
    assert "39 / 26*" in plan.text()
    assert "39 / 26 pw **over**" in plan.markdown()


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"capacity": {"seo": {"Q1": 1}}}, "'seo' is not one of the teams"),
        ({"capacity": {"search": {"Q9": 1}}}, "'Q9' is not one of the quarters"),
        ({"capacity": {"search": {"Q1": -1}}}, "people must be a number >= 0"),
    ],
)
def test_bad_roadmap_input_names_the_fix(kwargs, words):
    with pytest.raises(InputError, match=words):
        Roadmap.from_items(
            [{"name": "x", "team": "search", "quarter": "Q1"}], {"search": 3}, **kwargs
        )
    with pytest.raises(InputError, match="give quarter: or quarters:"):
        Roadmap.from_items([{"name": "x", "team": "search", "quarter": "Q5"}], {"search": 3})


def test_a_program_roadmap_uses_calendar_quarters():
    # Start Monday 2027-03-01: 23 working days are left in Q1 2027, 65 in Q2 2027.
    plan = roadmap(EXAMPLES / "program-launch.yaml")
    assert [(q.label, q.start, q.end) for q in plan.quarters] == [
        ("Q1 2027", 0, 23),
        ("Q2 2027", 23, 88),
    ]
    loads = {(x.team, x.quarter): x for x in plan.loads()}
    # checkout in Q1: 2 x 5 + 2 x 8 + 1 x 2 = 28 person-days = 5.6 person-weeks of 4 x 23 / 5
    assert loads["checkout", "Q1 2027"].demand == pytest.approx(5.6)
    assert loads["checkout", "Q1 2027"].capacity == pytest.approx(18.4)
    assert [i.name for i in plan.items_in("Q2 2027")] == ["launch-readiness", "launch"]


def test_a_program_roadmap_without_a_start_uses_13_week_blocks():
    report = check_program(small())
    plan = roadmap(report)
    assert [(q.label, q.start, q.end) for q in plan.quarters] == [("Q1", 0, QUARTER_DAYS)]
    assert "program" not in {x.team for x in plan.loads()}  # not managed: no capacity
