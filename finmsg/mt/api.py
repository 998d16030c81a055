"""The MT engine's public functions: read any MT input, validate, write.

``read_all`` accepts both FIN-enveloped input (``{1:…}``, RJE, ACK-wrapped,
several messages) and bare bank-statement files (``:20:…``), so callers do not
need to know which one they hold.
"""

from __future__ import annotations

from finmsg.diagnostics import Diagnostic, Result, Severity
from finmsg.errors import ParseError
from finmsg.mt.blocks import clean_bytes, parse_with_spans
from finmsg.mt.message import MtMessage
from finmsg.mt.options import ParseOptions
from finmsg.mt.statements import parse_statement_file
from finmsg.mt.validate import validate_message
from finmsg.mt.writer import WriteOptions, write_message

__all__ = ["is_fin", "read_all", "read_one", "split_raw", "validate_bytes", "write_bytes"]

_LEAD = " \t\r\n\ufeff\x01"


def is_fin(data: bytes | str) -> bool:
    """True when the input starts (after BOM/whitespace) with a FIN block or an RJE delimiter."""
    head = data[:64].decode("latin-1") if isinstance(data, bytes) else data[:64]
    head = head.lstrip(_LEAD).lstrip("\xef\xbb\xbf")
    return head.startswith(("{", "$"))


def split_raw(data: bytes, options: ParseOptions | None = None) -> list[tuple[MtMessage, bytes, int]]:
    """Each message with its own bytes and character offset."""
    if is_fin(data):
        text, found, _ = parse_with_spans(data, options)
        ascii_only = text.isascii() and len(text) == len(data)
        out = []
        for msg, start, end in found:
            chunk = data[start:end] if ascii_only else text[start:end].encode("utf-8")
            out.append((msg, chunk.strip(), start))
        return out
    result = parse_statement_file(data, options)
    return [
        (m, write_message(m, WriteOptions(charset_policy="keep", wrap=False)).value, 0) for m in result.value
    ]


def read_all(data: bytes | str, options: ParseOptions | None = None) -> Result[list[MtMessage]]:
    """Every message (FIN or statement file) plus the parser's diagnostics."""
    if is_fin(data):
        _, found, diags = parse_with_spans(data, options)
        return Result([m for m, _, _ in found], diags)
    return parse_statement_file(data, options)


def read_one(data: bytes | str, options: ParseOptions | None = None) -> Result[MtMessage]:
    """Exactly one message; several raise a ``ParseError`` (use :func:`split_raw`)."""
    if options is None:  # one clean FIN message as ASCII bytes: what read_all gives, built directly
        clean = clean_bytes(data)
        if clean is not None:
            return Result(clean, [])
    result = read_all(data, options)
    if len(result.value) != 1:
        raise ParseError(
            f"expected one message, found {len(result.value)}; split the input first",
            code="mt.multiple",
            path="MT",
            value=len(result.value),
        )
    return Result(result.value[0], result.diagnostics)


def validate_bytes(data: bytes | str, options: ParseOptions | None = None) -> Result[MtMessage | None]:
    """Parse and run every validation layer; a parse failure becomes an error diagnostic."""
    try:
        result = read_one(data, options)
    except ParseError as exc:
        return Result(None, [Diagnostic(exc.code, Severity.ERROR, exc.message, path=exc.path or "MT")])
    return Result(result.value, result.diagnostics + validate_message(result.value))


def write_bytes(msg: MtMessage, options: WriteOptions | None = None) -> Result[bytes]:
    return write_message(msg, options)
