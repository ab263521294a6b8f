"""Reading and writing quantities."""

from __future__ import annotations

import pytest

from tpmprep import Q, fmt
from tpmprep.exceptions import QuantityParseError


@pytest.mark.parametrize(
    ("text", "unit", "value"),
    [
        ("30 TB/day", "TB/day", 30),
        ("3.5K req/s", "req/s", 3500),
        ("150M", "", 150e6),
        ("2B users", "", 2e9),
        ("99.9%", "", 0.999),
        ("1 Gbps", "bit/s", 1e9),
        ("2 KiB", "byte", 2048),
        ("1 Mb", "bit", 1e6),
        ("5 MB", "bit", 40e6),
        ("20M users * 5 / day", "1/s", 20e6 * 5 / 86400),
        ("8 Mbps * 1 hour", "GB", 3.6),
    ],
)
def test_reading(text, unit, value):
    assert Q(text).to(unit).magnitude == pytest.approx(value)


@pytest.mark.parametrize(
    ("quantity", "text"),
    [
        ("3470 req/s", "3.47K req/s"),
        ("5.48e15 B", "5.48 PB"),
        ("8.77 h", "8.77 h"),
        ("999.7 req/s", "1K req/s"),
        ("30 TB/day", "30 TB/day"),
        ("86400 s", "1 day"),
        ("2048 KiB", "2 MiB"),
        ("12e9 bit/s", "12 Gbps"),
        ("99.9%", "99.9%"),
        ("1157.4 1/s", "1.16K/s"),
        ("19 / day", "19/day"),
        ("19 req/day", "19 req/day"),
        ("5 QPS", "5 QPS"),
        ("1234 USD", "1.23K USD"),
        ("3 USD/GB/month * 5 TB", "15K USD/month"),
        ("20% * 50M users", "10M user"),
        ("2**60 B", "1.15 EB"),
        ("1 EiB", "1 EiB"),
        ("1e30", "1e30"),
        ("1e-20 s", "1e-20 s"),
    ],
)
def test_writing(quantity, text):
    assert fmt(Q(quantity)) == text


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("5 MB + 3 s", "cannot add a data size .5 MB. and a duration .3 s. with '\\+' at column 6"),
        ("3 parsecs of cats", "unknown unit 'of' at column 11"),
        ("5 zorks", "unknown unit 'zorks' at column 3"),
        ("3 +* 4", "cannot read '3 \\+\\* 4': '\\*' at column 4"),
        ("5 MB +", "ends after '\\+' .column 6."),
        ("(5 MB", "'\\(' at column 1 is never closed"),
        ("5 MB)", "unmatched '\\)' at column 5"),
        (
            "2 * (3 s + 4 GB)",
            "cannot add a duration .3 s. and a data size .4 GB. with '\\+' at column 10",
        ),
        ("", "is empty"),
    ],
)
def test_bad_text_is_a_clear_error(text, message):
    with pytest.raises(QuantityParseError, match=message):
        Q(text)


def test_a_data_size_is_not_a_count():
    with pytest.raises(Exception, match="information"):
        Q("5 MB").to("")


@pytest.mark.parametrize(
    ("text", "unit", "value"),
    [
        ("3.5K", "", 3.5e3),
        ("150M", "", 150e6),
        ("2B", "", 2e9),
        ("1T", "", 1e12),
        ("1 MB", "byte", 1e6),
        ("1 Mb", "byte", 1e6 / 8),
        ("1 MiB", "byte", 2**20),
        ("1 KB", "byte", 1e3),
        ("1 Kbps", "bit/s", 1e3),
        ("1 TB", "GB", 1e3),
        ("2 TiB", "GiB", 2048),
        ("5 QPS", "req/s", 5),
        ("5 RPS", "1/s", 5),
        ("3 us", "ns", 3e3),
        ("20% * 50M users", "", 10e6),
        ("(2 + 3) ** 2 * 1 KB", "byte", 25e3),
        ("2 ^ 10", "", 1024),
        ("1 month", "day", 365.25 / 12),
        ("0.0504 USD/vCPU/hour * 20 vCPU * 1 month", "USD", 0.0504 * 20 * 730.5),
    ],
)
def test_reading_more(text, unit, value):
    assert Q(text).to(unit).magnitude == pytest.approx(value)


def test_suffixes_do_not_eat_units():
    """Is 5B five billion but 5 B five bytes, and MB a megabyte, not a million bytes?"""
    assert Q("5B").dimensionless
    assert Q("5 B").to("bit").magnitude == 40
    assert str(Q("3 MB").dimensionality) == "[information]"


@pytest.mark.parametrize(
    "text",
    [
        "3470 req/s",
        "5.48e15 B",
        "8.77 h",
        "30 TB/day",
        "19/day",
        "1157.4 1/s",
        "99.9%",
        "12e9 bit/s",
        "2048 KiB",
        "1234 USD",
        "0.09 USD/GB",
        "5 QPS",
        "7 KB",
    ],
)
def test_what_fmt_writes_q_reads_back(text):
    """Can a candidate paste fmt's output back into Q (to 3 significant digits)?"""
    q = Q(text)
    back = Q(fmt(q))
    assert back.dimensionality == q.dimensionality
    assert back.to(q.units).magnitude == pytest.approx(q.magnitude, rel=5e-3)


def test_import_tpmprep_units_alone_does_not_load_pint():
    import subprocess
    import sys

    code = "import sys, tpmprep, tpmprep.numbers; print('pint' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize(
    ("text", "unit", "value"),
    [
        ("1B req / 30 day", "req/s", 1e9 / (30 * 86400)),
        ("5 MB / 2 s", "MB/s", 2.5),
        ("1 / 2 s", "1/s", 0.5),
        ("5 MB / 2 s * 3", "MB/s", 7.5),
        ("20M users * 5 / day", "1/day", 100e6),
        ("3 m / s ** 2", "m/s**2", 3),
        ("USD/GB/month", "USD/GB/month", 1),
    ],
)
def test_neighbours_bind_tighter_than_division(text, unit, value):
    """Is "1B req / 30 day" per 30 days (as on paper), not (1B req / 30) x day as pint reads it?"""
    assert Q(text).to(unit).magnitude == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "shown"),
    [("3.6 Gb", "450 MB"), ("8 Gb", "1 GB"), ("2 Gib", "256 MiB"), ("16 Mb", "2 MB")],
)
def test_bit_sizes_are_data_sizes_and_display_in_the_right_prefix_family(text, shown):
    """Is "Gb" a gigabit (pint alone reads a gilbert) and is a gigabit never shown in MiB?"""
    assert Q(text).dimensionality == Q("1 B").dimensionality
    assert fmt(Q(text)) == shown


@pytest.mark.parametrize(
    "text, shown",
    [
        ("99.95 percent", "99.95%"),
        ("99.99 percent", "99.99%"),
        ("99.999 percent", "99.999%"),
        ("99.9 percent", "99.9%"),
        ("99.5 percent", "99.5%"),
        ("99 percent", "99%"),
        ("100 percent", "100%"),
        ("42.123 percent", "42.1%"),
    ],
)
def test_availabilities_just_under_100_percent_keep_their_nines(text, shown):
    assert fmt(Q(text)) == shown


@pytest.mark.parametrize(
    "text, shown", [("10.5 month", "10.5 months"), ("1 month", "1 month"), ("3 week", "3 weeks")]
)
def test_months_and_weeks_stay_in_the_unit_they_were_given(text, shown):
    assert fmt(Q(text)) == shown
    assert Q(shown) == Q(text)
