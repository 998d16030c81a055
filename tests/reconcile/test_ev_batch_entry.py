"""Reconcile against a batch-booked entry: payments match the entry's transaction details (brief EV).

A camt.054 entry that books several transfers in one amount names each of them in a ``TxDtls``;
the payments of a pain.001 carry those end-to-end ids. Expected pairs are read off the inputs.
"""

from __future__ import annotations

import csv
import io
import os
from decimal import Decimal
from pathlib import Path

import pytest

from finmsg.reconcile.items import load_items
from finmsg.reconcile.match import reconcile
from finmsg.reconcile.report import to_csv
from tests.etl.ev_inputs import CAMT054_BATCH, NOTIFICATION_ACCOUNT

CORPUS = Path(
    os.environ.get("FINMSG_CORPUS", Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus")
)
EPO = CORPUS / "iso20022/moov/200519_camt054-epo_p_ch5109000000250092291_1110097605_0_2019052003522556.xml"


def _pain001(debtor_iban: str, creditor_iban: str, currency: str, payments: list[tuple[str, str]]) -> bytes:
    """A pain.001.001.09 with one batch of credit transfers (end-to-end id, amount)."""
    total = sum(Decimal(amount) for _, amount in payments)
    txs = "".join(
        f"<CdtTrfTxInf><PmtId><EndToEndId>{e2e}</EndToEndId></PmtId>"
        f'<Amt><InstdAmt Ccy="{currency}">{amount}</InstdAmt></Amt><Cdtr><Nm>Payee</Nm></Cdtr>'
        f"<CdtrAcct><Id><IBAN>{creditor_iban}</IBAN></Id></CdtrAcct></CdtTrfTxInf>"
        for e2e, amount in payments
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"><CstmrCdtTrfInitn>
<GrpHdr><MsgId>INIT-EV</MsgId><CreDtTm>2026-03-01T09:00:00</CreDtTm><NbOfTxs>{len(payments)}</NbOfTxs>
<CtrlSum>{total}</CtrlSum><InitgPty><Nm>Payer AG</Nm></InitgPty></GrpHdr>
<PmtInf><PmtInfId>B-EV</PmtInfId><PmtMtd>TRF</PmtMtd><BtchBookg>true</BtchBookg>
<NbOfTxs>{len(payments)}</NbOfTxs><CtrlSum>{total}</CtrlSum><ReqdExctnDt><Dt>2026-03-02</Dt></ReqdExctnDt>
<Dbtr><Nm>Payer AG</Nm></Dbtr><DbtrAcct><Id><IBAN>{debtor_iban}</IBAN></Id></DbtrAcct>
<DbtrAgt><FinInstnId><BICFI>POFICHBEXXX</BICFI></FinInstnId></DbtrAgt>{txs}</PmtInf>
</CstmrCdtTrfInitn></Document>
""".encode()


def _write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_payments_match_the_details_of_a_batch_entry_on_end_to_end_id(tmp_path: Path) -> None:
    # the notification is of the creditor's account: the three payments arrive as credits
    payments = [("E2E-EV-1", "100.00"), ("E2E-EV-2", "200.50"), ("E2E-EV-3", "309.00")]
    a = load_items(
        [_write(tmp_path, "p.xml", _pain001("CH9300762011623852957", NOTIFICATION_ACCOUNT, "CHF", payments))]
    )
    b = load_items([_write(tmp_path, "n.xml", CAMT054_BATCH)])
    # the entry's reference and account servicer reference, shared by its 3 details, are no duplicate
    assert (a.problems, b.problems) == ([], [])
    result = reconcile(a.items, b.items)
    pairs = [(m.on, m.key, m.b.record_index, m.b.detail_index, m.mismatches) for m in result.matched]
    assert pairs == [
        ("end_to_end_id", "E2E-EV-1", 1, 1, ()),
        ("end_to_end_id", "E2E-EV-2", 1, 2, ()),
        ("end_to_end_id", "E2E-EV-3", 1, 3, ("amount",)),  # 309.00 paid, 309.50 booked for it
    ]
    assert [m.b.amount for m in result.matched] == [Decimal("100.00"), Decimal("200.50"), Decimal("309.50")]
    assert result.unmatched_a == []
    assert [(i.record_index, i.detail_index, i.amount) for i in result.unmatched_b] == [
        (2, None, Decimal("45.00"))
    ]


def test_the_csv_report_names_the_detail(tmp_path: Path) -> None:
    payments = [("E2E-EV-2", "200.50")]
    a = load_items(
        [_write(tmp_path, "p.xml", _pain001("CH9300762011623852957", NOTIFICATION_ACCOUNT, "CHF", payments))]
    )
    b = load_items([_write(tmp_path, "n.xml", CAMT054_BATCH)])
    records = list(csv.DictReader(io.StringIO(to_csv(reconcile(a.items, b.items)))))
    matched = [r for r in records if r["status"] == "matched"]
    assert [(r["b_record_index"], r["b_detail_index"], r["b_amount"]) for r in matched] == [
        ("1", "2", "200.50")
    ]
    assert (matched[0]["a_detail_index"], matched[0]["b_references"]) == ("", "TX-REF-2")
    unmatched = sorted(
        (r["b_record_index"], r["b_detail_index"]) for r in records if r["status"] == "unmatched_b"
    )
    assert unmatched == [("1", "1"), ("1", "3"), ("2", "")]


def test_a_detail_booked_twice_in_one_batch_is_a_duplicate(tmp_path: Path) -> None:
    twice = CAMT054_BATCH.replace(b"E2E-EV-3", b"E2E-EV-2")
    b = load_items([_write(tmp_path, "n.xml", twice)])
    assert [(p["code"], p["key"], p["value"]) for p in b.problems] == [
        ("reconcile.duplicate", "end_to_end_id", "E2E-EV-2")
    ]
    assert "entry 1 detail 2" in b.problems[0]["message"] and "entry 1 detail 3" in b.problems[0]["message"]


@pytest.mark.skipif(not EPO.is_file(), reason="third-party corpus absent")
def test_corpus_batch_debit_matches_the_three_payments(tmp_path: Path) -> None:
    payments = [
        ("EndToEndId-001-02-01", "200.00"),
        ("EndToEndId-001-02-02", "250.00"),
        ("EndToEndId-001-02-03", "300.00"),
    ]
    a = load_items(
        [
            _write(
                tmp_path, "p.xml", _pain001("CH5109000000250092291", "CH9300762011623852957", "CHF", payments)
            )
        ]
    )
    b = load_items([str(EPO)])
    result = reconcile(a.items, b.items)
    assert result.summary() == {
        "a": 3,
        "b": 3,
        "matched": 3,
        "mismatched": 0,
        "unmatched_a": 0,
        "unmatched_b": 0,
    }
    assert [(m.on, m.key, m.b.detail_index) for m in result.matched] == [
        ("end_to_end_id", "EndToEndId-001-02-01", 1),
        ("end_to_end_id", "EndToEndId-001-02-02", 2),
        ("end_to_end_id", "EndToEndId-001-02-03", 3),
    ]
