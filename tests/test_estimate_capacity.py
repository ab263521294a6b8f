import pytest

from tpmprep.estimate.capacity import capacity_plan, servers_needed
from tpmprep.exceptions import CalculationError


def test_servers_for_a_peak_at_a_target_utilisation():
    # 7,000 / (1,000 x 0.7) is 10 exactly; floating point must not round it up to 11.
    assert servers_needed("7K req/s", "1K req/s", 0.7) == 10
    assert servers_needed(7001, 1000, 0.7) == 11


def test_n_plus_k_adds_spares():
    plan = capacity_plan("7K req/s", "1K req/s", "70%", redundancy=2)
    assert (plan.base, plan.spare, plan.total) == (10, 2, 12)
    assert plan.utilisation == pytest.approx(7000 / 12000)
    assert plan.utilisation_after_failures == pytest.approx(0.7)
    assert str(plan).startswith("12 servers (10 + 2 spare)")


def test_any_matching_dimension_works_and_bare_numbers_take_the_other_unit():
    assert servers_needed("10 Gbps", "1 Gbps", 1.0) == 10
    assert servers_needed(10_000, "1K / s", 1.0) == 10


def test_no_load_needs_no_servers():
    assert capacity_plan(0, 1000).total == 0


@pytest.mark.parametrize(
    ("call", "parameter"),
    [
        (lambda: servers_needed("7K req/s", "1 GB"), "per_server_capacity"),
        (lambda: servers_needed(7000, 0), "per_server_capacity"),
        (lambda: servers_needed(7000, 1000, 0), "target_utilisation"),
        (lambda: servers_needed(7000, 1000, 1.5), "target_utilisation"),
        (lambda: servers_needed(7000, 1000, 0.7, -1), "redundancy"),
        (lambda: servers_needed(7000, 1000, 0.7, 1.5), "redundancy"),
        (lambda: servers_needed(float("nan"), 1000), "peak_load"),
    ],
)
def test_bad_input_names_the_parameter(call, parameter):
    with pytest.raises(CalculationError) as err:
        call()
    assert err.value.parameter == parameter
