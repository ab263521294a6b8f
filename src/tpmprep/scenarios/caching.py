"""Scenarios for the Caching exercises."""

from __future__ import annotations
