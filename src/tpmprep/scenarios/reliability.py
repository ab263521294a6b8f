"""Scenarios for the Reliability, security and operations exercises."""

from __future__ import annotations
