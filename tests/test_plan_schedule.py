"""Critical path, slack and PERT on published textbook networks; what-if; bad plans."""

from __future__ import annotations

import math

import pytest

from tpmprep.exceptions import ScheduleError
from tpmprep.plan.schedule import Schedule
from tpmprep.plan.task import Task

# A solved PERT/CPM exercise (14 activities, three-point estimates in days) with its published
# answer table: https://wizedu.com/questions/717873/time-days-immediate-time-days-immediate-activity
# (activity means, standard deviations and ES/EF/LS/LF/slack for A-F).
TEXTBOOK = """
A 5/5/7 -
B 1/2/5 -
C 5/5/5 A
D 4/8/13 A
E 1/10/17 B,C
F 1/5/7 D
G 2/6/9 D
H 4/4/6 E,F
I 2/7/10 G,H
J 2/4/7 I
K 6/10/13 I
L 2/6/6 J
M 2/2/3 K
N 7/7/12 L,M
"""

# Published rows: task -> (mean, std, ES, EF, LS, LF, slack), two decimals.
PUBLISHED = {
    "A": (5.33, 0.33, 0.00, 5.33, 0.00, 5.33, 0.00),
    "B": (2.33, 0.67, 0.00, 2.33, 8.00, 10.33, 8.00),
    "C": (5.00, 0.00, 5.33, 10.33, 5.33, 10.33, 0.00),
    "D": (8.17, 1.50, 5.33, 13.50, 7.17, 15.33, 1.83),
    "E": (9.67, 2.67, 10.33, 20.00, 10.33, 20.00, 0.00),
    "F": (4.67, 1.00, 13.50, 18.17, 15.33, 20.00, 1.83),
}


@pytest.fixture(scope="module")
def textbook():
    return Schedule.from_text(TEXTBOOK, title="Textbook network")


@pytest.mark.parametrize("name", sorted(PUBLISHED))
def test_pert_and_cpm_match_the_published_table(textbook, name):
    mean, std, es, ef, ls, lf, slack = PUBLISHED[name]
    t, task = textbook.timings[name], textbook.tasks[name]
    got = (task.expected, task.std, t.es, t.ef, t.ls, t.lf, t.slack)
    assert got == pytest.approx((mean, std, es, ef, ls, lf, slack), abs=0.006)


def test_textbook_critical_path_and_its_variance(textbook):
    assert textbook.critical_path == ["A", "C", "E", "H", "I", "K", "M", "N"]
    assert textbook.duration == pytest.approx(50.83, abs=0.005)
    # Sum of ((p - o)/6)^2 along the path: (4 + 0 + 256 + 4 + 64 + 49 + 1 + 25) / 36.
    assert textbook.critical_variance == pytest.approx(403 / 36)
    assert textbook.probability_by(textbook.duration) == pytest.approx(0.5)


def test_wikipedia_cpm_example_has_two_critical_paths_and_e_floats_one_month():
    # Wikipedia, "Critical path method", PERT chart caption: six activities A-F, "two critical
    # paths: activities B and C, or A, D, and F - giving a minimum project time of 7 months",
    # "Activity E is sub-critical, and has a float of 1 month". Durations as in the figure.
    s = Schedule.from_text("A 3 -\nB 4 -\nC 3 B\nD 1 A\nE 3 A\nF 3 D")
    assert s.duration == 7
    assert sorted(s.critical_paths()) == [["A", "D", "F"], ["B", "C"]]
    assert s.timings["E"].slack == 1
    assert set(s.critical_tasks) == {"A", "B", "C", "D", "F"}


def test_pert_expected_value_and_variance_of_one_task():
    t = Task("build", 2, 4, 12)
    assert t.expected == pytest.approx((2 + 16 + 12) / 6)
    assert t.variance == pytest.approx((10 / 6) ** 2)
    assert Task("fixed", 5, 5, 5).variance == 0


def test_compact_constructors_agree():
    records = [
        {"name": "design", "duration": 3},
        {"name": "build", "duration": [4, 6, 10], "depends_on": ["design"]},
        {"task": "test", "optimistic": 1, "most_likely": 2, "pessimistic": 3, "after": "build"},
    ]
    yaml_text = """
title: Launch
tasks:
  - {name: design, duration: 3}
  - {name: build, duration: 4/6/10, depends_on: design}
  - {name: test, duration: [1, 2, 3], depends_on: [build]}
"""
    a = Schedule.from_records(records)
    b = Schedule.from_yaml(yaml_text)
    c = Schedule.from_text("design 3 -\nbuild 4/6/10 design\ntest 1/2/3 build")
    assert a.duration == b.duration == c.duration == pytest.approx(3 + 6.333333 + 2, abs=1e-5)
    assert b.title == "Launch"


def test_summary_and_html_show_the_table_and_critical_path(textbook):
    text = str(textbook)
    assert "Critical path: A -> C -> E -> H -> I -> K -> M -> N" in text
    assert "50.83 days" in text
    html = textbook._repr_html_()
    assert "<table>" in html and "slack" in html and "A → C → E" in html


def test_delay_on_a_noncritical_task_is_absorbed_by_its_slack(textbook):
    later = textbook.delay("D", 1.5)  # D has 1.83 days of slack
    assert later.duration == pytest.approx(textbook.duration)
    assert later.timings["D"].slack == pytest.approx(1.83 - 1.5, abs=0.005)


def test_what_if_reports_a_new_critical_path():
    s = Schedule.from_text("A 3 -\nB 4 -\nC 3 B\nD 1 A\nE 3 A\nF 3 D")
    change = s.what_if(delay={"E": 2})
    assert change.delta == 1
    assert change.after.critical_path == ["A", "E"]
    assert change.left_critical == ["B", "C", "D", "F"]
    assert "ends 1.00 days later" in change.summary()
    shorter = s.what_if(shorten={"B": 1}, add_dependency=[("C", "D")])
    assert shorter.after.critical_path == ["A", "D", "C"]
    assert shorter.after.duration == 7


def test_a_cycle_names_every_task_in_it():
    with pytest.raises(ScheduleError) as info:
        Schedule.from_text("A 1 C\nB 1 A\nC 1 B\nD 1 -")
    err = info.value
    assert err.parameter == "depends_on"
    assert sorted(err.tasks) == ["A", "B", "C"]
    assert "cycle" in str(err) and all(n in str(err) for n in "ABC")


def test_a_what_if_dependency_that_closes_a_loop_is_a_cycle():
    s = Schedule.from_text("A 1 -\nB 1 A")
    with pytest.raises(ScheduleError, match=r"cycle (A -> B -> A|B -> A -> B)"):
        s.with_dependency("A", "B")


def test_a_missing_dependency_names_the_task_and_the_missing_name():
    with pytest.raises(ScheduleError, match="'build' depends on 'desgin'") as info:
        Schedule.from_text("design 3 -\nbuild 5 desgin")
    assert info.value.parameter == "depends_on"


@pytest.mark.parametrize(
    ("record", "field"),
    [
        ({"name": "X", "duration": -1}, "duration"),
        ({"name": "X", "duration": float("nan")}, "duration"),
        ({"name": "X", "duration": "3d"}, "duration"),
        ({"name": "X", "duration": [-1, 2, 3]}, "optimistic"),
        ({"name": "X", "duration": [5, 4, 6]}, "optimistic"),
        ({"name": "X", "duration": [1, 4, 3]}, "pessimistic"),
        ({"name": "X", "duration": [1, 2]}, "duration"),
        ({"name": "X"}, "duration"),
        ({"name": "X", "duration": 1, "owner": "me"}, "owner"),
    ],
)
def test_bad_durations_name_the_task_and_field(record, field):
    with pytest.raises(ScheduleError) as info:
        Schedule([record])
    assert info.value.parameter == field
    assert "'X'" in str(info.value)


def test_unknown_task_in_a_what_if_is_named():
    s = Schedule.from_text("A 1 -")
    with pytest.raises(ScheduleError, match="no task 'Z'"):
        s.delay("Z", 1)
    with pytest.raises(ScheduleError, match="no task 'Z'") as info:
        s.what_if(add_dependency=[("A", "Z")])
    assert info.value.parameter == "depends_on"
    with pytest.raises(ScheduleError, match="cannot shorten task 'A' by 2") as info:
        s.shorten("A", 2)


def test_duplicate_and_empty_plans_are_refused():
    with pytest.raises(ScheduleError, match="appears twice"):
        Schedule.from_text("A 1 -\nA 2 -")
    with pytest.raises(ScheduleError, match="at least one task"):
        Schedule([])
    with pytest.raises(ScheduleError, match="depends on itself"):
        Schedule.from_text("A 1 A")


def test_probability_by_a_deadline_uses_the_normal_approximation(textbook):
    sd = math.sqrt(403 / 36)
    z = (55 - textbook.duration) / sd
    assert textbook.probability_by(55) == pytest.approx(0.5 * (1 + math.erf(z / math.sqrt(2))))


def test_slack_lost_to_rounding_is_zero_not_minus_zero():
    from tpmprep.plan.schedule import Timing

    timing = Timing(task="a", duration=0.7, es=0.1 + 0.2, ef=1.0, ls=0.3, lf=1.0)
    assert timing.slack == 0.0 and f"{timing.slack:.2f}" == "0.00" and timing.critical
