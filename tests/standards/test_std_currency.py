"""ISO 4217 codes and minor units."""

from __future__ import annotations

from decimal import Decimal

import pycountry
import pytest

from finmsg.standards import currency
from finmsg.standards.exceptions import InvalidComponent, InvalidFormat, InvalidLength


@pytest.mark.parametrize(
    "code, units",
    [
        ("EUR", 2),
        ("USD", 2),
        ("GBP", 2),
        ("CHF", 2),
        ("IDR", 2),
        ("MGA", 2),
        ("MRU", 2),
        ("JPY", 0),
        ("KRW", 0),
        ("CLP", 0),
        ("ISK", 0),
        ("VND", 0),
        ("XOF", 0),
        ("UGX", 0),
        ("PYG", 0),
        ("UYI", 0),
        ("BHD", 3),
        ("JOD", 3),
        ("KWD", 3),
        ("OMR", 3),
        ("TND", 3),
        ("LYD", 3),
        ("IQD", 3),
        ("CLF", 4),
        ("UYW", 4),
        ("XAU", None),
        ("XAG", None),
        ("XDR", None),
        ("XTS", None),
        ("XXX", None),
        ("XCG", 2),
        ("ZWG", 2),
        ("SLE", 2),
        ("VED", 2),
    ],
)
def test_minor_units(code: str, units: int | None) -> None:
    assert currency.minor_units(code) == units
    assert currency.minor_units(code.lower()) == units


def test_same_codes_as_pycountry() -> None:
    # A new ISO 4217 amendment picked up by pycountry must be added to the table here.
    assert currency.codes() == {c.alpha_3 for c in pycountry.currencies}


@pytest.mark.parametrize("code", ["DEM", "FRF", "HRK", "CUC", "SLL", "ZWL", "ANG", "BGN"])
def test_withdrawn_codes_are_invalid(code: str) -> None:
    assert not currency.is_valid(code)
    with pytest.raises(InvalidComponent) as info:
        currency.minor_units(code)
    assert info.value.code == "standards.currency.component"


@pytest.mark.parametrize(
    "value, error",
    [("EU", InvalidLength), ("EURO", InvalidLength), ("E1R", InvalidFormat), ("", InvalidLength)],
)
def test_malformed(value: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        currency.validate(value)
    assert not currency.is_valid(value)


def test_validate_normalises() -> None:
    assert currency.validate(" eur ") == "EUR"


@pytest.mark.parametrize(
    "amount, code, ok",
    [
        ("1000", "JPY", True),
        ("1000.5", "JPY", False),
        ("1000.00", "JPY", False),  # written precision counts, as in SWIFT network rules
        ("1E+3", "JPY", True),
        ("12.34", "EUR", True),
        ("12.3", "EUR", True),
        ("12", "EUR", True),
        ("12.345", "EUR", False),
        ("-12.34", "EUR", True),
        ("1.234", "KWD", True),
        ("1.2345", "KWD", False),
        ("1.2345", "CLF", True),
        ("1.23456", "CLF", False),
        ("1.123456789", "XAU", True),  # N.A.: no precision imposed
        ("12.34", "DEM", False),  # unknown code
        ("NaN", "EUR", False),
        ("Infinity", "EUR", False),
    ],
)
def test_check_amount_precision(amount: str, code: str, ok: bool) -> None:
    assert currency.check_amount_precision(Decimal(amount), code) is ok


def test_check_amount_precision_normalize_accepts_trailing_zeros() -> None:
    assert currency.check_amount_precision(Decimal("1000.00").normalize(), "JPY")
