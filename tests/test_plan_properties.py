"""Properties of CPM on random plans, cross-checked with networkx's longest path."""

from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tpmprep.plan.schedule import Schedule


@st.composite
def plans(draw):
    n = draw(st.integers(1, 9))
    rows = []
    for i in range(n):
        deps = draw(st.lists(st.integers(0, i - 1), unique=True, max_size=3)) if i else []
        o = draw(st.integers(0, 5))
        m = o + draw(st.integers(0, 5))
        p = m + draw(st.integers(0, 5))
        rows.append({"name": f"T{i}", "duration": [o, m, p], "depends_on": [f"T{d}" for d in deps]})
    return Schedule(rows)


@settings(max_examples=25, deadline=None)
@given(plans())
def test_cpm_invariants(s):
    # The project length is the longest path, with task durations moved onto edges.
    g = nx.DiGraph()
    for name, task in s.tasks.items():
        g.add_edge("start", name, weight=0)
        g.add_edge(name, "end", weight=task.expected)
        for dep in task.depends_on:
            g.add_edge(dep, name, weight=s.tasks[dep].expected)
    assert s.duration == pytest.approx(nx.dag_longest_path_length(g))
    for t in s.timings.values():
        assert t.slack >= -1e-9
        assert t.ef == pytest.approx(t.es + t.duration)
        assert t.lf <= s.duration + 1e-9
    for path in s.critical_paths():
        assert sum(s.tasks[n].expected for n in path) == pytest.approx(s.duration)
    mc = s.monte_carlo(200, seed=0)
    shortest = s.__class__(
        [
            {"name": n, "duration": t.optimistic, "depends_on": list(t.depends_on)}
            for n, t in s.tasks.items()
        ]
    ).duration
    assert mc.samples.min() >= shortest - 1e-9


def test_the_package_exports_resolve_lazily():
    import subprocess
    import sys

    import tpmprep.plan as plan

    for name in plan.__all__:
        assert getattr(plan, name) is not None
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        plan.nope  # noqa: B018
    code = "import sys, tpmprep.plan; print('numpy' in sys.modules, 'networkx' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
