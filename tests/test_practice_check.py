"""`check()` writes every judged answer to the progress store, and nothing else changes."""

from __future__ import annotations

import pytest

# Import the function through the package first: importing the submodule tpmprep.scenarios.base
# before that would leave the package attribute ``tpmprep.scenarios.base`` bound to the module.
from tpmprep import scenario
from tpmprep.practice import store as store_module
from tpmprep.practice.store import default_store
from tpmprep.scenarios.base import Scenario

SCENARIO = "estimation/traffic-basics"


@pytest.fixture
def home(monkeypatch, tmp_path):
    monkeypatch.setattr(store_module, "_default", None)
    monkeypatch.setenv("TPMPREP_HOME", str(tmp_path))
    yield tmp_path
    if store_module._default is not None:
        store_module._default.close()


def test_a_right_and_a_wrong_answer_are_recorded_with_their_verdicts(home, capsys, recwarn):
    sc = scenario(SCENARIO, seed=3, candidate="Ana")
    expected = sc.answer_key()[0]["expected"]
    sc.check("requests_per_day", expected)
    sc.check("requests_per_day", expected * 100)
    attempts = default_store().attempts(f"check:{SCENARIO}:requests_per_day")
    assert [a.correct for a in attempts] == [True, False]
    first = attempts[0]
    assert first.details == {
        "theme": "estimation",
        "kind": "check",
        "verdict": "correct",
        "seed": 3,
        "candidate": "Ana",
    }
    assert first.answer == sc.judge("requests_per_day", expected).given
    assert attempts[1].details["verdict"] == "incorrect"
    assert (home / "progress.sqlite3").exists()
    assert not recwarn.list  # nothing on stderr in a notebook cell


def test_an_unanswered_check_is_not_recorded(home):
    scenario(SCENARIO, seed=3).check("peak_qps", ...)
    assert default_store().attempts() == []


def test_what_check_prints_is_unchanged_by_recording(home, capsys):
    sc = scenario(SCENARIO, seed=5, candidate="Bo")
    for answer in (..., 1, "7K req/s"):
        sc.check("peak_qps", answer)
        assert capsys.readouterr().out == sc.judge("peak_qps", answer).text() + "\n"
    assert len(default_store().attempts()) == 2


def test_a_broken_store_leaves_check_output_alone_and_warns_once(home, monkeypatch, capsys):
    blocker = home / "blocker"
    blocker.write_text("x")
    monkeypatch.setenv("TPMPREP_HOME", str(blocker / "home"))
    sc = scenario(SCENARIO, seed=5)
    with pytest.warns(store_module.StoreWarning) as caught:
        sc.check("peak_qps", 1)
        sc.check("peak_qps", 2)
    assert len(caught) == 1
    assert capsys.readouterr().out == "".join(sc.judge("peak_qps", a).text() + "\n" for a in (1, 2))


def test_the_theme_defaults_to_the_id_prefix_and_can_be_set():
    class Custom(Scenario):
        id = "caching/hot-keys"
        title = "t"

    class Filed(Scenario):
        id = "misc/thing"
        title = "t"
        theme = "scalability"

    assert scenario(SCENARIO).theme == "estimation"
    assert Custom.theme == "caching"
    assert Filed.theme == "scalability"
