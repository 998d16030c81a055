"""MiFIR transaction reports from FIX 4.2 execution reports: ExecTransType (20) decides what they are.

Before FIX 4.3 a trade cancel or correction keeps the ExecType of the execution it
refers to (1 partial fill, 2 fill) and says what it does in ExecTransType: 0 New,
1 Cancel, 2 Correct, 3 Status. FIX 4.3 merged these into ExecType (H Trade Cancel,
G Trade Correct, I Order Status). RTS 22 (auth.016) has only New and Cxl, so a
correction cancels the report of the execution it corrects and reports itself as new
(ESMA's guidelines on transaction reporting). The messages below are hand-written FIX 4.2
ExecutionReports; the executing entity comes from the reference data (FIX 4.2 has no
Parties group), LastCapacity 4 (principal) makes the firm the buyer and the venue MIC
the seller.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import finmsg
from finmsg.reports import get_exporter
from finmsg.reports.base import ReportInput

from ..fix.helpers import fix

REFDATA = Path(__file__).resolve().parents[2] / "fixtures" / "reports" / "mifir" / "refdata.json"


def _execution(
    trans: str | None,
    exec_type: str = "2",
    exec_id: str = "E1",
    ref: str = "",
    instrument: str = "48=FR0000120271|22=4|",
) -> bytes:
    """A FIX 4.2 fill of 100 ISIN FR0000120271 at 25.5 EUR on XPAR, bought as principal."""
    tags = f"20={trans}|" if trans is not None else ""
    ref_tag = f"19={ref}|" if ref else ""
    body = (
        "35=8|49=BROKER|56=CLIENT|34=5|52=20260302-10:15:30|"
        f"37=O1|17={exec_id}|{tags}{ref_tag}150={exec_type}|39=2|11=C1|55=AIR|{instrument}"
        "54=1|38=100|32=100|31=25.5|151=0|14=100|6=25.5|30=XPAR|29=4|15=EUR|60=20260302-10:15:30|"
    )
    return fix(body, "FIX.4.2")


def _report(*messages: bytes, fmt: str = "json") -> dict | str:
    items = []
    for i, data in enumerate(messages, 1):
        read = finmsg.parse(data)
        assert read.ok, [str(d) for d in read.errors]
        items.append(ReportInput(f"m#{i}", read.value))
    report = get_exporter("mifir").export(items, {"refdata": REFDATA})
    return report.formats[fmt] if fmt == "xml" else json.loads(report.formats["json"])


def _errors(tx: dict) -> list[str]:
    return [f["code"] for f in tx["findings"] if f["severity"] == "error"]


@pytest.mark.parametrize(
    "data",
    [
        _execution("0"),
        _execution("1", exec_id="E2", ref="E1"),
        _execution("2", exec_id="E3", ref="E1"),
        _execution("3"),
    ],
    ids=["new", "cancel", "correct", "status"],
)
def test_the_fix42_executions_are_valid_fix42(data: bytes) -> None:
    """What is tested below is the mapping: the inputs pass QuickFIX's FIX 4.2 checks."""
    checked = finmsg.validate(data)
    assert checked.ok and checked.diagnostics == [], [str(d) for d in checked.diagnostics]


def test_a_new_fill_is_reported_as_new() -> None:
    tx = _report(_execution("0"))["transactions"][0]  # type: ignore[index]
    assert (tx["reported"], tx["action"], tx["tx_id"]) == (True, "New", "E1"), tx
    assert _errors(tx) == []


def test_a_fix42_execution_without_exec_trans_type_is_refused_on_read() -> None:
    # 20 is required in FIX 4.2: a missing required tag stays a read error (373=1), so such a
    # report never reaches the mapping as a New
    read = finmsg.parse(_execution(None))
    assert [(d.code, d.path) for d in read.errors] == [("fix.373.1", "FIX:20")]


def test_exec_trans_type_cancel_is_a_cancellation_of_the_referenced_execution() -> None:
    """20=1 with ExecRefID 19=E1: the report of E1 is cancelled (as ExecType H does in FIX 4.4)."""
    tx = _report(_execution("1", exec_id="E2", ref="E1"))["transactions"][0]  # type: ignore[index]
    assert (tx["reported"], tx["action"], tx["tx_id"]) == (True, "Cxl", "E1"), tx
    xml = _report(_execution("1", exec_id="E2", ref="E1"), fmt="xml")
    assert isinstance(xml, str) and "<Cxl>" in xml and "<TxId>E1</TxId>" in xml and "<New>" not in xml


def test_exec_trans_type_cancel_without_exec_ref_id_is_an_error_and_cancels_nothing() -> None:
    """Changed (review R3): this used to cancel the message's own ExecID E2, the id of the cancel
    message itself, which names no reported transaction. FIX requires ExecRefID (19) on a cancel;
    without it nothing is cancelled and the cancel is an error, as for ExecType H without 19."""
    report = _report(_execution("1", exec_id="E2"))
    tx = report["transactions"][0]  # type: ignore[index]
    assert (tx["reported"], tx["action"], tx["tx_id"]) == (False, None, None), tx
    assert [(f["code"], f["path"], f["original"]) for f in tx["findings"]] == [
        ("MIFIR-MAP-CANCEL", "FIX:19", "E2")
    ]
    assert report["summary"]["reported"] == 0 and report["summary"]["errors"] == 1  # type: ignore[index]


@pytest.mark.parametrize(("trans", "exec_type"), [("2", "2")], ids=["20=2"])
def test_a_correction_cancels_the_corrected_report_and_reports_anew(
    trans: str | None, exec_type: str
) -> None:
    """RTS 22 has no amendment: the report of E1 (ExecRefID 19) is cancelled, the correction E3 is new.
    ExecTransType 2 maps as ExecType G does (150=G is not a FIX 4.2 value: refused on read there)."""
    report = _report(_execution(trans, exec_type=exec_type, exec_id="E3", ref="E1"))
    txs = report["transactions"]  # type: ignore[index]
    assert [(t["action"], t["tx_id"], t["reported"]) for t in txs] == [
        ("Cxl", "E1", True),
        ("New", "E3", True),
    ]
    assert report["summary"] == {"inputs": 1, "reported": 2, "rejected": 0, "errors": 0}  # type: ignore[index]
    xml = _report(_execution(trans, exec_type=exec_type, exec_id="E3", ref="E1"), fmt="xml")
    assert isinstance(xml, str)
    cxl, new = xml.index("<Cxl>"), xml.index("<New>")
    assert cxl < xml.index("<TxId>E1</TxId>") < new < xml.index("<TxId>E3</TxId>")


def test_a_correction_without_exec_ref_id_is_reported_new_with_a_warning() -> None:
    txs = _report(_execution("2", exec_id="E3"))["transactions"]  # type: ignore[index]
    assert [(t["action"], t["tx_id"], t["reported"]) for t in txs] == [("New", "E3", True)]
    warned = [(f["code"], f["path"]) for f in txs[0]["findings"] if f["severity"] == "warning"]
    assert ("MIFIR-MAP-CORRECTION", "FIX:19") in warned


def test_a_correction_that_cannot_be_reported_cancels_nothing() -> None:
    """Without its ISIN the corrected trade is not reported: cancelling E1 alone would lose it."""
    txs = _report(_execution("2", exec_id="E3", ref="E1", instrument=""))["transactions"]  # type: ignore[index]
    assert [(t["action"], t["tx_id"], t["reported"]) for t in txs] == [("New", "E3", False)]
    assert "MIFIR-MAP-INSTRUMENT" in _errors(txs[0])


def test_exec_trans_type_status_is_not_a_trade() -> None:
    """20=3 with ExecType 2 restates a fill: reporting it again would report the trade twice."""
    report = _report(_execution("3"))
    tx = report["transactions"][0]  # type: ignore[index]
    assert not tx["reported"] and tx["action"] is None
    assert [(f["code"], f["severity"], f["path"]) for f in tx["findings"]] == [
        ("MIFIR-MAP-NOT-A-TRADE", "info", "FIX:20")
    ]
    assert report["summary"]["errors"] == 0  # type: ignore[index]


def test_a_cancel_of_a_non_execution_is_not_a_trade() -> None:
    """20=1 cancelling an order acknowledgement (ExecType 0): no transaction was ever reported."""
    tx = _report(_execution("1", exec_type="0", exec_id="E2", ref="E1"))["transactions"][0]  # type: ignore[index]
    assert not tx["reported"]
    assert [(f["code"], f["path"]) for f in tx["findings"]] == [("MIFIR-MAP-NOT-A-TRADE", "FIX:150")]


def test_an_unknown_exec_trans_type_is_an_error() -> None:
    # 20=7 is outside 20's enumeration: the FIX read warns (373=5), the mapping cannot tell new from cancel.
    items = [ReportInput("m#1", finmsg.parse(_execution("7")).value)]
    report = json.loads(get_exporter("mifir").export(items, {"refdata": REFDATA}).formats["json"])
    tx = report["transactions"][0]
    assert not tx["reported"]
    assert [(f["code"], f["path"], f["severity"]) for f in tx["findings"]] == [
        ("MIFIR-MAP-TRANSTYPE", "FIX:20", "error")
    ]
