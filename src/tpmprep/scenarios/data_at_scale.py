"""Scenarios for the Data at scale exercises."""

from __future__ import annotations

import math
import random

from tpmprep.judging import Tolerance
from tpmprep.scenarios.base import Answer, Given, Scenario, register
from tpmprep.units import Q

# Arithmetic from stated numbers: ±10% accepts rounding and rejects every classic slip (×8
# bits/bytes, ×3 replication, ×1,000 prefixes, a forgotten utilisation target of 70% or less).
EXACTISH = Tolerance(rel=0.10)
# Per-day volumes: ±25% also accepts a day rounded to 10^5 s (16% high), and still rejects a
# forgotten replication (×3) or the peak taken for the average (the average is at most 55%).
PER_DAY = Tolerance(rel=0.25)


def _ceil(x) -> int:
    """Round a dimensionless quantity up to a whole number."""
    return math.ceil(x.to("").magnitude - 1e-9)


@register
class LiveTraffic(Scenario):
    """A live-traffic layer: GPS pings in, stream partitions, consumers and raw storage."""

    id = "data-at-scale/live-traffic"
    title = "Waypoint: ingesting GPS pings for a live-traffic map"
    story = """
Waypoint is a maps app with a live-traffic layer, like Google Maps' traffic colours. At the
evening peak **{active_phones}** phones are navigating, and each sends a GPS ping (position,
speed, heading, timestamp, device id) every **{ping_interval}**; one ping is **{ping_size}** on
the wire. Pings land on a partitioned log (think Kafka). Your platform team's planning figure for
one partition is **{partition_throughput}** of writes (an assumption of this scenario: measure
yours). A consumer that map-matches pings to road segments handles **{consumer_rate}**, and to
keep consumer lag bounded through bursts you run consumers at most at **{target_utilisation}**
utilisation. Over a whole day the average ping rate is **{average_share}** of the peak rate.
Raw pings are kept in the lake as **{replication}** copies (replication, before compression).
"""

    def draw(self, rng: random.Random) -> dict[str, Given]:
        """Draw this candidate's numbers."""
        return {
            "active_phones": Given(
                "Phones navigating at peak", Q(rng.choice([3, 5, 7, 9, 15, 20]) * 1e6)
            ),
            "ping_interval": Given(
                "Seconds between pings from one phone", Q(rng.choice([3, 4, 5, 6, 7]), "s")
            ),
            "ping_size": Given(
                "Size of one ping on the wire", Q(rng.choice([90, 110, 140, 180]), "B")
            ),
            "partition_throughput": Given(
                "Write throughput planned per partition",
                Q(rng.choice([3, 4, 5, 6]), "MB/s"),
            ),
            "consumer_rate": Given(
                "Pings one consumer processes per second",
                Q(rng.choice([20, 25, 40, 50]) * 1e3, "event/s"),
            ),
            "target_utilisation": Given(
                "Highest consumer utilisation at peak", Q(rng.choice([50, 65, 70]), "percent")
            ),
            "average_share": Given(
                "Daily average ping rate as a share of peak",
                Q(rng.choice([35, 40, 45, 55]), "percent"),
            ),
            "replication": Given("Copies of raw pings kept", Q(3)),
        }

    def compute(self) -> dict[str, Answer]:
        """Compute the expected answers from the numbers."""
        pings = (self.active_phones / self.ping_interval * Q(1, "event")).to("event/s")
        ingest = (pings * self.ping_size / Q(1, "event")).to("MB/s")
        write_partitions = Q(_ceil(ingest / self.partition_throughput))
        per_consumer = self.consumer_rate * self.target_utilisation.to("")
        consumers = Q(_ceil(pings / per_consumer))
        # In a consumer group each partition has one consumer, so the topic needs at least as
        # many partitions as busy consumers.
        partitions = Q(max(write_partitions.magnitude, consumers.magnitude))
        daily = (ingest * self.average_share.to("") * self.replication).to("TB/day")
        return {
            "pings_per_second": Answer("Pings per second at peak", pings, "event/s", EXACTISH),
            "ingest_bandwidth": Answer("Ingest bandwidth at peak", ingest, "MB/s", EXACTISH),
            "write_partitions": Answer(
                "Partitions needed for write throughput alone", write_partitions, "", EXACTISH
            ),
            "consumers": Answer("Consumers needed at peak", consumers, "", EXACTISH),
            "partitions": Answer(
                "Partitions to create (writes and consumers)", partitions, "", EXACTISH
            ),
            "daily_storage": Answer(
                "Raw pings stored per day, all copies", daily, "TB/day", PER_DAY
            ),
        }


@register
class WarehouseScan(Scenario):
    """A warehouse query: bytes scanned by row store, column store and partition pruning."""

    id = "data-at-scale/warehouse-scan"
    title = "Shopfront: what one dashboard query scans, and what it costs"
    story = """
Shopfront, an online retailer, keeps one wide **order-lines** table for analytics: it grows by
**{rows_per_day}** (rows) and holds **{history_days}** of history. Each row has **{columns}**
columns that average **{bytes_per_value}** per value, uncompressed. The revenue dashboard runs
`SELECT region, SUM(amount) FROM order_lines WHERE order_date >= today - N GROUP BY region` over
the last **{query_days}**; it touches **{columns_used}** columns (the date, region and amount). In
the columnar format, values compress by a ratio of **{compression}** (original to compressed;
assume the row store is not compressed). The warehouse bills on-demand queries at **{price}**
scanned (an assumption of this scenario, in the range of public on-demand prices), and the
dashboard sends **{queries_per_day}** (queries, auto-refreshed for all its viewers).
"""

    def draw(self, rng: random.Random) -> dict[str, Given]:
        """Draw this candidate's numbers."""
        return {
            "rows_per_day": Given(
                "New rows per day", Q(rng.choice([20, 40, 60, 90]) * 1e6, "1/day")
            ),
            "history_days": Given("Days of history held", Q(rng.choice([365, 730, 1095]), "day")),
            "columns": Given("Columns in the table", Q(rng.choice([120, 150, 200, 250]))),
            "bytes_per_value": Given(
                "Average size of one value, uncompressed", Q(rng.choice([5, 6, 7]), "B")
            ),
            "columns_used": Given("Columns the query touches", Q(3)),
            "query_days": Given("Days the query covers", Q(rng.choice([7, 14, 21]), "day")),
            "compression": Given("Columnar compression ratio", Q(rng.choice([4, 5, 6, 7]))),
            "price": Given("On-demand price per TB scanned", Q(rng.choice([5, 6, 7]), "USD/TB")),
            "queries_per_day": Given(
                "Dashboard queries per day", Q(rng.choice([200, 500, 1000]), "1/day")
            ),
        }

    def compute(self) -> dict[str, Answer]:
        """Compute the expected answers from the numbers."""
        rows = (self.rows_per_day * self.history_days).to("")
        row_scan = (rows * self.columns * self.bytes_per_value).to("TB")
        column_scan = (rows * self.columns_used * self.bytes_per_value / self.compression).to("TB")
        pruned_rows = (self.rows_per_day * self.query_days).to("")
        pruned_scan = (
            pruned_rows * self.columns_used * self.bytes_per_value / self.compression
        ).to("GB")
        reduction = (row_scan / pruned_scan).to("")
        daily_cost = (pruned_scan * self.price * self.queries_per_day).to("USD/day")
        unpruned_daily_cost = (column_scan * self.price * self.queries_per_day).to("USD/day")
        return {
            "row_scan": Answer("Bytes scanned by a row store", row_scan, "TB", EXACTISH),
            "column_scan": Answer(
                "Bytes scanned by the column store, no pruning", column_scan, "TB", EXACTISH
            ),
            "pruned_scan": Answer(
                "Bytes scanned by the column store, date-partitioned", pruned_scan, "GB", EXACTISH
            ),
            "reduction": Answer("Row-store bytes ÷ pruned columnar bytes", reduction, "", EXACTISH),
            "unpruned_daily_cost": Answer(
                "Daily cost of the dashboard without partitioning",
                unpruned_daily_cost,
                "USD/day",
                EXACTISH,
            ),
            "daily_cost": Answer(
                "Daily cost of the dashboard, date-partitioned", daily_cost, "USD/day", EXACTISH
            ),
        }
