"""Show a widget with a readable text fallback: the one headless path every panel uses."""

from __future__ import annotations

from typing import Any

from tpmprep.display import _in_ipython

__all__ = ["WidgetView", "show_widget"]


class WidgetView:
    """A widget and the text that stands for it where no widget can render.

    JupyterLab picks the ``application/vnd.jupyter.widget-view+json`` entry and renders the live
    widget; papermill, nbclient and nbval have no front end and keep ``text/plain``, so a saved
    or headless notebook shows ``text`` instead of ``VBox(children=...)``.

    Parameters
    ----------
    widget : ipywidgets.Widget
        The live widget.
    text : str
        What a reader without widgets should see (a summary; never a hidden answer).
    """

    def __init__(self, widget: Any, text: str):
        self.widget = widget
        self.text = text

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        bundle = dict(self.widget._repr_mimebundle_())
        bundle["text/plain"] = self.text
        return bundle

    def __repr__(self) -> str:
        return self.text


def show_widget(widget: Any, text: str) -> WidgetView:
    """Display ``widget`` in IPython (``text`` as its fallback); print ``text`` elsewhere.

    Parameters
    ----------
    widget : ipywidgets.Widget
        The live widget.
    text : str
        Plain-text stand-in for headless runs and terminals.

    Returns
    -------
    WidgetView
        The displayed view, so tests can reach ``.widget`` and drive it (``.click()``).
    """
    view = WidgetView(widget, text)
    if _in_ipython():
        from IPython.display import display

        display(view)
    else:
        print(text)
    return view
