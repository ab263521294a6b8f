"""The data-at-scale scenarios: expected answers against hand calculations, and slips caught.

The numbers for seed 1 were worked out by hand (written here as literals), so a unit slip
inside a scenario cannot hide behind the library it uses.
"""

from __future__ import annotations

import pytest

from tpmprep import scenario


def key(sc):
    return {row["answer"]: row["expected"] for row in sc.answer_key()}


def test_live_traffic_seed_1_against_a_hand_calculation():
    sc = scenario("data-at-scale/live-traffic", seed=1)
    # 7M phones, a ping every 4 s, 140 B a ping, 4 MB/s per partition, 50K pings/s per
    # consumer at 65%, average 45% of peak, 3 copies.
    assert (sc.active_phones.m, sc.ping_interval.m, sc.ping_size.m) == (7e6, 4, 140)
    k = key(sc)
    assert k["pings_per_second"] == pytest.approx(1.75e6)  # 7M / 4 s
    assert k["ingest_bandwidth"] == pytest.approx(245)  # 1.75M x 140 B = 245 MB/s
    assert k["write_partitions"] == 62  # 245 / 4 = 61.25, rounded up
    assert k["consumers"] == 54  # 1.75M / (50K x 0.65) = 53.8, rounded up
    assert k["partitions"] == 62  # max(62, 54)
    # 245 MB/s x 0.45 x 86,400 s x 3 = 28.58 TB/day
    assert k["daily_storage"] == pytest.approx(28.5768)


def test_live_traffic_partitions_cover_the_consumers_for_every_seed():
    """A consumer group cannot use more consumers than the topic has partitions."""
    seen_consumer_bound = False
    for seed in range(60):
        k = key(scenario("data-at-scale/live-traffic", seed=seed))
        assert k["partitions"] == max(k["write_partitions"], k["consumers"])
        seen_consumer_bound |= k["consumers"] > k["write_partitions"]
    assert seen_consumer_bound, "some seeds should be bound by consumers, not writes"


def test_live_traffic_rejects_bits_for_bytes_and_forgotten_replication():
    sc = scenario("data-at-scale/live-traffic", seed=1)
    assert sc.judge("ingest_bandwidth", "245 MB/s").correct
    assert not sc.judge("ingest_bandwidth", "245 Mbps").correct
    assert not sc.judge("daily_storage", "9.53 TB/day").correct  # one copy
    assert not sc.judge("daily_storage", "63.5 TB/day").correct  # peak all day
    assert sc.judge("daily_storage", "33.1 TB/day").correct  # a day rounded to 10^5 s


def test_warehouse_scan_seed_1_against_a_hand_calculation():
    sc = scenario("data-at-scale/warehouse-scan", seed=1)
    # 20M rows/day x 365 days = 7.3B rows; 200 columns of 7 B; 3 columns used; 21 days queried;
    # compression 5; $7 per TB; 1,000 queries a day.
    k = key(sc)
    assert k["row_scan"] == pytest.approx(10.22)  # 7.3e9 x 200 x 7 B = 10.22 TB
    assert k["column_scan"] == pytest.approx(0.03066)  # 7.3e9 x 3 x 7 / 5 = 30.66 GB
    assert k["pruned_scan"] == pytest.approx(1.764)  # 20M x 21 x 3 x 7 / 5 = 1.764 GB
    assert k["reduction"] == pytest.approx(10220 / 1.764)
    assert k["unpruned_daily_cost"] == pytest.approx(0.03066 * 7 * 1000)
    assert k["daily_cost"] == pytest.approx(0.001764 * 7 * 1000)


def test_warehouse_scan_rejects_a_forgotten_compression_or_prefix_slip():
    sc = scenario("data-at-scale/warehouse-scan", seed=1)
    assert sc.judge("pruned_scan", "1.8 GB").correct
    assert not sc.judge("pruned_scan", "8.82 GB").correct  # compression forgotten
    assert not sc.judge("pruned_scan", "1.764 TB").correct
    assert sc.judge("daily_cost", "12 USD/day").correct
    assert not sc.judge("daily_cost", "61.7 USD/day").correct  # compression forgotten


def test_pruning_always_beats_a_full_columnar_scan():
    for seed in range(40):
        k = key(scenario("data-at-scale/warehouse-scan", seed=seed))
        assert k["pruned_scan"] / 1000 < k["column_scan"] < k["row_scan"]
