"""Registers the ``iso20022`` family: sniff, split, read, validate, write."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from lxml import etree

from finmsg.diagnostics import Diagnostic, Result, Severity
from finmsg.errors import FinmsgError, ParseError
from finmsg.iso20022.document import limits_from, read_envelope, read_iso, write_iso
from finmsg.iso20022.envelope import Envelope, find_envelopes
from finmsg.iso20022.parts import Hit, IsoPart, cut_parts, read_part, tag_hits
from finmsg.iso20022.xmlsafe import parse_for_reading, parse_xml
from finmsg.model.base import Message
from finmsg.registry import FormatHandler, RawMessage, register_format

__all__ = ["IsoPart", "cut_parts", "read_all"]  # IsoPart and cut_parts: from finmsg.iso20022.parts

_TARGET = re.compile(r"^(iso20022|xml|mx|[a-z]{4}\.\d{3}(\.\d{3}\.\d{2})?)$")


#: A ``<`` after nothing but BOM bytes and whitespace (the characters ``lstrip`` would remove).
_XML_START = re.compile(rb"[\xef\xbb\xbf \t\r\n]*<")


def _sniff(data: bytes) -> bool:
    """An :class:`IsoPart`, or XML (a ``<`` first, after any BOM and whitespace, within 4 KiB)
    that names the ISO 20022 namespace in its first 64 KiB, or has ``Document`` in its first 4 KiB.

    Searched in place (``match``/``find`` with bounds) rather than on slices: detecting the
    family is paid on every ``validate``/``parse`` without a format, and copying the first
    kilobytes twice cost more than the searches.
    """
    if type(data) is IsoPart:  # cut from an ISO input: its namespaces may be declared by the wrapper
        return True
    if _XML_START.match(data, 0, 4096) is None:
        return data.startswith(_WIDE_START) and _sniff_wide(data)
    return data.find(b"urn:iso:std:iso:20022", 0, 65536) >= 0 or data.find(b"Document", 0, 4096) >= 0


#: The first bytes of the UTF-16 and UTF-32 byte order marks.
_WIDE_START = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")


def _sniff_wide(data: bytes) -> bool:
    """:func:`_sniff` of a UTF-16 or UTF-32 input with a byte order mark: the same test on the
    text of its first 64 KiB (the parser reads such a file; only the byte searches could not).
    Paid only by an input that starts with such a mark."""
    from finmsg.iso20022.concat import WIDE_MARKS

    for mark, codec in WIDE_MARKS:
        if data.startswith(mark):
            head = data[len(mark) : len(mark) + 65536].decode(codec, "ignore").encode("utf-8")
            return _XML_START.match(head, 0, 4096) is not None and _sniff(head)
    return False


_ISO_ID = re.compile(rb'"urn:iso:std:iso:20022:tech:xsd:([a-z]{4}\.\d{3}\.\d{3}\.\d{2})"')


def _single_document_id(data: bytes, hits: list[Hit]) -> str | None:
    """The message id of an input holding exactly one Document, found without parsing it.

    The reader parses the message anyway (with every safety check), so parsing it here
    too would double the cost of a batch run. A ``<Document`` can only be a tag in
    well-formed XML (text escapes ``<``); anything unusual falls back to a full parse.
    ``hits`` are the input's :func:`~finmsg.iso20022.parts.tag_hits`: one Document start (or
    empty) tag among them.
    """
    if sum(is_document and not closing for _, _, is_document, closing in hits) != 1:
        return None
    ids = {m.decode("ascii") for m in _ISO_ID.findall(data) if not m.startswith(b"head.")}
    return ids.pop() if len(ids) == 1 else None


def _split(data: bytes, options: Mapping[str, Any]) -> Iterator[RawMessage]:
    if type(data) is IsoPart:  # one message cut from a larger input already
        yield RawMessage(data, "iso20022", data.message_id, offset=0)
        return
    hits = tag_hits(data)
    single = _single_document_id(data, hits)
    if single is not None and not data.startswith(_WIDE_START):  # (the tags seen are not UTF-16's)
        yield RawMessage(data, "iso20022", single)
        return
    limits = limits_from(options)
    try:
        root, compact = parse_for_reading(data, limits)
    except ParseError as exc:
        # Whole XML files joined end to end (as archives hold them) are not one document: cut
        # them into their documents, each split as usual; only looked for once parsing failed.
        if exc.code != "xml.syntax":
            raise
        from finmsg.iso20022.concat import split_documents

        joined = split_documents(data, options, _split)
        if joined is None:
            raise
        yield from joined
        return
    envelopes = find_envelopes(root)
    if len(envelopes) == 1:
        yield RawMessage(data, "iso20022", envelopes[0].message_id)
        return
    parts = cut_parts(data, root, envelopes, compact, limits, hits)
    if parts is not None:
        yield from parts
        return
    if compact:  # the copies below keep the indentation, as they always did
        envelopes = find_envelopes(parse_xml(data, limits))
    yield from _reserialised(envelopes)


def _reserialised(envelopes: list[Envelope]) -> Iterator[RawMessage]:
    """Each message as a new document (its AppHdr and Document copied into a wrapper): for the
    rare input :func:`cut_parts` cannot cut into its original bytes."""
    for index, env in enumerate(envelopes, start=1):
        parent = env.document.getparent()
        wrapper = etree.Element(parent.tag if parent is not None else "Envelope")
        if env.header is not None:
            wrapper.append(_copy(env.header))
        wrapper.append(_copy(env.document))
        yield RawMessage(etree.tostring(wrapper, encoding="UTF-8"), "iso20022", env.message_id, index)


def _copy(el: etree._Element) -> etree._Element:
    return etree.fromstring(etree.tostring(el))


def _validate(data: bytes, options: Mapping[str, Any]) -> Result[Message | None]:
    if type(data) is IsoPart:  # the original bytes of one message of a larger input: not a document alone
        data = data.standalone()
    validate = _lazy.get("validate_iso")
    if validate is None:  # imported on first use: reading alone never loads the checks
        from finmsg.iso20022.validate import validate_iso

        validate = _lazy["validate_iso"] = validate_iso
    return validate(data, options)


#: Functions imported on first use, kept: an import statement per message costs ~2k instructions.
_lazy: dict[str, Callable[[bytes, Mapping[str, Any]], Result[Message | None]]] = {}


def _read(data: bytes, options: Mapping[str, Any]) -> Result[Message]:
    if type(data) is IsoPart:
        return read_part(data, options)
    return read_iso(data, options)


def read_all(data: bytes, options: Mapping[str, Any]) -> Iterator[Result[Message]]:
    """Every message of a (possibly multi-document) input."""
    for env in find_envelopes(parse_xml(data, limits_from(options))):
        try:
            yield read_envelope(env)
        except FinmsgError as exc:
            yield Result(None, [Diagnostic(exc.code, Severity.ERROR, exc.message, path=exc.path)])  # type: ignore[arg-type]


#: Families whose codecs :func:`_warm` loads ahead of time: the payments and statements most
#: archives hold. Others stay lazy (importing every codec costs more than a typical run meets).
_WARM_FAMILIES = ("pacs.008.001.08", "camt.053.001.08")


def _warm() -> None:
    """Load the codecs (reader, writer, model classes) of the common families, so that a batch
    coordinator pays for them once before forking its workers instead of each worker on its
    first message of each family. XSD schemas stay lazy: only validation needs them.
    """
    from finmsg.iso20022.catalog import codec_for

    for message_id in _WARM_FAMILIES:
        codec_for(message_id)


register_format(
    FormatHandler(
        family="iso20022",
        extension=".xml",
        sniff=_sniff,
        split=_split,
        read=_read,
        validate=_validate,
        write=write_iso,
        accepts=lambda target: bool(_TARGET.match(target.lower())),
        priority=10,
        aliases=("mx", "xml", "iso"),
        warm=_warm,
    )
)
