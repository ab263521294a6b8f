"""Scenarios for the Working backwards and stakeholders exercises."""

from __future__ import annotations

import random
from typing import Any

from tpmprep.judging import Tolerance
from tpmprep.scenarios.base import Answer, Given, Scenario, redraw, register
from tpmprep.units import Q

# Business-case arithmetic is exact once the method is right; ±5% absorbs rounding of
# intermediate steps (a month as 1/12 of a year, rounded revenue) and rejects the slips the
# exercise warns about: a relative uplift read as percentage points (1 / baseline conversion,
# 24 to 45 times too many orders), revenue used instead of contribution (a payback 6 or more times
# too short) and a forgotten running cost (at least 10% off: ``draw`` makes sure of it).
EXACT = Tolerance(rel=0.05)


@register
class BuyNowPrfaq(Scenario):
    """Amazon-style "Buy Now": the business case behind a PR/FAQ's internal FAQ."""

    id = "working-backwards-stakeholders/buy-now-prfaq"
    title = "Buy Now: the numbers behind a PR/FAQ"
    story = """
You are the TPM drafting the PR/FAQ for **Buy Now**, a button on the product page that places an
order with the customer's saved address and payment method in one click, skipping the cart and the
checkout pages. The internal FAQ must answer "is it worth it?".

The store has **{active_customers}** active customers a year; **{eligible_share}** of them have both
a saved address and a saved card, so they can use Buy Now. An eligible customer views
**{product_views}** product pages a year, and **{baseline_conversion}** of product-page views end in
an order today. The experiment on a small slice showed Buy Now raises that conversion by
**{uplift}** (relative: 3% becomes 3% × (1 + uplift)). The average order is **{order_value}**, and
the contribution margin (what an order leaves after product, shipping and payment costs) is
**{margin}**.

Building it takes **{engineers}** engineers for **{build_months}** at a fully loaded cost of
**{engineer_cost}** each; running it (on-call, fraud review, infrastructure) costs
**{running_cost}**.
"""

    def draw(self, rng: random.Random) -> dict[str, Given]:
        """Draw this candidate's numbers.

        Redrawn until break-even adoption is 10-95% and the running cost is at least 10% of the
        contribution, so that forgetting it moves the payback by more than the tolerance.
        """
        def accept(v: dict[str, Any]) -> bool:
            contribution, _, investment = self._economics(v)
            year = Q(1, "year")
            adoption = ((investment + v["running_cost"] * year) / (contribution * year)).to("")
            running_share = (v["running_cost"] / contribution).to("").magnitude
            return 0.1 <= running_share < 1 and 0.1 <= adoption.magnitude <= 0.95

        return redraw(rng, self._draw_once, accept, "gave a sensible break-even")

    @staticmethod
    def _draw_once(rng: random.Random) -> dict[str, Given]:
        return {
            "active_customers": Given(
                "Active customers per year", Q(rng.choice([6, 8, 11, 14, 18, 24]) * 1e6)
            ),
            "eligible_share": Given(
                "Share with a saved address and card", Q(rng.choice([40, 45, 55, 65]), "percent")
            ),
            "product_views": Given(
                "Product-page views per eligible customer per year",
                Q(rng.choice([14, 18, 22, 26, 34]), "1/year"),
            ),
            "baseline_conversion": Given(
                "Product-page views that end in an order today",
                Q(rng.choice([2.2, 2.6, 3.1, 3.5, 4.2]), "percent"),
            ),
            "uplift": Given(
                "Relative conversion uplift from Buy Now", Q(rng.choice([3, 4, 5, 7, 9]), "percent")
            ),
            "order_value": Given("Average order value", Q(rng.choice([28, 34, 41, 47, 53]), "USD")),
            "margin": Given(
                "Contribution margin per order", Q(rng.choice([9, 11, 14, 17]), "percent")
            ),
            "engineers": Given("Engineers on the build", Q(rng.choice([9, 11, 13, 17, 21]))),
            "build_months": Given("Build time", Q(rng.choice([5, 7, 9, 11]), "month")),
            "engineer_cost": Given(
                "Fully loaded cost per engineer",
                Q(rng.choice([220, 260, 290, 340]) * 1e3, "USD/year"),
            ),
            "running_cost": Given(
                "Running cost", Q(rng.choice([0.3, 0.45, 0.65, 0.8]) * 1e6, "USD/year")
            ),
        }

    @staticmethod
    def _economics(v):
        addressable = (v["active_customers"] * v["eligible_share"]).to("")
        orders = (addressable * v["product_views"] * v["baseline_conversion"] * v["uplift"]).to(
            "1/year"
        )
        contribution = (orders * v["order_value"] * v["margin"]).to("USD/year")
        investment = (v["engineers"] * v["build_months"] * v["engineer_cost"]).to("USD")
        return contribution, orders, investment

    def compute(self) -> dict[str, Answer]:
        """Compute the expected answers from the numbers."""
        v = {k: g.value for k, g in self.givens.items()}
        contribution, orders, investment = self._economics(v)
        addressable = (self.active_customers * self.eligible_share).to("")
        revenue = (orders * self.order_value).to("USD/year")
        net = contribution - self.running_cost
        payback = (investment / net).to("month")
        year = Q(1, "year")
        adoption = ((investment + self.running_cost * year) / (contribution * year)).to("percent")
        return {
            "addressable_customers": Answer(
                "Customers who can use Buy Now", addressable, "", EXACT
            ),
            "incremental_orders": Answer("Incremental orders per year", orders, "1/year", EXACT),
            "incremental_revenue": Answer(
                "Incremental revenue per year", revenue, "USD/year", EXACT
            ),
            "investment": Answer("Engineering investment", investment, "USD", EXACT),
            "payback_months": Answer(
                "Payback period of the investment (net of running cost)", payback, "month", EXACT
            ),
            "break_even_adoption": Answer(
                "Adoption needed to pay back within the first year",
                adoption,
                "percent",
                EXACT,
            ),
        }


#: Candidate payment methods: name, where it matters. Reach and the other inputs come from the seed.
METHODS = (
    ("Pix", "Brazil's instant payments"),
    ("UPI", "India's instant payments"),
    ("iDEAL", "Dutch bank transfers"),
    ("SEPA Direct Debit", "euro-area recurring billing"),
    ("Klarna", "buy now, pay later"),
)
IMPACTS = (0.5, 1, 2, 3)
CONFIDENCES = (50, 80, 100)


@register
class PaymentMethods(Scenario):
    """Stripe-like payments platform: ranking new payment methods with RICE."""

    id = "working-backwards-stakeholders/payment-methods"
    title = "Which payment method next? Turning a stakeholder debate into a RICE ranking"
    story = """
You are the TPM for a payments platform (think Stripe) that can add one new local payment method
per quarter. Sales wants Klarna for its largest merchants, the Brazil team wants Pix, the India
team UPI; everyone has a spreadsheet. You agree with them on RICE (reach × impact × confidence ÷
effort, Intercom's scoring): **reach** is checkouts a quarter that would offer the method,
**impact** is on Intercom's scale (3 massive, 2 high, 1 medium, 0.5 low, 0.25 minimal),
**confidence** is how sure you are of the estimates (100% high, 80% medium, 50% low), and
**effort** is person-months. The table of inputs is in `sc.candidates` (a list of dicts, ready
for `tpmprep.plan.prioritise.rice`).

Finance adds: of the checkouts that offer the new method, **{win_rate}** become payments that
would otherwise have been lost (new payments), and each new payment earns **{fee_per_payment}**
in fees. Klarna's effort estimate came from the team that would build it.
"""

    def draw(self, rng: random.Random) -> dict[str, Given]:
        """Draw the inputs; redrawn until first and second place are 8-60% apart.

        Below 8%, dividing the gap by the first score instead of the second (a classic slip)
        would land within the 5% tolerance.
        """
        from tpmprep.plan.prioritise import rice

        def accept(v: dict[str, Any]) -> bool:
            table = rice(self._items(v))
            first, second = (r["score"] for r in table.rows()[:2])
            return 1.08 <= first / second <= 1.6

        return redraw(rng, self._draw_once, accept, "separated first and second")

    @staticmethod
    def _draw_once(rng: random.Random) -> dict[str, Given]:
        givens: dict[str, Given] = {}
        for key, (name, _) in zip(("a", "b", "c", "d", "e"), METHODS, strict=True):
            givens[f"reach_{key}"] = Given(
                f"{name}: reach (checkouts per quarter)", Q(rng.randrange(2, 60) * 50e3)
            )
            givens[f"impact_{key}"] = Given(f"{name}: impact", Q(rng.choice(IMPACTS)))
            givens[f"confidence_{key}"] = Given(
                f"{name}: confidence", Q(rng.choice(CONFIDENCES), "percent")
            )
            givens[f"effort_{key}"] = Given(
                f"{name}: effort (person-months)", Q(rng.choice([2, 3, 4, 5, 6, 8, 10]))
            )
        givens["win_rate"] = Given(
            "Share of reach won as new payments", Q(rng.choice([1.5, 2, 2.5, 3.5]), "percent")
        )
        givens["fee_per_payment"] = Given(
            "Fees earned per new payment", Q(rng.choice([0.9, 1.2, 1.6, 2.1]), "USD")
        )
        return givens

    @staticmethod
    def _items(v: dict[str, Any]) -> list[dict]:
        items = []
        for key, (name, _) in zip(("a", "b", "c", "d", "e"), METHODS, strict=True):
            items.append(
                {
                    "name": name,
                    "reach": v[f"reach_{key}"].magnitude,
                    "impact": v[f"impact_{key}"].magnitude,
                    "confidence": v[f"confidence_{key}"].to("").magnitude,
                    "effort": v[f"effort_{key}"].magnitude,
                }
            )
        return items

    @property
    def candidates(self) -> list[dict]:
        """The RICE inputs of the five candidate methods, as plain dicts."""
        return self._items({k: g.value for k, g in self.givens.items()})

    def compute(self) -> dict[str, Answer]:
        """Compute the expected answers with ``tpmprep.plan.prioritise.rice``."""
        from tpmprep.plan.prioritise import rice

        items = self.candidates
        rows = rice(items).rows()
        first, second = rows[0], rows[1]
        margin = Q((first["score"] / second["score"] - 1) * 100, "percent")
        klarna_rank = next(r["rank"] for r in rows if r["name"] == "Klarna")
        # Effort at which the leader's score falls to the runner-up's: effort × s1 / s2.
        break_even_effort = Q(first["effort"] * first["score"] / second["score"])
        weekly_payments = Q(first["reach"]) / Q(13, "week") * self.win_rate
        cost_of_delay = (weekly_payments * self.fee_per_payment).to("USD/week")
        return {
            "top_score": Answer(
                "Highest RICE score (checkouts per quarter per person-month)",
                Q(first["score"]),
                "",
                Tolerance(rel=0.05),  # "about 200K" for 205K; confidence as 80, not 0.8, is ×100
            ),
            "margin_percent": Answer(
                "How much higher the first score is than the second",
                margin,
                "percent",
                Tolerance(rel=0.05),
            ),
            "klarna_rank": Answer(
                "Klarna's rank (1 = first)", Q(klarna_rank), "", Tolerance(rel=0)
            ),
            "break_even_effort": Answer(
                "Effort (person-months) at which the leader ties with second place",
                break_even_effort,
                "",
                Tolerance(rel=0.03),
            ),
            "cost_of_delay": Answer(
                "Fees lost per week the leader is delayed", cost_of_delay, "USD/week", EXACT
            ),
        }
