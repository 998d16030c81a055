"""ISIN (ISO 6166 International Securities Identification Number).

12 characters, ``2!a9!c1!n``: a country code (ISO 3166-1 alpha-2 or one of the
few special prefixes such as ``XS`` for international securities, ``EU``), a
9-character national security identifier and a Luhn check digit computed over
the code with letters expanded to 10..35. python-stdnum holds the prefix list
and the check-digit algorithm; this module adds the shape check, typed errors
and :func:`from_nsin`.

>>> validate('us0378331005')
'US0378331005'
>>> from_nsin('US', '037833100')
'US0378331005'
>>> validate('US0378331006')
Traceback (most recent call last):
    ...
finmsg.standards.exceptions.InvalidChecksum: [standards.isin.checksum]: 'US0378331006' has i...
"""

from __future__ import annotations

import re

import stdnum.isin

from finmsg.standards import _util
from finmsg.standards.exceptions import InvalidFormat, InvalidIdentifier, InvalidLength

__all__ = ["calc_check_digit", "compact", "format", "from_nsin", "is_valid", "validate"]

_STANDARD = "isin"
_SEPARATORS = " "
_SHAPE = re.compile(r"[A-Z]{2}[A-Z0-9]{9}[0-9]", re.ASCII)
_NSIN = re.compile(r"[A-Z0-9]{1,9}", re.ASCII)
_BASE = re.compile(r"[A-Z]{2}[A-Z0-9]{9}", re.ASCII)


def compact(value: str) -> str:
    """Remove spaces and upper-case."""
    return value.translate(_util.deleter(_SEPARATORS)).strip().upper()


def calc_check_digit(base: str) -> str:
    """The check digit completing an 11-character ISIN base (country + NSIN)."""
    base = _util.prepare(base, _STANDARD, _SEPARATORS)
    if not _BASE.fullmatch(base):
        raise InvalidFormat.for_standard(
            _STANDARD, base, f"{base!r} is not a country code and 9 letters or digits"
        )
    return str(stdnum.isin.calc_check_digit(base))


def from_nsin(country: str, nsin: str) -> str:
    """Build and validate an ISIN from a country prefix and a national identifier (zero-padded)."""
    nsin = _util.prepare(nsin, _STANDARD, _SEPARATORS)
    if not _NSIN.fullmatch(nsin):
        raise InvalidFormat.for_standard(_STANDARD, nsin, f"{nsin!r} is not 1 to 9 letters or digits")
    base = _util.prepare(country, _STANDARD) + nsin.zfill(9)
    return validate(base + calc_check_digit(base))


def validate(value: str) -> str:
    """Return the compact ISIN or raise a :mod:`finmsg.standards.exceptions` error."""
    isin = _util.prepare(value, _STANDARD, _SEPARATORS)
    if len(isin) != 12:
        raise InvalidLength.for_standard(_STANDARD, value, f"{len(isin)} characters; an ISIN has 12")
    if not _SHAPE.fullmatch(isin):
        raise InvalidFormat.for_standard(_STANDARD, value, f"{isin!r} does not match 2!a9!c1!n")
    _util.stdnum_call(_STANDARD, isin, stdnum.isin.validate)
    return isin


def is_valid(value: str) -> bool:
    """True when ``value`` is a valid ISIN; never raises."""
    try:
        validate(value)
    except InvalidIdentifier:
        return False
    return True


def format(value: str) -> str:
    """Presentation form: an ISIN is written without separators."""
    return compact(value)
