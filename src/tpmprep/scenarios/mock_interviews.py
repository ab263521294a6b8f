"""Scenarios for the mock-interview exercises: full prompts worked end to end.

Each scenario mixes estimation (rates, servers, storage, bandwidth), reliability (the
availability of a chain of services) and program judgement (the P85 launch date of a small
plan, computed with :meth:`tpmprep.plan.Schedule.monte_carlo`).
"""

from __future__ import annotations

import math
import random

from tpmprep.judging import Tolerance
from tpmprep.scenarios.base import Answer, Given, Scenario, redraw, register
from tpmprep.units import Q

# Napkin maths (a day as 10^5 s, rounded inputs) lands within ±25%; every classic slip
# (×2 peak, ×8 bits/bytes, ×3 copies, a forgotten utilisation target ≤ 70%) falls outside.
NAPKIN = Tolerance(rel=0.25)
# A chain's downtime: summing the components' unavailabilities (the usual shortcut) is within
# a fraction of a percent of 1 - product; taking only the weakest link is not.
DOWNTIME = Tolerance(rel=0.15)
# A P85 from any Beta-PERT Monte Carlo run of a few thousand samples (another seed, another n)
# lands within ±2% of the key, so ±5% accepts it; the sum of most-likely durations (20-40% low)
# and the PERT expected duration (9-24% low) do not (checked for many seeds in the tests). The
# PERT normal approximation on the critical path ignores merge bias and reads 0-9% low, so it
# passes for most seeds but not all; the questions therefore ask for the Monte Carlo, and say
# so. Triangular sampling has a fatter tail (12-28% high) and is rejected: the questions name
# the default Beta-PERT sampling.
P85 = Tolerance(rel=0.05)
MIN_SERVERS = 25  # see estimation.py: below this, rounding up hides a forgotten utilisation
MONTE_CARLO_RUNS = 20_000
MONTE_CARLO_SEED = 0


def _ceil(x) -> int:
    """Round a dimensionless quantity up to a whole number (a fraction of a server is a server)."""
    return math.ceil(x.to("").magnitude - 1e-9)



def _plan_records(text: str, estimates: dict[str, tuple[int, int, int]]) -> list[dict]:
    """Turn ``name | depends`` lines and drawn (o, m, p) estimates into Schedule records."""
    records = []
    for line in text.strip().splitlines():
        name, depends = (part.strip() for part in line.split("|"))
        records.append(
            {
                "name": name,
                "duration": list(estimates[name]),
                "depends_on": [d.strip() for d in depends.split(",") if d.strip() not in ("", "-")],
            }
        )
    return records


def _estimate(rng: random.Random, likely: list[int]) -> tuple[int, int, int]:
    """Draw a three-point estimate in days: optimistic, most likely and a long pessimistic tail."""
    m = rng.choice(likely)
    o = max(1, round(m * rng.choice([0.6, 0.7, 0.8])))
    p = round(m * rng.choice([2.0, 2.5, 3.0]))
    return (o, m, p)


def _duration_text(duration) -> str:
    """Write a duration as ``5`` or ``3/5/9`` (optimistic/most likely/pessimistic)."""
    if isinstance(duration, int | float):
        return f"{duration:g}"
    return "/".join(map(str, duration))


def _brief_with_plan(sc: Scenario, plan: list[dict]) -> str:
    """Return the story and the numbers (as every scenario shows them), then the plan."""
    tasks = "\n".join(
        f"| {r['name']} | {_duration_text(r['duration'])} | {', '.join(r['depends_on']) or '-'} |"
        for r in plan
    )
    return (
        f"{Scenario.brief_markdown(sc)}\n"
        "**Launch plan** (`sc.plan`; days as optimistic/most likely/pessimistic)\n\n"
        f"| Task | Estimate (days) | Depends on |\n|---|---|---|\n{tasks}\n"
    )


def p85_days(records: list[dict]) -> float:
    """Return the P85 completion time in days of a plan, by Monte Carlo (20,000 runs, seed 0).

    Parameters
    ----------
    records : list of dict
        Task records for :meth:`tpmprep.plan.Schedule.from_records`.

    Returns
    -------
    float
        Days from the start by which 85% of simulated projects finish.
    """
    from tpmprep.plan import Schedule

    schedule = Schedule.from_records(records)
    return schedule.monte_carlo(n=MONTE_CARLO_RUNS, seed=MONTE_CARLO_SEED).percentile(85)


BUY_NOW_PLAN = """
Idempotent order API | -
Inventory reservation | -
Payment authorisation | -
Cancel window and emails | Idempotent order API
Load test at 2x peak | Idempotent order API, Inventory reservation, Payment authorisation
Staged rollout | Load test at 2x peak, Cancel window and emails
"""


@register
class BuyNow(Scenario):
    """Amazon-style Buy Now: peak orders, servers, idempotency keys, chain downtime, launch P85."""

    id = "mock-interviews/buy-now"
    title = "Mock interview: a Buy Now (one-click) checkout"
    story = """
You are in a TPM system-design loop: *"Design Buy Now: one press on a product page places the
order with the saved address and card."* After clarifying, you and the interviewer agree on these
numbers (assumptions of the exercise, not Amazon's figures). Orders arrive at **{orders_per_day}**
on an average day and **{buy_now_share}** of them will come through Buy Now. On a sale day
traffic peaks at **{peak_factor}×** the daily average. One order-service server places orders
at **{server_capacity}** at full load (each order waits on fraud, inventory and payment calls),
and you run servers at **{target_utilisation}** utilisation at peak.

Every press carries an **idempotency key**, so a double press or a network retry returns the
first order instead of placing a second. The service keeps each key's record
(**{key_record_size}**: key, order id, stored response, timestamps) for **{key_retention}** in
**{key_copies}** copies.

A press calls four services in series: the edge/API gateway (**{edge_availability}**), the order
service (**{order_availability}**), inventory reservation (**{inventory_availability}**) and
payment authorisation (**{payment_availability}**).

The launch plan is in the table under the numbers (`sc.plan`).
"""

    def draw(self, rng: random.Random) -> dict[str, Given]:
        """Draw this candidate's numbers (redrawn when fewer than ``MIN_SERVERS`` are needed)."""

        def servers(v):
            peak = v["orders_per_day"] * v["buy_now_share"] * v["peak_factor"]
            per = v["server_capacity"] * v["target_utilisation"]
            return (peak / per).to("").magnitude

        givens = redraw(
            rng, self._draw_once, lambda v: servers(v) >= MIN_SERVERS, "reached MIN_SERVERS"
        )
        estimates = {
            "Idempotent order API": _estimate(rng, [15, 20, 25]),
            "Inventory reservation": _estimate(rng, [20, 25, 35]),
            "Payment authorisation": _estimate(rng, [15, 25, 35]),
            "Cancel window and emails": _estimate(rng, [10, 15]),
            "Load test at 2x peak": _estimate(rng, [5, 7, 10]),
            "Staged rollout": _estimate(rng, [10, 14]),
        }
        self._plan = _plan_records(BUY_NOW_PLAN, estimates)
        return givens

    @staticmethod
    def _draw_once(rng: random.Random) -> dict[str, Given]:
        return {
            "orders_per_day": Given(
                "Orders per average day (all channels)",
                Q(rng.choice([25, 35, 45, 55, 65]) * 1e6, "1/day"),
            ),
            "buy_now_share": Given(
                "Share of orders placed with Buy Now", Q(rng.choice([20, 35, 45]), "percent")
            ),
            "peak_factor": Given("Sale-day peak-to-average ratio", Q(rng.choice([3, 4, 5]))),
            "server_capacity": Given(
                "Orders one server places at full load",
                Q(rng.choice([15, 20, 25, 35]), "1/s"),
            ),
            "target_utilisation": Given(
                "Target server utilisation at peak", Q(rng.choice([50, 60, 70]), "percent")
            ),
            "key_record_size": Given(
                "Size of one idempotency-key record", Q(rng.choice([150, 250, 400]), "B")
            ),
            "key_retention": Given("How long keys are kept", Q(rng.choice([2, 3, 5]), "day")),
            "key_copies": Given("Copies kept of the key store", Q(3)),
            "edge_availability": Given("Edge/API gateway availability", Q(99.99, "percent")),
            "order_availability": Given(
                "Order service availability", Q(rng.choice([99.9, 99.95]), "percent")
            ),
            "inventory_availability": Given(
                "Inventory reservation availability",
                Q(rng.choice([99.9, 99.95, 99.99]), "percent"),
            ),
            "payment_availability": Given(
                "Payment authorisation availability",
                Q(rng.choice([99.9, 99.95]), "percent"),
            ),
        }

    @property
    def plan(self) -> list[dict]:
        """The launch plan as task records for :meth:`tpmprep.plan.Schedule.from_records`."""
        return [
            dict(r, duration=list(r["duration"]), depends_on=list(r["depends_on"]))
            for r in self._plan
        ]

    def brief_markdown(self) -> str:
        """Return the story, the numbers and the launch plan, as Markdown."""
        return _brief_with_plan(self, self._plan)

    def compute(self) -> dict[str, Answer]:
        """Compute the expected answers from the numbers."""
        buy_now_per_day = self.orders_per_day * self.buy_now_share.to("")
        peak = (buy_now_per_day * self.peak_factor).to("1/s")
        servers = Q(_ceil(peak / (self.server_capacity * self.target_utilisation.to(""))))
        keys = (buy_now_per_day * self.key_retention).to("")
        storage = (keys * self.key_record_size * self.key_copies).to("GB")
        availability = math.prod(
            a.to("").magnitude
            for a in (
                self.edge_availability,
                self.order_availability,
                self.inventory_availability,
                self.payment_availability,
            )
        )
        downtime = Q((1 - availability) * 30 * 24 * 60, "min")
        return {
            "peak_orders": Answer("Peak Buy Now orders per second", peak, "1/s", NAPKIN),
            "servers": Answer("Order-service servers at peak", servers, "", NAPKIN),
            "key_storage": Answer("Idempotency-key storage, all copies", storage, "GB", NAPKIN),
            "downtime": Answer(
                "Expected downtime of the Buy Now chain per 30-day month", downtime, "min", DOWNTIME
            ),
            "launch_p85": Answer(
                "Launch (end of staged rollout) at 85% confidence, days from start",
                Q(p85_days(self._plan), "day"),
                "day",
                P85,
            ),
        }


LIVE_TRAFFIC_PLAN = """
Road graph import | -
Map matching | Road graph import
Privacy review | -
Historical speed model | Road graph import
Live speed pipeline | Map matching, Privacy review
ETA accuracy evaluation | Live speed pipeline, Historical speed model
Staged launch | ETA accuracy evaluation
"""


@register
class LiveTraffic(Scenario):
    """Maps live traffic: location reports, ingest bandwidth, map matchers, state, launch P85."""

    id = "mock-interviews/live-traffic"
    title = "Mock interview: live traffic on a map"
    story = """
You are in a TPM system-design loop: *"Design live traffic for a maps app: colour every road by
its current speed and give drivers an arrival time, from the location reports of phones with the
app open."* You and the interviewer agree on these numbers (assumptions of the exercise, not
Google's figures). At the evening peak **{phones}** phones are navigating and each sends a location
report every **{report_interval}**; a report (anonymous trip id, position, speed, heading,
timestamp, overhead) is **{report_size}** on the wire. A map-matching server snaps
reports to road segments at **{matcher_capacity}** at full load and runs at
**{target_utilisation}** utilisation at peak. The road network has **{road_segments}** segments;
the live state of one segment (current speed, sample count, window start, confidence) is
**{segment_state}**, kept in memory in **{state_copies}** copies.

The plan to launch live traffic in a new country is in the table under the numbers (`sc.plan`).
"""

    def draw(self, rng: random.Random) -> dict[str, Given]:
        """Draw this candidate's numbers and the launch plan."""
        givens = {
            "phones": Given("Phones navigating at peak", Q(rng.choice([15, 20, 25, 35, 45]) * 1e6)),
            "report_interval": Given("Seconds between reports", Q(rng.choice([4, 5, 15]), "s")),
            "report_size": Given(
                "Size of one report on the wire", Q(rng.choice([90, 110, 150]), "B")
            ),
            "matcher_capacity": Given(
                "Reports one map-matching server handles at full load",
                Q(rng.choice([15, 20, 25]) * 1e3, "1/s"),
            ),
            "target_utilisation": Given(
                "Target server utilisation at peak", Q(rng.choice([50, 60, 70]), "percent")
            ),
            "road_segments": Given(
                "Road segments in the network", Q(rng.choice([40, 70, 90, 130]) * 1e6)
            ),
            "segment_state": Given("Live state of one segment", Q(rng.choice([40, 48, 64]), "B")),
            "state_copies": Given("Copies of the live state", Q(3)),
        }
        estimates = {
            "Road graph import": _estimate(rng, [10, 15]),
            "Map matching": _estimate(rng, [20, 25, 35]),
            "Privacy review": _estimate(rng, [15, 25, 35, 45]),
            "Historical speed model": _estimate(rng, [25, 35]),
            "Live speed pipeline": _estimate(rng, [15, 20, 25]),
            "ETA accuracy evaluation": _estimate(rng, [10, 14]),
            "Staged launch": _estimate(rng, [10, 14]),
        }
        self._plan = _plan_records(LIVE_TRAFFIC_PLAN, estimates)
        return givens

    @property
    def plan(self) -> list[dict]:
        """The launch plan as task records for :meth:`tpmprep.plan.Schedule.from_records`."""
        return [
            dict(r, duration=list(r["duration"]), depends_on=list(r["depends_on"]))
            for r in self._plan
        ]

    def brief_markdown(self) -> str:
        """Return the story, the numbers and the launch plan, as Markdown."""
        return _brief_with_plan(self, self._plan)

    def compute(self) -> dict[str, Answer]:
        """Compute the expected answers from the numbers."""
        reports_per_second = (self.phones / self.report_interval).to("1/s")
        bandwidth = (reports_per_second * self.report_size).to("Gbps")
        per_server = self.matcher_capacity * self.target_utilisation.to("")
        servers = Q(_ceil(reports_per_second / per_server))
        memory = (self.road_segments * self.segment_state * self.state_copies).to("GB")
        return {
            "reports_per_second": Answer(
                "Location reports per second at peak", reports_per_second, "1/s", NAPKIN
            ),
            "ingest_bandwidth": Answer("Ingest bandwidth at peak", bandwidth, "Gbps", NAPKIN),
            "matchers": Answer("Map-matching servers at peak", servers, "", NAPKIN),
            "state_memory": Answer("Memory for the live state, all copies", memory, "GB", NAPKIN),
            "launch_p85": Answer(
                "Launch (end of staged launch) at 85% confidence, days from start",
                Q(p85_days(self._plan), "day"),
                "day",
                P85,
            ),
        }


FACE_PLAN = """
Contract | -
Privacy review | -
ML data | Contract
ML model | ML data
Web build | Contract
Integration | ML model, Web build
Pilot | Integration, Privacy review
Rollout | Pilot
"""
# Exact dates from fixed durations: a slip mis-handled by a few days must show, so ±2%.
EXACT_DAYS = Tolerance(rel=0.02)


@register
class FaceAttendance(Scenario):
    """Face-recognition attendance: door peak, fallbacks, 1:N false matches, plan and a slip."""

    id = "mock-interviews/face-attendance"
    title = "Mock interview: facial-recognition attendance, a web team and an ML team"
    story = """
You are in a TPM program loop: *"You own a facial-recognition attendance system for
**{sites}** offices. A web team builds enrolment, the dashboard and reports; an ML team builds
detection and matching at the entrance cameras."* You and the interviewer agree on these numbers
(assumptions of the exercise). Each office has **{people}** enrolled people and one main
entrance; every enrolled person comes in each working day and makes one attempt at the door,
and **{arrival_share}** of them arrive in the **{arrival_window}** before the start of the
day. The matcher fails to recognise an enrolled person
(a false non-match) on **{fnmr}** of attempts; those people use the badge fallback. Each attempt
is compared against every enrolled face of all offices (a 1:N search); one comparison falsely
matches a different person with probability **{fmr}** (the false match rate).

The plan, in days (one estimate each): contract **{contract_days}**, privacy review
**{privacy_days}**, ML data **{data_days}**, ML model **{model_days}**, web build **{web_days}**,
integration **{integration_days}**, pilot **{pilot_days}**, rollout **{rollout_days}** (the
dependencies are in the table below, `sc.plan`). Halfway through, the web team reports that the
web build will take **{web_slip}** longer than planned.
"""

    def draw(self, rng: random.Random) -> dict[str, Given]:
        """Draw this candidate's numbers and the plan."""
        durations = {
            "Contract": rng.choice([5, 7, 10]),
            "Privacy review": rng.choice([20, 25, 35, 40]),
            "ML data": rng.choice([15, 20, 25]),
            "ML model": rng.choice([25, 35, 40]),
            "Web build": rng.choice([20, 25]),
            "Integration": rng.choice([9, 10, 14]),
            "Pilot": rng.choice([15, 20]),
            "Rollout": rng.choice([10, 14, 15]),
        }
        self._plan = _plan_records(FACE_PLAN, {k: (v, v, v) for k, v in durations.items()})
        for r in self._plan:
            r["duration"] = r["duration"][1]
        slack = durations["ML data"] + durations["ML model"] - durations["Web build"]
        day = "day"
        return {
            "sites": Given("Offices", Q(rng.choice([3, 4, 5]))),
            "people": Given("Enrolled people per office", Q(rng.choice([1300, 1800, 2200, 2600]))),
            "arrival_share": Given(
                "Share arriving in the morning window", Q(rng.choice([55, 65, 75]), "percent")
            ),
            "arrival_window": Given("Morning window", Q(rng.choice([20, 40, 45]), "min")),
            "fnmr": Given("False non-match rate per attempt", Q(rng.choice([1, 2, 3]), "percent")),
            "fmr": Given("False match rate per comparison", Q(rng.choice([1, 2, 5]) * 1e-6)),
            "contract_days": Given("Contract (days)", Q(durations["Contract"], day)),
            "privacy_days": Given("Privacy review (days)", Q(durations["Privacy review"], day)),
            "data_days": Given("ML data (days)", Q(durations["ML data"], day)),
            "model_days": Given("ML model (days)", Q(durations["ML model"], day)),
            "web_days": Given("Web build (days)", Q(durations["Web build"], day)),
            "integration_days": Given("Integration (days)", Q(durations["Integration"], day)),
            "pilot_days": Given("Pilot (days)", Q(durations["Pilot"], day)),
            "rollout_days": Given("Rollout (days)", Q(durations["Rollout"], day)),
            "web_slip": Given(
                "Extra days the web build needs", Q(slack + rng.choice([5, 8, 12]), day)
            ),
        }

    @property
    def plan(self) -> list[dict]:
        """The plan as task records for :meth:`tpmprep.plan.Schedule.from_records`."""
        return [dict(r, depends_on=list(r["depends_on"])) for r in self._plan]

    def brief_markdown(self) -> str:
        """Return the story, the numbers and the plan, as Markdown."""
        return _brief_with_plan(self, self._plan).replace(
            "days as optimistic/most likely/pessimistic", "days, one estimate each"
        )

    def compute(self) -> dict[str, Answer]:
        """Compute the expected answers from the numbers."""
        from tpmprep.plan import Schedule

        arrivals = (self.people * self.arrival_share.to("") / self.arrival_window).to("1/min")
        fallbacks = (self.people * self.sites * self.fnmr.to("")).to("")
        gallery = (self.people * self.sites).to("").magnitude
        false_match = 1 - (1 - self.fmr.to("").magnitude) ** gallery
        schedule = Schedule.from_records(self.plan)
        slipped = schedule.delay("Web build", self.web_slip.to("day").magnitude)
        return {
            "arrivals_per_minute": Answer(
                "Arrivals per minute at one entrance at peak", arrivals, "1/min", Tolerance(rel=0.1)
            ),
            "fallbacks": Answer(
                "Badge fallbacks per day, all offices", fallbacks, "", Tolerance(rel=0.1)
            ),
            "false_match_chance": Answer(
                "Chance one attempt falsely matches someone (1:N over all offices)",
                Q(false_match * 100, "percent"),
                "percent",
                Tolerance(rel=0.1),
            ),
            "launch_days": Answer(
                "Planned launch (end of rollout), days from start",
                Q(schedule.duration, "day"),
                "day",
                EXACT_DAYS,
            ),
            "launch_after_slip": Answer(
                "Launch after the web build slips, days from start",
                Q(slipped.duration, "day"),
                "day",
                EXACT_DAYS,
            ),
        }
