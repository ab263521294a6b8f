"""The solutions -> exercises build (`tpmprep build`)."""

from __future__ import annotations

import re

import nbformat
import pytest

from conftest import PARAMS, REPO, TITLE, build_nb, tpmprep, write_nb
from tpmprep.course.build import MARKDOWN_PLACEHOLDER, build, exercise_from, strip_solution
from tpmprep.course.notebooks import notebook_paths, read
from tpmprep.exceptions import ParametersCellError, SolutionMarkerError


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            "### BEGIN SOLUTION\nanswer = 6 * 7\n### END SOLUTION\ncheck(answer)",
            "answer = ...  # your answer\ncheck(answer)",
        ),
        (
            "### BEGIN SOLUTION\na, (b, *c) = 1, (2, 3)\nd: int = 4\ne += 1\na = 9\n"
            "### END SOLUTION",
            "a = ...  # your answer\nb = ...  # your answer\nc = ...  # your answer\n"
            "d = ...  # your answer\ne = ...  # your answer",
        ),
        ("### BEGIN SOLUTION\nprint('hello')\n### END SOLUTION\n", "...  # your answer\n"),
        (
            "def f():\n    ### BEGIN SOLUTION\n    x = 1\n    return x\n    ### END SOLUTION\n",
            "def f():\n    x = ...  # your answer\n",
        ),
        ("x = 1\ny = 2", "x = 1\ny = 2"),
    ],
    ids=["one-name", "many-names", "no-assignment", "indented", "no-markers"],
)
def test_code_regions_become_stubs(source, expected):
    assert strip_solution(source, "code") == expected


def test_markdown_regions_become_a_placeholder():
    source = "Question?\n<!-- BEGIN SOLUTION -->\nThe answer is 42.\n<!-- END SOLUTION -->\nMore."
    assert strip_solution(source, "markdown") == f"Question?\n{MARKDOWN_PLACEHOLDER}\nMore."


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("### BEGIN SOLUTION\nx = 1\n", "never closed"),
        ("### BEGIN SOLUTION\n### BEGIN SOLUTION\nx = 1\n### END SOLUTION\n", "nested"),
        ("x = 1\n### END SOLUTION\n", "without a matching"),
        ("## BEGIN SOLUTION\nx = 1\n## END SOLUTION\n", "exactly as '### BEGIN SOLUTION'"),
    ],
    ids=["unclosed", "nested", "unopened", "malformed"],
)
def test_is_an_error_raised_for_a_bad_region(source, message):
    with pytest.raises(SolutionMarkerError, match=re.escape(message)) as info:
        strip_solution(source, "code", "solutions/x.ipynb", 3)
    assert info.value.cell_index == 3
    assert "solutions/x.ipynb, cell 3" in str(info.value)


def test_prose_that_mentions_ending_a_solution_is_not_a_marker():
    source = "We append solution notes and extend solutions later."
    assert strip_solution(source, "markdown") == source


def _solution():
    nb = build_nb(
        TITLE,
        PARAMS,
        ("code", "### BEGIN SOLUTION\nqps = 7\n### END SOLUTION\nsc.check('qps', qps)", ["graded"]),
        ("markdown", "<!-- BEGIN SOLUTION -->\nSecret reasoning.\n<!-- END SOLUTION -->"),
    )
    nb.cells[2].outputs = [nbformat.v4.new_output("stream", text="✓ correct\n")]
    nb.cells[2].execution_count = 3
    nb.cells[2].metadata["execution"] = {"iopub.status.busy": "2026-01-01"}
    nb.metadata["widgets"] = {"state": {}}
    return nb


def test_exercise_clears_outputs_and_keeps_tags_and_ids(tmp_path):
    solution = _solution()
    exercise = exercise_from(solution, tmp_path / "01-x.ipynb")
    code = [c for c in exercise.cells if c.cell_type == "code"]
    assert all(c.outputs == [] and c.execution_count is None for c in code)
    assert code[0].metadata["tags"] == ["parameters"]
    assert code[1].metadata["tags"] == ["graded"]
    assert "execution" not in code[1].metadata
    assert "widgets" not in exercise.metadata
    assert [c.id for c in exercise.cells] == [c.id for c in solution.cells]
    assert "Secret" not in nbformat.writes(exercise)
    assert solution.cells[2].outputs, "the solution passed in must not be modified"


@pytest.mark.parametrize(
    "cells",
    [
        [TITLE, ("code", "seed = 1\ncandidate = ''")],
        [TITLE, ("markdown", "no code at all")],
        [TITLE, ("code", "seed = 1", ["parameters"])],
    ],
    ids=["untagged", "no-code", "no-candidate"],
)
def test_is_an_error_raised_without_a_proper_parameters_cell(tmp_path, cells):
    with pytest.raises(ParametersCellError, match="parameters"):
        exercise_from(build_nb(*cells), tmp_path / "01-x.ipynb")


def test_build_writes_then_changes_nothing(workbook):
    write_nb(workbook / "solutions/01-a.ipynb", _solution())
    first = build(workbook / "solutions", workbook / "exercises")
    target = workbook / "exercises/01-a.ipynb"
    assert first.written == [target]
    before = (target.read_bytes(), target.stat().st_mtime_ns)
    second = build(workbook / "solutions", workbook / "exercises")
    assert second.written == [] and second.unchanged == [target] and second.in_sync
    assert (target.read_bytes(), target.stat().st_mtime_ns) == before
    assert not list((workbook / "exercises").glob(".*tmp")), "no temporary files are left behind"


def test_check_mode_writes_nothing_and_names_every_problem(workbook):
    write_nb(workbook / "solutions/01-a.ipynb", _solution())
    write_nb(workbook / "solutions/01-b.ipynb", _solution())
    build(workbook / "solutions", workbook / "exercises")
    stale = read(workbook / "solutions/01-a.ipynb")
    stale.cells[0].source = "# A changed title"
    write_nb(workbook / "solutions/01-a.ipynb", stale)
    (workbook / "exercises/01-b.ipynb").unlink()
    write_nb(workbook / "exercises/01-orphan.ipynb", _solution())
    snapshot = {p: p.read_bytes() for p in (workbook / "exercises").iterdir()}

    report = build(workbook / "solutions", workbook / "exercises", check=True)

    assert [p.name for p in report.stale] == ["01-a.ipynb"]
    assert [p.name for p in report.missing] == ["01-b.ipynb"]
    assert [p.name for p in report.orphans] == ["01-orphan.ipynb"]
    assert not report.in_sync
    assert {p: p.read_bytes() for p in (workbook / "exercises").iterdir()} == snapshot


def test_a_bad_solution_means_nothing_is_written(workbook):
    write_nb(workbook / "solutions/01-good.ipynb", _solution())
    bad = _solution()
    bad.cells[2].source = "### BEGIN SOLUTION\nqps = 7\n"
    write_nb(workbook / "solutions/02-bad.ipynb", bad)
    with pytest.raises(SolutionMarkerError, match=r"02-bad.ipynb, cell 2"):
        build(workbook / "solutions", workbook / "exercises")
    assert list((workbook / "exercises").iterdir()) == []


def test_cli_check_exit_codes_and_messages(workbook):
    write_nb(workbook / "solutions/01-a.ipynb", _solution())
    missing = tpmprep("build", "--check", cwd=workbook)
    assert missing.returncode == 1
    assert "missing: exercises/01-a.ipynb" in missing.stdout
    assert not (workbook / "exercises/01-a.ipynb").exists()

    assert tpmprep("build", cwd=workbook).returncode == 0
    in_sync = tpmprep("build", "--check", cwd=workbook)
    assert in_sync.returncode == 0, in_sync.stdout + in_sync.stderr

    write_nb(workbook / "exercises/01-orphan.ipynb", _solution())
    orphan = tpmprep("build", "--check", cwd=workbook)
    assert orphan.returncode == 1
    assert "no solution: exercises/01-orphan.ipynb" in orphan.stdout


def test_cli_reports_a_malformed_solution_without_a_traceback(workbook):
    bad = _solution()
    bad.cells[2].source = "### BEGIN SOLUTION\n### BEGIN SOLUTION\n"
    write_nb(workbook / "solutions/01-bad.ipynb", bad)
    result = tpmprep("build", cwd=workbook)
    assert result.returncode == 2
    assert "01-bad.ipynb, cell 2" in result.stderr and "nested" in result.stderr
    assert "Traceback" not in result.stderr


# A line that only opens or closes a call ("print(", "),") says nothing about the answer.
_SYNTAX_ONLY = re.compile(r"^(?:[\w.]+\($|[)\]}]+,?)$")


def _solution_lines(nb) -> list[str]:
    """Every non-trivial line inside a solution region of a notebook."""
    found, inside = [], False
    for cell in nb.cells:
        for line in cell.source.splitlines():
            if re.search(r"\bBEGIN\s+SOLUTION\b", line):
                inside = True
            elif re.search(r"\bEND\s+SOLUTION\b", line):
                inside = False
            elif inside and len(line.strip()) > 3 and not _SYNTAX_ONLY.match(line.strip()):
                found.append(line.strip())
    return found


@pytest.mark.parametrize("solution", notebook_paths(REPO / "solutions"), ids=lambda p: p.name)
def test_no_exercise_in_the_repository_contains_solution_text(solution):
    exercise = REPO / "exercises" / solution.name
    assert exercise.exists(), f"run `tpmprep build`: {exercise.name} is missing"
    text = exercise.read_text(encoding="utf-8")
    lines = _solution_lines(read(solution))
    assert lines, "a solution notebook must have solution regions"
    leaked = [line for line in lines if line in text and not line.startswith("sc.check(")]
    assert leaked == []


def _answer_in(path):
    nb = read(path)
    cell = next(c for c in nb.cells if "qps = ..." in c.source)
    cell.source = cell.source.replace("qps = ...", "qps = 7000")
    write_nb(path, nb)


def test_a_candidates_answers_are_kept_when_the_solution_changes(workbook):
    write_nb(workbook / "solutions/01-a.ipynb", _solution())
    build(workbook / "solutions", workbook / "exercises")
    exercise = workbook / "exercises/01-a.ipynb"
    _answer_in(exercise)
    answered = exercise.read_bytes()
    changed = read(workbook / "solutions/01-a.ipynb")
    changed.cells[0].source = "# A better title"
    write_nb(workbook / "solutions/01-a.ipynb", changed)

    report = build(workbook / "solutions", workbook / "exercises")
    assert report.edited == [exercise] and report.written == []
    assert exercise.read_bytes() == answered
    assert not build(workbook / "solutions", workbook / "exercises", check=True).in_sync

    result = tpmprep("build", cwd=workbook)
    assert result.returncode == 1
    assert "kept exercises/01-a.ipynb: edited since it was built" in result.stdout
    assert exercise.read_bytes() == answered

    forced = build(workbook / "solutions", workbook / "exercises", force=True)
    assert forced.written == [exercise]
    assert "# A better title" in exercise.read_text()


def test_running_an_exercise_without_answering_does_not_count_as_editing(workbook):
    write_nb(workbook / "solutions/01-a.ipynb", _solution())
    build(workbook / "solutions", workbook / "exercises")
    exercise = workbook / "exercises/01-a.ipynb"
    nb = read(exercise)
    nb.cells[2].outputs = [nbformat.v4.new_output("stream", text="… not answered yet\n")]
    nb.cells[2].execution_count = 1
    write_nb(exercise, nb)
    changed = read(workbook / "solutions/01-a.ipynb")
    changed.cells[0].source = "# A better title"
    write_nb(workbook / "solutions/01-a.ipynb", changed)
    assert build(workbook / "solutions", workbook / "exercises").written == [exercise]


def test_the_exercise_default_seed_is_not_the_worked_solutions(tmp_path):
    exercise = exercise_from(_solution(), tmp_path / "01-a.ipynb")
    source = exercise.cells[1].source
    seed = int(source.split("seed = ")[1].split("\n")[0])
    assert seed not in (0, 1)
    assert source.endswith('candidate = ""')
    assert exercise_from(_solution(), tmp_path / "01-a.ipynb").cells[1].source == source


def test_no_default_seed_in_the_repository_repeats_its_solutions():
    from tpmprep.course.notebooks import parameters_in

    for solution in notebook_paths(REPO / "solutions"):
        seeds = [
            parameters_in(read(folder / solution.name).cells[1].source)["seed"]
            for folder in (REPO / "solutions", REPO / "exercises")
        ]
        assert seeds[0] != seeds[1], solution.name


def _start_with_a_map_cell(workbook):
    from tpmprep.course.contents import MAP_MARKER

    nb = build_nb(("markdown", "# Start here"), ("markdown", MAP_MARKER + "\n\nold map"))
    return write_nb(workbook / "notebooks/00-start.ipynb", nb)


def test_build_keeps_the_start_notebooks_map_in_step_with_the_files(workbook):
    start = _start_with_a_map_cell(workbook)
    write_nb(workbook / "solutions/01-a.ipynb", _solution())

    assert start in build(workbook / "solutions", workbook / "exercises", check=True).stale
    build(workbook / "solutions", workbook / "exercises")
    text = read(start).cells[1].source
    assert "old map" not in text
    assert "](../exercises/01-a.ipynb)" in text and "](../solutions/01-a.ipynb)" in text
    assert build(workbook / "solutions", workbook / "exercises", check=True).in_sync

    write_nb(workbook / "solutions/02-b.ipynb", _solution())
    build(workbook / "solutions", workbook / "exercises")
    assert "](../exercises/02-b.ipynb)" in read(start).cells[1].source

    edited = read(start)
    edited.cells[1].source += "\n| 99 | a row written by hand | | |"
    write_nb(start, edited)
    assert start in build(workbook / "solutions", workbook / "exercises", check=True).stale


def test_the_start_notebook_links_every_lesson_exercise_and_solution_without_running():
    from tpmprep.course.contents import MAP_MARKER

    start = read(REPO / "notebooks/00-start-here.ipynb")
    (text,) = [c.source for c in start.cells if c.source.startswith(MAP_MARKER)]
    for folder in ("notebooks", "exercises", "solutions"):
        for path in (REPO / folder).glob("*.ipynb"):
            link = path.name if folder == "notebooks" else f"../{folder}/{path.name}"
            assert f"]({link})" in text, f"00-start-here does not link {folder}/{path.name}"
