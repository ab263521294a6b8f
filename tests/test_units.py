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
        ("1157.4 1/s", "1.16K /s"),
    ],
)
def test_writing(quantity, text):
    assert fmt(Q(quantity)) == text


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("5 MB + 3 s", "mixes a data size and a duration"),
        ("3 parsecs of cats", "unknown unit"),
        ("3 +* 4", "cannot read"),
        ("", "is empty"),
    ],
)
def test_bad_text_is_a_clear_error(text, message):
    with pytest.raises(QuantityParseError, match=message):
        Q(text)


def test_a_data_size_is_not_a_count():
    with pytest.raises(Exception, match="information"):
        Q("5 MB").to("")
