"""``schemas.validate_output``: XSD validation of the writer's own output.

It parses without the writer's indentation (cheaper) and skips the envelope
search; these tests pin that it still reaches the same verdicts and diagnostics
as ``parse_xml`` + ``validate_document``, keeps whitespace-only values, and
stays as hardened as every other finmsg parser.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

import finmsg
from finmsg.errors import OptionError
from finmsg.iso20022.document import read_iso, write_iso
from finmsg.iso20022.schemas import validate_document, validate_output
from finmsg.iso20022.xmlsafe import parse_xml

REPO = Path(__file__).resolve().parents[2]
P8 = "urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"
HEAD = "urn:iso:std:iso:20022:tech:xsd:head.001.001.02"

#: A minimal pacs.008.001.08, indented as the writer indents; {msg_id} and {debtor} vary per test.
DOCUMENT = """<Document xmlns="{ns}">
  <FIToFICstmrCdtTrf>
    <GrpHdr>
      <MsgId>{msg_id}</MsgId>
      <CreDtTm>2026-11-29T09:15:00+00:00</CreDtTm>
      <NbOfTxs>1</NbOfTxs>
      <SttlmInf>
        <SttlmMtd>INDA</SttlmMtd>
      </SttlmInf>
    </GrpHdr>
    <CdtTrfTxInf>
      <PmtId>
        <EndToEndId>E2E-1</EndToEndId>
      </PmtId>
      <IntrBkSttlmAmt Ccy="EUR">10.00</IntrBkSttlmAmt>
      <ChrgBr>SHAR</ChrgBr>
      <Dbtr>
        <Nm>{debtor}</Nm>
      </Dbtr>
      <DbtrAgt>
        <FinInstnId>
          <BICFI>BANKGB2LXXX</BICFI>
        </FinInstnId>
      </DbtrAgt>
      <CdtrAgt>
        <FinInstnId>
          <BICFI>BANKDEFFXXX</BICFI>
        </FinInstnId>
      </CdtrAgt>
      <Cdtr>
        <Nm>Creditor</Nm>
      </Cdtr>
    </CdtTrfTxInf>
  </FIToFICstmrCdtTrf>
</Document>"""


def _document(msg_id: str = "MSG-1", debtor: str = "Debtor") -> bytes:
    return (
        "<?xml version='1.0' encoding='UTF-8'?>\n" + DOCUMENT.format(ns=P8, msg_id=msg_id, debtor=debtor)
    ).encode()


def _enveloped(biz_msg_id: str, msg_id: str) -> bytes:
    header = (
        f'<AppHdr xmlns="{HEAD}">\n'
        "    <Fr><FIId><FinInstnId><BICFI>BANKGB2LXXX</BICFI></FinInstnId></FIId></Fr>\n"
        "    <To><FIId><FinInstnId><BICFI>BANKDEFFXXX</BICFI></FinInstnId></FIId></To>\n"
        f"    <BizMsgIdr>{biz_msg_id}</BizMsgIdr>\n"
        "    <MsgDefIdr>pacs.008.001.08</MsgDefIdr>\n"
        "    <CreDt>2026-11-29T09:15:00+00:00</CreDt>\n"
        "  </AppHdr>"
    )
    body = DOCUMENT.format(ns=P8, msg_id=msg_id, debtor="Debtor")
    return f"<?xml version='1.0' encoding='UTF-8'?>\n<Envelope>\n  {header}\n  {body}\n</Envelope>".encode()


def test_a_written_fixture_is_valid_with_and_without_its_header() -> None:
    data = (REPO / "fixtures" / "iso20022" / "pacs008-cbpr-structured" / "input.xml").read_bytes()
    message = read_iso(data, {}).value
    written = write_iso(message, "pacs.008.001.08", {}).value
    assert b"<AppHdr" in written  # the fixture has a header: the envelope branch is exercised
    assert validate_output(written, "pacs.008.001.08", "head.001.001.02") == []
    assert validate_output(_document(), "pacs.008.001.08") == []


def test_an_invalid_value_gets_the_diagnostics_validate_document_gives() -> None:
    data = _document(msg_id="x" * 36)  # MsgId is Max35Text
    diags = validate_output(data, "pacs.008.001.08")
    assert [(d.code, d.path, d.original) for d in diags] == [
        ("xsd.invalid", "/Document/FIToFICstmrCdtTrf/GrpHdr/MsgId", "x" * 36)
    ]
    assert diags == validate_document(parse_xml(data), "pacs.008.001.08")


def test_a_whitespace_only_value_is_kept_while_indentation_is_dropped() -> None:
    # Nm is Max140Text (minLength 1): " " is valid, an empty Nm is not. If the blank
    # value were dropped with the indentation, the first document would fail.
    assert validate_output(_document(debtor=" "), "pacs.008.001.08") == []
    empty = validate_output(_document(debtor=""), "pacs.008.001.08")
    assert [(d.code, d.path) for d in empty] == [
        ("xsd.invalid", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Dbtr/Nm")
    ]


def test_header_and_document_are_both_validated_document_first() -> None:
    data = _enveloped(biz_msg_id="h" * 36, msg_id="d" * 36)  # both Max35Text
    diags = validate_output(data, "pacs.008.001.08", "head.001.001.02")
    assert [(d.code, d.path) for d in diags] == [
        ("xsd.invalid", "/Document/FIToFICstmrCdtTrf/GrpHdr/MsgId"),
        ("xsd.invalid", "/AppHdr/BizMsgIdr"),
    ]
    # without a header version only the Document is checked
    assert [d.path for d in validate_output(data, "pacs.008.001.08")] == [
        "/Document/FIToFICstmrCdtTrf/GrpHdr/MsgId"
    ]


def test_bad_input_becomes_a_diagnostic_not_an_exception() -> None:
    xxe = (
        b'<?xml version="1.0"?><!DOCTYPE Document [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<Document xmlns="' + P8.encode() + b'"><FIToFICstmrCdtTrf><GrpHdr><MsgId>&x;</MsgId>'
        b"</GrpHdr></FIToFICstmrCdtTrf></Document>"
    )
    assert [(d.code, d.path) for d in validate_output(xxe, "pacs.008.001.08")] == [("xml.dtd-forbidden", "/")]
    assert [d.code for d in validate_output(b"<Document", "pacs.008.001.08")] == ["xml.syntax"]
    no_document = b"<Envelope><Other/></Envelope>"
    assert [d.code for d in validate_output(no_document, "pacs.008.001.08")] == ["iso.no-document"]


def test_the_validate_output_write_option_reports_what_the_receiver_would_reject() -> None:
    """``finmsg.write(..., validate_output=True)``: XSD findings on the written bytes join the
    diagnostics; without the option (or with the CLI text ``false``) the writer does not validate."""
    source = (REPO / "fixtures" / "iso20022" / "pacs008-cbpr-structured" / "input.xml").read_bytes()
    message = finmsg.parse(source).value
    assert finmsg.write(message, "pacs.008.001.08", validate_output=True).diagnostics == []
    too_long = dataclasses.replace(
        message, group_header=dataclasses.replace(message.group_header, message_id="M" * 36)
    )
    checked = finmsg.write(too_long, "pacs.008.001.08", validate_output="true").diagnostics
    assert [(d.code, d.path) for d in checked] == [
        ("xsd.invalid", "/Document/FIToFICstmrCdtTrf/GrpHdr/MsgId")
    ]
    assert finmsg.write(too_long, "pacs.008.001.08", validate_output="false").diagnostics == []
    assert finmsg.write(too_long, "pacs.008.001.08").diagnostics == []
    with pytest.raises(OptionError):
        finmsg.write(too_long, "pacs.008.001.08", validate_output="perhaps")
