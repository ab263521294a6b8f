"""Multi-window, multi-burn-rate SLO alerts (Google SRE Workbook, ch. 5 "Alerting on SLOs").

A burn rate of 1 spends exactly the error budget over the SLO window. An alert that should
fire when a fraction ``f`` of a ``W``-long budget is spent within a long window ``L`` needs
burn rate ``f * W / L``; it fires only when BOTH the long window and a short window (about
1/12 of it, so the alert stops soon after the problem does) burn faster than that. The
workbook's recommended table for a 30-day SLO (https://sre.google/workbook/alerting-on-slos/):

=========  ===========  ============  =========  ================
severity   long window  short window  burn rate  budget consumed
=========  ===========  ============  =========  ================
page       1 hour       5 minutes     14.4       2%
page       6 hours      30 minutes    6          5%
ticket     3 days       6 hours       1          10%
=========  ===========  ============  =========  ================

Error budgets and burn rates come from :mod:`tpmprep.estimate.availability`.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from tpmprep import validate
from tpmprep.exceptions import CalculationError

__all__ = [
    "WORKBOOK_POLICIES",
    "AlertDecision",
    "AlertPolicy",
    "AlertTable",
    "AlertThreshold",
    "alert_thresholds",
    "should_alert",
]


@dataclass(frozen=True)
class AlertPolicy:
    """One alerting rule before it is tied to an SLO.

    Parameters
    ----------
    severity : str
        ``"page"`` or ``"ticket"`` (free text).
    long_window, short_window : str
        Durations such as ``"1 hour"`` and ``"5 minute"``.
    budget_consumed : float
        Share of the window's error budget that, spent within ``long_window``, should alert.
    """

    severity: str
    long_window: str
    short_window: str
    budget_consumed: float


WORKBOOK_POLICIES: tuple[AlertPolicy, ...] = (
    AlertPolicy("page", "1 hour", "5 minute", 0.02),
    AlertPolicy("page", "6 hour", "30 minute", 0.05),
    AlertPolicy("ticket", "3 day", "6 hour", 0.10),
)


def _hours(name: str, value: Any) -> float:
    return float(validate.quantity(name, value, "hour").magnitude)


def _slo(value: Any) -> float:
    return validate.fraction("slo", value, allow_zero=False, allow_one=False)


def _window_text(hours: float) -> str:
    if hours >= 24 and abs(hours / 24 - round(hours / 24)) < 1e-9:
        d = round(hours / 24)
        return f"{d} day" + ("s" if d != 1 else "")
    if hours >= 1 and abs(hours - round(hours)) < 1e-9:
        h = round(hours)
        return f"{h} hour" + ("s" if h != 1 else "")
    m = hours * 60
    return f"{m:g} minute" + ("s" if m != 1 else "")


@dataclass(frozen=True)
class AlertThreshold:
    """One rule of the table, tied to an SLO and window.

    Attributes
    ----------
    severity : str
        ``"page"`` or ``"ticket"``.
    long_hours, short_hours : float
        The two windows in hours.
    budget_consumed : float
        Share of the budget spent in the long window when the rule fires.
    burn_rate : float
        ``budget_consumed * window / long window``.
    error_ratio : float
        Error ratio that fires the rule: ``burn_rate * (1 - slo)``.
    """

    severity: str
    long_hours: float
    short_hours: float
    budget_consumed: float
    burn_rate: float
    error_ratio: float

    @property
    def long_window(self) -> str:
        """The long window as text (``"1 hour"``)."""
        return _window_text(self.long_hours)

    @property
    def short_window(self) -> str:
        """The short window as text (``"5 minutes"``)."""
        return _window_text(self.short_hours)


class AlertTable:
    """The alert thresholds for one SLO: rows of :class:`AlertThreshold`.

    Parameters
    ----------
    slo : float
        The objective, e.g. 0.999.
    window_hours : float
        The SLO window in hours.
    rows : list of AlertThreshold
        The rules.
    budget_text : str
        The error budget of the window, formatted.
    """

    def __init__(
        self, slo: float, window_hours: float, rows: list[AlertThreshold], budget_text: str
    ):
        self.slo = slo
        self.window_hours = window_hours
        self.rows = rows
        self.budget_text = budget_text

    def __iter__(self):
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, i: int) -> AlertThreshold:
        return self.rows[i]

    def summary(self) -> str:
        """Return the table as text."""
        lines = [
            f"SLO {self.slo:.4%} over {_window_text(self.window_hours)}: "
            f"error budget {self.budget_text}",
            f"{'severity':<9} {'long':>9} {'short':>11} {'burn rate':>10} {'budget':>7} "
            f"{'error ratio >':>14}",
        ]
        for r in self.rows:
            lines.append(
                f"{r.severity:<9} {r.long_window:>9} {r.short_window:>11} {r.burn_rate:>10.3g} "
                f"{r.budget_consumed:>7.0%} {r.error_ratio:>14.4%}"
            )
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary()

    def __repr__(self) -> str:
        return f"<AlertTable slo={self.slo} rules={len(self.rows)}>"

    def _repr_html_(self) -> str:
        head = "".join(
            f"<th>{h}</th>"
            for h in (
                "severity",
                "long window",
                "short window",
                "burn rate",
                "budget consumed",
                "alert when error ratio >",
            )
        )
        body = "".join(
            f"<tr><td>{html.escape(r.severity)}</td><td>{r.long_window}</td>"
            f"<td>{r.short_window}</td><td>{r.burn_rate:.3g}</td>"
            f"<td>{r.budget_consumed:.0%}</td><td>{r.error_ratio:.4%}</td></tr>"
            for r in self.rows
        )
        return (
            f"<p>SLO {self.slo:.4%} over {_window_text(self.window_hours)}: error budget "
            f"{html.escape(self.budget_text)}</p><table><thead><tr>{head}</tr></thead>"
            f"<tbody>{body}</tbody></table>"
        )


def alert_thresholds(
    slo: Any, window: Any = "30 day", policies: Iterable[AlertPolicy | tuple] | None = None
) -> AlertTable:
    """Burn-rate thresholds for multi-window, multi-burn-rate alerts on an SLO.

    Parameters
    ----------
    slo : float, str or Quantity
        The objective: ``0.999``, ``"99.9%"`` or ``Q("99.9%")``.
    window : str or Quantity
        The SLO window (default 30 days).
    policies : iterable of AlertPolicy or (severity, long, short, budget_consumed), optional
        The rules; default the SRE Workbook's table (:data:`WORKBOOK_POLICIES`).

    Returns
    -------
    AlertTable

    Raises
    ------
    CalculationError
        For an SLO outside (0, 1), a non-duration window, a budget share outside (0, 1] or a
        short window not shorter than its long window.
    """
    from tpmprep.estimate.availability import error_budget
    from tpmprep.units import fmt

    s = _slo(slo)
    w = _hours("window", window)
    rows = []
    for pol in WORKBOOK_POLICIES if policies is None else policies:
        p = pol if isinstance(pol, AlertPolicy) else AlertPolicy(*pol)
        lh = _hours("long_window", p.long_window)
        sh = _hours("short_window", p.short_window)
        if sh >= lh:
            raise CalculationError(
                "short_window",
                f"short window {p.short_window} must be shorter than {p.long_window}",
            )
        f = validate.fraction("budget_consumed", p.budget_consumed, allow_zero=False)
        rate = f * w / lh
        rows.append(AlertThreshold(p.severity, lh, sh, f, rate, rate * (1 - s)))
    budget = error_budget(s, f"{w} hour")
    return AlertTable(s, w, rows, fmt(budget))


@dataclass(frozen=True)
class AlertDecision:
    """Which rules fire for the observed error ratios.

    Attributes
    ----------
    fire : bool
        True when any rule fires.
    severity : str or None
        The most urgent firing severity (first in the table), else None.
    firing : list of AlertThreshold
        The rules that fire.
    burn_rates : dict of str to float
        Observed burn rate per window given.
    """

    fire: bool
    severity: str | None
    firing: list[AlertThreshold]
    burn_rates: dict[str, float]

    def summary(self) -> str:
        """One line per rule that fires, or "no alert"."""
        rates = ", ".join(f"{k}: {v:.3g}x" for k, v in self.burn_rates.items())
        if not self.fire:
            return f"No alert (burn rates {rates})."
        rules = "; ".join(
            f"{r.severity}: {r.long_window} and {r.short_window} above {r.burn_rate:.3g}x"
            for r in self.firing
        )
        return f"Alert ({self.severity}): {rules} (burn rates {rates})."

    def __str__(self) -> str:
        return self.summary()

    def __bool__(self) -> bool:
        return self.fire


def should_alert(
    error_ratios_by_window: Mapping[str, float],
    slo: Any,
    window: Any = "30 day",
    policies: Iterable[AlertPolicy | tuple] | None = None,
) -> AlertDecision:
    """Decide whether the multi-window rules fire for observed error ratios.

    A rule fires when the burn rate over its long window AND over its short window both
    exceed its threshold (the workbook's ``>`` comparison).

    Parameters
    ----------
    error_ratios_by_window : dict
        Observed error ratio (bad / total events) per window, keyed by duration text:
        ``{"5 minute": 0.02, "1 hour": 0.016, ...}``. Every window of every rule is needed.
    slo : float, str or Quantity
        The objective.
    window : str or Quantity
        The SLO window.
    policies : optional
        As for :func:`alert_thresholds`.

    Returns
    -------
    AlertDecision

    Raises
    ------
    CalculationError
        For an error ratio outside [0, 1] or a window a rule needs but the dict lacks.
    """
    from tpmprep.estimate.availability import burn_rate

    table = alert_thresholds(slo, window, policies)
    observed: dict[float, tuple[str, float]] = {}
    for key, ratio in error_ratios_by_window.items():
        r = float(ratio)
        if math.isnan(r) or not 0 <= r <= 1:
            raise CalculationError(
                "error_ratios_by_window",
                f"error ratio for {key!r} is {ratio!r}; it must be in [0, 1]",
            )
        observed[round(_hours("error_ratios_by_window", key), 9)] = (str(key), r)
    rates: dict[str, float] = {}
    firing = []
    for row in table:
        got = []
        for hours in (row.long_hours, row.short_hours):
            hit = observed.get(round(hours, 9))
            if hit is None:
                raise CalculationError(
                    "error_ratios_by_window",
                    f"no error ratio for the {_window_text(hours)} window (rule: {row.severity}, "
                    f"{row.long_window}/{row.short_window}); add it to the dict",
                )
            name, r = hit
            rates[name] = float(burn_rate(r, table.slo))
            got.append(rates[name])
        if all(g > row.burn_rate for g in got):
            firing.append(row)
    return AlertDecision(bool(firing), firing[0].severity if firing else None, firing, rates)
