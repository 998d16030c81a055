"""ISO 4217 currency codes and their minor units (number of decimals).

pycountry knows the codes but not the minor units, so the active list (list
one, codes and funds) is stored here as data, grouped by exponent. ``None``
stands for the standard's "N.A." (precious metals, testing and no-currency codes,
units of account), where the standard sets no precision. A test checks that
the set of codes equals pycountry's, so a new ISO amendment shows up as a
failing test rather than a silent gap.

>>> minor_units('JPY'), minor_units('EUR'), minor_units('KWD'), minor_units('CLF'), minor_units('XAU')
(0, 2, 3, 4, None)
>>> from decimal import Decimal
>>> check_amount_precision(Decimal('1000'), 'JPY'), check_amount_precision(Decimal('1000.5'), 'JPY')
(True, False)
>>> check_amount_precision(Decimal('1.234'), 'BHD'), check_amount_precision(Decimal('1.2345'), 'BHD')
(True, False)
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

from finmsg.standards import _util
from finmsg.standards.exceptions import InvalidComponent, InvalidFormat, InvalidIdentifier, InvalidLength

__all__ = ["check_amount_precision", "codes", "compact", "is_valid", "minor_units", "validate"]

_STANDARD = "currency"
_CODE = re.compile(r"[A-Z]{3}", re.ASCII)

# ISO 4217 list one (as of amendment 179, 2025: XCG and XAD added; ANG, BGN, CUC,
# SLL and ZWL withdrawn), grouped by minor unit. Facts from the standard.
_BY_MINOR_UNITS: dict[int | None, str] = {
    0: "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF",
    2: (
        "AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BMD BND BOB BOV BRL BSD BTN BWP BYN BZD "
        "CAD CDF CHE CHF CHW CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP "
        "GBP GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD "
        "KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN "
        "NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK "
        "SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN "
        "UYU UZS VED VES WST XAD XCD XCG YER ZAR ZMW ZWG"
    ),
    3: "BHD IQD JOD KWD LYD OMR TND",
    4: "CLF UYW",
    None: "XAG XAU XBA XBB XBC XBD XDR XPD XPT XSU XTS XUA XXX",
}


@cache
def _table() -> dict[str, int | None]:
    return {code: units for units, listed in _BY_MINOR_UNITS.items() for code in listed.split()}


def codes() -> frozenset[str]:
    """Every active ISO 4217 code (currencies, funds, metals, special codes)."""
    return frozenset(_table())


def compact(value: str) -> str:
    """Strip surrounding spaces and upper-case."""
    return value.strip().upper()


def validate(value: str) -> str:
    """Return the upper-case code if it is an active ISO 4217 code, else raise.

    >>> validate('usd')
    'USD'
    >>> validate('DEM')
    Traceback (most recent call last):
        ...
    finmsg.standards.exceptions.InvalidComponent: [standards.currency.component]: 'DEM' is not an acti...
    """
    code = _util.prepare(value, _STANDARD)
    if len(code) != 3:
        raise InvalidLength.for_standard(_STANDARD, value, f"{code!r} is not 3 letters long")
    if not _CODE.fullmatch(code):
        raise InvalidFormat.for_standard(_STANDARD, value, f"{code!r} is not 3 letters")
    if code not in _table():
        raise InvalidComponent.for_standard(_STANDARD, value, f"{code!r} is not an active ISO 4217 code")
    return code


def is_valid(value: str) -> bool:
    """True when ``value`` is an active ISO 4217 code; never raises."""
    try:
        validate(value)
    except InvalidIdentifier:
        return False
    return True


def minor_units(code: str) -> int | None:
    """Decimals of ``code`` per ISO 4217; ``None`` where the standard says N.A.

    Raises :class:`~finmsg.standards.exceptions.InvalidComponent` (and the other
    errors of :func:`validate`) for a code that is not active.
    """
    return _table()[validate(code)]


def check_amount_precision(amount: Decimal, code: str) -> bool:
    """True when ``amount`` has no more decimals than ``code`` allows.

    The check is on the written precision that ``Decimal`` keeps, as SWIFT's
    network rules do: ``Decimal('100.00')`` has two decimals and fails for JPY.
    Callers who accept trailing zeros should pass ``amount.normalize()``.
    An unknown code, NaN or infinity gives ``False``; a code whose minor unit is
    N.A. accepts any precision.

    >>> check_amount_precision(Decimal('100.00'), 'JPY'), check_amount_precision(Decimal('1E+3'), 'JPY')
    (False, True)
    """
    try:
        units = minor_units(code)
    except InvalidIdentifier:
        return False
    if not isinstance(amount, Decimal) or not amount.is_finite():
        return False
    if units is None:
        return True
    exponent = amount.as_tuple().exponent
    return isinstance(exponent, int) and -exponent <= units
