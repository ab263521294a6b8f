"""Mock interviews: prompt, countdown, checklist, rubric, and a recorded result."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from tpmprep import frontends
from tpmprep.cli import main
from tpmprep.exceptions import InputError
from tpmprep.practice import mock as mock_module
from tpmprep.practice import store as store_module
from tpmprep.practice.mock import KINDS, headless_text, record_mock, session
from tpmprep.practice.store import ProgressStore
from tpmprep.widgets.practice import MockPanel


@pytest.fixture
def store(tmp_path):
    with ProgressStore(tmp_path / "progress.sqlite3") as s:
        yield s


@pytest.fixture
def home(monkeypatch, tmp_path):
    monkeypatch.setattr(store_module, "_default", None)
    monkeypatch.setenv("TPMPREP_HOME", str(tmp_path / "home"))
    yield
    if store_module._default is not None:
        store_module._default.close()


def test_the_shipped_prompts_cover_every_kind_and_the_case_studies():
    data = mock_module._mocks()
    ids = {p.id for p in data.prompts}
    assert len(ids) == len(data.prompts)
    for kind in KINDS:
        assert [p for p in data.prompts if p.kind == kind]
    text = " ".join(p.prompt + p.title for p in data.prompts)
    for case in ("Buy Now", "facial-recognition", "Zoom", "Stripe", "Spotify", "Google Maps"):
        assert case.lower() in text.lower(), case
    behavioural = [p for p in data.prompts if p.kind == "behavioural"]
    assert all(p.principle for p in behavioural)
    # Any prompt that states a number cites where it comes from.
    for p in data.prompts:
        if re.search(r"\d", p.prompt):
            assert p.source and "http" in p.source, p.id


def test_the_checklists_follow_each_framework():
    sd, pe, bh = (session(kind, seed=0).checklist for kind in KINDS)
    assert [item.split(":")[0] for item in sd] == [
        "Requirements",
        "Estimates",
        "API",
        "High-level design",
        "Deep dive",
        "Bottlenecks and trade-offs",
        "Wrap-up",
    ]
    assert [item.split(":")[0] for item in pe] == [
        "Goal and success metrics",
        "Scope",
        "Stakeholders",
        "Plan and milestones",
        "Dependencies and critical path",
        "Risks",
        "Communication",
    ]
    assert [item.split(":")[0] for item in bh] == [
        "Situation",
        "Task",
        "Action",
        "Result",
        "Reflection",
    ]
    assert "quantified" in bh[3]


def test_the_same_seed_picks_the_same_prompt():
    picks = {session("system-design", seed=s).prompt.id for s in range(20)}
    assert session("behavioural", seed=4) == session("behavioural", seed=4)
    assert len(picks) > 1


@pytest.mark.parametrize(
    ("args", "parameter"),
    [(("design",), "kind"), (("behavioural", 0), "minutes"), (("behavioural", 500), "minutes")],
)
def test_bad_arguments_name_the_parameter(args, parameter):
    with pytest.raises(InputError, match=f"^{parameter}: "):
        session(*args)


def test_headless_text_has_prompt_time_box_and_checklist(capsys, home):
    chosen = session("program-execution", minutes=30, seed=1)
    frontends.mock("program-execution", minutes=30, seed=1)
    out = capsys.readouterr().out
    assert out == headless_text(chosen) + "\n"
    assert chosen.prompt.prompt.strip() in out
    assert "Time box: 30 minutes" in out
    assert all(f"[ ] {item}" in out for item in chosen.checklist)


def test_the_panel_counts_down_then_records_the_rubric(store):
    chosen = session("system-design", minutes=45, seed=2)
    panel = MockPanel(chosen, store=store)
    assert panel.clock.value.startswith("45:00 left")
    panel.play.value = 61  # the browser's Play widget ticks once a second
    assert panel.clock.value.startswith("43:59 left")
    panel.play.value = chosen.seconds
    assert panel.clock.value.startswith("Time is up")
    assert panel.rubric.layout.display == "none"
    panel.checklist[0].value = True
    panel.checklist[1].value = True
    panel.finish_button.click()
    assert panel.rubric.layout.display == "flex" and panel.finish_button.disabled
    for slider, value in zip(panel.sliders.values(), [4, 3, 3, 2, 3, 4, 2], strict=True):
        slider.value = value
    panel.record_button.click()
    panel.record_button.click()  # a second click records nothing more
    (attempt,) = store.attempts("mock:system-design")
    assert attempt.details["score"] == pytest.approx(3.0)
    assert attempt.correct
    assert attempt.details["theme"] == "mock-interviews" and attempt.details["kind"] == "mock"
    assert attempt.details["prompt"] == chosen.prompt.id
    assert attempt.details["elapsed_seconds"] == chosen.seconds
    assert attempt.details["checked"] == list(chosen.checklist[:2])
    assert attempt.answer == dict(zip(chosen.rubric, [4, 3, 3, 2, 3, 4, 2], strict=True))
    assert "Recorded: 3 / 4" in panel.result.value
    assert "Work next on: High-level design" in panel.result.value  # the first lowest score


@pytest.mark.parametrize(
    ("scores", "message"),
    [([3, 3], "give 5 scores"), ([3, 3, 3, 3, 5], "must be 1, 2, 3 or 4"), ({"x": 1}, "no rubric")],
)
def test_bad_scores_are_input_errors(store, scores, message):
    with pytest.raises(InputError, match=f"^scores: .*{message}"):
        record_mock(session("behavioural", seed=0), scores, store=store)


def test_a_low_score_is_not_counted_correct(store):
    attempt = record_mock(session("behavioural", seed=0), [2, 3, 2, 3, 2], store=store)
    assert not attempt.correct and attempt.details["score"] == 2.4


def test_the_terminal_mock_prints_waits_asks_and_records(home):
    result = CliRunner().invoke(
        main, ["mock", "behavioural", "--minutes", "10", "--seed", "1"], input="\n4\n4\n3\n3\n4\n"
    )
    assert result.exit_code == 0, result.output
    chosen = session("behavioural", minutes=10, seed=1)
    assert chosen.prompt.prompt.strip() in result.output
    assert "Time box: 10 minutes" in result.output
    assert "Recorded mock:behavioural: 3.6 / 4" in result.output
    (attempt,) = store_module.default_store().attempts("mock:behavioural")
    assert attempt.correct and attempt.details["minutes"] == 10


def test_the_terminal_mock_rejects_an_unknown_kind():
    result = CliRunner().invoke(main, ["mock", "chat"])
    assert result.exit_code == 2 and "system-design" in result.output


def test_the_shipped_mocks_file_is_valid():
    assert mock_module.validate_mocks() == []


def test_a_broken_mocks_file_names_the_prompt_and_the_field(tmp_path):
    path = tmp_path / "mocks.yaml"
    kind = "{minutes: 10, checklist: [a], rubric: [b]}"
    path.write_text(
        f"kinds: {{system-design: {kind}, behavioural: {kind}}}\n"
        "prompts:\n"
        "  - {id: p1, kind: system-design, title: t, prompt: 'Serve 10M users'}\n"
        "  - {id: p1, kind: cooking, title: t, prompt: p, source: s}\n"
    )
    problems = mock_module.validate_mocks(path)
    assert f"{path}: kinds: program-execution: missing" in problems
    assert f"{path}: prompt p1: source: required because it states a number" in problems
    assert f"{path}: prompt p1: kind: unknown kind 'cooking'" in problems
    assert f"{path}: prompt p1: id: duplicate; ids must be unique" in problems
    assert f"{path}: prompts: no behavioural prompt" in problems
