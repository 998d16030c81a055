"""Bank statement files: MT940/MT942 block-4 text without a FIN envelope.

Banks deliver statements as bare field text (``:20:…`` lines), several per
file, separated by a ``-`` line, sometimes framed by SOH/ETX control bytes or
preceded by a bank-specific preamble (``ABNANL2A`` / ``940`` lines, ING's
``0000 01…`` lines, Rabobank's ``:940:``). Each statement becomes an
:class:`~finmsg.mt.message.MtMessage` with ``block4_style="bare"``. Preamble
text and the terminator are kept in ``extras`` so the writer can put them back
(lossless), and each departure from FIN is reported as a tolerance.
"""

from __future__ import annotations

import re

from finmsg.diagnostics import Diagnostic, Result, Severity
from finmsg.errors import ParseError
from finmsg.model.common import Extra
from finmsg.mt.blocks import decode
from finmsg.mt.message import MtField, MtMessage
from finmsg.mt.options import ParseOptions

__all__ = ["looks_like_statement_file", "parse_statement_file"]

_TAG_LINE = re.compile(r":[0-9]{2}[A-Z]?:")
_FRAMING = "\x01\x03"


def looks_like_statement_file(head: str) -> bool:
    """Cheap check: a field tag on one of the first lines (and no FIN block)."""
    if "{1:" in head or "{4:" in head:
        return False
    return any(_TAG_LINE.match(line.lstrip(_FRAMING)) for line in head.splitlines()[:6])


def _norm(text: str, opts: ParseOptions, diags: list[Diagnostic]) -> str:
    if "\r\n" in text or "\r" not in text:
        lone_lf = text.count("\n") - text.count("\r\n")
        if lone_lf:
            if not opts.allow_lf:
                raise ParseError("bare LF line ending", code="mt.newline.lf", path="MT940")
            diags.append(
                Diagnostic("mt.tolerance.lf", Severity.INFO, "LF line endings read as CRLF", path="MT")
            )
    text = text.replace("\r\n", "\n")
    if "\r" in text:
        if not opts.allow_cr:
            raise ParseError("bare CR line ending", code="mt.newline.cr", path="MT940")
        diags.append(Diagnostic("mt.tolerance.cr", Severity.INFO, "bare CR read as CRLF", path="MT"))
        text = text.replace("\r", "\n")
    return text


def _statement(lines: list[str], terminator: str | None) -> MtMessage:
    preamble: list[str] = []
    fields: list[MtField] = []
    for line in lines:
        m = _TAG_LINE.match(line)
        if m:
            fields.append(MtField(line[1 : m.end() - 1], line[m.end() :]))
        elif fields:
            prev = fields[-1]
            fields[-1] = MtField(prev.tag, prev.value + "\n" + line)
        else:
            preamble.append(line)
    extras: list[Extra] = []
    if preamble:
        extras.append(Extra("mt", "preamble", "\n".join(preamble)))
    if terminator is not None:
        extras.append(Extra("mt", "terminator", terminator))
    tags = {f.tag for f in fields}
    mt = (
        "942"
        if "34F" in tags
        else "940"
        if tags & {"60F", "60M", "61", "62F", "62M", "25", "28C"}
        else "unknown"
    )
    return MtMessage(message_type=mt, fields=tuple(fields), block4_style="bare", extras=tuple(extras))


def parse_statement_file(data: bytes | str, options: ParseOptions | None = None) -> Result[list[MtMessage]]:
    """Every statement of a bare MT940/MT942 file."""
    opts = options or ParseOptions()
    diags: list[Diagnostic] = []
    text = decode(data, opts, diags)
    if any(c in text for c in _FRAMING):
        diags.append(
            Diagnostic("mt.tolerance.framing", Severity.INFO, "SOH/ETX framing bytes ignored", path="MT")
        )
        text = text.replace("\x01", "").replace("\x03", "")
    text = _norm(text, opts, diags)
    stripped = text.strip()
    if stripped != text:
        if not opts.allow_whitespace:
            raise ParseError("whitespace around the statements", code="mt.whitespace", path="MT")
        diags.append(
            Diagnostic("mt.tolerance.whitespace", Severity.INFO, "surrounding whitespace ignored", path="MT")
        )
    if not stripped:
        raise ParseError("input is empty", code="mt.empty", path="MT")
    if not looks_like_statement_file(stripped[:2000]):
        raise ParseError(
            "no field tag found: not a statement file",
            code="mt.block.stray_text",
            path="MT",
            value=stripped[:40],
        )
    statements: list[MtMessage] = []
    current: list[str] = []
    for line in stripped.split("\n"):
        if line.rstrip() in ("-", "-}"):
            statements.append(_statement(current, line))
            current = []
            continue
        if line.startswith(":20:") and any(_TAG_LINE.match(x) for x in current):
            statements.append(_statement(current, None))
            current = []
        current.append(line)
    if current and any(x.strip() for x in current):
        statements.append(_statement(current, None))
    if not any(s.fields for s in statements):
        raise ParseError("no field found", code="mt.block4.tag", path="MT")
    return Result(statements, diags)
