"""Scenarios for the Metrics and experimentation exercises."""

from __future__ import annotations

import math
import random

from tpmprep.judging import Tolerance
from tpmprep.plan.experiment import (
    duration_days,
    minimum_detectable_effect,
    sample_size,
    two_proportion_ztest,
)
from tpmprep.scenarios.base import Answer, Given, Scenario, register
from tpmprep.units import Q

# Sample sizes: the pooled-variance formula (R power.prop.test), the baseline-variance one (Evan
# Miller's calculator) and Kohavi et al.'s 16 p q / delta^2 agree within a few percent; ±10%
# accepts all three and rejects a one-sided test (about -21%) or 90% power (about +34%).
SIZING = Tolerance(rel=0.10)
# Test statistics: pooled or unpooled standard errors differ by well under 5%.
STAT = Tolerance(rel=0.05)
# Days, rounded up to whole days (at least 5, see MIN_DAYS): ±20% accepts rounding, rejects
# a forgotten second arm (×0.5) or a forgotten allocation (×0.5 or less: allocations are at most
# 50%, because a forgotten 80% would land within 20% once both are rounded up to whole days).
DAYS = Tolerance(rel=0.20)
MIN_DAYS, MAX_DAYS = 5, 35


@register
class BuyNowAbTest(Scenario):
    """A/B test of a one-click "Buy Now" button: sizing, duration, result and a guardrail."""

    id = "metrics-experimentation/buy-now-ab-test"
    title = "Marketly: an A/B test of a one-click Buy Now button"
    story = """
Marketly, an online store, wants to add a one-click **Buy Now** button to product pages (the
feature Amazon made famous). Today **{baseline}** of product-page visitors buy (the visitor is the
unit of randomisation and of analysis). The team wants to detect a relative lift of
**{mde}** in conversion, with a two-sided test at alpha 0.05 and 80% power. Product pages get
**{daily_visitors}** distinct visitors (assume new visitors every day, for sizing), and
**{allocation}** of them are put in the experiment, split evenly between control and treatment.

The test ran to its planned size. Control: **{users_a}** visitors, **{conversions_a}** bought.
Treatment: **{users_b}** visitors, **{conversions_b}** bought. Guardrail (accidental purchases):
orders cancelled within 24 hours: **{cancels_a}** in control, **{cancels_b}** in treatment (out
of the orders above). The table rounds large counts; `sc.users_a`, `sc.conversions_a` and the
others hold the exact numbers.
"""

    def draw(self, rng: random.Random) -> dict[str, Given]:
        """Draw this candidate's numbers (redrawn until the test takes 5 to 35 days)."""
        for _ in range(1000):
            baseline = rng.choice([2.5, 3, 3.5, 4, 4.5, 5])
            mde = rng.choice([4, 5, 6, 7])
            daily = rng.choice([80, 120, 150, 250]) * 1000
            allocation = rng.choice([20, 40, 50])
            n = sample_size(baseline / 100, mde / 100, relative=True)
            days = duration_days(n, daily, allocation=allocation / 100)
            if MIN_DAYS <= days <= MAX_DAYS:
                break
        else:  # pragma: no cover
            raise AssertionError("no draw gave a test of 5 to 35 days; widen the ranges")
        users_a = int(math.ceil(n / 1000) * 1000)
        users_b = users_a + rng.randint(-300, 300)
        observed_lift = mde / 100 * rng.choice([0.7, 0.9, 1.1, 1.3])
        conversions_a = round(users_a * baseline / 100)
        conversions_b = round(users_b * baseline / 100 * (1 + observed_lift))
        cancel_rate = rng.choice([1.5, 2.0, 2.5]) / 100
        cancel_increase = rng.choice([0.3, 0.5, 0.7]) / 100
        cancels_a = round(conversions_a * cancel_rate)
        cancels_b = round(conversions_b * (cancel_rate + cancel_increase))
        return {
            "baseline": Given("Baseline conversion rate", Q(baseline, "percent")),
            "mde": Given("Minimum detectable effect (relative lift)", Q(mde, "percent")),
            "daily_visitors": Given("Product-page visitors per day", Q(daily, "1/day")),
            "allocation": Given("Share of visitors in the experiment", Q(allocation, "percent")),
            "users_a": Given("Control visitors", Q(users_a)),
            "conversions_a": Given("Control purchases", Q(conversions_a)),
            "users_b": Given("Treatment visitors", Q(users_b)),
            "conversions_b": Given("Treatment purchases", Q(conversions_b)),
            "cancels_a": Given("Control orders cancelled within 24 h", Q(cancels_a)),
            "cancels_b": Given("Treatment orders cancelled within 24 h", Q(cancels_b)),
        }

    def compute(self) -> dict[str, Answer]:
        """Compute the expected answers from the numbers."""
        baseline = self.baseline.to("").magnitude
        mde = self.mde.to("").magnitude
        n = sample_size(baseline, mde, relative=True)
        days = duration_days(
            n, self.daily_visitors.to("1/day").magnitude, allocation=self.allocation.to("").m
        )
        ua, ca = int(self.users_a.m), int(self.conversions_a.m)
        ub, cb = int(self.users_b.m), int(self.conversions_b.m)
        result = two_proportion_ztest(ca, ua, cb, ub)
        lift = result.difference / result.rate_a
        guard = two_proportion_ztest(int(self.cancels_a.m), ca, int(self.cancels_b.m), cb)
        return {
            "n_per_arm": Answer("Visitors needed per arm", Q(n), "", SIZING),
            "days": Answer("Days to reach that size", Q(days, "day"), "day", DAYS),
            "observed_lift": Answer(
                "Observed relative lift in conversion", Q(100 * lift, "percent"), "percent", STAT
            ),
            "z": Answer("z statistic of the conversion test (|z|)", Q(abs(result.z)), "", STAT),
            "p_value": Answer(
                "Two-sided p-value of the conversion test",
                Q(result.p_value),
                "",
                Tolerance(rel=0.15),
            ),
            "guardrail_z": Answer(
                "z statistic of the cancellation-rate guardrail (|z|)",
                Q(abs(guard.z)),
                "",
                STAT,
            ),
        }


@register
class PlaylistKpis(Scenario):
    """Personalised playlists: a metrics funnel, a pilot's lift and what a test can detect."""

    id = "metrics-experimentation/playlist-kpis"
    title = "Tunely: metrics for a personalised daily playlist"
    story = """
Tunely is a music-streaming app with **{dau}** daily active users. Its personalised
**Daily Mix** playlist (think Spotify's Discover Weekly) is opened by **{view_rate}** of daily
users; **{save_rate}** of those who open it save it to their library, and the average viewer
streams **{streams_per_viewer}** tracks from it. A pilot of a new recommendation model showed a
save rate of **{pilot_save_rate}** among viewers (against {save_rate} in control).

You plan a proper A/B test that runs for **{test_weeks}**. Last quarter's logs say
**{unique_viewers}** distinct users open the Daily Mix at least once in a period of that length.
**{allocation}** of users enter the experiment, split evenly between two arms; the user is the
unit of randomisation; save rate among viewers is the primary metric; alpha 0.05 two-sided,
power 80%.
"""

    def draw(self, rng: random.Random) -> dict[str, Given]:
        """Draw this candidate's numbers."""
        save_rate = rng.choice([4.0, 5.0, 6.0, 7.0])
        return {
            "dau": Given("Daily active users", Q(rng.choice([20, 35, 45, 70]) * 1e6)),
            "view_rate": Given(
                "Share of daily users who open the playlist",
                Q(rng.choice([18, 22, 26, 35]), "percent"),
            ),
            "save_rate": Given("Share of viewers who save it", Q(save_rate, "percent")),
            "streams_per_viewer": Given(
                "Streams from the playlist per viewer", Q(rng.choice([3.5, 4.5, 5.5]))
            ),
            "pilot_save_rate": Given(
                "Save rate in the pilot",
                Q(round(save_rate * (1 + rng.choice([3, 4, 6]) / 100), 2), "percent"),
            ),
            "test_weeks": Given("Length of the test", Q(rng.choice([2, 3, 4]), "week")),
            "unique_viewers": Given(
                "Distinct viewers over the length of the test", Q(rng.choice([4, 6, 9, 14]) * 1e6)
            ),
            "allocation": Given(
                "Share of users in the experiment", Q(rng.choice([10, 20]), "percent")
            ),
        }

    def compute(self) -> dict[str, Answer]:
        """Compute the expected answers from the numbers."""
        viewers = (self.dau * self.view_rate).to("")
        saves = (viewers * self.save_rate).to("")
        streams = (viewers * self.streams_per_viewer).to("")
        save_rate = self.save_rate.to("").magnitude
        pilot_lift = self.pilot_save_rate.to("").magnitude / save_rate - 1
        n_per_arm = (self.unique_viewers * self.allocation / 2).to("").magnitude
        mde = minimum_detectable_effect(save_rate, n_per_arm, relative=True)
        n_pilot = sample_size(save_rate, pilot_lift, relative=True)
        return {
            "daily_viewers": Answer("Playlist viewers per day", viewers, "", Tolerance(rel=0.05)),
            "daily_saves": Answer("Playlist saves per day", saves, "", Tolerance(rel=0.05)),
            "daily_streams": Answer(
                "Streams from the playlist per day", streams, "", Tolerance(rel=0.05)
            ),
            "pilot_lift": Answer(
                "Relative lift in save rate in the pilot",
                Q(100 * pilot_lift, "percent"),
                "percent",
                STAT,
            ),
            "mde": Answer(
                "Minimum detectable relative lift of the planned test",
                Q(100 * mde, "percent"),
                "percent",
                SIZING,
            ),
            "n_for_pilot_lift": Answer(
                "Users per arm to detect the pilot's lift", Q(n_pilot), "", SIZING
            ),
        }


@register
class ExperimentReadout(Scenario):
    """Review an experiment readout: sample ratio, many metrics, and what survives correction."""

    id = "metrics-experimentation/experiment-readout"
    title = "Reviewing an experiment readout before anyone ships"
    story = """
A product team sends you the readout of a checkout experiment and asks for sign-off. The design
split users **50/50**. The readout shows **{users_a}** users in control and **{users_b}** in
treatment. It reports **{metrics}** metrics, each tested at alpha 0.05 two-sided; the four smallest
p-values are **{p1}**, **{p2}**, **{p3}** and **{p4}**, and every other metric has p above 0.1.
The team's summary says "four metrics improved significantly". Treat the metrics as independent
for the family-wise calculation (a simplification: real metrics are correlated). The table
rounds the user counts; `sc.users_a` and `sc.users_b` hold the exact numbers.
"""

    def draw(self, rng: random.Random) -> dict[str, Given]:
        """Draw this candidate's numbers."""
        total = rng.choice([200, 320, 450, 600, 900]) * 1000
        # Share moved from treatment to control: |z| = sqrt(N) x imbalance is 4.5 or more.
        imbalance = rng.choice([1.0, 1.2, 1.5, 2.0]) / 100
        users_a = round(total * (0.5 + imbalance / 2))
        metrics = rng.choice([12, 15, 20, 25])
        smallest = sorted(
            [
                rng.choice([0.0003, 0.0008, 0.0015]),
                rng.choice([0.0021, 0.004, 0.006]),
                rng.choice([0.011, 0.017, 0.026]),
                rng.choice([0.031, 0.038, 0.044]),
            ]
        )
        givens = {
            "users_a": Given("Control users", Q(users_a)),
            "users_b": Given("Treatment users", Q(total - users_a)),
            "metrics": Given("Metrics tested", Q(metrics)),
        }
        for i, p in enumerate(smallest, start=1):
            givens[f"p{i}"] = Given(f"Smallest p-value number {i}", Q(p))
        return givens

    def compute(self) -> dict[str, Answer]:
        """Compute the expected answers from the numbers."""
        a, b = self.users_a.m, self.users_b.m
        n = a + b
        srm_z = abs(a - n / 2) / math.sqrt(n / 4)
        k = int(self.metrics.m)
        family_wise = 1 - 0.95**k
        threshold = 0.05 / k
        survivors = sum(self.givens[f"p{i}"].value.m < threshold for i in range(1, 5))
        return {
            "srm_z": Answer("|z| of the sample-ratio test", Q(srm_z), "", STAT),
            "family_wise": Answer(
                "Chance of at least one false positive with no true effect",
                Q(100 * family_wise, "percent"),
                "percent",
                STAT,
            ),
            "bonferroni": Answer(
                "Bonferroni threshold per metric", Q(threshold), "", Tolerance(rel=0.02)
            ),
            "expected_false_positives": Answer(
                "Expected false positives with no true effect", Q(0.05 * k), "", STAT
            ),
            "survivors": Answer(
                "Metrics significant after Bonferroni",
                Q(survivors),
                "",
                Tolerance(rel=0),
            ),
        }
