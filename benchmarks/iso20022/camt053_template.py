"""Generate a valid camt.053.001.08 statement with N booked entries (benchmark and stress input)."""

from __future__ import annotations

from decimal import Decimal

_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">
<BkToCstmrStmt>
<GrpHdr><MsgId>STMT-20261129-BENCH</MsgId><CreDtTm>2026-11-29T18:00:00+01:00</CreDtTm></GrpHdr>
<Stmt>
<Id>STMT-20261129-0001</Id>
<ElctrncSeqNb>331</ElctrncSeqNb>
<CreDtTm>2026-11-29T18:00:00+01:00</CreDtTm>
<FrToDt><FrDtTm>2026-11-29T00:00:00+01:00</FrDtTm><ToDtTm>2026-11-29T23:59:59+01:00</ToDtTm></FrToDt>
<Acct><Id><IBAN>DE89370400440532013000</IBAN></Id><Ccy>EUR</Ccy>
<Ownr><Nm>Müller Maschinenbau GmbH</Nm></Ownr>
<Svcr><FinInstnId><BICFI>COBADEFFXXX</BICFI></FinInstnId></Svcr></Acct>
<Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">{opening}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-11-29</Dt></Dt></Bal>
<Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">{closing}</Amt><CdtDbtInd>{closing_ind}</CdtDbtInd><Dt><Dt>2026-11-29</Dt></Dt></Bal>
<TxsSummry><TtlNtries><NbOfNtries>{count}</NbOfNtries></TtlNtries></TxsSummry>
"""

_ENTRY = """<Ntry>
<NtryRef>{n}</NtryRef>
<Amt Ccy="EUR">{amount}</Amt>
<CdtDbtInd>{ind}</CdtDbtInd>
<Sts><Cd>BOOK</Cd></Sts>
<BookgDt><Dt>2026-11-29</Dt></BookgDt>
<ValDt><Dt>2026-11-29</Dt></ValDt>
<AcctSvcrRef>ASR-{n:08d}</AcctSvcrRef>
<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>{family}</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
<NtryDtls><TxDtls>
<Refs><EndToEndId>E2E-{n:08d}</EndToEndId><UETR>{uetr}</UETR></Refs>
<Amt Ccy="EUR">{amount}</Amt>
<CdtDbtInd>{ind}</CdtDbtInd>
<RltdPties><{party}><Pty><Nm>Counterparty {n} Handels AG</Nm><PstlAdr><TwnNm>Wien</TwnNm><Ctry>AT</Ctry></PstlAdr></Pty></{party}>
<{party}Acct><Id><IBAN>AT611904300234573201</IBAN></Id></{party}Acct></RltdPties>
<RmtInf><Ustrd>Invoice {n} payment reference</Ustrd></RmtInf>
</TxDtls></NtryDtls>
</Ntry>
"""

_TAIL = "</Stmt>\n</BkToCstmrStmt>\n</Document>\n"


def build(entries: int) -> bytes:
    """A statement whose balances add up: opening + credits − debits = closing."""
    opening = Decimal("100000.00")
    total = opening
    body = []
    for n in range(1, entries + 1):
        amount = Decimal(n % 997 + 1) + Decimal("0.25")
        credit = n % 3 != 0
        total += amount if credit else -amount
        body.append(
            _ENTRY.format(
                n=n,
                amount=amount,
                ind="CRDT" if credit else "DBIT",
                family="RCDT" if credit else "ICDT",
                party="Dbtr" if credit else "Cdtr",
                uetr=f"{n:08x}-0000-4000-8000-{n:012x}",
            )
        )
    head = _HEAD.format(
        opening=opening, closing=abs(total), closing_ind="CRDT" if total >= 0 else "DBIT", count=entries
    )
    return (head + "".join(body) + _TAIL).encode("utf-8")
