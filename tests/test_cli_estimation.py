"""``tpmprep calc`` and ``tpmprep numbers``.

The issue's examples run the installed console script, as a user does; the many error cases run
the same click command in-process (``CliRunner``), which is much faster and shows the same text.
"""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from conftest import tpmprep


def run(*args: str) -> SimpleNamespace:
    """Run ``tpmprep ARGS`` in-process; same fields as ``subprocess.CompletedProcess``."""
    from tpmprep.cli import main

    result = CliRunner().invoke(main, list(args))
    return SimpleNamespace(returncode=result.exit_code, stdout=result.stdout, stderr=result.stderr)


@pytest.mark.parametrize(
    ("args", "out"),
    [
        (["20M users * 5 / day", "--to", "1/s"], "1.16K/s"),
        (["8 Mbps * 1 hour", "--to", "GB"], "3.6 GB"),
    ],
)
def test_the_issues_examples_with_the_installed_script(args, out):
    done = tpmprep("calc", *args)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == out


def test_an_error_from_the_installed_script_is_one_line_without_traceback():
    done = tpmprep("calc", "5 MB + 3 s")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines() == [
        "error: in '5 MB + 3 s': cannot add a data size (5 MB) and a duration (3 s) with '+' "
        "at column 6"
    ]


@pytest.mark.parametrize(
    ("args", "out"),
    [
        (["20% * 50M users"], "10M user"),
        (["(2 + 3) ** 2 * 1 KB"], "25 KB"),
        (["30 TB/day * 365 day", "--to", "PB"], "11 PB"),
        (["1B req / 30 day", "--to", "req/s"], "386 req/s"),
    ],
)
def test_calc_prints_the_result(args, out):
    done = run("calc", *args)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == out


def test_calc_json():
    done = run("calc", "8 Mbps * 1 hour", "--to", "GB", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"value": pytest.approx(3.6), "unit": "GB"}


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["5 MB + 3 s"], ["a data size", "a duration", "'+'", "column 6"]),
        (["5 zorks"], ["unknown unit 'zorks'", "column 3"]),
        (["5 MB +"], ["ends after '+'", "column 6"]),
        (["(5 MB"], ["never closed", "column 1"]),
        ([""], ["empty"]),
        (["1/0"], ["division by zero"]),
        (["5 MB", "--to", "s"], ["cannot express a data size in s"]),
        (["5 MB", "--to", "zorks"], ["--to", "unknown unit 'zorks'"]),
    ],
)
def test_calc_errors_are_one_line_with_status_2(args, words):
    done = run("calc", *args)
    assert done.returncode == 2
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ")
    for word in words:
        assert word in lines[0]


def test_numbers_prints_a_table_with_sources_and_dates():
    done = run("numbers", "latency")
    assert done.returncode == 0, done.stderr
    assert "main_memory_reference" in done.stdout and "100 ns" in done.stdout
    assert "System Design Primer" in done.stdout and "2017" in done.stdout
    recent = run("numbers", "latency", "--edition", "recent")
    assert "50 ns" in recent.stdout and "napkin-math" in recent.stdout


def test_numbers_json_lists_every_entry_with_provenance():
    done = tpmprep("numbers", "--json")
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert {r["key"].split(".")[0] for r in rows} == {
        "latency",
        "throughput",
        "availability",
        "powers_of_two",
        "cost",
    }
    for row in rows:
        assert row["source"] and row["url"] and row["date"]
        assert isinstance(row["value"], float) and isinstance(row["unit"], str)


@pytest.mark.parametrize(
    ("args", "word"),
    [(["zork"], "unknown table 'zork'"), (["latency", "--edition", "new"], "no edition 'new'")],
)
def test_numbers_errors(args, word):
    done = run("numbers", *args)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and word in done.stderr
