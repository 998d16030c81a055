"""All validation layers for an ISO 20022 input: well-formedness, XSD, model checks."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from finmsg.diagnostics import Diagnostic, Result, Severity
from finmsg.errors import FinmsgError
from finmsg.iso20022.checks import run_checks
from finmsg.iso20022.document import limits_from, multiple_documents, read_compact, read_envelope
from finmsg.iso20022.envelope import Envelope, find_envelopes
from finmsg.iso20022.schemas import validate_document
from finmsg.iso20022.xmlsafe import parse_for_reading, parse_xml
from finmsg.model.base import Message

__all__ = ["validate_iso"]


def validate_iso(data: bytes, options: Mapping[str, Any]) -> Result[Message | None]:
    """Validate the first message of ``data``; parse failures become error diagnostics.

    The tree is parsed without indentation when that is exact
    (:func:`~finmsg.iso20022.xmlsafe.parse_for_reading`; XSD validation ignores
    whitespace between elements); in the rare case where the reader finds it is not
    (:func:`~finmsg.iso20022.document.read_compact`), everything runs again on a full parse.
    """
    try:
        limits = limits_from(options)
        root, compact = parse_for_reading(data, limits)
        envelopes = find_envelopes(root)
    except FinmsgError as exc:
        return Result(None, [Diagnostic(exc.code, Severity.ERROR, exc.message, path=exc.path)])
    done = _validate(envelopes[0], compact)
    while done is None:  # once: a full parse (which cannot fail where the compact one did not)
        done = _validate(find_envelopes(parse_xml(data, limits))[0], False)
    result, diagnostics = done
    if len(envelopes) > 1:
        diagnostics.append(multiple_documents(len(envelopes), "validated"))
    if result is None:
        return Result(None, diagnostics)
    diagnostics.extend(run_checks(result.value, options))
    return Result(result.value, diagnostics)


def _validate(envelope: Envelope, compact: bool) -> tuple[Result[Message] | None, list[Diagnostic]] | None:
    """XSD diagnostics and the read of ``envelope`` (None when the read failed: its error
    is among the diagnostics); None instead when its compact tree cannot serve.

    A compact tree serves only a document without schema or read errors: where an element
    of simple type holds a child element (``<Nm>  <X/>  </Nm>``), the blanks the compact
    parse dropped are that element's value, and the schema would report an empty value
    on top of the child. Errors are the rare case: they get the full parse.
    """
    diagnostics: list[Diagnostic] = []
    diagnostics.extend(validate_document(envelope.document, envelope.message_id))
    if envelope.header is not None and envelope.header_id:
        diagnostics.extend(validate_document(envelope.header, envelope.header_id))
    if compact and any(d.severity is Severity.ERROR for d in diagnostics):
        return None
    try:
        result = read_compact(envelope) if compact else read_envelope(envelope)
    except FinmsgError as exc:
        if compact:
            return None
        diagnostics.append(Diagnostic(exc.code, Severity.ERROR, exc.message, path=exc.path))
        return None, diagnostics
    if result is None:
        return None
    diagnostics.extend(result.diagnostics)
    return result, diagnostics
