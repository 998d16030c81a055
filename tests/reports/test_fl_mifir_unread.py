"""MiFIR RTS 22: a FIX field of a reported transaction that the report does not read is named.

Why: the FIX reader keeps tags without a model slot as extras; the transaction report
reads a few (LastCapacity 29, NetMoney 118, TrdRegTimestamps 768...) and used to drop
the rest without a word (review F1: "no silent loss from FIX to non-FIX targets").
Each unread one is now a ``lossy.dropped`` warning (rule MIFIR-MAP-UNREAD) naming its
position, its dictionary name and its value; the report itself is unchanged.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import finmsg
from finmsg.reports import get_exporter
from finmsg.reports.base import ReportInput

from ..fix.helpers import fix

MIFIR = Path(__file__).resolve().parents[2] / "fixtures" / "reports" / "mifir"
HDR = "49=BROKER|56=CLIENT|34=5|52=20260302-10:15:30.123|1128=9|"
FIRM = "453=1|448=5493001KJTIIGC8Y1R12|447=N|452=1|"


def _fill(extra: str = "", stamps: str = "") -> bytes:
    """A FIX 5.0 SP2 fill of 100 FR0000120271 at 25.5 EUR on XPAR, dealt on own account."""
    return fix(
        f"35=8|{HDR}37=O1|17=E1|150=F|39=2|29=4|54=1|38=100|151=0|14=100|6=25.5|55=AIR|48=FR0000120271|"
        f"22=4|32=100|31=25.5|30=XPAR|15=EUR|60=20260302-10:15:30.123|{extra}{FIRM}{stamps}",
        "FIXT.1.1",
    )


def _transaction(data: bytes) -> dict[str, Any]:
    read = finmsg.parse(data)
    assert read.value is not None
    report = get_exporter("mifir").export(
        [ReportInput("m#1", read.value)], {"refdata": MIFIR / "refdata.json"}
    )
    (tx,) = json.loads(report.formats["json"])["transactions"]
    return dict(tx)


def _dropped(tx: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [(f["path"], f["original"], f["message"]) for f in tx["findings"] if f["code"] == "lossy.dropped"]


def test_a_custom_and_an_unmapped_standard_tag_are_named() -> None:
    tx = _transaction(_fill("526=FLQSECID|5001=FLQCUSTA|"))
    assert tx["reported"] is True and tx["action"] == "New"
    assert _dropped(tx) == [
        ("FIX:526", "FLQSECID", "SecondaryClOrdID (526) has no place in an RTS 22 transaction report"),
        (
            "FIX:5001",
            "FLQCUSTA",
            "tag 5001 (not in the dictionary) has no place in an RTS 22 transaction report",
        ),
    ]
    assert {f["severity"] for f in tx["findings"] if f["code"] == "lossy.dropped"} == {"warning"}
    assert {f["rule"] for f in tx["findings"] if f["code"] == "lossy.dropped"} == {"MIFIR-MAP-UNREAD"}


def test_an_unread_field_of_a_read_group_is_named_and_the_read_ones_are_not() -> None:
    """TrdRegTimestamps: the execution time (769 with 770=1) is read, its origin (771) is not."""
    tx = _transaction(_fill(stamps="768=1|769=20260302-10:15:30.123456|770=1|771=FLQORIGIN|"))
    assert tx["reported"] is True
    assert [(p, o) for p, o, _m in _dropped(tx)] == [("FIX:768[1].771", "FLQORIGIN")]


def test_the_shipped_execution_has_nothing_unread() -> None:
    """Every extra of the shipped fill (29, 854, 423, 118, the 768 group) is read by the report."""
    tx = _transaction((MIFIR / "execution-new.fix").read_bytes())
    assert tx["reported"] is True
    assert _dropped(tx) == []


def test_a_cancellation_names_nothing() -> None:
    """A Cxl carries only the reference: the fields of the cancel message are not report data."""
    tx = _transaction((MIFIR / "execution-cancel.fix").read_bytes())
    assert tx["action"] == "Cxl"
    assert _dropped(tx) == []
