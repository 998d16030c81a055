"""Reconciliation reports as JSON (the whole picture) and CSV (one line per item or pair)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from finmsg.etl.writers import neutralise_cell
from finmsg.reconcile.items import Item
from finmsg.reconcile.match import Reconciliation

__all__ = ["CSV_COLUMNS", "to_csv", "to_json"]

_SIDE = ("source", "message_index", "record_index", "uetr", "end_to_end_id", "amount", "currency", "date")
CSV_COLUMNS = ("status", "matched_on", "mismatches", *(f"a_{c}" for c in _SIDE), *(f"b_{c}" for c in _SIDE))


def to_json(result: Reconciliation, problems: dict[str, list[dict[str, Any]]]) -> str:
    document = {**result.to_dict(), "problems": problems}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _side(prefix: str, item: Item | None) -> dict[str, Any]:
    data = item.to_dict() if item else {}
    return {f"{prefix}_{c}": data.get(c) for c in _SIDE}


def to_csv(result: Reconciliation) -> str:
    rows: list[dict[str, Any]] = []
    for m in result.matched:
        status = "mismatch" if m.mismatches else "matched"
        rows.append(
            {
                "status": status,
                "matched_on": m.on,
                "mismatches": " ".join(m.mismatches),
                **_side("a", m.a),
                **_side("b", m.b),
            }
        )
    rows += [{"status": "unmatched_a", **_side("a", i), **_side("b", None)} for i in result.unmatched_a]
    rows += [{"status": "unmatched_b", **_side("a", None), **_side("b", i)} for i in result.unmatched_b]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow([neutralise_cell(row.get(c)) for c in CSV_COLUMNS])
    return buffer.getvalue()
