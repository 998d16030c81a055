"""Small coded fields ↔ their ISO 20022 homes: 23B, 23E, 13C, 26T and 77B.

Where the canonical model has no member (settlement time requests,
regulatory reporting), the MX side is carried as an ISO 20022 fragment in the
transaction's supplementary bag, which the ISO writer places at its schema
position; the reverse reads the same fragments back.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lxml import etree

from finmsg.iso20022.envelope import local_name
from finmsg.iso20022.xmlsafe import parse_xml
from finmsg.model.common import Extra
from finmsg.model.payments import CodeOrProprietary, Instruction

__all__ = [
    "TIME_CODES",
    "code_23e",
    "fragment",
    "from_23e",
    "read_fragment",
    "regulatory_from_77b",
    "regulatory_to_77b",
    "regulatory_to_77b_of",
    "time_from_13c",
    "time_to_13c",
    "time_to_13c_of",
]

#: 23E codes placed in InstrForCdtrAgt (same code in ISO 20022).
CDTR_AGENT_CODES = frozenset({"CHQB", "HOLD", "PHOB", "TELB"})
#: 23E codes placed in InstrForNxtAgt, with their ISO 20022 code.
NEXT_AGENT_CODES = {"PHOI": "PHOA", "TELI": "TELA"}
SERVICE_CODES = frozenset({"SDVA"})
CATEGORY_CODES = frozenset({"INTC", "CORT"})
#: 13C codewords ↔ SttlmTmReq members.
TIME_CODES = {"CLSTIME": "CLSTm", "TILTIME": "TillTm", "FROTIME": "FrTm", "REJTIME": "RjctTm"}
_13C = re.compile(r"/([A-Z]{1,8})/(\d{2})(\d{2})([+-])(\d{2})(\d{2})\Z")
_ISO_TIME = re.compile(r"(\d{2}):(\d{2}):00(?:\.0+)?([+-])(\d{2}):(\d{2})\Z")
_77B = re.compile(r"/(ORDERRES|BENEFRES)/([A-Z]{2})//(.*)\Z")


def from_23e(value: str) -> tuple[str, str | None]:
    """(code, additional information) of a 23E value."""
    code, _, info = value.partition("/")
    return code, info or None


def code_23e(code: str, info: str | None) -> str:
    return f"{code}/{info}" if info else code


def fragment(path: str, element: etree._Element) -> Extra:
    """An ISO 20022 fragment for the supplementary bag (text escaped by lxml: no injection)."""
    return Extra("iso20022", path, etree.tostring(element, encoding="unicode"))


def read_fragment(extra: Extra) -> etree._Element:
    """The element of a bag fragment, parsed with the hardened parser."""
    return parse_xml(extra.content.encode("utf-8"))


@lru_cache(maxsize=1024)
def time_to_13c_of(content: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """:func:`time_to_13c` of a SttlmTmReq fragment's text: the same fragments recur, so the parse of
    each distinct text is done once (the element itself is never shared)."""
    out, left = time_to_13c(parse_xml(content.encode("utf-8")))
    return tuple(out), tuple(left)


@lru_cache(maxsize=1024)
def regulatory_to_77b_of(content: str) -> tuple[str, ...]:
    """:func:`regulatory_to_77b` of a RgltryRptg fragment's text, parsed once per distinct text."""
    return tuple(regulatory_to_77b(parse_xml(content.encode("utf-8"))))


def _child_text(el: etree._Element, name: str) -> str | None:
    for child in el.iterchildren("{*}*"):
        if local_name(child.tag) == name:
            return child.text
    return None


def time_from_13c(values: list[str]) -> tuple[etree._Element | None, list[str]]:
    """SttlmTmReq from 13C values; the values that have no place are returned."""
    req = etree.Element("SttlmTmReq")
    left: list[str] = []
    members: dict[str, str] = {}
    for value in values:
        m = _13C.match(value)
        if m is None or m.group(1) not in TIME_CODES or TIME_CODES[m.group(1)] in members:
            left.append(value)
            continue
        code, hh, mm, sign, oh, om = m.groups()
        members[TIME_CODES[code]] = f"{hh}:{mm}:00{sign}{oh}:{om}"
    for name in ("CLSTm", "TillTm", "FrTm", "RjctTm"):
        if name in members:
            etree.SubElement(req, name).text = members[name]
    return (req if members else None), left


def time_to_13c(el: etree._Element) -> tuple[list[str], list[str]]:
    """13C values from a SttlmTmReq fragment, and the members that do not fit 13C."""
    out: list[str] = []
    left: list[str] = []
    reverse = {v: k for k, v in TIME_CODES.items()}
    for child in el.iterchildren("{*}*"):
        name = local_name(child.tag)
        m = _ISO_TIME.match(child.text or "")
        if name in reverse and m:
            hh, mm, sign, oh, om = m.groups()
            out.append(f"/{reverse[name]}/{hh}{mm}{sign}{oh}{om}")
        else:
            left.append(f"{name}={child.text}")
    return out, left


def regulatory_from_77b(lines: list[str]) -> etree._Element:
    """RgltryRptg from 77B: ``/ORDERRES/BE//text`` sets the indicator and authority country."""
    rpt = etree.Element("RgltryRptg")
    m = _77B.match(lines[0]) if lines else None
    infos = list(lines)
    if m:
        etree.SubElement(rpt, "DbtCdtRptgInd").text = "DEBT" if m.group(1) == "ORDERRES" else "CRED"
        auth = etree.SubElement(rpt, "Authrty")
        etree.SubElement(auth, "Ctry").text = m.group(2)
        infos[0] = m.group(3)
    dtls = etree.SubElement(rpt, "Dtls")
    for info in infos:
        if info:
            etree.SubElement(dtls, "Inf").text = info
    return rpt


def regulatory_to_77b(el: etree._Element) -> list[str]:
    """77B lines from a RgltryRptg fragment (the reverse of :func:`regulatory_from_77b`)."""
    indicator = _child_text(el, "DbtCdtRptgInd")
    country = None
    infos: list[str] = []
    for child in el.iter("{*}*"):
        name = local_name(child.tag)
        parent = child.getparent()
        if name == "Ctry" and parent is not None and local_name(parent.tag) == "Authrty":
            country = child.text
        elif name == "Inf" and child.text:
            infos.append(child.text)
    if indicator in ("DEBT", "CRED") and country:
        code = "ORDERRES" if indicator == "DEBT" else "BENEFRES"
        first = infos.pop(0) if infos else ""
        return [f"/{code}/{country}//{first}", *infos]
    return infos


def instruction_for_23e(code: str, info: str | None) -> tuple[str, Instruction] | None:
    """Where a 23E code goes: (``cdtr``|``next``, instruction), or None for SvcLvl/CtgyPurp codes."""
    if code in CDTR_AGENT_CODES:
        return "cdtr", Instruction(code, info)
    if code in NEXT_AGENT_CODES:
        return "next", Instruction(NEXT_AGENT_CODES[code], info)
    return None


def code_value(code: str) -> CodeOrProprietary:
    return CodeOrProprietary(code=code)
