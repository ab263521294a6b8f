"""``tpmprep calc`` and ``tpmprep numbers``: the estimation engine on the command line."""

from __future__ import annotations
