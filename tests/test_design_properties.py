"""Properties of the design evaluation on random designs (hypothesis, kept to a few seconds).

More instances never lower availability or raise utilisation; a cache never raises the load
downstream; scaling the peak by x multiplies every load by x; latency never falls as the peak
grows; nothing is ever NaN or infinite; a design reads back from its own YAML.
"""

from __future__ import annotations

import json
import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tpmprep.design import Design, evaluate, k_of_n

SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])
KINDS = ["service", "database", "cache", "load_balancer", "cdn", "external", "queue"]


@st.composite
def designs(draw) -> Design:
    n = draw(st.integers(2, 6))
    components = {}
    for i in range(n):
        kind = draw(st.sampled_from(KINDS))
        c = {
            "kind": kind,
            "instances": draw(st.integers(1, 12)),
            "availability": draw(st.floats(0.9, 0.99999)),
            "latency": draw(st.floats(0, 50)),
        }
        if kind not in ("cdn", "external") or draw(st.booleans()):
            c["capacity"] = draw(st.floats(50, 50_000))
        if kind in ("cache", "cdn"):
            c["hit_ratio"] = draw(st.floats(0, 0.99))
        components[f"c{i}"] = c
    names = list(components)
    flow_count = draw(st.integers(1, 3))
    weights = [draw(st.integers(1, 10)) for _ in range(flow_count)]
    flows = {}
    for j in range(flow_count):
        hops = draw(st.lists(st.sampled_from(names), min_size=1, max_size=6))
        path = [
            {"to": h, "calls": draw(st.sampled_from([2, 3, 10]))}
            if draw(st.integers(0, 5)) == 0 else h
            for h in hops
        ]
        flows[f"f{j}"] = {"share": weights[j] / sum(weights), "path": path}
    return Design.from_dict({
        "name": "random",
        "traffic": {"peak": draw(st.floats(10, 20_000))},
        "components": components,
        "flows": flows,
        "requirements": {"availability": 0.999, "latency": 100, "budget": 1e6},
    })


@SETTINGS
@given(designs(), st.data())
def test_more_instances_never_lower_availability_or_raise_utilisation(d, data):
    name = data.draw(st.sampled_from(list(d.components)))
    more = d.with_instances(name, d.components[name].instances + data.draw(st.integers(1, 5)))
    before, after = evaluate(d), evaluate(more)
    for f in d.flows:
        assert after.flows[f].availability >= before.flows[f].availability - 1e-12
    for c in d.components:
        b, a = before.components[c], after.components[c]
        assert a.availability >= b.availability - 1e-12
        if b.utilisation is not None:
            assert a.utilisation <= b.utilisation + 1e-12
    assert set(after.spofs) <= set(before.spofs)


@SETTINGS
@given(designs(), st.data())
def test_a_cache_never_raises_the_load_downstream(d, data):
    caches = [n for n, c in d.components.items() if c.hit_ratio is not None]
    if caches:  # a better hit ratio never adds load anywhere
        name = data.draw(st.sampled_from(caches))
        hit = d.components[name].hit_ratio
        better = d.with_component(name, hit_ratio=min(0.999, hit + data.draw(st.floats(0, 1))))
        before, after = evaluate(d), evaluate(better)
        for c in d.components:
            assert after.components[c].load <= before.components[c].load * (1 + 1e-12) + 1e-9
    # inserting a new cache into a path never adds load to any existing component
    flow = data.draw(st.sampled_from(list(d.flows)))
    path = [h.to if h.calls == 1 else {"to": h.to, "calls": h.calls} for h in d.flows[flow].path]
    at = data.draw(st.integers(0, len(path)))
    cached = d.add_component("newcache", "cache", capacity=1e6,
                             hit_ratio=data.draw(st.floats(0, 0.99)))
    cached = cached.with_flow(flow, path=[*path[:at], "newcache", *path[at:]])
    before, after = evaluate(d), evaluate(cached)
    for c in d.components:
        assert after.components[c].load <= before.components[c].load * (1 + 1e-12) + 1e-9


@SETTINGS
@given(designs(), st.floats(0.01, 100))
def test_scaling_the_peak_by_x_multiplies_every_load_by_x(d, x):
    base, scaled = evaluate(d), evaluate(d, scale=x)
    assert scaled.peak == x * base.peak
    for c in d.components:
        assert math.isclose(scaled.components[c].load, x * base.components[c].load,
                            rel_tol=1e-9, abs_tol=1e-9)
    if base.headroom is not None:
        assert math.isclose(scaled.headroom, base.headroom / x, rel_tol=1e-9)


@SETTINGS
@given(designs(), st.floats(0.05, 3), st.floats(1.01, 3))
def test_mean_latency_never_falls_as_the_peak_grows(d, low, factor):
    a, b = evaluate(d, scale=low), evaluate(d, scale=low * factor)
    for f in d.flows:
        if a.flows[f].latency_ms is None:
            assert b.flows[f].latency_ms is None  # saturated stays saturated
        elif b.flows[f].latency_ms is not None:
            assert b.flows[f].latency_ms >= a.flows[f].latency_ms - 1e-9


@SETTINGS
@given(designs(), st.floats(0.01, 10))
def test_an_evaluation_is_always_finite_and_in_range(d, x):
    e = evaluate(d, scale=x)
    json.dumps(e.to_dict(), allow_nan=False)  # no NaN, no infinity anywhere
    for r in e.components.values():
        assert 0.0 <= r.availability <= 1.0
        assert r.load >= 0 and r.instances_needed >= 1
        assert (r.utilisation is None) == (r.capacity is None)
        assert r.wait_ms is None or r.wait_ms >= 0
        assert (r.wait_ms is None) == (r.utilisation is not None and r.utilisation >= 1 - 1e-9)
    for f in e.flows.values():
        assert 0.0 <= f.availability <= 1.0
        assert f.latency_ms is None or f.latency_ms >= 0
        assert (f.latency_ms is None) == (f.saturated or f.down)
    assert e.met == all(v.met for v in e.requirements)
    assert str(e) == str(evaluate(d, scale=x))


@SETTINGS
@given(designs())
def test_a_design_reads_back_from_its_own_yaml(d):
    assert Design.from_yaml(d.to_yaml()) == Design.from_dict(d.to_dict(units=False))
    again = evaluate(Design.from_yaml(d.to_yaml()))
    e = evaluate(d)
    for c in d.components:
        assert math.isclose(again.components[c].load, e.components[c].load, rel_tol=1e-9)


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 40), st.integers(0, 45), st.floats(0.0, 1.0))
def test_k_of_n_matches_the_exact_binomial_sum(n, k, a):
    exact = sum(math.comb(n, j) * a**j * (1 - a) ** (n - j) for j in range(max(k, 0), n + 1))
    assert math.isclose(k_of_n(n, k, a), min(exact, 1.0), rel_tol=1e-9, abs_tol=1e-12)
