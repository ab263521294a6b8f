"""The scalability scenarios: expected answers against hand calculations, and slips caught.

Each scenario is checked at seed 1 against numbers worked out by hand from its brief (written
here as literals), so a unit mistake inside a scenario cannot hide behind the library.
"""

from __future__ import annotations

import math

import pytest
from seeds import seed_sweep

from tpmprep import scenario
from tpmprep.scenarios.scalability import modulo_moved_share
from tpmprep.sim.hashing import keys_moved


def correct(sc, name, value) -> bool:
    return sc.judge(name, value).correct


def test_sharding_seed_1_against_a_hand_calculation():
    sc = scenario("scalability/sharding", seed=1)
    # 14B keys x 4.5 KB = 63 TB; a shard holds 7.68 TB x 65% = 4.992 TB -> 12.6 -> 13 shards.
    assert (sc.keys.magnitude, sc.value_size.magnitude) == (14e9, 4.5)
    assert correct(sc, "data", "63 TB")
    assert correct(sc, "shards", 13)
    assert correct(sc, "nodes", 65)  # 13 shards x 5 copies
    # 13 -> 17 shards: gcd(13, 4) = 1, so only 1 key in 17 keeps its shard under mod n.
    assert correct(sc, "moved_modulo", "94.1%")
    assert correct(sc, "moved_consistent", "23.5%")  # 4 / 17
    assert correct(sc, "write_quorum", 4)  # N = 5, R = 2: W = 5 - 2 + 1
    assert correct(sc, "disk_writes", "225K write/s")  # 45K x 5


def test_sharding_slips_are_rejected():
    sc = scenario("scalability/sharding", seed=1)
    assert not correct(sc, "shards", 9)  # disks filled to 100%: 63 / 7.68 = 8.2
    assert not correct(sc, "nodes", 13)  # replication forgotten
    assert not correct(sc, "moved_consistent", "30.8%")  # 4 / 13: divided by the old count
    assert not correct(sc, "moved_consistent", "94.1%")  # the modulo answer
    assert not correct(sc, "write_quorum", 3)  # R + W = N does not overlap
    assert not correct(sc, "disk_writes", "45K write/s")


@seed_sweep
def test_sharding_rejects_the_off_by_one_resharding_slips(seed):
    """n / (n + k) for mod n (when gcd > 1 is ignored) and k / n for the ring are rejected."""
    sc = scenario("scalability/sharding", seed=seed)
    n = int(sc.answers["shards"].expected.magnitude)
    k = int(sc.added_shards.magnitude)
    if math.gcd(n, k) < k:  # otherwise n / (n + k) happens to be the right answer
        assert not correct(sc, "moved_modulo", f"{100 * n / (n + k)}%")
    assert not correct(sc, "moved_consistent", f"{100 * k / n}%")
    assert correct(sc, "moved_consistent", f"{100 * k / (n + k)}%")


def test_modulo_formula_matches_the_simulation():
    """The lcm rule for hash mod n agrees with placing real keys."""
    for before, added in [(13, 4), (12, 4), (20, 10), (19, 5)]:
        sim = keys_moved(before, added, keys=50_000, seed=3)
        assert sim.modulo == pytest.approx(modulo_moved_share(before, before + added), abs=0.01)
        assert 1 - math.gcd(before, added) / (before + added) == pytest.approx(
            modulo_moved_share(before, before + added)
        )


@seed_sweep
def test_sharding_draws_keep_enough_shards_and_a_valid_quorum(seed):
    sc = scenario("scalability/sharding", seed=seed)
    assert sc.answers["shards"].expected.magnitude >= 12
    n, r = sc.replication_factor.magnitude, sc.read_quorum.magnitude
    w = sc.answers["write_quorum"].expected.magnitude
    assert r + w > n and r + w - 1 <= n  # overlapping, and the smallest such W


def test_read_replicas_seed_1_against_a_hand_calculation():
    sc = scenario("scalability/read-replicas", seed=1)
    # 75K req/s, 90% reads: 67.5K reads / (3K x 70%) = 32.1 -> 33, plus one spare.
    assert correct(sc, "replicas", 34)
    assert correct(sc, "primary_utilisation", "22.2%")  # 7.5K / 33.75K
    # Burst 67.5K/s against 22.5K/s drained for 240 s: 45K x 240 = 10.8M queued.
    assert correct(sc, "queue_depth", 10.8e6)
    # Drains at 22.5K - 7.5K (orders keep arriving) = 15K/s: 720 s.
    assert correct(sc, "drain_time", "720 s")
    assert correct(sc, "max_depth", 1.0125e6)  # Little's law: 22.5K/s x 45 s
    assert correct(sc, "admit_rate", 26_718.75)  # 22.5K + 1.0125M / 240 s


def test_read_replicas_slips_are_rejected():
    sc = scenario("scalability/read-replicas", seed=1)
    assert not correct(sc, "replicas", 24)  # utilisation target forgotten: 67.5K / 3K + 1
    assert not correct(sc, "queue_depth", 45e3 * 4)  # minutes not converted to seconds
    assert not correct(sc, "drain_time", "480 s")  # arrivals after the burst forgotten
    assert not correct(sc, "admit_rate", "67.5K")


@seed_sweep
def test_read_replicas_draws_are_consistent(seed):
    sc = scenario("scalability/read-replicas", seed=seed)
    writes = sc.peak_requests.magnitude * (1 - sc.read_share.magnitude / 100)
    drain, burst = sc.drain_rate.magnitude, sc.burst_rate.magnitude
    assert writes < drain < burst  # the queue grows in the burst and drains after it
    assert drain <= sc.primary_capacity.magnitude  # confirmations fit the primary
    assert sc.answers["admit_rate"].expected.magnitude < burst  # back pressure is needed
    # Admitting only what the processors drain keeps the promise but is not the highest rate.
    assert not correct(sc, "admit_rate", sc.drain_rate)
