"""Cutting an XML input that holds several ISO 20022 messages into each one's original bytes.

Why a module of its own: the batch quarantines a failed message as the bytes it was given, and
its audit hashes them; finding those bytes (a byte search for the ``AppHdr``/``Document`` tags,
checked against the parsed tree) and carrying what reading them needs (:class:`IsoPart`) is one
job, apart from registering the family (:mod:`finmsg.iso20022.format`).
"""

from __future__ import annotations

import codecs
import re
from bisect import bisect_right
from collections.abc import Callable, Mapping
from typing import Any

from lxml import etree

from finmsg.diagnostics import Diagnostic, Result, Severity
from finmsg.iso20022.document import limits_from, read_compact, read_envelope, read_iso
from finmsg.iso20022.envelope import Envelope, find_envelopes, local_name
from finmsg.iso20022.xmlsafe import XmlLimits, parse_xml
from finmsg.model.base import Message
from finmsg.registry import RawMessage

__all__ = ["Hit", "IsoPart", "cut_parts", "read_part", "tag_hits"]

#: One ``AppHdr`` or ``Document`` tag: where its ``<`` is, where its name ends, whether it is a
#: Document, whether it is an end tag.
Hit = tuple[int, int, bool, bool]
_NAMES = ((False, b"AppHdr"), (True, b"Document"))
#: What may follow a tag's name (``\s`` of a bytes pattern, ``/``, ``>``).
_NAME_END = frozenset(b" \t\n\r\x0b\x0c/>")
_PREFIX = re.compile(rb"[A-Za-z_][\w.-]*:")
_LT, _SLASH, _COLON = b"<"[0], b"/"[0], b":"[0]


def tag_hits(data: bytes) -> list[Hit]:
    """Every ``AppHdr`` and ``Document`` tag of ``data`` (``<Name``, ``</Name``, with or without
    a namespace prefix, followed by a blank, ``/`` or ``>``), in order, comments and CDATA
    sections included.

    Why not one regular expression: searching the two names (a fast byte search) and looking
    around each costs a tenth of what the regular expression engine takes to try every ``<``.
    """
    hits: list[Hit] = []
    size = len(data)
    for is_document, name in _NAMES:
        at = data.find(name)
        while at >= 0:
            after = at + len(name)
            if after < size and data[after] in _NAME_END:
                lt = _tag_start(data, at)
                if lt >= 0:
                    hits.append((lt, after, is_document, data[lt + 1] == _SLASH))
            at = data.find(name, after)
    hits.sort()
    return hits


def _tag_start(data: bytes, at: int) -> int:
    """Where the tag whose name starts at ``at`` opens (its ``<``), or -1 when the name is not
    a tag's: ``<``, ``</``, ``<prefix:`` or ``</prefix:`` must stand right before it."""
    before = data[at - 1] if at else -1
    if before == _LT:
        return at - 1
    if before == _SLASH:
        return at - 2 if at >= 2 and data[at - 2] == _LT else -1
    if before != _COLON:
        return -1
    lt = data.rfind(b"<", 0, at)
    if lt < 0:
        return -1
    start = lt + 2 if data[lt + 1] == _SLASH else lt + 1
    return lt if _PREFIX.fullmatch(data, start, at) else -1


class IsoPart(bytes):
    """The original bytes of one message of a multi-message XML input: its ``AppHdr`` (when it
    has one) through its ``Document``, exactly as they stand in the input.

    Why these bytes and not a new document: a quarantined message must be the very bytes it was
    given, and the audit's ``sha256_in`` their digest. They are not a document alone (two sibling
    elements; namespaces or the encoding may be declared by the wrapper), so each part carries
    what reading it needs: the elements already parsed while cutting (``envelope``, in the
    process that cut the input: nothing is parsed twice), and :meth:`standalone`, the same
    message as a UTF-8 document of its own (for validation, another process or other limits).
    A copy made with ``bytes(part)`` is only the original bytes.
    """

    message_id: str
    envelope: Envelope | None
    #: The limits the input was parsed with, whether that parse was compact
    #: (:func:`~finmsg.iso20022.xmlsafe.parse_for_reading`) and whether the input has comments.
    limits: XmlLimits
    compact: bool
    commented: bool
    #: Offsets in the part of its AppHdr (None: no header) and of its Document.
    header_span: tuple[int, int] | None
    document_span: tuple[int, int]
    #: The input's encoding when it is not UTF-8 (a Python codec name).
    codec: str | None
    #: The start (XML declaration, wrapper declaring the namespaces in scope) and end of
    #: :meth:`standalone`; built from ``envelope`` when first needed.
    _ends: tuple[bytes, bytes] | None

    def standalone(self) -> bytes:
        """The message as a UTF-8 document of its own: a wrapper declaring the namespaces in
        scope at the message, around its AppHdr and Document (what lies between them left out)."""
        head, tail = self._wrapper()
        d0, d1 = self.document_span
        body = self[d0:d1] if self.header_span is None else self[slice(*self.header_span)] + self[d0:d1]
        if self.codec is not None:
            body = body.decode(self.codec).encode("utf-8")
        return head + body + tail

    def _wrapper(self) -> tuple[bytes, bytes]:
        ends = self._ends
        if ends is None:
            assert self.envelope is not None  # only a restored part lacks it, and it has its ends
            ends = self._ends = _wrapper_ends(self.envelope.document.getparent())
        return ends

    def __reduce__(self) -> tuple[Callable[..., IsoPart], tuple[Any, ...]]:
        """Pickled without the parsed elements (lxml's cannot be): the copy reads from :meth:`standalone`."""
        spans = (self.header_span, self.document_span)
        return _restore, (bytes(self), self.message_id, self.limits, *spans, self.codec, self._wrapper())


def _restore(
    data: bytes,
    message_id: str,
    limits: XmlLimits,
    header_span: tuple[int, int] | None,
    document_span: tuple[int, int],
    codec: str | None,
    ends: tuple[bytes, bytes] | None,
) -> IsoPart:
    return _make_part(data, message_id, None, limits, False, False, header_span, document_span, codec, ends)


def _make_part(
    data: bytes | memoryview,
    message_id: str,
    envelope: Envelope | None,
    limits: XmlLimits,
    compact: bool,
    commented: bool,
    header_span: tuple[int, int] | None,
    document_span: tuple[int, int],
    codec: str | None,
    ends: tuple[bytes, bytes] | None,
) -> IsoPart:
    part = IsoPart(data)
    part.message_id, part.envelope, part.limits, part.compact = message_id, envelope, limits, compact
    part.commented, part.header_span, part.document_span = commented, header_span, document_span
    part.codec, part._ends = codec, ends
    return part


def _wrapper_ends(parent: etree._Element | None) -> tuple[bytes, bytes]:
    """An XML declaration and a start tag that declares the namespaces in scope at ``parent``
    (named as it is locally), and its end tag: what makes a part a document of its own."""
    name = "Envelope" if parent is None else local_name(parent.tag)
    nsmap = {} if parent is None else parent.nsmap
    declared = "".join(
        f' xmlns="{_attribute(uri)}"' if prefix is None else f' xmlns:{prefix}="{_attribute(uri)}"'
        for prefix, uri in nsmap.items()
    )
    return f"<?xml version='1.0' encoding='UTF-8'?>\n<{name}{declared}>".encode(), f"</{name}>".encode()


def _attribute(text: str) -> str:
    """``text`` as an attribute value (quoted with ``"``); line breaks as references, so that a
    part's line numbers stay the ones its own lines give."""
    for raw, escaped in (("&", "&amp;"), ("<", "&lt;"), ('"', "&quot;"), ("\n", "&#10;"), ("\r", "&#13;")):
        text = text.replace(raw, escaped)
    return text


def read_part(part: IsoPart, options: Mapping[str, Any]) -> Result[Message]:
    """:func:`~finmsg.iso20022.document.read_iso` of one part, from the elements parsed while
    cutting when there are (and the limits are those of that parse); the same result, findings
    included, as reading :meth:`IsoPart.standalone`."""
    envelope = part.envelope
    limits = limits_from(options)
    if envelope is None or (limits is not part.limits and limits != part.limits):
        return read_iso(part.standalone(), options)
    result = read_compact(envelope) if part.compact else None
    if result is None:
        if part.compact:  # rare: the compact tree could not give the exact result
            envelope = find_envelopes(parse_xml(part.standalone(), limits))[0]
        result = read_envelope(envelope)
    if part.commented and _has_comment(envelope):
        result.diagnostics.append(
            Diagnostic(  # as read_iso says it
                "iso.comments-dropped",
                Severity.INFO,
                "XML comments carry no message data and are not kept in the model",
                path="/",
            )
        )
    return result


def _has_comment(envelope: Envelope) -> bool:
    """True when a comment is inside the message's AppHdr or Document (one between them, or in
    the wrapper, is not part of the message)."""
    for element in (envelope.header, envelope.document):
        if element is not None and next(element.iter(etree.Comment), None) is not None:
            return True
    return False


#: Where a part's bytes cannot be found by looking at them as ASCII markup: UTF-16 / UTF-32.
_WIDE = (b"\xff\xfe", b"\xfe\xff")
_TAG_REST = re.compile(rb"""(?:[^>"']|"[^"]*"|'[^']*')*>""")
#: Markup whose content is not markup: a tag name inside them is text.
_HIDDEN = re.compile(rb"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>", re.S)


def _has_hidden(data: bytes) -> bool:
    """True when ``data`` may hold a comment, CDATA section or processing instruction (its XML
    declaration aside). Single-byte searches first: ``!`` and ``?`` are rare in messages."""
    if b"!" in data and b"<!" in data:
        return True
    start = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    if data.startswith(b"<?xml", start):
        start = data.find(b"?>", start) + 2
    return data.find(b"?", start) >= 0 and data.find(b"<?", start) >= 0


def _tags(data: bytes, hits: list[Hit]) -> list[tuple[int, int, bool, bool, bool]]:
    """The ``hits`` (:func:`tag_hits`) of the well-formed ``data`` that are markup, as (start,
    end, is_document, closing, empty): those inside a comment, CDATA section or processing
    instruction are left out."""
    hidden: list[int] = []  # the starts and ends of the comments, CDATA sections, PIs
    if _has_hidden(data):
        for match in _HIDDEN.finditer(data):
            hidden.extend(match.span())
    tags = []
    for lt, after, is_document, closing in hits:
        if hidden and bisect_right(hidden, lt) % 2:
            continue  # inside a comment, CDATA section or PI
        if closing:
            tags.append((lt, data.index(b">", after) + 1, is_document, True, False))
            continue
        end = data.find(b">", after) + 1
        if data.find(b"'", after, end) >= 0 or data.count(b'"', after, end) % 2:
            rest = _TAG_REST.match(data, after)  # a ">" inside an attribute value
            if rest is None:  # cannot happen in well-formed XML
                continue
            end = rest.end()
        tags.append((lt, end, is_document, False, data[end - 2] == _SLASH))
    return tags


def _top_spans(data: bytes, hits: list[Hit]) -> list[tuple[bool, int, int]] | None:
    """The (is_document, start, end) of every AppHdr and Document element that is not inside
    another one, in order; None when the tags do not nest (never in well-formed XML)."""
    spans: list[tuple[bool, int, int]] = []
    depth, kind, start = 0, False, 0
    for lt, end, is_document, closing, empty in _tags(data, hits):
        if depth == 0:
            if closing:
                return None
            if empty:
                spans.append((is_document, lt, end))
            else:
                depth, kind, start = 1, is_document, lt
        elif is_document is kind:  # the same name nested in itself, or its end
            if closing:
                depth -= 1
                if depth == 0:
                    spans.append((is_document, start, end))
            elif not empty:
                depth += 1
    return spans if depth == 0 else None


def _codec(data: bytes, root: etree._Element) -> str | None:
    """The Python codec of a parsed input's encoding: ``""`` for UTF-8 (or ASCII), None when
    its bytes are not ASCII markup (UTF-16/32) or Python has no such codec."""
    if data.startswith(_WIDE) or b"\x00" in data[:4]:
        return None
    start = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    if not data.startswith(b"<?xml", start) or b"encoding" not in data[: data.find(b"?>")]:
        return ""
    try:
        name = codecs.lookup(root.getroottree().docinfo.encoding or "utf-8").name
    except LookupError:
        return None
    return "" if name in ("utf-8", "ascii") else name


def cut_parts(
    data: bytes,
    root: etree._Element,
    envelopes: list[Envelope],
    compact: bool,
    limits: XmlLimits,
    hits: list[Hit] | None = None,
) -> list[RawMessage] | None:
    """The messages of an input holding several, each an :class:`IsoPart` of its original
    bytes; None when they cannot be told apart in the bytes for certain.

    ``root`` is ``data`` parsed (with ``limits``; ``compact``: without indentation) and
    ``envelopes`` its messages (:func:`~finmsg.iso20022.envelope.find_envelopes`); ``hits``
    its :func:`tag_hits` when already found. The tags
    found in the bytes (:func:`_top_spans`) must be those messages, one for one: every
    Document the envelopes hold is a top-level Document there (not inside an AppHdr or
    Document), so equal counts mean the same elements; each header must be the last AppHdr
    after the previous Document, and every AppHdr must be a header. Anything else (a Document
    deeper than the envelopes look, an AppHdr that heads nothing, UTF-16) answers None.
    """
    codec = _codec(data, root)
    if codec is None:
        return None
    spans = _top_spans(data, tag_hits(data) if hits is None else hits)
    if spans is None or sum(is_document for is_document, _, _ in spans) != len(envelopes):
        return None
    commented = not compact and b"<!--" in data
    view = memoryview(data)
    parts: list[RawMessage] = []
    header: tuple[int, int] | None = None
    headers = 0
    for is_document, start, end in spans:
        if not is_document:
            headers += 1
            header = (start, end)
            continue
        envelope = envelopes[len(parts)]
        first = start
        header_span = None
        if envelope.header is not None:
            if header is None:
                return None
            first = header[0]
            header_span = (0, header[1] - first)
        elif header is not None:
            return None  # an AppHdr the reader does not pair with this Document
        header = None
        document_span = (start - first, end - first)
        found = (envelope.message_id, envelope, limits, compact, commented, header_span, document_span)
        part = _make_part(view[first:end], *found, codec or None, None)
        parts.append(RawMessage(part, "iso20022", envelope.message_id, len(parts) + 1, first))
    if header is not None or headers != sum(e.header is not None for e in envelopes):
        return None
    if codec:
        try:  # a part that cannot be decoded the way the parser did is cut the old way
            for raw in parts:
                assert isinstance(raw.data, IsoPart)
                raw.data.standalone()
        except UnicodeError:
            return None
    return parts
