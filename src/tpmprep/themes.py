"""The themes of the workbook, in order: number (notebook prefix), slug (banks, progress), title.

A lesson or exercise belongs to the theme of its two-digit prefix (``03-caching.ipynb``,
``03-caching-news-feed.ipynb``); a question bank, card or progress record names its theme by
slug (``caching``). This table is the one place both are defined.
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["THEMES", "Theme", "by_number", "by_slug"]


class Theme(NamedTuple):
    """One theme: its notebook prefix, its slug and its title."""

    number: str
    slug: str
    title: str


THEMES: tuple[Theme, ...] = (
    Theme("00", "start", "Start here"),
    Theme("01", "estimation", "Back-of-the-envelope estimation"),
    Theme("02", "scalability", "Scalability"),
    Theme("03", "caching", "Caching"),
    Theme("04", "load-balancing", "Load balancing"),
    Theme("05", "api-design", "API design"),
    Theme("06", "data-at-scale", "Data at scale"),
    Theme("07", "metrics-experimentation", "Metrics and experimentation"),
    Theme("08", "program-execution", "Program execution"),
    Theme("09", "reliability-security-operations", "Reliability, security and operations"),
    Theme("10", "working-backwards-stakeholders", "Working backwards and stakeholders"),
    Theme("11", "behavioural", "Behavioural interviews"),
    Theme("12", "mock-interviews", "Mock interviews"),
    Theme("13", "design-studio", "System design studio"),
    Theme("14", "program-leadership", "Program leadership and the program studio"),
)


def by_slug() -> dict[str, Theme]:
    """Return the themes keyed by slug."""
    return {t.slug: t for t in THEMES}


def by_number() -> dict[str, Theme]:
    """Return the themes keyed by two-digit number."""
    return {t.number: t for t in THEMES}
