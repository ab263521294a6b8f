"""A/B tests on conversion rates: sample size, minimum detectable effect, duration, significance.

All formulas are the normal approximation for two independent proportions with equal
allocation, computed with :class:`statistics.NormalDist` (no SciPy needed).

Sample size per variant to detect ``p2 - p1 = delta`` with a two-sided test at level
``alpha`` and power ``1 - beta``::

    n = (z_{1-alpha/2} * sd0 + z_{1-beta} * sd1)^2 / delta^2,   sd1 = sqrt(p1 q1 + p2 q2)

``sd0`` is the standard deviation under the null hypothesis. ``variance="pooled"`` uses
``sqrt(2 pbar qbar)`` with ``pbar = (p1 + p2) / 2``, as R's ``power.prop.test`` does;
``variance="baseline"`` uses ``sqrt(2 p1 q1)``, as Evan Miller's online calculator does
(https://www.evanmiller.org/ab-testing/sample-size.html). The two differ by a few percent.
Kohavi, Tang and Xu's rule of thumb ``n ≈ 16 p q / delta^2`` (alpha 0.05, power 0.8;
*Trustworthy Online Controlled Experiments*, 2020, ch. 17) lands within a few percent too.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

from tpmprep import validate
from tpmprep.exceptions import CalculationError

__all__ = [
    "ZTestResult",
    "duration_days",
    "minimum_detectable_effect",
    "power",
    "sample_size",
    "two_proportion_ztest",
]

_Z = NormalDist()
VARIANCES = ("pooled", "baseline")


def _probability(name: str, value: float, *, open_interval: bool = True) -> float:
    return validate.probability(name, value, open_interval=open_interval)


def _target(baseline: float, mde: float, relative: bool) -> tuple[float, float, float]:
    p1 = _probability("baseline", baseline)
    m = validate.number("mde", mde, allow_zero=True, allow_negative=True)
    if m == 0:
        raise CalculationError("mde", "mde is 0; give a non-zero effect to detect")
    delta = p1 * m if relative else m
    p2 = p1 + delta
    if not 0 < p2 < 1:
        raise CalculationError(
            "mde",
            f"baseline {p1:g} plus effect {delta:g} gives {p2:g}, outside (0, 1); "
            "use a smaller mde (is it relative=True?)",
        )
    return p1, p2, delta


def _z_values(alpha: float, power: float) -> tuple[float, float]:
    a = _probability("alpha", alpha)
    pw = _probability("power", power)
    return _Z.inv_cdf(1 - a / 2), _Z.inv_cdf(pw)


def _sd0(p1: float, p2: float, variance: str) -> float:
    if variance == "pooled":
        pbar = (p1 + p2) / 2
        return math.sqrt(2 * pbar * (1 - pbar))
    if variance == "baseline":
        return math.sqrt(2 * p1 * (1 - p1))
    raise CalculationError("variance", f"unknown variance {variance!r}; use one of {VARIANCES}")


def sample_size(
    baseline: float,
    mde: float,
    *,
    relative: bool = False,
    alpha: float = 0.05,
    power: float = 0.8,
    variance: str = "pooled",
    exact: bool = False,
) -> float:
    """Users needed in EACH variant to detect an effect of ``mde`` on a conversion rate.

    Parameters
    ----------
    baseline : float
        Control conversion rate, strictly between 0 and 1 (0.2 for 20%).
    mde : float
        Minimum detectable effect: absolute difference in rate (0.05 = 5 percentage points),
        or a fraction of ``baseline`` when ``relative=True`` (0.1 = a 10% lift).
    relative : bool
        Read ``mde`` as relative to the baseline.
    alpha : float
        Two-sided significance level (default 0.05).
    power : float
        Probability of detecting a true effect of size ``mde`` (default 0.8).
    variance : {"pooled", "baseline"}
        Null-hypothesis variance: R ``power.prop.test`` (pooled) or Evan Miller's calculator
        (baseline).
    exact : bool
        Return the unrounded value instead of rounding up to whole users.

    Returns
    -------
    float
        Users per variant (a whole number unless ``exact``).

    Raises
    ------
    CalculationError
        For probabilities outside (0, 1), a zero effect, or a target rate outside (0, 1).
    """
    p1, p2, delta = _target(baseline, mde, relative)
    za, zb = _z_values(alpha, power)
    sd1 = math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))
    n = (za * _sd0(p1, p2, variance) + zb * sd1) ** 2 / delta**2
    return n if exact else float(math.ceil(n - 1e-9))


def power(
    baseline: float,
    mde: float,
    n_per_variant: float,
    *,
    relative: bool = False,
    alpha: float = 0.05,
    variance: str = "pooled",
) -> float:
    """Chance that a test with ``n_per_variant`` users per arm detects an effect of ``mde``.

    ``Phi((sqrt(n) |delta| - z_{1-alpha/2} sd0) / sd1)``, the inverse of :func:`sample_size`
    (R ``power.prop.test`` with ``strict = FALSE``).

    Parameters
    ----------
    baseline : float
        Control conversion rate in (0, 1).
    mde : float
        Effect (absolute, or relative with ``relative=True``).
    n_per_variant : float
        Users in each variant, positive.
    relative : bool
        Read ``mde`` as a fraction of the baseline.
    alpha : float
        Two-sided significance level.
    variance : {"pooled", "baseline"}
        Null-hypothesis variance, as for :func:`sample_size`.

    Returns
    -------
    float

    Raises
    ------
    CalculationError
        For probabilities outside (0, 1) or a non-positive sample size.
    """
    p1, p2, delta = _target(baseline, mde, relative)
    n = float(n_per_variant)
    if math.isnan(n) or n <= 0:
        raise CalculationError("n_per_variant", f"n_per_variant is {n:g}; it must be positive")
    za = _Z.inv_cdf(1 - _probability("alpha", alpha) / 2)
    sd1 = math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))
    return _Z.cdf((math.sqrt(n) * abs(delta) - za * _sd0(p1, p2, variance)) / sd1)


def minimum_detectable_effect(
    baseline: float,
    n_per_variant: float,
    *,
    alpha: float = 0.05,
    power: float = 0.8,
    variance: str = "pooled",
    relative: bool = False,
) -> float:
    """Smallest increase in conversion rate detectable with ``n_per_variant`` users per arm.

    Solves :func:`sample_size` for the effect by bisection (it falls as ``n`` grows).

    Parameters
    ----------
    baseline : float
        Control conversion rate in (0, 1).
    n_per_variant : float
        Users in each variant, positive.
    alpha, power, variance
        As for :func:`sample_size`.
    relative : bool
        Return the effect as a fraction of the baseline instead of absolute.

    Returns
    -------
    float
        The effect (absolute difference of rates unless ``relative``).

    Raises
    ------
    CalculationError
        For a non-positive sample size, probabilities outside (0, 1), or a sample too small
        to detect any increase below 100% conversion.
    """
    p1 = _probability("baseline", baseline)
    n = float(n_per_variant)
    if math.isnan(n) or n <= 0:
        raise CalculationError("n_per_variant", f"n_per_variant is {n:g}; it must be positive")
    _z_values(alpha, power)
    lo, hi = 1e-12, (1 - p1) * (1 - 1e-9)
    if sample_size(p1, hi, alpha=alpha, power=power, variance=variance, exact=True) > n:
        raise CalculationError(
            "n_per_variant", f"{n:g} users per variant cannot detect any effect at this power"
        )
    for _ in range(200):
        mid = (lo + hi) / 2
        need = sample_size(p1, mid, alpha=alpha, power=power, variance=variance, exact=True)
        if need > n:
            lo = mid
        else:
            hi = mid
    return hi / p1 if relative else hi


def duration_days(
    n_per_variant: float, daily_users: float, *, variants: int = 2, allocation: float = 1.0
) -> int:
    """Whole days to reach ``n_per_variant`` in every variant.

    Parameters
    ----------
    n_per_variant : float
        Users needed per variant (from :func:`sample_size`).
    daily_users : float
        Eligible users per day, positive.
    variants : int
        Number of arms including control (default 2).
    allocation : float
        Share of eligible traffic in the experiment, in (0, 1].

    Returns
    -------
    int
        ``ceil(n_per_variant * variants / (daily_users * allocation))``.

    Raises
    ------
    CalculationError
        For negative or zero traffic, fewer than two variants, or allocation outside (0, 1].
    """
    n = float(n_per_variant)
    if math.isnan(n) or n <= 0:
        raise CalculationError("n_per_variant", f"n_per_variant is {n:g}; it must be positive")
    t = float(daily_users)
    if math.isnan(t) or t <= 0:
        raise CalculationError("daily_users", f"daily_users is {t:g}; it must be positive")
    if isinstance(variants, bool) or int(variants) != variants or variants < 2:
        raise CalculationError("variants", f"variants is {variants!r}; need at least 2 arms")
    a = float(allocation)
    if math.isnan(a) or not 0 < a <= 1:
        raise CalculationError("allocation", f"allocation is {a:g}; it must be in (0, 1]")
    return math.ceil(n * int(variants) / (t * a) - 1e-9)


@dataclass(frozen=True)
class ZTestResult:
    """Outcome of a two-proportion z-test (treatment minus control).

    Attributes
    ----------
    rate_a, rate_b : float
        Observed conversion rates.
    difference : float
        ``rate_b - rate_a``.
    z : float
        Test statistic with the pooled standard error.
    p_value : float
        Two-sided p-value.
    ci_low, ci_high : float
        Confidence interval of the difference (unpooled standard error).
    confidence : float
        Level of the interval, ``1 - alpha``.
    """

    rate_a: float
    rate_b: float
    difference: float
    z: float
    p_value: float
    ci_low: float
    ci_high: float
    confidence: float

    @property
    def significant(self) -> bool:
        """True when the p-value is below ``1 - confidence``."""
        return self.p_value < 1 - self.confidence

    def summary(self) -> str:
        """One line: rates, difference with its interval, z and p."""
        verdict = "significant" if self.significant else "not significant"
        return (
            f"A {self.rate_a:.2%} vs B {self.rate_b:.2%}: difference {self.difference:+.2%} "
            f"({self.confidence:.0%} CI {self.ci_low:+.2%} to {self.ci_high:+.2%}), "
            f"z = {self.z:.3f}, p = {self.p_value:.4f}: {verdict} at "
            f"alpha = {1 - self.confidence:g}"
        )

    def __str__(self) -> str:
        return self.summary()


def two_proportion_ztest(
    conversions_a: int, users_a: int, conversions_b: int, users_b: int, *, alpha: float = 0.05
) -> ZTestResult:
    """Is variant B's conversion rate different from A's? Two-sided two-proportion z-test.

    ``z = (pB - pA) / sqrt(p (1 - p) (1/nA + 1/nB))`` with the pooled rate ``p``; the
    interval uses the unpooled standard error ``sqrt(pA qA / nA + pB qB / nB)``.

    Parameters
    ----------
    conversions_a, users_a : int
        Control conversions and users.
    conversions_b, users_b : int
        Treatment conversions and users.
    alpha : float
        Significance level for the verdict and the interval (default 0.05).

    Returns
    -------
    ZTestResult

    Raises
    ------
    CalculationError
        For negative counts, more conversions than users, zero users, or all-or-nothing
        conversion in both arms (no variance).
    """
    xa = validate.count("conversions_a", conversions_a, minimum=0)
    na = validate.count("users_a", users_a, minimum=0)
    xb = validate.count("conversions_b", conversions_b, minimum=0)
    nb = validate.count("users_b", users_b, minimum=0)
    for xn, nn, x, n in (
        ("conversions_a", "users_a", xa, na),
        ("conversions_b", "users_b", xb, nb),
    ):
        if n == 0:
            raise CalculationError(nn, f"{nn} is 0; each variant needs users")
        if x > n:
            raise CalculationError(xn, f"{xn} ({x:g}) exceeds {nn} ({n:g})")
    a = _probability("alpha", alpha)
    pa, pb = xa / na, xb / nb
    pooled = (xa + xb) / (na + nb)
    se0 = math.sqrt(pooled * (1 - pooled) * (1 / na + 1 / nb))
    if se0 == 0:
        raise CalculationError(
            "conversions_a", "both variants converted all or none of their users; no test possible"
        )
    z = (pb - pa) / se0
    p_value = 2 * (1 - _Z.cdf(abs(z)))
    se = math.sqrt(pa * (1 - pa) / na + pb * (1 - pb) / nb)
    zc = _Z.inv_cdf(1 - a / 2)
    diff = pb - pa
    return ZTestResult(pa, pb, diff, z, p_value, diff - zc * se, diff + zc * se, 1 - a)
