"""MiFIR RTS 22: one transaction reference is reported once per run (review MF item 1).

A regulator rejects a second ``New`` with a transaction reference it already holds. FIX
resends a message with PossDupFlag 43=Y (and OrigSendingTime 122) when it may have been
sent before: such a resend of an ExecID this run already saw is skipped (info); the same
ExecID again without PossDup is an error (two different executions cannot share a
reference), and neither is reported twice.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import finmsg
from finmsg.reports import get_exporter
from finmsg.reports.base import ReportInput

from ..fix.helpers import fix

REFDATA = Path(__file__).resolve().parents[2] / "fixtures" / "reports" / "mifir" / "refdata.json"
HDR = "49=BROKER|56=CLIENT|34=5|52=20260302-10:15:30.123|"
BODY = (
    "1128=9|37=O1|17={exec_id}|150=F|39=2|54=1|38=100|32=100|31=25.5|151=0|14=100|6=25.5|30=XPAR|29=4|"
    "15=EUR|48=FR0000120271|22=4|461=ESVUFR|60=20260302-10:15:30.123|453=1|448=5493001KJTIIGC8Y1R12|447=N|452=1|"
)


def _fill(exec_id: str = "E1", possdup: bool = False) -> bytes:
    resend = "43=Y|122=20260302-10:15:30.123|" if possdup else ""
    return fix(f"35=8|{HDR}{resend}{BODY.format(exec_id=exec_id)}", "FIXT.1.1")


def _cancel(exec_id: str, ref: str) -> bytes:
    """ExecType H (Trade Cancel) of the execution ``ref`` (ExecRefID 19)."""
    body = BODY.format(exec_id=exec_id).replace("150=F|", f"19={ref}|150=H|")
    return fix(f"35=8|{HDR}{body}", "FIXT.1.1")


def _report(*messages: bytes) -> tuple[dict[str, Any], str]:
    items = []
    for i, data in enumerate(messages, 1):
        read = finmsg.parse(data)
        assert read.ok, [str(d) for d in read.errors]
        items.append(ReportInput(f"m#{i}", read.value))
    report = get_exporter("mifir").export(items, {"refdata": REFDATA})
    return json.loads(report.formats["json"]), report.formats["xml"]


def _codes(entry: dict[str, Any]) -> list[tuple[str, str]]:
    return [(f["code"], f["severity"]) for f in entry["findings"]]


def test_possdup_resend_of_a_seen_execution_is_skipped_with_an_info_finding() -> None:
    data, xml = _report(_fill(), _fill(possdup=True))
    first, resend = data["transactions"]
    assert (first["tx_id"], first["reported"]) == ("E1", True)
    assert (resend["tx_id"], resend["reported"]) == ("E1", False)
    assert _codes(resend) == [("MIFIR-DUP-POSSDUP", "info")]
    assert data["summary"]["reported"] == 1
    assert data["summary"]["errors"] == 0
    assert xml.count("<TxId>E1</TxId>") == 1


def test_possdup_resend_of_an_unseen_execution_is_reported_without_lossy_findings() -> None:
    # the original may have been lost before this run: the resend is the only copy
    data, xml = _report(_fill(possdup=True))
    (only,) = data["transactions"]
    assert only["reported"] is True
    # 43 and 122 are read by the duplicate rule: not "dropped" (the NORE warning is unrelated)
    assert _codes(only) == [("MIFIR-MAP-EXECUTION", "warning")]
    assert xml.count("<TxId>E1</TxId>") == 1


def test_same_execution_twice_without_possdup_is_an_error_and_reported_once() -> None:
    data, xml = _report(_fill(), _fill())
    first, second = data["transactions"]
    assert first["reported"] is True
    assert second["reported"] is False
    assert ("MIFIR-DUP-TXID", "error") in _codes(second)
    assert data["summary"]["errors"] == 1
    assert xml.count("<TxId>E1</TxId>") == 1


def test_different_executions_are_both_reported() -> None:
    data, xml = _report(_fill("E1"), _fill("E2"))
    assert [t["reported"] for t in data["transactions"]] == [True, True]
    assert "<TxId>E2</TxId>" in xml


def test_a_reference_cancelled_in_the_run_may_be_reported_again() -> None:
    data, xml = _report(_fill("E1"), _cancel("C1", "E1"), _fill("E1"))
    assert [(t["action"], t["tx_id"], t["reported"]) for t in data["transactions"]] == [
        ("New", "E1", True),
        ("Cxl", "E1", True),
        ("New", "E1", True),
    ]
    assert xml.count("<TxId>E1</TxId>") == 3
