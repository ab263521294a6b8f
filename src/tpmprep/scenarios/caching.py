"""Scenarios for the Caching exercises: sizing a feed cache, and CDN offload with stampedes."""

from __future__ import annotations

import math
import random
from typing import Any

from tpmprep.estimate.cache import cache_size_for_hit_ratio, zipf_hit_ratio
from tpmprep.judging import Tolerance
from tpmprep.scenarios.base import Answer, Given, Scenario, redraw, register
from tpmprep.units import Q

# Derived sizes: ±10% accepts rounding of the inputs and rejects a forgotten factor
# (bits/bytes, the miss share taken for the hit share, a forgotten overhead).
SIZE = Tolerance(rel=0.10)
# A cache size read off the Zipf curve: ±20% accepts reading it from a plot or a rounded
# hit ratio; using the wrong target (80% for 90%) is off by a factor of several.
CURVE = Tolerance(rel=0.20)


def _ceil(x) -> int:
    """Round a dimensionless quantity up to a whole number."""
    return math.ceil(x.to("").magnitude - 1e-9)


@register
class NewsFeed(Scenario):
    """A news feed's post cache: size from the Zipf hit ratio, DB load, memory and nodes."""

    id = "caching/news-feed"
    title = "Chirp: sizing the post cache of a news feed"
    story = """
Chirp's feed service renders a timeline from post ids, then fetches each post (text, author,
counters) from a post store. Posts from the last week are the ones read: **{catalogue}** of them.
Popularity is heavily skewed; measured reads fit a Zipf distribution with exponent
**{zipf_s}**. At peak the feed reads **{peak_reads}** from the post store. You will put a
cache-aside cache in front of the store and want a hit ratio of **{target_hit}**. A cached post
takes **{item_memory}** of memory, overhead included. A cache node has **{node_memory}** of usable
memory and serves **{node_ops}** at its target utilisation.
"""

    def draw(self, rng: random.Random) -> dict[str, Given]:
        """Draw this candidate's numbers."""
        return {
            "catalogue": Given(
                "Posts from the last week", Q(rng.choice([300, 450, 600, 800]) * 1e6)
            ),
            "zipf_s": Given("Zipf exponent s of post popularity", Q(rng.choice([0.9, 1.0, 1.05]))),
            "peak_reads": Given(
                "Post reads at peak", Q(rng.choice([0.9, 1.1, 1.4, 1.9]) * 1e6, "read/s")
            ),
            "target_hit": Given("Target hit ratio", Q(rng.choice([80, 85, 90]), "percent")),
            "item_memory": Given(
                "Memory per cached post, overhead included", Q(rng.choice([2, 4, 6]), "KB")
            ),
            "node_memory": Given("Usable memory per cache node", Q(rng.choice([32, 64]), "GB")),
            "node_ops": Given(
                "Reads one cache node serves at its target utilisation",
                Q(rng.choice([70, 90, 110]) * 1e3, "read/s"),
            ),
        }

    def compute(self) -> dict[str, Answer]:
        """Compute the expected answers from the numbers."""
        catalogue = int(self.catalogue.magnitude)
        s = float(self.zipf_s.magnitude)
        target = float(self.target_hit.to("").magnitude)
        items = cache_size_for_hit_ratio(target, catalogue, s)
        db_reads = (self.peak_reads * (1 - target)).to("read/s")
        memory = (items * self.item_memory).to("GB")
        by_memory = _ceil(memory / self.node_memory)
        by_throughput = _ceil(self.peak_reads / self.node_ops)
        half = zipf_hit_ratio(items // 2, catalogue, s)
        return {
            "cache_items": Answer("Posts the cache must hold", Q(items), "", CURVE),
            "db_reads": Answer("Reads that still reach the post store", db_reads, "read/s", SIZE),
            "cache_memory": Answer("Cache memory, one copy", memory, "GB", CURVE),
            "cache_nodes": Answer(
                "Cache nodes (the larger of memory and throughput)",
                Q(max(by_memory, by_throughput)),
                "",
                Tolerance(rel=0.15),
            ),
            "hit_ratio_half": Answer(
                "Hit ratio with half as many posts cached",
                Q(half * 100, "percent"),
                "percent",
                # Halving costs at least 2.5% (relative) for every draw: ±1.5% rejects
                # "unchanged" and accepts the napkin formula or a cache size a few percent off.
                Tolerance(rel=0.015),
            ),
        }


# Percentage points by which the CDN's hit ratio must clear what the origin needs.
MIN_MARGIN = 3


@register
class CdnOffload(Scenario):
    """A photo service behind a CDN: egress, the hit ratio an origin needs, cost, stampedes."""

    id = "caching/cdn-offload"
    title = "Snapshot: what a CDN takes off the origin"
    story = """
Snapshot serves photos at **{peak_requests}** at peak, **{object_size}** per photo on average;
the daily average is the peak divided by **{peak_factor}**. The origin (object storage behind a
fleet of image servers) can send at most **{origin_limit}**. A CDN in front of it serves
**{cdn_hit}** of requests from its edge caches (the byte hit ratio is the same, since photo sizes
do not depend on popularity). In this scenario, bytes leaving the origin cost
**{origin_price}** whether they go to users or to the CDN, and bytes the CDN delivers cost
**{cdn_price}**.

A photo on the front page is requested **{hot_rate}**. When its cached copy expires at every edge
at once and nothing coalesces requests, every request that arrives before the first refill
completes goes to the origin; a refill takes **{refill_time}**.
"""

    def draw(self, rng: random.Random) -> dict[str, Given]:
        """Draw this candidate's numbers (redrawn unless the CDN clears the origin's need).

        The CDN's hit ratio must exceed the lowest one the origin can live with by at least
        ``MIN_MARGIN`` percentage points, so the story's origin survives the peak.
        """
        def accept(v: dict[str, Any]) -> bool:
            peak = (v["peak_requests"] * v["object_size"]).to("Gbps")
            needed = 100 * (1 - (v["origin_limit"] / peak).to("").magnitude)
            return v["cdn_hit"].magnitude - needed >= MIN_MARGIN

        return redraw(rng, self._draw_once, accept, "left the origin a margin")

    @staticmethod
    def _draw_once(rng: random.Random) -> dict[str, Given]:
        return {
            "peak_requests": Given(
                "Photo requests at peak", Q(rng.choice([40, 55, 70, 90]) * 1e3, "req/s")
            ),
            "object_size": Given("Average photo size", Q(rng.choice([250, 350, 450]), "KB")),
            "peak_factor": Given("Peak-to-average ratio", Q(rng.choice([1.5, 2.5, 3]))),
            "origin_limit": Given(
                "Most the origin can send", Q(rng.choice([10, 15, 20, 25]), "Gbps")
            ),
            "cdn_hit": Given("CDN hit ratio", Q(rng.choice([90, 92, 95]), "percent")),
            "origin_price": Given(
                "Price of origin egress (scenario assumption)",
                Q(rng.choice([0.05, 0.07, 0.09]), "USD/GB"),
            ),
            "cdn_price": Given(
                "Price of CDN delivery (scenario assumption)",
                Q(rng.choice([0.02, 0.03]), "USD/GB"),
            ),
            "hot_rate": Given(
                "Requests for the hot photo", Q(rng.choice([1.5, 2.5, 4, 6]) * 1e3, "req/s")
            ),
            "refill_time": Given(
                "Time for the first refill from the origin", Q(rng.choice([150, 250, 400]), "ms")
            ),
        }

    def compute(self) -> dict[str, Answer]:
        """Compute the expected answers from the numbers."""
        peak = (self.peak_requests * self.object_size).to("Gbps")
        hit = float(self.cdn_hit.to("").magnitude)
        origin = (peak * (1 - hit)).to("Gbps")
        needed = (1 - (self.origin_limit / peak).to("")) * Q(100, "percent")
        average = (peak / self.peak_factor).to("GB/month")
        saving = (average * (hit * self.origin_price - self.cdn_price)).to("USD/month")
        stampede = (self.hot_rate * self.refill_time).to("req")
        return {
            "peak_egress": Answer("Egress at peak without a CDN", peak, "Gbps", SIZE),
            "origin_egress": Answer("Origin egress at peak with the CDN", origin, "Gbps", SIZE),
            "hit_needed": Answer(
                "Lowest hit ratio that keeps the origin under its limit",
                needed,
                "percent",
                Tolerance(rel=0.02),
            ),
            "monthly_saving": Answer(
                "Egress cost saved per month by the CDN",
                saving,
                "USD/month",
                # ±6% accepts any month from 2.5M s to 31 days, and rejects forgetting that the
                # misses still cost origin egress (at least 6.9% high for every draw).
                Tolerance(rel=0.06),
            ),
            "stampede_requests": Answer(
                "Requests sent to the origin by one expiry of the hot photo", stampede, "req", SIZE
            ),
        }
