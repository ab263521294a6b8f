"""The themes of the workbook, in order: number (notebook prefix), slug (banks, progress), title.

A lesson or exercise belongs to the theme of its two-digit prefix (``03-caching.ipynb``,
``03-caching-news-feed.ipynb``); a question bank, card or progress record names its theme by
slug (``caching``). This table is the one place both are defined.
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["THEMES", "Theme", "by_number", "by_slug", "check_slug", "slug_problem"]


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


def slug_problem(value: object) -> str | None:
    """Return what is wrong with ``value`` as a theme slug, or ``None`` when it is one.

    The one place a theme is validated: banks, cards, progress filters and the CLI all ask here,
    so they all say the same thing.
    """
    slugs = [t.slug for t in THEMES]
    if value in slugs:
        return None
    return f"unknown theme {value!r}; use one of: {', '.join(slugs)}"


def check_slug(value: object, parameter: str = "theme") -> str:
    """Return ``value`` if it is a theme slug, else raise ``InputError`` naming ``parameter``."""
    problem = slug_problem(value)
    if problem is not None:
        from tpmprep.exceptions import InputError

        raise InputError(parameter, problem)
    return str(value)
