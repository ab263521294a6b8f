"""Scenarios for the Metrics and experimentation exercises."""

from __future__ import annotations
