"""Business Application Header (head.001.001.0x) ↔ :class:`AppHeader`."""

from __future__ import annotations

from finmsg.iso20022.reading import Node
from finmsg.iso20022.writing import WNode
from finmsg.model.common import Extra
from finmsg.model.payments import AppHeader

#: Path prefix of an AppHdr attribute kept as an extra (``xsi:schemaLocation`` in Clark notation).
_ATTRIBUTE = "/AppHdr/@"

__all__ = ["read_app_header", "write_app_header"]


def read_app_header(node: Node, version: str) -> AppHeader:
    # Fr/To are mapped only when they are plain FIId BIC/clearing ids; else kept whole.
    fr = node.strict("Fr", _party_ids)
    to = node.strict("To", _party_ids)
    return AppHeader(
        version=version,
        from_bic=fr[0] if fr else None,
        to_bic=to[0] if to else None,
        from_clearing=fr[1] if fr else None,
        to_clearing=to[1] if to else None,
        business_message_id=node.text("BizMsgIdr"),
        message_definition_id=node.text("MsgDefIdr"),
        business_service=node.text("BizSvc"),
        creation=node.timestamp("CreDt"),
        copy_duplicate=node.text("CpyDplct"),
        possible_duplicate=node.boolean("PssblDplct"),
        priority=node.text("Prty"),
        extras=node.extras() + _attributes(node),
    )


def _attributes(node: Node) -> tuple[Extra, ...]:
    """The AppHdr element's own attributes, kept as the Document's are (XML Schema accepts
    ``xsi:schemaLocation`` on any element, and real headers carry it): written back by
    :func:`write_app_header`, reported by a translation that has no place for them."""
    return tuple(Extra("iso20022", f"{_ATTRIBUTE}{key!s}", str(value)) for key, value in node.el.items())


def _party_ids(node: Node) -> tuple[str | None, str | None] | None:
    fiid = node.child("FIId")
    if fiid is None:
        return None
    fin = fiid.child("FinInstnId")
    if fin is None or fiid.extras():
        return None
    bic = fin.text("BICFI")
    member = None
    clr = fin.child("ClrSysMmbId")
    if clr is not None:
        member = clr.text("MmbId")
        if clr.extras():
            return None
    if fin.extras():
        return None
    return bic, member


def _write_party(node: WNode, name: str, bic: str | None, member: str | None) -> None:
    if bic is None and member is None:
        return
    party = node.add(name)
    fiid = party.add("FIId") if party else None
    fin = fiid.add("FinInstnId") if fiid else None
    if fin is None:
        return
    fin.text("BICFI", bic)
    if member is not None:
        clr = fin.add("ClrSysMmbId")
        if clr is not None:
            clr.text("MmbId", member)


def write_app_header(node: WNode, header: AppHeader) -> None:
    _write_party(node, "Fr", header.from_bic, header.from_clearing)
    _write_party(node, "To", header.to_bic, header.to_clearing)
    node.text("BizMsgIdr", header.business_message_id)
    node.text("MsgDefIdr", header.message_definition_id)
    node.text("BizSvc", header.business_service)
    node.timestamp("CreDt", header.creation)
    node.text("CpyDplct", header.copy_duplicate)
    node.boolean("PssblDplct", header.possible_duplicate)
    node.text("Prty", header.priority)
    node.extras([e for e in header.extras if not e.path.startswith(_ATTRIBUTE)])
    for extra in header.extras:
        if extra.path.startswith(_ATTRIBUTE):
            node.set(extra.path[len(_ATTRIBUTE) :], extra.content)
