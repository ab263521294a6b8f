"""Scenarios for the Scalability exercises."""

from __future__ import annotations
