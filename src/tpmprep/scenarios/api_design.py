"""Scenarios for the API design exercises."""

from __future__ import annotations

import math
import random

from tpmprep.judging import Tolerance
from tpmprep.scenarios.base import Answer, Given, Scenario, register
from tpmprep.units import Q

# Rates converted with a day of 10^5 s come out 14% low; ±25% accepts that and rejects a
# forgotten peak factor (≥ 50% off), a forgotten copy count (×3) or a bits/bytes slip (×8).
NAPKIN = Tolerance(rel=0.25)
# Products of the givens with no napkin step: ±15% rejects every slip named above.
PRODUCT = Tolerance(rel=0.15)
EXACT = Tolerance(rel=0.05)


@register
class PaymentMethods(Scenario):
    """A payments API adds local payment methods: rates, idempotency keys, retries, rate limits."""

    id = "api-design/payment-methods"
    title = "Paystream adds local payment methods: idempotency keys, retries and rate limits"
    story = """
Paystream is a payments API (think Stripe) that is adding local payment methods (bank
redirects, wallets, real-time bank transfers) in new countries. After launch it expects payments
at **{payments}**, and each payment makes **{calls_per_payment}** to the API, of which
**{writes_per_payment}** are POSTs that carry an `Idempotency-Key` header. Traffic peaks at
**{peak_factor}×** the daily average. Like Stripe, Paystream keeps every idempotency key with
its request fingerprint and saved response for **{retention}** (Stripe's documentation says keys
may be pruned once they are at least 24 hours old); a stored key takes **{record_size}**, and
the store keeps **{copies}** copies. In a bad incident **{timeout_share}** of calls time out,
and client libraries retry a timed-out call up to **{retries}** more times. Each merchant is
rate-limited to **{rate_limit}** with a token bucket; a large merchant's flash sale sends
**{burst_requests}** within **{burst_seconds}**.
"""

    def draw(self, rng: random.Random) -> dict[str, Given]:
        """Draw this candidate's numbers."""
        rate = rng.choice([25, 40, 50, 80])
        seconds = rng.choice([5, 15, 20])
        multiple = rng.choice([2.5, 3, 4, 5])
        return {
            "payments": Given(
                "Payments per day", Q(rng.choice([15, 25, 40, 55, 70]) * 1e6, "1/day")
            ),
            "calls_per_payment": Given("API calls per payment", Q(rng.choice([3, 4, 5]), "req")),
            "writes_per_payment": Given(
                "POSTs with an idempotency key per payment", Q(rng.choice([2, 3]))
            ),
            "peak_factor": Given("Peak-to-average ratio", Q(rng.choice([2, 2.5, 3]))),
            "retention": Given("Idempotency-key retention", Q(24, "hour")),
            "record_size": Given(
                "Stored size of one key (key, fingerprint, response)",
                Q(rng.choice([1.5, 2, 3, 4]), "kB"),
            ),
            "copies": Given("Copies of the key store", Q(3)),
            "timeout_share": Given(
                "Share of calls that time out in an incident",
                Q(rng.choice([1, 2, 4, 5]), "percent"),
            ),
            "retries": Given(
                "Retries per timed-out call (after the first try)", Q(rng.choice([2, 3, 5]))
            ),
            "rate_limit": Given("Rate limit per merchant (token refill rate)", Q(rate, "req/s")),
            "burst_requests": Given(
                "Requests in the flash-sale burst", Q(round(rate * seconds * multiple), "req")
            ),
            "burst_seconds": Given("Length of the burst", Q(seconds, "s")),
        }

    def compute(self) -> dict[str, Answer]:
        """Compute the expected answers from the numbers."""
        peak_rps = (self.payments * self.calls_per_payment * self.peak_factor).to("req/s")
        keys = (self.payments * self.writes_per_payment * self.retention).to("")
        storage = (keys * self.record_size * self.copies).to("GB")
        retry_rps = (peak_rps * self.timeout_share.to("") * self.retries).to("req/s")
        bucket = (self.burst_requests - self.rate_limit * self.burst_seconds).to("req")
        return {
            "peak_rps": Answer("Peak API requests per second", peak_rps, "req/s", NAPKIN),
            "keys_stored": Answer("Idempotency keys held at any time", keys, "", PRODUCT),
            "key_storage": Answer("Key-store size, all copies", storage, "GB", PRODUCT),
            "retry_rps": Answer(
                "Extra requests per second from retries at peak, worst case",
                retry_rps,
                "req/s",
                NAPKIN,
            ),
            "bucket_size": Answer(
                "Token-bucket size that absorbs the burst with no rejections", bucket, "req", EXACT
            ),
        }


@register
class Pagination(Scenario):
    """The cost of offset against cursor pagination for a partner syncing a catalogue."""

    id = "api-design/pagination"
    title = "Shelfwise catalogue API: what offset pagination costs a full sync"
    story = """
Shelfwise sells through partner marketplaces, which copy its product catalogue of **{items}**
through `GET /v1/products`. A page holds **{page_size}** products, and a product serialises to
**{item_size}** of JSON. Today the API pages with `?offset=&limit=` over an index; to skip
`offset` rows the database still walks them, at about **{scan_rate}**. A partner's nightly job
has just asked for page **{page}** (pages are numbered from 1).
"""

    def draw(self, rng: random.Random) -> dict[str, Given]:
        """Draw this candidate's numbers."""
        items = rng.choice([2.5, 4, 6, 9, 15]) * 1e6
        page_size = rng.choice([50, 200, 250, 500])
        pages = math.ceil(items / page_size)
        page = round(pages * rng.choice([0.2, 0.4, 0.5, 0.8]) / 10) * 10
        return {
            "items": Given("Products in the catalogue", Q(items, "item")),
            "page_size": Given("Products per page", Q(page_size, "item")),
            "item_size": Given(
                "JSON size of one product", Q(rng.choice([0.8, 1.2, 1.5, 2.5]), "kB/item")
            ),
            "scan_rate": Given(
                "Rows the database walks per second", Q(rng.choice([2, 3, 5]) * 1e6, "item/s")
            ),
            "page": Given("Page the partner asked for", Q(page)),
        }

    def compute(self) -> dict[str, Answer]:
        """Compute the expected answers from the numbers."""
        pages = math.ceil((self.items / self.page_size).to("").magnitude - 1e-9)
        rows_page = (self.page * self.page_size).to("item")
        payload = (self.page_size * self.item_size).to("kB")
        rows_sync = (self.page_size * pages * (pages + 1) / 2).to("item")
        db_time = (rows_sync / self.scan_rate).to("hour")
        last_page = (self.items / self.scan_rate).to("s")
        return {
            "rows_for_page": Answer(
                "Rows the database reads to serve that page (offset)", rows_page, "item", EXACT
            ),
            "payload_per_page": Answer("Payload of one page", payload, "kB", EXACT),
            "requests": Answer("Requests for a full sync", Q(pages), "", Tolerance(rel=0.02)),
            "rows_full_sync": Answer(
                "Rows read by a full sync with offset pagination",
                rows_sync,
                "item",
                Tolerance(rel=0.10),
            ),
            "db_time_full_sync": Answer(
                "Database time for a full sync with offset pagination",
                db_time,
                "hour",
                Tolerance(rel=0.10),
            ),
            "last_page_time": Answer(
                "Time to serve the last page with offset pagination",
                last_page,
                "s",
                Tolerance(rel=0.10),
            ),
        }
