"""Answers judged by their properties (a design, a plan): any that meets the brief passes."""

from __future__ import annotations

import random

import pytest

from tpmprep.exceptions import DocumentError
from tpmprep.judging import Judgement, Verdict
from tpmprep.scenarios import base
from tpmprep.scenarios.base import Given, PropertyAnswer, Scenario


def _read(answer):
    from tpmprep.documents import read_yaml

    text = answer if isinstance(answer, str) else "\n".join(f"- {x}" for x in answer)
    data, problems = read_yaml(text, text=True, name="plan")
    if problems or not isinstance(data, list):
        raise DocumentError(problems or ["plan: file: give a list of steps"])
    return text


class Steps(Scenario):
    id = "test/steps"
    title = "At least N steps, one of them a rollback"

    def draw(self, rng: random.Random) -> dict[str, Given]:
        return {"steps": Given("Steps needed", rng.choice([3, 4]))}

    def compute(self):
        need = self.givens["steps"].value

        def judge(text: str) -> Judgement:
            from tpmprep.documents import read_yaml

            steps = read_yaml(text, text=True)[0]
            if len(steps) < need:
                return Judgement(Verdict.INCORRECT, reason=f"{len(steps)} steps; {need} needed")
            if "rollback" not in steps:
                return Judgement(Verdict.INCORRECT, reason="no step can undo the change")
            return Judgement(Verdict.CORRECT, reason=f"all {need} requirements met")

        return {"plan": PropertyAnswer("Your plan", f"{need}+ steps and a rollback", _read, judge)}


@pytest.fixture
def steps():
    base.register(Steps)
    yield base.scenario("test/steps", seed=5, candidate="ana")
    del base._REGISTRY["test/steps"]


def test_two_different_good_plans_both_pass_and_a_short_one_fails(steps):
    need = steps.steps
    a = ["design", "build", "test", "rollback", "launch"][: max(need, 4)]
    b = ["rollback", "pilot", "migrate", "verify", "decommission"]
    assert steps.judge("plan", a).correct and steps.judge("plan", b).correct
    short = steps.judge("plan", ["build", "rollback"])
    assert short.judgement.verdict == Verdict.INCORRECT
    assert "needed" in short.text() and "Accepted:" not in short.text()


def test_the_record_keeps_the_whole_artefact_and_never_the_requirements(steps):
    text = "- a\n- b\n- c\n- d\n- rollback\n" + "".join(f"- note {i}\n" for i in range(40))
    record = steps.judge("plan", text).record()
    assert record["artefact"] == text and len(record["given"]) <= 200
    assert "rollback" not in str(record.get("expected", ""))


def test_unreadable_and_unanswered_plans_say_so(steps):
    assert steps.judge("plan", ...).judgement.verdict == Verdict.UNANSWERED
    bad = steps.judge("plan", "[unclosed")
    assert bad.judgement.verdict == Verdict.INVALID and "YAML syntax error" in bad.text()


def test_the_answer_key_states_the_requirements(steps):
    [row] = steps.answer_key()
    assert row["expected"] == f"{steps.steps}+ steps and a rollback"


def test_a_grader_rejudges_the_submitted_artefact_not_the_shortened_text(steps):
    from tpmprep.cohort.grade import _rejudge

    long_good = "- rollback\n" + "".join(f"- step {i}\n" for i in range(60))
    record = steps.judge("plan", long_good).record()
    result, _ = _rejudge(steps, "plan", record)
    assert result.correct
