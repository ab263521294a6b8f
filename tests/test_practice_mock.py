"""Mock interviews: prompt, countdown, checklist, rubric, and a recorded result."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import REPO
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


def test_the_clock_says_whether_it_is_running_and_pauses_and_resumes(store):
    chosen = session("system-design", minutes=45, seed=2)
    panel = MockPanel(chosen, store=store)
    assert panel.clock.value == "<b>45:00</b> left, not started"
    assert panel.clock_button.description == "Start the clock"
    panel.clock_button.click()
    assert panel.play.playing
    panel.play.value = 4  # the browser's Play widget ticks once a second
    assert panel.clock.value == "<b>44:56</b> left, the clock is running"
    assert panel.clock_button.description == "Pause"
    panel.clock_button.click()
    assert not panel.play.playing
    assert panel.clock.value == "<b>44:56</b> left, paused"
    assert panel.clock_button.description == "Resume"
    panel.clock_button.click()
    assert panel.play.playing and panel.clock.value.endswith("the clock is running")
    panel.play.value = chosen.seconds
    panel.play.playing = False  # the Play widget stops itself at its maximum
    assert panel.clock.value.startswith("<b>Time is up</b>")
    assert panel.clock_button.disabled


def test_the_panel_records_scores_canvas_and_checklist_then_shows_what_was_missed(store):
    chosen = session("system-design", minutes=45, seed=2)
    panel = MockPanel(chosen, store=store, here=REPO / "notebooks")
    assert list(panel.canvas) == [
        "Requirements",
        "Estimates",
        "API",
        "Components",
        "Data model",
        "Trade-offs",
        "Risks",
    ]
    panel.clock_button.click()
    panel.play.value = 61
    panel.canvas["Requirements"].value = "Signed-in customers; one item; undo within 30 min"
    panel.canvas["Estimates"].value = "20M orders/day * 30% * 4 = 280 orders/s at peak"
    panel.checklist[0].value = True
    panel.checklist[1].value = True
    assert panel.rubric.layout.display == "none"
    panel.finish_button.click()
    assert panel.rubric.layout.display == "flex" and panel.finish_button.disabled
    assert not panel.play.playing and panel.clock.value == "Stopped: 01:01 used of 45:00."
    # Nothing is rated until the candidate rates it, and nothing can be recorded before.
    assert [r.value for r in panel.ratings.values()] == [None] * 7
    assert panel.record_button.disabled and "7 to go" in panel.to_rate.value
    panel.record_button.click()
    assert store.attempts("mock:system-design") == []
    values = [4, 3, 3, 2, 3, 4, 2]
    for rating, value in zip(panel.ratings.values(), values, strict=True):
        rating.value = value
    assert not panel.record_button.disabled
    panel.record_button.click()
    panel.record_button.click()  # a second click records nothing more
    (attempt,) = store.attempts("mock:system-design")
    assert attempt.details["score"] == pytest.approx(3.0)
    assert attempt.correct
    assert attempt.details["theme"] == "mock-interviews" and attempt.details["kind"] == "mock"
    assert attempt.details["prompt"] == chosen.prompt.id
    assert attempt.details["elapsed_seconds"] == 61
    assert attempt.details["checked"] == list(chosen.checklist[:2])
    assert attempt.details["missed"] == list(chosen.checklist[2:])
    assert attempt.details["canvas"]["Estimates"].startswith("20M orders/day")
    assert attempt.details["canvas"]["API"] == ""
    assert attempt.answer == dict(zip(chosen.rubric, values, strict=True))
    assert "Recorded: 3 / 4" in panel.result.value
    assert "Work next on: High-level design" in panel.result.value  # the first lowest score
    assert "Missed on the checklist" in panel.result.value
    assert html.escape(chosen.checklist[2]) in panel.result.value
    assert html.escape(chosen.checklist[0]) not in panel.result.value
    (shown,) = panel.worked.outputs
    case = chosen.worked
    assert case.path == "notebooks/12-mock-interviews.ipynb" or case.path.startswith("solutions/")
    link = shown["data"]["text/markdown"]
    assert f"]({Path(case.path).name}#{case.section.replace(' ', '-')})" in link
    assert all(box.disabled for box in panel.canvas.values())


def test_the_worked_case_is_named_when_the_notebook_is_not_at_hand(store, tmp_path):
    chosen = session(prompt="bh-ownership")
    panel = MockPanel(chosen, store=store, here=tmp_path)
    panel.finish()
    for rating in panel.ratings.values():
        rating.value = 3
    panel.record()
    (shown,) = panel.worked.outputs
    assert "notebooks/11-behavioural-interviews.ipynb" in shown["data"]["text/markdown"]
    assert "](" not in shown["data"]["text/markdown"]


def test_a_prompt_can_be_named_and_its_kind_is_known():
    chosen = session(prompt="sd-amazon-buy-now")
    assert chosen.kind == "system-design" and chosen.minutes == 45
    assert session("behavioural", prompt="bh-ownership").prompt.id == "bh-ownership"
    with pytest.raises(InputError, match=r"^prompt: 'sd-amazon-buy-now' is a system-design"):
        session("behavioural", prompt="sd-amazon-buy-now")
    with pytest.raises(InputError, match=r"^prompt: no prompt 'sd-amazon-buy'; did you mean"):
        session(prompt="sd-amazon-buy")


def test_the_canvas_follows_the_checklist_for_programs_and_stories():
    pe, bh = session("program-execution", seed=0), session("behavioural", seed=0)
    assert [p.name for p in pe.canvas] == [i.split(":")[0] for i in pe.checklist]
    assert [p.name for p in bh.canvas] == ["Situation", "Task", "Action", "Result", "Reflection"]
    assert bh.canvas[3].hint.startswith("the outcome quantified")


def test_a_canvas_with_an_unknown_phase_is_an_input_error(store):
    with pytest.raises(InputError, match=r"^canvas: no phase 'Deep dive'"):
        record_mock(session("behavioural", seed=0), [3] * 5, canvas={"Deep dive": "x"}, store=store)


def test_history_reads_past_mocks_back_newest_first_with_their_canvas(store):
    first = session(prompt="bh-ownership")
    second = session(prompt="pe-face-attendance")
    record_mock(first, [3] * 5, canvas={"Result": "cut p99 from 2 s to 300 ms"}, store=store)
    record_mock(
        second,
        [2] * 7,
        checked=second.checklist[:1],
        canvas={"Risks": "FNMR per group", "Scope": "3 sites"},
        store=store,
    )
    newest, oldest = mock_module.history(store=store)
    assert newest.details["prompt"] == "pe-face-attendance"
    assert list(newest.details["canvas"])[:2] == ["Goal and success metrics", "Scope"]
    assert oldest.details["canvas"]["Result"] == "cut p99 from 2 s to 300 ms"
    assert [a.details["prompt"] for a in mock_module.history("behavioural", store=store)] == [
        "bh-ownership"
    ]
    text = mock_module.history_text([newest])
    assert "Facial-recognition attendance" in text and "score 2 / 4" in text
    assert text.index("  Scope:\n    3 sites") < text.index("  Risks:\n    FNMR per group")
    assert "missed: Scope; Stakeholders" in text


def test_every_prompt_names_a_worked_case_that_exists_in_the_repository():
    assert mock_module.validate_mocks(root=REPO) == []
    cases = {p.id: mock_module.WorkedCase.parse(p.worked) for p in mock_module._mocks().prompts}
    lesson = {pid for pid, c in cases.items() if c.path == "notebooks/12-mock-interviews.ipynb"}
    assert {
        "sd-amazon-buy-now",
        "pe-face-attendance",
        "sd-zoom-2020",
        "pe-payment-methods-worldwide",
        "sd-spotify-weekly-playlist",
        "sd-maps-live-traffic",
    } <= lesson


def test_a_worked_case_that_does_not_exist_is_named(tmp_path):
    text = mock_module.MOCKS_PATH.read_text()
    broken = tmp_path / "mocks.yaml"
    broken.write_text(
        text.replace("#Worked answer: Buy Now", "#Worked answer: Buy Later", 1).replace(
            "notebooks/11-behavioural-interviews.ipynb", "notebooks/11-stories.ipynb", 1
        )
    )
    problems = mock_module.validate_mocks(broken, root=REPO)
    assert problems == [
        f"{broken}: prompt sd-amazon-buy-now: worked: notebooks/12-mock-interviews.ipynb has no "
        "heading 'Worked answer: Buy Later'",
        f"{broken}: prompt bh-customer-obsession: worked: no notebook notebooks/11-stories.ipynb",
    ]


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


def test_the_terminal_mock_asks_for_the_canvas_and_records_it_with_what_was_missed(home):
    canvas = (
        "Payments team, peak season\nTwo weeks to the freeze\n\n"  # Situation: two lines
        "\n"  # Task: left empty
        "I split the rollout\n\n"  # Action
        "0 incidents, 12% more orders\n\n"  # Result
        "\n"  # Reflection: left empty
    )
    result = CliRunner().invoke(
        main,
        ["mock", "behavioural", "--minutes", "10", "--seed", "1"],
        input=canvas + "1 3 4\n" + "4\n4\n3\n3\n4\n",
    )
    assert result.exit_code == 0, result.output
    chosen = session("behavioural", minutes=10, seed=1)
    assert chosen.prompt.prompt.strip() in result.output
    assert "Time box: 10 minutes" in result.output
    assert "\nSituation (the context in two or three sentences" in result.output
    assert "Recorded mock:behavioural: 3.6 / 4" in result.output
    assert f"Missed on the checklist:\n  - {chosen.checklist[1]}\n  - {chosen.checklist[4]}\n" in (
        result.output
    )
    assert f"Compare with the worked case: {chosen.worked.text()}" in result.output
    (attempt,) = store_module.default_store().attempts("mock:behavioural")
    assert attempt.correct and attempt.details["minutes"] == 10
    assert attempt.details["canvas"] == {
        "Situation": "Payments team, peak season\nTwo weeks to the freeze",
        "Task": "",
        "Action": "I split the rollout",
        "Result": "0 incidents, 12% more orders",
        "Reflection": "",
    }
    history = CliRunner().invoke(main, ["mock", "--history"])
    assert history.exit_code == 0
    assert "    Payments team, peak season\n    Two weeks to the freeze" in history.output


def test_the_terminal_mock_ends_the_canvas_at_the_end_of_input(home):
    result = CliRunner().invoke(main, ["mock", "--prompt", "bh-ownership"], input="I owned it")
    assert result.exit_code == 1  # no answers for the rubric: aborted, nothing recorded
    assert "Reflection" in result.output
    assert store_module.default_store().attempts("mock:behavioural") == []


def test_the_terminal_mock_lists_the_prompts_and_needs_a_kind_or_a_prompt():
    listed = CliRunner().invoke(main, ["mock", "--list", "behavioural"])
    assert listed.exit_code == 0 and "bh-ownership" in listed.output
    assert "sd-amazon-buy-now" not in listed.output
    bare = CliRunner().invoke(main, ["mock"])
    assert bare.exit_code == 2 and "give the KIND" in bare.output


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
        "  - {id: p1, kind: system-design, title: t, prompt: 'Serve 10M users', worked: w}\n"
        "  - {id: p1, kind: cooking, title: t, prompt: p, source: s, worked: w}\n"
    )
    bad = mock_module.validate_mocks(path)
    assert f"{path}: prompts[0].worked: String should match pattern" in bad[0]
    path.write_text(path.read_text().replace("worked: w", "worked: notebooks/12-x.ipynb#A"))
    problems = mock_module.validate_mocks(path)
    assert f"{path}: kinds: program-execution: missing" in problems
    assert f"{path}: prompt p1: source: required because it states a number" in problems
    assert f"{path}: prompt p1: kind: unknown kind 'cooking'" in problems
    assert f"{path}: prompt p1: id: duplicate; ids must be unique" in problems
    assert f"{path}: prompts: no behavioural prompt" in problems
