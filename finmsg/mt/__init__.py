"""SWIFT MT (FIN) engine: lossless block parser, field specs as data, layered validation, writer.

Typical use::

    from finmsg.mt import read_one, validate_message, write_message
    msg = read_one(data).value
    diagnostics = validate_message(msg)
    again = write_message(msg).value
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from finmsg.mt.api import read_all, read_one, split_raw, validate_bytes
    from finmsg.mt.message import ApplicationHeader, BasicHeader, MtField, MtMessage
    from finmsg.mt.options import LENIENT, ParseOptions
    from finmsg.mt.validate import validate_message
    from finmsg.mt.writer import WriteOptions, write_message

__all__ = [
    "LENIENT",
    "ApplicationHeader",
    "BasicHeader",
    "MtField",
    "MtMessage",
    "ParseOptions",
    "WriteOptions",
    "read_all",
    "read_one",
    "split_raw",
    "validate_bytes",
    "validate_message",
    "write_message",
]

# Names are resolved on first use (PEP 562) so that registering the MT family,
# which imports this package, does not load the whole engine.
_HOMES = {
    "read_all": "api",
    "read_one": "api",
    "split_raw": "api",
    "validate_bytes": "api",
    "ApplicationHeader": "message",
    "BasicHeader": "message",
    "MtField": "message",
    "MtMessage": "message",
    "LENIENT": "options",
    "ParseOptions": "options",
    "validate_message": "validate",
    "WriteOptions": "writer",
    "write_message": "writer",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'finmsg.mt' has no attribute {name!r}")
    return getattr(importlib.import_module(f"finmsg.mt.{home}"), name)
