"""The program studio: worked plans pass for many seeds, starting plans do not, feedback never
hands over a plan, and the numbers that follow from given plans reject the classic slips."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from tpmprep import scenario
from tpmprep.judging import Verdict
from tpmprep.plan import check_program

ROOT = Path(__file__).resolve().parents[1]
SEEDS = range(6)


def worked(notebook: str, seed: int) -> dict:
    """Run a solution's code up to its worked-plan cell for ``seed``; return its variables."""
    nb = nbformat.read(ROOT / "solutions" / f"14-program-{notebook}.ipynb", as_version=4)
    ns: dict = {}
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        tags = cell.metadata.get("tags", [])
        source = f"seed = {seed}\ncandidate = ''" if "parameters" in tags else cell.source
        lines = [
            line
            for line in source.splitlines()
            if not line.startswith(("sc.check(", "sc.brief()", "print(", "argue_box("))
        ]
        exec(compile("\n".join(lines), f"{notebook}[{seed}]", "exec"), ns)
        if "worked-plan" in tags:
            break
    return ns


def key(sc) -> dict:
    return {row["answer"]: row["expected"] for row in sc.answer_key()}


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("topic", ["ledger-migration", "three-country-launch", "headset-launch"])
def test_the_worked_plan_passes_and_the_skeleton_does_not(topic, seed):
    """Does the solution's plan pass (no findings, brief met) while the skeleton fails?"""
    ns = worked(topic, seed)
    sc = ns["sc"]
    assert sc.seed == seed
    assert check_program(ns["plan"]).findings == []
    result = sc.judge("plan", ns["plan"])
    assert result.correct, result.text()
    start = sc.judge("plan", sc.skeleton)
    assert start.judgement.verdict == Verdict.INCORRECT
    assert "missing-gate" in start.text()


@pytest.mark.parametrize("seed", SEEDS)
def test_the_worked_roadmap_passes_and_the_agreed_one_does_not(seed):
    ns = worked("roadmap-capacity-cut", seed)
    sc = ns["sc"]
    assert sc.judge("roadmap", ns["roadmap"]).correct
    agreed = {"items": [{k: i[k] for k in ("name", "team", "people", "quarters")}
                        for i in sc.initiatives], "deferred": []}
    bad = sc.judge("roadmap", agreed)
    assert not bad.correct and "over capacity" in bad.text()


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("topic", ["go-no-go", "partner-slip"])
def test_the_given_plans_are_clean(topic, seed):
    """A given plan is an example to copy: the checker finds nothing in it."""
    sc = scenario(f"program-leadership/{topic}", seed=seed)
    assert check_program(sc.plan_yaml).findings == []


def test_feedback_names_findings_and_never_hands_over_a_plan():
    sc = scenario("program-leadership/ledger-migration", seed=2)
    ns = worked("ledger-migration", 2)
    broken = ns["plan"].replace("    gate: decommission\n", "").replace(
        "depends_on: [{task: dual-write, owner: lee", "depends_on: [{task: dual-write")
    text = sc.judge("plan", broken).text()
    assert "missing-gate: decommission" in text
    assert "unowned-dependency: dual-write -> rollback-runbook" in text
    assert "decommission (tasks with gate: decommission) takes 0 working days" in text
    assert "depends_on" not in text and "new-ledger-schema" not in text


def test_a_plan_over_the_teams_people_or_after_the_deadline_fails():
    ns = worked("three-country-launch", 1)
    sc = ns["sc"]
    people = int(sc.payments_people.magnitude)
    more = ns["plan"].replace(f"payments: {{people: {people}}}",
                              f"payments: {{people: {people + 3}}}")
    assert "payments has" in sc.judge("plan", more).text()
    late = ns["plan"].replace("name: uat\n    team: ops\n    people: 2\n    duration: ",
                              "name: uat\n    team: ops\n    people: 2\n    duration: 40 #")
    text = sc.judge("plan", late).text()
    assert "after the brief's day" in text


def test_a_plan_in_a_file_is_read_and_a_missing_file_is_invalid(tmp_path, monkeypatch):
    ns = worked("ledger-migration", 3)
    sc = ns["sc"]
    monkeypatch.chdir(tmp_path)
    Path("my-plan.yaml").write_text(ns["plan"], encoding="utf-8")
    assert sc.judge("plan", "my-plan.yaml").correct
    missing = sc.judge("plan", "no-such-plan.yaml")
    assert missing.judgement.verdict == Verdict.INVALID and "no such file" in missing.text()
    typo = sc.judge("plan", ns["plan"].replace("gate: backfill", "gate: back-fill"))
    assert typo.judgement.verdict == Verdict.INVALID and "did you mean backfill" in typo.text()


def test_cohort_grade_rejudges_the_recorded_plan_against_the_seed():
    from tpmprep.cohort.grade import _rejudge

    ns = worked("headset-launch", 4)
    sc = ns["sc"]
    record = sc.judge("plan", ns["plan"]).record()
    assert record["artefact"] == ns["plan"]
    result, _ = _rejudge(scenario("program-leadership/headset-launch", seed=4), "plan", record)
    assert result.correct
    # Graded against another seed's brief (another start date), the same plan fails.
    other, _ = _rejudge(scenario("program-leadership/headset-launch", seed=3), "plan", record)
    assert sc.start != scenario("program-leadership/headset-launch", seed=3).start
    assert not other.correct


def test_napkin_numbers_against_a_hand_calculation():
    sc = scenario("program-leadership/ledger-migration", seed=1)
    rows, rate, hours = sc.rows.magnitude, sc.rate.to("1/s").magnitude, sc.window.magnitude
    assert key(sc)["backfill_days"] == pytest.approx(rows / rate / 3600 / hours * 24 / 24)
    assert not sc.judge("backfill_days", rows / rate / 86400).correct  # 24 hours a day
    launch = scenario("program-leadership/three-country-launch", seed=1)
    strings, per_day = launch.strings.magnitude, launch.per_day.magnitude
    assert key(launch)["translation_days"] == pytest.approx(strings * 3 / per_day)
    assert not launch.judge("translation_days", strings / per_day).correct  # one language


@pytest.mark.parametrize("seed", range(10))
def test_p85_answers_accept_any_honest_simulation_and_reject_the_finish(seed):
    from tpmprep.plan.findings import check_program as check

    sc = scenario("program-leadership/partner-slip", seed=seed)
    k = key(sc)
    assert not sc.judge("new_p85", k["new_finish"]).correct
    assert not sc.judge("launch_delay", sc.slip.magnitude).correct  # the raw slip, float ignored
    assert k["launch_delay"] < sc.slip.magnitude
    hw = scenario("program-leadership/headset-launch", seed=seed)
    hk = key(hw)
    assert not hw.judge("hardware_p85", hk["hardware_finish"]).correct
    for other in (1, 7):
        again = check(hw.hardware, samples=1000, seed=other).p85_days
        assert hw.judge("hardware_p85", again).correct


def test_go_no_go_follows_the_numbers_in_both_directions():
    decisions = {}
    for seed in range(12):
        sc = scenario("program-leadership/go-no-go", seed=seed)
        k = key(sc)
        right = "no-go" if k["forecast_slip"] > sc.buffer.magnitude else "go"
        wrong = "go" if right == "no-go" else "no-go"
        assert sc.judge("decision", right).correct
        assert sc.judge("decision", wrong).judgement.verdict == Verdict.INCORRECT
        decisions[right] = seed
    assert set(decisions) == {"go", "no-go"}
    sc = scenario("program-leadership/go-no-go", seed=0)
    assert sc.judge("decision", "maybe").judgement.verdict == Verdict.INVALID


def test_roadmap_rejects_dropping_a_committed_okr_and_idle_capacity():
    ns = worked("roadmap-capacity-cut", 2)
    sc = ns["sc"]
    committed = next(i["name"] for i in sc.initiatives if i["committed"])
    kept = [i for i in ns["kept"] if i["name"] != committed]
    text = sc.judge("roadmap", {"items": kept, "deferred": [*ns["deferred"], committed]}).text()
    assert "serves a committed OKR" in text
    everything_else = [i for i in ns["kept"] if i["name"] in
                       {j["name"] for j in sc.initiatives if j["committed"]}]
    lazy = {"items": everything_else,
            "deferred": [i["name"] for i in sc.initiatives if not i["committed"]]}
    assert "fits in the capacity left" in sc.judge("roadmap", lazy).text()
    missing = sc.judge("roadmap", {"items": ns["kept"], "deferred": []})
    if ns["deferred"]:
        assert "neither on the roadmap nor deferred" in missing.text()


def test_the_escalation_note_has_a_rubric():
    from tpmprep.scenarios.arguments import arguments

    note = arguments("program-leadership/partner-slip")["escalation_note"]
    assert note.strong <= len(note.rubric) and any("P85" in r for r in note.rubric)
