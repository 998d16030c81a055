"""LEI (ISO 17442): 18 alphanumerics + 2 MOD 97-10 check digits."""

from __future__ import annotations

import pytest

from finmsg.standards import lei
from finmsg.standards.exceptions import InvalidChecksum, InvalidFormat, InvalidIdentifier, InvalidLength

from .conftest import mod97

VALID = [
    "5493001KJTIIGC8Y1R12",
    "7LTWFZYICNSX8D621K86",
    "HWUPKR0MPOU8FGXBT394",
    "529900T8BM49AURSDO55",
]


@pytest.mark.parametrize("value", VALID)
def test_valid(value: str) -> None:
    assert lei.validate(value) == value
    assert lei.validate(value.lower()) == value
    assert lei.is_valid(value)
    assert mod97(value) == 1  # fixture sanity, independent of the code under test


@pytest.mark.parametrize(
    "value, error",
    [
        ("5493001KJTIIGC8Y1R1", InvalidLength),
        ("5493001KJTIIGC8Y1R123", InvalidLength),
        ("", InvalidLength),
        ("5493001KJTIIGC8Y1RAB", InvalidFormat),  # check digits must be digits
        ("5493001KJTIIGC8Y1_12", InvalidFormat),
        ("5493001KJTIIGC8Y1R13", InvalidChecksum),
        ("5493001KJTIIGC8Y1S12", InvalidChecksum),
    ],
)
def test_invalid(value: str, error: type[InvalidIdentifier]) -> None:
    with pytest.raises(error) as info:
        lei.validate(value)
    assert info.value.code == f"standards.lei.{error.kind}"
    assert not lei.is_valid(value)


def test_check_digits_outside_02_98_are_rejected() -> None:
    # Find a base whose check digits are 98; then "01" passes the bare remainder test.
    for n in range(100_000):
        base = f"529900{n:012d}"
        if 98 - mod97(base + "00") == 98:
            break
    assert mod97(base + "01") == 1
    assert lei.is_valid(base + "98")
    with pytest.raises(InvalidChecksum):
        lei.validate(base + "01")


def test_calc_check_digits_and_format() -> None:
    assert lei.calc_check_digits("7LTWFZYICNSX8D621K") == "86"
    assert lei.format(" 5493-001K-JTII-GC8Y-1R12 ") == "5493001KJTIIGC8Y1R12"
