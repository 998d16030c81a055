"""camt.053 → MT940: the entries' remittance and counterparty names go to field 86 (6*65x).

Expected 86 lines are written by hand from the inputs and the layout of
:mod:`finmsg.translate.entry86` (``/REMI/`` remittance, ``/ORDP/`` payer of a credit entry,
``/BENM/`` payee of a debit entry, each starting a line).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import finmsg
from finmsg.mt.message import MtMessage

_ROOT = Path(__file__).resolve().parents[2]
_ENVELOPE = _ROOT / "fixtures" / "iso20022" / "camt053-cbpr-envelope" / "input.xml"
_CORPUS = Path(os.environ.get("FINMSG_CORPUS", _ROOT / ".." / "shared" / "corpus"))
_MOOV053 = _CORPUS / "iso20022" / "moov" / "FI_camt_053_sample.xml.xml"


def _86s(raw: bytes) -> list[list[str]]:
    msg = finmsg.parse(raw).value
    assert isinstance(msg, MtMessage)
    return [f.value.split("\n") for f in msg.fields if f.tag == "86"]


def test_cbpr_statement_remittance_is_in_86() -> None:
    result = finmsg.convert(_ENVELOPE.read_bytes(), "mt")
    assert _86s(result.value) == [
        ["/REMI/Invoice 2026-118 / order 4711", "/ORDP/Aeroskobing Trading A/S"],
        ["SEPA Uberweisung", "/REMI/Miete Dezember 2026", "/BENM/Immobilien Oeuvre Koln KG"],
    ]
    # placed in full: no remittance is reported lost
    assert not [d for d in result.diagnostics if d.path and d.path.endswith("/RmtInf")]


def _statement(info: str, ustrd: str) -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>S-1</MsgId><CreDtTm>2026-11-29T18:00:00Z</CreDtTm></GrpHdr>
    <Stmt>
      <Id>S-1</Id><ElctrncSeqNb>1</ElctrncSeqNb>
      <Acct><Id><IBAN>DE89370400440532013000</IBAN></Id><Ccy>EUR</Ccy>
        <Svcr><FinInstnId><BICFI>COBADEFFXXX</BICFI></FinInstnId></Svcr></Acct>
      <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">100.00</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-11-28</Dt></Dt></Bal>
      <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">110.00</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-11-29</Dt></Dt></Bal>
      <Ntry>
        <Amt Ccy="EUR">10.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
        <BookgDt><Dt>2026-11-29</Dt></BookgDt><ValDt><Dt>2026-11-29</Dt></ValDt>
        <BkTxCd><Prtry><Cd>NTRF</Cd><Issr>SWIFT</Issr></Prtry></BkTxCd>
        <NtryDtls><TxDtls><RmtInf><Ustrd>{ustrd}</Ustrd></RmtInf></TxDtls></NtryDtls>
        <AddtlNtryInf>{info}</AddtlNtryInf>
      </Ntry>
    </Stmt>
  </BkToCstmrStmt>
</Document>
""".encode()


def test_remittance_beyond_six_lines_is_reported_with_its_text() -> None:
    info = "\n".join(f"LINE {n}" for n in range(1, 6))  # five lines of the entry's own text
    ustrd = "INVOICE 2026-118 ORDER 4711 DELIVERY OF OFFICE FURNITURE AND ASSEMBLY ON SITE NOVEMBER"
    result = finmsg.convert(_statement(info, ustrd), "mt", receiver="CUSTDEFFXXX")
    [lines] = _86s(result.value)
    assert lines == [
        "LINE 1",
        "LINE 2",
        "LINE 3",
        "LINE 4",
        "LINE 5",
        "/REMI/INVOICE 2026-118 ORDER 4711 DELIVERY OF OFFICE FURNITURE",  # + " AND": 66
    ]
    [cut] = [d for d in result.diagnostics if d.rule == "TS028"]
    assert cut.code == "lossy.truncated"
    assert cut.original == ustrd
    assert cut.path == "/Document/BkToCstmrStmt/Stmt[1]/Ntry[1]/NtryDtls[1]/TxDtls[1]/RmtInf"


@pytest.mark.skipif(not _MOOV053.exists(), reason="third-party corpus not present")
def test_moov_statement_keeps_invoices_123_and_321() -> None:
    result = finmsg.convert(_MOOV053.read_bytes(), "mt", receiver="BANKFIHHXXX")
    lines = [line for f86 in _86s(result.value) for line in f86]
    assert "/REMI/Invoices 123 and 321" in lines
    assert not [d for d in result.diagnostics if d.path and d.path.endswith("/RmtInf")]
