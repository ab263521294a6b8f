"""``tpmprep review``, ``mock`` and ``progress``: flashcards, mock interviews, progress."""

from __future__ import annotations
