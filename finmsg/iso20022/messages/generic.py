"""Any other ISO 20022 message: read and written back whole, never rejected for being unknown.

The catalog falls back to this codec when no family mapping exists (``acmt``, ``reda``,
``camt.055``, market variants). The Document content is kept as supplementary
fragments, so validation, rewriting and batch conversion still work; only the
canonical business fields are absent, which an info diagnostic says.
"""

from __future__ import annotations

from dataclasses import dataclass

from finmsg.iso20022.reading import Node
from finmsg.iso20022.writing import WNode
from finmsg.model.base import Message
from finmsg.model.payments import AppHeader

__all__ = ["GenericDocument", "read_generic", "write_generic"]


@dataclass(frozen=True, slots=True, kw_only=True)
class GenericDocument(Message):
    """An ISO 20022 message finmsg has no business mapping for; ``extras`` hold its content."""

    root: str
    header: AppHeader | None = None


def read_generic(root: Node, message_id: str, header: AppHeader | None) -> GenericDocument:
    names = [child.tag.rsplit("}", 1)[-1] for child in root.el if isinstance(child.tag, str)]
    root.ctx.info(
        "iso.generic",
        f"{message_id} has no business mapping in finmsg; its content is kept verbatim",
        root.path,
    )
    return GenericDocument(
        message_type=message_id,
        family="iso20022",
        root=names[0] if names else "",
        header=header,
        extras=root.extras(),
    )


def write_generic(doc: WNode, message: GenericDocument) -> None:
    doc.extras(message.extras)
