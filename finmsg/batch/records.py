"""The per-message audit records and the encoded lines a worker sends back.

Audit records and manifest lines are built and JSON-encoded in the worker, in
parallel, rather than in the coordinator; a resumed input's result is rebuilt
from its manifest entry so that it reports the same counts and records.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from finmsg.batch.tasks import FileResult, FileTask, SliceTask
from finmsg.diagnostics import Diagnostic, Severity
from finmsg.jsonfmt import dumps_compact
from finmsg.registry import RawMessage

__all__ = ["audit_record", "encode_result", "reason_document", "result_from_entry", "sha256_hex"]


def encode_result(result: FileResult, audit: bool) -> None:
    """JSON-encode the result's manifest line and audit lines here, in parallel, rather than in the
    coordinator; the records themselves then need not travel back at all."""
    if result.complete and not result.resumed and not result.io_error:
        result.line = dumps_compact(result.entry())
    if audit:
        result.audit_text = "".join(
            json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n" for record in result.audit
        )
    result.audit = []


def sha256_hex(data: bytes) -> str:
    """Hex SHA-256 of ``data`` (the audit trail's ``sha256_in``/``sha256_out``)."""
    return hashlib.sha256(data).hexdigest()


_SEVERITIES = tuple(s.value for s in Severity)


def audit_record(
    task: FileTask | SliceTask,
    part: RawMessage,
    sha_in: str,
    status: str,
    output: str | None,
    sha_out: str | None,
    diags: list[Diagnostic],
    index: int | None = None,
) -> dict[str, Any]:
    """One audit-trail record: the message, its digests, its fate and its findings per severity."""
    counts = dict.fromkeys(_SEVERITIES, 0)
    for diag in diags:
        counts[diag.severity.value] += 1
    return {
        "input": task.name,
        "index": index if index is not None else part.index,
        "sha256_in": sha_in,
        "type": f"{part.family}:{part.message_type}",
        "status": status,
        "output": output,
        "sha256_out": sha_out,
        "rules": sorted({d.rule for d in diags if d.rule}) if diags else [],
        "diagnostics": counts,
    }


def reason_document(
    name: str,
    index: int,
    part: RawMessage,
    reason: str,
    diags: list[Diagnostic],
    validation: list[Diagnostic] | None,
    partial: tuple[dict[int, Diagnostic], list[dict[str, str]]] | None,
) -> dict[str, Any]:
    """The ``<quarantined file>.reason.json`` of a message: why it was refused, in full.

    ``validation``: what ``finmsg validate`` adds about the message (``None`` when it did not
    run: a ``--validate`` run has those findings in ``diagnostics`` already). ``partial``: the
    items refused (``k`` = 1.. in item order, as in the output names) and the outputs written
    all the same, so that whoever resubmits the repaired message knows what already went out.
    """
    doc: dict[str, Any] = {
        "input": name,
        "index": index,
        "type": f"{part.family}:{part.message_type}",
        "reason": reason,
        "diagnostics": [d.to_dict() for d in diags],
    }
    if validation is not None:
        doc["validation"] = [d.to_dict() for d in validation]
    if partial is not None:
        refused, written = partial
        doc["failed_items"] = [
            {"index": k, "path": d.path, "code": d.code, "message": d.message} for k, d in refused.items()
        ]
        doc["outputs_written"] = [{"output": w["output"], "sha256": w["sha256_out"]} for w in written]
    return doc


def result_from_entry(name: str, entry: dict[str, Any]) -> FileResult:
    """The result of an input a previous run finished, from its manifest entry."""
    counts = entry["counts"]
    return FileResult(
        name,
        key=entry["key"],
        messages=counts["messages"],
        converted=counts["converted"],
        quarantined=counts["quarantined"],
        skipped=counts["skipped"],
        audit=list(entry["audit"]),
        resumed=True,
        converted_lossy=counts.get("converted_lossy", 0),  # absent from a manifest of an older run
        converted_with_warnings=counts.get("converted_with_warnings", 0),
        partial=counts.get("partial", 0),
    )
