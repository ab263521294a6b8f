"""A design as data: reading YAML, building in Python, defaults, and one clear line per problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from tpmprep.design import KINDS, Design, DocumentError, evaluate

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "docs" / "examples" / "url-shortener.yaml"

BASE = {
    "name": "small",
    "traffic": {"peak": "1K req/s"},
    "components": {
        "app": {"kind": "service", "instances": 2, "capacity": "1K req/s"},
        "db": {"kind": "database", "instances": 2, "capacity": "2K req/s"},
    },
    "flows": {"read": {"path": ["app", "db"]}},
}


def problems(data) -> list[str]:
    with pytest.raises(DocumentError) as info:
        Design.from_dict(data, name="d.yaml")
    return info.value.problems


def with_(path: str, value) -> dict:
    """BASE with one field set (``"components.app.capacity"``)."""
    import copy

    data = copy.deepcopy(BASE)
    *parents, last = path.split(".")
    node = data
    for p in parents:
        node = node.setdefault(p, {})
    node[last] = value
    return data


# --- reading -------------------------------------------------------------------------------


def test_the_documented_example_reads_and_meets_its_requirements():
    d = Design.from_yaml(EXAMPLE)
    assert d.name == "URL shortener"
    assert d.traffic.peak == 40_000
    assert list(d.components) == ["client", "lb", "app", "cache", "db"]
    assert d.components["cache"].hit_ratio == pytest.approx(0.9)
    assert d.flows["redirect"].share == pytest.approx(0.95)
    assert d.requirements.budget == 30_000
    assert evaluate(d).met


def test_the_example_in_the_format_page_is_the_example_file():
    doc = (ROOT / "docs" / "design-format.md").read_text(encoding="utf-8")
    block = doc.split("```yaml\n", 1)[1].split("```", 1)[0]
    assert Design.from_yaml(block) == Design.from_yaml(EXAMPLE)


def test_yaml_text_and_a_path_given_as_text_both_read():
    assert Design.from_yaml(str(EXAMPLE)) == Design.from_yaml(EXAMPLE.read_text())


def test_to_yaml_reads_back_to_the_same_design():
    d = Design.from_yaml(EXAMPLE)
    again = Design.from_yaml(d.to_yaml())
    assert again == d
    assert "path: [client, lb, app, cache, db]" in d.to_yaml()
    assert "peak: 40K req/s" in d.to_yaml()


def test_quantities_accept_text_with_units_or_bare_numbers_in_the_fields_unit():
    d = Design.from_dict({
        "name": "units",
        "traffic": {"peak": "1.2M req/min"},
        "components": {
            "a": {"kind": "service", "capacity": 2000, "latency": "0.5 s",
                  "availability": 0.9995, "cost": "1.5K USD/month"},
            "b": {"kind": "service", "capacity": "2K QPS", "latency": 7,
                  "availability": "99.95%", "cost": 20},
        },
        "flows": {"f": {"path": ["a", "b"]}},
    })
    assert d.traffic.peak == pytest.approx(20_000)
    a, b = d.components["a"], d.components["b"]
    assert (a.capacity, a.latency, a.availability, a.cost) == (2000, 500, 0.9995, 1500)
    assert (b.capacity, b.latency, b.availability, b.cost) == (2000, 7, 0.9995, 20)


def test_defaults_come_from_the_kind():
    d = Design.from_dict({
        "name": "defaults",
        "traffic": {"peak": 100},
        "components": {
            "u": {"kind": "client"},
            "s": {"kind": "service", "capacity": 100},
            "x": {"kind": "external"},
        },
        "flows": {"f": {"path": ["u", "s", "x"]}},
    })
    u, s, x = (d.components[n] for n in "usx")
    assert (u.instances, u.instance_availability, u.latency_ms, u.capacity) == (1, 1.0, 0.0, None)
    assert (s.instances, s.instance_availability, s.latency_ms) == (1, 0.999, 10.0)
    assert (x.instance_availability, x.latency_ms, x.capacity) == (0.999, 100.0, None)
    assert d.share("f") == 1.0
    assert d.requirements.utilisation == 0.7
    assert u.monthly_cost_per_instance == 0.0 and s.monthly_cost_per_instance is None


def test_every_kind_is_documented():
    assert set(KINDS) == {"client", "dns", "cdn", "load_balancer", "gateway", "service", "cache",
                          "database", "queue", "object_store", "external"}
    doc = (ROOT / "docs" / "design-format.md").read_text(encoding="utf-8")
    for kind, spec in KINDS.items():
        assert f"`{kind}`" in doc
        assert spec.description


def test_a_price_per_vcpu_needs_the_vcpus_of_an_instance():
    d = Design.from_dict(with_("components.app.price",
                               {"key": "compute.vcpu_hour", "per_instance": "4 vCPU"}))
    assert d.components["app"].monthly_cost_per_instance == pytest.approx(
        4 * 0.0504 * 365.25 * 24 / 12
    )
    assert "cost.compute.vcpu_hour (aws)" in d.components["app"].cost_source


# --- building in Python --------------------------------------------------------------------


def test_builder_methods_return_new_designs_and_leave_the_original_alone():
    d = Design.from_dict(BASE)
    bigger = d.with_instances("app", 5)
    assert d.components["app"].instances == 2
    assert bigger.components["app"].instances == 5
    cached = (
        d.add_component("cache", "cache", capacity="10K req/s", hit_ratio="90%")
        .with_flow("read", path=["app", "cache", "db"])
    )
    assert "cache" not in d.components
    assert evaluate(cached).components["db"].load == pytest.approx(100)


def test_a_pydantic_copy_is_evaluated_afresh():
    d = Design.from_dict(BASE)
    evaluate(d)  # compiles and caches
    copy = d.model_copy(update={"traffic": d.traffic.model_copy(update={"peak": 3000.0})})
    assert evaluate(copy).components["app"].load == 3000
    assert evaluate(d).components["app"].load == 1000


def test_adding_a_flow_makes_room_for_its_share():
    d = Design.from_dict(BASE).add_flow("write", ["app", "db"], share="20%")
    assert d.share("read") == pytest.approx(0.8)
    assert d.share("write") == pytest.approx(0.2)
    d2 = d.with_flow("write", share=0.5)
    assert (d2.share("read"), d2.share("write")) == (pytest.approx(0.5), pytest.approx(0.5))
    d3 = d2.remove_flow("write")
    assert d3.share("read") == pytest.approx(1.0)


def test_builder_errors_name_the_field_and_the_fix():
    d = Design.from_dict(BASE)
    with pytest.raises(DocumentError, match=r"components\.app: already exists"):
        d.add_component("app", "service", capacity=1)
    with pytest.raises(DocumentError, match=r"flow\(s\) read still visit it"):
        d.remove_component("db")
    with pytest.raises(DocumentError, match=r"flows\.write\.share: required when there are other"):
        d.add_flow("write", ["app"])
    with pytest.raises(DocumentError, match=r"components\.dbb: no such component \(did you mean "
                                            "'db'\\?\\)"):
        d.with_instances("dbb", 3)
    with pytest.raises(DocumentError) as info:
        d.with_instances("app", 0)
    assert info.value.problems == [
        "small: components.app.instances: Input should be greater than or equal to 1"
    ]


def test_a_design_shows_as_its_diagram_and_a_short_text():
    d = Design.from_yaml(EXAMPLE)
    assert repr(d) == "Design('URL shortener': 5 components, 2 flows, peak 40K req/s)"
    assert d._repr_markdown_().startswith("```mermaid\nflowchart LR\n")
    assert str(d.diagram()).splitlines()[1] == (
        "  redirect (95%): client -> lb -> app -> cache -> db"
    )


# --- errors: one line per problem, naming the field and the fix ------------------------------


@pytest.mark.parametrize(
    ("path", "value", "line"),
    [
        ("components.app.capacity", "5 ms",
         "d.yaml: components.app.capacity: '5 ms' is a duration; give a rate such as "
         "'2K req/s'"),
        ("components.app.capacity", "0 req/s",
         "d.yaml: components.app.capacity: must be above 0, got '0 req/s'; give a rate such as "
         "'2K req/s'"),
        ("components.app.capacity", -5,
         "d.yaml: components.app.capacity: must be above 0, got -5; give a rate such as "
         "'2K req/s'"),
        ("components.app.latency", "5 req/s",
         "d.yaml: components.app.latency: '5 req/s' is a rate per unit of time (such as req/s); "
         "give a duration such as '5 ms'"),
        ("components.app.cost", "2K USD",
         "d.yaml: components.app.cost: '2K USD' is an amount of money, not per month; give a "
         "cost per month such as '2K USD/month'"),
        ("components.app.availability", 99.9,
         "d.yaml: components.app.availability: 99.9 is not a fraction between 0 and 1; write "
         "'99.9%' or 0.999"),
        ("components.app.colour", "red",
         "d.yaml: components.app.colour: unknown field; check its spelling against the "
         "documented format"),
        ("components.db.hit_ratio", "50%",
         "d.yaml: components.db.hit_ratio: only a cache or cdn answers requests itself; remove "
         "hit_ratio or set kind: cache (this is a database)"),
        ("components.cache", {"kind": "cache", "capacity": 1000},
         "d.yaml: components.cache.hit_ratio: required for a cache: the share of requests it "
         "answers itself, e.g. hit_ratio: 90%"),
        ("components.db2", {"kind": "database"},
         "d.yaml: components.db2.capacity: required for a database: the requests per second ONE "
         "instance can serve, e.g. capacity: 2K req/s"),
        ("components.app.price", "compute.nothing",
         "d.yaml: components.app.price.key: no price 'compute.nothing' in the aws edition; "
         "prices: compute.instance_hour, compute.vcpu_hour, storage.object_gb_month, "
         "network.egress_gb"),
        ("components.app.price", "compute.vcpu_hour",
         "d.yaml: components.app.price.per_instance: compute.vcpu_hour is priced per vCPU; say "
         "how many one instance uses, e.g. per_instance: '4 vCPU'"),
        ("flows.read.path", ["app", "dbb"],
         "d.yaml: flows.read.path[1]: unknown component 'dbb' (did you mean 'db'?); components: "
         "app, db"),
        ("flows.read.path", "app",
         "d.yaml: flows.read.path: give a list of component names, e.g. [app, ...], not one "
         "text"),
        ("flows.read.share", "90%",
         "d.yaml: flows: shares add up to 90% (read 90%); make them add up to 100% (leave share "
         "out when there is one flow)"),
        ("flows.write", {"share": "20%", "path": ["db"]},
         "d.yaml: flows.read.share: required when there are several flows; shares add up to "
         "100%"),
        ("requirements.availability", {"reed": "99.9%"},
         "d.yaml: requirements.availability.reed: unknown flow 'reed' (did you mean 'read'?); "
         "flows: read"),
        ("requirements.latency", "5 GB",
         "d.yaml: requirements.latency: '5 GB' is a data size; give a duration such as '5 ms'"),
        ("traffic.peak", "40K",
         None),  # a bare number is in req/s: accepted
    ],
)
def test_each_problem_is_one_line_naming_the_field_and_the_fix(path, value, line):
    data = with_(path, value)
    if line is None:
        Design.from_dict(data)
        return
    assert problems(data) == [line]


def test_shares_that_do_not_add_up_to_one_are_refused():
    data = with_("flows", {"read": {"share": 0.9, "path": ["app"]},
                           "write": {"share": "20%", "path": ["db"]}})
    assert problems(data) == [
        "d.yaml: flows: shares add up to 110% (read 90%, write 20%); make them add up to 100%"
    ]
    ok = with_("flows", {"a": {"share": 0.9, "path": ["app"]}, "b": {"share": 0.09, "path": ["db"]},
                         "c": {"share": 0.01, "path": ["db"]}})
    Design.from_dict(ok)  # 0.9 + 0.09 + 0.01 is 1 within 1e-9


def test_field_problems_and_cross_field_problems_are_reported_together():
    data = with_("components.app.colour", "red")
    data["flows"]["read"]["path"] = ["app", "dbb"]
    assert problems(data) == [
        "d.yaml: components.app.colour: unknown field; check its spelling against the "
        "documented format",
        "d.yaml: flows.read.path[1]: unknown component 'dbb' (did you mean 'db'?); components: "
        "app, db",
    ]


def test_a_malformed_yaml_file_is_one_line_with_its_place(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\ntraffic: {peak: 1K req/s\ncomponents: {}\n", encoding="utf-8")
    with pytest.raises(DocumentError) as info:
        Design.from_yaml(bad)
    [line] = info.value.problems
    assert line.startswith(f"{bad}: line 3, column 11: YAML syntax error: ")


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("", "f.yaml: file: is empty; start from the example in docs/examples/url-shortener.yaml"),
        ("- a\n- b\n", "f.yaml: file: Input should be a valid dictionary or instance of Design"),
        ("name: x\n", "f.yaml: traffic: required but missing"),
    ],
)
def test_an_empty_or_wrong_shaped_file_is_refused(tmp_path, text, line):
    path = tmp_path / "f.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DocumentError) as info:
        Design.from_yaml(path, name="f.yaml")
    assert info.value.problems == [line]


def test_a_missing_file_is_one_line():
    with pytest.raises(DocumentError) as info:
        Design.from_yaml(Path("no/such/design.yaml"))
    assert info.value.problems == ["no/such/design.yaml: file: not found; check the path"]
