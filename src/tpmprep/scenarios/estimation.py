"""Scenarios for the back-of-the-envelope estimation exercises."""

from __future__ import annotations

import math
import random

from tpmprep.judging import Tolerance
from tpmprep.scenarios.base import Answer, Given, Scenario, redraw, register
from tpmprep.units import Q

# Napkin maths rounds a day (86,400 s) up to 10^5 s, which puts a rate 14% low, and rounds
# inputs on top; ±25% accepts that but rejects every classic slip (×2 peak, ×8 bits/bytes,
# ×24, ×1,000) and a forgotten utilisation target (≤ 70%).
NAPKIN = Tolerance(rel=0.25)
# Input values are chosen to avoid the tell-tale factors judging.py names (8, 12, 24, 30, 60,
# 100, ...), so forgetting an input is never mistaken for a unit slip.


def _ceil(x) -> int:
    """Round a dimensionless quantity up to a whole number (a fraction of a server is a server)."""
    return math.ceil(x.to("").magnitude - 1e-9)


# Rounding up hides a forgotten utilisation target when the count is small (9 servers instead of
# 12 is within ±25%). With at least 25 servers (unrounded) a forgotten target of 70% or less is
# always more than 25% low, and a day rounded to 10^5 s is always accepted. Seeds whose numbers
# give fewer are redrawn from the same generator, so they stay deterministic.
MIN_SERVERS = 25



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
        """Draw this candidate's numbers (redrawn when fewer than ``MIN_SERVERS`` are needed)."""

        def servers(v):
            peak = v["dau"] * v["feed_views"] * v["requests_per_view"] * v["peak_factor"]
            return (peak / (v["server_capacity"] * v["target_utilisation"])).to("").magnitude

        return redraw(
            rng, self._draw_once, lambda v: servers(v) >= MIN_SERVERS, "reached MIN_SERVERS"
        )

    @staticmethod
    def _draw_once(rng: random.Random) -> dict[str, Given]:
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
        servers = Q(_ceil(peak_qps / per_server))
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


@register
class SocialFeed(Scenario):
    """A social feed: fan-out on write versus fan-out on read, and the timeline cache."""

    id = "estimation/social-feed"
    title = "Chirp: fan-out and the timeline cache of a social feed"
    story = """
Chirp is a social network with **{dau}** daily active users. A user posts **{posts_per_user}**
on average, and an account has **{follows}** followers on average (every follow has two ends, so
that is also how many accounts a user follows). Users open their home timeline
**{timeline_views}**, and reads peak at **{peak_factor}×** the daily average. The timeline service
keeps the latest **{timeline_length}** entries of every daily user's timeline in memory, each
entry **{entry_size}** (post id, author id, timestamp and overhead), with **{cache_replicas}**
copies of the cache for availability.
"""

    def draw(self, rng: random.Random) -> dict[str, Given]:
        """Draw this candidate's numbers."""
        return {
            "dau": Given("Daily active users", Q(rng.choice([50, 150, 200, 250, 500]) * 1e6)),
            "posts_per_user": Given(
                "Posts per user per day", Q(rng.choice([0.2, 0.3, 0.4, 0.5]), "1/day")
            ),
            "follows": Given(
                "Followers per account (= accounts followed)",
                Q(rng.choice([150, 200, 250, 500, 600])),
            ),
            "timeline_views": Given(
                "Timeline views per user per day", Q(rng.choice([5, 6, 15, 16, 18]), "1/day")
            ),
            "peak_factor": Given("Peak-to-average ratio", Q(rng.choice([2, 2.5, 3]))),
            "timeline_length": Given(
                "Entries kept per cached timeline", Q(rng.choice([200, 500, 800]))
            ),
            "entry_size": Given("Size of one timeline entry", Q(rng.choice([40, 48, 80]), "B")),
            "cache_replicas": Given("Copies of the timeline cache", Q(rng.choice([2, 3]))),
        }

    def compute(self) -> dict[str, Answer]:
        """Compute the expected answers from the numbers."""
        posts_per_second = (self.dau * self.posts_per_user).to("1/s")
        timeline_writes = (posts_per_second * self.follows).to("write/s")
        peak_reads = (self.dau * self.timeline_views * self.peak_factor).to("req/s")
        fanout_read_fetches = (peak_reads * self.follows).to("req/s")
        cache_memory = (self.dau * self.timeline_length * self.entry_size * self.cache_replicas).to(
            "TB"
        )
        return {
            "posts_per_second": Answer("Posts per second", posts_per_second, "1/s", NAPKIN),
            "timeline_writes": Answer(
                "Timeline inserts per second with fan-out on write",
                timeline_writes,
                "write/s",
                NAPKIN,
            ),
            "peak_reads": Answer("Peak timeline reads per second", peak_reads, "req/s", NAPKIN),
            "fanout_read_fetches": Answer(
                "Peak per-author fetches per second with fan-out on read",
                fanout_read_fetches,
                "req/s",
                NAPKIN,
            ),
            "cache_memory": Answer(
                "Memory for the timeline cache, all copies", cache_memory, "TB", NAPKIN
            ),
        }


@register
class UrlShortener(Scenario):
    """A URL shortener: write and read rates, storage over the retention period, id length."""

    id = "estimation/url-shortener"
    title = "Snip: rates, storage and id length for a URL shortener"
    story = """
Snip shortens links. It expects **{new_links}** new short links, and each link is
followed **{read_write_ratio}** times for every time one is created (reads to writes). A stored
link (the long URL, its short id, owner and dates) takes **{record_size}** on average, and links
are kept for **{years}** years, one copy before replication. Short ids use the 62 characters
`a-z`, `A-Z` and `0-9` (base62).
"""

    def draw(self, rng: random.Random) -> dict[str, Given]:
        """Draw this candidate's numbers."""
        return {
            "new_links": Given(
                "New links per month", Q(rng.choice([10, 20, 150, 500, 2000]) * 1e6, "1/month")
            ),
            "read_write_ratio": Given("Reads per write", Q(rng.choice([5, 15, 40, 50, 200]))),
            "record_size": Given(
                "Stored size of one link", Q(rng.choice([200, 250, 500, 600]), "B")
            ),
            "years": Given("Years links are kept", Q(rng.choice([2, 3, 5]))),
        }

    def compute(self) -> dict[str, Answer]:
        """Compute the expected answers from the numbers."""
        writes = self.new_links.to("write/s")
        reads = (writes * self.read_write_ratio).to("read/s")
        total_links = (self.new_links * self.years * Q(1, "year")).to("")
        storage = (total_links * self.record_size).to("TB")
        from tpmprep.estimate.idspace import id_length as shortest_id_length

        id_length = Q(shortest_id_length(math.ceil(total_links.magnitude), "base62"))
        return {
            "writes_per_second": Answer("New links per second", writes, "write/s", NAPKIN),
            "reads_per_second": Answer("Redirects per second", reads, "read/s", NAPKIN),
            "total_links": Answer("Links stored at the end", total_links, "", NAPKIN),
            "storage": Answer("Storage for all links, one copy", storage, "TB", NAPKIN),
            # An integer answer: ±10% accepts exactly the right length, never one more or less.
            "id_length": Answer(
                "Base62 characters per short id", id_length, "", Tolerance(rel=0.1)
            ),
        }


@register
class VideoMeetings(Scenario):
    """A video-meeting service growing like Zoom in 2020: bandwidth, egress, media servers."""

    id = "estimation/video-meetings"
    title = "Huddle: bandwidth and media servers for a video-meeting surge"
    story = """
In December 2019 Zoom reported about 10 million daily meeting participants; by April 2020 it
reported more than 300 million (a participant is counted once per meeting, so a person in four
meetings counts four times). Huddle, a rival, plans for a surge of its own to
**{daily_participants}** daily meeting participants, each spending **{minutes}** in the meeting
on average (Huddle's plan, not Zoom's numbers). Concurrency peaks at **{peak_factor}×** its
daily average. The media servers send every participant **{bitrate}** of video in total
(downstream: all the streams that participant receives). One media server sends at most
**{server_egress}**, and you run them at **{target_utilisation}** at peak.
"""

    def draw(self, rng: random.Random) -> dict[str, Given]:
        """Draw this candidate's numbers (redrawn when fewer than ``MIN_SERVERS`` are needed)."""

        def servers(v):
            concurrent = v["daily_participants"] * v["minutes"] / Q(1, "day") * v["peak_factor"]
            usable = v["server_egress"] * v["target_utilisation"]
            return (concurrent * v["bitrate"] / usable).to("").magnitude

        return redraw(
            rng, self._draw_once, lambda v: servers(v) >= MIN_SERVERS, "reached MIN_SERVERS"
        )

    @staticmethod
    def _draw_once(rng: random.Random) -> dict[str, Given]:
        return {
            "daily_participants": Given(
                "Daily meeting participants", Q(rng.choice([10, 20, 50, 150, 300]) * 1e6)
            ),
            "minutes": Given(
                "Time one participant spends in a meeting", Q(rng.choice([15, 40, 45, 75]), "min")
            ),
            "peak_factor": Given("Peak-to-average concurrency", Q(rng.choice([2, 2.5, 3]))),
            "bitrate": Given(
                "Video received by each participant (all streams)",
                Q(rng.choice([0.6, 1.0, 1.5, 2.5]), "Mbps"),
            ),
            "server_egress": Given(
                "Network egress of one media server", Q(rng.choice([10, 20, 40]), "Gbps")
            ),
            "target_utilisation": Given(
                "Target egress utilisation at peak", Q(rng.choice([50, 60, 70]), "percent")
            ),
        }

    def compute(self) -> dict[str, Answer]:
        """Compute the expected answers from the numbers."""
        data_per_participant = (self.bitrate * self.minutes).to("MB")
        average_concurrent = (self.daily_participants * self.minutes / Q(1, "day")).to("")
        peak_concurrent = average_concurrent * self.peak_factor
        peak_egress = (peak_concurrent * self.bitrate).to("Gbps")
        per_server = self.server_egress * self.target_utilisation.to("")
        servers = Q(_ceil(peak_egress / per_server))
        monthly_egress = (
            self.daily_participants * data_per_participant * Q(30, "day") / Q(1, "day")
        ).to("PB")
        return {
            "data_per_participant": Answer(
                "Video received by one participant in one meeting",
                data_per_participant,
                "MB",
                NAPKIN,
            ),
            "peak_concurrent": Answer(
                "Participants in meetings at the peak", peak_concurrent, "", NAPKIN
            ),
            "peak_egress": Answer("Egress at the peak", peak_egress, "Gbps", NAPKIN),
            "servers": Answer("Media servers at the peak", servers, "", NAPKIN),
            "monthly_egress": Answer("Egress in a 30-day month", monthly_egress, "PB", NAPKIN),
        }
