"""``tpmprep design check``, ``drill``, ``breaks`` and ``diagram``.

The documented example runs through the installed console script, as a user does; the other
cases run the click command in-process (``CliRunner``), which is faster and prints the same.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from conftest import tpmprep

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = str(ROOT / "docs" / "examples" / "url-shortener.yaml")
NO_CACHE = str(ROOT / "docs" / "examples" / "url-shortener-no-cache.yaml")


def run(*args: str) -> SimpleNamespace:
    from tpmprep.cli import main

    result = CliRunner().invoke(main, list(args))
    return SimpleNamespace(returncode=result.exit_code, stdout=result.stdout, stderr=result.stderr,
                           exception=result.exception)


def test_the_documented_example_passes_with_the_installed_script():
    done = tpmprep("design", "check", EXAMPLE)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "URL shortener: all 6 requirements met"


def test_a_malformed_file_exits_2_with_one_line_per_problem_and_no_traceback(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "name: bad\n"
        "traffic: {peak: 40K req/s}\n"
        "components:\n"
        "  app: {kind: service, capacity: 5 ms}\n"
        "  db: {kind: database, capacity: 2K req/s, colour: red}\n"
        "flows:\n"
        "  read: {share: 90%, path: [app, dbb]}\n"
        "  write: {share: 20%, path: [app, db]}\n",
        encoding="utf-8",
    )
    done = tpmprep("design", "check", str(bad))
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stdout == ""
    assert done.stderr.splitlines() == [
        f"{bad}: components.app.capacity: '5 ms' is a duration; give a rate such as '2K req/s'",
        f"{bad}: components.db.colour: unknown field; check its spelling against the documented "
        "format",
        f"{bad}: flows.read.path[1]: unknown component 'dbb' (did you mean 'db'?); components: "
        "app, db",
        f"{bad}: flows: shares add up to 110% (read 90%, write 20%); make them add up to 100%",
        "error: 4 problems found; fix each line above and check again",
    ]


def test_a_design_that_fails_its_requirements_exits_1_and_names_the_component():
    done = run("design", "check", NO_CACHE)
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert lines[0] == "URL shortener without a cache: 5 of 6 requirements NOT met"
    assert "  NOT MET  utilisation: db at 267% of capacity at peak (target 70%)" in lines


def test_json_holds_the_keys_of_the_issue():
    done = run("design", "check", EXAMPLE, "--json")
    assert done.returncode == 0
    data = json.loads(done.stdout)
    assert data["components"]["db"]["load"] == pytest.approx(38_000 * 0.1 + 2_000)
    assert data["components"]["db"]["utilisation"] == pytest.approx(5_800 / 15_000)
    assert data["components"]["db"]["instances_needed"] == 2
    assert data["components"]["lb"]["availability"] == pytest.approx(1 - 0.001**2)
    assert data["flows"]["create"]["latency_ms"] == pytest.approx(16, abs=0.1)
    assert set(data["flows"]["redirect"]) >= {"availability", "latency_ms"}
    assert data["bottleneck"] == "app"
    assert data["headroom"] == pytest.approx(1.5)
    assert data["spofs"] == []
    assert data["monthly_cost"] == pytest.approx(600 + 30 * 0.1008 * 730.5 + 1500 + 6000)
    assert [r["name"] for r in data["requirements"]] == [
        "utilisation", "availability: redirect", "availability: create", "latency: redirect",
        "latency: create", "budget",
    ]
    assert all(set(r) >= {"name", "met", "detail"} for r in data["requirements"])


def test_scale_doubles_the_peak_before_evaluating():
    done = run("design", "check", EXAMPLE, "--json", "--scale", "2")
    assert done.returncode == 1  # app at 133%
    data = json.loads(done.stdout)
    assert data["peak"] == 80_000
    assert data["components"]["lb"]["load"] == 80_000
    assert data["components"]["app"]["utilisation"] == pytest.approx(80_000 / 60_000)
    assert data["flows"]["redirect"]["latency_ms"] is None  # saturated, not infinity
    assert data["headroom"] == pytest.approx(0.75)


@pytest.mark.parametrize("bad", ["0", "-1", "nan", "inf"])
def test_a_scale_that_is_not_positive_is_refused(bad):
    done = run("design", "check", EXAMPLE, "--scale", bad)
    assert done.returncode == 2
    assert done.stderr.startswith("error: --scale: must be a number above 0")


def test_a_missing_file_is_one_line():
    done = run("design", "check", "no/such.yaml")
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "no/such.yaml: file: not found; check the path",
        "error: 1 problem found; fix each line above and check again",
    ]


def test_drill_lose_an_instance_of_the_database():
    done = run("design", "drill", EXAMPLE, "--lose-instance", "db")
    assert done.returncode == 1  # 2 of 3 left, both needed: 99.8% < 99.95%
    lines = done.stdout.splitlines()
    assert lines[0] == "Drill: lose one instance of db (3 -> 2 up)"
    assert lines[1] == "Broken by the drill:"
    assert lines[2] == ("  - availability: redirect: flow redirect: 99.8% < 99.95%; weakest link: "
                        "db (99.8%); db has no spare instance")


def test_drill_empty_the_cache_as_json():
    done = run("design", "drill", EXAMPLE, "--empty-cache", "cache", "--json")
    assert done.returncode == 1
    data = json.loads(done.stdout)
    assert data["drill"] == "empty cache (hit ratio 90% -> 0%)"
    assert data["after"]["components"]["db"]["load"] == pytest.approx(40_000)
    assert data["before"]["components"]["db"]["load"] == pytest.approx(5_800)
    assert "utilisation" in data["broken"]


def test_drill_lose_the_load_balancer_takes_every_flow_down():
    done = run("design", "drill", EXAMPLE, "--lose-component", "lb", "--json")
    assert done.returncode == 1
    data = json.loads(done.stdout)
    assert {f: v["down"] for f, v in data["after"]["flows"].items()} == {
        "redirect": True, "create": True,
    }


def test_a_drill_that_breaks_nothing_exits_0():
    done = run("design", "drill", EXAMPLE, "--lose-instance", "app")
    assert done.returncode == 0
    assert done.stdout.splitlines()[1] == "No requirement broken by the drill."


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "error: give exactly one of --lose-instance COMPONENT, --lose-component COMPONENT, "
             "--empty-cache CACHE"),
        (["--lose-instance", "db", "--empty-cache", "cache"],
         "error: give exactly one of --lose-instance COMPONENT, --lose-component COMPONENT, "
         "--empty-cache CACHE"),
        (["--lose-instance", "dbb"],
         "error: --lose-instance: component: no component 'dbb' (did you mean 'db'?); "
         "components: client, lb, app, cache, db"),
        (["--empty-cache", "db"],
         "error: --empty-cache: component: db is a database, not a cache or cdn; caches in this "
         "design: cache"),
        (["--lose-instance", "db", "--count", "4"],
         "error: --lose-instance: count: db has 3 instances; lose 1 to 3, got 4"),
    ],
)
def test_drill_errors_are_one_line_and_exit_2(args, message):
    done = run("design", "drill", EXAMPLE, *args)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [message]


def test_breaks_lists_components_in_the_order_they_saturate():
    done = run("design", "breaks", EXAMPLE)
    assert done.returncode == 0
    lines = done.stdout.splitlines()
    assert lines[0] == ("URL shortener: app saturates first, at x1.5 the peak (60K req/s); it "
                        "passes the 70% target at x1.05")
    assert [line.split()[1] for line in lines[2:]] == ["app", "lb", "db", "cache"]
    data = json.loads(run("design", "breaks", EXAMPLE, "--json").stdout)
    assert data["order"][0]["peak_at_saturation"] == pytest.approx(60_000)


def test_diagram_prints_a_mermaid_block():
    done = run("design", "diagram", EXAMPLE, "--evaluated")
    assert done.returncode == 0
    lines = done.stdout.splitlines()
    assert lines[:2] == ["```mermaid", "flowchart LR"]
    assert lines[-1] == "```"
    assert '  c5[("db<br/>database ×3<br/>38.7%")]' in lines
