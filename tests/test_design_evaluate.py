"""The evaluation of a design against hand-computed values.

Each expected value is written as the arithmetic a person would do on paper, following the
formulas of docs/design-format.md: load with caches and fan-out, utilisation, headroom, k-of-n
availability, single points of failure, M/M/c latency, cost, and the verdicts' wording.
"""

from __future__ import annotations

import json
import math

import pytest

from tpmprep.design import (
    Design,
    breaks_next,
    empty_cache,
    evaluate,
    k_of_n,
    lose_component,
    lose_instance,
    queue_wait_ms,
    scale,
    single_failures,
    sweep,
)
from tpmprep.exceptions import DocumentError, InputError

HOURS_PER_MONTH = 365.25 * 24 / 12  # pint's month is a twelfth of a Julian year: 730.5 h


def design(text: str) -> Design:
    return Design.from_yaml(text)


# --- 1. k-of-n availability ------------------------------------------------------------------

KOFN = """
name: k of n
traffic: {peak: 2.5K req/s}
components:
  lb: {kind: load_balancer, instances: 2, capacity: 10K req/s, availability: 99%}
  app: {kind: service, instances: 4, capacity: 1K req/s, availability: 99%}
flows:
  all: {path: [lb, app]}
requirements: {availability: 99.95%}
"""


def test_k_of_n_availability_counts_the_instances_needed_to_carry_peak():
    e = evaluate(design(KOFN))
    a = 0.99
    app = e.components["app"]
    assert app.instances_needed == 3  # ceil(2500 / 1000)
    # at least 3 of 4 up: all four, or exactly one down (4 ways)
    assert app.availability == pytest.approx(a**4 + 4 * a**3 * (1 - a), rel=1e-12)
    lb = e.components["lb"]
    assert lb.instances_needed == 1  # 2500 / 10000 rounds up to 1
    assert lb.availability == pytest.approx(1 - (1 - a) ** 2, rel=1e-12)
    flow = e.flows["all"].availability
    assert flow == pytest.approx((1 - (1 - a) ** 2) * (a**4 + 4 * a**3 * (1 - a)), rel=1e-12)
    assert e.components["app"].utilisation == pytest.approx(2500 / (4 * 1000))
    assert e.spofs == ()  # app: 4 - 1 = 3 >= 3; lb: 2 - 1 = 1 >= 1


def test_redundancy_without_spare_capacity_buys_nothing():
    # 3 instances that are all needed: the component is up only when all three are
    e = evaluate(design(KOFN).with_instances("app", 3))
    assert e.components["app"].availability == pytest.approx(0.99**3, rel=1e-12)
    assert e.spofs == ("app",)  # 3 - 1 = 2 < 3 needed


def test_too_few_instances_means_availability_zero_and_a_note_saying_so():
    e = evaluate(design(KOFN).with_instances("app", 2))
    app = e.components["app"]
    assert app.availability == 0.0
    assert app.utilisation == pytest.approx(2500 / 2000)
    assert ("app: 2 instances cannot carry 2.5K req/s even with all up (needs 3 at 1K req/s "
            "each), so its availability is 0") in e.notes
    v = e.verdict("availability: all")
    assert not v.met
    assert v.detail == ("flow all: 0% < 99.95%; weakest link: app (0%); 2 instances of app "
                        "cannot carry 2.5K req/s (needs 3)")
    assert v.blame == "app"


def test_an_exact_multiple_of_capacity_needs_exactly_that_many_instances():
    e = evaluate(design(KOFN).with_peak("4K req/s"))
    assert e.components["app"].instances_needed == 4
    assert e.components["app"].utilisation == pytest.approx(1.0)
    assert e.flows["all"].saturated  # at 100% the queue grows without bound
    assert e.flows["all"].latency_ms is None


def test_the_availability_verdict_names_the_weakest_link():
    e = evaluate(design(KOFN).with_instances("app", 3))
    v = e.verdict("availability: all")
    assert not v.met
    lb, app = 1 - 0.01**2, 0.99**3
    assert (f"{100 * lb * app:.2f}", f"{100 * app:.2f}") == ("97.02", "97.03")
    assert v.detail == ("flow all: 97.02% < 99.95%; weakest link: app (97.03%); app has no "
                        "spare instance")


def test_k_of_n_function_against_exact_sums():
    for n, k, a in [(1, 1, 0.999), (3, 2, 0.999), (5, 3, 0.9), (10, 1, 0.5), (30, 20, 0.999)]:
        exact = sum(math.comb(n, j) * a**j * (1 - a) ** (n - j) for j in range(k, n + 1))
        assert k_of_n(n, k, a) == pytest.approx(exact, rel=1e-12, abs=1e-15)
    assert k_of_n(3, 4, 0.999) == 0.0
    assert k_of_n(100_000, 1, 0.999) == 1.0
    # 100,000 instances needing 99,800 of them, 99.9% each: mean 99,900 up, sd about 10
    assert k_of_n(100_000, 99_800, 0.999) == pytest.approx(1.0, abs=1e-12)
    assert k_of_n(100_000, 99_950, 0.999) < 1e-6


# --- 2. a cache before a database, with M/M/1 queueing by hand ------------------------------------

CACHED = """
name: cache before a database
traffic: {peak: 10K req/s}
components:
  app: {kind: service, capacity: 40K req/s, latency: 5 ms, cost: 100 USD/month}
  cache: {kind: cache, capacity: 40K req/s, latency: 1 ms, hit_ratio: 80%, cost: 200 USD/month}
  db: {kind: database, capacity: 4K req/s, latency: 10 ms, cost: 1K USD/month}
flows:
  read: {path: [app, cache, db]}
requirements: {latency: 8 ms, budget: 1.2K USD/month}
"""


def test_a_cache_sees_every_request_and_the_database_only_the_misses():
    e = evaluate(design(CACHED))
    assert e.components["app"].load == pytest.approx(10_000)
    assert e.components["cache"].load == pytest.approx(10_000)
    assert e.components["db"].load == pytest.approx(10_000 * (1 - 0.8))
    assert e.components["db"].utilisation == pytest.approx(2000 / 4000)
    assert e.bottleneck == "db"
    assert e.headroom == pytest.approx(1 / 0.5)


def test_latency_weights_hops_by_the_chance_of_reaching_them_plus_mm1_queueing():
    e = evaluate(design(CACHED))
    # M/M/1: W_q = rho / (mu - lambda), in seconds; x 1000 for ms
    app_wait = 0.25 / (40_000 - 10_000) * 1000
    cache_wait = 0.25 / (40_000 - 10_000) * 1000
    db_wait = 0.5 / (4_000 - 2_000) * 1000
    assert e.components["db"].wait_ms == pytest.approx(db_wait)
    expected = (5 + app_wait) + (1 + cache_wait) + (1 - 0.8) * (10 + db_wait)
    assert expected == pytest.approx(8.0667, abs=1e-4)
    assert e.flows["read"].latency_ms == pytest.approx(expected)
    v = e.verdict("latency: read")
    assert not v.met
    assert v.detail == "flow read: mean 8.07 ms > 8 ms; slowest hop: app (5.01 ms)"


def test_the_budget_verdict_names_the_largest_cost():
    e = evaluate(design(CACHED))
    assert e.monthly_cost == pytest.approx(100 + 200 + 1000)
    v = e.verdict("budget")
    assert not v.met
    assert v.detail == ("monthly cost 1.3K USD/month > 1.2K USD/month; largest: db "
                        f"(1K USD/month, {100 * 1000 / 1300:.3g}%)")


def test_emptying_the_cache_sends_every_request_to_the_database():
    drill = empty_cache(design(CACHED), "cache")
    db = drill.after.components["db"]
    assert db.load == pytest.approx(10_000)
    assert db.utilisation == pytest.approx(10_000 / 4_000)
    assert drill.after.verdict("utilisation").detail == (
        "db at 250% of capacity at peak (target 70%)"
    )
    assert drill.after.verdict("latency: read").detail == (
        "flow read: saturated: db at 250% of capacity at peak, so its queue grows without bound"
    )
    assert [v.name for v in drill.broken] == ["utilisation"]  # latency and budget already failed


# --- 3. fan-out --------------------------------------------------------------------------------

FANOUT = """
name: news feed fan-out on read
traffic: {peak: 1K req/s}
components:
  api: {kind: gateway, instances: 2, capacity: 5K req/s}
  feed: {kind: service, instances: 4, capacity: 1K req/s}
  timelines: {kind: cache, instances: 10, capacity: 10K req/s, hit_ratio: 90%}
  store: {kind: database, instances: 5, capacity: 1K req/s}
flows:
  read:
    path: [api, feed, {to: timelines, calls: 50}, store]
"""


def test_calls_multiply_the_load_at_that_hop_and_every_later_one():
    e = evaluate(design(FANOUT))
    assert e.components["api"].load == pytest.approx(1_000)
    assert e.components["feed"].load == pytest.approx(1_000)
    assert e.components["timelines"].load == pytest.approx(1_000 * 50)
    assert e.components["store"].load == pytest.approx(1_000 * 50 * (1 - 0.9))
    assert e.components["timelines"].instances_needed == 5  # 50K / 10K
    assert e.components["store"].utilisation == pytest.approx(5_000 / (5 * 1_000))
    assert e.bottleneck == "store"
    assert e.flows["read"].saturated


def test_calls_run_in_parallel_and_do_not_multiply_latency():
    light = design(FANOUT).with_peak("100 req/s")
    e = evaluate(light)
    hops = 2 + 10 + 1 + (1 - 0.9) * 10  # default latencies: gateway, service, cache, database
    waits = sum(
        reach * queue_wait_ms(load, cap, n)
        for reach, load, cap, n in [
            (1, 100, 5_000, 2), (1, 100, 1_000, 4), (1, 5_000, 10_000, 10),
            (1 - 0.9, 500, 1_000, 5),
        ]
    )
    assert e.flows["read"].latency_ms == pytest.approx(hops + waits)


# --- 4. two flows with shares, a component visited twice ---------------------------------------

SHARES = """
name: two flows
traffic: {peak: 5K req/s}
components:
  gw: {kind: gateway, instances: 3, capacity: 10K req/s, availability: 99.9%}
  app: {kind: service, instances: 4, capacity: 2K req/s, availability: 99.9%}
  db: {kind: database, instances: 2, capacity: 10K req/s, availability: 99.9%}
flows:
  read: {share: 80%, path: [gw, app, db]}
  write: {share: 20%, path: [gw, app, {to: db, calls: 2}, gw]}
"""


def test_shares_split_the_peak_and_loads_add_up_over_flows():
    e = evaluate(design(SHARES))
    assert e.flows["read"].load == pytest.approx(5_000 * 0.8)
    assert e.flows["write"].load == pytest.approx(5_000 * 0.2)
    # gw: every request once, and writes a second time on the way back (after calls x2)
    assert e.components["gw"].load == pytest.approx(5_000 + 5_000 * 0.2 * 2)
    assert e.components["app"].load == pytest.approx(5_000)
    assert e.components["db"].load == pytest.approx(4_000 + 1_000 * 2)


def test_a_component_visited_twice_counts_once_for_availability():
    e = evaluate(design(SHARES))
    gw, app, db = (e.components[n].availability for n in ("gw", "app", "db"))
    assert e.flows["write"].availability == pytest.approx(gw * app * db, rel=1e-12)
    assert e.components["app"].instances_needed == 3  # ceil(5000 / 2000)
    a = 0.999
    assert app == pytest.approx(a**4 + 4 * a**3 * (1 - a), rel=1e-12)


def test_utilisation_verdict_lists_the_worst_and_the_others_above_target():
    e = evaluate(design(SHARES).with_instances("app", 3))
    v = e.verdict("utilisation")
    assert not v.met
    assert v.detail == f"app at {100 * 5000 / 6000:.3g}% of capacity at peak (target 70%)"
    e2 = evaluate(design(SHARES).with_requirements(utilisation="25%"))
    # app 5000 / 8000, db 6000 / 20000, gw 7000 / 30000
    assert e2.verdict("utilisation").detail == (
        "app at 62.5% of capacity at peak (target 25%); also above target: db (30%)"
    )


# --- 5. a cdn in front of an origin --------------------------------------------------------------

CDN = """
name: static site with a cdn
traffic: {peak: 100K req/s}
components:
  users: {kind: client}
  edge: {kind: cdn, instances: 20, hit_ratio: 95%, latency: 10 ms, cost: 500 USD/month}
  origin: {kind: object_store, instances: 3, capacity: 5K req/s, latency: 30 ms,
           price: compute.instance_hour}
flows:
  get: {path: [users, edge, origin]}
requirements: {availability: 99.99%, budget: 11K USD/month}
"""


def test_a_cdn_behaves_as_a_cache_with_no_capacity_limit():
    e = evaluate(design(CDN))
    edge = e.components["edge"]
    assert edge.load == pytest.approx(100_000)
    assert edge.utilisation is None  # no capacity given: no limit
    assert edge.instances_needed == 1
    assert edge.availability == pytest.approx(1 - 0.001**20)
    origin = e.components["origin"]
    assert origin.load == pytest.approx(100_000 * (1 - 0.95))
    assert origin.instances_needed == 1  # 5K / 5K
    assert e.bottleneck == "origin"
    assert e.headroom == pytest.approx(1 / (5_000 / 15_000))
    assert e.components["users"].availability == 1.0  # a client is 100% unless told
    a = 0.999
    origin_availability = 1 - (1 - a) ** 3
    assert e.flows["get"].availability == pytest.approx(
        1.0 * (1 - 0.001**20) * origin_availability, rel=1e-12
    )


def test_a_reference_price_is_looked_up_with_its_source():
    e = evaluate(design(CDN))
    per_instance = 0.1008 * HOURS_PER_MONTH
    assert e.components["origin"].monthly_cost == pytest.approx(3 * per_instance)
    assert e.monthly_cost == pytest.approx(20 * 500 + 3 * per_instance)
    assert "Amazon Web Services" in e.components["origin"].cost_source
    assert any(n.startswith("origin: 73.6 USD/month per instance from "
                            "cost.compute.instance_hour (aws)") for n in e.notes)
    assert e.verdict("budget").met  # 10,000 + 220.9 <= 11,000


def test_a_missing_cost_fails_the_budget_and_is_a_note_otherwise():
    d = design(CDN).with_component("edge", cost=None)
    e = evaluate(d)
    assert e.unknown_cost == ("edge",)
    v = e.verdict("budget")
    assert not v.met
    assert v.detail == "monthly cost unknown: no cost or price for edge (known part 221 USD/month)"
    assert "edge: no cost or price given; counted as 0 USD/month" in e.notes
    assert "users" not in e.unknown_cost  # a client costs nothing


# --- queueing, M/M/c ---------------------------------------------------------------------------


def test_mmc_wait_by_hand_and_against_the_estimate_module():
    # M/M/2, lambda = 1/s, mu = 1/s per server: A = 1, rho = 1/2.
    # P(wait) = (A^2 / 2!) / (1 - rho) / (1 + A + (A^2 / 2!) / (1 - rho)) = 1 / 3
    # W_q = P(wait) / (c mu - lambda) = (1/3) / (2 - 1) s
    assert queue_wait_ms(1.0, 1.0, 2) == pytest.approx(1000 / 3)
    from tpmprep.estimate.queueing import mmc

    stats = mmc(900, 100, 12)
    assert queue_wait_ms(900, 100, 12) == pytest.approx(stats.mean_wait.to("ms").magnitude)
    assert queue_wait_ms(1200, 100, 12) is None  # 100%: no steady state
    assert queue_wait_ms(0, 100, 12) == 0.0


def test_latency_approaches_the_sum_of_hops_at_low_load_and_grows_near_saturation():
    d = design(CACHED)
    low = evaluate(d, scale=0.001).flows["read"].latency_ms
    assert low == pytest.approx(5 + 1 + 0.2 * 10, rel=1e-3)
    near = [evaluate(d, scale=f).flows["read"].latency_ms for f in (1.9, 1.99, 1.999)]
    assert near == sorted(near)
    # db at 99.95%: W_q = 0.9995 / (4000 - 3998) s, reached by 20% of requests
    assert near[-1] == pytest.approx(5 + 1 + 0.2 * (10 + 0.9995 / 2 * 1000), rel=1e-3)
    assert evaluate(d, scale=2).flows["read"].latency_ms is None


# --- scale, drills, breaks, sweep ----------------------------------------------------------------


def test_scale_multiplies_the_peak():
    e = evaluate(design(CACHED), scale=1.5)
    assert e.peak == pytest.approx(15_000)
    assert e.components["db"].load == pytest.approx(15_000 * 0.2)
    d = scale(design(CACHED), 3)
    assert d.title == "peak x 3 (30K req/s)"
    assert d.after.components["db"].utilisation == pytest.approx(6_000 / 4_000)


@pytest.mark.parametrize("bad", [0, -1, float("inf"), float("nan"), "2", True])
def test_a_scale_that_is_not_a_positive_number_is_refused(bad):
    with pytest.raises(InputError, match="scale: must be a number above 0"):
        evaluate(design(CACHED), scale=bad)


def test_losing_one_instance_leaves_the_others_to_carry_the_load():
    d = lose_instance(design(KOFN), "app")
    assert d.title == "lose one instance of app (4 -> 3 up)"
    app = d.after.components["app"]
    assert app.up == 3
    assert app.utilisation == pytest.approx(2500 / 3000)
    assert app.availability == pytest.approx(0.99**3, rel=1e-12)
    assert app.monthly_cost == d.before.components["app"].monthly_cost  # still paid for
    assert [v.name for v in d.broken] == ["utilisation"]  # availability failed already
    assert "app: 1 of 4 instances lost, 3 up" in d.after.notes


def test_losing_a_component_takes_every_flow_through_it_down():
    d = lose_component(design(SHARES), "db")
    assert d.after.components["db"].down
    for name in ("read", "write"):
        f = d.after.flows[name]
        assert f.down and f.availability == 0 and f.latency_ms is None
    # nothing goes past the lost database: the write flow's second gw visit carries nothing
    assert d.after.components["gw"].load == pytest.approx(5_000)
    assert "db: down (all 2 instances lost)" in d.after.notes


def test_losing_a_cache_takes_its_flows_down_too():
    d = lose_component(design(CACHED), "cache")
    assert d.after.flows["read"].down
    assert d.after.components["db"].load == 0.0
    e = evaluate(design(CACHED).with_requirements(availability="99%"))
    assert e.verdict("availability: read").met
    after = lose_component(design(CACHED).with_requirements(availability="99%"), "cache").after
    assert after.verdict("availability: read").detail == (
        "flow read: 0% < 99%; weakest link: cache (0%); cache is down"
    )
    assert after.verdict("latency: read").detail == "flow read: down: cache is lost"


def test_drills_refuse_unknown_components_and_non_caches():
    with pytest.raises(InputError, match=r"no component 'dbb' \(did you mean 'db'\?\)"):
        lose_instance(design(CACHED), "dbb")
    with pytest.raises(InputError, match="db is a database, not a cache or cdn; caches in "
                                         "this design: cache"):
        empty_cache(design(CACHED), "db")
    with pytest.raises(InputError, match="app has 4 instances; lose 1 to 4, got 5"):
        lose_instance(design(KOFN), "app", 5)


def test_single_failures_try_every_component_on_a_path():
    drills = single_failures(design(KOFN))
    assert [d.title for d in drills] == [
        "lose one instance of lb (2 -> 1 up)", "lose one instance of app (4 -> 3 up)",
    ]


def test_breaks_next_orders_components_by_the_factor_at_which_they_saturate():
    b = breaks_next(design(SHARES))
    # utilisation: app 5000/8000, db 6000/20000, gw 7000/30000
    assert [p.component for p in b.points] == ["app", "db", "gw"]
    assert b.first.saturates_at == pytest.approx(8000 / 5000)
    assert b.first.over_target_at == pytest.approx(0.7 * 8000 / 5000)
    assert str(b).splitlines()[0] == (
        "two flows: app saturates first, at x1.6 the peak (8K req/s); it passes the 70% "
        "target at x1.12"
    )


def test_a_sweep_never_reports_an_infinite_or_negative_latency():
    s = sweep(design(CACHED), points=100)
    assert len(s.factors) == 100
    assert s.saturation_factor == pytest.approx(2.0)
    assert s.factors[-1] == pytest.approx(1.5 * 2.0)
    for f, latency in zip(s.factors, s.latency_ms("read"), strict=True):
        if f >= 2.0 - 1e-9:
            assert latency is None
        else:
            assert latency is not None and 0 < latency < math.inf
    json.dumps(s.to_dict(), allow_nan=False)


# --- requirements and output -----------------------------------------------------------------


def test_utilisation_is_judged_at_70_percent_by_default():
    e = evaluate(design(FANOUT).with_peak("100 req/s"))
    assert [v.name for v in e.requirements] == ["utilisation"]
    assert e.verdict("utilisation").detail == (
        "highest: store at 10% of capacity at peak (target 70%)"  # 500 / 5000
    )
    assert e.met


def test_requirements_supplied_from_outside_replace_the_designs_own():
    e = evaluate(design(KOFN), requirements={"availability": {"all": "90%"}, "latency": "1 s"})
    assert [v.name for v in e.requirements] == ["utilisation", "availability: all", "latency: all"]
    assert e.met
    with pytest.raises(DocumentError, match=r"requirements: availability\.nope: unknown flow"):
        evaluate(design(KOFN), requirements={"availability": {"nope": "90%"}})


def test_json_has_the_keys_the_issue_lists():
    data = evaluate(design(CACHED)).to_dict()
    text = json.dumps(data, allow_nan=False)
    assert json.loads(text) == data
    for key in ("components", "flows", "bottleneck", "headroom", "spofs", "monthly_cost",
                "requirements"):
        assert key in data
    assert {"load", "utilisation", "instances_needed", "availability"} <= set(
        data["components"]["db"])
    assert {"availability", "latency_ms"} <= set(data["flows"]["read"])
    assert data["components"]["db"]["load"] == pytest.approx(2000.0)
    assert data["requirements"][0] == {
        "name": "utilisation", "met": True,
        "detail": "highest: db at 50% of capacity at peak (target 70%)", "blame": None,
    }
    assert data["spofs"] == ["app", "cache", "db"]


def test_an_evaluation_shows_itself_deterministically():
    e1, e2 = evaluate(design(CACHED)), evaluate(design(CACHED))
    assert repr(e1) == str(e1) == str(e2)
    assert e1._repr_markdown_() == e2._repr_markdown_()
    assert " at 0x" not in repr(e1)
    md = e1._repr_markdown_()
    assert "| **NOT MET** | latency: read | flow read: mean 8.07 ms > 8 ms" in md
    assert "`█████░░░░░`\u00a050%" in md  # db's bar
    assert str(e1).startswith("cache before a database: 2 of 3 requirements NOT met\n")
    assert "width:50.0%" in e1.to_html()


def test_the_mermaid_diagram_is_a_fenced_block_coloured_by_utilisation():
    d = design(CACHED)
    text = d.diagram(evaluate(d, scale=2.2))._repr_markdown_()
    assert text.splitlines()[0] == "```mermaid"
    assert text.rstrip().endswith("```")
    assert '  c3[("db<br/>database<br/>110% · SPOF")]' in text
    assert '  c1 -->|"read"| c2' in text
    assert "  class c3 saturated" in text
    assert "class c1,c2 ok" in text


# --- plots ----------------------------------------------------------------------------------------


def test_plot_utilisation_draws_a_bar_per_component_with_a_capacity():
    from tpmprep.plots.design import plot_utilisation

    fig = plot_utilisation(evaluate(design(CDN), scale=4))
    ax = fig.axes[0]
    assert ax.get_title() == "Utilisation at peak x 4: static site with a cdn"
    assert [t.get_text() for t in ax.get_yticklabels()] == ["origin"]
    [bar] = ax.patches
    assert bar.get_width() == pytest.approx(100 * 20_000 / 15_000)
    assert [line.get_xdata()[0] for line in ax.get_lines()] == [100, 70]
    assert fig.texts[0].get_text() == "Not drawn: users (no limit), edge (no limit)"


def test_plot_sweep_never_draws_an_infinite_latency():
    from tpmprep.plots.design import plot_sweep

    fig = plot_sweep(sweep(design(CACHED), points=50))
    ax_a, ax_l = fig.axes
    [latency] = [line for line in ax_l.get_lines() if line.get_label() == "read"]
    ys = latency.get_ydata()
    xs = latency.get_xdata()
    assert all(math.isfinite(y) for x, y in zip(xs, ys, strict=True) if x < 2)
    assert all(math.isnan(y) for x, y in zip(xs, ys, strict=True) if x >= 2)
    [availability] = [line for line in ax_a.get_lines() if line.get_label() == "read"]
    assert all(0 <= y <= 9 for y in availability.get_ydata())
    assert "saturated from x2 (db)" in [t.get_text() for t in ax_l.texts]
