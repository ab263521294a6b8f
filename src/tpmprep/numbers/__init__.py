"""Reference numbers with provenance: latency, throughput, availability, powers of two, cost.

Every value carries its source, a URL and a date. Tables with measured or quoted values come in
editions (``classic``: the table popularised by the System Design Primer; ``recent``: Simon
Eskildsen's napkin-math), so a notebook can switch edition and see which conclusions change::

    from tpmprep import numbers
    numbers.value("latency.main_memory_reference")                 # 100 ns (classic)
    numbers.value("latency.main_memory_reference", edition="recent")  # 50 ns
    numbers.use_edition("recent")                                 # every table that has it
    numbers.compare("latency", "classic", "recent")               # what changed

The data live in YAML files beside this module and load on first use; ``availability`` and
``powers_of_two`` are computed, not typed.
"""

from __future__ import annotations

from tpmprep.numbers.table import (
    Change,
    Entry,
    compare,
    current_edition,
    editions,
    entries,
    entry,
    keys,
    tables,
    use_edition,
    value,
)

__all__ = [
    "Change",
    "Entry",
    "compare",
    "current_edition",
    "editions",
    "entries",
    "entry",
    "keys",
    "tables",
    "use_edition",
    "value",
]
