"""Working-backwards scenarios: the answer keys against hand calculations."""

from __future__ import annotations

import pytest
from seeds import seed_sweep

from tpmprep import scenario
from tpmprep.plan.prioritise import rice

BUY_NOW = "working-backwards-stakeholders/buy-now-prfaq"
PAYMENTS = "working-backwards-stakeholders/payment-methods"


def key(sc):
    return {r["answer"]: r["expected"] for r in sc.answer_key()}


def test_buy_now_against_a_hand_calculation():
    sc = scenario(BUY_NOW, seed=1)
    # Seed 1: 24M customers, 45% eligible, 26 views/yr, 2.2% conversion, +3% relative,
    # $53 orders, 17% margin, 11 engineers × 5 months × $260K/yr, $300K/yr to run.
    k = key(sc)
    assert k["addressable_customers"] == pytest.approx(10.8e6)
    assert k["incremental_orders"] == pytest.approx(185_328)
    assert k["incremental_revenue"] == pytest.approx(9_822_384)
    assert k["investment"] == pytest.approx(1_191_666.67, rel=1e-6)
    contribution = 9_822_384 * 0.17
    assert k["payback_months"] == pytest.approx(1_191_666.67 / (contribution - 300_000) * 12)
    assert k["break_even_adoption"] == pytest.approx(100 * (1_191_666.67 + 300_000) / contribution)


def test_buy_now_rejects_the_classic_slips():
    sc = scenario(BUY_NOW, seed=1)
    a = sc.answers
    orders = a["incremental_orders"].quantity.magnitude
    # Uplift read as percentage points (2.2% -> 5.2%) instead of relative (2.2% -> 2.266%).
    assert not sc.judge("incremental_orders", orders / 0.022).correct
    # Payback computed on revenue instead of contribution margin.
    payback_on_revenue = 1_191_666.67 / (9_822_384 - 300_000) * 12
    assert not sc.judge("payback_months", payback_on_revenue).correct
    # Running cost forgotten.
    assert not sc.judge("payback_months", 1_191_666.67 / (9_822_384 * 0.17) * 12).correct


@seed_sweep
def test_buy_now_break_even_is_a_real_question(seed):
    sc = scenario(BUY_NOW, seed=seed)
    k = key(sc)
    assert 10 <= k["break_even_adoption"] <= 95
    # Forgetting the running cost is rejected for every seed, not only seed 1.
    contribution = k["incremental_revenue"] * sc.margin.to("").magnitude
    assert not sc.judge("payback_months", k["investment"] / contribution * 12).correct
    assert not sc.judge("break_even_adoption", 100 * k["investment"] / contribution).correct


def test_payment_methods_against_a_hand_calculation():
    sc = scenario(PAYMENTS, seed=1)
    # Seed 1 RICE: Pix 2.65M×0.5×0.8/5 = 212,000; UPI 2.95M×1×0.5/5 = 295,000;
    # iDEAL 250K×2×0.8/3 = 133,333; SEPA 2.9M×0.5×1/4 = 362,500; Klarna 2M×1×0.8/3 = 533,333.
    k = key(sc)
    assert k["top_score"] == pytest.approx(2e6 * 0.8 / 3)
    assert k["margin_percent"] == pytest.approx((533_333.33 / 362_500 - 1) * 100, rel=1e-6)
    assert k["klarna_rank"] == 1
    assert k["break_even_effort"] == pytest.approx(3 * 533_333.33 / 362_500, rel=1e-6)
    assert k["cost_of_delay"] == pytest.approx(2e6 / 13 * 0.02 * 1.6)


@seed_sweep
def test_payment_methods_leader_is_clear_but_not_runaway(seed):
    sc = scenario(PAYMENTS, seed=seed)
    rows = rice(sc.candidates).rows()
    assert 1.08 <= rows[0]["score"] / rows[1]["score"] <= 1.6
    # The gap divided by the first score instead of the second is rejected.
    slip = 100 * (1 - rows[1]["score"] / rows[0]["score"])
    assert not sc.judge("margin_percent", slip).correct
    # At the break-even effort the leader ties with the runner-up.
    leader = dict(rows[0], effort=key(sc)["break_even_effort"])
    tie = rice([leader, rows[1]]).rows()
    assert tie[0]["score"] == pytest.approx(tie[1]["score"])
