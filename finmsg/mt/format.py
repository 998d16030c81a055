"""Registers the ``mt`` family with :mod:`finmsg.registry` (importing this module is enough).

The CLI and the public API only use the :class:`~finmsg.registry.FormatHandler`
built here; everything MT-specific stays inside :mod:`finmsg.mt`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from finmsg.diagnostics import Result
from finmsg.errors import ConversionError
from finmsg.model.base import Message
from finmsg.mt.options import ParseOptions
from finmsg.mt.statements import looks_like_statement_file
from finmsg.registry import FormatHandler, Options, RawMessage, register_format

__all__ = ["HANDLER"]

_TARGET = re.compile(r"(mt|fin|mt\d{3}(stp|cov|remit)?)", re.IGNORECASE)


def sniff(data: bytes) -> bool:
    """``{1:``/``{4:`` (after BOM/whitespace), an RJE ``$``, or a bare statement file."""
    head = data[:512]
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    stripped = head.lstrip(b" \t\r\n\x01")
    if stripped.startswith((b"{1:", b"{4:", b"{2:", b"{3:")):
        return True
    if stripped.startswith(b"$") and b"{1:" in data[:1024]:
        return True
    return looks_like_statement_file(stripped.decode("latin-1"))


# The engine (parser, validators, writer) is imported inside each function so that
# registering the family costs almost nothing: ``import finmsg`` must stay cheap.


def split(data: bytes, options: Options) -> Iterator[RawMessage]:
    from finmsg.mt.api import split_raw

    opts = ParseOptions.from_mapping(options)
    for index, (msg, chunk, offset) in enumerate(split_raw(data, opts), 1):
        yield RawMessage(chunk, "mt", msg.message_type, index=index, offset=offset)


def read(data: bytes, options: Options) -> Result[Message]:
    from finmsg.mt.api import read_one

    result = read_one(data, ParseOptions.from_mapping(options))
    return Result(result.value, result.diagnostics)


def validate(data: bytes, options: Options) -> Result[Message | None]:
    from finmsg.mt.api import validate_bytes

    result = validate_bytes(data, ParseOptions.from_mapping(options))
    return Result(result.value, result.diagnostics)


def write(message: Message, target: str, options: Options) -> Result[bytes]:
    from finmsg.mt.message import MtMessage
    from finmsg.mt.writer import WriteOptions, write_message

    if not isinstance(message, MtMessage):
        raise ConversionError(
            f"cannot write a {message.family} {message.message_type} message as MT: "
            "translation to MT is not available",
            code="mt.translation.unavailable",
            value=target,
        )
    wanted = target.lower()
    if wanted.startswith("mt") and len(wanted) > 2 and not wanted[2:5] == message.mt_number:
        raise ConversionError(
            f"message is MT{message.message_type}, not {target}", code="mt.target.mismatch", value=target
        )
    policy = str(options.get("charset_policy", "transliterate")) if options else "transliterate"
    return write_message(message, WriteOptions(charset_policy=policy))


def accepts(target: str) -> bool:
    return _TARGET.fullmatch(target) is not None


def warm() -> None:
    """Import the engine every MT message needs (block parser, validator, writer, statement reader)
    and build the shared semantic tables (currencies, the BIC pattern), so that a batch coordinator
    pays for them once before forking its workers. Per-type field plans stay lazy (a run meets few types).
    """
    import finmsg.mt.api  # noqa: F401
    from finmsg.mt.semantics import bic, currency_units

    currency_units()
    bic()


HANDLER = FormatHandler(
    family="mt",
    extension=".fin",
    sniff=sniff,
    split=split,
    read=read,
    validate=validate,
    write=write,
    accepts=accepts,
    aliases=("fin", "swift", "swift-mt"),
    warm=warm,
)
register_format(HANDLER)
