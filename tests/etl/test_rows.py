"""Which messages become ETL rows, and how a message without rows is accounted for.

The expected values are read off the hand-written inputs below (field by field), not produced by
the code under test: MT101 gives one payment row per transaction (sequence B), with the debtor of
sequence A; MT200 one payment row; MT941 (balances only) no row and no error; MT192, MT199, a
return and a status report no row, with a reason that says why (quarantined, counted in the ledger).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import finmsg
from finmsg.cli import main
from finmsg.errors import ConversionError
from finmsg.etl import COLUMNS, SCHEMA_VERSION, rows_for
from tests.conftest import FIXTURES

_HEAD = "{1:F01BANKBEBBAXXX0000000000}{2:I%sBANKDEFFXXXXN}{4:\r\n%s\r\n-}"


def _fin(number: str, *lines: str) -> bytes:
    return (_HEAD % (number, "\r\n".join(lines))).encode("ascii")


MT101 = _fin(
    "101",
    ":20:PAYROLL-11",
    ":28D:1/1",
    ":50H:/BE68539007547034",
    "ACME NV",
    "RUE HAUTE 1",
    "1000 BRUSSELS",
    ":52A:GEBABEBB",
    ":30:260115",
    ":21:TX-A",
    ":32B:EUR1250,50",
    ":57A:DEUTDEFF",
    ":59:/DE89370400440532013000",
    "HANS MEIER",
    ":70:SALARY JAN",
    ":71A:SHA",
    ":21:TX-B",
    ":32B:EUR99,",
    ":59:/FR1420041010050500013M02606",
    "JEANNE DURAND",
    ":71A:OUR",
)
MT200 = _fin("200", ":20:OWNACC-7", ":32A:260116USD500000,", ":53B:/998877", ":57A:CHASUS33")
MT941 = _fin("941", ":20:BAL-1", ":25:123456789", ":28:12/1", ":62F:C260116EUR1000,00")
MT192 = _fin("192", ":20:CNCL-1", ":21:REF-103", ":11S:103", "260115", ":79:/DUPL/")
MT199 = _fin("199", ":20:FREE-1", ":79:PLEASE CONFIRM RECEIPT")


def _rows(data: bytes) -> list[dict[str, object]]:
    return rows_for(finmsg.parse(data).value, "in.fin", 1)


def test_mt101_gives_one_payment_row_per_transaction_with_the_debtor_of_sequence_a() -> None:
    rows = _rows(MT101)
    assert [r["record_index"] for r in rows] == [1, 2]
    first, second = rows
    assert list(first) == list(COLUMNS)
    assert (first["schema_version"], first["family"], first["message_type"]) == (SCHEMA_VERSION, "mt", "101")
    assert first["record_type"] == "payment"
    assert first["message_id"] == "PAYROLL-11"  # field 20
    assert (first["instruction_id"], second["instruction_id"]) == ("TX-A", "TX-B")  # field 21 of each
    assert (first["amount"], first["currency"]) == ("1250.50", "EUR")  # 32B, exact decimal text
    assert (second["amount"], second["currency"]) == ("99", "EUR")
    for row in rows:  # sequence A's ordering customer (50H) and account servicer (52A) serve every row
        assert row["debtor_name"] == "ACME NV"
        assert row["debtor_account"] == "BE68539007547034"
        assert row["debtor_agent"] == "GEBABEBBXXX"  # 52A GEBABEBB, as BIC11 (docs/etl-schema.md)
    assert (first["creditor_name"], first["creditor_account"]) == ("HANS MEIER", "DE89370400440532013000")
    assert first["creditor_agent"] == "DEUTDEFFXXX"  # 57A DEUTDEFF, as BIC11
    assert second["creditor_agent"] is None  # no 57a in the second transaction
    assert first["remittance"] == "SALARY JAN"  # 70
    assert first["settlement_date"] is None  # 30 is a requested execution date, not a settlement date
    assert first["credit_debit"] is None and first["statement_id"] is None


def test_pain001_rows_carry_the_debtor_of_their_payment_information_batch() -> None:
    # The fixture's two PmtInf batches (SAL-2026-04: two transactions, SUP-2026-04-URG: one) both
    # name Dbtr "Société Lumière SARL", DbtrAcct FR1420041010050500013M02606, DbtrAgt BNPAFRPPXXX;
    # no CdtTrfTxInf repeats them.
    path = FIXTURES / "iso20022" / "pain001-sepa-batches" / "input.xml"
    rows = rows_for(finmsg.parse(path.read_bytes()).value, "p", 1)
    assert [r["record_index"] for r in rows] == [1, 2, 3]
    assert rows[0]["creditor_name"] == "Zoë Ångström" and rows[2]["creditor_name"] == "Großhandel Müßig KG"
    for row in rows:
        assert row["debtor_name"] == "Société Lumière SARL"
        assert row["debtor_account"] == "FR1420041010050500013M02606"
        assert row["debtor_agent"] == "BNPAFRPPXXX"


def test_mt200_gives_one_payment_row() -> None:
    (row,) = _rows(MT200)
    assert row["record_type"] == "payment"
    assert row["message_id"] == "OWNACC-7"
    assert (row["amount"], row["currency"], row["settlement_date"]) == ("500000", "USD", "2026-01-16")  # 32A
    assert row["creditor_agent"] == "CHASUS33XXX"  # 57A CHASUS33 (own account's servicer), as BIC11


def test_a_balance_only_mt941_gives_no_row_and_no_error() -> None:
    assert _rows(MT941) == []


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (MT192, ("MT192", "cancellation", "moves no funds")),
        (MT199, ("MT199", "free-format")),
    ],
)
def test_messages_that_are_no_transaction_say_why_they_have_no_row(
    data: bytes, words: tuple[str, ...]
) -> None:
    with pytest.raises(ConversionError) as caught:
        _rows(data)
    assert caught.value.code == "etl.unsupported"
    for word in words:
        assert word in caught.value.message


def test_an_mt103_return_is_refused_as_a_return_not_as_a_failed_translation() -> None:
    source = FIXTURES / "translate" / "mt103retn-pacs004"
    case = next(iter(sorted(source.glob("*/input.fin"))), None)
    if case is None:
        pytest.skip("no MT103 /RETN/ case")
    with pytest.raises(ConversionError) as caught:
        _rows(case.read_bytes())
    assert caught.value.code == "etl.unsupported"
    assert "pacs.004" in caught.value.message and "return" in caught.value.message


@pytest.mark.parametrize(
    ("folder", "kind"), [("pacs004-mt103", "return"), ("pacs002-mt199", "status report")]
)
def test_returns_and_status_reports_have_no_row_and_say_so(folder: str, kind: str) -> None:
    case = next(iter(sorted((FIXTURES / "translate" / folder).glob("*/input.xml"))), None)
    if case is None:
        pytest.skip(f"no {folder} case")
    with pytest.raises(ConversionError) as caught:
        rows_for(finmsg.parse(case.read_bytes()).value, "x", 1)
    assert caught.value.code == "etl.unsupported" and kind in caught.value.message


def test_the_cli_accounts_for_every_message_of_a_mixed_file(tmp_path: Path) -> None:
    source = tmp_path / "mixed.fin"
    source.write_bytes(b"\r\n".join((MT101, MT192, MT941, MT199, MT200)))
    ledger = tmp_path / "ledger.json"
    argv = ["convert", str(source), "--to", "jsonl", "--out", str(tmp_path / "o"), "--progress", "none"]
    argv += ["--quarantine", str(tmp_path / "q"), "--ledger", str(ledger), "--jobs", "1"]
    assert main(argv) == 1  # two messages have no row: quarantined, so not a clean run
    counts = json.loads(ledger.read_text())
    assert (counts["messages"], counts["converted"], counts["quarantined"]) == (5, 3, 2)
    rows = [json.loads(line) for line in (tmp_path / "o" / "mixed.jsonl").read_text().splitlines()]
    assert [(r["message_index"], r["message_type"], r["record_index"]) for r in rows] == [
        (1, "101", 1),
        (1, "101", 2),
        (5, "200", 1),
    ]
    reasons = sorted(json.loads(p.read_text())["reason"] for p in (tmp_path / "q").glob("*.reason.json"))
    assert reasons == ["etl.unsupported", "etl.unsupported"]
