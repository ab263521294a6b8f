"""Exercise stubs name only what is checked (issue 13 item 5), and lint keeps it so."""

from __future__ import annotations

import pytest

from conftest import PARAMS, REPO, TITLE, build_nb, write_nb
from tpmprep.course.build import checks_in, exercise_from, strip_solution
from tpmprep.course.lint import lint
from tpmprep.course.notebooks import notebook_paths, read

SCENARIO = ("code", 'sc = scenario("estimation/traffic-basics", seed=seed)')


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            "### BEGIN SOLUTION\ntarget = 0.9\ncache_items = 2 * target\n### END SOLUTION\n"
            'sc.check("cache_items", cache_items)',
            'cache_items = ...  # your answer\nsc.check("cache_items", cache_items)',
        ),
        (
            "### BEGIN SOLUTION\nhalf = 4\ndb_half = 2 * half\nratio = half / 8\n"
            "### END SOLUTION\n",
            "",
        ),
        (
            "def f():\n    ### BEGIN SOLUTION\n    x = 1\n    return x\n    ### END SOLUTION\n",
            "def f():\n    ...  # your answer\n",
        ),
    ],
    ids=["working-dropped", "nothing-checked", "function-body"],
)
def test_only_checked_names_become_stubs(source, expected):
    """Does a region's working (target, half) vanish, leaving only the checked answer?"""
    assert strip_solution(source, "code", checked={"cache_items"}) == expected


def _solution():
    return build_nb(
        TITLE,
        PARAMS,
        SCENARIO,
        (
            "code",
            "### BEGIN SOLUTION\nper_server = 7\nservers = 3 * per_server\n### END SOLUTION\n"
            'sc.check("servers", servers)',
        ),
        ("markdown", "The chart shows the servers per zone.", ["solution-only"]),
        ("code", "### BEGIN SOLUTION\nplot_servers(servers)\n### END SOLUTION\n"),
        ("code", "# A comment only, outside any region\nprint(sc)"),
    )


def test_a_chart_of_the_worked_answer_is_left_out_of_the_exercise(tmp_path):
    """Is a region feeding no check (a chart) dropped, with the caption tagged solution-only?"""
    solution = _solution()
    exercise = exercise_from(solution, tmp_path / "01-x.ipynb")
    sources = [c.source for c in exercise.cells]
    assert 'servers = ...  # your answer\nsc.check("servers", servers)' in sources
    assert not any("plot_servers" in s or "chart" in s for s in sources)
    assert not any("per_server" in s for s in sources)
    assert "# A comment only, outside any region\nprint(sc)" in sources
    kept = {c.id for c in exercise.cells}
    assert kept == {c.id for c in solution.cells} - {"test-4", "test-5"}


def test_checks_in_reads_answer_ids_and_variables_in_order():
    source = 'sc.check("b", b)\nif x:\n    check("a", 2 * a)\nsc.check("daily_storage", daily)'
    assert checks_in(source) == [("b", "b"), ("a", None), ("daily_storage", "daily")]
    assert checks_in("this is not python (") == []


@pytest.mark.parametrize(
    ("folder", "cell", "problem"),
    [
        (
            "solutions",
            (
                "code",
                "### BEGIN SOLUTION\ndaily = 1\n### END SOLUTION\n"
                'sc.check("daily_storage", daily)',
            ),
            "check('daily_storage', ...) reads 'daily'",
        ),
        (
            "exercises",
            ("code", 'copies = ...  # your answer\nx = ...  # your answer\nsc.check("x", x)'),
            "the stub 'copies' = ... is read by no check",
        ),
        ("exercises", ("code", "...  # your answer\n"), "a bare '...'"),
        (
            "notebooks",
            ("code", "# NBVAL_IGNORE_OUTPUT\nprint(1)"),
            "cell tag 'nbval-ignore-output'",
        ),
    ],
    ids=["check-reads-another-name", "unchecked-stub", "bare-stub", "marker-comment"],
)
def test_lint_reports_stubs_and_markers_a_candidate_should_not_see(
    workbook, folder, cell, problem
):
    nb = build_nb(TITLE, PARAMS, SCENARIO, cell)
    if folder == "solutions":
        for c in nb.cells:
            if c.cell_type == "code":
                c.execution_count = 1
    write_nb(workbook / folder / "01-x.ipynb", nb)
    problems = lint(workbook)
    assert any(problem in p and "01-x.ipynb, cell 3" in p for p in problems), problems


def test_a_marker_as_a_tag_is_fine(workbook):
    nb = build_nb(TITLE, ("code", "print(1)", ["nbval-ignore-output"]))
    write_nb(workbook / "notebooks" / "01-x.ipynb", nb)
    assert lint(workbook) == []


@pytest.mark.parametrize("path", notebook_paths(REPO / "exercises"), ids=lambda p: p.name)
def test_every_exercise_cell_asks_only_for_what_it_checks(path):
    """Does each answer cell hold one '...' per check, named like the check (not four '...')?"""
    for cell in read(path).cells:
        if cell.cell_type != "code":
            continue
        blanks = cell.source.count("...  # your answer")
        checks = checks_in(cell.source)
        assert blanks == len(checks), cell.source
        for answer, variable in checks:
            assert variable == answer
            assert f"{answer} = ...  # your answer" in cell.source


def test_an_unanswered_check_says_not_answered_yet():
    """Does a blank stub pass? It must not: it is 'not answered yet'."""
    from tpmprep import scenario

    sc = scenario("caching/news-feed", seed=1)
    result = sc.judge("cache_items", ...)
    assert not result.correct
    assert "not answered yet" in result.text()
