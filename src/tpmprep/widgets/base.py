"""Show a widget with a readable text fallback: the one headless path every panel uses."""

from __future__ import annotations

from typing import Any

from tpmprep.display import _in_ipython
from tpmprep.plots.base import new_figure, png

__all__ = ["Panel", "WidgetView", "draw", "new_figure", "png", "show_widget"]


def _execution_count() -> int | None:
    """Return IPython's current execution count (None outside IPython)."""
    if not _in_ipython():
        return None
    from IPython import get_ipython

    return getattr(get_ipython(), "execution_count", None)


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
        self._shown_in: int | None = None
        self._shown = False

    def _ipython_display_(self) -> None:
        # A panel function displays its panel and returns it; as the last expression of the
        # same cell it must not appear twice. In a later cell it is shown again.
        count = _execution_count()
        if self._shown and self._shown_in == count:
            return
        self._shown, self._shown_in = True, count
        from IPython.display import display

        display(self._repr_mimebundle_(), raw=True)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        bundle = dict(self.widget._repr_mimebundle_())
        bundle["text/plain"] = self.text
        return bundle

    def __repr__(self) -> str:
        return self.text


class Panel:
    """Base of every panel: a live ``widget`` and a ``text()`` summary for headless runs.

    Subclasses build ``self.widget`` and define ``text()``; ``show()`` displays the panel once
    per cell, and a panel returned as a cell's value is not displayed a second time.
    """

    widget: Any
    view: WidgetView | None = None

    def text(self) -> str:
        """Return the plain-text summary shown where widgets cannot render."""
        raise NotImplementedError

    def show(self) -> Panel:
        """Display the panel (live in JupyterLab, ``text()`` elsewhere) and return it."""
        self.view = show_widget(self.widget, self.text())
        return self

    def _ipython_display_(self) -> None:
        if self.view is None:
            self.view = WidgetView(self.widget, self.text())
        self.view._ipython_display_()

    def __repr__(self) -> str:
        return self.text()


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
        view._ipython_display_()
    else:
        print(text)
    return view


def draw(out: Any, fig: Any, label: str = "plot") -> None:
    """Replace what an ``ipywidgets.Output`` shows with ``fig``, as a PNG in its state.

    Setting ``Output.outputs`` (instead of ``with out: display(fig)``) renders in JupyterLab,
    is saved with the widget state, works with no kernel front end at all, and never leaks
    into the cell's own output under nbval (see PITFALLS: Output widgets).

    Parameters
    ----------
    out : ipywidgets.Output
        The panel's plot area.
    fig : matplotlib.figure.Figure
        The new picture.
    label : str
        Its ``text/plain`` stand-in.
    """
    out.outputs = (
        {
            "output_type": "display_data",
            "data": {"image/png": png(fig), "text/plain": f"<{label}>"},
            "metadata": {},
        },
    )
