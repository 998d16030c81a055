"""pacs.008 / pacs.009 with the settlement date only in GrpHdr/IntrBkSttlmDt → MT103 / MT202.

The pacs.008 and pacs.009 schemas allow IntrBkSttlmDt in the group header, where it applies to
every transaction; 32A takes it when the transaction carries no date of its own.
"""

from __future__ import annotations

import finmsg
from finmsg.mt.message import MtMessage

_PACS008 = b"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08">
  <FIToFICstmrCdtTrf>
    <GrpHdr>
      <MsgId>GRPDATE-1</MsgId>
      <CreDtTm>2026-11-29T08:00:00</CreDtTm>
      <NbOfTxs>1</NbOfTxs>
      <IntrBkSttlmDt>2026-11-30</IntrBkSttlmDt>
      <SttlmInf><SttlmMtd>INDA</SttlmMtd></SttlmInf>
    </GrpHdr>
    <CdtTrfTxInf>
      <PmtId><InstrId>INSTR-1</InstrId><EndToEndId>E2E-1</EndToEndId></PmtId>
      <IntrBkSttlmAmt Ccy="EUR">1000.00</IntrBkSttlmAmt>
      <ChrgBr>SHAR</ChrgBr>
      <Dbtr><Nm>J. de Vries</Nm></Dbtr>
      <DbtrAcct><Id><IBAN>NL91ABNA0417164300</IBAN></Id></DbtrAcct>
      <DbtrAgt><FinInstnId><BICFI>BANKGB2LXXX</BICFI></FinInstnId></DbtrAgt>
      <CdtrAgt><FinInstnId><BICFI>BANKDEFFXXX</BICFI></FinInstnId></CdtrAgt>
      <Cdtr><Nm>Stadtwerke</Nm></Cdtr>
      <CdtrAcct><Id><IBAN>DE89370400440532013000</IBAN></Id></CdtrAcct>
    </CdtTrfTxInf>
  </FIToFICstmrCdtTrf>
</Document>
"""

_PACS009 = b"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.009.001.08">
  <FICdtTrf>
    <GrpHdr>
      <MsgId>GRPDATE-9</MsgId>
      <CreDtTm>2026-11-29T08:00:00</CreDtTm>
      <NbOfTxs>1</NbOfTxs>
      <IntrBkSttlmDt>2026-12-01</IntrBkSttlmDt>
      <SttlmInf><SttlmMtd>INDA</SttlmMtd></SttlmInf>
    </GrpHdr>
    <CdtTrfTxInf>
      <PmtId><InstrId>FI-1</InstrId><EndToEndId>NOTPROVIDED</EndToEndId></PmtId>
      <IntrBkSttlmAmt Ccy="JPY">150000000</IntrBkSttlmAmt>
      <Dbtr><FinInstnId><BICFI>BANKGB2LXXX</BICFI></FinInstnId></Dbtr>
      <CdtrAgt><FinInstnId><BICFI>BANKDEFFXXX</BICFI></FinInstnId></CdtrAgt>
      <Cdtr><FinInstnId><BICFI>BANKDEFFXXX</BICFI></FinInstnId></Cdtr>
    </CdtTrfTxInf>
  </FICdtTrf>
</Document>
"""

_ROUTE = {"sender": "BANKGB2LXXX", "receiver": "BANKDEFFXXX"}


def _field(raw: bytes, tag: str) -> str:
    msg = finmsg.parse(raw).value
    assert isinstance(msg, MtMessage)
    return next(f.value for f in msg.fields if f.tag == tag)


def test_pacs008_group_date_becomes_32a() -> None:
    result = finmsg.convert(_PACS008, "mt103", **_ROUTE)
    assert _field(result.value, "32A") == "261130EUR1000,00"
    # the group date is used, not contradicted: no "32A holds another date" report
    assert not [d for d in result.diagnostics if d.path and d.path.endswith("GrpHdr/IntrBkSttlmDt")]


def test_transaction_date_wins_over_the_group_date() -> None:
    own = _PACS008.replace(
        b'<IntrBkSttlmAmt Ccy="EUR">1000.00</IntrBkSttlmAmt>',
        b'<IntrBkSttlmAmt Ccy="EUR">1000.00</IntrBkSttlmAmt><IntrBkSttlmDt>2026-12-02</IntrBkSttlmDt>',
    )
    result = finmsg.convert(own, "mt103", **_ROUTE)
    assert _field(result.value, "32A") == "261202EUR1000,00"
    # the differing group date is still reported as replaced
    assert [d for d in result.diagnostics if d.path and d.path.endswith("GrpHdr/IntrBkSttlmDt")]


def test_pacs009_group_date_becomes_32a() -> None:
    result = finmsg.convert(_PACS009, "mt202", **_ROUTE)
    assert _field(result.value, "32A") == "261201JPY150000000,"
