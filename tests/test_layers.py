"""The house has no circles: every module imports only from its own layer or the ones below.

The layers are listed bottom-up in LAYERS (and in docs/architecture.md). An import is any
``import`` or ``from ... import`` anywhere in a module, at the top or inside a function, so a
lazy import that goes upward fails as surely as a top-level one.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "tpmprep"

# Bottom to top. A module may import its own layer and any layer below it, never one above.
LAYERS: list[set[str]] = [
    {"exceptions", "themes", "attempts", "display", "files", "notebook_errors"},
    {"units", "documents", "validate"},
    {"numbers", "judging", "check_result"},
    {"estimate", "sim", "plan", "design", "apireview"},
    {"quizzes", "practice"},
    {"scenarios"},
    {"plots"},
    {"widgets"},
    {"frontends", "course", "cohort"},
    {"cli", "__main__"},
]
PURE = set().union(*LAYERS[:4])
HEAVY = {"ipywidgets", "matplotlib", "papermill", "click", "IPython", "nbformat", "nbclient"}


def _rank() -> dict[str, int]:
    return {name: i for i, layer in enumerate(LAYERS) for name in layer}


def _unit(path: Path) -> str:
    """The top-level unit of a module: ``plan`` for plan/schedule.py, ``units`` for units.py."""
    rel = path.relative_to(SRC)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def _imports(path: Path) -> list[tuple[int, str, bool]]:
    """(line, imported module, at module level) for every import in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top = {id(node) for node in tree.body}
    # Imports under `if TYPE_CHECKING:` at the top are for annotations only.
    for node in tree.body:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            top |= {id(n) for n in node.body}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name, id(node) in top) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module, id(node) in top))
            if node.module == "tpmprep":
                found += [(node.lineno, f"tpmprep.{a.name}", id(node) in top) for a in node.names]
    return found


MODULES = sorted(p for p in SRC.rglob("*.py") if p.name != "__init__.py" or p.parent != SRC)


def test_every_module_belongs_to_a_layer():
    rank = _rank()
    assert sorted({_unit(p) for p in MODULES} - set(rank)) == []


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_no_module_imports_from_a_layer_above_it(path):
    rank = _rank()
    own = _unit(path)
    upward = []
    for line, module, _ in _imports(path):
        parts = module.split(".")
        if parts[0] != "tpmprep" or len(parts) < 2 or parts[1] not in rank:
            continue
        if rank[parts[1]] > rank[own]:
            upward.append(f"line {line}: {module} (layer {rank[parts[1]]} > {own}'s {rank[own]})")
    assert upward == [], f"{path.relative_to(SRC)} imports upward:\n" + "\n".join(upward)


@pytest.mark.parametrize(
    "path", [p for p in MODULES if _unit(p) in PURE], ids=lambda p: str(p.relative_to(SRC))
)
def test_pure_layers_load_no_ui_notebook_or_cli_library_at_import(path):
    heavy = [
        f"line {line}: {module}"
        for line, module, top_level in _imports(path)
        if top_level and module.split(".")[0] in HEAVY
    ]
    assert heavy == [], f"{path.relative_to(SRC)}: " + ", ".join(heavy)


def test_the_checker_sees_an_upward_import(tmp_path, monkeypatch):
    """Would a core module that imports the widgets be caught?"""
    bad = SRC / "plan" / "schedule.py"
    fake = tmp_path / "schedule.py"
    fake.write_text(bad.read_text() + "\n\ndef _x():\n    from tpmprep.widgets.base import Panel\n")
    found = [m for _, m, _ in _imports(fake) if m.startswith("tpmprep.widgets")]
    assert found == ["tpmprep.widgets.base"]
    assert _rank()["widgets"] > _rank()["plan"]
