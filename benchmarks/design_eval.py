"""Design evaluation: a 50-component design, and a 100-point load sweep of it.

Run: .venv/bin/python benchmarks/design_eval.py

The design is a platform of 12 services behind a CDN, a load balancer, a gateway and an auth
service, each service with its own cache, database and (for some) queue, plus search, an audit
queue, shared object storage and two external providers: 50 components, 12 flows of 9 to 11
hops, some with fan-out, instances from 3 to 53 (so the Erlang C recursions and k-of-n sums
have real work to do). Aims (issue 14): an evaluation under 20 ms, a 100-point sweep under
0.5 s. Figures are medians of several runs.
"""

from __future__ import annotations

import statistics
import time

from tpmprep.design import Design, evaluate, sweep

SERVICES = 12
RUNS = 25
SWEEP_RUNS = 5


def platform() -> dict:
    components: dict = {
        "users": {"kind": "client"},
        "dns": {"kind": "dns", "instances": 4, "cost": 50},
        "edge": {"kind": "cdn", "instances": 30, "hit_ratio": "60%", "cost": 400},
        "lb": {"kind": "load_balancer", "instances": 4, "capacity": "100K req/s", "cost": 300},
        "gateway": {"kind": "gateway", "instances": 12, "capacity": "15K req/s", "cost": 150},
        "blobs": {"kind": "object_store", "instances": 3, "capacity": "40K req/s", "cost": 800},
        "payments": {"kind": "external", "latency": "150 ms"},
        "email": {"kind": "external", "latency": "80 ms"},
        "auth": {"kind": "service", "instances": 40, "capacity": "3K req/s", "latency": "2 ms",
                 "cost": 90},
        "search": {"kind": "service", "instances": 10, "capacity": "2K req/s", "cost": 200},
        "audit": {"kind": "queue", "instances": 3, "capacity": "50K req/s", "cost": 600},
    }
    flows: dict = {}
    for i in range(SERVICES):
        components[f"svc{i}"] = {"kind": "service", "instances": 20 + 3 * i,
                                 "capacity": "1.5K req/s", "latency": f"{4 + i % 5} ms",
                                 "price": "compute.instance_hour"}
        components[f"cache{i}"] = {"kind": "cache", "instances": 3 + i % 3,
                                   "capacity": "40K req/s", "hit_ratio": f"{70 + 2 * i}%",
                                   "cost": 450}
        components[f"db{i}"] = {"kind": "database", "instances": 3 + i % 4,
                                "capacity": "4K req/s", "latency": "8 ms", "cost": 1800}
        if i % 4 == 0:
            components[f"queue{i}"] = {"kind": "queue", "instances": 3, "capacity": "50K req/s",
                                       "cost": 600}
    assert len(components) == 50, len(components)
    weights = [3 + (i % 4) for i in range(SERVICES)]
    for i in range(SERVICES):
        path: list = ["users", "dns", "edge", "lb", "gateway", "auth", f"svc{i}",
                      {"to": f"cache{i}", "calls": 1 + i % 3}, f"db{i}"]
        if i % 4 == 0:
            path.append(f"queue{i}")
        if i % 3 == 0:
            path.append("blobs")
        if i == 5:
            path.append("payments")
        if i == 7:
            path.append("email")
        if i in (2, 9):
            path.append("search")
        if i == 1:
            path.append("audit")
        flows[f"flow{i}"] = {"share": weights[i] / sum(weights), "path": path}
    return {
        "name": "platform of 50 components",
        "traffic": {"peak": "60K req/s"},
        "components": components,
        "flows": flows,
        "requirements": {"availability": "99.9%", "latency": "80 ms", "budget": "200K USD/month"},
    }


def median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    data = platform()
    start = time.perf_counter()
    design = Design.from_dict(data)
    load_ms = (time.perf_counter() - start) * 1000
    cold = median_ms(lambda: evaluate(Design.from_dict(data)), 5) - median_ms(
        lambda: Design.from_dict(data), 5
    )
    evaluate(design)  # compile once
    warm = median_ms(lambda: evaluate(design), RUNS)
    e = evaluate(design)
    s = sweep(design, points=100)
    sweep_ms = median_ms(lambda: sweep(design, points=100), SWEEP_RUNS)
    print(f"design: {len(design.components)} components, {len(design.flows)} flows, "
          f"{sum(len(f.path) for f in design.flows.values())} hops")
    print(f"  bottleneck {e.bottleneck}, headroom x{e.headroom:.3g}, "
          f"{len(e.failed)} of {len(e.requirements)} requirements not met")
    print(f"read and check the design (first, pint and prices loaded): {load_ms:8.1f} ms")
    print(f"evaluate, first time (compile + evaluate):                 {cold:8.2f} ms")
    print(f"evaluate (median of {RUNS}), aim < 20 ms:                     {warm:8.2f} ms")
    print(f"100-point load sweep (median of {SWEEP_RUNS}), aim < 500 ms:     {sweep_ms:8.1f} ms"
          f"  (saturates at x{s.saturation_factor:.3g})")


if __name__ == "__main__":
    main()
