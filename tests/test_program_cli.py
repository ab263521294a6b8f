"""``tpmprep program check`` and ``tpmprep program status``.

The exit-code contract runs the installed console script, as a user does; the other cases run
the same click command in-process (``CliRunner``), which is faster and prints the same text.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from conftest import tpmprep

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "docs" / "examples"
CLEAN = str(EXAMPLES / "program-launch.yaml")
FINDINGS = str(EXAMPLES / "program-findings.yaml")
PROGRESS = str(EXAMPLES / "program-progress.yaml")


def run(*args: str) -> SimpleNamespace:
    """Run ``tpmprep ARGS`` in-process; same fields as ``subprocess.CompletedProcess``."""
    from tpmprep.cli import main

    result = CliRunner().invoke(main, list(args))
    return SimpleNamespace(returncode=result.exit_code, stdout=result.stdout, stderr=result.stderr)


def test_exit_codes_with_the_installed_script(tmp_path):
    clean = tpmprep("program", "check", CLEAN)
    assert clean.returncode == 0, clean.stderr
    assert "No findings." in clean.stdout
    found = tpmprep("program", "check", FINDINGS)
    assert found.returncode == 1, found.stderr
    assert "missing-gate: uat:" in found.stdout
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\nkind: lunch\nteams: {a: 1}\ntasks: [{name: t, team: a}]\n")
    broken = tpmprep("program", "check", str(bad))
    assert broken.returncode == 2
    assert "Traceback" not in broken.stderr
    assert broken.stderr.splitlines() == [
        f"{bad}: kind: Input should be 'launch' or 'migration'",
        f"{bad}: tasks[0].duration: required but missing",
        "error: 2 problems found; fix each line above and check again",
    ]
    assert broken.stdout == ""


def test_json_has_the_documented_keys():
    done = run("program", "check", FINDINGS, "--json")
    assert done.returncode == 1
    data = json.loads(done.stdout)
    assert data["critical_path"] == [
        "api-contract",
        "payments-integration",
        "security-review",
        "launch",
        "rollback-plan",
    ]
    assert data["finish_days"] == 20
    assert data["p85_days"] > data["p50_days"] > data["finish_days"]
    assert data["monte_carlo"] == {"samples": 4000, "seed": 0, "distribution": "pert"}
    kinds = [(f["kind"], f["subject"]) for f in data["findings"]]
    assert ("over-allocated", "checkout") in kinds
    assert ("no-rollback-path", "rollback-plan") in kinds
    assert all(f["detail"].endswith(".") for f in data["findings"])


def test_json_of_a_clean_plan_exits_zero_with_no_findings():
    done = run("program", "check", CLEAN, "--json")
    assert done.returncode == 0
    assert json.loads(done.stdout)["findings"] == []


def test_samples_and_seed_are_options():
    data = json.loads(run("program", "check", CLEAN, "--json", "--samples", "500",
                          "--seed", "3").stdout)
    assert data["monte_carlo"] == {"samples": 500, "seed": 3, "distribution": "pert"}
    assert run("program", "check", CLEAN, "--samples", "0").returncode == 2


def test_an_unschedulable_plan_still_gets_json(tmp_path):
    path = tmp_path / "cycle.yaml"
    path.write_text(
        "name: c\nkind: launch\nteams: {a: 2}\ntasks:\n"
        "  - {name: x, team: a, duration: 1, depends_on: [y]}\n"
        "  - {name: y, team: a, duration: 1, depends_on: [x]}\n"
    )
    done = run("program", "check", str(path), "--json")
    assert done.returncode == 1
    data = json.loads(done.stdout)
    assert (data["critical_path"], data["finish_days"], data["p85_days"]) == ([], None, None)
    assert data["findings"][0]["kind"] == "cycle"


@pytest.mark.parametrize(
    ("content", "line"),
    [
        (None, "file: not found; check the path"),
        ("name: [x\n", "line 2, column 1: YAML syntax error"),
        ("- a\n", "file: a program is a mapping with name, kind, teams and tasks"),
    ],
)
def test_unreadable_files_exit_2_with_one_line(tmp_path, content, line):
    path = tmp_path / "plan.yaml"
    if content is not None:
        path.write_text(content)
    done = run("program", "check", str(path))
    assert done.returncode == 2
    first, summary = done.stderr.splitlines()
    assert first.startswith(f"{path}: {line}")
    assert summary == "error: 1 problem found; fix each line above and check again"


def test_status_prints_the_report():
    done = run("program", "status", CLEAN, "--progress", PROGRESS)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Status: buy-now-eu, as of 2027-03-19 (day 14)\nRED: ")
    assert "Escalate:" in done.stdout
    markdown = run("program", "status", CLEAN, "--progress", PROGRESS, "--markdown").stdout
    assert markdown.startswith("### Status: buy-now-eu")
    data = json.loads(run("program", "status", CLEAN, "--progress", PROGRESS, "--json").stdout)
    assert data["rag"] == "red"
    assert data["slip_days"] == 7


def test_status_rejects_a_task_not_in_the_plan(tmp_path):
    progress = tmp_path / "progress.yaml"
    progress.write_text("as_of: 3\ntasks: {api-contrakt: 100}\n")
    done = run("program", "status", CLEAN, "--progress", str(progress))
    assert done.returncode == 2
    assert done.stderr.splitlines()[0] == (
        f"{progress}: tasks.api-contrakt: not a task of buy-now-eu; check the spelling"
    )


def test_status_needs_progress():
    done = run("program", "status", CLEAN)
    assert done.returncode == 2
    assert "--progress" in done.stderr
