"""Scenarios for the Program execution exercises."""

from __future__ import annotations
