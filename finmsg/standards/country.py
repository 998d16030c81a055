"""ISO 3166-1 alpha-2 country codes, and a conservative name-to-code lookup.

Codes come from pycountry's ISO 3166-1 table, read once on first use into a
frozenset, so validation in hot paths costs a set membership test. The table is
read straight from pycountry's JSON file: ``import pycountry`` (importlib.metadata,
email, logging) costs a fresh process ~30 ms that validating a BIC should not pay.
Names (:func:`name`, :func:`lookup`) still go through pycountry, imported lazily.

:func:`lookup` maps what people write for a country (ISO short name, official
name, common name, a few well-known English and native names, alpha-3 and
alpha-2 codes) to its alpha-2 code. It exists for reading free-text address
lines, so it is deliberately conservative: it matches the *whole* input only
(after ignoring case, accents, punctuation and a leading "the"), it never
guesses, and a name that could mean two countries maps to nothing.

``XK`` (Kosovo) is a user-assigned code, not ISO 3166-1: it is not valid here
(BICs accept it, see :mod:`finmsg.standards.bic`).

>>> validate(' gb ')
'GB'
>>> is_valid('UK'), is_valid('XK')
(False, False)
>>> lookup('Deutschland'), lookup('United States of America'), lookup('CHE')
('DE', 'US', 'CH')
>>> lookup("Côte d'Ivoire"), lookup('Korea') is None
('CI', True)
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from typing import TYPE_CHECKING

from finmsg.standards import _util
from finmsg.standards.exceptions import InvalidComponent, InvalidFormat, InvalidIdentifier, InvalidLength

__all__ = ["codes", "compact", "is_valid", "lookup", "name", "validate"]

if TYPE_CHECKING:
    from pycountry.db import Country

_STANDARD = "country"
_ALPHA2 = re.compile(r"[A-Z]{2}", re.ASCII)

# Names in everyday use that are not among pycountry's name, official_name and
# common_name. Facts about what countries are called; kept short on purpose.
_ALIASES: dict[str, str] = {
    "UK": "GB",
    "GREAT BRITAIN": "GB",
    "BRITAIN": "GB",
    "USA": "US",
    "U S A": "US",
    "UAE": "AE",
    "RUSSIA": "RU",
    "IVORY COAST": "CI",
    "TURKEY": "TR",
    "BURMA": "MM",
    "SWAZILAND": "SZ",
    "CAPE VERDE": "CV",
    "EAST TIMOR": "TL",
    "BRUNEI": "BN",
    "VATICAN": "VA",
    "VATICAN CITY": "VA",
    "MACAU": "MO",
    "PALESTINE": "PS",
    "MICRONESIA": "FM",
    "DR CONGO": "CD",
    "DRC": "CD",
    "HONG KONG SAR": "HK",
    "KOREA SOUTH": "KR",
    "KOREA NORTH": "KP",
    # Native names commonly found in address lines.
    "DEUTSCHLAND": "DE",
    "OSTERREICH": "AT",
    "SCHWEIZ": "CH",
    "SUISSE": "CH",
    "SVIZZERA": "CH",
    "ESPANA": "ES",
    "ITALIA": "IT",
    "NEDERLAND": "NL",
    "BELGIE": "BE",
    "BELGIQUE": "BE",
    "SVERIGE": "SE",
    "NORGE": "NO",
    "DANMARK": "DK",
    "SUOMI": "FI",
    "POLSKA": "PL",
    "CESKO": "CZ",
    "MAGYARORSZAG": "HU",
    "HRVATSKA": "HR",
    "SLOVENIJA": "SI",
    "BRASIL": "BR",
    "ELLADA": "GR",
    "EIRE": "IE",
    "LUXEMBURG": "LU",
    "NIPPON": "JP",
    "ZHONGGUO": "CN",
}
_PUNCT = re.compile(r"[^0-9A-Z]+")


@cache
def codes() -> frozenset[str]:
    """All officially assigned ISO 3166-1 alpha-2 codes (read from pycountry's data once)."""
    table = _util.package_data("pycountry", "databases/iso3166-1.json")
    if table is not None:
        entries = json.loads(table.read_bytes())["3166-1"]
        return frozenset(str(entry["alpha_2"]) for entry in entries)
    return frozenset(c.alpha_2 for c in _countries())


def _countries() -> list[Country]:
    import pycountry

    return list(pycountry.countries)


def compact(value: str) -> str:
    """Strip surrounding spaces and upper-case."""
    return value.strip().upper()


def validate(value: str) -> str:
    """Return the alpha-2 code if it is an assigned ISO 3166-1 code, else raise.

    >>> validate('ZZ')
    Traceback (most recent call last):
        ...
    finmsg.standards.exceptions.InvalidComponent: [standards.country.component]: 'ZZ' is not an assig...
    """
    code = _util.prepare(value, _STANDARD)
    if len(code) != 2:
        raise InvalidLength.for_standard(_STANDARD, value, f"{code!r} is not 2 letters long")
    if not _ALPHA2.fullmatch(code):
        raise InvalidFormat.for_standard(_STANDARD, value, f"{code!r} is not 2 letters")
    if code not in codes():
        raise InvalidComponent.for_standard(
            _STANDARD, value, f"{code!r} is not an assigned ISO 3166-1 alpha-2 code"
        )
    return code


def is_valid(value: str) -> bool:
    """True when ``value`` is an assigned ISO 3166-1 alpha-2 code; never raises."""
    try:
        validate(value)
    except InvalidIdentifier:
        return False
    return True


def name(code: str) -> str:
    """ISO short name of a country, for messages and reports.

    >>> name('de')
    'Germany'
    """
    alpha2 = validate(code)
    import pycountry

    country = pycountry.countries.get(alpha_2=alpha2)
    return str(country.name) if country is not None else alpha2


def _normalise(text: str) -> str:
    """Upper-case, drop accents and punctuation, collapse spaces, drop a leading THE."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    key = _PUNCT.sub(" ", ascii_text.upper()).strip()
    return key[4:] if key.startswith("THE ") else key


@cache
def _names() -> dict[str, str]:
    """Normalised name -> alpha-2. A name claimed by two countries is dropped (never guess)."""
    found: dict[str, set[str]] = {}
    for country in _countries():
        for attr in ("name", "official_name", "common_name"):
            text = getattr(country, attr, None)
            if text:
                found.setdefault(_normalise(text), set()).add(country.alpha_2)
    for alias, code in _ALIASES.items():
        found.setdefault(_normalise(alias), set()).add(code)
    return {key: next(iter(owners)) for key, owners in found.items() if len(owners) == 1}


@cache
def _alpha3() -> dict[str, str]:
    return {c.alpha_3: c.alpha_2 for c in _countries()}


def lookup(name_or_code: str, *, codes_allowed: bool = True) -> str | None:
    """Alpha-2 code for a country name, alpha-3 or alpha-2 code; ``None`` when unsure.

    With ``codes_allowed=False`` only names (and unambiguous abbreviations such as
    "UK" or "UAE") match: ISO two- and three-letter codes are too easily confused
    with ordinary words or US state abbreviations ("AND", "CAN", "CA") when
    scanning free text.

    >>> lookup('FRA'), lookup('fr'), lookup('FRA', codes_allowed=False)
    ('FR', 'FR', None)
    >>> lookup('Narnia') is None
    True
    """
    if not isinstance(name_or_code, str) or len(name_or_code) > 80:
        return None
    key = _normalise(name_or_code)
    if codes_allowed:
        if len(key) == 2 and key in codes():
            return key
        if len(key) == 3 and key in _alpha3():
            return _alpha3()[key]
    return _names().get(key)
