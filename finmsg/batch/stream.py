"""Huge single inputs (a FIX log, an RJE file of gigabytes): split as they are read, in bounded slices.

A small file goes to a worker whole. A file of ``stream_bytes`` or more would
cost its worker the whole file plus every message in memory, so the
coordinator reads it instead, one window at a time, cuts each window at a
message boundary it can trust, splits the window with the family's own
splitter and hands the messages to the pool in slices of a few hundred. The
pool's bounded window of tasks in flight throttles the reading (backpressure),
so memory depends on the window and slice sizes, never on the file size.

Boundaries, per family (anything else — ISO 20022 XML, MT statement files — is
read whole, as before):

* ``fix``: the start of the line holding the last ``8=FIX`` of the window — the
  rule of :func:`finmsg.fix.tagvalue.iter_file`, so frames come out as the FIX
  reader's own chunked reading cuts them;
* ``mt``: the last RJE ``$`` that starts a line, else the last ``{1:`` that starts
  a line. A ``{1:`` right after ``}`` is never used: an ACK and the message it
  acknowledges are written that way and must stay together.

Message numbers (and so output names) are the ones a whole-file split gives:
the coordinator numbers them as it goes, and it knows whether the file holds
more than one message (outputs are then numbered) by looking one message ahead.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from finmsg.diagnostics import Diagnostic, Severity
from finmsg.errors import FinmsgError, OptionError
from finmsg.registry import FormatHandler, RawMessage, sniff_format

__all__ = ["STREAM_FAMILIES", "Cutter", "StreamEnd", "cut_point", "iter_messages", "streamable_handler"]

HEAD_BYTES = 64 * 1024
#: A window that grows past this without a boundary is split as it is (the reader reports the damage).
MAX_CARRY = 64 * 1024 * 1024

Cutter = Callable[[bytes], int]

_FIX_BEGIN = b"8=FIX"


def _cut_fix(buf: bytes) -> int:
    last = buf.rfind(_FIX_BEGIN)
    if last <= 0:
        return 0
    newline = buf.rfind(b"\n", 0, last)
    return newline + 1 if newline >= 0 else last


def _cut_mt(buf: bytes) -> int:
    """Just before the last line-leading ``$`` (RJE), else before the last line-leading ``{1:``."""
    rje = buf.rfind(b"\n$")
    if rje >= 0:
        return rje + 1
    pos = len(buf)
    while True:
        pos = buf.rfind(b"{1:", 0, pos)
        if pos <= 0:
            return 0
        before = pos - 1
        while before >= 0 and buf[before] in b" \t\r":
            before -= 1
        if before >= 0 and buf[before] == 0x0A:  # "\n": the message starts a line
            return pos


STREAM_FAMILIES: dict[str, Cutter] = {"fix": _cut_fix, "mt": _cut_mt}


def cut_point(family: str, buf: bytes) -> int:
    """Where ``buf`` may be cut so that every message before the cut is whole (0: nowhere yet)."""
    return STREAM_FAMILIES[family](buf)


def streamable_handler(path: str, exclude_families: frozenset[str] = frozenset()) -> FormatHandler | None:
    """The handler of a file that can be streamed (sniffed from its head), else ``None``."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(HEAD_BYTES)
        handler = sniff_format(head)
    except Exception:  # unreadable or unknown: the whole-file path reports it
        return None
    if handler.family not in STREAM_FAMILIES or handler.family in exclude_families:
        return None
    return handler


def _windows(path: str, family: str, window_bytes: int, digest: hashlib._Hash | None) -> Iterator[bytes]:
    """Pieces of the file, each ending at a message boundary (the last one at the end of the file)."""
    cutter = STREAM_FAMILIES[family]
    carry = b""
    with open(path, "rb") as handle:
        while True:
            chunk = handle.read(window_bytes)
            if digest is not None and chunk:
                digest.update(chunk)
            buf = carry + chunk if carry else chunk
            if not chunk:
                if buf.strip(b" \t\r\n"):
                    yield buf
                return
            cut = cutter(buf)
            if cut <= 0:
                if len(buf) > MAX_CARRY:
                    yield buf
                    buf = b""
                carry = buf
                continue
            yield buf[:cut]
            carry = buf[cut:]


def iter_messages(
    path: str,
    handler: FormatHandler,
    split: Callable[[FormatHandler, bytes], list[RawMessage]],
    window_bytes: int = 1 << 20,
    digest: hashlib._Hash | None = None,
) -> Iterator[RawMessage]:
    """Every message of the file, numbered from 1 across windows; ``digest`` sees every byte.

    A window the splitter rejects becomes one message carrying the error, so that it is
    quarantined with its bytes — the rest of the file is still converted.
    """
    count = 0
    offset = 0
    for window in _windows(path, handler.family, window_bytes, digest):
        try:
            parts = split(handler, window)
        except OptionError:
            raise  # the run's usage error, not this window's
        except Exception as exc:
            parts = [RawMessage(window, handler.family, "unknown", diagnostics=(_error(exc, offset),))]
        for part in parts:
            count += 1
            yield replace(part, index=count, offset=offset + part.offset)
        offset += len(window)


def _error(exc: Exception, offset: int) -> Diagnostic:
    if isinstance(exc, FinmsgError):
        return Diagnostic(exc.code, Severity.ERROR, exc.message, path=exc.path or f"@{offset}")
    return Diagnostic("internal.error", Severity.ERROR, f"{type(exc).__name__}: {exc}", path=f"@{offset}")


@dataclass(frozen=True, slots=True)
class StreamEnd:
    """Marker after the last slice of a streamed input: the coordinator closes its books on it."""

    token: str
    name: str
    key: str
    slices: int
    io_error: str | None = None


def file_size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return -1
