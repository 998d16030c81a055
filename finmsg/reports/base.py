"""What every compliance exporter shares: inputs, rejected inputs, the report object, CSV safety.

An exporter consumes already-parsed messages (:class:`ReportInput`) and
produces a :class:`Report`: the payload records, the inputs it had to reject
(with a code and a reason — never silently skipped) and whether any record
carries an *error* finding, which the CLI turns into exit code 1.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from finmsg.diagnostics import Diagnostic
from finmsg.errors import ConversionError
from finmsg.model.base import Message

__all__ = [
    "Exporter",
    "Rejected",
    "Report",
    "ReportInput",
    "csv_safe",
    "dumps_json",
    "known_rejected",
    "rows_to_csv",
    "to_credit_transfer",
]


@dataclass(frozen=True, slots=True)
class ReportInput:
    """One parsed message handed to an exporter; ``source`` names it (``file.xml#1``)."""

    source: str
    message: Message
    diagnostics: tuple[Diagnostic, ...] = ()


@dataclass(frozen=True, slots=True)
class Rejected:
    """An input the exporter could not use, with the reason (reported, counted, exit code 1)."""

    source: str
    code: str
    message: str
    path: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "code": self.code, "message": self.message, "path": self.path}


@dataclass(slots=True)
class Report:
    """The result of one exporter run: records, rejected inputs and a pre-rendered payload."""

    name: str
    records: list[dict[str, Any]] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    error_count: int = 0
    payload: str = ""
    formats: Mapping[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when there is no error finding and no rejected input (exit code 0)."""
        return self.error_count == 0 and not self.rejected


class Exporter(Protocol):
    """A compliance exporter: a name, the output formats it offers and the export itself."""

    name: str
    formats: tuple[str, ...]

    def export(self, inputs: Iterable[ReportInput], options: Mapping[str, Any]) -> Report:
        """Build the report. ``options`` may hold ``refdata`` (a path) and exporter settings."""
        ...


def known_rejected(options: Mapping[str, Any]) -> list[Rejected]:
    """The inputs the caller could not even read (``options["rejected"]``), as the report's first rejections.

    The CLI splits and parses before an exporter sees anything; a message that fails
    there must still be counted and listed in the written report, not only on stderr.
    """
    given = options.get("rejected") or ()
    if not all(isinstance(item, Rejected) for item in given):
        raise TypeError("options['rejected'] must hold finmsg.reports.base.Rejected items")
    return list(given)


def dumps_json(data: Any) -> str:
    """Deterministic, readable JSON (keys in insertion order, UTF-8 kept)."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


#: A spreadsheet treats a cell starting with one of these as a formula (CSV/formula injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "|", "%")


def csv_safe(value: object) -> str:
    """The cell text with formula injection neutralised: a leading ``'`` before a formula start.

    >>> csv_safe("=HYPERLINK(\\"http://x\\")")
    '\\'=HYPERLINK("http://x")'
    >>> csv_safe("Acme"), csv_safe(None)
    ('Acme', '')
    """
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text


def rows_to_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """CSV text (RFC 4180 quoting, CRLF) with every cell passed through :func:`csv_safe`."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow([csv_safe(h) for h in header])
    for row in rows:
        writer.writerow([csv_safe(cell) for cell in row])
    return buffer.getvalue()


#: MT types that carry a credit transfer the exporters check, and the message they translate to.
#: MT103 variants are matched by number (see :func:`to_credit_transfer`); MT205COV, like
#: MT202COV, is the cover of a customer transfer (pacs.009 COV).
_CREDIT_TRANSFER_TARGETS = {"202COV": "pacs.009", "205COV": "pacs.009"}


def to_credit_transfer(message: Message) -> tuple[Message, list[Diagnostic]]:
    """A pacs.008/pacs.009 model for ``message``: ISO as is, MT103/MT202COV through translate.

    Raises :class:`~finmsg.errors.ConversionError` (code ``report.unsupported``)
    for any other message, or when the translation is not available.
    """
    from finmsg.model.payments import CreditTransfer

    if isinstance(message, CreditTransfer):
        return message, []
    target = _CREDIT_TRANSFER_TARGETS.get(message.message_type) if message.family == "mt" else None
    if target is None and message.family == "mt" and message.message_type[:3] == "103":
        target = "pacs.008"  # every MT103 variant (STP, REMIT, an unknown 119 flag) is a customer transfer
    if target is None:
        raise ConversionError(
            f"{message.family} {message.message_type} is not a credit transfer "
            "(expected pacs.008, pacs.009 COV, MT103 (any variant), MT202COV or MT205COV)",
            code="report.unsupported",
            value=message.message_type,
        )
    from finmsg.translate import translate

    result = translate(message, target)
    if not isinstance(result.value, CreditTransfer):  # pragma: no cover - translate contract
        raise ConversionError("translation did not produce a credit transfer", code="report.unsupported")
    return result.value, list(result.diagnostics)
