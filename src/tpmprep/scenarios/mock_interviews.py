"""Scenarios for the Mock interviews exercises."""

from __future__ import annotations
