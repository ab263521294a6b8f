"""Show a widget with a readable text fallback: the one headless path every panel uses."""

from __future__ import annotations

from typing import Any

from tpmprep.display import _in_ipython

__all__ = ["WidgetView", "draw", "new_figure", "show_widget"]


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


def _ensure_png_formatter() -> None:
    """Let IPython render a bare ``Figure`` as PNG (a cell's value or ``display(fig)``).

    The inline backend registers its Figure formatter only after ``%matplotlib inline`` or a
    pyplot figure; our figures are not pyplot-managed (so they are never shown twice or left
    open in pyplot's registry), hence the explicit ``select_figure_formats``.
    """
    if not _in_ipython():
        return
    from IPython import get_ipython
    from IPython.core.pylabtools import select_figure_formats
    from matplotlib.figure import Figure

    shell = get_ipython()
    png = shell.display_formatter.formatters["image/png"]
    if Figure not in png.type_printers:
        select_figure_formats(shell, {"png"})


def new_figure(width: float = 8.0, height: float = 4.0) -> Any:
    """Return a new matplotlib ``Figure`` (constrained layout) that IPython shows as a PNG.

    Figures are created without pyplot, so a plot function's return value is shown once (as
    the cell's value) and nothing is left open in pyplot's registry.

    Parameters
    ----------
    width, height : float
        Size in inches.

    Returns
    -------
    matplotlib.figure.Figure
    """
    from matplotlib.figure import Figure

    _ensure_png_formatter()
    return Figure(figsize=(width, height), layout="constrained")


def draw(out: Any, fig: Any) -> None:
    """Replace what an ``ipywidgets.Output`` shows with ``fig`` (only where IPython runs).

    Parameters
    ----------
    out : ipywidgets.Output
        The panel's plot area.
    fig : matplotlib.figure.Figure
        The new picture.
    """
    if not _in_ipython():
        return
    from IPython.display import display

    with out:
        out.clear_output(wait=True)
        display(fig)
