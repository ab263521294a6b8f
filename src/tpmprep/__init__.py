"""tpmprep: a Jupyter workbook for Technical Program / Product Manager interviews.

Lessons live in ``notebooks/``, worked exercises in ``solutions/`` and the exercises a
candidate fills in in ``exercises/``. A notebook needs only a handful of names, re-exported
here: ``Q`` reads a quantity with units (``Q("3.5K req/s")``), ``fmt`` writes one compactly,
``scenario`` loads the seeded scenario behind an exercise (its ``check`` judges an answer),
and ``contents`` shows the map of the workbook. Heavy libraries (pint, nbformat, ...) load on
first use, so ``import tpmprep`` stays fast.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

__all__ = ["Q", "__version__", "contents", "fmt", "scenario"]

_LAZY = {
    "Q": "tpmprep.units",
    "fmt": "tpmprep.units",
    "scenario": "tpmprep.scenario",
    "contents": "tpmprep.course.contents",
}


def __getattr__(name: str) -> Any:
    """Import a public name's module on first use (PEP 562), keeping package import light."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'tpmprep' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
