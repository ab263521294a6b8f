"""Consistent hashing: keys moved against modulo hashing, balance against virtual nodes."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tpmprep.exceptions import CalculationError
from tpmprep.sim.hashing import HashRing, balance_by_virtual_nodes, keys_moved


@pytest.mark.parametrize("nodes", [5, 10, 20])
def test_adding_a_node_moves_about_one_in_n_plus_one_keys(nodes):
    moved = keys_moved(nodes, 1, keys=20_000, virtual_nodes=200, seed=0)
    # Exactly the keys the new node now owns move, so the moved share equals its ring share ...
    assert moved.consistent == pytest.approx(moved.changed_share, abs=0.01)
    # ... which is 1/(n+1) up to the virtual-node spread (cv about 1/sqrt(200) = 7%).
    assert moved.consistent == pytest.approx(1 / (nodes + 1), rel=0.3)
    # Modulo hashing moves n/(n+1) of the keys.
    assert moved.modulo == pytest.approx(nodes / (nodes + 1), abs=0.01)
    assert moved.expected_modulo == pytest.approx(nodes / (nodes + 1))


def test_removing_a_node_moves_only_its_keys():
    ring = HashRing([f"node-{i}" for i in range(8)], virtual_nodes=50)
    keys = [f"user:{i}" for i in range(5_000)]
    before = ring.lookup_many(keys)
    after = ring.remove("node-3").lookup_many(keys)
    for b, a in zip(before, after, strict=True):
        if b != "node-3":
            assert a == b
    assert "node-3" not in after
    moved = keys_moved(10, -1, keys=20_000, seed=0)
    assert moved.modulo == pytest.approx(0.9, abs=0.01)
    assert moved.consistent == pytest.approx(moved.changed_share, abs=0.01)
    assert "modulo hashing moved" in moved.summary()


def test_balance_improves_with_virtual_nodes_like_one_over_root_v():
    points = balance_by_virtual_nodes(50, [1, 10, 100, 1000])
    cvs = [p.cv for p in points]
    assert cvs == sorted(cvs, reverse=True)
    for p in points[1:]:  # shares are sums of v arcs: cv about 1/sqrt(v)
        assert p.cv == pytest.approx(p.virtual_nodes**-0.5, rel=0.35)
    assert points[0].max_mean > 2.5 and points[-1].max_mean < 1.15


def test_shares_sum_to_one_and_weights_skew_them():
    ring = HashRing({"big": 300, "small": 100})
    shares = ring.shares()
    assert sum(shares.values()) == pytest.approx(1.0)
    assert shares["big"] == pytest.approx(0.75, abs=0.05)


def test_ring_is_the_same_in_another_process():
    """BLAKE2b, not Python's salted hash(): a fresh interpreter places keys identically."""
    code = (
        "from tpmprep.sim.hashing import HashRing;"
        "print(HashRing(['a','b','c'], 20).lookup_many(['k1','k2','k3','k4','k5']))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "123"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    here = HashRing(["a", "b", "c"], 20).lookup_many(["k1", "k2", "k3", "k4", "k5"])
    assert out.stdout.strip() == str(here)


def test_same_seed_same_keys_other_seed_different():
    assert keys_moved(10, 1, keys=5_000, seed=1) == keys_moved(10, 1, keys=5_000, seed=1)
    assert keys_moved(10, 1, keys=5_000, seed=1) != keys_moved(10, 1, keys=5_000, seed=2)


@pytest.mark.parametrize(
    ("call", "parameter"),
    [
        (lambda: HashRing([]), "nodes"),
        (lambda: HashRing(["a"], virtual_nodes=0), "virtual_nodes"),
        (lambda: HashRing(["a"]).remove("b"), "node"),
        (lambda: keys_moved(10, 0), "change"),
        (lambda: keys_moved(2, -2), "change"),
        (lambda: keys_moved(0, 1), "nodes"),
        (lambda: keys_moved(5, 1, keys=0), "keys"),
    ],
)
def test_bad_input_names_the_parameter(call, parameter):
    with pytest.raises(CalculationError) as err:
        call()
    assert err.value.parameter == parameter
