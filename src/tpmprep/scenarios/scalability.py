"""Scenarios for the Scalability exercises: sharding a key-value store, read replicas and queues."""

from __future__ import annotations

import math
import random
from typing import Any

from tpmprep.judging import Tolerance
from tpmprep.scenarios.base import Answer, Given, Scenario, redraw, register
from tpmprep.units import Q

# Derived sizes: ±10% accepts rounding of the inputs and rejects the slips that matter here
# (a forgotten fill target or utilisation target, a forgotten replication factor, bits/bytes).
SIZE = Tolerance(rel=0.10)
# Counts that follow a rule exactly (a quorum size) are checked exactly.
EXACT = Tolerance(rel=0.0)


def _ceil(x) -> int:
    """Round a dimensionless quantity up to a whole number (a fraction of a node is a node)."""
    return math.ceil(x.to("").magnitude - 1e-9)


def modulo_moved_share(before: int, after: int) -> float:
    """Share of keys whose ``hash mod n`` changes when ``n`` goes from ``before`` to ``after``.

    A key stays only where ``h mod before == h mod after``; over one period ``lcm(before, after)``
    of hash values that happens ``min(before, after)`` times, so the share that moves is
    ``1 - min / lcm`` (for ``n -> n + k``: ``1 - gcd(n, k) / (n + k)``).

    Parameters
    ----------
    before, after : int
        Shard counts, both at least 1.

    Returns
    -------
    float
        The share of keys that move, in [0, 1).
    """
    return 1.0 - min(before, after) / math.lcm(before, after)


# Fewer shards than this would let rounding up hide a forgotten fill target (±10%).
MIN_SHARDS = 12


@register
class Sharding(Scenario):
    """A growing key-value store: data per shard, shards, nodes, keys moved and quorum sizes."""

    id = "scalability/sharding"
    title = "Cartwheel: sharding the key-value store behind a shopping cart"
    story = """
Cartwheel keeps every shopper's cart, wish list and saved-for-later items in a key-value store.
It holds **{keys}** keys today, each **{value_size}** on disk on average (key, value and index
overhead). A storage node has **{node_disk}** of SSD, and the team fills disks to at most
**{fill_target}** so that compaction and a failed neighbour's data have room. Every shard is
kept as **{replication_factor}** copies, each on its own node. Clients write **{write_rate}** at
peak. Reads use a read quorum of **{read_quorum}**. Before the holiday season the team will add
**{added_shards}** shards to the cluster.
"""

    def draw(self, rng: random.Random) -> dict[str, Given]:
        """Draw this candidate's numbers (redrawn when fewer than ``MIN_SHARDS`` are needed)."""
        def accept(v: dict[str, Any]) -> bool:
            shards = (v["keys"] * v["value_size"] / (v["node_disk"] * v["fill_target"])).to("")
            return shards.magnitude >= MIN_SHARDS

        return redraw(rng, self._draw_once, accept, "reached MIN_SHARDS")

    @staticmethod
    def _draw_once(rng: random.Random) -> dict[str, Given]:
        factor = rng.choice([3, 5])
        return {
            "keys": Given("Keys stored today", Q(rng.choice([6, 9, 14, 18, 22]) * 1e9)),
            "value_size": Given(
                "Average size of one key and value on disk", Q(rng.choice([1.5, 2, 3, 4.5]), "KB")
            ),
            "node_disk": Given("SSD per storage node", Q(rng.choice([3.84, 7.68]), "TB")),
            "fill_target": Given(
                "Highest disk fill you accept", Q(rng.choice([50, 65, 70]), "percent")
            ),
            "replication_factor": Given("Copies of every shard (N)", Q(factor)),
            "write_rate": Given(
                "Client writes at peak", Q(rng.choice([35, 45, 55, 75]) * 1e3, "write/s")
            ),
            "read_quorum": Given("Read quorum (R)", Q(rng.choice([1, 2]) if factor == 3 else 2)),
            "added_shards": Given("Shards added before the holidays", Q(rng.choice([4, 5, 6, 9]))),
        }

    def compute(self) -> dict[str, Answer]:
        """Compute the expected answers from the numbers."""
        data = (self.keys * self.value_size).to("TB")
        per_shard = self.node_disk * self.fill_target.to("")
        shards = _ceil(data / per_shard)
        nodes = shards * int(self.replication_factor.magnitude)
        added = int(self.added_shards.magnitude)
        modulo = modulo_moved_share(shards, shards + added)
        consistent = added / (shards + added)
        n = int(self.replication_factor.magnitude)
        write_quorum = n - int(self.read_quorum.magnitude) + 1
        disk_writes = (self.write_rate * self.replication_factor).to("write/s")
        return {
            "data": Answer("Data stored, one copy", data, "TB", SIZE),
            "shards": Answer("Shards needed at the fill target", Q(shards), "", SIZE),
            "nodes": Answer("Storage nodes, all copies", Q(nodes), "", SIZE),
            "moved_modulo": Answer(
                "Keys that move with hash mod n (share of keys)",
                Q(modulo * 100, "percent"),
                "percent",
                # ±3% rejects n / (n + k) (at least 6.5% off whenever gcd(n, k) < k).
                Tolerance(rel=0.03),
            ),
            "moved_consistent": Answer(
                "Keys that move with consistent hashing (share of keys)",
                Q(consistent * 100, "percent"),
                "percent",
                # ±6% accepts a simulation with virtual nodes (within ±4%) and rejects k / n,
                # which is at least 7.7% high for every draw (n <= 52, k >= 4).
                Tolerance(rel=0.06),
            ),
            "write_quorum": Answer(
                "Smallest write quorum W with R + W > N", Q(write_quorum), "", EXACT
            ),
            "disk_writes": Answer(
                "Replica writes per second across the cluster", disk_writes, "write/s", SIZE
            ),
        }


# Fewer replicas than this would let rounding up hide a forgotten utilisation target (±10%).
MIN_REPLICAS = 12


@register
class ReadReplicas(Scenario):
    """An order service: read/write split, read replicas, and an order queue under a flash sale."""

    id = "scalability/read-replicas"
    title = "One-click checkout: read replicas and a flash-sale order queue"
    story = """
A retailer's one-click "Buy Now" order service takes **{peak_requests}** at its daily peak, of
which **{read_share}** are reads (order status, order history, "where is my parcel"); the rest
are writes (new orders, cancellations). Writes go to one primary database that sustains
**{primary_capacity}**; reads go to read replicas that each sustain **{replica_capacity}** at full
load and are run at most at **{target_utilisation}** at peak, with **one spare** replica so that
one can fail at peak.

At noon a flash sale opens. For **{burst_duration}**, new orders arrive at **{burst_rate}**. Orders
go through a queue to the order processors, which confirm **{drain_rate}** at most (each
confirmation is a write to the primary, so they are held below its limit); outside the
sale, orders arrive at the write rate of the daily peak. The product promise is that an order
queued at the back of the queue is confirmed within **{promise}**.
"""

    def draw(self, rng: random.Random) -> dict[str, Given]:
        """Draw this candidate's numbers (redrawn when fewer than ``MIN_REPLICAS`` are needed)."""
        def accept(v: dict[str, Any]) -> bool:
            reads = v["peak_requests"] * v["read_share"].to("")
            base = (reads / (v["replica_capacity"] * v["target_utilisation"].to(""))).to("")
            return base.magnitude >= MIN_REPLICAS

        return redraw(rng, self._draw_once, accept, "reached MIN_REPLICAS")

    @staticmethod
    def _draw_once(rng: random.Random) -> dict[str, Given]:
        peak = rng.choice([45, 55, 65, 75, 90]) * 1e3
        read_share = rng.choice([90, 93, 95, 97])
        writes = peak * (1 - read_share / 100)
        drain = round(writes * rng.choice([2, 2.5, 3]), -2)
        burst = round(drain * rng.choice([2.5, 3, 3.5]), -2)
        # Every confirmed order is a write: the processors stay below what the primary sustains.
        primary = round(drain * rng.choice([1.25, 1.5]), -2)
        return {
            "peak_requests": Given("Requests at the daily peak", Q(peak, "req/s")),
            "read_share": Given("Share of requests that are reads", Q(read_share, "percent")),
            "primary_capacity": Given("Writes the primary sustains", Q(primary, "write/s")),
            "replica_capacity": Given(
                "Reads one replica sustains at full load",
                Q(rng.choice([3, 3.5, 4.5]) * 1e3, "read/s"),
            ),
            "target_utilisation": Given(
                "Highest replica utilisation at peak", Q(rng.choice([65, 70, 75]), "percent")
            ),
            "burst_duration": Given(
                "Length of the flash-sale burst", Q(rng.choice([3, 4, 5]), "min")
            ),
            "burst_rate": Given("Order rate during the burst", Q(burst, "message/s")),
            "drain_rate": Given("Orders the processors confirm", Q(drain, "message/s")),
            "promise": Given("Confirmation promise", Q(rng.choice([15, 20, 45]), "s")),
        }

    def compute(self) -> dict[str, Answer]:
        """Compute the expected answers from the numbers."""
        reads = (self.peak_requests * self.read_share.to("")).to("req/s")
        writes = self.peak_requests - reads
        replicas = _ceil(reads / (self.replica_capacity * self.target_utilisation.to(""))) + 1
        primary = (writes / self.primary_capacity).to("percent")
        normal_orders = writes.magnitude * Q(1, "message/s")
        depth = ((self.burst_rate - self.drain_rate) * self.burst_duration).to("message")
        drain_time = (depth / (self.drain_rate - normal_orders)).to("s")
        max_depth = (self.drain_rate * self.promise).to("message")
        admit = (self.drain_rate + max_depth / self.burst_duration).to("message/s")
        return {
            "replicas": Answer("Read replicas, including one spare", Q(replicas), "", SIZE),
            "primary_utilisation": Answer(
                "Primary's utilisation at the daily peak", primary, "percent", SIZE
            ),
            "queue_depth": Answer("Orders queued when the burst ends", depth, "message", SIZE),
            "drain_time": Answer(
                "Time to empty the queue after the burst", drain_time, "s", Tolerance(rel=0.15)
            ),
            "max_depth": Answer("Longest queue that keeps the promise", max_depth, "message", SIZE),
            # ±3%: admitting only the drain rate (no queue at all) is at least 4.8% low.
            "admit_rate": Answer(
                "Highest order rate to admit during the burst",
                admit,
                "message/s",
                Tolerance(rel=0.03),
            ),
        }
