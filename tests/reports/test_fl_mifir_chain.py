"""MiFIR RTS 22: cancellations need their reference, reversals cancel, chains of corrections (review R3).

RTS 22 (auth.016) knows two actions, ``New`` and ``Cxl``: a correction cancels the
report it replaces and reports itself anew. The inputs are hand-written FIXT.1.1 / FIX 5.0 SP2
ExecutionReports (ExecType F Trade, G Trade Correct, H Trade Cancel; ExecRefID 19 names
the execution concerned) and TradeCaptureReports (TradeReportTransType 487: 0 New,
1 Cancel, 2 Replace, 4 Reverse; TradeReportRefID 572). Each is a buy of 100
FR0000120271 at 25.5 EUR on XPAR dealt on own account (LastCapacity 4), so the firm of
the reference data is the buyer and the venue the seller.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import finmsg
from finmsg.reports import get_exporter
from finmsg.reports.base import ReportInput
from finmsg.reports.mifir.chain import Chain

from ..fix.helpers import fix

REFDATA = Path(__file__).resolve().parents[2] / "fixtures" / "reports" / "mifir" / "refdata.json"
HDR = "49=BROKER|56=CLIENT|34=5|52=20260302-10:15:30.123|1128=9|"
TRADE = "55=AIR|48=FR0000120271|22=4|32=100|31=25.5|30=XPAR|15=EUR|60=20260302-10:15:30.123|"
FIRM = "453=1|448=5493001KJTIIGC8Y1R12|447=N|452=1|"


def _execution(exec_type: str, exec_id: str, ref: str | None = None) -> bytes:
    ref_tag = f"19={ref}|" if ref else ""
    return fix(
        f"35=8|{HDR}37=O1|17={exec_id}|{ref_tag}150={exec_type}|39=2|29=4|54=1|38=100|151=0|14=100|6=25.5|"
        f"{TRADE}{FIRM}",
        "FIXT.1.1",
    )


def _capture(trans: str, report_id: str, ref: str | None = None) -> bytes:
    ref_tag = f"572={ref}|" if ref else ""
    return fix(
        f"35=AE|{HDR}571={report_id}|487={trans}|{ref_tag}75=20260302|{TRADE}552=1|54=1|37=O1|29=4|{FIRM}",
        "FIXT.1.1",
    )


def _report(*messages: bytes, fmt: str = "json") -> Any:
    items = []
    for i, data in enumerate(messages, 1):
        read = finmsg.parse(data)
        assert read.ok, [str(d) for d in read.errors]
        items.append(ReportInput(f"m#{i}", read.value))
    report = get_exporter("mifir").export(items, {"refdata": REFDATA})
    return report.formats[fmt] if fmt == "xml" else json.loads(report.formats["json"])


def _actions(*messages: bytes) -> list[tuple[str | None, str | None, bool]]:
    return [(t["action"], t["tx_id"], t["reported"]) for t in _report(*messages)["transactions"]]


def _codes(tx: dict[str, Any], severity: str) -> list[tuple[str, str]]:
    return [(f["code"], f["path"]) for f in tx["findings"] if f["severity"] == severity]


def _xml_actions(xml: str) -> list[tuple[str, str]]:
    """(New|Cxl, TxId) of every transaction of the document, in document order."""
    from lxml import etree

    doc = etree.fromstring(xml.encode())
    out = []
    for tx in doc.findall("{*}FinInstrmRptgTxRpt/{*}Tx"):
        action = tx[0]
        out.append((etree.QName(action).localname, action.findtext("{*}TxId")))
    return out


def test_the_inputs_are_valid_fix() -> None:
    for data in (_execution("F", "E1"), _execution("G", "E2", "E1"), _execution("H", "E9", "E1")):
        assert finmsg.validate(data).ok
    for data in (_capture("0", "T1"), _capture("4", "T2", "T1")):
        assert finmsg.validate(data).ok


# -- a cancel needs the reference of what it cancels ------------------------------------------


def test_a_trade_cancel_without_exec_ref_id_is_an_error_and_cancels_nothing() -> None:
    report = _report(_execution("H", "E9"))
    (tx,) = report["transactions"]
    assert (tx["action"], tx["tx_id"], tx["reported"]) == (None, None, False)
    assert _codes(tx, "error") == [("MIFIR-MAP-CANCEL", "FIX:19")]
    assert report["summary"] == {"inputs": 1, "reported": 0, "rejected": 0, "errors": 1}
    assert _report(_execution("H", "E9"), fmt="xml") == ""  # no document: nothing to report


def test_a_trade_cancel_with_exec_ref_id_cancels_that_execution() -> None:
    assert _actions(_execution("H", "E9", "E1")) == [("Cxl", "E1", True)]


def test_a_trade_capture_cancel_without_its_reference_is_an_error() -> None:
    (tx,) = _report(_capture("1", "T9"))["transactions"]
    assert (tx["action"], tx["reported"]) == (None, False)
    assert _codes(tx, "error") == [("MIFIR-MAP-CANCEL", "FIX:572")]


# -- a reversal is a cancellation ---------------------------------------------------------------


def test_a_trade_capture_reverse_cancels_the_reported_trade() -> None:
    """487=4 (Reverse) used to be reported as a New transaction T2: RTS 22 has no reversal."""
    report = _report(_capture("4", "T2", "T1"))
    (tx,) = report["transactions"]
    assert (tx["action"], tx["tx_id"], tx["reported"]) == ("Cxl", "T1", True)
    assert _codes(tx, "info") == [("MIFIR-MAP-REVERSE", "FIX:487")]
    assert _xml_actions(_report(_capture("4", "T2", "T1"), fmt="xml")) == [("Cxl", "T1")]


def test_a_trade_capture_reverse_without_its_reference_is_an_error() -> None:
    (tx,) = _report(_capture("4", "T2"))["transactions"]
    assert (tx["action"], tx["reported"]) == (None, False)
    assert _codes(tx, "error") == [("MIFIR-MAP-CANCEL", "FIX:572")]


def test_a_new_then_its_reversal() -> None:
    assert _actions(_capture("0", "T1"), _capture("4", "T2", "T1")) == [
        ("New", "T1", True),
        ("Cxl", "T1", True),
    ]


# -- chains of corrections ----------------------------------------------------------------------


def test_a_chain_of_three_where_every_correction_names_the_original() -> None:
    """E1 reported; E2 corrects E1 (Cxl E1, New E2); E3 corrects E1 again: E1 is no longer live,
    E2 is, so E2 is cancelled (it used to cancel E1 a second time and leave E2 standing)."""
    messages = (_execution("F", "E1"), _execution("G", "E2", "E1"), _execution("G", "E3", "E1"))
    report = _report(*messages)
    actions = [(t["action"], t["tx_id"], t["reported"]) for t in report["transactions"]]
    assert actions == [
        ("New", "E1", True),
        ("Cxl", "E1", True),
        ("New", "E2", True),
        ("Cxl", "E2", True),
        ("New", "E3", True),
    ]
    third = report["transactions"][-1]
    notes = [
        (f["code"], f["original"], f["emitted"]) for f in third["findings"] if f["code"] == "MIFIR-MAP-CHAIN"
    ]
    assert notes == [("MIFIR-MAP-CHAIN", "E1", "E2")]
    assert _xml_actions(_report(*messages, fmt="xml")) == [
        ("New", "E1"),
        ("Cxl", "E1"),
        ("New", "E2"),
        ("Cxl", "E2"),
        ("New", "E3"),
    ]


def test_a_chain_of_three_where_every_correction_names_the_previous_one() -> None:
    messages = (_execution("F", "E1"), _execution("G", "E2", "E1"), _execution("G", "E3", "E2"))
    report = _report(*messages)
    assert [(t["action"], t["tx_id"]) for t in report["transactions"]] == [
        ("New", "E1"),
        ("Cxl", "E1"),
        ("New", "E2"),
        ("Cxl", "E2"),
        ("New", "E3"),
    ]
    assert not any(f["code"] == "MIFIR-MAP-CHAIN" for t in report["transactions"] for f in t["findings"])


def test_a_cancel_of_the_original_after_corrections_cancels_the_live_report() -> None:
    messages = (
        _execution("F", "E1"),
        _execution("G", "E2", "E1"),
        _execution("G", "E3", "E1"),
        _execution("H", "E4", "E1"),
    )
    assert _actions(*messages)[-1] == ("Cxl", "E3", True)


def test_a_trade_capture_chain_follows_the_same_rule() -> None:
    messages = (
        _capture("0", "T1"),
        _capture("2", "T2", "T1"),
        _capture("2", "T3", "T1"),
        _capture("4", "T4", "T1"),
    )
    assert _actions(*messages) == [
        ("New", "T1", True),
        ("Cxl", "T1", True),
        ("New", "T2", True),
        ("Cxl", "T2", True),
        ("New", "T3", True),
        ("Cxl", "T3", True),
    ]


def test_a_report_is_not_cancelled_twice() -> None:
    report = _report(_execution("H", "E8", "E1"), _execution("H", "E9", "E1"))
    first, second = report["transactions"]
    assert (first["action"], first["tx_id"], first["reported"]) == ("Cxl", "E1", True)
    assert (second["action"], second["tx_id"], second["reported"]) == ("Cxl", "E1", False)
    assert _codes(second, "warning") == [("MIFIR-MAP-CHAIN", "FIX:19")]
    assert _xml_actions(_report(_execution("H", "E8", "E1"), _execution("H", "E9", "E1"), fmt="xml")) == [
        ("Cxl", "E1")
    ]


def test_a_correction_of_a_cancelled_report_is_new_without_a_second_cancel() -> None:
    report = _report(_execution("H", "E8", "E1"), _execution("G", "E2", "E1"))
    assert [(t["action"], t["tx_id"], t["reported"]) for t in report["transactions"]] == [
        ("Cxl", "E1", True),
        ("New", "E2", True),
    ]
    assert ("MIFIR-MAP-CHAIN", "FIX:19") in _codes(report["transactions"][1], "warning")


def test_the_chain_stops_on_a_cycle() -> None:
    chain = Chain()
    assert chain.correct("A", "B", "FIX:19")[0] == "A"
    assert chain.correct("B", "A", "FIX:19")[0] == "B"
    assert chain.live("A") in ("A", "B")  # a cycle of replacements ends instead of looping


def test_a_trade_capture_capacity_in_the_side_group_is_read() -> None:
    """LastCapacity (29) sits in the side group (552) of a FIX 5.0 SP2 TradeCaptureReport; it used
    to be looked for at message level only, so every such report failed with MIFIR-MAP-CAPACITY."""
    (tx,) = _report(_capture("0", "T1"))["transactions"]
    assert (tx["action"], tx["tx_id"], tx["reported"]) == ("New", "T1", True)
    assert _codes(tx, "error") == []
    assert "<TradgCpcty>DEAL</TradgCpcty>" in _report(_capture("0", "T1"), fmt="xml")
