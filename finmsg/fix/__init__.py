"""FIX engine: tag=value tokenizer, QuickFIX data dictionaries, validation, reader and writer.

Layers (each importable on its own): :mod:`~finmsg.fix.tagvalue` (framing, tokens),
:mod:`~finmsg.fix.dictionary` (QuickFIX XML, FIXT split, overlays),
:mod:`~finmsg.fix.validate` (SessionRejectReason-coded diagnostics),
:mod:`~finmsg.fix.reader` / :mod:`~finmsg.fix.writer` (trading model),
:mod:`~finmsg.fix.interop` (simplefix). The names below are loaded on first use.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = [
    "FixOptions",
    "ValidationOptions",
    "from_simplefix",
    "iter_file",
    "iter_frames",
    "parse_document",
    "parse_frame",
    "read_message",
    "to_simplefix",
    "tokenize",
    "write_message",
]

_HOMES = {
    "FixOptions": "finmsg.fix.options",
    "parse_document": "finmsg.fix.options",
    "ValidationOptions": "finmsg.fix.validate",
    "from_simplefix": "finmsg.fix.interop",
    "to_simplefix": "finmsg.fix.interop",
    "iter_file": "finmsg.fix.tagvalue",
    "iter_frames": "finmsg.fix.tagvalue",
    "parse_frame": "finmsg.fix.tagvalue",
    "tokenize": "finmsg.fix.tagvalue",
    "read_message": "finmsg.fix.reader",
    "write_message": "finmsg.fix.writer",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'finmsg.fix' has no attribute {name!r}")
    return getattr(importlib.import_module(home), name)
