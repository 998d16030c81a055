"""Find the business messages in an XML input: Document alone, AppHdr + Document, wrappers.

ISO 20022 messages travel as a bare ``Document``, or as a Business Application
Header (``AppHdr``, head.001) next to the ``Document`` inside any wrapper element
(SWIFT's ``DataPDU``/``Body``, a bank's own envelope, or a file of many pairs).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from finmsg.errors import ParseError

__all__ = ["ISO_NS", "Envelope", "find_envelopes", "local_name", "message_id_of"]

ISO_NS = "urn:iso:std:iso:20022:tech:xsd:"
_MSG_ID = re.compile(r"([a-z]{4}\.\d{3}\.\d{3}\.\d{2}(?:\.[a-z]{2}\.\d{2})?)")
#: Wrappers are searched this deep for Document/AppHdr pairs.
_MAX_WRAPPER_DEPTH = 6


@dataclass(frozen=True, slots=True)
class Envelope:
    """One business message: its Document element, optional AppHdr, and message ids."""

    document: etree._Element
    message_id: str
    header: etree._Element | None = None
    header_id: str | None = None


def local_name(tag: str) -> str:
    return tag[tag.index("}") + 1 :] if tag[:1] == "{" else tag


def namespace_of(tag: str) -> str:
    return tag[1 : tag.index("}")] if tag[:1] == "{" else ""


def message_id_of(namespace: str) -> str | None:
    """``urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08`` → ``pacs.008.001.08`` (also Swiss variants)."""
    if namespace.startswith(ISO_NS):
        return namespace[len(ISO_NS) :]
    match = _MSG_ID.search(namespace)
    return match.group(1) if match else None


def _envelope(doc: etree._Element, header: etree._Element | None) -> Envelope:
    ns = namespace_of(doc.tag)
    msg_id = message_id_of(ns)
    if msg_id is None:
        first = next((local_name(c.tag) for c in doc if isinstance(c.tag, str)), "?")
        raise ParseError(
            f"Document has no ISO 20022 namespace (first child {first!r}); cannot tell its message type",
            code="iso.namespace-missing",
            path="/Document",
            value=ns,
        )
    header_id = message_id_of(namespace_of(header.tag)) if header is not None else None
    return Envelope(doc, msg_id, header, header_id)


def find_envelopes(root: etree._Element) -> list[Envelope]:
    """Every Document in ``root`` paired with the AppHdr that precedes it (if any)."""
    name = local_name(root.tag)
    if name == "Document":
        return [_envelope(root, None)]
    found: list[Envelope] = []
    _collect(root, found, 0)
    if not found:
        raise ParseError(
            f"no ISO 20022 Document element found under <{name}>",
            code="iso.no-document",
            path=f"/{name}",
        )
    return found


def _collect(parent: etree._Element, found: list[Envelope], depth: int) -> None:
    if depth > _MAX_WRAPPER_DEPTH:
        return
    header: etree._Element | None = None
    for child in parent:
        if not isinstance(child.tag, str):
            continue  # type: ignore[unreachable]  # comments/PIs: lxml-stubs types every tag as str
        name = local_name(child.tag)
        if name == "AppHdr":
            header = child
        elif name == "Document":
            found.append(_envelope(child, header))
            header = None
        else:
            _collect(child, found, depth + 1)
