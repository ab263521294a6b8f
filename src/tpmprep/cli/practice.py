"""``tpmprep bank``, ``quiz``, ``review``, ``mock`` and ``progress``: practice from a terminal."""

from __future__ import annotations
