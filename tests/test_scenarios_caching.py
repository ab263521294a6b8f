"""The caching scenarios: expected answers against hand calculations, and slips caught."""

from __future__ import annotations

import math

import pytest
from seeds import seed_sweep

from tpmprep import scenario

EULER_GAMMA = 0.5772156649


def correct(sc, name, value) -> bool:
    return sc.judge(name, value).correct


def test_news_feed_seed_5_against_a_hand_calculation():
    sc = scenario("caching/news-feed", seed=5)
    assert (sc.catalogue.magnitude, sc.zipf_s.magnitude, sc.target_hit.magnitude) == (600e6, 1, 85)
    # Zipf s = 1: hit(C) = H(C) / H(N), H(n) ~ ln n + gamma. Solve H(C) = 0.85 H(N).
    h_n = math.log(600e6) + EULER_GAMMA
    items = math.exp(0.85 * h_n - EULER_GAMMA)
    assert items == pytest.approx(26.5e6, rel=0.01)
    assert correct(sc, "cache_items", items)
    assert correct(sc, "db_reads", 1.4e6 * 0.15)
    assert correct(sc, "cache_memory", f"{items * 6e3 / 1e9} GB")  # 6 KB per post: 159 GB
    # Memory needs 159 / 32 -> 5 nodes; throughput needs 1.4M / 90K = 15.6 -> 16: 16 decides.
    assert correct(sc, "cache_nodes", 16)
    half = (math.log(items / 2) + EULER_GAMMA) / h_n
    assert correct(sc, "hit_ratio_half", f"{half * 100}%")
    assert half == pytest.approx(0.817, abs=0.002)


def test_news_feed_memory_can_decide_the_node_count():
    """Some seeds are memory-bound, so the candidate must compute both counts."""
    memory_bound = 0
    for seed in range(60):
        sc = scenario("caching/news-feed", seed=seed)
        memory = sc.answers["cache_memory"].expected.to("GB").magnitude
        by_memory = math.ceil(memory / sc.node_memory.magnitude)
        by_throughput = math.ceil(sc.peak_reads.magnitude / sc.node_ops.magnitude)
        assert sc.answers["cache_nodes"].expected.magnitude == max(by_memory, by_throughput)
        memory_bound += by_memory > by_throughput
    assert 0 < memory_bound < 60


def test_news_feed_slips_are_rejected():
    sc = scenario("caching/news-feed", seed=5)
    assert not correct(sc, "db_reads", 1.4e6 * 0.85)  # the hit share, not the miss share
    assert not correct(sc, "cache_items", 600e6 * 0.85)  # hit ratio taken as a share of items
    assert not correct(sc, "cache_nodes", 5)  # memory alone
    assert not correct(sc, "hit_ratio_half", "42.5%")  # halved


def test_cdn_offload_seed_1_against_a_hand_calculation():
    sc = scenario("caching/cdn-offload", seed=1)
    # 55K req/s x 250 KB = 13.75 GB/s = 110 Gbps.
    assert correct(sc, "peak_egress", "110 Gbps")
    assert correct(sc, "origin_egress", "8.8 Gbps")  # 8% misses
    assert correct(sc, "hit_needed", f"{(1 - 25 / 110) * 100}%")  # 77.3%
    # Average 110 / 1.5 Gbps = 9.17 GB/s; a month (365.25 / 12 days) is 2.6298M s.
    month = 365.25 / 12 * 86_400
    saving = 110 / 1.5 / 8 * month * (0.92 * 0.07 - 0.02)
    assert saving == pytest.approx(1.07e6, rel=0.01)
    # A 30-day month, or the napkin 2.5M s, is as good.
    assert correct(sc, "monthly_saving", saving * 30 * 86_400 / month)
    assert correct(sc, "monthly_saving", saving * 2.5e6 / month)
    assert correct(sc, "monthly_saving", saving)
    assert correct(sc, "stampede_requests", 4000 * 0.4)


def test_cdn_offload_slips_are_rejected():
    sc = scenario("caching/cdn-offload", seed=1)
    assert not correct(sc, "peak_egress", "13.75 Gbps")  # bytes read as bits
    assert not correct(sc, "origin_egress", "101.2 Gbps")  # hit share for miss share
    assert not correct(sc, "hit_needed", f"{25 / 110 * 100}%")
    month = 365.25 / 12 * 86_400
    assert not correct(sc, "monthly_saving", 110 / 8 * month * (0.92 * 0.07 - 0.02))  # peak


@seed_sweep
def test_cdn_offload_saving_stays_positive(seed):
    sc = scenario("caching/cdn-offload", seed=seed)
    hit = sc.cdn_hit.magnitude / 100
    assert hit * sc.origin_price.magnitude > sc.cdn_price.magnitude
    assert 0 < sc.answers["hit_needed"].expected.magnitude < 100
    # The origin survives the peak with the CDN, with a margin to argue about.
    assert sc.cdn_hit.magnitude - sc.answers["hit_needed"].expected.magnitude >= 3
    # Forgetting that the misses still leave the origin (saving = average x (origin - CDN
    # price)) is rejected for every draw.
    answer = sc.answers["monthly_saving"].expected.to("USD/month").magnitude
    forgot = answer * (sc.origin_price.magnitude - sc.cdn_price.magnitude)
    forgot /= hit * sc.origin_price.magnitude - sc.cdn_price.magnitude
    assert not correct(sc, "monthly_saving", forgot)


@seed_sweep
def test_news_feed_half_cache_is_not_the_target(seed):
    """Answering that half the cache keeps the target hit ratio is rejected for every draw."""
    sc = scenario("caching/news-feed", seed=seed)
    assert not correct(sc, "hit_ratio_half", sc.target_hit)
    assert correct(sc, "hit_ratio_half", sc.answers["hit_ratio_half"].expected)
