"""Monte Carlo completion times: agreement with PERT, criticality, determinism, bad input."""

from __future__ import annotations

import numpy as np
import pytest

from tpmprep.exceptions import ScheduleError
from tpmprep.plan.schedule import Schedule

N = 10_000


def chain(k: int = 12) -> Schedule:
    rows = [
        {"name": f"T{i}", "duration": [2, 4, 9], "depends_on": [f"T{i - 1}"] if i else []}
        for i in range(k)
    ]
    return Schedule(rows, title="chain")


def test_a_long_chain_is_near_normal_with_the_pert_mean_and_variance():
    # A chain has one path, so its length is a sum of independent beta-PERT durations whose
    # mean is (o + 4m + p)/6; by the central limit theorem P50 is close to the PERT total.
    s = chain()
    mc = s.monte_carlo(N, seed=7)
    assert mc.mean == pytest.approx(s.duration, rel=0.005)
    assert mc.p50 == pytest.approx(s.duration, rel=0.01)
    # The beta-PERT distribution's variance is (mu - o)(p - mu)/7 = 2.5 * 4.5 / 7 per task,
    # 18% more than PERT's rule ((p - o)/6)^2 = 49/36 for this skewed estimate.
    assert np.var(mc.samples) == pytest.approx(12 * 2.5 * 4.5 / 7, rel=0.05)
    assert np.var(mc.samples) > 1.1 * s.critical_variance
    assert mc.criticality == {f"T{i}": 1.0 for i in range(12)}


def test_triangular_sampling_has_the_triangular_mean():
    mc = chain().monte_carlo(N, seed=3, distribution="triangular")
    assert mc.mean == pytest.approx(12 * (2 + 4 + 9) / 3, rel=0.005)


def test_fixed_durations_give_exactly_the_cpm_answer():
    s = Schedule.from_text("A 3 -\nB 4 -\nC 3 B\nD 1 A\nE 3 A\nF 3 D")
    mc = s.monte_carlo(100, seed=0)
    assert set(mc.samples) == {7.0}
    assert mc.criticality["E"] == 0
    assert mc.criticality["B"] == 1


def test_parallel_paths_finish_later_than_pert_says():
    # Two equal independent paths: the project takes the max, so P50 exceeds the single-path
    # PERT figure (merge bias), which the classical method ignores.
    s = Schedule.from_text("A 2/5/14 -\nB 2/5/14 -")
    mc = s.monte_carlo(N, seed=1)
    assert mc.p50 > s.duration + 0.5
    assert 0.4 < mc.criticality["A"] < 0.6
    assert mc.criticality["A"] + mc.criticality["B"] == pytest.approx(1.0)


def test_same_seed_same_result_and_percentiles_ordered():
    s = chain(5)
    a, b, c = s.monte_carlo(N, seed=42), s.monte_carlo(N, seed=42), s.monte_carlo(N, seed=43)
    assert np.array_equal(a.samples, b.samples)
    assert not np.array_equal(a.samples, c.samples)
    assert a.p50 < a.p80 < a.p95
    assert a.probability_by(a.p80) == pytest.approx(0.8, abs=0.001)
    assert "P80" in a.summary()


@pytest.mark.parametrize(
    ("kwargs", "parameter"),
    [({"n": 0}, "n"), ({"n": 2.5}, "n"), ({"distribution": "normal"}, "distribution")],
)
def test_bad_simulation_settings_are_named(kwargs, parameter):
    with pytest.raises(ScheduleError) as info:
        chain(2).monte_carlo(**kwargs)
    assert info.value.parameter == parameter


def test_deadlines_as_calendar_dates():
    import datetime as dt

    mc = chain(5).monte_carlo(N, seed=2)
    start = dt.date(2026, 1, 5)
    assert mc.probability_by(start + dt.timedelta(days=25), start=start) == mc.probability_by(25)
    p80_date = mc.finish_date(80, start)
    assert mc.probability_by(p80_date, start=start) >= 0.8
    with pytest.raises(ScheduleError, match="start date") as info:
        mc.probability_by(dt.date(2026, 2, 1))
    assert info.value.parameter == "start"


def test_percentile_outside_0_100_is_refused():
    with pytest.raises(ScheduleError, match="outside"):
        chain(2).monte_carlo(100).percentile(120)
