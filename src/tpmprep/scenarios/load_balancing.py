"""Scenarios for the Load balancing exercises."""

from __future__ import annotations

import math
import random

from tpmprep.judging import Tolerance
from tpmprep.scenarios.base import Answer, Given, Scenario, register
from tpmprep.units import Q

# Counts of whole machines are rounded up, so the method the text endorses (round up at the end,
# or per zone) lands within a few percent; ±10% accepts either and rejects a forgotten
# utilisation target (≥ 30% off) or a forgotten zone-loss headroom (≥ 20% off with at most 5 zones).
COUNT = Tolerance(rel=0.10)
EXACT = Tolerance(rel=0.03)


def _ceil(x) -> int:
    """Round a dimensionless quantity up to a whole number."""
    return math.ceil(Q(x).to("").magnitude - 1e-9)


@register
class Zoom2020(Scenario):
    """Video meetings in spring 2020: connections, media servers and zone-loss headroom."""

    id = "load-balancing/zoom-2020"
    title = "Meetly in April 2020: load balancers and failover headroom for a region"
    story = """
Meetly is a video-meeting service in spring 2020. (For scale: Zoom reported about 10 million
daily meeting participants in December 2019 and 300 million daily meeting participants in April
2020; daily participants, not concurrent ones.) You own one region.
At the busiest minute it carries **{participants}** concurrent meeting participants, and each
participant holds **{connections_per_participant}** long-lived connections (signalling and media)
through the region's layer-4 load balancers. One load-balancer instance holds at most
**{lb_capacity}** concurrent connections. One media server carries **{per_server}** at full load,
and you run media servers at **{target_utilisation}** utilisation at peak. The region has
**{zones}** availability zones, and it must carry the peak with any one zone lost.
Assume these figures; they are the scenario's, not Zoom's.
"""

    def draw(self, rng: random.Random) -> dict[str, Given]:
        """Draw this candidate's numbers."""
        return {
            "participants": Given(
                "Concurrent participants at peak in the region",
                Q(rng.choice([1.5, 2, 2.5, 3.5, 4, 4.5]) * 1e6),
            ),
            "connections_per_participant": Given(
                "Long-lived connections per participant", Q(rng.choice([2, 3]))
            ),
            "lb_capacity": Given(
                "Concurrent connections one load-balancer instance holds",
                Q(rng.choice([50e3, 75e3, 90e3, 150e3])),
            ),
            "per_server": Given(
                "Participants one media server carries at full load",
                Q(rng.choice([400, 500, 650, 750, 900])),
            ),
            "target_utilisation": Given(
                "Target media-server utilisation at peak", Q(rng.choice([60, 65, 70]), "percent")
            ),
            "zones": Given("Availability zones in the region", Q(rng.choice([3, 4, 5]))),
        }

    def compute(self) -> dict[str, Answer]:
        """Compute the expected answers from the numbers."""
        zones = int(self.zones.magnitude)
        connections = (self.participants * self.connections_per_participant).to("")
        servers = _ceil(self.participants / (self.per_server * self.target_utilisation.to("")))
        # Any zones - 1 zones must carry the whole peak: each zone holds 1/(zones-1) of it.
        per_zone = _ceil(Q(servers) / (zones - 1))
        servers_zone_loss = per_zone * zones
        lb_per_zone = _ceil(connections / (zones - 1) / self.lb_capacity)
        lb_instances = lb_per_zone * zones
        # Sized without headroom (the servers answer), spread evenly, one zone lost.
        survivors = Q(servers) * (zones - 1) / zones
        utilisation_after_loss = (self.participants / (survivors * self.per_server)).to("percent")
        return {
            # ±5%: "about 10M" for 10.5M is what an interviewer accepts; a forgotten
            # connections-per-participant is a factor of 2 or 3.
            "connections": Answer(
                "Concurrent connections at peak", connections, "", Tolerance(rel=0.05)
            ),
            "servers": Answer("Media servers at peak, no failover headroom", servers, "", COUNT),
            "utilisation_after_loss": Answer(
                "Utilisation of the surviving media servers if that fleet loses a zone",
                utilisation_after_loss,
                "percent",
                Tolerance(rel=0.05),
            ),
            "servers_zone_loss": Answer(
                "Media servers in the region, sized to survive losing one zone",
                servers_zone_loss,
                "",
                COUNT,
            ),
            "lb_instances": Answer(
                "Load-balancer instances in the region, sized to survive losing one zone",
                lb_instances,
                "",
                COUNT,
            ),
        }


@register
class HealthChecks(Scenario):
    """Health checks: time to detect a dead server, requests lost, survivors' load, retries."""

    id = "load-balancing/health-checks"
    title = "Cartwheel checkout: what a dead server costs before the load balancer notices"
    story = """
Cartwheel's checkout service runs on **{servers}** identical servers behind a load balancer that
spreads **{traffic}** evenly across the healthy ones (round robin). The balancer probes each
server every **{interval}** and marks it unhealthy after **{unhealthy_threshold}** consecutive
failed probes. One server dies just after passing a probe; it refuses connections, so every
probe and every request sent to it fails at once. One server handles **{server_capacity}** at
full load. Above the payment database, a checkout request passes through **{layers}** calling
layers (from the client app down to the service that queries the database), and each of them makes
up to **{attempts}** attempts (one try plus retries) on the layer below it when a call fails.
"""

    def draw(self, rng: random.Random) -> dict[str, Given]:
        """Draw this candidate's numbers."""
        servers = rng.choice([6, 7, 9, 10, 11, 14])
        # Traffic between 50% and 75% of the fleet's capacity, so survivors stay below 100%.
        capacity = rng.choice([400, 500, 750, 900])
        share = rng.choice([0.5, 0.55, 0.65, 0.7, 0.75])
        traffic = round(servers * capacity * share / 50) * 50
        return {
            "servers": Given("Servers behind the load balancer", Q(servers)),
            "traffic": Given("Checkout traffic", Q(traffic, "req/s")),
            "interval": Given("Health-check interval", Q(rng.choice([5, 10, 15, 20]), "s")),
            "unhealthy_threshold": Given(
                "Consecutive failed probes before a server is marked unhealthy",
                Q(rng.choice([2, 3, 5])),
            ),
            "server_capacity": Given(
                "Requests one server handles at full load", Q(capacity, "req/s")
            ),
            "layers": Given("Calling layers above the database", Q(rng.choice([3, 4]))),
            "attempts": Given(
                "Attempts per layer (one try plus retries)", Q(rng.choice([2, 3, 4]))
            ),
        }

    def compute(self) -> dict[str, Answer]:
        """Compute the expected answers from the numbers."""
        detection = (self.interval * self.unhealthy_threshold).to("s")
        failed = (self.traffic / self.servers * detection).to("req")
        survivor_load = (self.traffic / (self.servers - 1)).to("req/s")
        utilisation = (survivor_load / self.server_capacity).to("percent")
        amplification = (self.attempts**self.layers).to("")
        return {
            "detection_time": Answer(
                "Time until the dead server stops receiving traffic", detection, "s", EXACT
            ),
            "failed_requests": Answer(
                "Requests sent to the dead server before it is removed", failed, "req", COUNT
            ),
            "survivor_utilisation": Answer(
                "Utilisation of each surviving server after removal",
                utilisation,
                "percent",
                Tolerance(rel=0.03),
            ),
            "amplification": Answer(
                "Worst-case calls to the database per user request", amplification, "", EXACT
            ),
        }
