"""Multi-window, multi-burn-rate alerts against the Google SRE Workbook's table."""

from __future__ import annotations

import pytest

from tpmprep.exceptions import CalculationError
from tpmprep.plan.slo import AlertPolicy, alert_thresholds, should_alert

# Google SRE Workbook, ch. 5 "Alerting on SLOs", recommended parameters for a 99.9% SLO over
# 30 days (https://sre.google/workbook/alerting-on-slos/):
# (severity, long window h, short window h, burn rate, error budget consumed)
WORKBOOK = [
    ("page", 1, 5 / 60, 14.4, 0.02),
    ("page", 6, 0.5, 6.0, 0.05),
    ("ticket", 72, 6, 1.0, 0.10),
]

QUIET = {"1 hour": 0.0, "5 minute": 0.0, "6 hour": 0.0, "30 minute": 0.0, "3 day": 0.0}


def test_default_table_is_the_workbooks():
    table = alert_thresholds(0.999, "30 day")
    assert len(table) == len(WORKBOOK)
    for row, (severity, long_h, short_h, rate, consumed) in zip(table, WORKBOOK, strict=True):
        assert row.severity == severity
        got = (row.long_hours, row.short_hours, row.burn_rate, row.budget_consumed)
        assert got == pytest.approx((long_h, short_h, rate, consumed))
    assert [r.error_ratio for r in table] == pytest.approx([0.0144, 0.006, 0.001])
    assert [r.short_window for r in table] == ["5 minutes", "30 minutes", "6 hours"]
    assert "43.2 min" in table.summary()  # 0.1% of 30 days
    assert "<table>" in table._repr_html_()


@pytest.mark.parametrize("slo", [0.999, "99.9%"])
def test_slo_may_be_written_as_a_ratio_or_percentage(slo):
    assert alert_thresholds(slo)[0].error_ratio == pytest.approx(0.0144)


def test_burn_rate_scales_with_the_window():
    # A 28-day window spends 2% of its budget in 1 hour at 0.02 * 672 = 13.44x.
    assert alert_thresholds(0.999, "28 day")[0].burn_rate == pytest.approx(13.44)


def test_custom_policies():
    table = alert_thresholds(0.99, policies=[("page", "2 hour", "10 minute", 0.05)])
    assert table[0].burn_rate == pytest.approx(0.05 * 720 / 2)


def test_page_fires_only_when_both_windows_burn_fast():
    fast = {**QUIET, "1 hour": 0.02, "5 minute": 0.02}  # 20x in both
    decision = should_alert(fast, 0.999)
    assert decision.fire and decision.severity == "page"
    assert decision.burn_rates["1 hour"] == pytest.approx(20)
    recovered = {**fast, "5 minute": 0.0}  # the problem stopped: the short window resets
    assert not should_alert(recovered, 0.999)


def test_slow_burn_opens_a_ticket():
    slow = {**QUIET, "3 day": 0.0015, "6 hour": 0.0015}  # 1.5x: budget gone in 20 days
    decision = should_alert(slow, "99.9%")
    assert decision.severity == "ticket"
    assert "ticket" in decision.summary()


@pytest.mark.parametrize(
    ("call", "parameter"),
    [
        (lambda: alert_thresholds(1.5), "slo"),
        (lambda: alert_thresholds(0.999, "30 apples"), "window"),
        (
            lambda: alert_thresholds(0.999, policies=[("page", "1 hour", "2 hour", 0.02)]),
            "short_window",
        ),
        (
            lambda: alert_thresholds(
                0.999, policies=[AlertPolicy("page", "1 hour", "5 minute", 2)]
            ),
            "budget_consumed",
        ),
        (lambda: should_alert({**QUIET, "1 hour": 1.5}, 0.999), "error_ratios_by_window"),
        (lambda: should_alert({"1 hour": 0.1}, 0.999), "error_ratios_by_window"),
    ],
)
def test_bad_input_names_the_parameter(call, parameter):
    with pytest.raises(CalculationError) as info:
        call()
    assert info.value.parameter == parameter


def test_a_missing_window_is_named():
    with pytest.raises(CalculationError, match="5 minutes window"):
        should_alert({"1 hour": 0.1}, 0.999)
