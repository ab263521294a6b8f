"""``tpmprep bank check`` and ``tpmprep quiz``: question banks and quizzes from a terminal."""

from __future__ import annotations
