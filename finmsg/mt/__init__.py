"""SWIFT MT (FIN) engine: lossless block parser, field specs as data, layered validation, writer.

Typical use::

    from finmsg.mt import read_one, validate_message, write_message
    msg = read_one(data).value
    diagnostics = validate_message(msg)
    again = write_message(msg).value
"""

from __future__ import annotations

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
