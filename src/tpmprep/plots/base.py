"""What every one-call plot shares: a Figure that IPython shows as a PNG, and PNG bytes.

Plots need only matplotlib (and IPython, when there is one, to register the PNG formatter):
drawing a Gantt chart never imports ipywidgets.
"""

from __future__ import annotations

from typing import Any

from tpmprep.display import _in_ipython

__all__ = ["new_figure", "png"]


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


def png(fig: Any, dpi: int = 80) -> str:
    """Render a matplotlib figure as base64 PNG text (Jupyter's ``image/png`` format)."""
    import base64
    import io

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    return base64.b64encode(buffer.getvalue()).decode("ascii")
