"""Errors in a notebook are one line: a ``TpmprepError`` shows its message, not a traceback.

Every error tpmprep raises on purpose says what was wrong and how to fix it
(``cache_items: must be at least 0, got -2``). In a notebook, IPython would print that line at
the bottom of a traceback through library code the candidate never wrote. ``install()``, called
when ``tpmprep`` is imported inside IPython (JupyterLab, nbclient, papermill, nbval), registers a
custom exception handler (``InteractiveShell.set_custom_exc``) for ``TpmprepError`` only: the
cell fails as before (Run All stops there, nbclient raises, the error output keeps its ``ename``
and ``evalue``), but what is shown is ``CalculationError: cache_items: ...`` and nothing else.
Every other exception keeps its normal traceback, and ``%tb`` still prints the full traceback
of a tpmprep error for whoever needs it.

Outside IPython ``install()`` does nothing, and this module imports nothing heavy.
"""

from __future__ import annotations

import sys
from typing import Any

from tpmprep.exceptions import TpmprepError

__all__ = ["install", "one_line", "uninstall"]

_RED, _RESET = "\x1b[0;31m", "\x1b[0m"


def one_line(error: BaseException) -> str:
    """Return how a tpmprep error is shown in a notebook: its type and its message.

    Parameters
    ----------
    error : BaseException
        The error.

    Returns
    -------
    str
        ``"CalculationError: cache_items: must be at least 0, got -2"`` (a message of several
        problems, such as a ``DocumentError``'s, keeps one line per problem).
    """
    return f"{type(error).__name__}: {error}"


def _handler(shell: Any, etype: type, value: BaseException, tb: Any, tb_offset: Any = None):
    # Keep %tb working: it shows sys.last_* with the full traceback.
    sys.last_type, sys.last_value, sys.last_traceback = etype, value, tb
    lines = one_line(value).split("\n")
    structured = [f"{_RED}{lines[0]}{_RESET}", *lines[1:]]
    # The shell's own way to show an error: an "error" output in a kernel (ename, evalue and
    # this one-line traceback), printed text in a terminal IPython.
    shell._showtraceback(etype, value, structured)
    return structured


def _shell() -> Any:
    ipython = sys.modules.get("IPython")  # a kernel has always imported it; never import it
    if ipython is None:
        return None
    get = getattr(ipython, "get_ipython", None)
    return get() if get is not None else None


def install() -> bool:
    """Show tpmprep errors as one line in the running IPython; do nothing outside IPython.

    Idempotent. A custom handler someone else installed is left alone.

    Returns
    -------
    bool
        Whether the handler is installed now.
    """
    shell = _shell()
    if shell is None or not hasattr(shell, "set_custom_exc"):
        return False
    current = tuple(getattr(shell, "custom_exceptions", ()) or ())
    if current == (TpmprepError,):
        return True
    if current:  # somebody else's handler: do not replace it
        return False
    shell.set_custom_exc((TpmprepError,), _handler)
    return True


def uninstall() -> None:
    """Remove the handler, so tpmprep errors show full tracebacks again (for debugging)."""
    shell = _shell()
    if shell is not None and tuple(getattr(shell, "custom_exceptions", ())) == (TpmprepError,):
        shell.set_custom_exc((), None)
