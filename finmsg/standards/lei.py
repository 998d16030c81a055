"""LEI (ISO 17442 Legal Entity Identifier).

20 characters: 18 letters or digits (issuing LOU prefix and entity part)
followed by two check digits, computed with ISO 7064 MOD 97-10 over the whole
code (letters count as 10..35) and lying in 02..98. python-stdnum's LEI module
checks only the MOD 97-10 sum (not the length or the digit positions) and does
it slowly, so the whole check is done here with the shared fast
:func:`finmsg.standards._util.mod97`; python-stdnum still computes check digits.

>>> validate('5493001KJTIIGC8Y1R12')
'5493001KJTIIGC8Y1R12'
>>> calc_check_digits('5493001KJTIIGC8Y1R')
'12'
>>> validate('5493001KJTIIGC8Y1R13')
Traceback (most recent call last):
    ...
finmsg.standards.exceptions.InvalidChecksum: [standards.lei.checksum]: '5493001KJTIIGC8Y1R1...
"""

from __future__ import annotations

import re

from finmsg.standards import _util
from finmsg.standards.exceptions import InvalidChecksum, InvalidFormat, InvalidIdentifier, InvalidLength

__all__ = ["calc_check_digits", "compact", "format", "is_valid", "validate"]

_STANDARD = "lei"
_SEPARATORS = " -"
_SHAPE = re.compile(r"[A-Z0-9]{18}[0-9]{2}", re.ASCII)
_BASE = re.compile(r"[A-Z0-9]{18}", re.ASCII)


def compact(value: str) -> str:
    """Remove spaces and hyphens and upper-case."""
    return value.translate(_util.deleter(_SEPARATORS)).strip().upper()


def calc_check_digits(base: str) -> str:
    """The two check digits (02..98) completing an 18-character LEI base."""
    text = _util.prepare(base, _STANDARD, _SEPARATORS)
    if not _BASE.fullmatch(text):
        raise InvalidFormat.for_standard(_STANDARD, base, f"{text!r} is not 18 letters or digits")
    from stdnum.iso7064 import mod_97_10  # lazy: importing stdnum costs a fresh process ~25 ms

    return str(mod_97_10.calc_check_digits(text))


def validate(value: str) -> str:
    """Return the compact LEI or raise a :mod:`finmsg.standards.exceptions` error."""
    lei = _util.prepare(value, _STANDARD, _SEPARATORS)
    if len(lei) != 20:
        raise InvalidLength.for_standard(_STANDARD, value, f"{len(lei)} characters; a LEI has 20")
    if not _SHAPE.fullmatch(lei):
        raise InvalidFormat.for_standard(
            _STANDARD, value, f"{lei!r} is not 18 letters or digits followed by 2 digits"
        )
    if not "02" <= lei[18:] <= "98":
        raise InvalidChecksum.for_standard(_STANDARD, value, f"check digits {lei[18:]!r} are outside 02..98")
    if _util.mod97(lei) != 1:
        raise InvalidChecksum.for_standard(_STANDARD, value, f"{lei!r} has invalid check digits")
    return lei


def is_valid(value: str) -> bool:
    """True when ``value`` is a valid LEI; never raises."""
    try:
        validate(value)
    except InvalidIdentifier:
        return False
    return True


def format(value: str) -> str:
    """Presentation form: a LEI is written without separators."""
    return compact(value)
