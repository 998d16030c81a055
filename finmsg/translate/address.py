"""SR2026 structured addresses from MT free-text lines, and back to MT lines.

From November 2026 CBPR+ rejects unstructured-only postal addresses: an MT
address (50K/59 lines, option F ``2/`` and ``3/`` lines) must become a
structured or hybrid ``PstlAdr`` with at least ``TwnNm`` and ``Ctry``.
:func:`structure_lines` recognises, conservatively:

* the country: a whole line, or the trailing words of the last line, that
  :func:`finmsg.standards.country.lookup` knows as a country *name*. A bare
  two-letter code is accepted as a whole line, or at the end of a line that is
  otherwise a post code and a town (``10001 NEW YORK US``), unless it is also a
  US, Canadian or Australian state code and the post code has that country's
  format (``90210 BEVERLY HILLS CA`` may be California: it stays unread);
* the post code and town: ``10115 BERLIN``, ``1012 AB AMSTERDAM``,
  ``LONDON EC2V 7HN``, ``NEW YORK NY 10005``;
* the street and building number: ``MAIN STREET 1``, ``1 MAIN STREET``.

Nothing is guessed beyond that: an address whose town or country cannot be
recognised stays unstructured, and the caller reports ``address.unstructured``.
The confidence says how much of the address was recognised by pattern.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from finmsg.model.common import AddressStyle, PostalAddress
from finmsg.standards import country as std_country
from finmsg.translate.memo import register

__all__ = ["AddressGuess", "address_lines", "address_rest", "clear_caches", "split_town", "structure_lines"]

_POSTCODE_FIRST = re.compile(
    r"(?P<pc>\d{4} ?[A-Z]{2}|\d{3} ?\d{2}|\d{2}-\d{3}|\d{3}-\d{4}|\d{5}-\d{4}|\d{4,6}"
    r"|[A-Z]{1,2}-\d{4,5})\s+(?P<town>[A-Za-z][A-Za-z .'()-]*)\Z"
)
_POSTCODE_LAST = re.compile(
    r"(?P<town>[A-Za-z][A-Za-z .'()-]*?),?\s+(?:(?P<sub>[A-Z]{2})\s+)?"
    r"(?P<pc>[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}|[A-Z]\d[A-Z] ?\d[A-Z]\d|\d{5}(?:-\d{4})?|\d{3}-\d{4})\Z"
)
_STREET = (
    re.compile(
        r"(?P<street>[A-Za-z][A-Za-z .'-]*[A-Za-z.])\s+(?P<nb>\d{1,5}[A-Za-z]?(?:[-/]\d{1,5}[A-Za-z]?)?)\Z"
    ),
    re.compile(r"(?P<nb>\d{1,5}[A-Za-z]?(?:-\d{1,5})?),?\s+(?P<street>[A-Za-z][A-Za-z .'-]*[A-Za-z.])\Z"),
)
_TOWN_ONLY = re.compile(r"[A-Za-z][A-Za-z .'-]{1,34}\Z")
_MAX_WORDS = 4


@dataclass(frozen=True, slots=True)
class AddressGuess:
    """The address built from lines, how sure we are (0-1) and what the SR2026 minimum lacks."""

    address: PostalAddress
    confidence: float
    missing: tuple[str, ...]


@lru_cache(maxsize=8192)
def _lookup(text: str, codes_allowed: bool) -> str | None:
    """Country names repeat across messages: the normalising lookup is cached."""
    return std_country.lookup(text, codes_allowed=codes_allowed)


def _country_of_line(line: str) -> str | None:
    stripped = line.strip(" ,.")
    return _lookup(stripped, True) if stripped else None


def _trailing_country(line: str) -> tuple[str, str] | None:
    """``BERLIN GERMANY`` → (``BERLIN``, ``DE``): a country *name* at the end of the line."""
    words = line.replace(",", " ").split()
    for n in range(min(_MAX_WORDS, len(words) - 1), 0, -1):
        code = _lookup(" ".join(words[-n:]), False)
        if code is not None:
            head = line.rstrip(" ,.")
            for _ in range(n):
                head = head.rstrip(" ,").rsplit(None, 1)[0] if " " in head.strip() else ""
            return head.rstrip(" ,"), code
    return None


#: Countries whose addresses put a two-letter state code after the town, with their post code format.
_STATE_POSTCODES = {
    "US": re.compile(r"\d{5}(?:-\d{4})?\Z"),
    "CA": re.compile(r"[A-Z]\d[A-Z] ?\d[A-Z]\d\Z"),
    "AU": re.compile(r"\d{4}\Z"),
}


def _trailing_code(line: str) -> tuple[str, str] | None:
    """``10001 NEW YORK US`` → (``10001 NEW YORK``, ``US``): an ISO code after a post code and a town."""
    head, _, last = line.strip(" ,.").rpartition(" ")
    head = head.rstrip(" ,")
    if not head or not re.fullmatch(r"[A-Z]{2}", last) or not std_country.is_valid(last):
        return None
    post_code, _, _ = split_town(head, last)
    if post_code is None:
        return None
    for state_country, pattern in _STATE_POSTCODES.items():
        if state_country != last and pattern.match(post_code) and _is_subdivision(state_country, last):
            return None  # "90210 BEVERLY HILLS CA": California as likely as Canada
    return head, last


@lru_cache(maxsize=1024)
def _is_subdivision(country: str, code: str) -> bool:
    """True when ``country-code`` is an ISO 3166-2 subdivision (``US-WA``), per pycountry."""
    import pycountry

    found: object = pycountry.subdivisions.get(code=f"{country}-{code}")  # type: ignore[no-untyped-call]
    return found is not None


def split_town(text: str, country: str | None = None) -> tuple[str | None, str | None, str | None]:
    """(post code, town, subdivision) of a ``10115 BERLIN`` / ``LONDON EC2V 7HN`` / ``SEATTLE WA`` line.

    A trailing two-letter subdivision is recognised only when ``country`` is known and
    ISO 3166-2 lists it for that country (``CA`` alone could be California or Canada).
    """
    text = text.strip(" ,")
    m = _POSTCODE_FIRST.match(text)
    if m:
        return m.group("pc"), m.group("town").strip(), None
    m = _POSTCODE_LAST.match(text)
    if m:
        return m.group("pc"), m.group("town").strip(" ,"), m.group("sub")
    head, _, last = text.rpartition(" ")
    if country and head and re.fullmatch(r"[A-Z]{2}", last) and _is_subdivision(country, last):
        return None, head.rstrip(" ,"), last
    return None, (text or None), None


def _street(line: str) -> tuple[str, str] | None:
    for pattern in _STREET:
        m = pattern.match(line.strip(" ,"))
        if m:
            return m.group("street").strip(), m.group("nb")
    return None


def structure_lines(lines: list[str], country: str | None = None, town: str | None = None) -> AddressGuess:
    """Build a structured/hybrid address from free lines (``country``/``town`` when already known).

    The answer depends on the lines alone and is immutable, and the same counterparties come back
    message after message, so answers are cached (bounded).
    """
    return _structure(tuple(lines), country, town)


@lru_cache(maxsize=4096)
def _structure(lines: tuple[str, ...], country: str | None, town: str | None) -> AddressGuess:
    work = [line for line in lines if line.strip()]
    score = 1.0
    post_code = subdivision = None
    if country is None and work:
        code = _country_of_line(work[-1])
        if code is not None and len(work[-1].strip()) > 1:
            country = code
            work.pop()
        else:
            found = _trailing_country(work[-1])
            if found is None:
                found = _trailing_code(work[-1])
                score -= 0.1 if found is not None else 0.0
            if found is not None:
                country = found[1]
                work[-1] = found[0]
                if not work[-1]:
                    work.pop()
    if town is None and work:
        post_code, found_town, subdivision = split_town(work[-1], country)
        if post_code is not None or subdivision is not None:
            town = found_town
            work.pop()
        elif found_town is not None and _TOWN_ONLY.match(found_town) and len(work) >= 1 and country:
            town = found_town
            work.pop()
            score -= 0.3
    elif town is not None:
        post_code, town, subdivision = split_town(town, country)
    street = building = None
    if work:
        parsed = _street(work[0])
        if parsed is not None:
            street, building = parsed
            work.pop(0)
    missing = tuple(name for name, value in (("TwnNm", town), ("Ctry", country)) if not value)
    if missing:
        address = PostalAddress(style=AddressStyle.UNSTRUCTURED, lines=tuple(lines))
        return AddressGuess(address, 0.0, missing)
    if work:
        score -= 0.1
    address = PostalAddress(
        style=PostalAddress.style_of(True, bool(work)),
        street_name=street,
        building_number=building,
        post_code=post_code,
        town_name=town,
        country_subdivision=subdivision,
        country=country,
        lines=tuple(work),
    )
    return AddressGuess(address, round(score, 2), ())


def address_lines(address: PostalAddress) -> tuple[list[str], str | None]:
    """MT address lines of a structured/hybrid address: (street lines, ``PstCd TwnNm``)."""
    lines: list[str] = []
    street = " ".join(v for v in (address.street_name, address.building_number) if v)
    extra = " ".join(
        v for v in (address.building_name, address.floor, address.room, address.unit_number) if v
    )
    for value in (
        address.department,
        address.sub_department,
        street,
        extra,
        f"PO BOX {address.post_box}" if address.post_box else None,
    ):
        if value:
            lines.append(value)
    lines.extend(address.lines)
    # Post code placed where split_town recognises it again: "10115 BERLIN", "LONDON SW1A 2AA",
    # "NEW YORK NY 10005".
    code = address.post_code
    if code and (code[:1].isalpha() or address.country_subdivision):
        town_parts = [address.town_name, address.country_subdivision, code]
    else:
        town_parts = [code, address.town_name, address.country_subdivision]
    town = " ".join(v for v in town_parts if v) or None
    return lines, town


def address_rest(address: PostalAddress) -> list[tuple[str, str]]:
    """(element, value) of the structured members :func:`address_lines` does not write.

    MT party lines have no place for the address type, care-of, town location or district: the
    caller reports each (TR031) rather than losing it silently. Four attribute reads."""
    rest = [
        (name, value)
        for name, value in (
            ("AdrTp", address.address_type),
            ("CareOf", address.care_of),
            ("TwnLctnNm", address.town_location_name),
            ("DstrctNm", address.district_name),
        )
        if value is not None
    ]
    return rest


def clear_caches() -> None:
    """Forget the cached address answers (benchmarks measure the first-seen cost with it).

    The country-name lookups stay cached: they are a fixed table, warm after a few messages.
    """
    _structure.cache_clear()


register(clear_caches)  # emptied with the other translation caches (finmsg.translate.memo)
