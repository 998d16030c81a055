"""The CSV report shows what the JSON shows: the matched key, direction, references, problems.

Expected cells are read off the hand-written inputs: the MT103 fixture's field 20 (``REF12345``)
is the reference the statement entry's ``AcctSvcrRef`` repeats; the entry is a debit.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from finmsg.reconcile import load_items, reconcile, to_csv, to_json
from finmsg.reconcile.report import CSV_COLUMNS
from tests.reconcile.test_findings import DEBTOR, MT103, _entry, camt054


def _report(tmp_path: Path) -> tuple[list[dict[str, str]], dict[str, Any]]:
    booked = tmp_path / "n.xml"
    booked.write_bytes(camt054(DEBTOR, _entry("DBIT", servicer_ref="REF12345")))
    (tmp_path / "empty").mkdir()
    side_a, side_b = load_items([str(MT103)]), load_items([str(booked), str(tmp_path / "empty")])
    result = reconcile(side_a.items, side_b.items)
    problems = {"a": side_a.problems, "b": side_b.problems}
    rows = list(csv.DictReader(io.StringIO(to_csv(result, problems))))
    return rows, json.loads(to_json(result, problems))


def test_a_reference_match_names_the_reference_and_both_directions(tmp_path: Path) -> None:
    rows, _ = _report(tmp_path)
    (pair,) = [r for r in rows if r["status"] == "matched"]
    assert (pair["matched_on"], pair["matched_key"], pair["mismatches"]) == ("reference", "REF12345", "")
    assert (pair["a_record_type"], pair["b_record_type"]) == ("payment", "entry")
    assert (pair["a_references"], pair["b_references"]) == ("REF12345", "REF12345")
    assert (pair["a_credit_debit"], pair["b_credit_debit"]) == ("", "DBIT")
    assert (pair["a_account"], pair["b_account"]) == ("", DEBTOR)


def test_problems_are_lines_of_the_csv_as_they_are_entries_of_the_json(tmp_path: Path) -> None:
    rows, document = _report(tmp_path)
    (problem,) = [r for r in rows if r["status"].startswith("problem")]
    assert problem["status"] == "problem_b"
    assert (problem["b_source"], problem["problem_code"]) == (str(tmp_path / "empty"), "reconcile.no_input")
    assert problem["problem_message"] == f"the folder {tmp_path / 'empty'} holds no file"
    assert document["problems"] == {
        "a": [],
        "b": [
            {
                "source": str(tmp_path / "empty"),
                "message_index": 0,
                "code": "reconcile.no_input",
                "message": f"the folder {tmp_path / 'empty'} holds no file",
            }
        ],
    }
    assert document["matched"][0]["key"] == "REF12345"


def test_every_side_column_exists_for_both_sides() -> None:
    for column in ("record_type", "references", "credit_debit", "account"):
        assert f"a_{column}" in CSV_COLUMNS and f"b_{column}" in CSV_COLUMNS
    assert CSV_COLUMNS[:4] == ("status", "matched_on", "matched_key", "mismatches")
    assert CSV_COLUMNS[-2:] == ("problem_code", "problem_message")


def test_docs_reconcile_names_every_csv_column() -> None:
    docs = (Path(__file__).resolve().parents[2] / "docs" / "reconcile.md").read_text(encoding="utf-8")
    for column in CSV_COLUMNS:
        documented = "a_" + column[2:] if column.startswith("b_") else column  # "b_..." repeats side A
        assert f"`{documented}`" in docs, column
