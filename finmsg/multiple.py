"""An input that holds several messages: cut as the batch cuts it, and refused by a one-message call.

Why a module of its own: :mod:`finmsg.api`'s one-message calls (``parse``, ``convert``,
``validate``) and its multi-message ones (``detect``, ``parse_all``, ``convert_all``) share
these steps. A one-message call cuts only after its read failed, or after the ISO 20022
reader warned that it read the first of several Documents, so a good message never pays for
the cut; the count then comes from the same cut :func:`~finmsg.api.parse_all` makes, so the
error and the multi-message calls agree on how many messages an input holds.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from finmsg.diagnostics import Diagnostic, Result, Severity
from finmsg.errors import FinmsgError, MultipleMessagesError, OptionError, ParseError
from finmsg.model.base import Message
from finmsg.registry import FormatHandler, RawMessage

__all__ = [
    "cut",
    "documents_as_result",
    "refuse_documents",
    "refuse_several",
    "several_as_result",
    "several_documents",
]

#: The ISO 20022 reader's warning that it read only the first of several Documents.
_SEVERAL_DOCUMENTS = "iso.multiple-documents"


def cut(handler: FormatHandler, raw: bytes, options: Mapping[str, Any]) -> list[RawMessage]:
    """The messages of ``raw`` as the batch cuts them; for ISO 20022 input that is several
    whole XML documents joined end to end (which the XML parser refuses as one), those
    documents (:func:`finmsg.iso20022.concat.split_documents`), else the cut's own error."""
    from finmsg.batch.splitting import split_input

    try:
        return split_input(handler, raw, options)
    except OptionError:
        raise
    except FinmsgError as exc:
        if handler.family != "iso20022" or exc.code != "xml.syntax":
            raise  # (a size limit, say: not a cut to try)
        from finmsg.iso20022.concat import split_documents

        parts = split_documents(raw, options, handler.split)
        if parts is None:
            raise
        return parts


def several_documents(diagnostics: list[Diagnostic]) -> bool:
    """True when the ISO 20022 reader read the first of several Documents of one XML input
    (callers look at the family first: a function call costs more than that comparison)."""
    return any(d.code == _SEVERAL_DOCUMENTS for d in diagnostics)


def refuse_documents(
    handler: FormatHandler, raw: bytes, options: Mapping[str, Any], diagnostics: list[Diagnostic], call: str
) -> None:
    """Raise :class:`MultipleMessagesError` for an ISO 20022 input of several Documents that
    ``call`` read the first of (an envelope or batch element around them), as MT and FIX do.

    Why refuse rather than warn: a one-message call that quietly returns the first message
    reads like a clean result for the whole input; the count comes from the cut
    :func:`parse_all` makes, so the two agree (the reader's warning stays when they do not).
    """
    try:
        count = len(cut(handler, raw, options))
    except FinmsgError:
        return
    if count > 1:
        _raise_several(handler, count, call, diagnostics, None)


def refuse_several(
    handler: FormatHandler, raw: bytes, options: Mapping[str, Any], exc: FinmsgError, call: str
) -> None:
    """Raise :class:`MultipleMessagesError` when the input that ``call`` failed to read as one
    message is several (FIX messages one a line, back-to-back MT...); else return, and the
    caller re-raises its own error.

    Why only after a failure: cutting costs about as much as reading; a single message that
    reads never pays for it, and one that is broken alone keeps its own, precise error.
    """
    if isinstance(exc, MultipleMessagesError | OptionError):
        return
    try:
        parts = cut(handler, raw, options)
    except FinmsgError:
        return
    # A salvaged piece the cut could not type (text before an MT's ``{1:``) is no message; a
    # broken document of concatenated XML documents is one.
    # An ACK / NAK (service 21) before a message is read with that message, as its delivery status.
    counted = [
        part
        for n, part in enumerate(parts)
        if not (part.diagnostics and part.message_type == "unknown" and handler.family != "iso20022")
        and not (
            handler.family == "mt" and _is_ack(part) and n + 1 < len(parts) and not _is_ack(parts[n + 1])
        )
    ]
    count = len(counted)
    if count < 2 or _cut_inside(handler, counted):
        return
    _raise_several(handler, count, call, exc.diagnostics, exc)


def _raise_several(
    handler: FormatHandler, count: int, call: str, diagnostics: Iterable[Diagnostic], cause: Exception | None
) -> None:
    """Raise the :class:`MultipleMessagesError` of ``call`` given ``count`` messages."""
    raise MultipleMessagesError(
        f"the input holds {count} {handler.family} messages, and {call} reads one: use "
        "finmsg.parse_all(...) or finmsg.convert_all(...), which cut it into its messages "
        "(command line: finmsg detect / finmsg convert)",
        value=count,
        diagnostics=list(diagnostics),
    ) from cause


def _is_ack(part: RawMessage) -> bool:
    """True for an MT piece that is a FIN ACK / NAK (basic header of service 21)."""
    return part.data.lstrip().startswith(b"{1:F21")


def _cut_inside(handler: FormatHandler, parts: list[RawMessage]) -> bool:
    """True when an MT cut fell inside a message: a piece before the last ends inside an open
    block 4 (a ``{4:`` with no ``}`` after it), so the ``{1:`` after it is text of that block
    (the copied original in block 4 of an MT 096 / 097 FINCopy message), not a message.

    Why: refusing one message as several would hide its own, precise error behind advice
    (parse_all) that cuts it in two.
    """
    if handler.family != "mt":
        return False
    from finmsg.batch.splitting import inside_open_block4

    return any(inside_open_block4(part.data) for part in parts[:-1])


def documents_as_result(
    handler: FormatHandler, raw: bytes, options: Mapping[str, Any], result: Result[Message | None]
) -> Result[Message | None]:
    """:func:`validate` of several ISO 20022 Documents: no value and the ``input.multiple``
    error, as for several MT or FIX messages (the first Document's findings alone would read
    like a check of the whole input); ``result`` as it is when the cut does not agree."""
    try:
        refuse_documents(handler, raw, options, result.diagnostics, "validate")
    except MultipleMessagesError as exc:
        return Result(None, [Diagnostic(exc.code, Severity.ERROR, exc.message)])
    return result


def several_as_result(
    handler: FormatHandler, raw: bytes, options: Mapping[str, Any], result: Result[Message | None]
) -> Result[Message | None]:
    """:func:`validate`'s ``result`` led by an ``input.multiple`` error when the input it could
    not read is several messages (the reader's own findings follow); else ``result`` as it is."""
    first = result.errors[0]
    try:
        refuse_several(handler, raw, options, ParseError(first.message, code=first.code), "validate")
    except MultipleMessagesError as exc:
        return Result(None, [Diagnostic(exc.code, Severity.ERROR, exc.message), *result.diagnostics])
    return result
