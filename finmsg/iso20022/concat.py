"""Cut an input that is several whole XML documents one after another into those documents.

Why: archives often hold ISO 20022 files joined end to end (``cat *.xml``): each part has
its own ``<?xml ...?>`` declaration and root element (a ``Document``, or an AppHdr + Document
wrapper). Such an input is not one XML document, so the parser only says ``xml.syntax``;
the reader and the one-message calls use :func:`document_spans` *after* that failure (a good
message never pays for it) to tell "several documents" from "one broken document".

The cut is lexical, never a parse: it recognises comments, CDATA sections, processing
instructions, a document type declaration (skipped whole: its entities are never read or
expanded) and tags, so a ``<?xml`` or a tag inside a comment or a CDATA section is not a
boundary. It counts element nesting (checking that each end tag closes the element it
should), so any doubt (text outside a root element, an unclosed tag, a stray ``<``, an
encoding where these bytes are not the markup they look like) answers ``None``: the caller
then keeps the parser's own error. Each span is handed to the hardened parser afterwards.
A UTF-16 or UTF-32 input with a byte order mark is cut on its text (:func:`_wide_spans`):
its bytes are not ASCII markup, but its characters are.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace
from typing import Any

from finmsg.diagnostics import Diagnostic, Severity
from finmsg.errors import FinmsgError, OptionError
from finmsg.registry import RawMessage

__all__ = ["WIDE_MARKS", "document_spans", "header_and_document", "split_documents"]

#: One piece of the input: text, or one markup construct. The alternatives are tried in order,
#: so a comment, CDATA section, PI or DOCTYPE is recognised before the generic tag patterns.
#: The last alternative (a lone ``<``) only matches where no construct is well formed.
_PIECE = re.compile(
    rb"""
      (?P<text>[^<]+)
    | (?P<comment><!--.*?-->)
    | (?P<cdata><!\[CDATA\[.*?\]\]>)
    | (?P<pi><\?(?P<target>[^\s?]*).*?\?>)
    | (?P<doctype><!DOCTYPE(?:[^\[>"']|"[^"]*"|'[^']*'|\[(?:[^\]"']|"[^"]*"|'[^']*')*\])*>)
    | (?P<end></(?P<ename>[^\s>/]+)\s*>)
    | (?P<start><(?P<sname>[^\s>/!?]+)(?:[^>"']|"[^"]*"|'[^']*')*?(?P<empty>/)?>)
    | (?P<bad><)
    """,
    re.S | re.X,
)
#: What may stand between two documents besides markup: blanks, and the byte order mark of a
#: file that was appended as it was.
_BETWEEN = re.compile(rb"(?:[ \t\r\n]|\xef\xbb\xbf)*")
_BOM = b"\xef\xbb\xbf"
#: A first byte (after an optional UTF-8 BOM) that says the bytes are not ASCII-compatible.
_WIDE = (b"\xff\xfe", b"\xfe\xff", b"\x00")
#: The byte order marks of the encodings whose bytes are not ASCII markup, and the codec of the
#: text after each; UTF-32 LE first (its mark begins with UTF-16 LE's).
WIDE_MARKS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def document_spans(data: bytes) -> list[tuple[int, int]] | None:
    """The ``(start, end)`` byte offsets of each whole XML document in ``data``, in order;
    ``None`` when ``data`` is not a clean sequence of whole documents.

    A document runs from its first markup (the first one from byte 0, so that a leading byte
    order mark stays with it) to the end of the last comment or processing instruction that
    follows its root element before the next document begins. A new document begins at an XML
    declaration, a document type declaration or a start tag once the root element closed.
    Blanks and UTF-8 byte order marks between documents belong to neither.
    """
    if data.startswith(_WIDE) or data.startswith(_BOM + b"\x00"):
        return None
    spans: list[tuple[int, int]] = []
    stack: list[bytes] = []  # the names of the open elements of the current root
    start: int | None = None  # where the current document began
    end = 0  # where its last markup ended
    rooted = False  # the current document's root element has closed
    position, length = 0, len(data)
    while position < length:
        piece = _PIECE.match(data, position)
        if piece is None:  # cannot happen: the last alternative matches any "<"
            return None
        kind, position = piece.lastgroup, piece.end()
        if stack:  # inside a root element: only the nesting matters
            if kind == "start" and piece.group("empty") is None:
                stack.append(piece.group("sname"))
            elif kind == "end":
                if stack.pop() != piece.group("ename"):
                    return None
                if not stack:
                    rooted, end = True, position
            elif kind == "bad":
                return None
            continue
        if kind == "text":
            if _BETWEEN.fullmatch(piece.group()) is None:
                return None  # text outside any element: not a sequence of documents
            continue
        if kind not in ("comment", "pi", "doctype", "start"):
            return None  # an end tag with nothing open, CDATA outside an element, a stray "<"
        declaration = kind == "pi" and piece.group("target") == b"xml"
        if rooted and (declaration or kind in ("doctype", "start")):
            assert start is not None
            spans.append((start, end))  # the next document begins here
            start, rooted = piece.start(), False
        elif start is None:
            start = 0 if data[: piece.start()] in (b"", _BOM) else piece.start()  # a BOM stays
        elif declaration:
            return None  # a declaration after the document began
        if kind == "start":
            if piece.group("empty") is None:
                stack.append(piece.group("sname"))
            else:
                rooted = True
        end = position
    if stack or not rooted or start is None:
        return None
    spans.append((start, end))
    return spans


#: The first start tag's name (the root element's, unless a comment before it holds a tag).
_FIRST_TAG = re.compile(rb"<([A-Za-z_][^\s>/]*)")


def _may_be_several(data: bytes) -> bool:
    """False when ``data`` cannot be several documents, found by searches in C: its first
    element never closes, or nothing but blanks follows the first end tag of its name.

    Why: the scan is a Python loop per tag, paid after a parse failed; a large single document
    that is merely broken (the usual failure) must not pay it. Any doubt answers True.
    """
    first = _FIRST_TAG.search(data)
    if first is None:
        return False
    tag = _PIECE.match(data, first.start())
    if tag is not None and tag.lastgroup == "start" and tag.group("empty") is not None:
        return True  # an empty root (<Document/>): let the scan decide
    end = data.find(b"</" + first.group(1), first.end())
    if end < 0:
        return False  # the root never closes: one (broken) document
    close = data.find(b">", end)
    return close >= 0 and bool(data[close + 1 :].strip(b" \t\r\n"))


def header_and_document(data: bytes) -> int | None:
    """Where the root ``AppHdr`` of ``data`` starts when ``data`` is an AppHdr followed by a
    Document with no element around them (two sibling roots, so not well-formed XML); else None.

    Why: that is how the business application header travels beside its Document in many
    systems, and it is the original bytes the batch quarantines for one message of a larger
    file. Reading it needs only a wrapper element around the pair (:mod:`~finmsg.iso20022.xmlsafe`
    adds it after this answers, once a parse has failed). A second XML declaration before the
    Document means two documents, not a pair.
    """
    if not _may_be_several(data):
        return None
    spans = document_spans(data)
    if spans is None or len(spans) != 2:
        return None
    (s1, e1), (s2, e2) = spans
    first, second = _FIRST_TAG.search(data, s1, e1), _FIRST_TAG.search(data, s2, e2)
    if first is None or second is None or data.find(b"<?xml", s2, second.start()) >= 0:
        return None
    if first.group(1).rsplit(b":", 1)[-1] != b"AppHdr" or second.group(1).rsplit(b":", 1)[-1] != b"Document":
        return None
    return first.start()


def split_documents(
    data: bytes,
    options: Mapping[str, Any],
    split_one: Callable[[bytes, Mapping[str, Any]], Iterator[RawMessage]],
) -> list[RawMessage] | None:
    """The messages of ``data`` when it is two or more whole documents joined end to end, each
    cut by ``split_one`` (the family's own split, given one document) and numbered in input
    order with its byte ``offset``; ``None`` when :func:`document_spans` finds fewer than two.

    A document that ``split_one`` cannot cut is kept as one message carrying its error (the
    documents after it are still cut), as the batch keeps a broken MT of an RJE file.
    """
    mark = next((found for found in WIDE_MARKS if data.startswith(found[0])), None)
    if mark is not None:
        spans = _wide_spans(data, *mark)
    else:
        spans = document_spans(data) if _may_be_several(data) else None
    if spans is None or len(spans) < 2:
        return None
    parts: list[RawMessage] = []
    for start, end in spans:
        piece = data[start:end]
        if mark is not None and start:  # a later document of a UTF-16/32 file: the file's mark
            piece = mark[0] + piece
        try:
            found = list(split_one(piece, options))
        except OptionError:
            raise  # the call's usage error, not this document's
        except FinmsgError as exc:
            error = Diagnostic(exc.code, Severity.ERROR, exc.message, path=exc.path)
            found = [RawMessage(piece, "iso20022", "unknown", diagnostics=(error,))]
        parts.extend(
            replace(part, index=len(parts) + n, offset=start + part.offset) for n, part in enumerate(found, 1)
        )
    return parts


def _wide_spans(data: bytes, mark: bytes, codec: str) -> list[tuple[int, int]] | None:
    """:func:`document_spans` of a UTF-16 or UTF-32 input that starts with the byte order
    ``mark`` (its text in ``codec``), as byte offsets into ``data``; None when the bytes are not
    that encoding throughout (joined files of different encodings), or not a clean sequence.

    Why on the text: the lexical cut reads ASCII markup, which these bytes are not. The text is
    cut as UTF-8 (a mark between two files becomes the UTF-8 mark the cut skips), and each
    boundary is turned back into a byte offset by encoding the text before it. A document
    after the first begins without the mark: :func:`split_documents` puts the file's mark in
    front of it, which the parser needs to know its encoding when it has no declaration.
    """
    try:
        text = data[len(mark) :].decode(codec)
    except UnicodeDecodeError:
        return None  # the parser's own error stands
    utf8 = text.encode("utf-8")
    spans = document_spans(utf8) if _may_be_several(utf8) else None
    if spans is None:
        return None
    found: list[tuple[int, int]] = []
    done, at = 0, len(mark)  # the UTF-8 offset reached, and the byte offset in ``data`` there
    for start, end in spans:
        begin = at + len(utf8[done:start].decode("utf-8").encode(codec))
        at = begin + len(utf8[start:end].decode("utf-8").encode(codec))
        found.append((0 if start == 0 else begin, at))
        done = end
    return found
