"""Show things to the candidate: rich output in a notebook, plain text anywhere else."""

from __future__ import annotations

from typing import Any

__all__ = ["show", "show_markdown"]


def _in_ipython() -> bool:
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with ipykernel
        return False
    return get_ipython() is not None


def show(obj: Any, text: str) -> None:
    """Display ``obj`` with its rich representations in IPython; print ``text`` elsewhere."""
    if _in_ipython():
        from IPython.display import display

        display(obj)
    else:
        print(text)


def show_markdown(text: str) -> None:
    """Render Markdown in IPython; print it as it is elsewhere."""
    if _in_ipython():
        from IPython.display import Markdown

        show(Markdown(text), text)
    else:
        print(text)
