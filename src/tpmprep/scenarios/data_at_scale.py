"""Scenarios for the Data at scale exercises."""

from __future__ import annotations
