"""Small, fast, seeded simulations: load balancing, consistent hashing, caches, rate limits, queues.

Every function takes a ``seed`` (same seed, same result) and raises
:class:`tpmprep.exceptions.CalculationError` naming the parameter when an input is unusable.
Only numpy is needed, and it loads on first use; plots and panels live in
:mod:`tpmprep.widgets.sim`.

- :mod:`~tpmprep.sim.loadbalance`: ``simulate_load_balancing``, ``compare_policies``,
  ``balls_into_bins`` (why two choices beat one).
- :mod:`~tpmprep.sim.hashing`: ``HashRing``, ``keys_moved``, ``balance_by_virtual_nodes``.
- :mod:`~tpmprep.sim.cache`: ``zipf_trace``, ``simulate_cache``, ``hit_ratio_curve``,
  ``che_lru_hit_ratio``.
- :mod:`~tpmprep.sim.ratelimit`: ``simulate_rate_limit``, ``bursty_request_times``,
  ``boundary_burst_trace``.
- :mod:`~tpmprep.sim.mmc`: ``simulate_mmc`` (set it beside Erlang C).
"""

from __future__ import annotations

from tpmprep.sim.cache import che_lru_hit_ratio, hit_ratio_curve, simulate_cache, zipf_trace
from tpmprep.sim.hashing import HashRing, balance_by_virtual_nodes, keys_moved
from tpmprep.sim.loadbalance import (
    balls_into_bins,
    compare_policies,
    simulate_load_balancing,
)
from tpmprep.sim.mmc import simulate_mmc
from tpmprep.sim.ratelimit import boundary_burst_trace, bursty_request_times, simulate_rate_limit

__all__ = [
    "HashRing",
    "balance_by_virtual_nodes",
    "balls_into_bins",
    "boundary_burst_trace",
    "bursty_request_times",
    "che_lru_hit_ratio",
    "compare_policies",
    "hit_ratio_curve",
    "keys_moved",
    "simulate_cache",
    "simulate_load_balancing",
    "simulate_mmc",
    "simulate_rate_limit",
    "zipf_trace",
]
