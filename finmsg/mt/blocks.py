"""Lossless FIN block parser: bytes → :class:`~finmsg.mt.message.MtMessage` objects.

One linear scan over the text finds the blocks ``{1:}``…``{5:}``, ``{S:}``;
block 4 is cut into ordered ``(tag, value)`` fields with the line structure
kept. Messages may follow each other directly, be separated by RJE ``$``
delimiters, or be preceded by an ACK/NAK service message (``{1:F21…}``),
which is attached to the message it acknowledges. Every tolerance is an
option of :class:`~finmsg.mt.options.ParseOptions` and leaves a diagnostic.
Anything malformed raises a :class:`~finmsg.errors.ParseError` with a code and
a path such as ``MT103:block4``. Input that is exactly one clean message takes
the shortcut in :mod:`finmsg.mt.fastsplit`, which builds the same message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from finmsg.diagnostics import Diagnostic, Result, Severity
from finmsg.errors import LimitExceededError, ParseError
from finmsg.mt.blockparts import cut_tags, lazy_fields, message_type
from finmsg.mt.fastsplit import clean_message
from finmsg.mt.message import ApplicationHeader, BasicHeader, MtField, MtMessage, PendingFields
from finmsg.mt.options import ParseOptions

_DEFAULT = ParseOptions()

__all__ = [
    "RawSegment",
    "clean_bytes",
    "decode",
    "parse_message",
    "parse_messages",
    "parse_with_spans",
    "scan",
]

#: The end of a text block 4: CR or LF then ``-}`` (found with ``str.find``: :func:`_block4_end`).
_BLOCK4_END = re.compile(r"[\r\n]-}")
#: Where the next message starts: its block 1, or an RJE ``$`` delimiter at a line start.
#: A block 4 terminator is never searched past it, so one broken message cannot swallow the next.
_NEXT_MESSAGE = re.compile(r"\{1:|[\r\n]\$")
_WS = " \t\r\n\x0b\x0c"
_ORDER = {"1": 1, "2": 2, "3": 3, "4": 4, "5": 5, "S": 6}


@dataclass(slots=True)
class RawSegment:
    """The blocks of one message as found in the input (before interpretation)."""

    start: int
    end: int = 0
    blocks: dict[str, str] = field(default_factory=dict)
    rje: bool = False


def decode(data: bytes | str, opts: ParseOptions, diags: list[Diagnostic]) -> str:
    """Bytes → text. FIN is ASCII; anything else is a reported tolerance (or an error)."""
    if isinstance(data, str):
        text = data
    else:
        if len(data) > opts.max_bytes:
            raise LimitExceededError(
                f"input of {len(data)} bytes exceeds max_bytes={opts.max_bytes}",
                code="mt.limit.size",
                path="MT",
            )
        try:
            text = data.decode("ascii")
        except UnicodeDecodeError as exc:
            if not opts.allow_non_ascii:
                raise ParseError(
                    f"non-ASCII byte 0x{data[exc.start]:02x} at offset {exc.start}",
                    code="mt.encoding",
                    path="MT",
                    value=exc.start,
                ) from None
            try:
                text = data.decode("utf-8")
                how = "UTF-8"
            except UnicodeDecodeError:
                text = data.decode("latin-1")
                how = "Latin-1"
            if not text.startswith("\ufeff") or any(ord(c) > 127 for c in text[1:]):
                diags.append(
                    Diagnostic(
                        "mt.tolerance.encoding",
                        Severity.WARNING,
                        f"input is not ASCII; decoded as {how}",
                        path="MT",
                    )
                )
    if text.startswith("\ufeff"):
        if not opts.allow_bom:
            raise ParseError("input starts with a byte-order mark", code="mt.bom", path="MT")
        diags.append(Diagnostic("mt.tolerance.bom", Severity.INFO, "byte-order mark skipped", path="MT"))
        text = text[1:]
    return text


#: What to do about a damage that a named tolerance of :class:`ParseOptions` reads past: the
#: error says which option (``-o NAME=true`` on the command line), so nobody has to guess.
_TRAILING_HINT = (
    "; to ignore text after the last block, set allow_trailing_text=true (CLI: -o allow_trailing_text=true)"
)
_LOOSE_END_HINT = (
    "; to end it at the first '-}', '}' or the end of the input, set allow_loose_block4_end=true"
    " (CLI: -o allow_loose_block4_end=true)"
)
_ORDER_HINT = "; to accept it, set allow_block_order=true (CLI: -o allow_block_order=true)"
_UNCLOSED_HINT = (
    "; to close a last block left open at the end of the input, set allow_unclosed_last_block=true"
    " (CLI: -o allow_unclosed_last_block=true)"
)


def _err(message: str, code: str, path: str, offset: int, hint: str = "") -> ParseError:
    return ParseError(f"{message} (offset {offset}){hint}", code=code, path=path, value=offset)


def _whitespace(text: str, pos: int, opts: ParseOptions, diags: list[Diagnostic], where: str) -> int:
    end = pos
    n = len(text)
    while end < n and text[end] in _WS:
        end += 1
    if end > pos:
        if not opts.allow_whitespace:
            raise _err(f"whitespace {where}", "mt.whitespace", "MT", pos)
        diags.append(
            Diagnostic("mt.tolerance.whitespace", Severity.INFO, f"whitespace {where} ignored", path="MT")
        )
    return end


def scan(text: str, opts: ParseOptions, diags: list[Diagnostic]) -> list[RawSegment]:
    """Cut ``text`` into messages and their blocks (contents kept verbatim)."""
    segments: list[RawSegment] = []
    n = len(text)
    pos = _whitespace(text, 0, opts, diags, "before the first message")
    if pos >= n:
        raise ParseError("input is empty", code="mt.empty", path="MT")
    current: RawSegment | None = None
    last_order = 0
    rje_pending = False
    while pos < n:
        ch = text[pos]
        if ch == "$":
            rje_pending = True
            if current is not None:
                current.end = pos
                segments.append(current)
                current = None
            pos = _whitespace(text, pos + 1, opts, diags, "around an RJE delimiter")
            continue
        if ch != "{":
            if ch in _WS:
                pos = _whitespace(text, pos, opts, diags, "between blocks")
                continue
            snippet = text[pos : pos + 20]
            if opts.allow_trailing_text and current is not None and "4" in current.blocks:
                diags.append(
                    Diagnostic(
                        "mt.tolerance.trailing_text",
                        Severity.WARNING,
                        f"text after the last block ignored: {snippet!r}",
                        path="MT",
                        original=text[pos : pos + 200],
                    )
                )
                break
            hint = _TRAILING_HINT if current is not None and "4" in current.blocks else ""
            raise _err(f"text outside any block: {snippet!r}", "mt.block.stray_text", "MT", pos, hint)
        colon = text.find(":", pos + 1, pos + 4)
        if colon < 0:
            raise _err("block without an identifier", "mt.block.id", "MT", pos)
        block_id = text[pos + 1 : colon]
        order = _ORDER.get(block_id)
        if order is None:
            raise _err(f"unknown block {{{block_id}:", "mt.block.unknown", "MT", pos)
        if (
            current is None
            or block_id == "1"
            or block_id in current.blocks
            or (order < last_order and "4" in current.blocks)
        ):
            if current is not None:
                current.end = pos
                segments.append(current)
            current = RawSegment(start=pos, rje=rje_pending)
            rje_pending = False
            last_order = order
        elif order < last_order:
            _out_of_order(block_id, last_order, pos, opts, diags)  # keeps last_order: the highest so far
        else:
            last_order = order
        start = colon + 1
        if block_id == "4" and text[start : start + 1] != "{" and not _tags_follow(text, start):
            limit = _next_message(text, start, n)
            end = _block4_end(text, start, limit)
            if end < 0:
                if not opts.allow_loose_block4_end:
                    raise _err(
                        "block 4 is not terminated by CRLF-}",
                        "mt.block4.unterminated",
                        "MT:block4",
                        pos,
                        _LOOSE_END_HINT,
                    )
                content_end, pos = _loose_block4_end(text, start, limit)
                diags.append(
                    Diagnostic(
                        "mt.tolerance.block4_end",
                        Severity.WARNING,
                        "block 4 lacks CRLF-}; ended at the first '-}', '}' or the end of input",
                        path="MT:block4",
                    )
                )
                current.blocks["4"] = text[start:content_end]
                continue
            current.blocks["4"] = text[start : end + 1]
            pos = end + 3
            continue
        if block_id in ("1", "2"):
            close = text.find("}", start)
            if close < 0:
                raise _err(
                    f"block {block_id} is not closed", "mt.block.unterminated", f"MT:block{block_id}", pos
                )
            content = text[start:close]
            if "{" in content or "\n" in content or "\r" in content:
                raise _err(
                    f"block {block_id} is not closed", "mt.block.unterminated", f"MT:block{block_id}", pos
                )
            current.blocks[block_id] = content
            pos = close + 1
            continue
        close = _tagged_end(text, start, block_id, pos, opts, diags)
        current.blocks[block_id] = text[start:close]
        pos = close + 1
    if current is not None:
        current.end = n
        segments.append(current)
    return segments


def _out_of_order(
    block_id: str, last_order: int, pos: int, opts: ParseOptions, diags: list[Diagnostic]
) -> None:
    """A block of the current message after a block that must follow it (``{1:}{3:}{2:}``).

    Why not a new message: the block is not yet in the message and no block 4 has been
    seen, so cutting here would part headers from their text (a UETR in block 3 from
    the MT103 it belongs to). A message starts anew only at block 1, at a block the
    current message already has, or at a lower block once block 4 is in.
    """
    before = next(name for name, rank in _ORDER.items() if rank == last_order)
    text = f"block {{{block_id}: comes after block {{{before}:; the order is 1, 2, 3, 4, 5"
    if not opts.allow_block_order:
        raise _err(text, "mt.block.order", "MT", pos, _ORDER_HINT)
    diags.append(Diagnostic("mt.tolerance.block_order", Severity.WARNING, f"{text} (accepted)", path="MT"))


def _next_message(text: str, start: int, n: int) -> int:
    """Start of :data:`_NEXT_MESSAGE`'s first match at or after ``start``, else ``n``.

    Same result as the regex search, but with ``str.find`` (C ``memchr``-speed): a
    regex scan tried its alternatives at every character of block 4.
    """
    found = text.find("{1:", start)
    limit = n if found < 0 else found
    dollar = text.find("$", start + 1, limit + 1)
    while dollar >= 0:
        if text[dollar - 1] in "\r\n":
            return dollar - 1
        dollar = text.find("$", dollar + 1, limit + 1)
    return limit


def _block4_end(text: str, start: int, limit: int) -> int:
    """Index of the CR/LF of the first ``[\\r\\n]-}`` (:data:`_BLOCK4_END`) in ``[start, limit)``, or -1."""
    dash = text.find("-}", start + 1, limit)
    while dash >= 0:
        if text[dash - 1] in "\r\n":
            return dash - 1
        dash = text.find("-}", dash + 1, limit)
    return -1


def _loose_block4_end(text: str, start: int, limit: int) -> tuple[int, int]:
    """(end of content, position after the terminator) for a badly terminated block 4."""
    for marker in ("-}", "}"):
        found = text.find(marker, start, limit)
        if found >= 0:
            return found, found + len(marker)
    return limit, limit


def _tags_follow(text: str, start: int) -> bool:
    """True when block 4 holds ``{tag:value}`` sub-blocks after optional line breaks."""
    pos = start
    while text[pos : pos + 1] in ("\r", "\n"):
        pos += 1
    return text[pos : pos + 1] == "{"


def _tagged_end(
    text: str, start: int, block_id: str, block_pos: int, opts: ParseOptions, diags: list[Diagnostic]
) -> int:
    """Index of the ``}`` closing a block made of ``{tag:value}`` sub-blocks."""
    pos = start
    n = len(text)
    path = f"MT:block{block_id}"
    while pos < n:
        ch = text[pos]
        if ch == "}":
            return pos
        if ch in "\r\n":
            pos = _whitespace(text, pos, opts, diags, f"between sub-blocks of block {block_id}")
            continue
        if ch != "{":
            raise _err(f"unexpected {ch!r} in block {block_id}", "mt.block.syntax", path, pos)
        close = text.find("}", pos + 1)
        if close < 0:
            break
        inner_open = text.find("{", pos + 1, close)
        if inner_open >= 0:
            raise _err(f"sub-block of block {block_id} is not closed", "mt.block.syntax", path, pos)
        pos = close + 1
    if opts.allow_unclosed_last_block:
        diags.append(
            Diagnostic(
                "mt.tolerance.unclosed",
                Severity.WARNING,
                f"block {block_id} is not closed at the end of the input; closed here",
                path=path,
            )
        )
        return n
    raise _err(f"block {block_id} is not closed", "mt.block.unterminated", path, block_pos, _UNCLOSED_HINT)


def _normalise_newlines(content: str, opts: ParseOptions, diags: list[Diagnostic], path: str) -> str:
    if "\r" not in content:
        if "\n" in content:
            if not opts.allow_lf:
                raise ParseError("bare LF line ending (FIN requires CRLF)", code="mt.newline.lf", path=path)
            diags.append(
                Diagnostic("mt.tolerance.lf", Severity.INFO, "LF line endings read as CRLF", path=path)
            )
        return content
    crlf = content.count("\r\n")
    if crlf != content.count("\n"):
        if not opts.allow_lf:
            raise ParseError("bare LF line ending (FIN requires CRLF)", code="mt.newline.lf", path=path)
        diags.append(Diagnostic("mt.tolerance.lf", Severity.INFO, "LF line endings read as CRLF", path=path))
    content = content.replace("\r\n", "\n")
    if "\r" in content:
        if not opts.allow_cr:
            raise ParseError("bare CR line ending (FIN requires CRLF)", code="mt.newline.cr", path=path)
        diags.append(Diagnostic("mt.tolerance.cr", Severity.INFO, "bare CR read as CRLF", path=path))
        content = content.replace("\r", "\n")
    return content


def _message(seg: RawSegment, opts: ParseOptions, diags: list[Diagnostic]) -> MtMessage:
    blocks = seg.blocks
    b1 = blocks.get("1")
    b2 = blocks.get("2")
    b3 = cut_tags(blocks["3"]) if "3" in blocks else None
    mt, full_type = message_type(b2, b3)
    prefix = f"MT{mt}" if mt else "MT"
    path = f"{prefix}:block4"
    raw4 = blocks.get("4")
    style = "text"
    fields: tuple[MtField, ...] | PendingFields = ()
    if raw4 is None:
        style = "none"
        diags.append(Diagnostic("mt.block4.missing", Severity.WARNING, "message has no block 4", path=path))
    elif raw4.lstrip("\r\n").startswith("{"):
        style = "tags"
        fields = tuple(MtField(t, v or "") for t, v in cut_tags(raw4))
    else:
        fields = lazy_fields(_normalise_newlines(raw4, opts, diags, path), path)
    return MtMessage(
        message_type=full_type,
        basic_header=BasicHeader(b1) if b1 is not None else None,
        application_header=ApplicationHeader(b2) if b2 is not None else None,
        user_header=b3,
        fields=fields,  # type: ignore[arg-type]  # a PendingFields is cut on first read
        block4_style=style,
        trailer=cut_tags(blocks["5"]) if "5" in blocks else None,
        system_trailer=cut_tags(blocks["S"]) if "S" in blocks else None,
    )


def _attach_acks(messages: list[MtMessage], segments: list[RawSegment]) -> list[MtMessage]:
    out: list[MtMessage] = []
    i = 0
    while i < len(messages):
        msg = messages[i]
        header = msg.basic_header
        if (
            header is not None
            and header.is_service_message
            and msg.application_header is None
            and i + 1 < len(messages)
            and not segments[i + 1].rje
            and messages[i + 1].basic_header is not None
            and not messages[i + 1].basic_header.is_service_message  # type: ignore[union-attr]
        ):
            nxt = messages[i + 1]
            out.append(replace(nxt, ack=msg))
            i += 2
            continue
        out.append(msg)
        i += 1
    return out


def parse_with_spans(
    data: bytes | str, options: ParseOptions | None = None
) -> tuple[str, list[tuple[MtMessage, int, int]], list[Diagnostic]]:
    """Decoded text, every message with its (start, end) span in that text, and diagnostics."""
    opts = options or _DEFAULT
    diags: list[Diagnostic] = []
    text = decode(data, opts, diags)
    if not diags and text[:3] == "{1:":
        clean = clean_message(text)
        if clean is not None:
            return text, [(clean, 0, len(text))], diags
    segments = scan(text, opts, diags)
    messages = [_message(seg, opts, diags) for seg in segments]
    spans = [(seg.start, seg.end) for seg in segments]
    if len(messages) > 1:
        paired = _attach_acks(messages, segments)
        if len(paired) != len(messages):
            new_spans: list[tuple[int, int]] = []
            k = 0
            for msg in paired:
                if msg.ack is not None:
                    new_spans.append((spans[k][0], spans[k + 1][1]))
                    k += 2
                else:
                    new_spans.append(spans[k])
                    k += 1
            spans = new_spans
        messages = paired
    return text, [(m, s, e) for m, (s, e) in zip(messages, spans, strict=True)], _dedupe(diags)


def parse_messages(data: bytes | str, options: ParseOptions | None = None) -> Result[list[MtMessage]]:
    """Every message in ``data`` (ACKs attached to the message they precede)."""
    _, found, diags = parse_with_spans(data, options)
    return Result([m for m, _, _ in found], diags)


_MAX_BYTES = _DEFAULT.max_bytes


def clean_bytes(data: bytes | str) -> MtMessage | None:
    """The message when ``data`` is ASCII bytes of one clean FIN message, else ``None``.

    The usual call, shortened: what :func:`parse_with_spans` does with the default options for
    ASCII bytes that open with block 1 (no BOM, nothing to report, within ``max_bytes``) when
    they are one clean message (:func:`~finmsg.mt.fastsplit.clean_message`); it then reports
    nothing, so a caller may answer ``Result(message, [])``. Anything else: ``None``, and the
    caller takes the general way (which also raises the errors).
    """
    if data.__class__ is bytes and data[:3] == b"{1:" and len(data) <= _MAX_BYTES:
        try:
            return clean_message(data.decode("ascii"))
        except UnicodeDecodeError:
            return None
    return None


def parse_message(data: bytes | str, options: ParseOptions | None = None) -> Result[MtMessage]:
    """Exactly one message (optionally preceded by its ACK/NAK); several is an error."""
    if options is None:
        clean = clean_bytes(data)
        if clean is not None:
            return Result(clean, [])
    _, found, diags = parse_with_spans(data, options)
    if len(found) != 1:
        raise ParseError(f"expected one message, found {len(found)}", code="mt.multiple", path="MT")
    return Result(found[0][0], diags)


def _dedupe(diags: list[Diagnostic]) -> list[Diagnostic]:
    if len(diags) < 2:
        return diags
    seen: set[tuple[str, str | None, str]] = set()
    out: list[Diagnostic] = []
    for d in diags:
        key = (d.code, d.path, d.message)
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out
