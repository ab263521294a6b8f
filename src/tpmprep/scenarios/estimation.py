"""Scenarios for the back-of-the-envelope estimation exercises."""

from __future__ import annotations

import math
import random

from tpmprep.judging import Tolerance
from tpmprep.scenario import Answer, Given, Scenario, register
from tpmprep.units import Q

# Napkin maths rounds a day (86,400 s) up to 10^5 s, which puts a rate 14% low, and rounds
# inputs on top; ±25% accepts that but rejects every classic slip (×2 peak, ×8 bits/bytes,
# ×24, ×1,000) and a forgotten utilisation target (≤ 70%).
NAPKIN = Tolerance(rel=0.25)
# Input values are chosen to avoid the tell-tale factors judging.py names (8, 12, 24, 30, 60,
# 100, ...), so forgetting an input is never mistaken for a unit slip.


@register
class TrafficBasics(Scenario):
    """A photo-sharing app: daily users to requests, peak load, servers and storage."""

    id = "estimation/traffic-basics"
    title = "Snapshot: traffic and storage for a photo-sharing app"
    story = """
Snapshot is a photo-sharing app with **{dau}** daily active users. Feed views per user:
**{feed_views}**, and every feed view costs **{requests_per_view}** (API requests). Traffic peaks
at **{peak_factor}×** the daily average. One API server handles **{server_capacity}** at full
load, and at peak you run servers at **{target_utilisation}** utilisation to keep latency low.
**{upload_share}** of daily users upload one photo a day, stored at **{photo_size}** each and
kept as **{replication}** copies in total (original included).
"""

    def draw(self, rng: random.Random) -> dict[str, Given]:
        """Draw this candidate's numbers."""
        return {
            "dau": Given("Daily active users", Q(rng.choice([20, 40, 80, 150, 300]) * 1e6)),
            "feed_views": Given(
                "Feed views per user per day",
                Q(rng.choice([5, 6, 7, 9, 10, 11, 14, 15, 16, 18, 20]), "1/day"),
            ),
            "requests_per_view": Given(
                "API requests per feed view", Q(rng.choice([3, 4, 5, 6, 7]), "req")
            ),
            "peak_factor": Given("Peak-to-average ratio", Q(rng.choice([2, 2.5, 3]))),
            "server_capacity": Given(
                "Requests one server handles at full load",
                Q(rng.choice([500, 800, 1000, 1500, 2000]), "req/s"),
            ),
            "target_utilisation": Given(
                "Target server utilisation at peak", Q(rng.choice([50, 60, 70]), "percent")
            ),
            "upload_share": Given(
                "Share of daily users who upload a photo", Q(rng.choice([2, 5, 10]), "percent")
            ),
            "photo_size": Given("Stored size of one photo", Q(rng.choice([1.5, 2, 3, 4]), "MB")),
            "replication": Given("Copies kept of every photo (in total)", Q(3)),
        }

    def compute(self) -> dict[str, Answer]:
        """Compute the expected answers from the numbers."""
        requests_per_day = (self.dau * self.feed_views * self.requests_per_view).to("req/day")
        average_qps = requests_per_day.to("req/s")
        peak_qps = average_qps * self.peak_factor
        per_server = self.server_capacity * self.target_utilisation.to("")
        servers = Q(math.ceil((peak_qps / per_server).to("").magnitude))
        photos_per_day = self.dau * self.upload_share.to("") / Q(1, "day")
        storage_per_day = (photos_per_day * self.photo_size * self.replication).to("TB/day")
        storage_per_year = (storage_per_day * Q(365, "day")).to("PB")
        return {
            "requests_per_day": Answer(
                "Requests per day", requests_per_day, "req/day", Tolerance(rel=0.10)
            ),
            "average_qps": Answer("Average requests per second", average_qps, "req/s", NAPKIN),
            "peak_qps": Answer("Peak requests per second", peak_qps, "req/s", NAPKIN),
            "servers": Answer("API servers needed at peak", servers, "", NAPKIN),
            "storage_per_day": Answer(
                "New storage per day, all copies", storage_per_day, "TB/day", NAPKIN
            ),
            "storage_per_year": Answer(
                "New storage per year, all copies", storage_per_year, "PB", NAPKIN
            ),
        }
