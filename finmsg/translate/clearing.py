"""MT national clearing codes (``//FW021000021``) ↔ ISO 20022 ClrSysMmbId.

The two-letter MT codes and the ISO 20022 ExternalClearingSystemIdentification
codes are public code lists; the table pairs the ones that denote the same
clearing system. An MT code without an ISO equivalent travels as ``Prtry``, and the agent
reader says so (``mapping.unrecognised``, :func:`finmsg.translate.mt_parties.agent_from_mt`):
the table is the list of codes this translation recognises (``finmsg.standards`` has no
clearing-system list), so a code outside it is either a system ISO 20022 does not name or a typo.
"""

from __future__ import annotations

import re

from finmsg.model.common import ClearingMember

__all__ = ["clearing_from_mt", "clearing_to_mt"]

_MT_TO_ISO = {
    "AT": "ATBLZ",
    "AU": "AUBSB",
    "BL": "DEBLZ",
    "CC": "CACPA",
    "CH": "USCHU",
    "CN": "CNAPS",
    "CP": "USPID",
    "ES": "ESNCC",
    "FW": "USABA",
    "GR": "GRBIC",
    "HK": "HKNCC",
    "IE": "IENCC",
    "IN": "INFSC",
    "IT": "ITNCC",
    "NZ": "NZNCC",
    "PL": "PLKNR",
    "PT": "PTNCC",
    "RU": "RUCBC",
    "SC": "GBDSC",
    "SW": "CHBCC",
    "ZA": "ZANCC",
}
_ISO_TO_MT = {iso: mt for mt, iso in _MT_TO_ISO.items()}
_CODE = re.compile(r"//([A-Z]{2})(.+)\Z")


def clearing_from_mt(identifier: str) -> ClearingMember | None:
    """``//FW021000021`` → USABA member ``021000021``; ``None`` when not a clearing code."""
    m = _CODE.match(identifier)
    if m is None:
        return None
    code, member = m.group(1), m.group(2)
    iso = _MT_TO_ISO.get(code)
    return ClearingMember(member, iso, None if iso else code)


def clearing_to_mt(member: ClearingMember) -> str | None:
    """The ``//XX...`` party identifier of a clearing member, or ``None`` when MT has no code for it."""
    if member.system_code is not None:
        code = _ISO_TO_MT.get(member.system_code)
        return f"//{code}{member.member_id}" if code else None
    prtry = member.system_proprietary
    if prtry is not None and re.fullmatch(r"[A-Z]{2}", prtry):
        return f"//{prtry}{member.member_id}"
    return None
