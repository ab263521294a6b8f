"""tpmprep: a Jupyter workbook for Technical Program / Product Manager interviews.

Lessons live in ``notebooks/``, worked exercises in ``solutions/`` and the exercises a
candidate fills in in ``exercises/``. A notebook needs only a handful of names, re-exported
here: ``Q`` reads a quantity with units (``Q("3.5K req/s")``), ``fmt`` writes one compactly,
``Estimate`` is a chain of named estimation steps that shows its work, ``numbers`` holds the
reference tables (latency, cost, availability) with their sources, ``scenario`` loads the seeded
scenario behind an exercise (its ``check`` judges an answer; ``answer_boxes(sc)`` and
``argue_box(sc, name)`` take typed and written answers without code), ``show_design(design)``
draws a system design evaluated and ``design_builder()`` builds one without code,
``quiz("caching")``,
``review()`` (flashcards), ``mock("system-design")``, ``progress()``, ``next()`` (what to do
now; ``next(iterator)`` is still Python's) and ``study_plan(interview=..., hours_per_week=...)``
are the practice front ends, and ``contents`` shows the map of the workbook. Heavy libraries
(pint, numpy, ipywidgets, ...) load on first use, so ``import tpmprep`` stays fast.
"""

from __future__ import annotations

import importlib
from typing import Any

from tpmprep import attempts as _attempts
from tpmprep import notebook_errors as _notebook_errors

__version__ = "0.1.0"

__all__ = [
    "Estimate",
    "Q",
    "StoryBank",
    "__version__",
    "answer_boxes",
    "argue_box",
    "ceil",
    "contents",
    "design_builder",
    "fmt",
    "mock",
    "next",
    "numbers",
    "progress",
    "quiz",
    "reset_progress",
    "review",
    "scenario",
    "show_design",
    "study_plan",
    "what_next",
]

# name -> module holding it; a module name maps to itself (``numbers``).
_LAZY = {
    "Q": "tpmprep.units",
    "fmt": "tpmprep.units",
    "ceil": "tpmprep.units",
    "Estimate": "tpmprep.estimate.chain",
    "numbers": "tpmprep.numbers",
    "scenario": "tpmprep.scenarios.base",
    "quiz": "tpmprep.frontends",
    "review": "tpmprep.frontends",
    "mock": "tpmprep.frontends",
    "progress": "tpmprep.frontends",
    "what_next": "tpmprep.frontends",
    "next": "tpmprep.frontends",  # also Python's next(iterator): see tpmprep.frontends.next
    "study_plan": "tpmprep.frontends",
    "reset_progress": "tpmprep.frontends",
    "answer_boxes": "tpmprep.frontends",
    "argue_box": "tpmprep.frontends",
    "show_design": "tpmprep.frontends",
    "design_builder": "tpmprep.frontends",
    "contents": "tpmprep.course.contents",
    "StoryBank": "tpmprep.practice.stories",
}


# Attempts published by scenarios and quizzes are kept by the practice layer's progress store,
# resolved on the first attempt so that this import stays light (see tpmprep.attempts).
_attempts.subscribe("tpmprep.practice.store:record_published")

# In a notebook, an error tpmprep raises on purpose shows its one-line message, not a traceback
# (nothing happens outside IPython; see tpmprep.notebook_errors).
_notebook_errors.install()


def __getattr__(name: str) -> Any:
    """Import a public name's module on first use (PEP 562), keeping package import light."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'tpmprep' has no attribute {name!r}")
    imported = importlib.import_module(module)
    value = imported if module == f"tpmprep.{name}" else getattr(imported, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
