"""``finmsg.etl/3``: one row per transaction detail, narrative, reversal and charges columns (brief EV).

Expected values are read off the hand-written inputs in :mod:`tests.etl.ev_inputs`.
"""

from __future__ import annotations

import csv
import io
import json
import os
from decimal import Decimal
from pathlib import Path

import pytest

from finmsg.errors import ConversionError
from finmsg.etl.schema import COLUMNS, SCHEMA_V2, SCHEMAS, rows_for
from finmsg.etl.writers import CsvExporter, ExportItem, JsonlExporter, ParquetExporter
from finmsg.model.base import Message
from finmsg.registry import sniff_format
from tests.etl.ev_inputs import CAMT053_REVERSAL, CAMT054_BATCH, MT940_NARRATIVE, NOTIFICATION_ACCOUNT

CORPUS = Path(
    os.environ.get("FINMSG_CORPUS", Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus")
)
ESR = (
    CORPUS / "iso20022/moov/200519_camt054-ESR-ASR_P_CH2909000000250094239_1110092704_0_2019042500372179.xml"
)
ING = CORPUS / "mt940/wolph/jejik/ing.sta"


def _read(data: bytes) -> Message:
    handler = sniff_format(data)
    (part,) = list(handler.split(data, {}))
    return handler.read(part.data, {}).value


def test_etl3_appends_its_columns_after_the_etl2_ones() -> None:
    assert SCHEMAS[SCHEMA_V2] == COLUMNS[:33]
    assert COLUMNS[31:33] == ("amount_kind", "transfer_currency")
    assert COLUMNS[33:] == (
        "detail_index",
        "detail_amount",
        "detail_currency",
        "detail_credit_debit",
        "detail_account_servicer_ref",
        "entry_narrative",
        "detail_narrative",
        "reversal",
        "charges_total",
        "charges_currency",
        "detail_charges_total",
        "detail_charges_currency",
    )


def test_a_batch_entry_gives_one_row_per_transaction_detail() -> None:
    rows = rows_for(_read(CAMT054_BATCH), "n.xml", 1)
    assert [(r["record_index"], r["detail_index"]) for r in rows] == [(1, 1), (1, 2), (1, 3), (2, None)]
    batch = rows[:3]
    # entry columns repeated on every detail row
    for row in batch:
        assert row["schema_version"] == "finmsg.etl/3"
        assert (row["amount"], row["currency"], row["credit_debit"]) == ("610.00", "CHF", "CRDT")
        assert (row["account"], row["statement_id"], row["message_id"]) == (
            NOTIFICATION_ACCOUNT,
            "NTF-EV-1-A",
            "NTF-EV-1",
        )
        assert (row["entry_reference"], row["account_servicer_ref"]) == ("NR-1", "BATCH-REF-1")
        assert row["bank_transaction_code"] == "PMNT/RCDT/VCOM"
        assert row["entry_narrative"] == "COLLECTIVE CREDIT 3 PAYMENTS"
        assert (row["charges_total"], row["charges_currency"]) == ("2.50", "CHF")
        assert row["reversal"] is False
    # detail columns of each TxDtls
    assert [(r["detail_amount"], r["detail_currency"], r["detail_credit_debit"]) for r in batch] == [
        ("100.00", "CHF", "CRDT"),
        ("200.50", "CHF", "CRDT"),
        ("309.50", "CHF", "CRDT"),
    ]
    assert [r["end_to_end_id"] for r in batch] == ["E2E-EV-1", "E2E-EV-2", "E2E-EV-3"]
    assert [r["detail_account_servicer_ref"] for r in batch] == ["TX-REF-1", "TX-REF-2", "TX-REF-3"]
    assert [r["debtor_name"] for r in batch] == ["Anna Keller", "Bruno Frei", "=Carla Rossi"]
    assert [r["remittance"] for r in batch] == ["Invoice 11", "Invoice 12", None]
    assert [r["detail_narrative"] for r in batch] == ["first payer", None, None]
    # the second detail's charges have no total: the sum of its two records (0.50 + 0.20)
    assert [(r["detail_charges_total"], r["detail_charges_currency"]) for r in batch] == [
        (None, None),
        ("0.70", "CHF"),
        (None, None),
    ]
    # sums as docs/etl-schema.md says: entry amounts once per entry, detail amounts per detail row
    entries = sum(Decimal(r["amount"]) for r in rows if r["detail_index"] in (None, 1))
    details = sum(Decimal(r["detail_amount"]) for r in batch)
    assert (entries, details) == (Decimal("655.00"), Decimal("610.00"))


def test_an_entry_without_details_stays_one_row_with_empty_detail_columns() -> None:
    row = rows_for(_read(CAMT054_BATCH), "n.xml", 1)[3]
    assert (row["amount"], row["credit_debit"], row["account_servicer_ref"]) == ("45.00", "DBIT", "FEE-REF-9")
    assert row["entry_narrative"] == "ACCOUNT FEE MARCH"
    assert row["reversal"] is False
    detail = [name for name in COLUMNS if name.startswith("detail_")]
    assert {row[name] for name in detail} == {None}
    assert (row["charges_total"], row["end_to_end_id"]) == (None, None)


def test_a_reversal_is_marked_and_a_single_detail_is_detail_one() -> None:
    (row,) = rows_for(_read(CAMT053_REVERSAL), "s.xml", 1)
    assert row["reversal"] is True
    assert (row["detail_index"], row["detail_amount"], row["end_to_end_id"]) == (1, "75.00", "E2E-RV-1")
    assert (row["amount"], row["credit_debit"]) == ("75.00", "CRDT")


def test_mt940_rows_carry_field_86_and_the_rd_reversal() -> None:
    rows = rows_for(_read(MT940_NARRATIVE), "s.fin", 1)
    assert [(r["amount"], r["credit_debit"], r["reversal"]) for r in rows] == [
        ("100.00", "CRDT", True),  # RD: the reversal of a debit, money back in
        ("20.00", "CRDT", False),
    ]
    assert [r["entry_narrative"] for r in rows] == ["RUECKBUCHUNG LASTSCHRIFT", "GUTSCHRIFT MUSTER"]
    assert [r["detail_index"] for r in rows] == [None, None]


def test_etl2_stays_selectable_with_its_columns_and_one_row_per_entry() -> None:
    rows = rows_for(_read(CAMT054_BATCH), "n.xml", 1, schema=SCHEMA_V2)
    assert [r["record_index"] for r in rows] == [1, 2]
    assert list(rows[0]) == list(COLUMNS[:33])
    assert rows[0]["schema_version"] == "finmsg.etl/2"
    # etl/2: a batch entry has no single counterparty
    assert (rows[0]["end_to_end_id"], rows[0]["debtor_name"], rows[0]["amount"]) == (None, None, "610.00")
    text = CsvExporter(schema=SCHEMA_V2).export([ExportItem("n.xml", 1, _read(CAMT054_BATCH))]).decode()
    header, *lines = text.splitlines()
    assert header.split(",") == list(COLUMNS[:33]) and len(lines) == 2


def test_an_unknown_schema_version_is_a_conversion_error() -> None:
    with pytest.raises(ConversionError) as caught:
        rows_for(_read(CAMT054_BATCH), "n.xml", 1, schema="finmsg.etl/9")
    assert caught.value.code == "etl.schema"
    with pytest.raises(ConversionError):
        JsonlExporter(schema="finmsg.etl/9").export([ExportItem("n.xml", 1, _read(CAMT054_BATCH))])


def test_csv_writes_the_flag_as_words_and_neutralises_detail_cells() -> None:
    items = [ExportItem("n.xml", 1, _read(CAMT054_BATCH)), ExportItem("s.xml", 1, _read(CAMT053_REVERSAL))]
    text = CsvExporter().export(items).decode()
    records = list(csv.DictReader(io.StringIO(text)))
    assert [r["reversal"] for r in records] == ["false", "false", "false", "false", "true"]
    assert records[2]["debtor_name"] == "'=Carla Rossi"
    assert [r["detail_index"] for r in records] == ["1", "2", "3", "", "1"]


def test_jsonl_writes_the_flag_and_the_index_as_json_values() -> None:
    text = JsonlExporter().export([ExportItem("s.xml", 1, _read(CAMT053_REVERSAL))]).decode()
    (record,) = [json.loads(line) for line in text.splitlines()]
    assert record["reversal"] is True and record["detail_index"] == 1
    assert list(record) == list(COLUMNS)


def test_parquet_types_the_new_columns() -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    data = ParquetExporter().export([ExportItem("n.xml", 1, _read(CAMT054_BATCH))])
    table = pq.read_table(io.BytesIO(data))
    assert table.column_names == list(COLUMNS)
    assert table.schema.field("reversal").type == pa.bool_()
    assert table.schema.field("detail_index").type == pa.int64()
    assert table.column("detail_index").to_pylist() == [1, 2, 3, None]
    assert table.column("detail_amount").to_pylist() == ["100.00", "200.50", "309.50", None]
    old = pq.read_table(
        io.BytesIO(ParquetExporter(schema=SCHEMA_V2).export([ExportItem("n", 1, _read(CAMT054_BATCH))]))
    )
    assert old.column_names == list(COLUMNS[:33]) and old.num_rows == 2
    assert old.schema.metadata[b"finmsg.schema"] == b"finmsg.etl/2"


@pytest.mark.skipif(not ESR.is_file(), reason="third-party corpus absent")
def test_corpus_esr_batch_credit_shows_each_payer() -> None:
    rows = rows_for(_read(ESR.read_bytes()), "esr.xml", 1)
    batch = [r for r in rows if r["record_index"] == 1]
    assert len(batch) == 5
    assert {r["debtor_name"] for r in batch} == {"Bernasconi Maria"}
    assert [r["end_to_end_id"] for r in batch[:3]] == [
        "EndToEndId-001-02-02",
        "EndToEndId-001-02-01",
        "EndToEndId-001-02-03",
    ]
    assert (
        sum(Decimal(r["detail_amount"]) for r in batch) == Decimal(batch[0]["amount"]) == Decimal("1537.00")
    )
    assert batch[0]["remittance"] == "120000000000234478943216899"
    (debit,) = [r for r in rows if r["record_index"] == 2]
    assert (debit["charges_total"], debit["charges_currency"]) == ("4.40", "CHF")


@pytest.mark.skipif(not ING.is_file(), reason="third-party corpus absent")
def test_corpus_ing_mt940_rows_have_the_field_86_text() -> None:
    rows = rows_for(_read(ING.read_bytes()), "ing.sta", 1)
    assert rows[0]["entry_narrative"].startswith(" RC AFREKENING BETALINGSVERKEER")
    assert all(r["entry_narrative"] for r in rows)


def test_docs_etl_schema_names_every_column() -> None:
    docs = (Path(__file__).resolve().parents[2] / "docs" / "etl-schema.md").read_text(encoding="utf-8")
    assert "(`finmsg.etl/3`)" in docs
    for column in COLUMNS:
        assert f"| `{column}` |" in docs, column


@pytest.mark.parametrize("schema", [SCHEMA_V2, "finmsg.etl/3"])
def test_every_row_has_exactly_the_columns_of_its_version_in_order(schema: str) -> None:
    from tests.batch.mixed import pacs008

    for data in (CAMT054_BATCH, CAMT053_REVERSAL, MT940_NARRATIVE, pacs008(3)):
        for row in rows_for(_read(data), "x", 1, schema=schema):
            assert list(row) == list(SCHEMAS[schema])


def test_charges_without_a_total_are_summed_only_when_booked_the_same_way() -> None:
    """Review R3: a .02-style list of a 1.00 debit and a 0.50 credit (a refund) gave 1.50."""
    import dataclasses

    from finmsg.api import parse
    from finmsg.model.common import Amount
    from finmsg.model.statements import ChargeRecord, Statement, StatementCharges

    statement = parse(CAMT054_BATCH).value
    assert isinstance(statement, Statement)
    report = statement.reports[0]
    entry = report.entries[0]

    def rows_with(*records: ChargeRecord) -> list[dict[str, object]]:
        charged = dataclasses.replace(entry, charges=StatementCharges(records=records))
        changed = dataclasses.replace(report, entries=(charged, *report.entries[1:]))
        message = dataclasses.replace(statement, reports=(changed,))
        return rows_for(message, "x.xml", 1)

    fee, refund = Decimal("1.00"), Decimal("0.50")
    same = rows_with(
        ChargeRecord(Amount(fee, "CHF"), credit_debit="DBIT"),
        ChargeRecord(Amount(refund, "CHF"), credit_debit="DBIT"),
    )
    assert (same[0]["charges_total"], same[0]["charges_currency"]) == ("1.50", "CHF")
    mixed = rows_with(
        ChargeRecord(Amount(fee, "CHF"), credit_debit="DBIT"),
        ChargeRecord(Amount(refund, "CHF"), credit_debit="CRDT"),
    )
    assert (mixed[0]["charges_total"], mixed[0]["charges_currency"]) == (None, None)
