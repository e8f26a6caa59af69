import pytest

from festarchive.core.numbers import parse_int
from festarchive.testing.hostile import ODD_NUMBERS


@pytest.mark.parametrize(
    ("value", "number"),
    [("0", 0), ("7", 7), ("007", 7), ("1990", 1990), ("9" * 18, int("9" * 18))],
)
def test_ascii_digits_are_a_number(value, number):
    assert parse_int(value) == number


@pytest.mark.parametrize(
    "value",
    [*ODD_NUMBERS, None, "", " 5", "5 ", "+5", "-5", "5.0", "5_000", "1e3", "0x1f"]
    + ["9" * 19, "٥", "５", "²"],
)
def test_anything_else_is_none(value):
    assert parse_int(value) is None


def test_bounds_are_inclusive_and_a_number_outside_them_is_none():
    assert parse_int("1", low=1, high=3) == 1
    assert parse_int("3", low=1, high=3) == 3
    assert parse_int("0", low=1) is None
    assert parse_int("4", high=3) is None
