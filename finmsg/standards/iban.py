"""IBAN (ISO 13616 International Bank Account Number).

An IBAN is a country code ``2!a``, two check digits ``2!n`` and a BBAN whose
length and structure are fixed per country by the IBAN registry (SWIFT notation
such as ``8!n10!n`` for Germany), at most 34 characters in all. The check digits
make the whole number, rearranged, equal 1 modulo 97 (ISO 7064 MOD 97-10) and lie
in 02..98. The per-country structures come from python-stdnum's copy of the
registry; each is compiled once to an anchored regex. The MOD 97-10 check uses
the fast :func:`finmsg.standards._util.mod97`.

ISO 13616 validity does not include national check digits inside the BBAN;
``check_national=True`` adds python-stdnum's country checks where it has them.

>>> validate('GB82 WEST 1234 5698 7654 32')
'GB82WEST12345698765432'
>>> format('GB82WEST12345698765432')
'GB82 WEST 1234 5698 7654 32'
>>> calc_check_digits('GB', 'WEST12345698765432')
'82'
>>> validate('GB83WEST12345698765432')
Traceback (most recent call last):
    ...
finmsg.standards.exceptions.InvalidChecksum: [standards.iban.checksum]: 'GB83WEST12345698765...
>>> validate('DE8937040044053201300')
Traceback (most recent call last):
    ...
finmsg.standards.exceptions.InvalidLength: [standards.iban.length]: an IBAN for DE has 2...
"""

from __future__ import annotations

import re
from functools import cache

from finmsg.standards import _util
from finmsg.standards.exceptions import (
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidIdentifier,
    InvalidLength,
)

__all__ = [
    "bban_structure",
    "calc_check_digits",
    "compact",
    "countries",
    "format",
    "is_valid",
    "validate",
]

_STANDARD = "iban"
_SEPARATORS = " -"
_MAX_LENGTH = 34
_SHAPE = re.compile(r"[A-Z]{2}[0-9]{2}[A-Z0-9]{1,30}", re.ASCII)


_PROPERTY = re.compile(r'([0-9A-Za-z_-]+)="([^"]*)"')


@cache
def _registry() -> dict[str, str]:
    """Country code -> BBAN structure, read once from python-stdnum's IBAN registry copy.

    The file (``stdnum/iban.dat``) is read directly rather than through
    ``stdnum.numdb``: importing any ``stdnum`` module runs ``stdnum/__init__``,
    which imports pydoc, ssl and socket (~25 ms in a fresh process), a cost
    every first validated message with an IBAN would pay. Only the unindented
    lines matter here (``CC country="..." bban="..."``); indented lines are
    per-bank sub-entries. Falls back to ``numdb`` if the file is not on disk.
    """
    data = _util.package_data("stdnum", "iban.dat")
    if data is None:
        return _registry_from_numdb()
    out: dict[str, str] = {}
    for line in data.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith(("#", " ")):
            continue
        ranges, _, rest = line.partition(" ")
        props = dict(_PROPERTY.findall(rest))
        if "bban" in props:
            for code in ranges.split(","):
                out[code.split("-")[0]] = props["bban"]
    return out


def _registry_from_numdb() -> dict[str, str]:
    from stdnum import numdb

    out: dict[str, str] = {}
    for _length, low, _high, props, _children in numdb.get("iban").prefixes:
        if "bban" in props:
            out[low] = props["bban"]
    return out


def countries() -> frozenset[str]:
    """Country codes that have an IBAN format in the registry."""
    return frozenset(_registry())


def bban_structure(country: str) -> str:
    """The registry's BBAN structure for ``country`` in SWIFT notation, e.g. ``'4!a6!n8!n'``."""
    try:
        return _registry()[country.upper()]
    except KeyError:
        raise InvalidComponent.for_standard(
            _STANDARD, country, f"{country!r} has no IBAN format in the registry"
        ) from None


@cache
def _bban_length(country: str) -> int:
    return sum(int(size) for size in re.findall(r"\d+", bban_structure(country)))


def compact(value: str) -> str:
    """Remove spaces and hyphens and upper-case."""
    return value.translate(_util.deleter(_SEPARATORS)).strip().upper()


_CALC_INPUT = re.compile(r"[A-Z]{2}[A-Z0-9]{1,30}", re.ASCII)


def calc_check_digits(country: str, bban: str) -> str:
    """The two check digits (02..98) that make ``country`` + digits + ``bban`` valid."""
    text = _util.prepare(bban, _STANDARD, _SEPARATORS) + _util.prepare(country, _STANDARD)
    if not _CALC_INPUT.fullmatch(text[-2:] + text[:-2]):
        raise InvalidFormat.for_standard(
            _STANDARD, (country, bban), "need a 2-letter country and 1 to 30 letters or digits"
        )
    from stdnum.iso7064 import mod_97_10  # lazy: see _registry

    return str(mod_97_10.calc_check_digits(text))


def validate(value: str, *, check_national: bool = False) -> str:
    """Return the compact IBAN or raise a :mod:`finmsg.standards.exceptions` error.

    Checks, in order: characters, country in the registry, length and BBAN
    structure for that country, check digits (and national checks if asked).
    """
    iban = _util.prepare(value, _STANDARD, _SEPARATORS)
    if not 5 <= len(iban) <= _MAX_LENGTH:
        raise InvalidLength.for_standard(
            _STANDARD, value, f"{len(iban)} characters; an IBAN has 5 to {_MAX_LENGTH}"
        )
    if not _SHAPE.fullmatch(iban):
        raise InvalidFormat.for_standard(
            _STANDARD, value, f"{iban!r} is not 2 letters, 2 digits and letters or digits"
        )
    cc = iban[:2]
    if cc not in _registry():
        raise InvalidComponent.for_standard(_STANDARD, value, f"{cc!r} has no IBAN format in the registry")
    expected = _bban_length(cc) + 4
    if len(iban) != expected:
        raise InvalidLength.for_standard(
            _STANDARD, value, f"an IBAN for {cc} has {expected} characters, not {len(iban)}"
        )
    structure = bban_structure(cc)
    if not _util.swift_regex(structure).fullmatch(iban[4:]):
        raise InvalidFormat.for_standard(
            _STANDARD, value, f"the account part {iban[4:]!r} does not match {cc} structure {structure}"
        )
    if not ("02" <= iban[2:4] <= "98" and _util.mod97(iban[4:] + iban[:4]) == 1):
        raise InvalidChecksum.for_standard(_STANDARD, value, f"{iban!r} has wrong check digits")
    if check_national:
        import stdnum.iban  # lazy: see _registry

        _util.stdnum_call(_STANDARD, iban, stdnum.iban.validate, " in the national BBAN check")
    return iban


def is_valid(value: str, *, check_national: bool = False) -> bool:
    """True when ``value`` is a valid IBAN; never raises."""
    try:
        validate(value, check_national=check_national)
    except InvalidIdentifier:
        return False
    return True


def format(value: str, separator: str = " ") -> str:
    """Print form: groups of four characters.

    >>> format('be71096123456769')
    'BE71 0961 2345 6769'
    """
    iban = compact(value)
    return separator.join(iban[i : i + 4] for i in range(0, len(iban), 4))
