"""Blanks that are data survive the compact parse (before a CR; around a misplaced child).

libxml2's blank-text removal (``remove_blank_text``) tests the blanks before a CR on
their own and drops them even at the start of a leaf's value. The read speed-ups
(compact reading parse, bare stream lane) must give what a full parse gives: XML
turns each CRLF into LF and keeps every other character of a value.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import finmsg
from finmsg.iso20022.streaming import iter_entries

_FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
_STATEMENT = _FIXTURES / "translate" / "camt053-mt940" / "cbpr-customer-rich" / "input.xml"
_NOTIFICATION = _FIXTURES / "iso20022" / "camt054-debit-batch" / "input.xml"


def _with_info(prefix: bytes) -> bytes:
    """The statement with ``prefix`` put before each entry's ``AddtlNtryInf`` text."""
    data = _STATEMENT.read_bytes()
    return re.sub(rb"(<AddtlNtryInf>)", lambda m: m.group(1) + prefix, data)


def test_parse_keeps_a_tab_before_crlf() -> None:
    entry = finmsg.parse(_with_info(b"\t\r\n\tY ")).value.reports[0].entries[0]  # type: ignore[attr-defined]
    assert entry.additional_info == "\t\n\tY Gutschrift Ærøskøbing – Rechnung 118"


def test_parse_keeps_a_space_before_crlf() -> None:
    entry = finmsg.parse(_with_info(b" \r\nX")).value.reports[0].entries[0]  # type: ignore[attr-defined]
    assert entry.additional_info == " \nXGutschrift Ærøskøbing – Rechnung 118"


def test_stream_keeps_a_tab_before_crlf() -> None:
    first = next(iter_entries(io.BytesIO(_with_info(b"\t\r\n\tY "))))
    assert first.entry.additional_info == "\t\n\tY Gutschrift Ærøskøbing – Rechnung 118"


def test_validate_counts_every_line_break_of_a_blank_value() -> None:
    # 12 times "two spaces, CRLF" are 36 characters: over Max35Text's 35, whatever the parse lane.
    blank = b"<Id>" + b"  \r\n" * 12 + b"</Id>"
    data = _NOTIFICATION.read_bytes().replace(b"<Id>AT-DBIT-003-1</Id>", blank, 1)
    found = [d for d in finmsg.validate(data).diagnostics if d.code == "xsd.invalid"]
    assert [d.path for d in found] == ["/Document/BkToCstmrDbtCdtNtfctn/Ntfctn[1]/Id"]
    assert "35" in found[0].message


def test_validate_reads_the_blanks_around_a_child_of_a_simple_element() -> None:
    # "  <X>a</X>  " in Max35Text: one schema error (a child element); its text, four
    # blanks, is no empty value (the compact parse alone would have dropped the blanks).
    msg_id = b"<MsgId>AT-DBIT-20261205-003</MsgId>"
    data = _NOTIFICATION.read_bytes().replace(msg_id, b"<MsgId>  <X>a</X>  </MsgId>", 1)
    found = [(d.code, d.path) for d in finmsg.validate(data).diagnostics if d.code.startswith("xsd.")]
    assert found == [("xsd.invalid", "/Document/BkToCstmrDbtCdtNtfctn/GrpHdr/MsgId")]
