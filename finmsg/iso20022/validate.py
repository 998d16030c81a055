"""All validation layers for an ISO 20022 input: well-formedness, XSD, model checks."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from finmsg.diagnostics import Diagnostic, Result, Severity
from finmsg.errors import FinmsgError
from finmsg.iso20022.checks import run_checks
from finmsg.iso20022.document import limits_from, read_envelope
from finmsg.iso20022.envelope import find_envelopes
from finmsg.iso20022.schemas import validate_document
from finmsg.iso20022.xmlsafe import parse_xml
from finmsg.model.base import Message

__all__ = ["validate_iso"]


def validate_iso(data: bytes, options: Mapping[str, Any]) -> Result[Message | None]:
    """Validate the first message of ``data``; parse failures become error diagnostics."""
    try:
        root = parse_xml(data, limits_from(options))
        envelope = find_envelopes(root)[0]
    except FinmsgError as exc:
        return Result(None, [Diagnostic(exc.code, Severity.ERROR, exc.message, path=exc.path)])
    diagnostics: list[Diagnostic] = []
    diagnostics.extend(validate_document(envelope.document, envelope.message_id))
    if envelope.header is not None and envelope.header_id:
        diagnostics.extend(validate_document(envelope.header, envelope.header_id))
    try:
        result = read_envelope(envelope)
    except FinmsgError as exc:
        diagnostics.append(Diagnostic(exc.code, Severity.ERROR, exc.message, path=exc.path))
        return Result(None, diagnostics)
    diagnostics.extend(result.diagnostics)
    diagnostics.extend(run_checks(result.value, options))
    return Result(result.value, diagnostics)
