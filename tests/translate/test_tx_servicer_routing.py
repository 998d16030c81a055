"""camt.05x without a BAH: the account servicer (Acct/Svcr BIC) is the MT sender, said in an info.

A camt.053 has no InstgAgt; the bank that keeps the account and issues the statement is its
sender. When a BIC is still missing, the routing error names the fix (the sender/receiver options).
"""

from __future__ import annotations

import pytest

import finmsg
from finmsg.diagnostics import Severity
from finmsg.errors import ConversionError
from tests.corpus import CORPUS

_CAMT053 = b"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>STMT-SVCR-1</MsgId><CreDtTm>2026-11-29T18:00:00+01:00</CreDtTm></GrpHdr>
    <Stmt>
      <Id>STMT-SVCR-1</Id>
      <ElctrncSeqNb>7</ElctrncSeqNb>
      <CreDtTm>2026-11-29T18:00:00+01:00</CreDtTm>
      <Acct>
        <Id><IBAN>DE89370400440532013000</IBAN></Id>
        <Ccy>EUR</Ccy>
        <Ownr><Nm>Stadtwerke</Nm></Ownr>
        <Svcr><FinInstnId><BICFI>COBADEFFXXX</BICFI></FinInstnId></Svcr>
      </Acct>
      <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">100.00</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-11-28</Dt></Dt></Bal>
      <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">100.00</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-11-29</Dt></Dt></Bal>
    </Stmt>
  </BkToCstmrStmt>
</Document>
"""

_CORPUS = CORPUS
_MOOV053 = _CORPUS / "iso20022" / "moov" / "FI_camt_053_sample.xml.xml"


def test_servicer_is_the_sender_and_an_info_says_so() -> None:
    result = finmsg.convert(_CAMT053, "mt", receiver="CUSTDEFFXXX")
    assert result.value.startswith(b"{1:F01COBADEFFAXXX0000000000}{2:I940CUSTDEFFXXXXN}")
    notes = [d for d in result.diagnostics if d.path and d.path.endswith("/Stmt[1]/Acct/Svcr")]
    assert len(notes) == 1
    assert notes[0].severity is Severity.INFO
    assert notes[0].target_path == "MT940:block1"
    assert notes[0].emitted == "COBADEFFXXX"


def test_missing_receiver_error_names_the_options() -> None:
    with pytest.raises(ConversionError) as caught:
        finmsg.convert(_CAMT053, "mt")
    assert caught.value.code == "translate.routing"
    text = str(caught.value)
    assert "receiver" in text and "sender and" not in text  # only the receiver is missing
    assert "-o sender=BIC -o receiver=BIC" in text


@pytest.mark.skipif(not _MOOV053.exists(), reason="third-party corpus not present")
def test_moov_statement_takes_its_servicer_bic8_as_sender() -> None:
    with pytest.raises(ConversionError) as caught:
        finmsg.convert(_MOOV053.read_bytes(), "mt")
    assert "-o sender=BIC -o receiver=BIC" in str(caught.value)
    out = finmsg.convert(_MOOV053.read_bytes(), "mt", receiver="BANKFIHHXXX").value
    # Svcr BIC ESSEFIHX (BIC8): logical terminal A, branch XXX
    assert out.startswith(b"{1:F01ESSEFIHXAXXX0000000000}{2:I940BANKFIHHXXXXN}")
