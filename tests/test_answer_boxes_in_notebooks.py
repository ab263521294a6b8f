"""Every exercise can be answered without code: answer boxes under the brief, written-answer boxes.

Issue 15 items 1 and 3, as the notebooks carry them: each solution (and so each exercise built
from it) shows `answer_boxes(sc)` right after the brief, and each free-text question
("Argue it", "Write it", ...) has its `argue_box(sc, name)`, whose rubric lives in
`scenarios/arguments.yaml`, no longer in the Markdown.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import nbformat
import pytest

from tpmprep.scenarios.arguments import arguments

REPO = Path(__file__).resolve().parents[1]
SOLUTIONS = sorted((REPO / "solutions").glob("*.ipynb"))
INTRO = "Answer in the boxes, or in code below: both are checked the same way."
QUESTION = re.compile(r"^## \d+\. (\w+) it: ", re.MULTILINE)


def _scenario_id(nb) -> str:
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    return re.search(r'scenario\("([^"]+)"', code).group(1)


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.stem)
def test_the_answer_boxes_follow_the_brief_and_are_imported(path):
    cells = nbformat.read(path, 4).cells
    brief = next(
        i for i, c in enumerate(cells) if c.cell_type == "code" and "sc.brief()" in c.source
    )
    intro, boxes = cells[brief + 1], cells[brief + 2]
    assert (intro.cell_type, intro.source) == ("markdown", INTRO)
    assert (boxes.cell_type, boxes.source) == ("code", "answer_boxes(sc)")
    imports = [
        alias.name
        for c in cells
        if c.cell_type == "code" and "from tpmprep import" in c.source
        for node in ast.walk(ast.parse(c.source))
        if isinstance(node, ast.ImportFrom) and node.module == "tpmprep"
        for alias in node.names
    ]
    assert "answer_boxes" in imports
    outputs = [o.get("data", {}).get("text/plain", "") for o in boxes.get("outputs", [])]
    assert any(text.startswith("Answer boxes: ") for text in outputs), "run the solution"


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.stem)
def test_each_written_question_has_its_box_and_its_rubric_lives_in_the_scenario(path):
    nb = nbformat.read(path, 4)
    scenario_id = _scenario_id(nb)
    asked = [m for c in nb.cells if c.cell_type == "markdown" for m in QUESTION.findall(c.source)]
    called = [
        m
        for c in nb.cells
        if c.cell_type == "code"
        for m in re.findall(r'^argue_box\(sc, "(\w+)"\)$', c.source, re.MULTILINE)
    ]
    assert len(called) == len(asked), f"{len(asked)} written questions, {len(called)} boxes"
    assert sorted(called) == sorted(arguments(scenario_id))
    markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert "Rubric for self-assessment" not in markdown


def test_every_rubric_in_the_data_is_used_by_one_solution():
    used = {}
    for path in SOLUTIONS:
        nb = nbformat.read(path, 4)
        for c in nb.cells:
            for name in re.findall(r'^argue_box\(sc, "(\w+)"\)$', c.source, re.MULTILINE):
                key = (_scenario_id(nb), name)
                assert key not in used, f"{key} in {path.name} and {used[key]}"
                used[key] = path.name
    from tpmprep.scenarios.arguments import _arguments

    declared = {(sid, name) for sid, qs in _arguments().items() for name in qs}
    assert declared == set(used)
