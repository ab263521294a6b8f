"""Scenarios for the Behavioural interviews exercises."""

from __future__ import annotations
