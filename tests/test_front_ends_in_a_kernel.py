"""Every front end in a real kernel, as papermill/nbclient run it and as a saved notebook shows it.

One notebook is built in code and executed once (module-scoped) with nbclient, which stores
widget state like papermill does. Each test reads the saved cells the way an instructor or a
headless CI run sees them: live widgets carry a readable text stand-in (never ``VBox(...)``),
plots are PNG images, quizzes and flashcards never show answers, nothing raises or waits.
"""

from __future__ import annotations

import pytest

from conftest import build_nb

nbclient = pytest.importorskip("nbclient")

CELLS = {
    "imports": "from tpmprep import Estimate, Q, fmt, mock, numbers, progress, quiz, review",
    "quiz": 'quiz("caching", n=3, seed=7)',
    "review": "review(n=3)",
    "mock": 'mock("system-design", seed=2)',
    "estimate": (
        'e = Estimate("API servers")\n'
        'e.given("dau", "20M users", "Daily active users")\n'
        'e.step("per_day", "dau * \'30 req/day\'", "Requests per day", unit="req/day")\n'
        'e.step("avg", "per_day", "Average rate", unit="req/s")\n'
        "e"
    ),
    "numbers": 'numbers.value("latency.round_trip_same_datacenter")',
    "traffic_panel": (
        "from tpmprep.widgets.calculators import traffic_panel, cache_sizing_panel\ntraffic_panel()"
    ),
    "cache_sizing_panel": "cache_sizing_panel()",
    "lb_panel": "from tpmprep.widgets.sim import load_balancing_panel\nload_balancing_panel()",
    "lb_plot": (
        "from tpmprep.sim.loadbalance import compare_policies\n"
        "from tpmprep.widgets.sim import plot_server_load\n"
        "plot_server_load(compare_policies(requests=20_000, seed=1))"
    ),
    "schedule": (
        "from tpmprep.plan import Schedule\n"
        'plan = Schedule.from_text("design 5 -\\nbuild 3/8/15 design\\ntest 4 build\\n'
        'docs 2 design")\n'
        "from tpmprep.widgets.plan import plot_gantt, schedule_panel\n"
        "plot_gantt(plan)"
    ),
    "schedule_panel": "schedule_panel(plan)",
    "progress": "progress()",
}
# Every one-call plot of every area, each in its own cell (small sizes: this is about display).
PLOTS = {
    "zipf_hit_ratio": (
        "from tpmprep.plots import estimate as e\ne.plot_zipf_hit_ratio(10**6, 0.8)"
    ),
    "latency_vs_utilisation": 'e.plot_latency_vs_utilisation("10 ms", 4, 0.7)',
    "latency_percentiles": (
        "from tpmprep.plots import sim as s\n"
        "s.plot_latency_percentiles(compare_policies(requests=5_000, seed=1))"
    ),
    "bin_loads": "s.plot_bin_loads(200)",
    "keys_moved": "s.plot_keys_moved(range(2, 8), keys=2_000)",
    "ring_balance": "s.plot_ring_balance(5, (1, 10, 100))",
    "cache_curve": (
        "from tpmprep.sim.cache import hit_ratio_curve, zipf_trace\n"
        "s.plot_hit_ratio(hit_ratio_curve(zipf_trace(5_000, 500, 1.0, seed=1), [10, 50, 100]))"
    ),
    "rate_limit": (
        "from tpmprep.sim.ratelimit import bursty_request_times, simulate_rate_limit\n"
        "times = bursty_request_times(10, 50, seed=1)\n"
        "s.plot_rate_limit([simulate_rate_limit(times, a, limit=60) "
        'for a in ("token_bucket", "fixed_window")])'
    ),
    "queue_vs_erlang": "s.plot_queue_vs_erlang(customers=5_000)",
    "completion": (
        "from tpmprep.plots import plan as p\np.plot_completion(plan.monte_carlo(2_000))"
    ),
    "risk_heatmap": (
        "from tpmprep.plan import RiskRegister\n"
        'p.plot_risk_heatmap(RiskRegister([{"id": "R1", "description": "vendor late", '
        '"likelihood": 3, "impact": 4}]))'
    ),
    "scores": (
        "from tpmprep.plan import rice\n"
        'p.plot_scores(rice([{"name": "A", "reach": 1000, "impact": 2, "confidence": 0.8, '
        '"effort": 2}, {"name": "B", "reach": 500, "impact": 3, "confidence": 1, "effort": 1}]))'
    ),
    "sample_size": "p.plot_sample_size(0.1)",
}
CELLS.update({f"plot:{name}": source for name, source in PLOTS.items()})


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    cells = [("code", source) for source in CELLS.values()]
    nb = build_nb(("markdown", "# Front ends"), *cells, name="front-ends")
    folder = tmp_path_factory.mktemp("front-ends")
    client = nbclient.NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(folder)}}
    )
    client.execute()
    return {name: nb.cells[i + 1] for i, name in enumerate(CELLS)}, nb


def _data(cell) -> list[dict]:
    return [
        o.get("data", {})
        for o in cell.outputs
        if o["output_type"] in ("display_data", "execute_result")
    ]


def _stream(cell, name="stderr") -> str:
    return "".join(
        o["text"] for o in cell.outputs if o["output_type"] == "stream" and o["name"] == name
    )


def test_every_cell_ran_without_an_error_or_a_warning(executed):
    cells, _ = executed
    for name, cell in cells.items():
        assert not [o for o in cell.outputs if o["output_type"] == "error"], name
        assert _stream(cell) == "", f"{name} wrote to stderr: {_stream(cell)}"


@pytest.mark.parametrize(
    "name",
    ["quiz", "review", "mock", "traffic_panel", "cache_sizing_panel", "lb_panel", "schedule_panel"],
)
def test_a_panel_is_shown_once_as_a_live_widget_with_a_readable_stand_in(executed, name):
    cells, _ = executed
    data = _data(cells[name])
    widgets = [d for d in data if "application/vnd.jupyter.widget-view+json" in d]
    assert len(widgets) == 1, f"{name} shown {len(widgets)} times"
    text = widgets[0]["text/plain"]
    assert len(text) > 40 and not text.startswith(("VBox(", "HBox(", "Box(")), text


def test_headless_quiz_and_flashcards_never_show_answers(executed):
    from tpmprep.practice.flashcards import load_deck
    from tpmprep.quizzes import pick

    cells, _ = executed
    quiz_text = _data(cells["quiz"])[0]["text/plain"]
    for question in pick("caching", n=3, seed=7):
        assert question.explanation.strip()[:60] not in quiz_text
    review_text = _data(cells["review"])[0]["text/plain"]
    backs = [card.back for card in load_deck() if len(card.back) > 12]
    assert not [back for back in backs if back in review_text]


@pytest.mark.parametrize("name", ["lb_plot", "schedule", "progress", *(f"plot:{n}" for n in PLOTS)])
def test_plots_arrive_as_images(executed, name):
    cells, _ = executed
    assert any("image/png" in d for d in _data(cells[name])), name


def test_panel_plots_are_in_the_saved_widget_state(executed):
    """Does a saved notebook carry the panels' plots (papermill stores widget state)?"""
    _, nb = executed
    state = nb.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    outputs = [
        o
        for model in state.values()
        if model["model_name"] == "OutputModel"
        for o in model["state"].get("outputs", [])
    ]
    assert any("image/png" in o.get("data", {}) for o in outputs)


def test_an_estimate_shows_its_steps_as_a_table(executed):
    cells, _ = executed
    (data,) = _data(cells["estimate"])
    assert "<table" in data["text/html"]
    assert "Requests per day" in data["text/plain"] and "Average rate" in data["text/plain"]
