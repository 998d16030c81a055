"""Registers the ``fix`` family with :mod:`finmsg.registry`: sniff, split, read, validate, write.

The CLI and the public API only see this handler. Options arrive as a plain
mapping (``delimiter``, ``encoding``, ``dictionary``, ``overlay`` and the
QuickFIX switches such as ``ValidateUserDefinedFields``).

``read`` and ``validate`` run the same dictionary checks; ``read`` (``finmsg.parse``,
``finmsg convert``) reports a field the dictionary does not define for the message as a
warning (it is kept as an extra), ``validate`` (``finmsg validate``, ``convert --validate``)
reports everything QuickFIX rejects as an error (:data:`finmsg.fix.reader.READ_WARNING_REASONS`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any, cast

from finmsg.diagnostics import Result
from finmsg.errors import ConversionError, ParseError
from finmsg.model.base import Message
from finmsg.registry import (
    FormatHandler,
    OptionDetail,
    OptionSpec,
    RawMessage,
    declare_options,
    register_format,
)

__all__ = ["HANDLER"]

_START = re.compile(rb"8=FIXT?\.[0-9]")


def _sniff(data: bytes) -> bool:
    """``8=FIX`` on the first line that is neither blank nor a ``#`` comment, at its start or
    after a short log prefix.

    Why skip ``#`` lines: FIX logs and test scripts (QuickFIX ``.def`` files) often open with
    a commented header; no other family's input starts with ``#``.
    """
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    line, pos = b"", 0
    while line == b"" and pos >= 0:  # usually one pass: the first line is the message
        end = head.find(b"\n", pos)
        line = (head[pos:] if end < 0 else head[pos:end]).strip()
        if line.startswith(b"#"):
            line = b""
        pos = end if end < 0 else end + 1
    match = _START.search(line)
    if match is None:
        return False
    prefix = line[: match.start()]
    return len(prefix) <= 200 and not any(ch in prefix for ch in b"<{")


# The engine (options, dictionaries, reader, writer, trading model) is imported inside
# each function so that registering the family keeps ``import finmsg`` cheap.


def _split(data: bytes, options: Mapping[str, Any]) -> Iterator[RawMessage]:
    from_mapping, iter_frames = _SPLITTING or _splitting()
    opts = from_mapping(options)
    for index, frame in enumerate(iter_frames(data, delimiter=opts.delimiter), start=1):
        delim = frame.delimiter if opts.delimiter is None else opts.delimiter
        mt = b"?"
        pattern = _MSG_TYPES.get(delim) or _msg_type_pattern(delim)
        match = pattern.search(frame.data[:512])
        if match:
            mt = match.group(1)
        yield RawMessage(frame.data, "fix", mt.decode("latin-1"), index, frame.offset)


#: The ``<d>35=...<d>`` pattern per delimiter. Why kept: building it per frame (three
#: ``re.escape`` calls and the ``re.compile`` cache lookup) cost a tenth of a log's split.
_MSG_TYPES: dict[bytes, re.Pattern[bytes]] = {}


def _msg_type_pattern(delim: bytes) -> re.Pattern[bytes]:
    escaped = re.escape(delim)
    pattern = re.compile(escaped + rb"35=([^" + escaped + rb"]{1,16})" + escaped)
    if len(_MSG_TYPES) < 64:  # delimiters are few; bound it anyway
        _MSG_TYPES[delim] = pattern
    return pattern


def _read(data: bytes, options: Mapping[str, Any]) -> Result[Message]:
    from_mapping, read_message = _READING or _reading()
    return cast("Result[Message]", read_message(data, from_mapping(options)))


# The engine functions split and read call for every input and message, imported on first
# use and kept: an import statement costs about 2k instructions each time it runs. Splitting
# alone (``finmsg split``) does not load the reader and the trading model.
_SPLITTING: list[Any] = []
_READING: list[Any] = []


def _splitting() -> list[Any]:
    """``[FixOptions.from_mapping, iter_frames]``, imported once."""
    from finmsg.fix.options import FixOptions
    from finmsg.fix.tagvalue import iter_frames

    _SPLITTING[:] = [FixOptions.from_mapping, iter_frames]
    return _SPLITTING


def _reading() -> list[Any]:
    """``[FixOptions.from_mapping, read_message]``, imported once."""
    from finmsg.fix.options import FixOptions
    from finmsg.fix.reader import read_message

    _READING[:] = [FixOptions.from_mapping, read_message]
    return _READING


def _validate(data: bytes, options: Mapping[str, Any]) -> Result[Message | None]:
    from finmsg.fix.options import FixOptions, frame_error, parse_document
    from finmsg.fix.reader import document_to_model

    opts = FixOptions.from_mapping(options)
    try:
        parsed = parse_document(data, opts)
    except ParseError as exc:  # defensive: parse_document already converts framing errors
        return Result(None, [frame_error(exc)])
    if parsed.value is None:
        return Result(None, parsed.diagnostics)
    mapped = document_to_model(parsed.value)
    return Result(mapped.value, [*parsed.diagnostics, *mapped.diagnostics])


def _write(message: Message, target: str, options: Mapping[str, Any]) -> Result[bytes]:
    from finmsg.fix.writer import write_message
    from finmsg.model.trading import TradingMessage

    if not isinstance(message, TradingMessage):
        raise ConversionError(
            f"{type(message).__name__} is not a FIX trading model message",
            code="fix.write.model",
            value=type(message).__name__,
        )
    return write_message(message, target, options)


#: Target names the writer serves (its ``TARGETS`` table), matched without importing it.
_TARGETS = re.compile(r"fix(4[0-4]|50(sp[12])?)?")


def _accepts(target: str) -> bool:
    key = target.lower().replace(".", "").replace("-", "")
    return _TARGETS.fullmatch(key) is not None


def _warm() -> None:
    """Import the engine every FIX message needs (tag=value framing, options, reader, writer and the
    trading model), so that a batch coordinator pays it once before forking its workers.

    The dictionaries stay lazy: each FIX version's is loaded by the first message of that
    version (a run rarely meets more than one, and loading all of them costs more than that).
    """
    import finmsg.fix.options
    import finmsg.fix.reader
    import finmsg.fix.tagvalue
    import finmsg.fix.writer  # noqa: F401


HANDLER = FormatHandler(
    family="fix",
    extension=".fix",
    sniff=_sniff,
    split=_split,
    read=_read,
    validate=_validate,
    write=_write,
    accepts=_accepts,
    priority=30,
    aliases=("tagvalue", "fix44", "fix50sp2"),
    warm=_warm,
)
register_format(HANDLER)


#: The QuickFIX session switches :class:`finmsg.fix.validate.ValidationOptions` reads (same names as
#: QuickFIX), listed here so that declaring the options does not import the engine.
QUICKFIX_SWITCHES = frozenset(
    {
        "ValidateFieldsOutOfOrder",
        "ValidateFieldsHaveValues",
        "ValidateUserDefinedFields",
        "AllowUnknownMsgFields",
        "ValidateLengthAndChecksum",
        "UseDataDictionary",
        "CheckLatency",
        "MaxLatency",
        "DefaultApplVerID",
    }
)


def _check_options(options: Mapping[str, Any]) -> None:
    from finmsg.fix.options import check_options

    check_options(options)


#: The ApplVerID (1128) codes that name a bundled dictionary, FIX 4.0 (2) to FIX 5.0 SP2 (9): the
#: values ``DefaultApplVerID`` takes (``finmsg.fix.dictionary.APPL_VER_IDS``'s keys, listed here
#: so that declaring the options does not import the engine).
APPL_VER_ID_CODES = ("2", "3", "4", "5", "6", "7", "8", "9")
#: The QuickFIX switches' kinds and help, for ``--help`` and :func:`finmsg.registry.declared_options`.
_SWITCH_DETAILS = (
    OptionDetail(
        "ValidateFieldsOutOfOrder", "QuickFIX: header, body, trailer fields in order (Y/N; Y)", kind="bool"
    ),
    OptionDetail("ValidateFieldsHaveValues", "QuickFIX: refuse an empty field (Y/N; Y)", kind="bool"),
    OptionDetail("ValidateUserDefinedFields", "QuickFIX: check tags 5000 and up (Y/N; Y)", kind="bool"),
    OptionDetail(
        "AllowUnknownMsgFields", "QuickFIX: accept a field the message does not define (Y/N; N)", kind="bool"
    ),
    OptionDetail(
        "ValidateLengthAndChecksum", "QuickFIX: check BodyLength (9) and CheckSum (10) (Y/N; Y)", kind="bool"
    ),
    OptionDetail("UseDataDictionary", "QuickFIX: validate against the dictionary (Y/N; Y)", kind="bool"),
    OptionDetail("CheckLatency", "QuickFIX: refuse a SendingTime far from now (Y/N; N)", kind="bool"),
    OptionDetail("MaxLatency", "QuickFIX: seconds SendingTime may be from now (120)", kind="int"),
    OptionDetail(
        "DefaultApplVerID",
        "ApplVerID of a FIXT message that does not name one: 2 (FIX 4.0) ... 9 (FIX 5.0 SP2, default)",
        choices=APPL_VER_ID_CODES,
    ),
)

#: Reading: delimiter, encoding, dictionary, overlay, the QuickFIX switches and ``fix_options`` (a whole
#: FixOptions, library only); writing: delimiter, encoding and the DefaultApplVerID of a FIXT message.
#: Kinds and choices are declared so that ``--help`` lists what each key takes, and a
#: ``DefaultApplVerID`` that names no version is refused before any input is read (the library's
#: reader applied it only to a FIXT message without ApplVerID, and no reader checked it).
OPTIONS = OptionSpec(
    read=QUICKFIX_SWITCHES | {"delimiter", "encoding", "dictionary", "overlay", "fix_options"},
    write=frozenset({"delimiter", "encoding", "DefaultApplVerID"}),
    check=_check_options,
    details=(
        *_SWITCH_DETAILS,
        OptionDetail(
            "delimiter", "field separator: SOH (default, or detected), ^A, \\x01, | or another character"
        ),
        OptionDetail("encoding", "encoding of text fields (default utf-8; e.g. latin-1, cp1252, shift_jis)"),
        OptionDetail("dictionary", "a bundled version (FIX.4.4, FIX.5.0SP2...) or a QuickFIX XML file"),
        OptionDetail(
            "overlay", "additions to the dictionary: a bundled overlay (mifid2) or a QuickFIX XML file"
        ),
    ),
)
declare_options("fix", OPTIONS)
