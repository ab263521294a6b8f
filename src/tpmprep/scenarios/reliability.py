"""Scenarios for the Reliability, security and operations exercises.

Expected answers come from :mod:`tpmprep.estimate.availability` (error budgets, burn rates,
series and parallel availability), so an exercise checks a candidate against the calculators
the lesson teaches with.
"""

from __future__ import annotations

import math
import random

from tpmprep.judging import Tolerance
from tpmprep.scenarios.base import Answer, Given, Scenario, register
from tpmprep.units import Q

THEME = "reliability-security-operations"

# Arithmetic answers: ±5% accepts rounding to two figures as a person says it ("about 2 hours"
# for 2.06, "170K" for 166K) and a 30.4- or 31-day month in place of the 30-day window, and
# rejects the classic slips (a percentage read as a fraction, a partial outage counted as a
# full one, MTTD left out: each off by a factor of 1.4 or more).
EXACT = Tolerance(rel=0.05)


@register
class ErrorBudget(Scenario):
    """SLO to error budget, an incident's share of it, burn rate and a dependency chain."""

    id = f"{THEME}/error-budget"
    title = "Stripe-like payments API: the error budget and a bad afternoon"
    story = """
You are the TPM for **Charge**, a payments API that merchants call to take card payments. Its
SLO: **{slo}** of requests succeed, measured over a rolling **30-day** window (count the window
as exactly 30 days). Traffic is steady through the day, so a minute of a partial outage spends
the budget in proportion to the share of requests that fail.

Yesterday a bad configuration push made **{error_ratio}** of requests fail for **{incident}**
before it was rolled back.

A charge needs, in series: the API gateway (**{gateway}** available), the charge service
(**{charge_service}**), and the card-network connection, which runs as **two independent
replicas** of **{network_link}** each (one is enough).
"""

    def draw(self, rng: random.Random) -> dict[str, Given]:
        """Draw this candidate's numbers."""
        return {
            "slo": Given(
                "SLO (successful requests)", Q(rng.choice([99.5, 99.9, 99.95]), "percent")
            ),
            "error_ratio": Given(
                "Share of requests failing during the incident",
                Q(rng.choice([5, 15, 20, 35, 40]), "percent"),
            ),
            "incident": Given("Incident duration", Q(rng.choice([13, 17, 22, 26, 34, 41]), "min")),
            "gateway": Given("Gateway availability", Q(rng.choice([99.95, 99.99]), "percent")),
            "charge_service": Given(
                "Charge service availability", Q(rng.choice([99.9, 99.95]), "percent")
            ),
            "network_link": Given(
                "One card-network replica's availability", Q(rng.choice([99, 99.5]), "percent")
            ),
        }

    def compute(self) -> dict[str, Answer]:
        """Compute the expected answers with the availability calculators."""
        from tpmprep.estimate.availability import (
            burn_rate,
            error_budget,
            parallel,
            series,
            time_to_exhaustion,
        )

        window = "30 day"
        budget = error_budget(self.slo, window).to("min")
        spent = (self.incident * self.error_ratio.to("")).to("min")
        rate = burn_rate(self.error_ratio, self.slo)
        chain = series(
            self.gateway, self.charge_service, parallel(self.network_link, self.network_link)
        )
        chain_downtime = Q((1 - chain) * 30 * 24 * 60, "min")
        return {
            "budget_minutes": Answer(
                "Error budget per 30 days, in minutes of full outage", budget, "min", EXACT
            ),
            "budget_consumed": Answer(
                "Share of the budget the incident spent",
                (spent / budget).to("percent"),
                "percent",
                EXACT,
            ),
            "burn_rate": Answer("Burn rate during the incident", Q(rate), "", EXACT),
            "hours_to_exhaustion": Answer(
                "Hours until a full budget is gone at that burn rate",
                time_to_exhaustion(rate, window).to("hour"),
                "hour",
                EXACT,
            ),
            # ±5%: accepts rounding the chain to 99.9x%, rejects forgetting the replica (the
            # link's unavailability dominates) and adding availabilities instead of multiplying.
            "chain_downtime": Answer(
                "Expected downtime of the charge path per 30 days",
                chain_downtime,
                "min",
                Tolerance(rel=0.05),
            ),
        }


def canary_requests(bug_rate: float, confidence: float) -> int:
    """Fewest canary requests that show at least one bug error with probability ``confidence``.

    ``n = ceil(ln(1 - confidence) / ln(1 - bug_rate))``: the chance that ``n`` requests all
    succeed, ``(1 - bug_rate) ** n``, must be at most ``1 - confidence``.

    Parameters
    ----------
    bug_rate : float
        Share of requests the bug breaks, in (0, 1).
    confidence : float
        Wanted chance of seeing at least one, in (0, 1).

    Returns
    -------
    int
    """
    return math.ceil(math.log(1 - confidence) / math.log(1 - bug_rate) - 1e-9)


@register
class IncidentResponse(Scenario):
    """A bad model deploy: impact window, failed requests, users affected, canary sizing."""

    id = f"{THEME}/incident-response"
    title = "RollCall: a bad deploy of the face-matching service"
    story = """
RollCall, the facial-recognition attendance system, now used by schools across the country,
takes check-in requests at **{request_rate}** at the morning peak. A new build of the
face-matching service went to every server at once and failed **{error_ratio}** of check-ins
with a new crash. The alert fired **{detect}** after the deploy (time to detect); the on-call
engineer declared an incident and the rollback was complete **{mitigate}** after the alert (time
to mitigate). That traffic was **{active_users}** students checking in, each sending
**{requests_per_user}** requests (the camera sends several frames per check-in; each request
fails independently with the same chance, and any failure shows the student an error).

Next time the team wants a **canary**: **{canary_share}** of traffic goes to the new build first.
The worst bug they want to catch breaks only **{bug_rate}** of requests, with a distinctive crash,
so a single occurrence is enough to halt the rollout; they want to see it with **{confidence}**
probability before the rollout continues.
"""

    def draw(self, rng: random.Random) -> dict[str, Given]:
        """Draw this candidate's numbers; the students are the peak traffic ÷ requests each."""
        rate = rng.choice([900, 1400, 2200, 3100])
        givens = {
            "request_rate": Given("Check-in requests at peak", Q(rate, "req/s")),
            "error_ratio": Given(
                "Share of check-ins failing with the bad build",
                Q(rng.choice([9, 14, 18, 22, 35]), "percent"),
            ),
            "detect": Given("Time to detect", Q(rng.choice([7, 9, 11, 16]), "min")),
            "mitigate": Given(
                "Time to mitigate after the alert", Q(rng.choice([13, 19, 27, 33]), "min")
            ),
            "requests_per_user": Given("Requests per student", Q(rng.choice([3, 4, 5]))),
            "canary_share": Given("Canary share of traffic", Q(rng.choice([0.5, 1, 2]), "percent")),
            "bug_rate": Given(
                "Share of requests the bug to catch breaks",
                Q(rng.choice([0.05, 0.1, 0.2, 0.5]), "percent"),
            ),
            "confidence": Given("Wanted detection probability", Q(rng.choice([95, 99]), "percent")),
        }
        # Consistent with the traffic: rate x window = students x requests each (an integer,
        # since 60 is divisible by 3, 4 and 5).
        minutes = givens["detect"].value.magnitude + givens["mitigate"].value.magnitude
        students = rate * 60 * minutes // givens["requests_per_user"].value.magnitude
        order = ["request_rate", "error_ratio", "detect", "mitigate"]
        out = {name: givens[name] for name in order}
        out["active_users"] = Given("Students checking in during the incident", Q(students))
        out.update({k: g for k, g in givens.items() if k not in out})
        return out

    def compute(self) -> dict[str, Answer]:
        """Compute the expected answers."""
        window = (self.detect + self.mitigate).to("min")
        e = float(self.error_ratio.to("").magnitude)
        failed = (self.request_rate * window * e).to("req")
        k = float(self.requests_per_user.magnitude)
        users = self.active_users * (1 - (1 - e) ** k)
        n = canary_requests(
            float(self.bug_rate.to("").magnitude), float(self.confidence.to("").magnitude)
        )
        canary_rate = self.request_rate * self.canary_share.to("")
        canary_time = (Q(n, "req") / canary_rate).to("s")
        return {
            "impact_minutes": Answer("Minutes of impact (detect + mitigate)", window, "min", EXACT),
            "failed_requests": Answer("Check-ins that failed", failed, "req", EXACT),
            # ±5%: rejects users × error ratio (ignores retries) and users × ratio × requests.
            "users_affected": Answer(
                "Students with at least one failed check-in", users.to(""), "", Tolerance(rel=0.05)
            ),
            # ±5% accepts n ≈ -ln(1 - confidence) / rate; rejects 1 / rate (only 63% sure).
            "canary_requests": Answer(
                "Canary requests needed to see the bug", Q(n), "", Tolerance(rel=0.05)
            ),
            "canary_minutes": Answer(
                "Minutes of canary at peak to serve them",
                canary_time.to("min"),
                "min",
                Tolerance(rel=0.05),
            ),
        }
