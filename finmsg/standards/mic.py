"""MIC (ISO 10383 Market Identifier Code).

Four letters or digits. Besides the registered operating and segment MICs the
standard and MiFID reporting use a few special values, listed in
:data:`SPECIAL`. The registry of MICs changes monthly and is not bundled, so
this module checks the format only.

>>> validate(' xlon ')
'XLON'
>>> is_special('XOFF'), is_special('XLON')
(True, False)
>>> validate('XLO')
Traceback (most recent call last):
    ...
finmsg.standards.exceptions.InvalidLength: [standards.mic.length]: 'XLO' has 3 characte...
"""

from __future__ import annotations

import re

from finmsg.standards import _util
from finmsg.standards.exceptions import InvalidFormat, InvalidIdentifier, InvalidLength

__all__ = ["SPECIAL", "compact", "format", "is_special", "is_valid", "validate"]

_STANDARD = "mic"
_SHAPE = re.compile(r"[A-Z0-9]{4}", re.ASCII)

#: Special values and what they stand for.
SPECIAL: dict[str, str] = {
    "XOFF": "off exchange: traded outside a trading venue (OTC)",
    "XXXX": "no market: not listed or traded on a market",
    "SINT": "systematic internaliser",
}


def compact(value: str) -> str:
    """Strip surrounding spaces and upper-case."""
    return value.strip().upper()


def validate(value: str) -> str:
    """Return the upper-case MIC if it has the ISO 10383 format, else raise."""
    mic = _util.prepare(value, _STANDARD)
    if len(mic) != 4:
        raise InvalidLength.for_standard(_STANDARD, value, f"{mic!r} has {len(mic)} characters; a MIC has 4")
    if not _SHAPE.fullmatch(mic):
        raise InvalidFormat.for_standard(_STANDARD, value, f"{mic!r} is not 4 letters or digits")
    return mic


def is_valid(value: str) -> bool:
    """True when ``value`` has the MIC format; never raises."""
    try:
        validate(value)
    except InvalidIdentifier:
        return False
    return True


def is_special(value: str) -> bool:
    """True for the special values XOFF, XXXX and SINT (case-insensitive)."""
    return isinstance(value, str) and compact(value) in SPECIAL


def format(value: str) -> str:
    """Presentation form: upper case, no spaces."""
    return compact(value)
