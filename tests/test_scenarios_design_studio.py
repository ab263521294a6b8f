"""The design studio's prompts: any design that meets the brief passes, and feedback never fixes it.

The worked solutions are run here without a kernel (their code cells, in order, with another
seed in the parameters cell), so the designs tested are exactly the notebooks' own: for several
seeds, both worked designs pass, the first sketch does not, and the worked estimates are right.
The judge is then tested on designs built from the worked one with one thing changed.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import io
import json

import nbformat
import pytest
from test_cohort_make import run, write_roster

from conftest import REPO
from tpmprep.check_result import MIME_TYPE
from tpmprep.design import Design
from tpmprep.judging import Verdict
from tpmprep.scenarios.base import scenario, scenario_ids
from tpmprep.units import Q

SOLUTIONS = sorted((REPO / "solutions").glob("13-design-*.ipynb"))
PROMPTS = [s for s in scenario_ids() if s.startswith("design-studio/")]


def run_solution(path, seed: int) -> dict:
    """Run a solution's code cells in order, with ``seed`` in its parameters cell."""
    nb = nbformat.read(path, 4)
    namespace: dict = {"__name__": "__solution__"}
    with contextlib.redirect_stdout(io.StringIO()):
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            source = cell.source
            if "parameters" in cell.metadata.get("tags", []):
                source = f"seed = {seed}\ncandidate = 'tester'"
            exec(compile(source, path.name, "exec"), namespace)
    return namespace


@functools.cache
def worked(stem: str, seed: int) -> dict:
    return run_solution(REPO / "solutions" / f"{stem}.ipynb", seed)


def judged(sc, design, **changes):
    """Judge ``design`` with parts changed: ``components={name: {field: value}}``, ``flows=``."""
    data = design.to_dict(units=False)
    for section, items in changes.items():
        for name, fields in items.items():
            if fields is None:
                del data[section][name]
            else:
                data[section][name] = {**data[section].get(name, {}), **fields}
    return sc.judge("design", Design.from_dict(data))


def with_block(design: Design, name: str, block, load: float) -> Design:
    """Add ``block`` as ``name``, sized for ``load`` at 70% plus a spare (a managed one: 1)."""
    fields = block.component(block.instances_for(load, 0.7) + (block.capacity is not None))
    return design.add_component(name, fields.pop("kind"), **fields)


def shape(design: Design) -> tuple:
    """A design without its instance counts: the boxes (what one instance is) and the paths."""
    data = design.to_dict(units=False)
    boxes = {n: {k: v for k, v in c.items() if k != "instances"}
             for n, c in data["components"].items()}
    return boxes, {n: f["path"] for n, f in data["flows"].items()}


def test_there_are_eight_prompts_each_with_a_solution_and_an_exercise():
    assert len(PROMPTS) >= 8
    from tpmprep.course.lint import scenario_ids_in

    named = {}
    for path in SOLUTIONS:
        [named[path.name]] = scenario_ids_in(nbformat.read(path, 4))
        assert (REPO / "exercises" / path.name).exists()
    assert sorted(named.values()) == sorted(PROMPTS)


@pytest.mark.parametrize("seed", [2, 3, 11])
@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.stem)
def test_both_worked_designs_pass_and_the_first_sketch_does_not(path, seed):
    ns = worked(path.stem, seed)
    sc = ns["sc"]
    first, second = sc.judge("design", ns["design"]), sc.judge("design", ns["design_b"])
    assert first.correct, first.text()
    assert second.correct, second.text()
    assert shape(ns["design"]) != shape(ns["design_b"]), "the designs differ only in counts"
    sketch = sc.judge("design", ns["start"])
    assert sketch.judgement.verdict == Verdict.INCORRECT
    assert "requirements of the brief NOT met" in sketch.judgement.reason  # not a broken rule
    for name in sc.answers:
        if name != "design":
            assert sc.judge(name, ns[name]).correct, (name, sc.judge(name, ns[name]).text())


@pytest.mark.parametrize("sid", PROMPTS)
def test_the_first_sketch_fails_for_every_seed(sid):
    for seed in range(25):
        sc = scenario(sid, seed=seed)
        result = sc.judge("design", sc.starting_design())
        assert result.judgement.verdict == Verdict.INCORRECT, (seed, result.text())
        assert not sc.design_brief.rule_problems(sc.starting_design()), seed


@pytest.fixture(scope="module")
def url():
    ns = worked("13-design-url-shortener", 5)
    return ns["sc"], ns["design"], ns["start"]


def test_a_design_is_judged_at_the_briefs_peak_against_the_briefs_requirements(url):
    sc, design, start = url
    easy = {"utilisation": 0.99, "availability": 0.5, "latency": 10_000.0}
    cheat = start.with_peak("10 req/s").with_requirements(**easy)
    result = sc.judge("design", cheat)
    assert result.judgement.verdict == Verdict.INCORRECT
    note = result.judgement.note
    assert "judged at the brief's peak" in note and "(your design says 10 req/s)" in note
    assert "requirements: block is not used" in note
    good = sc.judge("design", design.with_requirements(**easy))
    assert good.correct and "requirements: block is not used" in good.judgement.note
    assert sc.judge("design", design).judgement.note == ""  # nothing replaced, nothing said


def test_a_component_that_claims_more_than_its_block_is_named(url):
    sc, design, _ = url
    reason = judged(sc, design, components={"db": {"capacity": 50_000}}).judgement.reason
    assert "db (database): capacity 50K req/s per instance is more than a database node serves " \
           "(5K req/s)" in reason
    assert "cost 10 USD/month per instance is less than" in judged(
        sc, design, components={"app": {"cost": 10}}).judgement.reason
    assert "hit ratio 99% is more than the brief allows" in judged(
        sc, design, components={"cache": {"hit_ratio": 0.99}}).judgement.reason
    assert "latency 1 ms is less than a database node's (10 ms)" in judged(
        sc, design, components={"db": {"latency": 1}}).judgement.reason
    data = design.to_dict(units=False)
    del data["components"]["db"]["cost"]
    assert "db (database): no cost given; a database node costs 1.5K USD/month" in sc.judge(
        "design", Design.from_dict(data)).judgement.reason
    blobs = design.add_component("blobs", "object_store", capacity="1M req/s", cost=1)
    assert "blobs: the brief offers no object_store" in sc.judge("design", blobs).judgement.reason


def test_a_design_has_the_briefs_flows_and_each_reaches_its_store(url):
    sc, design, _ = url
    reason = sc.judge("design", design.remove_flow("create")).judgement.reason
    assert "splits the traffic into the flows redirect (" in reason
    assert "your design has redirect" in reason
    no_db = design.with_flow("redirect", path=["client", "lb", "app", "cache"])
    assert "flow redirect: never reaches a database node (the long URL is stored in the " \
           "database)" in sc.judge("design", no_db).judgement.reason


def test_calls_never_hide_load_below_the_briefs_floor(url):
    sc, design, _ = url
    hidden = design.with_flow("create", path=["client", "lb", "app", {"to": "db", "calls": 0.1}])
    reason = sc.judge("design", hidden).judgement.reason
    assert "flow create: calls multiply its load by 0.1 at db, below the brief's floor of 1" \
        in reason
    live = worked("13-design-live-traffic", 5)
    batch = 1 / live["sc"].pings_per_write.magnitude
    path = ["client", "lb", "ingest", "log", "stream", {"to": "segments", "calls": batch / 10}]
    reason = live["sc"].judge("design", live["design"].with_flow("report", path=path))
    assert "below the brief's floor" in reason.judgement.reason
    assert live["sc"].judge("design", live["design"]).correct  # batching down to the floor is fine


def test_rejected_requests_must_not_reach_the_api_servers():
    ns = worked("13-design-rate-limiter", 5)
    leaky = ns["design"].with_flow("rejected", path=["client", "lb", "gateway", "counters", "api"])
    reason = ns["sc"].judge("design", leaky).judgement.reason
    assert "flow rejected: reaches api (API server), which it must not (a rejected request must " \
           "not load the API)" in reason


def test_the_fan_out_must_be_shown_with_calls():
    ns = worked("13-design-news-feed", 5)
    sc = ns["sc"]
    flat = ns["design_b"].with_flow("read", path=["client", "lb", "feed", "post_cache", "posts"])
    reason = sc.judge("design", flat).judgement.reason
    assert f"no flow fans out by {sc.follows.magnitude:g}" in reason


def test_dashboards_must_not_run_the_model_even_on_a_server_named_otherwise():
    ns = worked("13-design-face-attendance", 5)
    path = ["client", "lb", "api", "gpu", "db"]
    reason = ns["sc"].judge("design", ns["design"].with_flow("dashboard", path=path))
    assert "flow dashboard: reaches gpu (face-matching server with a small GPU (ML team)), which " \
           "it must not" in reason.judgement.reason


def test_feedback_names_requirement_component_and_symptom_never_a_fix(url):
    sc, _, start = url
    result = sc.judge("design", start)
    lines = result.text().splitlines()
    assert lines[0].startswith("✗ Your design: ")
    assert "requirements of the brief NOT met" in lines[0]
    assert any(line.startswith("  - utilisation: db at ") and "% of capacity at peak" in line
               for line in lines)
    assert any(" weakest link: " in line for line in lines)
    text = result.text().lower()
    for fix in ("add ", "increase", "should", "instances:", "try ", "use a "):
        assert fix not in text, fix
    record = result.record()
    assert "expected" not in record and record["verdict"] == "incorrect"


def test_a_design_is_read_from_a_design_yaml_text_or_a_file(url, tmp_path):
    sc, design, _ = url
    path = tmp_path / "my-design.yaml"
    path.write_text(design.to_yaml())
    for given in (design, design.to_yaml(), str(path), path):
        result = sc.judge("design", given)
        assert result.correct, given
        assert result.record()["artefact"] == design.to_yaml()
    assert sc.judge("design", ...).judgement.verdict == Verdict.UNANSWERED
    bad = sc.judge("design", "name: x\ntraffic: {peak: 1K req/s}\ncomponents: {a: {kind: cash}}\n")
    assert bad.judgement.verdict == Verdict.INVALID and "components.a.kind" in bad.text()
    missing = sc.judge("design", str(tmp_path / "nope.yaml"))
    assert missing.judgement.verdict == Verdict.INVALID and "nope.yaml" in missing.text()
    wrong = sc.judge("design", 42)
    assert wrong.judgement.verdict == Verdict.INVALID
    assert "a Design (builder.design), YAML text or the path of a .yaml file" in wrong.text()


def test_the_answer_key_states_the_briefs_requirements_and_no_design():
    sc = scenario("design-studio/buy-now", seed=4)
    row = {r["answer"]: r for r in sc.answer_key()}["design"]
    assert row["expected"].startswith("peak ") and "budget <= " in row["expected"]
    assert "availability: view >= 99.9%, buy >= " in row["expected"]
    assert "instances" not in row["expected"]


def test_cohort_grade_rejudges_a_submitted_design_against_the_manifest_seed(tmp_path):
    roster = write_roster(tmp_path / "roster.csv", [("c1", "Ada"), ("c2", "Bo")])
    out = tmp_path / "cohort"
    done = run("cohort", "make", "--roster", str(roster), "--out", str(out), "--exercises",
               "13-design-url-shortener.ipynb", "--root", str(REPO), "--salt", "pepper")
    assert done.code == 0, done.err
    manifest = json.loads((out / "manifest.json").read_text())
    name = "13-design-url-shortener.ipynb"
    subs = tmp_path / "subs"
    for entry in manifest["candidates"]:
        seed = entry["seed"]
        mine = worked("13-design-url-shortener", seed)
        sc = scenario("design-studio/url-shortener", seed=seed, candidate=entry["name"])
        design = mine["design"] if entry["id"] == "c1" else mine["start"]
        nb = nbformat.read(out / entry["folder"] / name, 4)
        for cell in nb.cells:
            if cell.cell_type == "code" and 'sc.check("design"' in cell.source:
                bundle = sc.judge("design", design)._repr_mimebundle_()
                cell.outputs = [nbformat.v4.new_output("display_data", data=bundle)]
                cell.execution_count = 1
        (subs / entry["folder"]).mkdir(parents=True)
        nbformat.write(nb, str(subs / entry["folder"] / name))
        assert bundle[MIME_TYPE]["artefact"] == design.to_yaml()
    done = run("cohort", "grade", "--cohort", str(out), "--submissions", str(subs),
               "--out", str(tmp_path / "report"))
    assert done.code == 0, done.err
    with open(tmp_path / "report" / "answers.csv", encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["answer"] == "design"]
    verdicts = {r["candidate_id"]: r["verdict"] for r in rows}
    assert verdicts == {"c1": "correct", "c2": "incorrect"}
    c2 = next(r for r in rows if r["candidate_id"] == "c2")
    assert "NOT met" in c2["explanation"] and "db" in c2["explanation"]


def test_no_cache_answers_a_write_but_a_write_may_pass_a_cache_it_does_not_stop_at(url):
    sc, design, _ = url
    cached = design.with_flow("create", path=["client", "lb", "app", "cache", "db"])
    reason = sc.judge("design", cached).judgement.reason
    assert reason.startswith("the design breaks a rule of the brief:")
    assert "flow create: cache (a cache) would answer 90% of its requests, but no cache can " \
           "answer them (each create makes a new link)" in reason
    through = design.add_component("cache_w", "cache", capacity=80_000, latency=1, hit_ratio=0,
                                   cost=400, instances=2)
    through = through.with_flow("create", path=["client", "lb", "app", "cache_w", "db"])
    assert sc.judge("design", through).correct  # written through a cache, answered by none
    face = worked("13-design-face-attendance", 5)
    early = face["design"].with_flow("checkin", path=["client", "lb", "api", "cache", "gpu", "db"])
    assert "flow checkin: cache (a cache) would answer 90% of its requests, but no cache can " \
           "answer them (each photo is a new face to match)" in face["sc"].judge(
               "design", early.with_instances("gpu", 2)).judgement.reason


def test_a_client_only_sends_requests_and_each_flow_reaches_the_service_that_answers_it(url):
    sc, design, _ = url
    free = design.add_component("proxy", "client")
    free = free.with_flow("redirect", path=["client", "proxy", "cache", "db"])
    reason = sc.judge("design", free).judgement.reason
    assert "flow redirect: proxy is a client, which sends requests and serves none: a client " \
           "is only the first hop of a path" in reason
    assert "flow redirect: never reaches an app server (4 vCPU) (the app servers look the short " \
           "code up)" in reason
    headless = design.with_flow("create", path=["client", "lb", "db"])
    assert "flow create: never reaches an app server" in sc.judge("design", headless).text()


def test_calls_below_one_only_where_the_brief_combines_requests():
    live = worked("13-design-live-traffic", 5)
    sc, design = live["sc"], live["design_b"]
    batch = 1 / sc.pings_per_write.magnitude
    tiles = design.with_flow("tile", path=["client", "lb", {"to": "tiles", "calls": batch},
                                           "segment_cache", "segments"])
    assert f"flow tile: calls multiply its load by {batch:g} at tiles, below the brief's floor " \
           "of 1 (calls below 1 would hide load from the hops after them)" in sc.judge(
               "design", tiles).judgement.reason
    for early in (["client", {"to": "lb", "calls": batch}, "ingest", "log", "stream", "segments"],
                  ["client", "lb", "ingest", "log", {"to": "stream", "calls": batch},
                   "segments"]):
        reason = sc.judge("design", design.with_flow("report", path=early)).judgement.reason
        assert "below the brief's floor of 1" in reason
        assert "requests are combined only after a stream processor worker" in reason
    assert sc.judge("design", design).correct  # combined after the stream processor: fine
    assert "`calls` are 1 or more (fan-out), except on `report` after a stream processor " \
           f"worker, where they may shrink the load down to {batch:g} of it" in sc.brief_markdown()


@pytest.mark.parametrize("seed", [1, 7])
def test_a_read_replica_design_of_my_own_passes_as_yaml(seed):
    """Does a third design, a primary for writes and replicas behind the cache, pass?"""
    sc = scenario("design-studio/url-shortener", seed=seed)
    b, peak = sc.blocks, sc.peak.magnitude
    redirects, creates = peak * sc.share("redirect"), peak * sc.share("create")

    def n(key, load):
        return b[key].instances_for(load, 0.7) + 1

    text = f"""
name: Shrt, a primary and read replicas
traffic: {{peak: 1K req/s}}
components:
  client: {{kind: client}}
  lb: {{kind: load_balancer, instances: {n("lb", peak)}, capacity: 50K req/s, latency: 1 ms,
       cost: 300 USD/month}}
  app: {{kind: service, instances: {n("app", peak)}, capacity: 2K req/s, latency: 5 ms,
        cost: 150 USD/month}}
  cache: {{kind: cache, instances: {n("cache", redirects)}, capacity: 80K req/s, latency: 1 ms,
          hit_ratio: 80%, cost: 400 USD/month}}
  replica: {{kind: database, instances: {n("db", redirects * 0.2)}, capacity: 5K req/s,
            latency: 10 ms, cost: 1.5K USD/month}}
  primary: {{kind: database, instances: {n("db", creates)}, capacity: 5K req/s, latency: 10 ms,
            cost: 1.5K USD/month}}
flows:
  redirect: {{share: 50%, path: [client, lb, app, cache, replica]}}
  create: {{share: 50%, path: [client, lb, app, primary]}}
"""
    result = sc.judge("design", text)
    assert result.correct, result.text()
    assert "judged at the brief's peak" in result.judgement.note  # its own peak is replaced


@pytest.mark.parametrize("seed", [1, 2])
def test_a_queue_between_services_and_a_cdn_in_front_are_building_blocks(seed):
    """Is a queue before the delivery workers, or a CDN before product pages, a legal design?"""
    chat = worked("13-design-chat", seed)
    sc, design = chat["sc"], chat["design"]
    sends = sc.peak.magnitude * sc.share("send")
    recipients = sc.recipients.magnitude
    queued = with_block(with_block(design, "queue", sc.blocks["queue"], sends), "delivery",
                        sc.blocks["chat"], sends)
    queued = queued.with_flow("send", path=["client", "lb", "gateway", "chat", "messages", "queue",
                                            "delivery", {"to": "sessions", "calls": recipients},
                                            "gateway"])
    result = sc.judge("design", queued)
    assert result.correct, result.text()
    buy = worked("13-design-buy-now", seed)
    sc, design = buy["sc"], buy["design"]
    edge = with_block(design, "cdn", sc.blocks["cdn"], 0)
    edge = edge.with_flow("view", path=["client", "cdn", "lb", "product", "cache", "catalogue"])
    result = sc.judge("design", edge)
    assert result.correct, result.text()
    url = worked("13-design-url-shortener", seed)
    sc, design = url["sc"], url["design"]
    edge = with_block(design, "cdn", sc.blocks["cdn"], 0)
    edge = edge.with_flow("redirect", path=["client", "cdn", "lb", "app", "cache", "db"])
    reason = sc.judge("design", edge).judgement.reason
    assert "requirements of the brief NOT met" in reason  # judged, not refused by a rule
    assert "budget: monthly cost " in reason and "largest: cdn" in reason


def test_a_cdn_is_priced_per_request_at_the_briefs_traffic():
    sc = scenario("design-studio/url-shortener", seed=1)  # 400M requests a day, 90% redirects
    assert sc.blocks["cdn"].cost == 11_000  # 360M x 30 = 10.8B requests x 1 USD per million
    assert sc.blocks["cdn"].capacity is None and sc.blocks["cdn"].hit_ratio == 0.8
    sc = scenario("design-studio/buy-now", seed=1)  # 6M orders x 20 views a day
    assert sc.blocks["cdn"].cost == 3_600  # 120M x 30 = 3.6B views x 1 USD per million


def test_a_flow_split_into_parts_is_judged_at_the_briefs_share_and_each_part_meets_its_targets():
    """Can the media tier be half in our data centres and half in a cloud (Zoom's hybrid)?"""
    ns = worked("13-design-video-meetings", 3)
    sc, design = ns["sc"], ns["design"]
    b, internet = sc.blocks, sc.peak.magnitude * sc.share("internet")
    hybrid = with_block(design.with_instances("media", b["sfu_dc"].instances_for(
        internet / 2 + sc.peak.magnitude * sc.share("phone"), 0.7) + 1), "cloud", b["sfu_cloud"],
        internet / 2)
    data = hybrid.to_dict(units=False)

    def flows(dc, cloud):
        data["flows"] = {"internet-dc": {"share": dc, "path": ["client", "edge", "media"]},
                         "internet-cloud": {"share": cloud, "path": ["client", "edge", "cloud"]},
                         "phone": {"share": 1 - dc - cloud, "path": ["client", "sip", "media"]}}
        return Design.from_dict(data)

    hybrid = flows(0.1, 0.1)
    result = sc.judge("design", hybrid)
    assert result.correct, result.text()
    assert "judged with the brief's shares" in result.judgement.note  # 10% + 10%, scaled up
    judged_design, _ = sc.design_brief.judged(hybrid)
    assert judged_design.share("internet-dc") == pytest.approx(sc.share("internet") / 2)
    reason = sc.judge("design", flows(0.02, 0.18)).judgement.reason  # 90% on the cloud
    assert "utilisation: cloud at " in reason and "NOT met" in reason
    stray = design.add_flow("video", path=["client", "edge", "media"], share="1%")
    assert "splits the traffic into the flows internet (" in sc.judge("design", stray).text()
    lost = hybrid.remove_flow("phone")
    assert "your design has internet-dc, internet-cloud" in sc.judge("design", lost).text()


def test_each_part_of_a_split_flow_keeps_the_flows_rules():
    buy = worked("13-design-buy-now", 4)
    sc, design = buy["sc"], buy["design"]
    split = (design.remove_flow("buy")
             .add_flow("buy-app", path=["client", "lb", "checkout", "orders", "queue"], share="3%")
             .add_flow("buy_web", path=["client", "lb", "checkout", "cache", "orders"], share="2%"))
    reason = sc.judge("design", split).judgement.reason
    assert "flow buy_web: cache (a cache) would answer 95% of its requests" in reason
    assert "buy-app" not in reason


def test_the_error_budget_accepts_one_significant_digit_and_rejects_a_slipped_decimal():
    sc = scenario("design-studio/buy-now", seed=1)  # 99.95%: 0.0005 x 43,200 min = 21.6 min
    assert sc.judge("downtime", Q("21.6 minute")).correct
    assert sc.judge("downtime", "20 min").correct
    assert not sc.judge("downtime", "216 min").correct  # 99.5%, a nine lost
    assert not sc.judge("downtime", "263 min").correct  # a year's budget, not a month's
