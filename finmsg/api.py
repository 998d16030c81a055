"""The public API: detect, parse, validate, write, convert — one entry point for every format."""

from __future__ import annotations

import codecs
from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from finmsg.diagnostics import Diagnostic, Result, Severity, refused_by_strict
from finmsg.errors import (
    ConversionError,
    EmptyInputError,
    FinmsgError,
    InputError,
    MultipleMessagesError,
    OptionError,
    ParseError,
    UnknownFormatError,
    UnreadableInputError,
)
from finmsg.model.base import Message
from finmsg.multiple import (
    cut,
    documents_as_result,
    refuse_documents,
    refuse_several,
    several_as_result,
    several_documents,
)
from finmsg.registry import (
    FormatHandler,
    OptionDetail,
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

if TYPE_CHECKING:
    from finmsg.translate.split import Part

Source = bytes | bytearray | memoryview | str | Path


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
#: translation time, for reproducible output; a datetime, so library-only), ``ssi`` (standing
#: settlement instructions), ``sender`` / ``receiver`` (BICs for the header of the message written).
declare_options(
    "translate",
    OptionSpec(
        write=frozenset({"now", "ssi", "sender", "receiver"}),
        check=_check_translate_options,
        details=(
            OptionDetail(
                "now",
                "the translation time, for reproducible output: convert(..., now=datetime(...))",
                kind="datetime",
                library_only=True,
            ),
            OptionDetail("ssi", "standing settlement instructions: a JSON or CSV file (convert --ssi)"),
            OptionDetail("sender", "the BIC of the sender in the header of the message written"),
            OptionDetail("receiver", "the BIC of the receiver in the header of the message written"),
        ),
    ),
)

#: Usage-guideline profiles (``profile``) and CBPR+ releases (``cbpr_release``) the ISO 20022
#: checks know (:mod:`finmsg.iso20022.cbpr`: SR2026, the default, rejects an unstructured-only
#: address; SR2025 warns). Declared as choices so that any other value is refused up front,
#: library and command line alike, instead of a per-message warning and the default's rules.
#: Declared here so that the command line can offer them as choices without importing the ISO
#: 20022 reader; :mod:`finmsg.iso20022.document` declares the same names, and declarations add up.
PROFILES = ("cbpr+",)
CBPR_RELEASES = ("SR2025", "SR2026")
declare_options(
    "iso20022",
    OptionSpec(
        read=frozenset({"profile", "cbpr_release"}),
        details=(
            OptionDetail(
                "profile", "usage-guideline profile (default: by the business service)", choices=PROFILES
            ),
            OptionDetail(
                "cbpr_release", "CBPR+ release for address rules (default SR2026)", choices=CBPR_RELEASES
            ),
        ),
    ),
)


def _readers() -> list[str]:
    """Every family an input may be: the reading options any of them understands are accepted
    (the CLI's reading commands and :func:`convert` accept the same, so one set of options
    serves a mixed set of inputs, e.g. ``profile="cbpr+"`` for MT and ISO 20022 alike)."""
    return [handler.family for handler in registered_formats()]


def _as_bytes(data: Any) -> bytes:
    """``data`` as bytes: bytes as they are, a bytearray or memoryview copied, text as UTF-8, a
    :class:`~pathlib.Path` read (:class:`UnreadableInputError` when it cannot be), a pyiso20022
    Document serialised; anything else is an :class:`InputError` (``input.type``)."""
    if isinstance(data, bytes):
        return data
    if isinstance(data, Path):
        return _read_file(data)
    if isinstance(data, str):
        return data.encode("utf-8")
    if isinstance(data, bytearray | memoryview):
        return bytes(data)
    module = type(data).__module__
    if module.startswith("pyiso20022."):
        from finmsg.interop import pyiso20022_to_bytes

        return pyiso20022_to_bytes(data)
    raise InputError(
        f"cannot read a {type(data).__name__}; pass bytes (or a bytearray / memoryview), str, "
        "a pathlib.Path or a pyiso20022 Document",
        code="input.type",
        value=type(data).__name__,
    )


def _read_file(path: Path) -> bytes:
    """The bytes of ``path``, or :class:`UnreadableInputError` naming the file and the reason.

    Why not the builtin error: callers catch :class:`FinmsgError` around ``parse``; a missing
    file must not escape that. The error is an :class:`OSError` too, with the cause's fields.
    """
    try:
        return path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        error = UnreadableInputError(f"cannot read {str(path)!r}: {reason}", path=str(path), value=str(path))
        error.errno, error.strerror, error.filename = exc.errno, exc.strerror, str(path)
        raise error from exc


def recognise(data: bytes) -> FormatHandler:
    """The handler of the format ``data`` is in (what :func:`parse` would use), with the same typed
    errors: ``input.empty`` for nothing, blanks or a lone byte order mark, else ``format.unknown``."""
    return _handler(data, None)


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
        blank = _blank(data)
        if blank is not None:
            raise EmptyInputError(blank, value=data[:40].decode("latin-1")) from None
        text = data.decode("utf-8", "replace").strip() if len(data) <= 4096 else ""
        if not text or "\n" in text or text.startswith(("<", "{", "8=")):
            raise
        extensions = {handler.extension for handler in registered_formats()}
        if Path(text).suffix.lower() not in extensions and not Path(text).is_file():
            raise
        hint = "; it looks like a file path: pass pathlib.Path(...) to read a file (a str is message text)"
        raise UnknownFormatError(exc.message + hint, code=exc.code, value=exc.value) from None


#: Byte order marks and the codec that reads text after one; UTF-32 LE first (it begins with
#: the UTF-16 LE mark).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _blank(data: bytes) -> str | None:
    """Why ``data`` holds no message (nothing, blanks, a byte order mark and blanks), else None.

    Why the mark: a file saved empty by an editor that writes one (UTF-8 or UTF-16) is an
    empty input to its user; naming it ``format.unknown`` with its raw bytes sent them looking
    for a format. Only called once no family recognised the input (never on a good message).
    """
    if not data.strip():
        return "empty input: there is no message to read" if not data else "input holds only whitespace"
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                return None
            if text.replace("\ufeff", "").strip():
                return None
            blanks = " and whitespace" if text.replace("\ufeff", "") else ""
            return f"input holds only a byte order mark{blanks}: there is no message to read"
    return None


def detect(data: Source) -> list[RawMessage]:
    """Every message in ``data`` with its family and type (``pacs.008.001.08``, ``103``, ``D``).

    Cut as ``finmsg detect`` and the batch cut: a broken message of an RJE or back-to-back MT
    file is listed as one message (typed by its block 2 when it has one) carrying its error
    in ``diagnostics``, and its neighbours are still found.
    """
    raw = _as_bytes(data)
    return cut(_handler(raw, None), raw, {})


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
    if options:  # first: a misspelt key or a value outside its choices fails before a large input is read
        check_options(options, read=_readers(), where="parse", values=False)
    return _read_one(_as_bytes(data), format, options, "parse")


def _read_one(raw: bytes, format: str | None, options: Mapping[str, Any], call: str) -> Result[Message]:
    """``raw`` read as one message for the one-message ``call`` (``parse``, ``convert``): an input
    holding several raises :class:`MultipleMessagesError`, found only after the read failed or the
    ISO reader warned that it read the first Document of several (a good message pays nothing)."""
    handler = _handler(raw, format)
    try:
        result = handler.read(raw, options)
    except ParseError as exc:
        refuse_several(handler, raw, options, exc, call)
        raise
    if result.diagnostics and handler.family == "iso20022" and several_documents(result.diagnostics):
        refuse_documents(handler, raw, options, result.diagnostics, call)
    return result


def parse_all(data: Source, *, format: str | None = None, **options: Any) -> Iterator[Result[Message | None]]:
    """Read every message of a multi-message input, in order, one result per message.

    Cut as :func:`detect` and the batch cut (:func:`finmsg.batch.splitting.split_input`): a
    broken member of an RJE file or of back-to-back FIN messages, or a member that is cut but
    cannot be read, gives a result with no value (``None``) whose error diagnostic says why,
    and the members after it are still read. Check ``result.ok`` (or ``result.value``) per
    message. An input that cannot be cut at all and a bad option value still raise.
    """
    if options:
        check_options(options, read=_readers(), where="parse_all", values=False)
    raw = _as_bytes(data)
    handler = _handler(raw, format)
    for part in cut(handler, raw, options):
        if part.diagnostics and any(d.is_error for d in part.diagnostics):
            yield Result(None, list(part.diagnostics))  # a piece the cut could only salvage
            continue
        try:
            read: Result[Message | None] = handler.read(part.data, options)  # type: ignore[assignment]
        except OptionError:
            raise  # the call's usage error, not this member's
        except FinmsgError as exc:
            from finmsg.diagnostics import Severity

            failed = Diagnostic(exc.code, Severity.ERROR, exc.message, path=exc.path)
            yield Result(None, _with_cause(failed, exc))
            continue
        yield read


def validate(data: Source | Any, *, format: str | None = None, **options: Any) -> Result[Message | None]:
    """Run every validation layer; the result is ``ok`` when no diagnostic is an error.

    >>> from finmsg import validate
    >>> result = validate(open("fixtures/iso20022/pacs008-cbpr-structured/input.xml", "rb").read())
    >>> result.ok
    True
    """
    if options:
        check_options(options, read=_readers(), where="validate", values=False)
    raw = _as_bytes(data)
    try:
        handler = _handler(raw, format)
    except FinmsgError as exc:
        from finmsg.diagnostics import Diagnostic, Severity

        return Result(None, [Diagnostic(exc.code, Severity.ERROR, exc.message, path=exc.path)])
    result = handler.validate(raw, options)
    if result.value is None and not result.ok:  # not read at all: perhaps several messages
        return several_as_result(handler, raw, options, result)
    if result.diagnostics and handler.family == "iso20022" and several_documents(result.diagnostics):
        return documents_as_result(handler, raw, options, result)
    return result


def write(message: Message, to: str, **options: Any) -> Result[bytes]:
    """Serialise a model object for a target of its own family (``pacs.008.001.13``, ``mt``, ``json``).

    The options are checked as :func:`convert` checks them (a misspelt key, a value outside its
    choices; a choice in another case is passed on in its declared spelling)."""
    target = find_target(to)
    if options:
        check_options(options, write=(target.family,), where=f"write to {to}", values=False)
    try:
        return target.write(message, to, options)
    except ConversionError as exc:
        _name_amount(exc, message)
        raise


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
    source = message
    try:
        if target.family not in (message.family, "json"):
            message, translated = _translate(message, to, options)
            if target.family == "mt" and any(d.code == "lossy.dropped" for d in translated):
                translated = _name_convert_all(source, translated)
            diagnostics.extend(translated)
        result = target.write(message, to, options)
    except ConversionError as exc:
        _name_amount(exc, source, message)
        raise
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
    read = _read_one(_as_bytes(data), None, options, "convert")
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
    A part that cannot be translated or written does not take its neighbours with it: its
    result has no output (``b""``) and an error diagnostic (``result.ok`` is False) with the
    path of the element that failed in the input, or of the item (``.../CdtTrfTxInf[3]``).
    MTs that would carry the same sender's reference (field 20 from a shared ``MsgId``) get
    ``<reference>/<n>`` instead, reported as ``mapping.derived`` (:mod:`finmsg.translate.split_refs`).
    With ``strict=True`` any lossy diagnostic of any part raises.

    >>> from finmsg import convert_all
    >>> xml = open("fixtures/iso20022/pacs008-multi-bare/input.xml", "rb").read()
    >>> outs = convert_all(xml, "mt103", receiver="DEUTDEFFXXX")
    >>> [out.value.split(b":32A:")[1].split(b"\\r\\n")[0] for out in outs]
    [b'261130EUR1000,00', b'261130EUR750,25']
    >>> any("CdtTrfTxInf[1]" in (d.path or "") for d in outs[1].diagnostics)  # paths name the input's item
    False
    """
    try:
        return _convert_all(data, to, strict, options)
    except ConversionError as exc:
        _name_amount(exc, data)
        raise


def _convert_all(
    data: Source | Message, to: str, strict: bool, options: dict[str, Any]
) -> list[Result[bytes]]:
    """:func:`convert_all`, before a refused amount is named in the model."""
    try:
        target, message, read_diagnostics = _target_and_message(data, to, options)
    except MultipleMessagesError:  # an input of several messages: one call per message
        each = _convert_each(_as_bytes(data), to, strict, options)
        if each is None:
            raise
        return each
    if target.family in (message.family, "json"):
        return [_write_one(message, to, target, read_diagnostics, options, strict)]
    if message.family == "fix":  # a J with several allocations: one settlement instruction each
        allocations = _allocation_results()(message, to, options)
        if allocations is not None:
            return _write_allocations(allocations, to, target, read_diagnostics, options, strict)
    if target.family != "mt" or message.family != "iso20022":
        translated, found = _translate(message, to, options)
        return [_write_one(translated, to, target, [*read_diagnostics, *found], options, strict)]
    parts = _split_if_needed()(message)
    if parts is None:  # one item: no copy, no path renaming
        translated, found = _translate(message, to, options)
        return [_write_one(translated, to, target, [*read_diagnostics, *found], options, strict)]
    translated_parts: list[Message | None] = []
    findings: list[list[Diagnostic]] = []
    for part in parts:
        try:
            one, found = _translate(part.message, to, options)
        except OptionError:
            raise  # a bad option value fails every item alike: the call's error, not this item's
        except FinmsgError as exc:  # this item only: its neighbours are still written
            translated_parts.append(None)
            findings.append(_with_cause(_item_failed(part, exc), exc))
            continue
        translated_parts.append(one)
        findings.append(
            [replace(d, path=part.original_path(d.path)) for d in found] if part.renames else found
        )
    results = []
    distinct = _distinct_references()(translated_parts, [part.item for part in parts])
    for part, found, (done, derived) in zip(parts, findings, distinct, strict=True):
        diagnostics = [*read_diagnostics, *found, *([derived] if derived is not None else [])]
        if done is None:
            results.append(Result(b"", diagnostics))
            continue
        try:
            written = target.write(done, to, options)
        except OptionError:
            raise
        except FinmsgError as exc:
            results.append(Result(b"", [*diagnostics, *_with_cause(_item_failed(part, exc), exc)]))
            continue
        diagnostics.extend(written.diagnostics)
        if strict:
            _refuse_lossy(diagnostics, to)
        results.append(Result(written.value, diagnostics))
    return results


def _convert_each(raw: bytes, to: str, strict: bool, options: dict[str, Any]) -> list[Result[bytes]] | None:
    """:func:`convert_all` of every message of a multi-message input, cut as :func:`parse_all`
    cuts (FIX one a line or a session log, back-to-back MT or RJE, several ISO 20022 Documents);
    ``None`` when the cut finds fewer than two (each member is smaller than the input, so the
    call per member cannot recurse for ever).

    A member that cannot be cut or read gives a result with no output (``b""``) and its error,
    and the members after it are still converted; a bad option value still raises.
    """
    parts = cut(_handler(raw, None), raw, options)
    if len(parts) < 2:
        return None
    results: list[Result[bytes]] = []
    for part in parts:
        if any(d.is_error for d in part.diagnostics):
            results.append(Result(b"", list(part.diagnostics)))
            continue
        try:
            results.extend(convert_all(part.data, to, strict=strict, **options))
        except OptionError:
            raise  # the call's usage error, not this member's
        except FinmsgError as exc:
            if strict and exc.code == "conversion.lossy":
                raise  # strict: a lossy member fails the call, as in a one-message input
            results.append(Result(b"", _member_failed(part.index, exc)))
    return results


def _member_failed(index: int, exc: FinmsgError) -> list[Diagnostic]:
    """The diagnostics of the ``index``-th message of an input that could not be converted: the
    error, named by the member's number, then the error's own findings (without the error again)."""
    from finmsg.diagnostics import Severity

    failed = Diagnostic(
        exc.code, Severity.ERROR, f"message {index} was not converted: {exc.message}", path=exc.path
    )
    return [failed, *(d for d in exc.diagnostics if (d.code, d.path) != (exc.code, exc.path))]


def _with_cause(failed: Diagnostic, exc: FinmsgError) -> list[Diagnostic]:
    """``failed`` and the error's own findings, less the one ``failed`` already says (a reader
    often raises with the diagnostic it raised for among its findings)."""
    return [
        failed,
        *(d for d in exc.diagnostics if not (d.code == failed.code and d.message in failed.message)),
    ]


def _item_failed(part: Part, exc: FinmsgError) -> Diagnostic:
    """The error diagnostic of a split item that could not be translated or written, with the
    path of the element that failed in the input (the item's own path when the error names none)."""
    from finmsg.diagnostics import Severity

    path = part.original_path(exc.path) or part.item or None
    return Diagnostic(
        exc.code,
        Severity.ERROR,
        f"{part.item or 'this item'} was not translated: {exc.message}",
        path=path,
        original=exc.value if isinstance(exc.value, str) else None,
    )


@cache
def _split_if_needed() -> Callable[[Message], list[Any] | None]:
    """:func:`finmsg.translate.split.split_if_needed`, imported once (the batch converts through
    :func:`convert_all`: an import statement per message costs more than the split check)."""
    from finmsg.translate.split import split_if_needed

    return split_if_needed


@cache
def _allocation_results() -> Callable[[Message, str, Mapping[str, Any]], list[Result[Message | None]] | None]:
    """:func:`finmsg.settlement.split.allocation_results`, imported once (like the split)."""
    from finmsg.settlement.split import allocation_results

    return allocation_results


def _write_allocations(
    results: list[Result[Message | None]],
    to: str,
    target: FormatHandler,
    read_diagnostics: list[Diagnostic],
    options: Mapping[str, Any],
    strict: bool,
) -> list[Result[bytes]]:
    """One output per allocation; an allocation that could not be converted or written has no
    output (``b""``) and its error, and its neighbours are still written."""
    out: list[Result[bytes]] = []
    for result in results:
        found = [*read_diagnostics, *result.diagnostics]
        if result.value is None:
            out.append(Result(b"", found))
            continue
        try:
            out.append(_write_one(result.value, to, target, found, options, strict))
        except OptionError:
            raise
        except FinmsgError as exc:
            if strict and exc.code == "conversion.lossy":
                raise
            out.append(
                Result(b"", [*found, Diagnostic(exc.code, Severity.ERROR, exc.message, path=exc.path)])
            )
    return out


@cache
def _distinct_references() -> Callable[
    [list[Message | None], list[str]], list[tuple[Message | None, Diagnostic | None]]
]:
    """:func:`finmsg.translate.split_refs.distinct_references`, imported once (like the split)."""
    from finmsg.translate.split_refs import distinct_references

    return distinct_references


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


def _name_amount(exc: FinmsgError, *messages: object) -> None:
    """Give a writer's ``write.amount`` error (a NaN, an Infinity or a float amount, refused
    where its element path is not known: deep in a value formatter) the model path of the
    value, e.g. ``message.transactions[0].settlement_amount.value``.

    Why here: only a model built or edited in code can hold such a value (readers make finite
    Decimals), and the formatters are shared by every writer; walking the model costs nothing
    until a write has failed. Each message (a translator may have made a new one) is searched
    by :func:`finmsg.model.serialize.amount_path`, the walk the JSON writer uses too.
    """
    if exc.code != "write.amount" or exc.path is not None:
        return
    from finmsg.model.serialize import amount_path

    for message in messages:
        path = amount_path(message, exc.value)
        if path is not None:
            exc.path = path
            return


def _refuse_lossy(diagnostics: list[Diagnostic], to: str) -> None:
    lossy = [d for d in diagnostics if refused_by_strict(d)]
    if lossy:
        first = lossy[0]
        raise ConversionError(
            f"conversion to {to} is lossy ({len(lossy)} finding(s)); first: {first.message}",
            code="conversion.lossy",
            path=first.path,
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


def to_pyiso20022(message: Message | Source) -> Any:
    """The message as a pyiso20022 (xsdata) Document object; imports pyiso20022 lazily.

    ``message`` is a model object or input to :func:`parse` (bytes, text, a Path); an MT or FIX
    message raises :class:`ConversionError` naming the :func:`convert` to run first."""
    from finmsg.interop import to_pyiso20022 as convert_to

    return convert_to(message)
