"""Every value drawn from finmsg.testing.identifiers passes the matching validator."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from finmsg.standards import bic, country, currency, iban, isin, lei
from finmsg.standards.exceptions import InvalidComponent
from finmsg.testing.identifiers import amounts, bics, countries, currencies, ibans, isins, leis

FAST = settings(max_examples=60, deadline=None)


@FAST
@given(bics())
def test_bics(value: str) -> None:
    assert len(value) in (8, 11)
    assert bic.validate(value) == value


@FAST
@given(ibans())
def test_ibans_any_country(value: str) -> None:
    assert iban.validate(value) == value
    assert "02" <= value[2:4] <= "98"


@FAST
@given(ibans(country="de"))
def test_ibans_one_country(value: str) -> None:
    assert value.startswith("DE")
    assert len(value) == 22  # German IBANs: DE + 2 check digits + 18 digits
    assert value[4:].isdigit()
    assert iban.is_valid(value)


def test_ibans_unknown_country_fails_early() -> None:
    with pytest.raises(InvalidComponent):
        ibans(country="US")


@FAST
@given(leis())
def test_leis(value: str) -> None:
    assert lei.validate(value) == value


@FAST
@given(isins())
def test_isins(value: str) -> None:
    assert isin.validate(value) == value


@FAST
@given(currencies())
def test_currencies(value: str) -> None:
    assert currency.is_valid(value)


@FAST
@given(countries())
def test_countries(value: str) -> None:
    assert country.is_valid(value)


@FAST
@given(st.sampled_from(["EUR", "JPY", "KWD", "CLF"]).flatmap(lambda c: st.tuples(st.just(c), amounts(c))))
def test_amounts_have_exact_minor_units(pair: tuple[str, Decimal]) -> None:
    code, amount = pair
    expected_places = {"EUR": 2, "JPY": 0, "KWD": 3, "CLF": 4}[code]
    assert amount.is_finite() and amount >= 0
    assert amount.as_tuple().exponent == -expected_places
    assert currency.check_amount_precision(amount, code)


@FAST
@given(amounts("XAU"))
def test_amounts_without_minor_units(amount: Decimal) -> None:
    assert currency.check_amount_precision(amount, "XAU")
    exponent = amount.as_tuple().exponent
    assert isinstance(exponent, int) and 0 <= -exponent <= 5


@FAST
@given(amounts("USD", min_value=Decimal("1"), max_value=Decimal("10")))
def test_amounts_bounds(amount: Decimal) -> None:
    assert Decimal("1") <= amount <= Decimal("10")
