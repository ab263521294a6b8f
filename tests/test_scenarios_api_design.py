"""The API-design scenarios: expected answers against hand calculations, and slips caught."""

from __future__ import annotations

import math

import pytest
from seeds import seed_sweep

from tpmprep import scenario

DAY = 86_400.0


def key(sc):
    return {row["answer"]: row["expected"] for row in sc.answer_key()}


def correct(sc, name, value):
    return sc.judge(name, value).correct


def test_payment_methods_seed_1_by_hand():
    sc = scenario("api-design/payment-methods", seed=1)
    # 25M payments/day, 3 calls (3 POSTs), peak 2.5x, 3 kB per key, 3 copies, 2% time out,
    # 2 retries, 50 req/s per merchant, 1,000 requests in 5 s.
    assert sc.payments.magnitude == 25e6 and sc.calls_per_payment.magnitude == 3
    assert sc.writes_per_payment.magnitude == 3 and sc.peak_factor.magnitude == 2.5
    assert sc.record_size.magnitude == 3 and sc.timeout_share.magnitude == 2
    assert sc.retries.magnitude == 2 and sc.rate_limit.magnitude == 50
    assert sc.burst_requests.magnitude == 1000 and sc.burst_seconds.magnitude == 5
    k = key(sc)
    peak = 25e6 * 3 / DAY * 2.5
    assert k["peak_rps"] == pytest.approx(peak)
    assert k["keys_stored"] == pytest.approx(75e6)
    assert k["key_storage"] == pytest.approx(75e6 * 3e3 * 3 / 1e9)  # 675 GB
    assert k["retry_rps"] == pytest.approx(peak * 0.02 * 2)
    assert k["bucket_size"] == pytest.approx(1000 - 50 * 5)


@seed_sweep
def test_payment_methods_rejects_the_classic_slips(seed):
    sc = scenario("api-design/payment-methods", seed=seed)
    k = key(sc)
    # A day taken as 10^5 s is accepted; a forgotten peak factor is not.
    napkin = sc.payments.magnitude * sc.calls_per_payment.magnitude / 1e5
    assert correct(sc, "peak_rps", napkin * sc.peak_factor.magnitude)
    assert not correct(sc, "peak_rps", napkin)
    # Keys stored follow the average rate, not the peak held for a whole day.
    assert not correct(sc, "keys_stored", k["keys_stored"] * sc.peak_factor.magnitude)
    # One copy only, or bits for bytes, is rejected.
    assert not correct(sc, "key_storage", k["key_storage"] / 3)
    assert not correct(sc, "key_storage", k["key_storage"] * 8)
    # A bucket as big as the whole burst (refill forgotten) is rejected; the bucket is positive.
    assert not correct(sc, "bucket_size", sc.burst_requests.magnitude)
    assert k["bucket_size"] > 0


def test_pagination_seed_1_by_hand():
    sc = scenario("api-design/pagination", seed=1)
    # 9M products, 250 a page, 1.5 kB each, 3M rows/s walked, page 7,200.
    assert sc.items.magnitude == 9e6 and sc.page_size.magnitude == 250
    assert sc.item_size.magnitude == 1.5 and sc.scan_rate.magnitude == 3e6
    assert sc.page.magnitude == 7200
    k = key(sc)
    assert k["rows_for_page"] == pytest.approx(7200 * 250)
    assert k["payload_per_page"] == pytest.approx(375)
    assert k["requests"] == 36_000
    rows = 250 * 36_000 * 36_001 / 2
    assert k["rows_full_sync"] == pytest.approx(rows)
    assert k["db_time_full_sync"] == pytest.approx(rows / 3e6 / 3600)
    assert k["last_page_time"] == pytest.approx(3)


@seed_sweep
def test_pagination_accepts_the_squared_shortcut_and_rejects_slips(seed):
    sc = scenario("api-design/pagination", seed=seed)
    k = key(sc)
    items, size = sc.items.magnitude, sc.page_size.magnitude
    pages = math.ceil(items / size)
    assert 1 <= sc.page.magnitude <= pages
    # N^2 / (2 x page size) is the napkin form of the sum; it is accepted.
    assert correct(sc, "rows_full_sync", items**2 / (2 * size))
    # A cursor's cost (every row once) is not the offset answer.
    assert not correct(sc, "rows_full_sync", items)
    assert not correct(sc, "rows_for_page", size)
    # Bits for bytes is rejected.
    assert not correct(sc, "payload_per_page", k["payload_per_page"] * 8)
