"""Scenarios for the Working backwards and stakeholders exercises."""

from __future__ import annotations
