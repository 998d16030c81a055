"""ISIN (ISO 6166): 2!a9!c1!n with a Luhn check digit."""

from __future__ import annotations

import pytest

from finmsg.standards import isin
from finmsg.standards.exceptions import (
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidIdentifier,
    InvalidLength,
)

VALID = ["US0378331005", "AU0000XVGZA3", "GB0002634946", "DE000BAY0017", "US5949181045"]


@pytest.mark.parametrize("value", VALID)
def test_valid(value: str) -> None:
    assert isin.validate(value) == value
    assert isin.validate(value.lower()) == value
    assert isin.is_valid(value)


@pytest.mark.parametrize(
    "value, error",
    [
        ("US037833100", InvalidLength),
        ("US03783310055", InvalidLength),
        ("US037833100A", InvalidFormat),  # the check character must be a digit
        ("1S0378331005", InvalidFormat),
        ("US03783310-5", InvalidFormat),
        ("US0378331006", InvalidChecksum),
        ("AU0000XVGZA4", InvalidChecksum),
        ("ZZ0378331005", InvalidComponent),  # ZZ is neither a country nor a special prefix
    ],
)
def test_invalid(value: str, error: type[InvalidIdentifier]) -> None:
    with pytest.raises(error) as info:
        isin.validate(value)
    assert info.value.code == f"standards.isin.{error.kind}"
    assert not isin.is_valid(value)


def test_special_prefixes() -> None:
    # XS (international securities, e.g. Eurobonds) and EU are ISIN prefixes but not ISO 3166.
    assert isin.is_valid(isin.from_nsin("XS", "100000000"))
    assert isin.is_valid(isin.from_nsin("EU", "123456789"))


def test_from_nsin_and_check_digit() -> None:
    assert isin.from_nsin("US", "037833100") == "US0378331005"
    assert isin.from_nsin("AU", "XVGZA") == "AU0000XVGZA3"  # NSIN zero-padded to 9
    assert isin.calc_check_digit("GB000263494") == "6"
    with pytest.raises(InvalidFormat):
        isin.from_nsin("US", "0378331001")  # 10 characters
    with pytest.raises(InvalidFormat):
        isin.calc_check_digit("US03783310")
