"""Attempts are events: scenarios and quizzes publish, the practice layer subscribes."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from tpmprep import attempts
from tpmprep.scenarios.base import scenario


def test_a_checked_answer_is_published_with_its_theme_and_verdict():
    heard = []
    with attempts.subscribers(heard.append):
        sc = scenario("estimation/traffic-basics", seed=3, candidate="ana")
        sc.check("average_qps", "1 req/s")
    [event] = heard
    assert event.item == "check:estimation/traffic-basics:average_qps"
    assert event.correct is False and event.answer == "1 req/s"
    assert event.details["theme"] == "estimation" and event.details["kind"] == "check"
    assert event.details["verdict"] == "incorrect" and event.details["candidate"] == "ana"


def test_an_unanswered_check_publishes_nothing():
    heard = []
    with attempts.subscribers(heard.append):
        scenario("estimation/traffic-basics", seed=3).check("average_qps", ...)
    assert heard == []


def test_a_failing_subscriber_warns_once_and_the_others_still_hear(monkeypatch):
    monkeypatch.setattr(attempts, "_warned", set())
    heard = []

    def broken(event):
        raise OSError("disk full")

    event = attempts.AttemptEvent("quiz:q1", True)
    with attempts.subscribers(broken, heard.append):
        with pytest.warns(RuntimeWarning, match="disk full"):
            assert attempts.publish(event) is False
        assert attempts.publish(event) is False  # no second warning: pytest would fail on it
    assert heard == [event, event]


def test_scenarios_run_and_judge_without_sqlite_or_the_practice_layer():
    """Can an exercise be checked on a Python with no sqlite3 at all?"""
    code = textwrap.dedent(
        """
        import sys
        sys.modules["sqlite3"] = None  # importing it now fails
        from tpmprep import attempts
        from tpmprep.scenarios.base import scenario
        attempts._subscribers.clear()
        sc = scenario("caching/news-feed", seed=2)
        sc.check("hit_ratio_half", "50%")
        assert not any(m.startswith("tpmprep.practice") for m in sys.modules), sorted(
            m for m in sys.modules if m.startswith("tpmprep.practice"))
        print("judged")
        """
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "judged" in done.stdout


def test_by_default_the_progress_store_keeps_what_is_published(tmp_path, monkeypatch):
    code = textwrap.dedent(
        """
        from tpmprep.scenarios.base import scenario
        from tpmprep.practice.store import default_store
        scenario("estimation/traffic-basics", seed=3).check("average_qps", "1 req/s")
        print([a.item_id for a in default_store().attempts()])
        """
    )
    env = {**__import__("os").environ, "TPMPREP_HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert "check:estimation/traffic-basics:average_qps" in done.stdout
