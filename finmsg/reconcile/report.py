"""Reconciliation reports as JSON (the whole picture) and CSV (one line per item, pair or problem).

The CSV carries everything an operator needs to act on a line without the JSON: the
key a pair matched on, each side's direction and references, and the problems
(unreadable inputs, duplicated identifiers), so that a clean-looking table never
hides what the JSON reports. docs/reconcile.md documents both.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from typing import Any

from finmsg.etl.writers import neutralise_cell
from finmsg.reconcile.items import Item
from finmsg.reconcile.match import Reconciliation

__all__ = ["CSV_COLUMNS", "to_csv", "to_json"]

_SIDE = (
    "source",
    "message_index",
    "record_index",
    "detail_index",
    "record_type",
    "uetr",
    "end_to_end_id",
    "references",
    "amount",
    "currency",
    "date",
    "credit_debit",
    "account",
)
CSV_COLUMNS = (
    "status",
    "matched_on",
    "matched_key",
    "mismatches",
    *(f"a_{c}" for c in _SIDE),
    *(f"b_{c}" for c in _SIDE),
    "problem_code",
    "problem_message",
)
#: Several references of one item share a cell; `` | `` as in the ETL rows' remittance column.
_JOIN = " | "

Problems = Mapping[str, Sequence[Mapping[str, Any]]]


def to_json(result: Reconciliation, problems: Problems) -> str:
    document = {**result.to_dict(), "problems": {side: list(found) for side, found in problems.items()}}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _side(prefix: str, item: Item | None) -> dict[str, Any]:
    data = item.to_dict() if item else {}
    data["references"] = _JOIN.join(data.get("references") or ()) or None
    return {f"{prefix}_{c}": data.get(c) for c in _SIDE}


def _problem_row(side: str, problem: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "status": f"problem_{side}",
        f"{side}_source": problem.get("source"),
        f"{side}_message_index": problem.get("message_index"),
        f"{side}_record_index": problem.get("record_index"),
        "problem_code": problem.get("code"),
        "problem_message": problem.get("message"),
    }


def to_csv(result: Reconciliation, problems: Problems | None = None) -> str:
    """The report as CSV; ``problems`` (``{"a": [...], "b": [...]}``, as :func:`to_json` takes
    them) add one ``problem_a`` / ``problem_b`` line each."""
    rows: list[dict[str, Any]] = []
    for m in result.matched:
        status = "mismatch" if m.mismatches else "matched"
        rows.append(
            {
                "status": status,
                "matched_on": m.on,
                "matched_key": m.key,
                "mismatches": " ".join(m.mismatches),
                **_side("a", m.a),
                **_side("b", m.b),
            }
        )
    rows += [{"status": "unmatched_a", **_side("a", i), **_side("b", None)} for i in result.unmatched_a]
    rows += [{"status": "unmatched_b", **_side("a", None), **_side("b", i)} for i in result.unmatched_b]
    for side, found in (problems or {}).items():
        rows += [_problem_row(side, problem) for problem in found]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow([neutralise_cell(row.get(c)) for c in CSV_COLUMNS])
    return buffer.getvalue()
