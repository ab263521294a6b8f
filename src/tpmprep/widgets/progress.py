"""The reset panel: say what would be deleted, delete it only when the candidate confirms."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets

from tpmprep.exceptions import InputError
from tpmprep.themes import THEMES
from tpmprep.widgets.base import Panel

if TYPE_CHECKING:
    from tpmprep.practice.store import ProgressStore

__all__ = ["ResetPanel", "check_theme"]


def check_theme(theme: Any) -> str | None:
    """Return ``theme`` when it is a theme slug or ``None``.

    Parameters
    ----------
    theme : Any
        What was given.

    Returns
    -------
    str or None

    Raises
    ------
    InputError
        When it is not a theme slug.
    """
    slugs = [t.slug for t in THEMES]
    if theme is not None and theme not in slugs:
        raise InputError("theme", f"unknown theme {theme!r}; use one of: {', '.join(slugs)}")
    return theme


def _scope(theme: str | None) -> str:
    return "all your progress" if theme is None else f"your progress in theme {theme!r}"


class ResetPanel(Panel):
    """Reset all progress or one theme's: a Delete button (red) and Cancel; nothing until pressed.

    Parameters
    ----------
    store : ProgressStore
        The store to reset.
    theme : str or None
        A theme slug; ``None`` for everything.

    Raises
    ------
    InputError
        When ``theme`` is not a theme slug.
    """

    def __init__(self, store: ProgressStore, theme: str | None = None):
        self.store = store
        self.theme = check_theme(theme)
        self.found = store.counts(self.theme)
        self.deleted: dict[str, Any] | None = None
        self.cancelled = False
        self.message = widgets.HTML(html.escape(self._question()))
        nothing = not (self.found["attempts"] or self.found["cards"])
        self.delete_button = widgets.Button(
            description="Delete", button_style="danger", icon="trash", disabled=nothing
        )
        self.cancel_button = widgets.Button(description="Cancel", disabled=nothing)
        self.delete_button.on_click(lambda _: self.delete())
        self.cancel_button.on_click(lambda _: self.cancel())
        self.widget = widgets.VBox(
            [self.message, widgets.HBox([self.delete_button, self.cancel_button])]
        )

    def _question(self) -> str:
        attempts, cards = self.found["attempts"], self.found["cards"]
        if not (attempts or cards):
            return f"Nothing to reset: {_scope(self.theme)} is empty."
        return (
            f"Delete {_scope(self.theme)}: {attempts} recorded answers and reviews, and "
            f"{cards} flashcard schedules? A copy of the store is kept first."
        )

    def delete(self) -> dict[str, Any] | None:
        """Delete, once; return what was deleted (``None`` if it was already done or cancelled).

        Returns
        -------
        dict or None
            ``{"attempts": N, "cards": N, "backup": path or None}``.
        """
        if self.deleted is not None or self.cancelled:
            return None
        self.deleted = self.store.reset(self.theme)
        self.delete_button.disabled = self.cancel_button.disabled = True
        self.message.value = html.escape(self.text())
        return self.deleted

    def cancel(self) -> None:
        """Keep everything."""
        if self.deleted is None:
            self.cancelled = True
            self.delete_button.disabled = self.cancel_button.disabled = True
            self.message.value = html.escape(self.text())

    def text(self) -> str:
        """Return what the panel says: the question, or what was done."""
        if self.cancelled:
            return "Cancelled: nothing was deleted."
        if self.deleted is None:
            if not (self.found["attempts"] or self.found["cards"]):
                return self._question()
            theme = "" if self.theme is None else f"theme={self.theme!r}, "
            return (
                f"{self._question()} Nothing is deleted yet: press Delete in JupyterLab, or run "
                f"reset_progress({theme}confirm=True)."
            )
        done = self.deleted
        copy = f" The store before the reset is kept in {done['backup']}." if done["backup"] else ""
        return (
            f"Deleted {_scope(self.theme)}: {done['attempts']} recorded answers and reviews, and "
            f"{done['cards']} flashcard schedules.{copy}"
        )
