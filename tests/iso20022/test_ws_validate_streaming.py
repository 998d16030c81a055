"""``schemas.validate_output`` decides *valid* while parsing, without building a tree.

The streaming verdict (libxml2's validator fed by the parser's events) is only trusted
when it says valid; every other document takes the tree path. So what must hold is:
the streaming check says valid exactly when the tree check finds nothing, and the
diagnostics of an invalid document are those ``validate_document`` gives.
"""

from __future__ import annotations

import dataclasses
import threading
from pathlib import Path

import pytest

from finmsg.iso20022 import schemas
from finmsg.iso20022.document import read_iso, write_iso
from finmsg.iso20022.schemas import validate_document, validate_output
from finmsg.iso20022.xmlsafe import parse_xml

REPO = Path(__file__).resolve().parents[2]
P8 = "urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"
V = "pacs.008.001.08"

#: A minimal valid pacs.008.001.08 in the writer's layout; each case below changes one piece.
BASE = f"""<?xml version='1.0' encoding='UTF-8'?>
<Document xmlns="{P8}">
  <FIToFICstmrCdtTrf>
    <GrpHdr>
      <MsgId>MSG-1</MsgId>
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
        <Nm>Debtor</Nm>
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

#: (what is wrong, text replaced, replacement): each breaks one rule of the pacs.008.001.08 XSD.
INVALID = [
    ("unknown element", "<MsgId>MSG-1</MsgId>", "<Foo>x</Foo><MsgId>MSG-1</MsgId>"),
    ("members out of order", "<NbOfTxs>1</NbOfTxs>", ""),
    ("missing mandatory member", "<ChrgBr>SHAR</ChrgBr>", ""),
    ("code outside its list", "<ChrgBr>SHAR</ChrgBr>", "<ChrgBr>HALF</ChrgBr>"),
    ("BIC pattern", "BANKGB2LXXX", "bank-gb"),
    ("text too long", "<MsgId>MSG-1</MsgId>", "<MsgId>" + "M" * 36 + "</MsgId>"),
    ("empty text", "<Nm>Debtor</Nm>", "<Nm></Nm>"),
    ("too many fraction digits", ">10.00<", ">10.123456<"),
    ("negative amount", ">10.00<", ">-10.00<"),
    ("currency pattern", 'Ccy="EUR"', 'Ccy="EURO"'),
    ("missing currency", ' Ccy="EUR"', ""),
    ("unknown attribute", "<ChrgBr>", '<ChrgBr x="1">'),
    ("date-time lexical form", "2026-11-29T09:15:00+00:00", "yesterday"),
    ("text inside element-only content", "<GrpHdr>", "<GrpHdr>text"),
    ("another version's namespace", "pacs.008.001.08", "pacs.008.001.09"),
    ("element in another namespace", "<Nm>Debtor</Nm>", '<x:Nm xmlns:x="urn:other">Debtor</x:Nm>'),
]

#: Unusual but valid spellings: entities, character references, CDATA, comments, blanks.
VALID = [
    ("escaped ampersand", "<Nm>Debtor</Nm>", "<Nm>Debtor &amp; Sons</Nm>"),
    ("character reference", "<Nm>Debtor</Nm>", "<Nm>M&#252;ller</Nm>"),
    ("CDATA section", "<Nm>Debtor</Nm>", "<Nm><![CDATA[A & B]]></Nm>"),
    ("comment between members", "<ChrgBr>", "<!-- note --><ChrgBr>"),
    ("whitespace-only name", "<Nm>Debtor</Nm>", "<Nm> </Nm>"),
    ("no indentation at all", "\n      <ChrgBr>", "<ChrgBr>"),
]


def _variant(old: str, new: str) -> bytes:
    assert old in BASE
    return BASE.replace(old, new, 1).encode()


def _tree_diagnostics(data: bytes) -> list[object]:
    return list(validate_document(parse_xml(data), V))


def test_the_base_document_is_valid_both_ways() -> None:
    data = BASE.encode()
    assert schemas._valid_streaming(data, V) is True
    assert _tree_diagnostics(data) == []
    assert validate_output(data, V) == []


@pytest.mark.parametrize(("why", "old", "new"), INVALID, ids=[case[0] for case in INVALID])
def test_an_invalid_document_is_never_called_valid(why: str, old: str, new: str) -> None:
    data = _variant(old, new)
    expected = _tree_diagnostics(data)
    assert expected, f"{why}: the case itself must be invalid"
    assert schemas._valid_streaming(data, V) is False
    assert validate_output(data, V) == expected


@pytest.mark.parametrize(("why", "old", "new"), VALID, ids=[case[0] for case in VALID])
def test_unusual_valid_spellings_are_valid_both_ways(why: str, old: str, new: str) -> None:
    data = _variant(old, new)
    assert _tree_diagnostics(data) == [], why
    assert schemas._valid_streaming(data, V) is True
    assert validate_output(data, V) == []


def test_a_verdict_does_not_carry_over_to_the_next_document() -> None:
    bad = _variant("<ChrgBr>SHAR</ChrgBr>", "<ChrgBr>HALF</ChrgBr>")
    for _ in range(3):
        assert schemas._valid_streaming(bad, V) is False
        assert schemas._valid_streaming(BASE.encode(), V) is True


def test_malformed_or_unknown_input_is_not_called_valid() -> None:
    assert schemas._valid_streaming(BASE.encode()[:-20], V) is False
    assert [d.code for d in validate_output(BASE.encode()[:-20], V)] == ["xml.syntax"]
    assert schemas._valid_streaming(BASE.encode(), "pacs.999.001.01") is False


def test_each_thread_validates_with_its_own_parser() -> None:
    """A parser's error log belongs to its last parse: two threads sharing one could read
    each other's verdict."""
    schemas._valid_streaming(BASE.encode(), V)
    mine = schemas._STREAMING.parsers[V]
    seen: list[object] = []

    def other() -> None:
        schemas._valid_streaming(BASE.encode(), V)
        seen.append(schemas._STREAMING.parsers[V])

    worker = threading.Thread(target=other)
    worker.start()
    worker.join()
    assert len(seen) == 1 and seen[0] is not mine


def _fixture_documents() -> list[tuple[str, bytes, str]]:
    """Every fixture message written back as a bare Document (its AppHdr left out)."""
    out = []
    for path in sorted((REPO / "fixtures" / "iso20022").glob("*/input.xml")):
        message = read_iso(path.read_bytes(), {}).value
        if getattr(message, "header", None) is not None:
            message = dataclasses.replace(message, header=None)
        version = message.message_type
        if not schemas.has_xsd(version):
            continue
        out.append((path.parent.name, write_iso(message, version, {}).value, version))
    return out


def test_written_fixtures_get_the_same_verdict_both_ways() -> None:
    documents = _fixture_documents()
    assert len(documents) >= 20
    for name, data, version in documents:
        assert data.startswith(schemas._DOCUMENT_OUTPUT), name
        tree_valid = validate_document(parse_xml(data), version) == []
        assert schemas._valid_streaming(data, version) is tree_valid, name
        assert tree_valid, name  # the fixtures are valid messages, and so is what is written
