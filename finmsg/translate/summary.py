"""Readable text of a model value a translation could not place (the ``original`` of a loss).

A lossy diagnostic's ``original`` is what a person reads to repair the loss by hand, so it
must hold the lost content itself, completely and without Python or XML noise: an account
as ``IBAN DE89…`` or ``BBAN 2950… (scheme)``, a party as its name, address, BIC, LEI and
identifiers, an XML fragment without its namespace declarations. One function serves every
pair's "unplaced" walker, so a value reads the same whichever message lost it.
"""

from __future__ import annotations

import re
from dataclasses import fields, is_dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from finmsg.model.common import (
    Account,
    Agent,
    Amount,
    BirthInfo,
    ClearingMember,
    Extra,
    GenericId,
    Party,
    PostalAddress,
    Timestamp,
)
from finmsg.translate.address import address_lines

__all__ = ["describe", "plain_fragment"]

#: ``xmlns="…"`` and ``xmlns:p="…"`` declarations in a serialised fragment.
_XMLNS = re.compile(r"""\s+xmlns(?::[\w.-]+)?\s*=\s*(?:"[^"]*"|'[^']*')""")


def plain_fragment(text: str) -> str:
    """An XML fragment without its namespace declarations (the element names and text stay)."""
    if not text.startswith("<") or "xmlns" not in text:
        return text
    return _XMLNS.sub("", text)


def describe(value: Any) -> str:
    """``value`` as text a person can act on; members are joined with ``"; "``, empty ones left out."""
    if value is None:
        return ""
    if isinstance(value, str):
        return plain_fragment(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, (int, Decimal)):
        return str(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (tuple, list)):
        return _join(describe(v) for v in value)
    handler = _HANDLERS.get(type(value))
    if handler is not None:
        return str(handler(value))
    if is_dataclass(value) and not isinstance(value, type):
        return _join(describe(getattr(value, f.name)) for f in fields(value) if f.name != "extras")
    return str(value)


def _join(parts: Any) -> str:
    return "; ".join(p for p in parts if p)


def _amount(value: Amount) -> str:
    return f"{value.currency} {value.value}"


def _timestamp(value: Timestamp) -> str:
    return value.text or value.value.isoformat()


def _generic_id(value: GenericId) -> str:
    scheme = value.scheme_code or value.scheme_proprietary
    text = f"{scheme} {value.id}" if scheme else value.id
    return f"{text} (issuer {value.issuer})" if value.issuer else text


def _account(value: Account) -> str:
    return _join(
        (
            f"IBAN {value.iban}" if value.iban else "",
            _generic_id(value.other) if value.other is not None else "",
            f"type {value.type_code or value.type_proprietary}"
            if value.type_code or value.type_proprietary
            else "",
            f"currency {value.currency}" if value.currency else "",
            f"name {value.name}" if value.name else "",
            f"proxy {value.proxy}" if value.proxy else "",
        )
    )


def _address(value: PostalAddress) -> str:
    lines, town = address_lines(value)
    if town:
        lines.append(town)
    if value.town_location_name:
        lines.append(value.town_location_name)
    if value.district_name:
        lines.append(value.district_name)
    if value.care_of:
        lines.insert(0, f"c/o {value.care_of}")
    if value.country:
        lines.append(value.country)
    return ", ".join(lines)


def _birth(value: BirthInfo) -> str:
    place = ", ".join(v for v in (value.city, value.province, value.country) if v)
    return f"born {value.date} in {place}"


def _clearing(value: ClearingMember) -> str:
    system = value.system_code or value.system_proprietary
    return f"{system} {value.member_id}" if system else value.member_id


def _party(value: Party) -> str:
    return _join(
        (
            value.name or "",
            _address(value.address) if value.address is not None else "",
            f"BIC {value.bic}" if value.bic else "",
            f"LEI {value.lei}" if value.lei else "",
            *(_generic_id(i) for i in value.other_ids),
            _birth(value.birth) if value.birth is not None else "",
            f"residence {value.country_of_residence}" if value.country_of_residence else "",
        )
    )


def _agent(value: Agent) -> str:
    return _join(
        (
            f"BIC {value.bic}" if value.bic else "",
            f"LEI {value.lei}" if value.lei else "",
            _clearing(value.clearing) if value.clearing is not None else "",
            value.name or "",
            _address(value.address) if value.address is not None else "",
            _generic_id(value.other_id) if value.other_id is not None else "",
            f"branch {value.branch_id}" if value.branch_id else "",
        )
    )


def _extra(value: Extra) -> str:
    return plain_fragment(value.content)


_HANDLERS: dict[type, Any] = {
    Amount: _amount,
    Timestamp: _timestamp,
    GenericId: _generic_id,
    Account: _account,
    PostalAddress: _address,
    BirthInfo: _birth,
    ClearingMember: _clearing,
    Party: _party,
    Agent: _agent,
    Extra: _extra,
}
