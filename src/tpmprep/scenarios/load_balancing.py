"""Scenarios for the Load balancing exercises."""

from __future__ import annotations
