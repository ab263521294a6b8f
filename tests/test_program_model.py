"""The program model: the issue's YAML, Python construction, working-day dates, clean errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tpmprep.exceptions import DocumentError, ScheduleError
from tpmprep.plan.gates import GATE_KINDS, RULES
from tpmprep.plan.program import Program, ProgramTask, load_program

REPO = Path(__file__).resolve().parents[1]

# The issue's example, verbatim (comments included).
ISSUE = (REPO / "tests" / "programs" / "issue-example.yaml").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def issue() -> Program:
    return load_program(ISSUE)


def test_the_issue_example_loads_with_every_field(issue):
    assert (issue.name, issue.kind, issue.start) == ("buy-now-eu", "launch", dt.date(2027, 3, 1))
    assert {k: t.people for k, t in issue.teams.items()} == {
        "checkout": 4,
        "payments": 2,
        "mobile": 3,
    }
    pay = issue.task("payments-integration")
    assert (pay.optimistic, pay.most_likely, pay.pessimistic) == (8, 10, 15)
    assert pay.is_three_point
    (dep,) = pay.depends_on
    assert (dep.task, dep.owner, dep.agreed) == ("api-contract", "ana", dt.date(2027, 3, 8))
    assert issue.task("app-ui").dependency_names == ("api-contract",)
    assert issue.task("security-review").gate == "security_review"
    assert [m.name for m in issue.milestones("launch")] == ["launch"]
    (risk,) = issue.risks
    assert risk.exposure == pytest.approx(3.0)  # 0.3 x 10 days


def test_the_deterministic_schedule_uses_the_most_likely_duration(issue):
    # api-contract 5 -> payments-integration 10 (most likely) -> security-review 3 -> launch
    schedule = issue.schedule()
    assert schedule.duration == 18
    assert schedule.critical_path == [
        "api-contract",
        "payments-integration",
        "security-review",
        "launch",
    ]
    assert schedule.timings["app-ui"].slack == 3  # 5 + 10 = 15, launch at 18


def test_the_three_point_schedule_keeps_the_three_points(issue):
    task = issue.schedule(three_point=True).tasks["payments-integration"]
    assert (task.optimistic, task.most_likely, task.pessimistic) == (8, 10, 15)


def test_dates_count_working_days(issue):
    # 2027-03-01 is a Monday: day 5 is the next Monday, day 18 a Thursday three weeks on.
    assert issue.date_of(0) == dt.date(2027, 3, 1)
    assert issue.date_of(5) == dt.date(2027, 3, 8)
    assert issue.date_of(18) == dt.date(2027, 3, 25)
    assert issue.date_of(4.2) == dt.date(2027, 3, 8)  # part of a day rounds up
    assert issue.day_of(dt.date(2027, 3, 8)) == 5
    assert issue.day_of(dt.date(2027, 3, 6)) == 5  # a Saturday counts as the Monday after


def test_a_weekend_start_begins_on_the_monday():
    program = load_program(ISSUE.replace("start: 2027-03-01", "start: 2027-02-27"))
    assert program.day_zero == dt.date(2027, 3, 1)
    assert program.date_of(5) == dt.date(2027, 3, 8)


def test_no_start_means_no_dates():
    program = load_program(ISSUE.replace("start: 2027-03-01", ""))
    assert program.date_of(5) is None
    with pytest.raises(ScheduleError, match="start"):
        program.day_of(dt.date(2027, 3, 8))


def test_python_construction_is_the_same_model(issue):
    built = Program.build(
        name="buy-now-eu",
        kind="launch",
        start=dt.date(2027, 3, 1),
        teams={"checkout": 4, "payments": 2, "mobile": 3},
        tasks=[
            {"name": "api-contract", "team": "checkout", "people": 2, "duration": 5},
            ProgramTask(
                name="payments-integration",
                team="payments",
                people=2,
                duration=[8, 10, 15],
                depends_on=[{"task": "api-contract", "owner": "ana", "agreed": "2027-03-08"}],
            ),
            {"name": "app-ui", "team": "mobile", "people": 3, "duration": 10,
             "depends_on": "api-contract"},
            {"name": "security-review", "team": "checkout", "people": 1, "duration": 3,
             "gate": "security_review", "depends_on": ["payments-integration"]},
            {"name": "launch", "team": "checkout", "people": 0, "duration": 0,
             "milestone": "launch", "depends_on": ["security-review", "app-ui"]},
        ],
        risks=[{"name": "psp-delay", "task": "payments-integration", "probability": 0.3,
                "impact": 10, "owner": "ana",
                "mitigation": "second PSP contract signed by week 2"}],
    )
    assert built == issue


def test_yaml_round_trip(issue, tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_text(issue.to_yaml(), encoding="utf-8")
    again = load_program(path)
    assert again == issue
    assert "people: 4\n" in issue.to_yaml()  # whole numbers stay whole
    assert "duration: 5\n" in issue.to_yaml()  # a single estimate stays one number


def test_edits_return_new_checked_programs(issue):
    longer = issue.replace_task("app-ui", duration=[10, 14, 20])
    assert longer.task("app-ui").most_likely == 14
    assert issue.task("app-ui").most_likely == 10
    assert longer.schedule().duration == 19  # 5 + 14 now beats 5 + 10 + 3
    more = issue.with_tasks({"name": "qa", "team": "checkout", "duration": 4, "gate": "qa"})
    assert more.task("qa").people == 1  # the default
    with pytest.raises(ScheduleError, match=r"no task 'app-iu'.*did you mean app-ui"):
        issue.replace_task("app-iu", duration=3)
    with pytest.raises(DocumentError, match="appears twice"):
        issue.with_tasks({"name": "qa", "team": "checkout", "duration": 1}, {
            "name": "qa", "team": "checkout", "duration": 1})


def test_cycles_and_unknown_dependencies_load(issue):
    # They are findings of the checker, not load errors.
    program = issue.replace_task("api-contract", depends_on=["launch", "ghost"])
    assert program.task("api-contract").dependency_names == ("launch", "ghost")
    with pytest.raises(ScheduleError):
        program.schedule()


def test_a_vendor_team_without_people_is_allowed():
    program = load_program(ISSUE.replace("mobile: {people: 3}", "mobile: {}"))
    assert program.teams["mobile"].people is None


def test_the_gate_tables_hold_the_issue_names():
    launch = {g for req in RULES["launch"].gates for g in req.accepts}
    migration = {g for req in RULES["migration"].gates for g in req.accepts}
    assert launch == {
        "security_review", "privacy_review", "qa", "uat", "launch_readiness",
        "rollback_plan", "comms_plan",
    }
    assert migration == {
        "dual_write", "shadow_read", "backfill", "verification", "cutover", "rollback_plan",
        "decommission",
    }
    assert (RULES["launch"].milestone, RULES["migration"].milestone) == ("launch", "cutover")
    assert launch | migration <= set(GATE_KINDS)
    decommission = next(r for r in RULES["migration"].gates if r.gate == "decommission")
    assert decommission.order == "after"


# ---------------------------------------------------------------------------- errors
def _problems(text: str) -> list[str]:
    with pytest.raises(DocumentError) as info:
        load_program(text, name="plan.yaml")
    return info.value.problems


BASE = "name: p\nkind: launch\nteams: {a: 2}\ntasks:\n"


@pytest.mark.parametrize(
    ("task", "where", "words"),
    [
        ("{name: t, team: a, duration: [3, 2, 1]}", "tasks[0].duration", "out of order"),
        ("{name: t, team: a, duration: [1, 2]}", "tasks[0].duration", "got 2 numbers"),
        ("{name: t, team: a, duration: -1}", "tasks[0].duration", "negative"),
        ("{name: t, team: a, duration: true}", "tasks[0].duration", "one number"),
        ("{name: t, team: a, duration: 1, people: -1}", "tasks[0].people", "greater than"),
        ("{name: t, team: a, duration: 1, people: yes}", "tasks[0].people", "not True"),
        ("{name: t, team: a, duration: 1, colour: red}", "tasks[0].colour", "unknown field"),
        ("{name: t, team: a}", "tasks[0].duration", "missing"),
        (
            "{name: t, team: a, duration: 1, gate: security-review}",
            "tasks[0].gate",
            "did you mean security_review",
        ),
        ("{name: t, team: a, duration: 1, milestone: golive}", "tasks[0].milestone", "cutover"),
        (
            "{name: t, team: a, duration: 1, depends_on: [{task: u, agreed: soon}]}",
            "tasks[0].depends_on[0].agreed",
            "date",
        ),
        ("{name: t, team: b, duration: 1}", "tasks[0].team", "'b' is not one of the teams (a)"),
    ],
)
def test_each_bad_field_is_one_line_naming_the_file_and_field(task, where, words):
    problems = _problems(BASE + f"  - {task}\n")
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"plan.yaml: {where}: "), problems[0]
    assert words in problems[0]


def test_every_problem_is_reported_at_once():
    problems = _problems(
        "name: p\nkind: lunch\nteams: {a: 2}\ntasks:\n"
        "  - {name: t, team: a, duration: [3, 2, 1]}\n"
        "  - {name: u, team: a, duration: 1, gate: qa_review}\n"
    )
    assert [p.split(": ")[1] for p in problems] == [
        "kind",
        "tasks[0].duration",
        "tasks[1].gate",
    ]


def test_cross_references_are_checked_together():
    problems = _problems(
        BASE
        + "  - {name: t, team: a, duration: 1}\n"
        + "  - {name: t, team: paymnts, duration: 1}\n"
        + "risks:\n  - {name: r, task: ghost, probability: 0.5, impact: 3}\n"
        + "  - {name: r, probability: 0.5, impact: 3}\n"
    )
    assert problems == [
        "plan.yaml: tasks[1].name: task 't' appears twice; task names must be unique",
        "plan.yaml: tasks[1].team: task 't': 'paymnts' is not one of the teams (a); add it "
        "under teams: or fix the spelling",
        "plan.yaml: risks[0].task: risk 'r': 'ghost' is not a task of the plan; name the task "
        "this risk would delay",
        "plan.yaml: risks[1].name: risk 'r' appears twice; risk names must be unique",
    ]


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [("probability", "1.5", "less than or equal to 1"), ("impact", "-2", "greater than")],
)
def test_risk_numbers_are_checked(field, value, words):
    risk = {"probability": "0.5", "impact": "3", field: value}
    numbers = ", ".join(f"{k}: {v}" for k, v in risk.items())
    problems = _problems(
        BASE + "  - {name: t, team: a, duration: 1}\n" + f"risks:\n  - {{name: r, {numbers}}}\n"
    )
    assert len(problems) == 1
    assert problems[0].startswith(f"plan.yaml: risks[0].{field}: ")
    assert words in problems[0]


def test_empty_teams_or_tasks_are_named():
    assert _problems("name: p\nkind: launch\nteams: {}\ntasks: []\n") == [
        "plan.yaml: teams: no teams; list each team with its people",
        "plan.yaml: tasks: no tasks; a program needs at least one task",
    ]


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("name: [unclosed\n", "YAML syntax error"),
        ("- just\n- a list\n", "this file is a list"),
        ("", "this file is empty"),
    ],
)
def test_an_unreadable_file_is_one_clean_line(tmp_path, content, words):
    path = tmp_path / "plan.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DocumentError) as info:
        load_program(path)
    assert len(info.value.problems) == 1
    assert info.value.problems[0].startswith(f"{path}: ")
    assert words in info.value.problems[0]


def test_a_missing_file_names_the_path(tmp_path):
    with pytest.raises(DocumentError, match=r"nope\.yaml: file: not found"):
        load_program(tmp_path / "nope.yaml")


def test_the_documented_examples_load():
    for name in ("program-launch", "program-migration", "program-findings"):
        program = load_program(REPO / "docs" / "examples" / f"{name}.yaml")
        assert program.tasks
