"""Cutting one input file into its messages, salvaging what a broken MT file still holds.

A separate step from conversion because the streaming coordinator
(:mod:`finmsg.batch.runner`) splits inputs itself, while workers split whole
files; both must cut the same way.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from finmsg.diagnostics import Diagnostic, Severity
from finmsg.errors import FinmsgError, OptionError
from finmsg.registry import FormatHandler, RawMessage

__all__ = ["inside_open_block4", "split_input"]

_RJE_OR_FIN = re.compile(rb"(?:^|\r?\n)\$|(?=\{1:)")
#: The type an application header names (``{2:I103...`` / ``{2:O103...``).
_BLOCK2_TYPE = re.compile(rb"\{2:[IO]([0-9]{3})")


def split_input(
    handler: FormatHandler, data: bytes, options: Mapping[str, Any] | None = None
) -> list[RawMessage]:
    """The handler's split; for an MT file it cannot split as a whole, a per-message salvage.

    ``options`` are the run's reader options (``-o``): the MT tolerances and the FIX
    ``delimiter`` act while cutting, so cutting without them would quarantine a message
    with the very error that names the option.

    One broken message in an RJE file or a back-to-back FIN file must not take its
    neighbours to quarantine: cut at RJE ``$`` lines and ``{1:`` starts, split each
    piece alone, and keep a piece that still fails as one message carrying the error.
    """
    given = dict(options or {})
    try:
        return list(handler.split(data, given))
    except OptionError:
        raise  # a -o value the reader cannot use: the run's usage error, nothing to salvage
    except FinmsgError:
        if handler.family != "mt":
            raise
    parts: list[RawMessage] = []
    for piece in _salvage_pieces(data):
        if not piece.strip(b" \t\r\n"):
            continue
        try:
            found = list(handler.split(piece, given))
        except FinmsgError as exc:
            error = Diagnostic(exc.code, Severity.ERROR, exc.message, path=exc.path)
            named = _BLOCK2_TYPE.search(piece)  # block 2 still says what the message was meant to be
            kind = named.group(1).decode() if named else "unknown"
            found = [RawMessage(piece.strip(b"\r\n"), "mt", kind, diagnostics=(error,))]
        parts.extend(replace(p, index=len(parts) + n) for n, p in enumerate(found, start=1))
    return parts


def _salvage_pieces(data: bytes) -> list[bytes]:
    """``data`` cut at RJE ``$`` lines and at each ``{1:`` that starts a message.

    A ``{1:`` inside a block 4 still open (the copied original in block 4 of an MT 096/097
    FINCopy message) is text of that block, not a message: cutting there would turn one
    broken message into two bogus ones.
    """
    pieces: list[bytes] = []
    start = 0
    for match in _RJE_OR_FIN.finditer(data):
        at = match.start()
        if match.group() == b"" and (at == start or inside_open_block4(data[start:at])):
            continue  # a {1: at the very start of a piece, or inside its block 4
        pieces.append(data[start:at])
        start = match.end()
    pieces.append(data[start:])
    return pieces


def inside_open_block4(piece: bytes) -> bool:
    """True when ``piece`` ends inside an open block 4: a ``{4:`` with no ``}`` after it."""
    begin = piece.rfind(b"{4:")
    return begin >= 0 and b"}" not in piece[begin:]
