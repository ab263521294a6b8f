"""Property-based: every public calculator, fed arbitrary input, returns a value without NaN
or raises ``CalculationError`` (naming a parameter); nothing else escapes."""

from __future__ import annotations

import dataclasses
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tpmprep.estimate import (
    availability,
    bandwidth,
    cache,
    capacity,
    chain,
    idspace,
    queueing,
    storage,
    traffic,
)
from tpmprep.exceptions import CalculationError
from tpmprep.units import Q

UNITS = ["", "s", "ms", "day", "1/s", "req/s", "1/day", "B", "MB", "GB/day", "Gbps", "%", "user"]

numbers_ = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(min_value=-1e6, max_value=1e6),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.sampled_from([0, 1, 2, 0.5, 0.999, 1e-300, 1e300, -1, 10**400]),
)
texts = st.one_of(
    st.sampled_from(
        [
            "99.9%",
            "150M",
            "3.5K req/s",
            "30 TB/day",
            "1 Gbps",
            "5 MB + 3 s",
            "",
            "abc",
            "-5 s",
            "1e400 B",
            "nan",
            "inf s",
            "2 KiB",
            "1 / (30 min)",
            "0 s",
            "10 degC",
        ]
    ),
    st.text(max_size=12),
)
quantities = st.builds(
    lambda x, u: Q(x, u),
    st.floats(allow_nan=True, allow_infinity=True, min_value=None, max_value=None),
    st.sampled_from(UNITS),
)
anything = st.one_of(numbers_, texts, quantities, st.none(), st.booleans(), st.just([0.9, 0.99]))

CALCULATORS = [
    (traffic.daily_requests, 3),
    (traffic.average_rate, 2),
    (traffic.peak_rate, 2),
    (traffic.per_second_from_monthly, 1),
    (traffic.monthly_from_per_second, 1),
    (traffic.traffic_estimate, 4),
    (storage.daily_storage, 4),
    (storage.retained_storage, 2),
    (storage.storage_estimate, 5),
    (bandwidth.data_rate, 2),
    (bandwidth.transfer_time, 2),
    (bandwidth.ingress_egress, 4),
    (capacity.capacity_plan, 4),
    (capacity.servers_needed, 4),
    (cache.harmonic, 2),
    (cache.zipf_hit_ratio, 3),
    (cache.cache_size_for_hit_ratio, 3),
    (cache.working_set_memory, 3),
    (cache.effective_latency, 3),
    (availability.downtime, 2),
    (availability.nines, 1),
    (availability.series, 3),
    (availability.parallel, 2),
    (availability.error_budget, 2),
    (availability.burn_rate, 2),
    (availability.burn_rate_threshold, 3),
    (availability.budget_consumed, 3),
    (availability.time_to_exhaustion, 2),
    (queueing.erlang_b, 2),
    (queueing.erlang_c, 3),
    (queueing.mmc, 3),
    (queueing.mm1, 2),
    (queueing.service_level, 4),
    (queueing.servers_for_service_level, 4),
    (queueing.littles_law, 3),
    (queueing.latency_curve, 4),
    (idspace.id_space, 2),
    (idspace.id_length, 2),
    (idspace.collision_probability, 2),
    (idspace.ids_for_collision_probability, 2),
    (idspace.random_id_length, 3),
    (chain.evaluate, 1),
]


def _has_nan(value) -> bool:
    if dataclasses.is_dataclass(value):
        return any(_has_nan(getattr(value, f.name)) for f in dataclasses.fields(value))
    magnitude = getattr(value, "magnitude", value)
    if hasattr(magnitude, "shape"):  # numpy array
        import numpy as np

        return bool(np.isnan(np.asarray(magnitude, dtype=float)).any())
    if isinstance(magnitude, float):
        return math.isnan(magnitude)
    return False


@pytest.mark.parametrize(
    ("function", "arity"), CALCULATORS, ids=lambda f: getattr(f, "__name__", "")
)
@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_only_calculation_errors_escape_and_no_nan(function, arity, data):
    args = [data.draw(anything) for _ in range(arity)]
    try:
        result = function(*args)
    except CalculationError as err:
        assert err.parameter  # every error names a parameter
        return
    assert not _has_nan(result), (function.__name__, args, result)


@pytest.mark.parametrize(
    ("function", "arity"), CALCULATORS, ids=lambda f: getattr(f, "__name__", "")
)
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_plausible_numbers_give_finite_results_or_a_named_error(function, arity, data):
    """Positive, modest numbers: the common case must mostly succeed and stay finite."""
    args = [data.draw(st.floats(min_value=1e-3, max_value=1e6)) for _ in range(arity)]
    try:
        result = function(*args)
    except CalculationError as err:
        assert err.parameter
        return
    assert not _has_nan(result)


@settings(max_examples=50, deadline=None)
@given(value=anything, formula=st.one_of(texts, st.sampled_from(["x * 2", "x / day", "x + 1"])))
def test_estimate_given_and_step_raise_only_calculation_errors(value, formula):
    est = chain.Estimate("t")
    try:
        est.given("x", value)
        est.step("y", formula)
    except CalculationError as err:
        assert err.parameter in {"value", "formula"}
        return
    assert not _has_nan(est.result)


_REFERENCE = chain.Estimate("t").given("dau", "150M").step("qps", "dau * 2 / day", unit="1/s")


@settings(max_examples=50, deadline=None)
@given(dau=anything, qps=anything)
def test_compare_never_raises_whatever_the_candidate_types(dau, qps):
    feedback = _REFERENCE.compare({"dau": dau, "qps": qps})
    assert feedback.summary()
    assert str(feedback)
