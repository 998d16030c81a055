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
from functools import partial

from finmsg.diagnostics import Diagnostic, Result, Severity
from finmsg.errors import ParseError
from finmsg.model.common import Extra
from finmsg.mt.blocks import decode
from finmsg.mt.message import MtField, MtMessage
from finmsg.mt.options import ParseOptions

__all__ = ["looks_like_statement_file", "parse_statement_file"]

_TAG_LINE = re.compile(r":[0-9]{2}[A-Z]?:")
#: A tag line inside a statement's text (the text is given a leading line break).
_FIELD_START = re.compile(r"\n:([0-9]{2}[A-Z]?):")
#: ``MtField`` from a (tag, value) pair without a Python-level ``__new__`` call.
_new_field = partial(tuple.__new__, MtField)
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


def _statement(body: str | None, terminator: str | None) -> MtMessage:
    """One statement from its lines joined by ``\\n`` (``None``: no lines at all).

    Lines before the first tag line are the preamble; a line that is not a tag line
    continues the previous field. One ``re.split`` on the tag lines does both.
    """
    fields: tuple[MtField, ...] = ()
    tags: set[str] = set()
    extras: list[Extra] = []
    if body is not None:
        # The leading line break lets the split (whose literal prefix the regex engine
        # searches fast) also find a tag line at the very start; parts[0] is then "".
        parts = _FIELD_START.split("\n" + body)
        if parts[0]:
            extras.append(Extra("mt", "preamble", parts[0][1:]))
        fields = tuple(map(_new_field, zip(parts[1::2], parts[2::2], strict=True)))
        tags = set(parts[1::2])
    if terminator is not None:
        extras.append(Extra("mt", "terminator", terminator))
    mt = (
        "942"
        if "34F" in tags
        else "940"
        if tags & {"60F", "60M", "61", "62F", "62M", "25", "28C"}
        else "unknown"
    )
    return MtMessage(message_type=mt, fields=fields, block4_style="bare", extras=tuple(extras))


def _line_starts(text: str, prefix: str) -> list[int]:
    """Offsets of the lines of ``text`` that start with ``prefix`` (found with ``str.find``)."""
    out = [0] if text.startswith(prefix) else []
    needle = "\n" + prefix
    at = text.find(needle)
    while at >= 0:
        out.append(at + 1)
        at = text.find(needle, at + 1)
    return out


def _has_tag_line(text: str, start: int, end: int) -> bool:
    """Whether a line in ``text[start:end]`` (``start`` at a line start) is a tag line."""
    if _TAG_LINE.match(text, start, end):
        return True
    at = text.find("\n:", start, end)
    while at >= 0:
        if _TAG_LINE.match(text, at + 1, end):
            return True
        at = text.find("\n:", at + 1, end)
    return False


def _split_statements(text: str) -> list[MtMessage]:
    """Cut the statements: at a ``-`` (or ``-}``) line, and before a ``:20:`` line that
    follows a tag line. Only the lines starting with ``-`` or ``:20:`` are looked at."""
    statements: list[MtMessage] = []
    start = 0
    for at in sorted(_line_starts(text, "-") + _line_starts(text, ":20:")):
        if text[at] == ":":
            if _has_tag_line(text, start, at):
                statements.append(_statement(text[start : at - 1], None))
                start = at
            continue
        end = text.find("\n", at)
        if end < 0:
            end = len(text)
        line = text[at:end]
        if line.rstrip() in ("-", "-}"):
            statements.append(_statement(text[start : at - 1] if at > start else None, line))
            start = end + 1
    rest = text[start:]
    if rest.strip():
        statements.append(_statement(rest, None))
    return statements


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
    statements = _split_statements(stripped)
    if not any(s.fields for s in statements):
        raise ParseError("no field found", code="mt.block4.tag", path="MT")
    return Result(statements, diags)
