"""The public API: detect, parse, validate, write, convert — one entry point for every format."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

from finmsg.diagnostics import Diagnostic, Result, is_lossy
from finmsg.errors import ConversionError, FinmsgError, OptionError, ParseError, UnknownFormatError
from finmsg.model.base import Message
from finmsg.registry import (
    FormatHandler,
    OptionSpec,
    RawMessage,
    check_options,
    declare_options,
    find_target,
    get_format,
    registered_formats,
    sniff_format,
)

__all__ = ["convert", "convert_all", "detect", "parse", "parse_all", "to_pyiso20022", "validate", "write"]

Source = bytes | str | Path


def _check_translate_options(options: Mapping[str, Any]) -> None:
    """Refuse a translation option value no message can use, before any input is read.

    Why here and not only per message: ``sender`` / ``receiver`` are validated when a message
    that needs them is translated, which is after other outputs were written, or never (a run
    whose messages all carry their BICs), so a bad BIC must be named up front. ``now`` is read
    as a :class:`~datetime.datetime` only; text (``-o now=...``) would be ignored without a word.
    """
    if "sender" in options or "receiver" in options:
        from finmsg.translate.headers import Routing, fill_routing

        fill_routing(Routing(None, None), options)  # raises OptionError for a value that is no BIC
    now = options.get("now")
    if now is not None and not isinstance(now, datetime):
        raise OptionError(
            f"option now takes a datetime (library use: convert(..., now=datetime(...))), not {now!r}; "
            "the command line translates at the current time",
            path="option now",
            value=now,
        )


#: What the translation layer (:mod:`finmsg.translate`) reads from the options: ``now`` (the
#: translation time, for reproducible output), ``ssi`` (standing settlement instructions),
#: ``sender`` / ``receiver`` (BICs for the header of the message written).
declare_options(
    "translate",
    OptionSpec(write=frozenset({"now", "ssi", "sender", "receiver"}), check=_check_translate_options),
)


def _readers() -> list[str]:
    """Every family an input may be: the reading options any of them understands are accepted
    (the CLI's reading commands and :func:`convert` accept the same, so one set of options
    serves a mixed set of inputs, e.g. ``profile="cbpr+"`` for MT and ISO 20022 alike)."""
    return [handler.family for handler in registered_formats()]


def _as_bytes(data: Any) -> bytes:
    if isinstance(data, bytes):
        return data
    if isinstance(data, Path):
        return data.read_bytes()
    if isinstance(data, str):
        return data.encode("utf-8")
    module = type(data).__module__
    if module.startswith("pyiso20022."):
        from finmsg.interop import pyiso20022_to_bytes

        return pyiso20022_to_bytes(data)
    raise ParseError(f"cannot read a {type(data).__name__}; pass bytes, str or a Path", code="input.type")


def _handler(data: bytes, format: str | None) -> FormatHandler:
    """The handler named by ``format``, else the one that recognises ``data``.

    An unrecognised input that looks like a file path (one short line, not the start of XML,
    JSON or FIX, naming an existing file or ending in a family's extension) gets a hint: a
    ``str`` is the message text, never a path (reading files from text would be ambiguous).
    """
    if format:
        return get_format(format)
    try:
        return sniff_format(data)
    except UnknownFormatError as exc:
        text = data.decode("utf-8", "replace").strip() if len(data) <= 4096 else ""
        if not text or "\n" in text or text.startswith(("<", "{", "8=")):
            raise
        extensions = {handler.extension for handler in registered_formats()}
        if Path(text).suffix.lower() not in extensions and not Path(text).is_file():
            raise
        hint = "; it looks like a file path: pass pathlib.Path(...) to read a file (a str is message text)"
        raise UnknownFormatError(exc.message + hint, code=exc.code, value=exc.value) from None


def detect(data: Source) -> list[RawMessage]:
    """Every message in ``data`` with its family and type (``pacs.008.001.08``, ``103``, ``D``).

    Cut as ``finmsg detect`` and the batch cut: a broken message of an RJE or back-to-back MT
    file is listed as one message (typed by its block 2 when it has one) carrying its error
    in ``diagnostics``, and its neighbours are still found.
    """
    from finmsg.batch.splitting import split_input

    raw = _as_bytes(data)
    return split_input(_handler(raw, None), raw)


def parse(data: Source | Any, *, format: str | None = None, **options: Any) -> Result[Message]:
    """Read one message into the canonical model.

    ``data`` may be bytes, text, a :class:`~pathlib.Path` or a pyiso20022 Document.

    >>> from finmsg import parse
    >>> xml = open("fixtures/iso20022/pacs008-cbpr-structured/input.xml", "rb").read()
    >>> message = parse(xml).value
    >>> message.message_type, message.transactions[0].ids.uetr
    ('pacs.008.001.08', '8a562c67-ca16-48ba-b074-65581be6f001')
    >>> message.transactions[0].settlement_amount
    Amount(value=Decimal('12500.50'), currency='EUR')
    """
    raw = _as_bytes(data)
    handler = _handler(raw, format)
    if options:
        check_options(options, read=_readers(), where="parse", values=False)
    return handler.read(raw, options)


def parse_all(data: Source, *, format: str | None = None, **options: Any) -> Iterator[Result[Message]]:
    """Read every message of a multi-message input, in order."""
    raw = _as_bytes(data)
    handler = _handler(raw, format)
    if options:
        check_options(options, read=_readers(), where="parse_all", values=False)
    for part in handler.split(raw, options):
        yield handler.read(part.data, options)


def validate(data: Source | Any, *, format: str | None = None, **options: Any) -> Result[Message | None]:
    """Run every validation layer; the result is ``ok`` when no diagnostic is an error.

    >>> from finmsg import validate
    >>> result = validate(open("fixtures/iso20022/pacs008-cbpr-structured/input.xml", "rb").read())
    >>> result.ok
    True
    """
    raw = _as_bytes(data)
    try:
        handler = _handler(raw, format)
    except FinmsgError as exc:
        from finmsg.diagnostics import Diagnostic, Severity

        return Result(None, [Diagnostic(exc.code, Severity.ERROR, exc.message, path=exc.path)])
    if options:
        check_options(options, read=_readers(), where="validate", values=False)
    return handler.validate(raw, options)


def write(message: Message, to: str, **options: Any) -> Result[bytes]:
    """Serialise a model object for a target of its own family (``pacs.008.001.13``, ``mt``, ``json``)."""
    return find_target(to).write(message, to, options)


def convert(data: Source | Message, to: str, *, strict: bool = False, **options: Any) -> Result[bytes]:
    """Read (if needed) and write as ``to``; with ``strict=True`` any lossy diagnostic raises.

    One message in, one out: an ISO 20022 message with more items than one MT carries (several
    transactions, statements, entries...) gives the MT of its first item, and the others are
    reported as ``lossy.dropped`` with a pointer to :func:`convert_all`, which writes them all.

    >>> from finmsg import convert
    >>> xml = open("fixtures/iso20022/pacs008-cbpr-structured/input.xml", "rb").read()
    >>> out = convert(xml, "pacs.008.001.13")
    >>> b"pacs.008.001.13" in out.value
    True
    """
    target, message, diagnostics = _target_and_message(data, to, options)
    if target.family not in (message.family, "json"):
        source = message
        message, translated = _translate(message, to, options)
        if target.family == "mt" and any(d.code == "lossy.dropped" for d in translated):
            translated = _name_convert_all(source, translated)
        diagnostics.extend(translated)
    result = target.write(message, to, options)
    diagnostics.extend(result.diagnostics)
    if strict:
        _refuse_lossy(diagnostics, to)
    return Result(result.value, diagnostics)


def _target_and_message(
    data: Source | Message, to: str, options: dict[str, Any]
) -> tuple[FormatHandler, Message, list[Diagnostic]]:
    """What :func:`convert` and :func:`convert_all` both start with: the target and the option
    names checked first (a misspelt key fails before a large input is read; a batch passes one
    set to every input: any reader's, the target's, the translator's), then the message read."""
    target = _find_target(to)
    if options:
        where = f"convert to {to}"
        check_options(options, read=_readers(), write=(target.family, "translate"), where=where, values=False)
    if isinstance(data, Message):
        return target, data, []
    raw = _as_bytes(data)
    read = _handler(raw, None).read(raw, options)
    return target, read.value, list(read.diagnostics)


def convert_all(
    data: Source | Message, to: str, *, strict: bool = False, **options: Any
) -> list[Result[bytes]]:
    """Like :func:`convert`, but one result per output message, in item order.

    An MT carries fewer items than many ISO 20022 messages: one transaction (MT103, MT202,
    MT n92...), one statement (MT940), one entry (MT900/MT910), one debtor's transfers for one
    execution date (MT101). :func:`convert` translates the first item and reports the others as
    dropped; ``convert_all`` splits the message (:mod:`finmsg.translate.split`) and translates
    every part, each with its own diagnostics (paths name the item's place in the input). A
    message that needs no split gives a list of one. MT101 parts are separate requests (28D
    ``1/1`` each), not a chain: a chain must repeat sequence A identically, and the parts differ
    in their execution date (30) or ordering customer (50a).
    With ``strict=True`` any lossy diagnostic of any part raises.

    >>> from finmsg import convert_all
    >>> xml = open("fixtures/iso20022/pacs008-multi-bare/input.xml", "rb").read()
    >>> outs = convert_all(xml, "mt103", receiver="DEUTDEFFXXX")
    >>> [out.value.split(b":32A:")[1].split(b"\\r\\n")[0] for out in outs]
    [b'261130EUR1000,00', b'261130EUR750,25']
    >>> any("CdtTrfTxInf[1]" in (d.path or "") for d in outs[1].diagnostics)  # paths name the input's item
    False
    """
    target, message, read_diagnostics = _target_and_message(data, to, options)
    if target.family in (message.family, "json"):
        return [_write_one(message, to, target, read_diagnostics, options, strict)]
    if target.family != "mt" or message.family != "iso20022":
        translated, found = _translate(message, to, options)
        return [_write_one(translated, to, target, [*read_diagnostics, *found], options, strict)]
    parts = _split_if_needed()(message)
    if parts is None:  # one item: no copy, no path renaming
        translated, found = _translate(message, to, options)
        return [_write_one(translated, to, target, [*read_diagnostics, *found], options, strict)]
    results = []
    for part in parts:
        try:
            translated, found = _translate(part.message, to, options)
        except FinmsgError as exc:  # name the item's place in the input, not in the part
            exc.path = part.original_path(exc.path)
            raise
        found = [replace(d, path=part.original_path(d.path)) for d in found] if part.renames else found
        results.append(_write_one(translated, to, target, [*read_diagnostics, *found], options, strict))
    return results


@cache
def _split_if_needed() -> Callable[[Message], list[Any] | None]:
    """:func:`finmsg.translate.split.split_if_needed`, imported once (the batch converts through
    :func:`convert_all`: an import statement per message costs more than the split check)."""
    from finmsg.translate.split import split_if_needed

    return split_if_needed


def _write_one(
    message: Message,
    to: str,
    target: FormatHandler,
    diagnostics: list[Diagnostic],
    options: Mapping[str, Any],
    strict: bool,
) -> Result[bytes]:
    result = target.write(message, to, options)
    diagnostics = [*diagnostics, *result.diagnostics]
    if strict:
        _refuse_lossy(diagnostics, to)
    return Result(result.value, diagnostics)


def _refuse_lossy(diagnostics: list[Diagnostic], to: str) -> None:
    lossy = [d for d in diagnostics if is_lossy(d)]
    if lossy:
        raise ConversionError(
            f"conversion to {to} is lossy ({len(lossy)} finding(s)); first: {lossy[0].message}",
            code="conversion.lossy",
            path=lossy[0].path,
            diagnostics=lossy,
        )


def _name_convert_all(source: Message, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """The drop warnings of the items one MT cannot carry, naming the call that writes them all
    (only looked at when something was dropped: a one-item message is not split)."""
    parts = _split_if_needed()(source)
    if parts is None:
        return diagnostics
    items = {path for part in parts[1:] for path in part.dropped}
    hint = f"; finmsg.convert_all writes one MT per item ({len(parts)} here)"
    return [
        replace(d, message=d.message + hint) if d.code == "lossy.dropped" and d.path in items else d
        for d in diagnostics
    ]


#: Targets of the command line that are flat rows of many messages, not a message format.
_ROW_TARGETS = frozenset({"jsonl", "csv", "parquet"})


def _find_target(to: str) -> FormatHandler:
    """The writer for ``to``; a row target gets an error that says where rows come from."""
    try:
        return find_target(to)
    except UnknownFormatError:
        if to.lower() not in _ROW_TARGETS:
            raise
        raise UnknownFormatError(
            f"{to!r} rows are a batch output, not a message format: use finmsg.etl.rows_for(message) "
            f"for the rows of one message, or `finmsg convert INPUT... --to {to.lower()} --out DIR`",
            value=to,
        ) from None


def _translate(message: Message, to: str, options: Mapping[str, Any]) -> tuple[Message, list[Any]]:
    try:
        from finmsg.translate import translate  # type: ignore[attr-defined, unused-ignore]
    except ImportError:
        raise ConversionError(
            f"translating {message.family} {message.message_type} to {to} is not available yet",
            code="translate.unavailable",
            value=to,
        ) from None
    result = translate(message, to, **options)
    return result.value, list(result.diagnostics)


def to_pyiso20022(message: Message) -> Any:
    """The message as a pyiso20022 (xsdata) Document object; imports pyiso20022 lazily."""
    from finmsg.interop import to_pyiso20022 as convert_to

    return convert_to(message)
