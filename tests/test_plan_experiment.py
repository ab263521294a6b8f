"""A/B test arithmetic against published calculators and documented outputs."""

from __future__ import annotations

import pytest

from tpmprep.exceptions import CalculationError
from tpmprep.plan.experiment import (
    duration_days,
    minimum_detectable_effect,
    power,
    sample_size,
    two_proportion_ztest,
)

# R's stats::power.prop.test (strict = FALSE), examples with their results as annotated in R's
# sources: power.prop.test(n = 50, p1 = .50, p2 = .75) => power = 0.740;
# power.prop.test(p1 = .50, p2 = .75, power = .90) => n = 76.7;
# power.prop.test(n = 50, p1 = .5, power = .90) => p2 = 0.8026;
# power.prop.test(p1 = .5, p2 = 0.501, sig.level = .001, power = 0.90) => n = 10451937.
# R solves its power equation with uniroot (4 significant digits); we use its closed form.


def test_sample_size_matches_r_power_prop_test():
    assert sample_size(0.5, 0.25, power=0.9, exact=True) == pytest.approx(76.7, abs=0.05)
    assert sample_size(0.5, 0.25, power=0.9) == 77  # whole users, rounded up
    assert sample_size(0.5, 0.001, alpha=0.001, power=0.9, exact=True) == pytest.approx(
        10_451_937, rel=1e-4
    )


def test_power_and_mde_match_r_power_prop_test():
    assert power(0.5, 0.25, 50) == pytest.approx(0.740, abs=0.0005)
    assert minimum_detectable_effect(0.5, 50, power=0.9) == pytest.approx(0.8026 - 0.5, abs=1e-4)


def test_sample_size_matches_evan_millers_calculator():
    # Evan Miller's sample size calculator (https://www.evanmiller.org/ab-testing/sample-size.html):
    # baseline 20%, MDE 5 percentage points absolute, power 80%, significance 5% -> 1,030 per
    # variation (its default inputs; the figure as reproduced in
    # https://stats.stackexchange.com/questions/357336). Its JavaScript num_subjects() uses
    # sd1 = sqrt(2 p q) under the null and sd2 = sqrt(p q + (p + d)(1 - p - d)), our
    # variance="baseline".
    assert sample_size(0.2, 0.05, variance="baseline", exact=True) == pytest.approx(1030, abs=0.5)
    # The pooled (R) variance asks for more: 1,094.
    assert sample_size(0.2, 0.05) == 1094


def test_kohavi_rule_of_thumb_is_close():
    # Kohavi, Tang & Xu, Trustworthy Online Controlled Experiments (2020), ch. 17:
    # n ~= 16 sigma^2 / delta^2 per variant for alpha 0.05 and power 0.8, sigma^2 = p(1 - p).
    rule = 16 * 0.2 * 0.8 / 0.05**2  # 1,024
    assert sample_size(0.2, 0.05, variance="baseline", exact=True) == pytest.approx(rule, rel=0.01)


def test_relative_mde_is_a_fraction_of_the_baseline():
    assert sample_size(0.05, 0.10, relative=True) == sample_size(0.05, 0.005)
    mde = minimum_detectable_effect(0.05, sample_size(0.05, 0.10, relative=True), relative=True)
    assert mde == pytest.approx(0.10, rel=1e-3)


def test_duration_from_traffic_and_allocation():
    assert duration_days(10_000, 2_000) == 10  # 20,000 users over 2 variants at 2,000/day
    assert duration_days(10_000, 2_000, allocation=0.5) == 20
    assert duration_days(10_000, 2_000, variants=3) == 15


def test_ztest_matches_the_statsmodels_documented_example():
    # statsmodels proportions_ztest docstring: count = [5, 12], nobs = [83, 99] -> pval 0.159;
    # its test suite pins stat = -1.4078304151258787, pval = 0.15918129181156992 (A minus B;
    # we report B minus A, so z has the opposite sign).
    r = two_proportion_ztest(5, 83, 12, 99)
    assert r.z == pytest.approx(1.4078304151258787, abs=1e-9)
    assert r.p_value == pytest.approx(0.15918129181156992, abs=1e-9)
    assert not r.significant
    assert r.ci_low < 0 < r.ci_high
    assert r.ci_high - r.difference == pytest.approx(r.difference - r.ci_low)
    assert "p = 0.1592" in r.summary()


@pytest.mark.parametrize(
    ("call", "parameter"),
    [
        (lambda: sample_size(1.2, 0.05), "baseline"),
        (lambda: sample_size(0.0, 0.05), "baseline"),
        (lambda: sample_size(0.2, 0.0), "mde"),
        (lambda: sample_size(0.9, 0.2), "mde"),
        (lambda: sample_size(0.2, 0.05, alpha=1.5), "alpha"),
        (lambda: sample_size(0.2, 0.05, power=-0.1), "power"),
        (lambda: sample_size(0.2, 0.05, variance="exact"), "variance"),
        (lambda: duration_days(1000, -5), "daily_users"),
        (lambda: duration_days(-1, 100), "n_per_variant"),
        (lambda: duration_days(1000, 100, allocation=1.5), "allocation"),
        (lambda: duration_days(1000, 100, variants=1), "variants"),
        (lambda: minimum_detectable_effect(0.2, 0), "n_per_variant"),
        (lambda: two_proportion_ztest(-1, 10, 1, 10), "conversions_a"),
        (lambda: two_proportion_ztest(11, 10, 1, 10), "conversions_a"),
        (lambda: two_proportion_ztest(1, 10, 1, 0), "users_b"),
    ],
)
def test_bad_input_names_the_parameter(call, parameter):
    with pytest.raises(CalculationError) as info:
        call()
    assert info.value.parameter == parameter
