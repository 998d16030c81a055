"""Hand-written statement inputs for the ``finmsg.etl/3`` tests (brief EV): a camt.054 batch entry,
a camt.053 with a reversal and charges, an MT940 with a reversal and field 86 text."""

from __future__ import annotations

NOTIFICATION_ACCOUNT = "CH5604835012345678009"

#: One batch-booked credit of 3 transactions (610.00 = 100.00 + 200.50 + 309.50) with entry and
#: detail narratives, entry charges (total 2.50) and charges on the second detail (0.70, as two
#: records without a total), then one entry without details.
CAMT054_BATCH = f"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08">
<BkToCstmrDbtCdtNtfctn>
<GrpHdr><MsgId>NTF-EV-1</MsgId><CreDtTm>2026-03-02T07:00:00</CreDtTm></GrpHdr>
<Ntfctn><Id>NTF-EV-1-A</Id><CreDtTm>2026-03-02T07:00:00</CreDtTm>
<Acct><Id><IBAN>{NOTIFICATION_ACCOUNT}</IBAN></Id></Acct>
<Ntry><NtryRef>NR-1</NtryRef><Amt Ccy="CHF">610.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
<BookgDt><Dt>2026-03-02</Dt></BookgDt><ValDt><Dt>2026-03-02</Dt></ValDt><AcctSvcrRef>BATCH-REF-1</AcctSvcrRef>
<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>VCOM</SubFmlyCd></Fmly></Domn></BkTxCd>
<Chrgs><TtlChrgsAndTaxAmt Ccy="CHF">2.50</TtlChrgsAndTaxAmt>
<Rcrd><Amt Ccy="CHF">2.50</Amt><CdtDbtInd>DBIT</CdtDbtInd></Rcrd></Chrgs>
<NtryDtls><Btch><NbOfTxs>3</NbOfTxs></Btch>
<TxDtls><Refs><AcctSvcrRef>TX-REF-1</AcctSvcrRef><EndToEndId>E2E-EV-1</EndToEndId></Refs>
<Amt Ccy="CHF">100.00</Amt><CdtDbtInd>CRDT</CdtDbtInd>
<RltdPties><Dbtr><Pty><Nm>Anna Keller</Nm></Pty></Dbtr></RltdPties>
<RmtInf><Ustrd>Invoice 11</Ustrd></RmtInf><AddtlTxInf>first payer</AddtlTxInf></TxDtls>
<TxDtls><Refs><AcctSvcrRef>TX-REF-2</AcctSvcrRef><EndToEndId>E2E-EV-2</EndToEndId></Refs>
<Amt Ccy="CHF">200.50</Amt><CdtDbtInd>CRDT</CdtDbtInd>
<Chrgs><Rcrd><Amt Ccy="CHF">0.50</Amt><CdtDbtInd>DBIT</CdtDbtInd></Rcrd>
<Rcrd><Amt Ccy="CHF">0.20</Amt><CdtDbtInd>DBIT</CdtDbtInd></Rcrd></Chrgs>
<RltdPties><Dbtr><Pty><Nm>Bruno Frei</Nm></Pty></Dbtr></RltdPties>
<RmtInf><Ustrd>Invoice 12</Ustrd></RmtInf></TxDtls>
<TxDtls><Refs><AcctSvcrRef>TX-REF-3</AcctSvcrRef><EndToEndId>E2E-EV-3</EndToEndId></Refs>
<Amt Ccy="CHF">309.50</Amt><CdtDbtInd>CRDT</CdtDbtInd>
<RltdPties><Dbtr><Pty><Nm>=Carla Rossi</Nm></Pty></Dbtr></RltdPties></TxDtls>
</NtryDtls><AddtlNtryInf>COLLECTIVE CREDIT 3 PAYMENTS</AddtlNtryInf></Ntry>
<Ntry><Amt Ccy="CHF">45.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
<BookgDt><Dt>2026-03-02</Dt></BookgDt><ValDt><Dt>2026-03-02</Dt></ValDt><AcctSvcrRef>FEE-REF-9</AcctSvcrRef>
<BkTxCd><Domn><Cd>ACMT</Cd><Fmly><Cd>MDOP</Cd><SubFmlyCd>CHRG</SubFmlyCd></Fmly></Domn></BkTxCd>
<AddtlNtryInf>ACCOUNT FEE MARCH</AddtlNtryInf></Ntry>
</Ntfctn></BkToCstmrDbtCdtNtfctn></Document>
""".encode()

#: A camt.053 with one reversed debit that has a single transaction detail.
CAMT053_REVERSAL = b"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">
<BkToCstmrStmt>
<GrpHdr><MsgId>STM-EV-2</MsgId><CreDtTm>2026-03-03T18:00:00</CreDtTm></GrpHdr>
<Stmt><Id>STM-EV-2-A</Id><CreDtTm>2026-03-03T18:00:00</CreDtTm>
<Acct><Id><IBAN>DE89370400440532013000</IBAN></Id></Acct>
<Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">0.00</Amt><CdtDbtInd>CRDT</CdtDbtInd>
<Dt><Dt>2026-03-03</Dt></Dt></Bal>
<Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">75.00</Amt><CdtDbtInd>CRDT</CdtDbtInd>
<Dt><Dt>2026-03-03</Dt></Dt></Bal>
<Ntry><Amt Ccy="EUR">75.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><RvslInd>true</RvslInd><Sts><Cd>BOOK</Cd></Sts>
<BookgDt><Dt>2026-03-03</Dt></BookgDt><ValDt><Dt>2026-03-03</Dt></ValDt>
<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RDDT</Cd><SubFmlyCd>ESDD</SubFmlyCd></Fmly></Domn></BkTxCd>
<NtryDtls><TxDtls><Refs><EndToEndId>E2E-RV-1</EndToEndId></Refs><Amt Ccy="EUR">75.00</Amt>
<CdtDbtInd>CRDT</CdtDbtInd></TxDtls></NtryDtls></Ntry>
</Stmt></BkToCstmrStmt></Document>
"""

#: An MT940 with a reversal of a debit (``RD``: money back in) and a plain credit, each with
#: field 86 text.
MT940_NARRATIVE = (
    b"{1:F01BANKDEFFAXXX0000000000}{2:I940BANKDEFFXXXXN}{4:\r\n"
    b":20:STMEV3\r\n:25:DE89370400440532013000\r\n:28C:7/1\r\n"
    b":60F:C260304EUR1000,00\r\n"
    b":61:2603040304RD100,00NTRFNONREF//BREF1\r\n"
    b":86:RUECKBUCHUNG LASTSCHRIFT\r\n"
    b":61:2603040304C20,00NTRFNONREF//BREF2\r\n"
    b":86:GUTSCHRIFT MUSTER\r\n"
    b":62F:C260304EUR1120,00\r\n-}"
)
