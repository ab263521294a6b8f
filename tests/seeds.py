"""Seed sweeps as property tests with a budget.

A scenario's promises (every classic slip falls outside the tolerance, the numbers stay in their
ranges) must hold for every seed a candidate can get, not only for seeds 0 to 39. ``seed_sweep``
turns a test taking ``seed`` into a hypothesis property over all seeds a roster can derive
(0 to 10^9, `tpmprep.cohort.roster.derive_seed`), with a budget of examples per run:
``TPMPREP_SEED_BUDGET`` (default 12). Examples are derandomized, so a run is repeatable; set
``TPMPREP_SEED_BUDGET=500`` for a thorough sweep before a release.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

BUDGET = int(os.environ.get("TPMPREP_SEED_BUDGET", "12"))
SEEDS = st.integers(min_value=0, max_value=10**9)


def seed_sweep(test):
    """Run ``test(seed=...)`` over ``BUDGET`` seeds drawn from every seed a candidate can get."""
    return settings(
        max_examples=BUDGET,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        database=None,
    )(given(seed=SEEDS)(test))
