"""The shipped question banks and flashcard deck: counts, unique ids, answers that parse and fit.

These tests read the YAML with plain ``yaml.safe_load`` so they check the content on their own,
independently of the quiz engine's loader. Each file is parsed once per session (the tests only
read the parsed data).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
import yaml

import tpmprep
from tpmprep import Q
from tpmprep.themes import by_slug

BANKS = Path(tpmprep.__file__).parent / "banks"
NOT_QUESTION_BANKS = {"flashcards.yaml", "mocks.yaml"}
BIG_THEMES = {"scalability", "caching", "load-balancing", "api-design", "program-leadership"}
OTHER_THEMES = {
    "estimation",
    "data-at-scale",
    "metrics-experimentation",
    "program-execution",
    "reliability-security-operations",
    "working-backwards-stakeholders",
    "behavioural",
    "design-studio",
}
ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _bank_files() -> list[Path]:
    return sorted(p for p in BANKS.glob("*.yaml") if p.name not in NOT_QUESTION_BANKS)


@functools.cache
def _banks() -> dict[str, dict]:
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in _bank_files()}


def _questions() -> list[dict]:
    return [q for bank in _banks().values() for q in bank["questions"]]


@functools.cache
def _cards() -> list[dict]:
    return yaml.safe_load((BANKS / "flashcards.yaml").read_text(encoding="utf-8"))["cards"]


def _by_id(question_id: str) -> dict:
    (question,) = [q for q in _questions() if q["id"] == question_id]
    return question


def test_each_bank_file_is_named_after_its_theme():
    banks = _banks()
    assert banks, f"no question banks found in {BANKS}"
    for stem, bank in banks.items():
        assert bank["theme"] == stem
        assert bank["theme"] in by_slug()


@pytest.mark.parametrize("theme", sorted(BIG_THEMES))
def test_big_themes_have_at_least_20_questions(theme):
    assert len(_banks()[theme]["questions"]) >= 20


@pytest.mark.parametrize("theme", sorted(OTHER_THEMES))
def test_other_themes_have_at_least_10_questions(theme):
    assert len(_banks()[theme]["questions"]) >= 10


def test_ids_are_well_formed_and_unique_across_banks_and_cards():
    ids = [q["id"] for q in _questions()] + [c["id"] for c in _cards()]
    assert all(ID.match(i) for i in ids), [i for i in ids if not ID.match(i)]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert duplicates == []


def test_every_question_has_the_required_fields_and_no_unknown_ones():
    allowed = {
        "id", "level", "type", "prompt", "choices", "answer", "tolerance", "factor", "rubric",
        "explanation", "source",
    }  # fmt: skip
    for q in _questions():
        assert set(q) <= allowed, (q["id"], set(q) - allowed)
        assert q["level"] in {"basic", "intermediate", "advanced"}, q["id"]
        assert q["type"] in {"single", "multiple", "numeric", "estimate", "ordering", "text"}
        assert q["prompt"].strip() and q["explanation"].strip(), q["id"]


def test_single_choice_answers_are_indices_in_range():
    singles = [q for q in _questions() if q["type"] == "single"]
    assert singles
    for q in singles:
        assert 2 <= len(q["choices"]) <= 6, q["id"]
        assert len(set(q["choices"])) == len(q["choices"]), q["id"]
        assert isinstance(q["answer"], int) and not isinstance(q["answer"], bool), q["id"]
        assert 0 <= q["answer"] < len(q["choices"]), q["id"]


def test_multiple_choice_answers_are_distinct_indices_in_range():
    for q in (q for q in _questions() if q["type"] == "multiple"):
        answer = q["answer"]
        assert answer and len(set(answer)) == len(answer), q["id"]
        assert all(0 <= i < len(q["choices"]) for i in answer), q["id"]


def test_numeric_and_estimate_answers_parse_and_have_a_source():
    quantitative = [q for q in _questions() if q["type"] in {"numeric", "estimate"}]
    assert len(quantitative) >= 20
    for q in quantitative:
        Q(str(q["answer"]))  # raises if the answer does not parse
        assert q.get("source", "").strip(), f"{q['id']} states a number but has no source"


def test_ordering_and_text_questions_are_well_formed():
    for q in _questions():
        if q["type"] == "ordering":
            assert len(q["answer"]) >= 3 and len(set(q["answer"])) == len(q["answer"]), q["id"]
        if q["type"] == "text":
            assert 3 <= len(q["rubric"]) <= 6, q["id"]


def test_every_theme_mixes_types_and_has_a_text_question():
    for stem, bank in _banks().items():
        types = {q["type"] for q in bank["questions"]}
        assert "text" in types, stem
        assert len(types) >= 4, (stem, types)


@pytest.mark.parametrize(
    ("question_id", "expected"),
    [
        ("rso-error-budget-minutes", (1 - 0.999) * Q("30 day")),
        ("est-nines-per-year", (1 - 0.9999) * Q("365 day")),
        ("est-qps-from-dau", Q("100M") * 10 / Q("1 day")),
        ("scal-backlog-drain-time", (Q("1200 / s") - Q("1000 / s")) * Q("1 hour") / Q("300 / s")),
        ("scal-littles-law-inflight", Q("2000 / s") * Q("150 ms")),
        ("caching-mean-latency", 0.9 * Q("1 ms") + 0.1 * Q("21 ms")),
        ("metrics-sample-size", 16 * 0.05 * 0.95 / 0.005**2 * Q("1 user")),
        ("metrics-multiple-comparisons", (1 - 0.95**20) * Q("100 %")),
        ("rso-serial-availability", 0.999**3 * Q("100 %")),
        ("lb-consistent-hash-add-node", Q("100 %") / 11),
        ("api-token-bucket-burst", Q("100") + 10 * 10),
    ],
)
def test_numeric_answers_match_the_arithmetic_in_their_explanations(question_id, expected):
    q = _by_id(question_id)
    given = Q(q["answer"])
    tolerance = q.get("tolerance", 0.02)
    assert given.to(expected.units).magnitude == pytest.approx(
        expected.magnitude, rel=max(tolerance, 1e-9)
    )


def test_the_deck_has_at_least_60_well_formed_cards():
    cards = _cards()
    assert len(cards) >= 60
    for card in cards:
        assert set(card) <= {"id", "theme", "front", "back", "source", "level"}, card["id"]
        assert card["theme"] in by_slug(), card["id"]
        assert card["front"].strip() and card["back"].strip(), card["id"]


def test_every_card_that_states_a_number_has_a_source():
    missing = [
        c["id"]
        for c in _cards()
        if re.search(r"\d", c["front"] + c["back"]) and not c.get("source", "").strip()
    ]
    assert missing == []


@pytest.mark.parametrize(
    ("card_id", "availability", "period", "expected"),
    [
        ("card-nines-three", 0.999, "30 day", "43.2 minutes"),
        ("card-nines-four", 0.9999, "365 day", "52.6 minutes"),
        ("card-nines-two", 0.99, "365 day", "3.65 days"),
        ("card-nines-three-five", 0.9995, "30 day", "21.6 minutes"),
    ],
)
def test_availability_cards_state_the_computed_downtime(card_id, availability, period, expected):
    (card,) = [c for c in _cards() if c["id"] == card_id]
    assert expected in card["back"]
    number, unit = expected.split()
    computed = ((1 - availability) * Q(period)).to(unit.rstrip("s"))
    assert computed.magnitude == pytest.approx(float(number), rel=0.005)
