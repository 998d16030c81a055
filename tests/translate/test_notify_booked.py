"""camt.054 → MT900/MT910 only for booked entries, and the account-servicer sender note for
camt.052 and camt.054 (as for camt.053).

MT900 (confirmation of debit) and MT910 (confirmation of credit) notify the account owner of
an entry debited / credited to its account: an entry with status PDNG, INFO or FUTR
(ExternalEntryStatus1Code) is not booked, so it has no MT900/MT910. A booked reversal
(RvslInd true) is a real movement and is written, its reversal nature reported. The expected
values below are read from the inputs by hand.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import finmsg
from finmsg.diagnostics import Severity
from finmsg.errors import ConversionError
from tests.corpus import CORPUS

REPO = Path(__file__).resolve().parents[2]
#: camt.054.001.08, no AppHdr, one CRDT entry of SEK 12500.50, account servicer NDEASESSXXX,
#: owner VOLVSESSXXX
CREDIT = REPO / "fixtures" / "translate" / "camt054-mt900" / "credit-no-dbtr-value-date-only" / "input.xml"
ENTRY = "/Document/BkToCstmrDbtCdtNtfctn/Ntfctn[1]/Ntry[1]"


def _with_status(status: str, reversal: bool = False) -> bytes:
    text = CREDIT.read_text(encoding="utf-8")
    assert "<Sts><Cd>BOOK</Cd></Sts>" in text
    extra = "<RvslInd>true</RvslInd>" if reversal else ""
    return text.replace("<Sts><Cd>BOOK</Cd></Sts>", f"{extra}<Sts><Cd>{status}</Cd></Sts>").encode()


@pytest.mark.parametrize("status", ["PDNG", "INFO", "FUTR"])
def test_an_entry_that_is_not_booked_gets_no_confirmation(status: str) -> None:
    with pytest.raises(ConversionError) as caught:
        finmsg.convert(_with_status(status), "mt")
    assert caught.value.code == "translate.not_booked"
    assert caught.value.path == f"{ENTRY}/Sts"
    assert caught.value.value == status
    assert "MT910" in caught.value.message and status in caught.value.message


def test_a_booked_reversal_is_written_and_its_reversal_reported() -> None:
    # CRDT + RvslInd: a credit that undoes an earlier debit; MT910 says nothing of it
    result = finmsg.convert(_with_status("BOOK", reversal=True), "mt")
    assert b"{2:I910VOLVSESSXXXXN}" in result.value
    assert re.search(rb"\r\n:32A:261204SEK12500,50\r\n", result.value)
    [note] = [d for d in result.diagnostics if d.path == f"{ENTRY}/RvslInd"]
    assert (note.code, note.rule, note.severity) == ("lossy.dropped", "TN016", Severity.WARNING)
    assert "earlier debit" in note.message


def test_a_booked_entry_has_no_status_finding() -> None:
    result = finmsg.convert(_with_status("BOOK"), "mt")
    assert [d for d in result.diagnostics if (d.path or "").startswith(f"{ENTRY}/Sts")] == []


def test_camt054_without_bah_says_block_1_is_the_account_servicer() -> None:
    result = finmsg.convert(_with_status("BOOK"), "mt")
    assert result.value.startswith(b"{1:F01NDEASESSAXXX")
    [note] = [d for d in result.diagnostics if d.code == "mapping.implicit"]
    assert (note.rule, note.path, note.target_path) == (
        "TN001",
        "/Document/BkToCstmrDbtCdtNtfctn/Ntfctn[1]/Acct/Svcr",
        "MT910:block1",
    )
    assert (note.severity, note.emitted) == (Severity.INFO, "NDEASESSXXX")


def test_camt052_without_bah_says_block_1_is_the_account_servicer() -> None:
    # camt052-balances-only: no AppHdr, Acct/Svcr CHASUS33XXX, written as MT941
    data = (REPO / "fixtures" / "iso20022" / "camt052-balances-only" / "input.xml").read_bytes()
    result = finmsg.convert(data, "mt", receiver="DEUTDEFFXXX")
    assert result.value.startswith(b"{1:F01CHASUS33AXXX")
    [note] = [d for d in result.diagnostics if d.code == "mapping.implicit" and d.rule == "TS001"]
    assert (note.path, note.target_path, note.emitted) == (
        "/Document/BkToCstmrAcctRpt/Rpt[1]/Acct/Svcr",
        "MT941:block1",
        "CHASUS33XXX",
    )


_BAH = (
    '<AppHdr xmlns="urn:iso:std:iso:20022:tech:xsd:head.001.001.02">'
    "<Fr><FIId><FinInstnId><BICFI>NDEASESSXXX</BICFI></FinInstnId></FIId></Fr>"
    "<To><FIId><FinInstnId><BICFI>VOLVSESSXXX</BICFI></FinInstnId></FIId></To>"
    "<BizMsgIdr>NDEA-CR-5</BizMsgIdr><MsgDefIdr>camt.054.001.08</MsgDefIdr>"
    "<CreDt>2026-12-04T09:12:00+01:00</CreDt></AppHdr>"
)


def test_camt054_with_bah_has_no_servicer_note() -> None:
    # the same notification in an envelope whose BAH names the sender: nothing is implicit
    document = _with_status("BOOK").decode("utf-8").split("?>", 1)[1]
    result = finmsg.convert(f"<Envelope>{_BAH}{document}</Envelope>".encode(), "mt")
    assert result.value.startswith(b"{1:F01NDEASESSAXXX")
    assert [d for d in result.diagnostics if d.code == "mapping.implicit"] == []


SAMPLE = CORPUS / "iso20022" / "moov" / "FI_camt_054_sample.xml.xml"


@pytest.mark.skipif(not SAMPLE.is_file(), reason="third-party corpus not present")
def test_convert_all_refuses_only_the_information_entry() -> None:
    # Ntry 1-5 are BOOK; Ntry 6 is a reversal with status INFO
    outs = finmsg.convert_all(SAMPLE.read_bytes(), "mt", sender="ESSEFIHXXXX", receiver="DEUTDEFFXXX")
    assert [out.ok for out in outs] == [True] * 5 + [False]
    assert [(d.code, d.path) for d in outs[5].errors] == [
        ("translate.not_booked", "/Document/BkToCstmrDbtCdtNtfctn/Ntfctn[1]/Ntry[6]/Sts")
    ]
