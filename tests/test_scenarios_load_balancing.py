"""The load-balancing scenarios: expected answers against hand calculations, and slips caught.

The seed-1 numbers are worked out by hand (plain arithmetic on the values the brief shows), so a
unit or rounding mistake inside a scenario cannot hide behind the library.
"""

from __future__ import annotations

import math

import pytest
from seeds import seed_sweep

from tpmprep import scenario


def key(sc):
    return {row["answer"]: row["expected"] for row in sc.answer_key()}


def correct(sc, name, value):
    return sc.judge(name, value).correct


def test_zoom_2020_seed_1_by_hand():
    sc = scenario("load-balancing/zoom-2020", seed=1)
    # 1.5M participants, 3 connections each, 50K per LB, 650 per server, 60%, 4 zones.
    assert [sc.participants.magnitude, sc.connections_per_participant.magnitude] == [1.5e6, 3]
    assert [sc.lb_capacity.magnitude, sc.per_server.magnitude, sc.zones.magnitude] == [5e4, 650, 4]
    assert sc.target_utilisation.magnitude == 60
    k = key(sc)
    assert k["connections"] == pytest.approx(4.5e6)
    assert k["servers"] == 3847  # 1.5M / 390 = 3846.2, rounded up
    assert k["servers_zone_loss"] == 5132  # ceil(3847 / 3) = 1283 per zone, x 4 zones
    assert k["lb_instances"] == 120  # 4.5M / 3 zones / 50K = 30 per zone, x 4
    assert k["utilisation_after_loss"] == pytest.approx(1.5e6 / (3847 * 0.75 * 650) * 100)


@seed_sweep
def test_zoom_2020_rejects_the_classic_slips(seed):
    sc = scenario("load-balancing/zoom-2020", seed=seed)
    k = key(sc)
    zones = sc.zones.magnitude
    util = sc.target_utilisation.magnitude / 100
    # The endorsed shortcut (total x zones / (zones - 1), unrounded) is accepted.
    assert correct(sc, "servers_zone_loss", k["servers"] * zones / (zones - 1))
    assert correct(
        sc, "lb_instances", k["connections"] / sc.lb_capacity.magnitude * zones / (zones - 1)
    )
    # Forgetting the headroom, or adding only one server (N+1), is rejected.
    assert not correct(sc, "servers_zone_loss", k["servers"])
    assert not correct(sc, "servers_zone_loss", k["servers"] + 1)
    assert not correct(sc, "lb_instances", k["connections"] / sc.lb_capacity.magnitude)
    # Forgetting the utilisation target is rejected.
    assert not correct(sc, "servers", sc.participants.magnitude / sc.per_server.magnitude)
    # Survivors of a fleet sized without headroom run hotter than the target by about
    # zones / (zones - 1): above 100% (overload) for 3 zones at a 70% target.
    assert util * 100 < k["utilisation_after_loss"] <= util * 100 * zones / (zones - 1) * 1.001


def test_health_checks_seed_1_by_hand():
    sc = scenario("load-balancing/health-checks", seed=1)
    # 10 servers, 6,300 req/s, probes every 15 s, 5 failures, 900 req/s each, 3 layers x 2 tries.
    assert [sc.servers.magnitude, sc.traffic.magnitude, sc.interval.magnitude] == [10, 6300, 15]
    assert [sc.unhealthy_threshold.magnitude, sc.server_capacity.magnitude] == [5, 900]
    assert [sc.layers.magnitude, sc.attempts.magnitude] == [3, 2]
    k = key(sc)
    assert k["detection_time"] == pytest.approx(75)
    assert k["failed_requests"] == pytest.approx(630 * 75)
    assert k["survivor_utilisation"] == pytest.approx(700 / 900 * 100)
    assert k["amplification"] == pytest.approx(8)  # 2 x 2 x 2


@seed_sweep
def test_health_checks_rejects_the_classic_slips(seed):
    sc = scenario("load-balancing/health-checks", seed=seed)
    k = key(sc)
    n = sc.servers.magnitude
    traffic, capacity = sc.traffic.magnitude, sc.server_capacity.magnitude
    # Dividing by all servers (the dead one included) is rejected.
    assert not correct(sc, "survivor_utilisation", traffic / n / capacity * 100)
    # Adding the attempts across layers instead of multiplying them is rejected.
    assert not correct(sc, "amplification", sc.attempts.magnitude * sc.layers.magnitude)
    # Every request of the window counted as failed (not only the dead server's share): rejected.
    assert not correct(sc, "failed_requests", traffic * k["detection_time"])
    # The survivors stay below full load, so the story stays consistent.
    assert k["survivor_utilisation"] < 100
    assert math.isclose(k["failed_requests"], traffic / n * k["detection_time"])
