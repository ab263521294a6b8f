"""Reference numbers: provenance on every value, editions that differ, computed tables."""

from __future__ import annotations

import pytest

from tpmprep import Q, numbers
from tpmprep.exceptions import InputError


def all_entries():
    return [
        e for t in numbers.tables() for ed in numbers.editions(t) for e in numbers.entries(t, ed)
    ]


def test_every_value_has_a_source_a_url_and_a_date():
    problems = [
        e.key
        for e in all_entries()
        if not (e.source.strip() and e.url.startswith("https://") and e.date.strip() and e.label)
    ]
    assert not problems


def test_every_key_belongs_to_its_table_and_is_unique_per_edition():
    for t in numbers.tables():
        for ed in numbers.editions(t):
            ks = numbers.keys(t, ed)
            assert len(ks) == len(set(ks))
            assert all(k.startswith(f"{t}.") for k in ks)


def test_tables_and_editions():
    assert numbers.tables() == ["latency", "throughput", "availability", "powers_of_two", "cost"]
    assert numbers.editions("latency") == ["classic", "recent"]
    assert numbers.editions("throughput") == ["classic", "recent"]
    assert numbers.editions("cost") == ["aws", "recent"]


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        # System Design Primer, "Latency numbers every programmer should know".
        ("latency.l1_cache_reference", "0.5 ns"),
        ("latency.branch_mispredict", "5 ns"),
        ("latency.l2_cache_reference", "7 ns"),
        ("latency.mutex_lock_unlock", "100 ns"),
        ("latency.main_memory_reference", "100 ns"),
        ("latency.compress_1kb", "10 us"),
        ("latency.send_1kb_1gbps", "10 us"),
        ("latency.ssd_random_read", "150 us"),
        ("latency.read_1mb_memory", "250 us"),
        ("latency.round_trip_same_datacenter", "500 us"),
        ("latency.read_1mb_ssd", "1 ms"),
        ("latency.disk_seek", "10 ms"),
        ("latency.read_1mb_disk", "30 ms"),
        ("latency.packet_ca_netherlands_ca", "150 ms"),
        ("throughput.memory_sequential_read", "4 GB/s"),
    ],
)
def test_classic_values_are_the_primers(key, expected):
    assert numbers.value(key, "classic").to(Q(expected).units).magnitude == pytest.approx(
        Q(expected).magnitude
    )


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        # napkin-math README "Numbers" table (Xeon E-2236 edition).
        ("latency.main_memory_reference", "50 ns"),
        ("latency.ssd_random_read", "100 us"),
        ("latency.round_trip_same_datacenter", "250 us"),
        ("latency.system_call", "500 ns"),
        ("latency.context_switch", "10 us"),
        ("throughput.memory_sequential_read", "10 GiB/s"),
        ("throughput.ssd_sequential_read", "4 GiB/s"),
        ("throughput.ssd_random_read", "70 MiB/s"),
        ("throughput.network_sequential_read", "10 GiB/s"),
    ],
)
def test_recent_values_are_napkin_maths(key, expected):
    got = numbers.value(key, "recent")
    assert got.to(Q(expected).units).magnitude == pytest.approx(Q(expected).magnitude)


def test_the_notes_record_where_versions_disagree():
    assert "25 ns" in numbers.entry("latency.mutex_lock_unlock").note
    assert "3,000 ns" in numbers.entry("latency.compress_1kb").note
    assert "20 ms" in numbers.entry("latency.read_1mb_disk").note


def test_editions_differ_where_expected():
    changes = {c.key: c for c in numbers.compare("latency", "classic", "recent")}
    assert changes["latency.main_memory_reference"].ratio == pytest.approx(0.5)
    assert changes["latency.read_1mb_ssd"].ratio == pytest.approx(0.2)
    assert changes["latency.l1_cache_reference"].new is None
    assert changes["latency.system_call"].old is None
    # Same value in both editions (10 ms seek vs 10 ms random HDD read) is not a change.
    assert "latency.disk_seek" not in changes
    everything = numbers.compare("latency", "classic", "recent", changed_only=False)
    assert "latency.disk_seek" in {c.key for c in everything}
    assert "main_memory_reference" in str(numbers.compare("latency", "classic", "recent"))


def test_use_edition_switches_the_default_and_can_be_undone():
    try:
        assert numbers.value("latency.main_memory_reference") == Q("100 ns")
        changed = numbers.use_edition("recent")
        assert set(changed) == {"latency", "throughput", "cost"}
        assert numbers.value("latency.main_memory_reference") == Q("50 ns")
        assert numbers.current_edition("cost") == "recent"
    finally:
        numbers.use_edition(None)
    assert numbers.current_edition("latency") == "classic"


@pytest.mark.parametrize(
    ("nines", "per_year", "per_day"),
    [
        (2, "3.6525 day", "14.4 min"),
        (3, "8.766 h", "86.4 s"),
        (4, "52.596 min", "8.64 s"),
        (5, "315.576 s", "0.864 s"),
    ],
)
def test_availability_downtime_is_computed(nines, per_year, per_day):
    year = numbers.value(f"availability.nines_{nines}.per_year")
    day = numbers.value(f"availability.nines_{nines}.per_day")
    assert year.to("s").magnitude == pytest.approx(Q(per_year).to("s").magnitude)
    assert day.to("s").magnitude == pytest.approx(Q(per_day).to("s").magnitude)
    month = numbers.value(f"availability.nines_{nines}.per_month")
    assert month.to("s").magnitude == pytest.approx(year.to("s").magnitude / 12)
    assert numbers.value(f"availability.nines_{nines}").to("").magnitude == pytest.approx(
        1 - 10.0**-nines
    )


def test_powers_of_two():
    names = ["kib", "mib", "gib", "tib", "pib", "eib"]
    for i, name in enumerate(names, start=1):
        assert numbers.value(f"powers_of_two.{name}").to("B").magnitude == 2 ** (10 * i)
    assert "1,073,741,824" in numbers.entry("powers_of_two.gib").label


def test_cost_snapshot_units():
    assert numbers.value("cost.compute.vcpu_hour").to("USD/vCPU/hour").magnitude == pytest.approx(
        0.0504
    )
    assert numbers.value("cost.storage.object_gb_month").to("USD/GB/month").magnitude == 0.023
    assert numbers.value("cost.network.egress_gb").to("USD/GB").magnitude == 0.09
    assert "on-demand" in numbers.entry("cost.compute.vcpu_hour").source


@pytest.mark.parametrize(
    ("call", "parameter", "words"),
    [
        (lambda: numbers.value("latency.zork"), "key", ["'latency.zork'", "latency.disk_seek"]),
        (lambda: numbers.value("zork.x"), "key", ["'zork'", "latency, throughput"]),
        (lambda: numbers.value("nodot"), "key", ["table.name"]),
        (lambda: numbers.value("latency.system_call", "classic"), "key", ["it is in: recent"]),
        (
            lambda: numbers.value("latency.disk_seek", "new"),
            "edition",
            ["'new'", "classic, recent"],
        ),
        (lambda: numbers.editions("zork"), "table", ["'zork'"]),
        (lambda: numbers.use_edition("zork"), "edition", ["'zork'"]),
        (lambda: numbers.compare("latency", "classic", "x"), "b", ["'x'"]),
    ],
)
def test_unknown_names_are_clear_errors(call, parameter, words):
    with pytest.raises(InputError) as info:
        call()
    assert info.value.parameter == parameter
    for word in words:
        assert word in str(info.value)


def test_entries_serialise_to_json_ready_dicts():
    import json

    data = numbers.entry("latency.disk_seek").as_dict()
    assert json.loads(json.dumps(data))["unit"] == "ms"
    assert data["value"] == 10.0
