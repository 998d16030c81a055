"""admi.024 notification of correspondence ↔ :class:`~finmsg.model.admin.Correspondence`.

The ISO 20022 home of free-format text between institutions (the MT199 / MT299
replacement in CBPR+). The reader maps the group header, each notification's
id, type, sub-type, narratives and related-notification ids; enclosed files,
location data and supplementary data stay as extras, so that writing the same
version reproduces the document.
"""

from __future__ import annotations

from finmsg.errors import ParseError
from finmsg.iso20022.catalog import MessageCodec
from finmsg.iso20022.components.exceptions import read_party_choice, write_party_choice
from finmsg.iso20022.components.parties import read_code, write_code
from finmsg.iso20022.reading import Node
from finmsg.iso20022.writing import WNode
from finmsg.model.admin import Correspondence, CorrespondenceHeader, CorrespondenceNotification
from finmsg.model.payments import AppHeader

__all__ = ["CODECS", "read_correspondence", "write_correspondence"]

_ROOT = "NtfctnOfCrspdc"


def _read_group(node: Node) -> CorrespondenceHeader:
    return CorrespondenceHeader(
        message_id=node.text("MsgId"),
        creation=node.timestamp("CreDtTm"),
        sender=read_party_choice(node, "Sndr"),
        receiver=read_party_choice(node, "Rcvr"),
        extras=node.extras(),
    )


def _write_group(parent: WNode, value: CorrespondenceHeader | None) -> None:
    if value is None:
        return
    node = parent.add("GrpHdr", value.message_id)
    if node is None:
        return
    node.text("MsgId", value.message_id)
    node.timestamp("CreDtTm", value.creation)
    write_party_choice(node, "Sndr", value.sender)
    write_party_choice(node, "Rcvr", value.receiver)
    node.extras(value.extras)


def _related_id(node: Node) -> str | None:
    """A related notification that is only an id (one with location data stays an extra)."""
    return node.text("NtfctnId")


def _read_notification(node: Node) -> CorrespondenceNotification:
    return CorrespondenceNotification(
        sender_id=node.text("SndrNtfctnId"),
        notification_type=read_code(node, "NtfctnTp"),
        sub_type=read_code(node, "NtfctnSubTp"),
        narrative=node.texts("NtfctnNrrtv"),
        related_ids=node.strict_all("RltdNtfctnData", _related_id),
        extras=node.extras(),
    )


def _write_notification(parent: WNode, value: CorrespondenceNotification) -> None:
    node = parent.add("NtfctnData", value.sender_id)
    if node is None:
        return
    node.text("SndrNtfctnId", value.sender_id)
    write_code(node, "NtfctnTp", value.notification_type)
    write_code(node, "NtfctnSubTp", value.sub_type)
    node.texts("NtfctnNrrtv", value.narrative)
    for related in value.related_ids:
        sub = node.add("RltdNtfctnData", related)
        if sub is not None:
            sub.text("NtfctnId", related)
    node.extras(value.extras)


def read_correspondence(root: Node, message_id: str, header: AppHeader | None) -> Correspondence:
    body = root.child(_ROOT)
    if body is None:
        raise ParseError(f"{message_id} Document has no {_ROOT}", code="iso.structure", path=root.path)
    group = body.child("GrpHdr")
    return Correspondence(
        message_type=message_id,
        family="iso20022",
        group_header=_read_group(group) if group is not None else None,
        notifications=tuple(_read_notification(n) for n in body.children("NtfctnData")),
        header=header,
        extras=body.extras() + root.extras(),
    )


def write_correspondence(doc: WNode, message: Correspondence) -> None:
    body = doc.add(_ROOT)
    if body is None:
        return
    _write_group(body, message.group_header)
    for notification in message.notifications:
        _write_notification(body, notification)
    body.extras(message.extras)
    doc.extras(message.extras)


CODECS = (
    MessageCodec(
        "admi.024",
        _ROOT,
        Correspondence,
        read_correspondence,
        write_correspondence,
        ("admi.024.001.01",),
        "admi.024.001.01",
    ),
)
