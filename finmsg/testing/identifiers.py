"""Hypothesis strategies for valid identifiers and codes, reusable by finmsg users.

Every value drawn here passes the matching :mod:`finmsg.standards` validator:
check digits are computed, not hoped for, and country or currency codes are
drawn from the same tables the validators use. Use them to build property tests
of message readers and writers::

    @given(ibans(country="DE"), amounts("EUR"))
    def test_roundtrip(iban, amount): ...
"""

from __future__ import annotations

import re
from decimal import Decimal

from hypothesis import strategies as st

from finmsg.standards import bic, country, currency, iban, isin, lei

__all__ = ["amounts", "bics", "countries", "currencies", "ibans", "isins", "leis"]

_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_DIGITS = "0123456789"
_ALNUM = _UPPER + _DIGITS
_SWIFT_ALPHABET = {"n": _DIGITS, "a": _UPPER, "c": _ALNUM}
_SWIFT_PART = re.compile(r"(\d+)!?([nac])")


def _chars(alphabet: str, size: int) -> st.SearchStrategy[str]:
    return st.text(alphabet, min_size=size, max_size=size)


def countries() -> st.SearchStrategy[str]:
    """ISO 3166-1 alpha-2 codes."""
    return st.sampled_from(sorted(country.codes()))


def currencies() -> st.SearchStrategy[str]:
    """Active ISO 4217 codes (including funds, metals and special codes)."""
    return st.sampled_from(sorted(currency.codes()))


def bics() -> st.SearchStrategy[str]:
    """BICs of 8 or 11 characters with a valid country code (``4!a2!a2!c[3!c]``)."""
    return st.builds(
        lambda party, cc, location, branch: party + cc + location + branch,
        _chars(_UPPER, 4),
        st.sampled_from(sorted(bic.country_codes())),
        _chars(_ALNUM, 2),
        st.one_of(st.just(""), _chars(_ALNUM, 3)),
    )


def _bban(structure: str) -> st.SearchStrategy[str]:
    parts = [_chars(_SWIFT_ALPHABET[kind], int(size)) for size, kind in _SWIFT_PART.findall(structure)]
    return st.tuples(*parts).map("".join)


@st.composite
def _iban_for(draw: st.DrawFn, cc: str) -> str:
    bban = draw(_bban(iban.bban_structure(cc)))
    return cc + iban.calc_check_digits(cc, bban) + bban


def ibans(country: str | None = None) -> st.SearchStrategy[str]:
    """IBANs with correct length, BBAN structure and check digits, for one or any registry country.

    National check digits inside the BBAN are not computed, so the values are
    ISO 13616-valid but not necessarily valid under ``check_national=True``.
    """
    if country is not None:
        cc = country.upper()
        iban.bban_structure(cc)  # fail early on a country without an IBAN format
        return _iban_for(cc)
    return st.sampled_from(sorted(iban.countries())).flatmap(_iban_for)


def leis() -> st.SearchStrategy[str]:
    """LEIs: 18 letters or digits plus ISO 7064 MOD 97-10 check digits."""
    return _chars(_ALNUM, 18).map(lambda base: base + lei.calc_check_digits(base))


def isins() -> st.SearchStrategy[str]:
    """ISINs with an ISO 3166-1 country prefix, a 9-character NSIN and a Luhn check digit."""
    return st.builds(
        lambda cc, nsin: cc + nsin + isin.calc_check_digit(cc + nsin),
        countries(),
        _chars(_ALNUM, 9),
    )


def amounts(
    currency_code: str,
    *,
    min_value: Decimal = Decimal("0"),
    max_value: Decimal = Decimal("999999999999"),
) -> st.SearchStrategy[Decimal]:
    """Finite ``Decimal`` amounts written with exactly the currency's minor units.

    For codes whose minor unit is N.A. (XAU, XDR, ...) the number of decimals is
    drawn from 0 to 5.
    """
    units = currency.minor_units(currency_code)
    places = st.just(units) if units is not None else st.integers(0, 5)
    return places.flatmap(
        lambda n: st.decimals(
            min_value=min_value, max_value=max_value, places=n, allow_nan=False, allow_infinity=False
        )
    )
