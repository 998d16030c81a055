"""MiFIR RTS 22 from a TradeCaptureReport: the firm's side comes from the data (review MF item 2).

A TradeCaptureReport (35=AE) carries both sides of the trade (NoSides 552); FIX does not fix
their order. The firm's side is the one whose executing firm (PartyRole 1) is the reporting
firm's LEI of the reference data, else the one whose client (PartyRole 3) or Account (1) the
reference data knows. The same trade with the sides swapped gives the same report.

The trade: the firm (LEI 5493001KJTIIGC8Y1R12), as agent (OrderCapacity 528=A -> AOTC) for its
client CLT2, sells 100 FR0000120271 at 25.5 EUR on XPAR to firm 529900T8BM49AURSDO55 (dealing,
528=P). CLT2's CONCAT id (nationality FR, born 1980-05-17, Jean Dupont) is FR19800517JEAN#DUPON;
trader TRD7 (PartyRole 12) has national id FR12345.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from lxml import etree

import finmsg
from finmsg.reports import get_exporter
from finmsg.reports.base import ReportInput

from ..fix.helpers import fix

REFDATA = Path(__file__).resolve().parents[2] / "fixtures" / "reports" / "mifir" / "refdata.json"
NS = {"a": "urn:iso:std:iso:20022:tech:xsd:auth.016.001.03"}
HEAD = (
    "35=AE|49=VENUE|56=FIRM|34=5|52=20260302-10:15:30.123|1128=9|571=TR1|487=0|856=0|828=0|55=TTE|"
    "48=FR0000120271|22=4|461=ESVUFR|32=100|31=25.5|75=20260302|60=20260302-10:15:30.123|30=XPAR|{top}15=EUR|"
)
OURS = (
    "54=2|37=O1|1=CLT2|453=3|448=5493001KJTIIGC8Y1R12|447=N|452=1|448=CLT2|447=P|452=3|"
    "448=TRD7|447=P|452=12|2376=24|528=A|"
)
THEIRS = "54=1|37=O9|453=1|448=529900T8BM49AURSDO55|447=N|452=1|528=P|"


def _tcr(*sides: str, top: str = "") -> bytes:
    return fix(HEAD.format(top=top) + f"552={len(sides)}|" + "".join(sides), "FIXT.1.1")


def _report(data: bytes) -> tuple[dict[str, Any], str]:
    read = finmsg.parse(data)
    assert read.ok, [str(d) for d in read.errors]
    report = get_exporter("mifir").export([ReportInput("m#1", read.value)], {"refdata": REFDATA})
    return json.loads(report.formats["json"]), report.formats["xml"]


def _facts(xml: str) -> dict[str, str | None]:
    doc = etree.fromstring(xml.encode())

    def text(path: str) -> str | None:
        return doc.findtext(path, namespaces=NS)

    return {
        "executing": text(".//a:New/a:ExctgPty"),
        "buyer": text(".//a:Buyr/a:AcctOwnr/a:Id/a:LEI"),
        "seller": text(".//a:Sellr/a:AcctOwnr/a:Id/a:Prsn/a:Othr/a:Id"),
        "seller_branch": text(".//a:Sellr/a:AcctOwnr/a:CtryOfBrnch"),
        "capacity": text(".//a:TradgCpcty"),
        "executed_by": text(".//a:ExctgPrsn/a:Prsn/a:Othr/a:Id"),
        "short_selling": text(".//a:ShrtSellgInd"),
    }


EXPECTED = {
    "executing": "5493001KJTIIGC8Y1R12",
    "buyer": "529900T8BM49AURSDO55",
    "seller": "FR19800517JEAN#DUPON",
    "seller_branch": "FR",
    "capacity": "AOTC",
    "executed_by": "FR12345",
    "short_selling": None,
}


def test_firm_side_first() -> None:
    data, xml = _report(_tcr(OURS, THEIRS))
    assert data["summary"]["errors"] == 0
    assert _facts(xml) == EXPECTED


def test_firm_side_second_gives_the_same_report() -> None:
    data, xml = _report(_tcr(THEIRS, OURS))
    assert data["summary"]["errors"] == 0
    assert _facts(xml) == EXPECTED
    assert xml == _report(_tcr(OURS, THEIRS))[1]


def test_message_level_last_capacity_with_sides_swapped() -> None:
    # LastCapacity 29=1 (Agent) at message level: AOTC whichever side comes first
    first = _report(_tcr(OURS, THEIRS, top="29=1|"))[1]
    second = _report(_tcr(THEIRS, OURS, top="29=1|"))[1]
    assert _facts(first) == _facts(second) == EXPECTED


def test_firm_side_found_by_its_client_when_no_executing_lei_is_given() -> None:
    ours = OURS.replace("453=3|448=5493001KJTIIGC8Y1R12|447=N|452=1|", "453=2|")
    data, xml = _report(_tcr(THEIRS, ours))
    assert data["summary"]["errors"] == 0
    facts = _facts(xml)
    assert (facts["buyer"], facts["seller"], facts["executed_by"]) == (
        "529900T8BM49AURSDO55",
        "FR19800517JEAN#DUPON",
        "FR12345",
    )
    assert facts["executing"] == "5493001KJTIIGC8Y1R12"  # refdata firm.lei


def test_a_trade_of_two_other_firms_is_withheld() -> None:
    """Review R3: both sides name another executing firm; reporting the first as ours put that
    firm's LEI in ExctgPty with only a warning. It is not the firm's trade to report."""
    other = THEIRS.replace("529900T8BM49AURSDO55", "969500UP76J52A9OXU27")
    data, _ = _report(_tcr(THEIRS, other))
    (tx,) = data["transactions"]
    assert tx["reported"] is False
    assert ("MIFIR-MAP-TCR-SIDE", "error") in [(f["code"], f["severity"]) for f in tx["findings"]]


def test_undecidable_sides_take_the_first_with_a_warning() -> None:
    """A side that names no executing firm may be the firm's: the first side, with a warning."""
    anonymous = "54=1|37=O9|528=P|"
    data, _ = _report(_tcr(THEIRS, anonymous))
    codes = [(f["code"], f["severity"]) for t in data["transactions"] for f in t["findings"]]
    assert ("MIFIR-MAP-TCR-SIDE", "warning") in codes
