"""The flat ETL schema and its writers: rows hand-checked against the input messages."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from finmsg.api import parse
from finmsg.cli import main
from finmsg.etl import BUILTIN_EXPORTERS, COLUMNS, SCHEMA_VERSION, ExportItem, neutralise_cell, rows_for
from tests.batch.mixed import camt053, fix_message, pacs008


def test_payment_row_has_the_transaction_values() -> None:
    (row,) = rows_for(parse(pacs008(7)).value, "p.xml", 1)
    assert list(row) == list(COLUMNS)
    # the default is finmsg.etl/3 since rows per transaction detail (deliberate change, brief EV)
    assert row["schema_version"] == SCHEMA_VERSION == "finmsg.etl/3"
    assert (row["record_type"], row["record_index"], row["message_index"]) == ("payment", 1, 1)
    assert row["message_type"] == "pacs.008.001.08" and row["message_id"] == "M00000007"
    assert row["uetr"] == "00000000-0000-4000-8000-000000000007"
    assert (row["end_to_end_id"], row["instruction_id"]) == ("E2E00000007", "I00000007")
    assert (row["amount"], row["currency"], row["settlement_date"]) == ("107.25", "EUR", "2026-01-05")
    assert (row["debtor_name"], row["debtor_account"], row["debtor_agent"]) == (
        "Debtor 7",
        "DE89370400440532013000",
        "BANKDEFFXXX",
    )
    assert (row["creditor_name"], row["creditor_account"], row["creditor_agent"]) == (
        "Creditor 7",
        "GB33BUKB20201555555555",
        "BANKGB2LXXX",
    )
    assert row["credit_debit"] is None and row["statement_id"] is None


def test_statement_entry_row() -> None:
    (row,) = rows_for(parse(camt053(3)).value, "s.xml", 2)
    assert (row["record_type"], row["message_index"], row["statement_id"]) == ("entry", 2, "ST00000003")
    assert (row["account"], row["amount"], row["currency"]) == ("GB33BUKB20201555555555", "103.25", "EUR")
    assert (row["credit_debit"], row["status"]) == ("CRDT", "BOOK")
    assert (row["booking_date"], row["value_date"]) == ("2026-01-05", "2026-01-05")
    assert row["bank_transaction_code"] == "PMNT/RCDT/ESCT"
    assert row["uetr"] == "00000000-0000-4000-8000-000000000003"


@pytest.mark.parametrize("cell", ["=1+2", "+SUM(A1)", "-3", "@cmd", "\tx", "\rx"])
def test_csv_cells_are_neutralised(cell: str) -> None:
    assert neutralise_cell(cell) == "'" + cell


def test_safe_cells_are_unchanged() -> None:
    assert neutralise_cell("Acme = Widgets") == "Acme = Widgets"
    assert neutralise_cell(None) == ""
    assert neutralise_cell(12) == "12"


def test_csv_export_neutralises_a_hostile_name() -> None:
    hostile = pacs008(1).replace(b"<Nm>Debtor 1</Nm>", b"<Nm>=HYPERLINK(&quot;x&quot;)</Nm>")
    data = BUILTIN_EXPORTERS["csv"].export([ExportItem("h.xml", 1, parse(hostile).value)])
    header, row = list(csv.reader(io.StringIO(data.decode())))
    assert header == list(COLUMNS)
    assert row[header.index("debtor_name")] == '\'=HYPERLINK("x")'


def test_parquet_round_trip() -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    data = BUILTIN_EXPORTERS["parquet"].export(
        [ExportItem("a", 1, parse(pacs008(1)).value), ExportItem("b", 1, parse(camt053(2)).value)]
    )
    table = pq.read_table(io.BytesIO(data))
    assert table.column_names == list(COLUMNS)
    assert table.column("amount").to_pylist() == ["101.25", "102.25"]
    assert table.column("record_type").to_pylist() == ["payment", "entry"]
    assert table.schema.metadata[b"finmsg.schema"] == b"finmsg.etl/3"  # the default since brief EV


def test_cli_jsonl_one_part_per_input_and_unsupported_quarantined(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "batch.xml").write_bytes(b"<Envelope>" + pacs008(1, True) + pacs008(2, True) + b"</Envelope>")
    (folder / "order.fix").write_bytes(fix_message(1))
    code = main(
        [
            "convert",
            str(folder),
            "--to",
            "jsonl",
            "--out",
            str(tmp_path / "o"),
            "--quarantine",
            str(tmp_path / "q"),
            "--jobs",
            "1",
            "--progress",
            "none",
        ]
    )
    assert code == 1  # a FIX order has no row shape: quarantined with its reason
    rows = [json.loads(line) for line in (tmp_path / "o" / "batch.jsonl").read_text().splitlines()]
    assert [(r["message_index"], r["end_to_end_id"]) for r in rows] == [
        (1, "E2E00000001"),
        (2, "E2E00000002"),
    ]
    reason = json.loads((tmp_path / "q" / "order.fix.reason.json").read_text())
    assert reason["reason"] == "etl.unsupported"


def test_parquet_without_pyarrow_is_a_usage_error_before_any_input_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without pyarrow every message used to be quarantined with the same reason (exit 1)."""
    monkeypatch.setitem(__import__("sys").modules, "pyarrow", None)  # import pyarrow now fails
    (tmp_path / "p.xml").write_bytes(pacs008(1))
    out = tmp_path / "o"
    code = main(["convert", str(tmp_path / "p.xml"), "--to", "parquet", "--out", str(out), "--jobs", "1"])
    assert code == 2
    assert "pip install 'finmsg[parquet]'" in capsys.readouterr().err
    assert not out.exists()
