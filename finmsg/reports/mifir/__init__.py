"""``mifir``: MiFIR RTS 22 transaction reports (ISO 20022 auth.016) from FIX executions and trade captures.

Pipeline: FIX model -> :func:`~finmsg.reports.mifir.mapping.build_record` (with
reference data) -> :func:`~finmsg.reports.mifir.checks.check_record` (checks
beyond the XSD) -> :func:`~finmsg.reports.mifir.writer.write_document` ->
XSD validation of the document. A record with an error finding is left out
of the document and reported (with its source, code, path and message); the
findings are also available as JSON (``formats["json"]``). A trade correction
gives two records: the ``Cxl`` of the report it replaces, then its ``New``; a
cancellation or correction of a report an earlier message of the run already
replaced concerns the live report (:mod:`finmsg.reports.mifir.chain`). A reference is
reported as ``New`` once per run: PossDup resends are skipped, unflagged repeats are
errors (:mod:`finmsg.reports.mifir.dedup`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from lxml import etree

from finmsg.diagnostics import Diagnostic, Severity
from finmsg.model.trading import ExecutionReport, TradingMessage
from finmsg.reports.base import Rejected, Report, ReportInput, dumps_json, known_rejected
from finmsg.reports.mifir.chain import Chain
from finmsg.reports.mifir.checks import check_record
from finmsg.reports.mifir.dedup import Seen
from finmsg.reports.mifir.mapping import build_record
from finmsg.reports.mifir.profiles import AUTH016_V03, PROFILES, Profile
from finmsg.reports.mifir.record import TxRecord
from finmsg.reports.mifir.refdata import RefData, load_refdata
from finmsg.reports.mifir.writer import write_document

__all__ = ["EXPORTER", "MifirExporter", "report_records", "validate_output"]


def validate_output(document: etree._Element, profile: Profile = AUTH016_V03) -> list[Diagnostic]:
    """XSD findings of a written document (empty when valid)."""
    from finmsg.iso20022.schemas import validate_document

    return list(validate_document(document, profile.message_id))


def report_records(
    inputs: Iterable[ReportInput], refdata: RefData, rejected: Iterable[Rejected] = ()
) -> tuple[list[TxRecord], list[dict[str, Any]], list[Rejected]]:
    """Map and check every input: (reportable records, per-input finding records, rejected inputs).

    ``rejected`` holds inputs already refused before mapping (unreadable messages); they lead the list.
    """
    records: list[TxRecord] = []
    findings: list[dict[str, Any]] = []
    chain = Chain()
    seen = Seen()
    rejected = list(rejected)
    for item in inputs:
        message = item.message
        if not isinstance(message, TradingMessage):
            rejected.append(
                Rejected(
                    item.source,
                    "report.unsupported",
                    f"{message.family} {message.message_type} is not a FIX trading message",
                )
            )
            continue
        record, diagnostics = build_record(message, refdata, item.source)
        if record is not None:
            diagnostics = diagnostics + check_record(record)
        errors = any(d.is_error for d in diagnostics)
        reported = record is not None and not errors
        if record is not None and not errors:
            ref_path = "FIX:19" if isinstance(message, ExecutionReport) else "FIX:572"
            if record.cancel:  # the live report of the cancelled reference (chain.py)
                target, notes = chain.cancel(record.tx_id, ref_path)
                diagnostics = diagnostics + notes
                if target is None:
                    reported = False
                else:
                    record.tx_id = target
                    seen.mark_cancelled(target)
                    records.append(record)
            elif (dup := seen.duplicate(record.tx_id, _possdup(message), item.source)) is not None:
                # a resend or repeat (dedup.py): its mapping findings concern a report not made
                diagnostics = [dup] if dup.severity is Severity.INFO else [*diagnostics, dup]
                reported = False
            else:
                seen.mark_reported(record.tx_id)
                if record.replaces:  # a correction: the live report it corrects is cancelled first
                    target, notes = chain.correct(record.replaces, record.tx_id, ref_path)
                    diagnostics = diagnostics + notes
                    if target is not None:
                        seen.mark_cancelled(target)
                        records.append(_cancellation(record, target))
                        findings.append(
                            {
                                "source": item.source,
                                "tx_id": target,
                                "action": "Cxl",
                                "reported": True,
                                "findings": [],
                            }
                        )
                records.append(record)
        findings.append(
            {
                "source": item.source,
                "tx_id": record.tx_id if record is not None else None,
                "action": ("Cxl" if record.cancel else "New") if record is not None else None,
                "reported": reported,
                "findings": [d.to_dict() for d in diagnostics],
            }
        )
    return records, findings, rejected


def _possdup(message: TradingMessage) -> bool:
    """PossDupFlag (43) is Y: the sender says this message may have been sent before."""
    return any(e.path == "FIX:43" and e.content == "Y" and e.source == "fix" for e in message.extras)


def _cancellation(record: TxRecord, tx_id: str) -> TxRecord:
    """The ``Cxl`` of the report ``record`` replaces (same firm, same submitter)."""
    return TxRecord(
        record.source,
        tx_id,
        record.executing_lei,
        record.submitting_lei,
        cancel=True,
        investment_firm=record.investment_firm,
    )


class MifirExporter:
    """``mifir``: auth.016 XML (default) or the JSON findings report."""

    name = "mifir"
    formats = ("xml", "json")

    def export(self, inputs: Iterable[ReportInput], options: Mapping[str, Any]) -> Report:
        refdata_path = options.get("refdata")
        refdata = load_refdata(refdata_path) if refdata_path else RefData()
        profile = PROFILES[str(options.get("profile", AUTH016_V03.name))]
        items = list(inputs)
        records, findings, rejected = report_records(items, refdata, known_rejected(options))
        report = Report(self.name, records=findings, rejected=rejected)
        report.error_count = sum(1 for f in findings for d in f["findings"] if d["severity"] == "error")
        xml = ""
        if records:
            document = write_document(records, profile)
            xsd = validate_output(document, profile)
            if xsd:
                report.error_count += len(xsd)
                findings.append(
                    {
                        "source": "(document)",
                        "tx_id": None,
                        "action": None,
                        "reported": False,
                        "findings": [d.to_dict() for d in xsd],
                    }
                )
            xml = etree.tostring(document, xml_declaration=True, encoding="UTF-8", pretty_print=True).decode()
        summary = {
            # messages, not finding records: a correction has two (its Cxl and its New)
            "inputs": len(items) + len(rejected),
            "reported": len(records),
            "rejected": len(rejected),
            "errors": report.error_count,
        }
        report.formats = {
            "xml": xml,
            "json": dumps_json(
                {
                    "report": self.name,
                    "profile": profile.name,
                    "transactions": findings,
                    "rejected": [r.to_dict() for r in rejected],
                    "summary": summary,
                }
            ),
        }
        report.payload = report.formats["xml"]
        return report


EXPORTER = MifirExporter()
