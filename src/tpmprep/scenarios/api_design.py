"""Scenarios for the API design exercises."""

from __future__ import annotations
