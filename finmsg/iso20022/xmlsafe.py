"""Hardened XML parsing: no DTDs, no entities, no network, bounded size and depth.

Financial messages never need a DTD, so any ``<!DOCTYPE`` or ``<!ENTITY`` is
rejected before libxml2 sees the document. That single rule defeats the
billion-laughs and quadratic-blowup bombs and every external-entity (XXE) trick,
in time linear in the input size.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TypedDict

from lxml import etree

from finmsg.errors import LimitExceededError, ParseError

__all__ = ["MAX_DEPTH", "XmlLimits", "blank_before_cr", "parse_for_reading", "parse_xml"]


@dataclass(frozen=True, slots=True)
class XmlLimits:
    """Size and depth limits for one in-memory XML document.

    ``max_depth`` above 256 also needs ``huge_tree`` in libxml2, which stays off:
    no ISO 20022 message nests deeper than about 30 levels.
    """

    max_bytes: int = 100 * 1024 * 1024
    max_depth: int = 256


#: The deepest ``max_depth`` that means something: libxml2 stops at 256 levels without ``huge_tree``.
MAX_DEPTH = 256


DEFAULT_LIMITS = XmlLimits()


class Hardening(TypedDict):
    """Keyword arguments for lxml parsers (typed so that ``**HARDENED`` type-checks)."""

    resolve_entities: bool
    no_network: bool
    load_dtd: bool
    huge_tree: bool


#: The hardening every finmsg XML parser shares: no entities, no DTD, no network, no huge trees.
HARDENED: Hardening = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "huge_tree": False,
}

_PARSER = etree.XMLParser(**HARDENED, dtd_validation=False, remove_pis=True, collect_ids=False)
#: The same parser dropping whitespace-only text between elements (indentation): fewer text
#: nodes make both the parse and the XSD validation cheaper (measured on the benchmark
#: pacs.008: parse + validate 424k instead of 465k instructions). Only for inputs where that
#: drop is exact (see :func:`parse_for_reading`).
_COMPACT_PARSER = etree.XMLParser(
    **HARDENED, dtd_validation=False, remove_pis=True, collect_ids=False, remove_blank_text=True
)
#: Switch for :func:`parse_for_reading` (tests compare both ways).
COMPACT_READING = True


def check_no_dtd(data: bytes) -> None:
    """Reject any document type declaration or entity declaration.

    ``b"!"`` is looked for first: one ``memchr`` pass, where searching a short pattern
    in markup dense with ``<`` costs several instructions per byte.
    """
    if b"!" in data and (b"<!DOCTYPE" in data or b"<!ENTITY" in data):
        raise LimitExceededError(
            "XML document type declarations and entities are not allowed in financial messages",
            code="xml.dtd-forbidden",
            path="/",
        )


def parse_xml(data: bytes, limits: XmlLimits = DEFAULT_LIMITS) -> etree._Element:
    """Parse ``data`` into an lxml root element, or raise a typed :class:`ParseError`."""
    return _parse(data, limits, _PARSER)


def parse_for_reading(data: bytes, limits: XmlLimits = DEFAULT_LIMITS) -> tuple[etree._Element, bool]:
    """:func:`parse_xml` for a reader, without the indentation when that is exact; True if so.

    libxml2 drops a whitespace-only text next to element siblings only; a leaf's value
    (``<Nm>  </Nm>``) stays. Next to a comment, CDATA section or processing instruction
    it would also drop blanks that are part of a value (``<Nm>  <!--c--></Nm>``), so such
    inputs get :func:`parse_xml`'s full tree. Mixed content (text beside child elements,
    only ever in a fragment a reader keeps whole) may lose a blank too: the reader tells
    (:class:`~finmsg.iso20022.reading.ReadContext` ``inexact``) and the caller parses
    again with :func:`parse_xml`. Whatever reads a compact tree must treat a missing
    whitespace-only text or tail like the blank it replaces (XSD validation does).
    """
    if COMPACT_READING and _plain(data):  # (no "<!" at all: no DTD either)
        return _parse(data, limits, _COMPACT_PARSER, dtd_checked=True), True
    return _parse(data, limits, _PARSER), False


def _plain(data: bytes) -> bool:
    """No comment, CDATA section or processing instruction (the XML declaration aside), in
    UTF-8 (or ASCII): the encoding where these bytes are the markup they look like.

    Single-byte searches (``memchr``) first: ``!`` and a ``?`` after the declaration
    are rare in messages, and only then is the costlier two-byte pattern looked for.
    Any doubt answers False: the full parse is always right, only slower.
    """
    if data[:1] == b"<":
        if data[1:2] == b"\x00":
            return False  # UTF-16/32 (LE) without a byte order mark
        start = 0
    elif data[:4] == b"\xef\xbb\xbf<":
        start = 3
    else:
        return False  # leading blanks, UTF-16/32 with a BOM or big-endian, EBCDIC...
    if data.startswith(b"<?xml", start):
        end = data.find(b">", start)  # the declaration's own values cannot hold a ">"
        declaration = data[start:end].lower()
        if end < 0 or (b"encoding" in declaration and b"utf-8" not in declaration):
            return False  # unfinished, or another encoding (UTF-7 could hide markup)
        start = end
    if b"!" in data and b"<!" in data:
        return False
    if blank_before_cr(data):
        return False  # libxml2 would drop a text's leading blanks there, even a leaf's
    return data.find(b"?", start) < 0 or data.find(b"<?", start) < 0


#: A blank right before a carriage return. libxml2 hands the blanks before a CR to its
#: blank test on their own, and that test lets a text followed by a CR go: without this
#: check ``<Nm> \r\nA</Nm>`` would read as ``"\nA"`` and ``<Id>\n\r\n</Id>`` as ``"\n"``
#: in a compact parse (``" \nA"`` and ``"\n\n"`` in a full one). CRLF indentation (``>\r\n  <``) has no
#: blank before its CR and keeps the compact parse.
_BLANK_BEFORE_CR = re.compile(rb"[ \t\n\r]\r")


def blank_before_cr(data: bytes) -> bool:
    """True when ``data`` has a blank right before a CR, where a parser dropping blank text
    (``remove_blank_text``) also drops blanks that are data (see ``_BLANK_BEFORE_CR``)."""
    return b"\r" in data and _BLANK_BEFORE_CR.search(data) is not None


#: The element put around an AppHdr + Document pair that has none (on the pair's first line, so
#: line numbers in findings stay those of the input).
_PAIR_START, _PAIR_END = b"<Envelope>", b"</Envelope>"


def _paired(data: bytes, parser: etree.XMLParser) -> etree._Element | None:
    """``data`` parsed inside a wrapper element when it is an AppHdr followed by a Document with
    nothing around them (:func:`~finmsg.iso20022.concat.header_and_document`), else None."""
    from finmsg.iso20022.concat import header_and_document

    at = header_and_document(data)
    if at is None:
        return None
    try:
        return etree.fromstring(data[:at] + _PAIR_START + data[at:] + _PAIR_END, parser)
    except etree.XMLSyntaxError:
        return None


def _parse(
    data: bytes, limits: XmlLimits, parser: etree.XMLParser, dtd_checked: bool = False
) -> etree._Element:
    if len(data) > limits.max_bytes:
        raise LimitExceededError(
            f"XML input of {len(data)} bytes exceeds the limit of {limits.max_bytes} bytes",
            code="xml.too-large",
            path="/",
            value=len(data),
        )
    if not dtd_checked:
        check_no_dtd(data)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line = getattr(exc, "lineno", None)
        message = str(exc)
        pair = _paired(data, parser) if "Extra content" in message else None
        if pair is None:
            code = "xml.too-deep" if "depth" in message.lower() else "xml.syntax"
            cls = LimitExceededError if code == "xml.too-deep" else ParseError
            raise cls(f"not well-formed XML: {message}", code=code, path=f"line {line}") from None
        root = pair
    if root is None:
        raise ParseError("empty XML document", code="xml.syntax", path="/")
    if limits.max_depth < 256:
        _check_depth(root, limits.max_depth)
    return root


def _check_depth(root: etree._Element, max_depth: int) -> None:
    stack = [(root, 1)]
    while stack:
        el, depth = stack.pop()
        if depth > max_depth:
            raise LimitExceededError(
                f"XML nesting deeper than {max_depth} levels", code="xml.too-deep", path=el.tag
            )
        stack.extend((child, depth + 1) for child in el)
