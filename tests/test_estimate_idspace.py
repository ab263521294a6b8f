import pytest

from tpmprep.estimate.idspace import (
    collision_probability,
    id_length,
    id_space,
    ids_for_collision_probability,
    random_id_length,
)
from tpmprep.exceptions import CalculationError


def test_id_length_at_the_boundaries():
    assert id_length(62**7) == 7
    assert id_length(62**7 + 1) == 8
    assert id_length(3.5e12, "base62") == 7
    assert id_length(2**32, "hex") == 8
    assert id_length(10**6, 10) == 6
    assert id_length(1) == 1


def test_id_space_is_a_power():
    assert id_space("base62", 7) == 62**7
    assert id_space(2, 128) == 2**128


def test_collision_probability_exact_and_approximate_agree_where_they_meet():
    exact = collision_probability(100_000, 2**40)
    approximate = collision_probability(100_001, 2**40)
    assert approximate == pytest.approx(exact, rel=1e-4)
    assert collision_probability(366, 365) == 1.0
    assert collision_probability(1, 10) == 0.0


def test_ids_for_a_probability_inverts_the_birthday_bound():
    n = ids_for_collision_probability(0.01, 2**64)
    assert collision_probability(int(n), 2**64) == pytest.approx(0.01, rel=1e-6)


@pytest.mark.parametrize(("ids", "alphabet", "target"), [(1e9, "base62", 1e-6), (1e6, "hex", 1e-9)])
def test_random_id_length_is_the_shortest_that_meets_the_target(ids, alphabet, target):
    length = random_id_length(ids, alphabet, target)
    size = {"base62": 62, "hex": 16}[alphabet]
    assert collision_probability(int(ids), size**length) <= target
    assert collision_probability(int(ids), size ** (length - 1)) > target


@pytest.mark.parametrize(
    ("call", "parameter", "words"),
    [
        (lambda: id_length(100, "base63"), "alphabet", "base62"),
        (lambda: id_length(100, 1), "alphabet", "at least 2"),
        (lambda: id_length(0), "ids", "greater than zero"),
        (lambda: collision_probability(10, 0), "space", "greater than zero"),
        (lambda: random_id_length(100, 62, 1), "max_collision_probability", "less than 1"),
        (lambda: id_space(62, 10**6), "length", "at most"),
    ],
)
def test_bad_input_names_the_parameter(call, parameter, words):
    with pytest.raises(CalculationError, match=words) as err:
        call()
    assert err.value.parameter == parameter
