"""MiFIR: ExecTransType (20) only means something on a FIX 4.0-4.2 ExecutionReport.

FIX 4.3 removed ExecTransType from the ExecutionReport and made ExecType (150) required
(F Trade, G Trade Correct, H Trade Cancel). Now that reading a message with a tag the
message does not define gives a warning instead of an error, a FIX 4.4 / FIXT fill that
carries a stray ``20=1`` reaches the mapping: it must stay a new transaction under its
ExecID, not become a cancellation of its own ExecID. And a FIX 4.1+ report without its
required ExecType is not a FIX 4.0 report: what it reports is unknown, so it is an error,
never a silent "New".

The input is the shipped ``execution-new.fix`` (FIXT.1.1, 150=F, ExecID E1) with one change,
re-framed by simplefix.
"""

from __future__ import annotations

import json
from pathlib import Path

import simplefix

import finmsg
from finmsg.reports import get_exporter
from finmsg.reports.base import ReportInput
from finmsg.reports.mifir.exectype import execution_kind

MIFIR = Path(__file__).resolve().parents[2] / "fixtures" / "reports" / "mifir"
REFDATA = MIFIR / "refdata.json"


def _message(insert_after_17: bytes = b"", drop: bytes = b"") -> bytes:
    raw = (MIFIR / "execution-new.fix").read_bytes()
    pairs = [part.split(b"=", 1) for part in raw.split(b"\x01") if part]
    message = simplefix.FixMessage()
    message.append_pair(8, "FIXT.1.1", header=True)
    for tag, value in pairs:
        if tag in (b"8", b"9", b"10", drop):
            continue
        message.append_pair(int(tag), value)
        if tag == b"17" and insert_after_17:
            extra_tag, extra_value = insert_after_17.split(b"=", 1)
            message.append_pair(int(extra_tag), extra_value)
    encoded: bytes = message.encode()
    return encoded


def _transactions(data: bytes) -> list[dict]:
    read = finmsg.parse(data)
    assert read.value is not None and read.ok, [str(d) for d in read.errors]
    report = get_exporter("mifir").export([ReportInput("m#1", read.value)], {"refdata": REFDATA})
    transactions: list[dict] = json.loads(report.formats["json"])["transactions"]
    return transactions


def test_a_stray_exec_trans_type_on_a_fixt_trade_is_not_a_cancellation() -> None:
    (tx,) = _transactions(_message(b"20=1"))
    assert (tx["action"], tx["tx_id"], tx["reported"]) == ("New", "E1", True), tx


def test_a_stray_exec_trans_type_correct_on_a_fixt_trade_cancels_nothing() -> None:
    txs = _transactions(_message(b"20=2"))
    assert [(t["action"], t["tx_id"]) for t in txs] == [("New", "E1")]


def test_a_fixt_report_without_exec_type_is_an_error_not_a_new_transaction() -> None:
    (tx,) = _transactions(_message(drop=b"150"))
    assert not tx["reported"]
    assert [(f["code"], f["path"], f["severity"]) for f in tx["findings"]] == [
        ("MIFIR-MAP-EXECTYPE", "FIX:150", "error")
    ]


def test_exec_trans_type_still_decides_on_fix42_and_fix40_may_lack_exec_type() -> None:
    assert execution_kind("2", "1", "FIX.4.2") == ("cancel", None)
    assert execution_kind("2", "2", "FIX.4.1") == ("correct", None)
    assert execution_kind(None, "0", "FIX.4.0") == ("new", None)
    assert execution_kind("F", "1", "FIX.4.4") == ("new", None)
    kind, finding = execution_kind(None, None, "FIX.4.2")
    assert kind is None and finding is not None and finding.code == "MIFIR-MAP-EXECTYPE"
