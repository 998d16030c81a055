"""Screening records of a SWIFT MT message, read from its fields' named components.

Why a separate walk: an MT message in the model is its lossless token layer (blocks and
``(tag, value)`` fields), which has no ``name`` or ``bic`` members for the generic
dataclass walk of :mod:`finmsg.reports.screening` to find — every MT message screened
as empty. Here each field is split by its SWIFT format into named components
(``account``, ``bic``, ``name_address``, ``narrative`` ...), and the component name
decides the kind, so no list of MT types is kept. A field whose format is unknown or
not matched is screened whole as ``text``: nothing escapes the view.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from finmsg.mt.message import MtField, MtMessage, occurrence_paths

__all__ = ["screen_mt"]

#: Component name -> kind of screenable data. Amounts, dates, codes and references are not.
_KINDS = {
    "account": "account",
    "bic": "bic",
    "party_identifier": "id",
    "narrative": "text",
    "location": "text",
    "place": "text",
    "description": "text",
    "supplementary": "text",
}
#: Line numbers of the structured party options (50F, 59F): 1 name, 2 address, 3 country/town,
#: 4-7 birth date, birth place, customer and national ids, 8 continuation of a name or id.
_NUMBERED = re.compile(r"([1-8])/(.*)")
_NUMBERED_KINDS = {"1": "name", "2": "address", "4": "id", "5": "address", "6": "id", "7": "id", "8": "name"}


def _record(path: str, kind: str, value: str) -> Iterator[dict[str, str]]:
    if value.strip():
        yield {"path": path, "kind": kind, "value": value}


def _name_address(path: str, text: str) -> Iterator[dict[str, str]]:
    lines = text.split("\n")
    numbered = [_NUMBERED.fullmatch(line) for line in lines]
    for n, (line, match) in enumerate(zip(lines, numbered, strict=True), start=1):
        here = f"{path}/line[{n}]"
        if all(numbered) and match is not None:
            code, rest = match.groups()
            if code == "3":  # 3/CC/town: the country, then the town and post code
                country, _, town = rest.partition("/")
                yield from _record(here, "country", country)
                yield from _record(here, "address", town)
            else:
                yield from _record(here, _NUMBERED_KINDS[code], rest)
        else:
            yield from _record(here, "name" if n == 1 else "address", line)


#: 50F line 1 in its code form ``4!a/2!a/27x``: the code, the issuing country, the identifier.
_PARTY_CODE = re.compile(r"([A-Z]{4})/([A-Z]{2})/(.+)", re.S)
#: 77B regulatory reporting: ``/ORDERRES/CC[//...]`` or ``/BENEFRES/CC[//...]`` (the narrative
#: after ``//`` is optional), the country of residence of the ordering customer or beneficiary.
_RESIDENCE = re.compile(r"/(?:ORDERRES|BENEFRES)/([A-Z]{2})(?://|\n|$)", re.M)


def _party_identifier(path: str, value: str) -> Iterator[dict[str, str]]:
    """50F line 1: ``/34x`` is an account (typed so, without its slash, as 59F's account is);
    ``4!a/2!a/27x`` an identifier issued in a country."""
    if value.startswith("/"):
        yield from _record(path, "account", value[1:])
        return
    coded = _PARTY_CODE.fullmatch(value)
    if coded is not None:
        yield from _record(path, "country", coded.group(2))
    yield from _record(path, "id", value)


def _field(path: str, f: MtField) -> Iterator[dict[str, str]]:
    parts = f.components
    if parts is None:
        yield from _record(path, "text", f.value)
        return
    for name, value in parts.items():
        here = f"{path}/{name}"
        if name == "name_address":
            yield from _name_address(here, value)
        elif name == "party_identifier":
            yield from _party_identifier(here, value)
        elif name == "narrative" and f.tag == "77B":
            for match in _RESIDENCE.finditer(value):
                yield from _record(here, "country", match.group(1))
            yield from _record(here, "text", value)
        elif name in _KINDS:
            yield from _record(here, _KINDS[name], value)
        elif name == "code" and f.tag.startswith("95"):  # 95R: a proprietary party code
            yield from _record(here, "id", value)


def _lt_bic(lt_address: str) -> str:
    """The BIC of a 12-character LT address (the terminal letter removed)."""
    return lt_address[:8] + lt_address[9:12] if len(lt_address) == 12 else lt_address


def screen_mt(message: MtMessage) -> Iterator[dict[str, str]]:
    """Every screenable value of ``message``: header BICs, then its fields in order."""
    prefix = message.path_prefix
    if message.basic_header is not None:
        yield from _record(f"{prefix}:block1", "bic", _lt_bic(message.basic_header.lt_address))
    header = message.application_header
    if header is not None:
        other = header.receiver if header.direction == "I" else header.sender
        yield from _record(f"{prefix}:block2", "bic", _lt_bic(other or ""))
    for f, path in zip(message.fields, occurrence_paths(prefix, message.fields), strict=True):
        yield from _field(path, f)
