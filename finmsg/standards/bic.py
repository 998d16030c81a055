"""BIC (ISO 9362 Business Identifier Code).

A BIC is 8 or 11 characters: party prefix ``4!a``, country ``2!a``, location
``2!c`` and an optional branch ``3!c`` (SWIFT notation ``4!a2!a2!c[3!c]``). The
country must be an ISO 3166-1 alpha-2 code or ``XK``, which SWIFT uses for
Kosovo. An 8-character BIC and the same BIC with branch ``XXX`` denote the same
institution (:func:`to_bic11` normalises for comparisons).

ISO 9362:2014 allows digits in the party prefix and the ISO 20022 ``BICFI``
pattern follows it; pass ``alphanumeric_prefix=True`` to accept that. The default
is the stricter SWIFT MT notation that every BIC issued so far conforms to.

>>> validate('deut de ff')
'DEUTDEFF'
>>> validate('DEUTDEFF500')
'DEUTDEFF500'
>>> is_valid('DEUTZZFF'), is_valid('BANKXKPR')
(False, True)
>>> to_bic11('DEUTDEFF')
'DEUTDEFFXXX'
>>> validate('DEUTDEF')
Traceback (most recent call last):
    ...
finmsg.standards.exceptions.InvalidLength: [standards.bic.length]: 'DEUTDEF' has 7 char...
"""

from __future__ import annotations

import re
from functools import cache

from finmsg.standards import _util, country
from finmsg.standards.exceptions import InvalidComponent, InvalidFormat, InvalidIdentifier, InvalidLength

__all__ = ["compact", "country_codes", "format", "is_valid", "to_bic11", "validate"]

_STANDARD = "bic"
_SEPARATORS = " -"
_STRICT = re.compile(r"[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?", re.ASCII)
_ISO2014 = re.compile(r"[A-Z0-9]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?", re.ASCII)


@cache
def country_codes() -> frozenset[str]:
    """Country codes allowed in positions 5-6: ISO 3166-1 alpha-2 plus ``XK`` (Kosovo)."""
    return country.codes() | {"XK"}


def compact(value: str) -> str:
    """Remove spaces and hyphens and upper-case."""
    return value.translate(_util.deleter(_SEPARATORS)).strip().upper()


def validate(value: str, *, alphanumeric_prefix: bool = False) -> str:
    """Return the compact BIC or raise a :mod:`finmsg.standards.exceptions` error.

    >>> validate('DEUTDEFF', alphanumeric_prefix=True)
    'DEUTDEFF'
    >>> validate('1234DEFF', alphanumeric_prefix=True)
    '1234DEFF'
    """
    bic = _util.prepare(value, _STANDARD, _SEPARATORS)
    if len(bic) not in (8, 11):
        raise InvalidLength.for_standard(
            _STANDARD, value, f"{bic!r} has {len(bic)} characters; a BIC has 8 or 11"
        )
    pattern = _ISO2014 if alphanumeric_prefix else _STRICT
    if not pattern.fullmatch(bic):
        structure = "4!c2!a2!c[3!c]" if alphanumeric_prefix else "4!a2!a2!c[3!c]"
        raise InvalidFormat.for_standard(_STANDARD, value, f"{bic!r} does not match {structure}")
    if bic[4:6] not in country_codes():
        raise InvalidComponent.for_standard(
            _STANDARD, value, f"{bic[4:6]!r} in {bic!r} is not a country code"
        )
    return bic


def is_valid(value: str, *, alphanumeric_prefix: bool = False) -> bool:
    """True when ``value`` is a valid BIC; never raises."""
    try:
        validate(value, alphanumeric_prefix=alphanumeric_prefix)
    except InvalidIdentifier:
        return False
    return True


def format(value: str) -> str:
    """Presentation form: a BIC is written without separators."""
    return compact(value)


def to_bic11(value: str, *, alphanumeric_prefix: bool = False) -> str:
    """Validate and extend an 8-character BIC with the primary-office branch ``XXX``."""
    bic = validate(value, alphanumeric_prefix=alphanumeric_prefix)
    return bic + "XXX" if len(bic) == 8 else bic
