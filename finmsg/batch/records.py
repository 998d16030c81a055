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

__all__ = ["audit_record", "encode_result", "result_from_entry", "sha256_hex"]


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
    )
