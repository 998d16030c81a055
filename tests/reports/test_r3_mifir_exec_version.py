"""MiFIR: ExecTransType (20) only means something on a FIX 4.0-4.2 ExecutionReport.

FIX 4.3 removed ExecTransType from the ExecutionReport and made ExecType (150) required
(F Trade, G Trade Correct, H Trade Cancel). Now that reading a message with a tag the
message does not define gives a warning instead of an error, a FIX 4.4 / FIXT fill that
carries a stray ``20=1`` reaches the mapping: it must stay a new transaction under its
ExecID, not become a cancellation of its own ExecID. And a FIX 4.1+ report without its
required ExecType is not a FIX 4.0 report: what it reports is unknown, so it is an error,
never a silent "New".

A trade capture Replace (487=2) is a correction too: the replaced report is cancelled.

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
    data = _message(drop=b"150")
    read = finmsg.parse(data)  # 150 is required: refused on read (373=1) ...
    assert [(d.code, d.path) for d in read.errors] == [("fix.373.1", "FIX:150")]
    assert read.value is not None  # ... and the mapping refuses it too when given the model
    report = get_exporter("mifir").export([ReportInput("m#1", read.value)], {"refdata": REFDATA})
    (tx,) = json.loads(report.formats["json"])["transactions"]
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


def _trade_capture(trans: str, report_id: str, ref: str | None = None) -> bytes:
    """A FIX 4.4 TradeCaptureReport (35=AE) of 100 FR0000120271 at 25.5 EUR on XPAR, one side."""
    message = simplefix.FixMessage()
    message.append_pair(8, "FIX.4.4", header=True)
    pairs = [(35, "AE"), (49, "BROKER"), (56, "CLIENT"), (34, "5"), (52, "20260302-10:15:30.123")]
    pairs += [(571, report_id), (487, trans)] + ([(572, ref)] if ref else [])
    pairs += [(55, "AIR"), (48, "FR0000120271"), (22, "4"), (32, "100"), (31, "25.5"), (30, "XPAR")]
    pairs += [(75, "20260302"), (60, "20260302-10:15:30.123"), (15, "EUR"), (552, "1"), (54, "1")]
    pairs += [(37, "O1"), (29, "1")]
    pairs += [(453, "1"), (448, "5493001KJTIIGC8Y1R12"), (447, "N"), (452, "1")]
    for tag, value in pairs:
        message.append_pair(tag, value)
    encoded: bytes = message.encode()
    return encoded


def _actions(data: bytes) -> list[tuple[str, str, bool]]:
    read = finmsg.parse(data)
    assert read.value is not None
    report = get_exporter("mifir").export([ReportInput("m#1", read.value)], {"refdata": REFDATA})
    return [
        (t["action"], t["tx_id"], t["reported"]) for t in json.loads(report.formats["json"])["transactions"]
    ]


def test_a_trade_capture_replace_cancels_the_replaced_report_then_reports_anew() -> None:
    """TradeReportTransType 2 (Replace) of T1 is a correction: Cxl T1, then New T2 (RTS 22 has no amend)."""
    assert _actions(_trade_capture("2", "T2", "T1")) == [("Cxl", "T1", True), ("New", "T2", True)]


def test_a_trade_capture_new_and_cancel_are_unchanged() -> None:
    assert _actions(_trade_capture("0", "T1")) == [("New", "T1", True)]
    assert _actions(_trade_capture("1", "T3", "T1")) == [("Cxl", "T1", True)]
