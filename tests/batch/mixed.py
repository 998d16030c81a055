"""Generates directories of small mixed messages (ISO 20022, MT, FIX) with known corrupt records.

Shared by the batch tests and ``benchmarks/batch/run.py``. The templates are
hand-written minimal messages; a corrupt record is broken in a way its reader
must reject (truncated XML, unclosed MT block, wrong FIX checksum), so the
expected ledger is known before the run.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Expected", "camt053", "fix_message", "generate", "mt103", "mt940", "pacs008"]


def pacs008(n: int, with_header: bool = False) -> bytes:
    doc = f"""<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08">
<FIToFICstmrCdtTrf><GrpHdr><MsgId>M{n:08d}</MsgId><CreDtTm>2026-01-05T10:00:00Z</CreDtTm>
<NbOfTxs>1</NbOfTxs><SttlmInf><SttlmMtd>INDA</SttlmMtd></SttlmInf></GrpHdr>
<CdtTrfTxInf><PmtId><InstrId>I{n:08d}</InstrId><EndToEndId>E2E{n:08d}</EndToEndId>
<UETR>00000000-0000-4000-8000-{n:012d}</UETR></PmtId>
<IntrBkSttlmAmt Ccy="EUR">{100 + n % 900}.25</IntrBkSttlmAmt><IntrBkSttlmDt>2026-01-05</IntrBkSttlmDt>
<ChrgBr>SHAR</ChrgBr><InstgAgt><FinInstnId><BICFI>BANKDEFFXXX</BICFI></FinInstnId></InstgAgt>
<InstdAgt><FinInstnId><BICFI>BANKGB2LXXX</BICFI></FinInstnId></InstdAgt>
<Dbtr><Nm>Debtor {n}</Nm></Dbtr><DbtrAcct><Id><IBAN>DE89370400440532013000</IBAN></Id></DbtrAcct>
<DbtrAgt><FinInstnId><BICFI>BANKDEFFXXX</BICFI></FinInstnId></DbtrAgt>
<CdtrAgt><FinInstnId><BICFI>BANKGB2LXXX</BICFI></FinInstnId></CdtrAgt>
<Cdtr><Nm>Creditor {n}</Nm></Cdtr><CdtrAcct><Id><IBAN>GB33BUKB20201555555555</IBAN></Id></CdtrAcct>
</CdtTrfTxInf></FIToFICstmrCdtTrf></Document>"""
    if not with_header:
        return doc.encode()
    head = f"""<AppHdr xmlns="urn:iso:std:iso:20022:tech:xsd:head.001.001.02">
<Fr><FIId><FinInstnId><BICFI>BANKDEFFXXX</BICFI></FinInstnId></FIId></Fr>
<To><FIId><FinInstnId><BICFI>BANKGB2LXXX</BICFI></FinInstnId></FIId></To>
<BizMsgIdr>B{n:08d}</BizMsgIdr><MsgDefIdr>pacs.008.001.08</MsgDefIdr>
<CreDt>2026-01-05T10:00:00Z</CreDt></AppHdr>"""
    return (head + doc).encode()


def camt053(n: int) -> bytes:
    return f"""<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">
<BkToCstmrStmt><GrpHdr><MsgId>S{n:08d}</MsgId><CreDtTm>2026-01-05T18:00:00Z</CreDtTm></GrpHdr>
<Stmt><Id>ST{n:08d}</Id><CreDtTm>2026-01-05T18:00:00Z</CreDtTm>
<Acct><Id><IBAN>GB33BUKB20201555555555</IBAN></Id></Acct>
<Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">0.00</Amt><CdtDbtInd>CRDT</CdtDbtInd>
<Dt><Dt>2026-01-05</Dt></Dt></Bal>
<Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">{100 + n % 900}.25</Amt>
<CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-01-05</Dt></Dt></Bal>
<Ntry><Amt Ccy="EUR">{100 + n % 900}.25</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
<BookgDt><Dt>2026-01-05</Dt></BookgDt><ValDt><Dt>2026-01-05</Dt></ValDt>
<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
<NtryDtls><TxDtls><Refs><EndToEndId>E2E{n:08d}</EndToEndId>
<UETR>00000000-0000-4000-8000-{n:012d}</UETR></Refs></TxDtls></NtryDtls></Ntry>
</Stmt></BkToCstmrStmt></Document>""".encode()


def mt103(n: int) -> bytes:
    return (
        "{1:F01BANKDEFFAXXX0000000000}{2:I103BANKGB2LXXXXN}"
        f"{{3:{{121:00000000-0000-4000-8000-{n:012d}}}}}{{4:\r\n"
        f":20:REF{n:010d}\r\n:23B:CRED\r\n:32A:260105EUR{100 + n % 900},25\r\n"
        ":50K:/DE89370400440532013000\r\nDEBTOR NAME\r\n:59:/GB33BUKB20201555555555\r\nCREDITOR NAME\r\n"
        ":71A:SHA\r\n-}"
    ).encode()


def mt940(n: int) -> bytes:
    return (
        "{1:F01BANKGB2LAXXX0000000000}{2:I940BANKDEFFXXXXN}{4:\r\n"
        f":20:STM{n:010d}\r\n:25:GB33BUKB20201555555555\r\n:28C:{n % 9999 + 1}/1\r\n"
        ":60F:C260105EUR0,00\r\n"
        f":61:2601050105C{100 + n % 900},25NTRFREF{n:010d}//B{n:08d}\r\n"
        f":62F:C260105EUR{100 + n % 900},25\r\n-}}"
    ).encode()


def fix_message(n: int, corrupt: bool = False) -> bytes:
    body = (
        f"35=D\x0149=BUYSIDE\x0156=SELLSIDE\x0134={n % 100000 + 1}\x0152=20260105-10:00:00\x01"
        f"11=ORD{n:08d}\x0155=IBM\x0154=1\x0160=20260105-10:00:00\x0138={n % 500 + 1}\x0140=2\x0144=10.5\x01"
    )
    head = f"8=FIX.4.4\x019={len(body)}\x01{body}"
    checksum = (sum(head.encode()) + (1 if corrupt else 0)) % 256
    return f"{head}10={checksum:03d}\x01".encode()


def _corrupt_xml(data: bytes) -> bytes:
    return data[: len(data) // 2]


def _corrupt_mt(data: bytes) -> bytes:
    return data[:60]  # cut inside block 3: the block is never closed


@dataclass
class Expected:
    """What the generator wrote: message count, how many are corrupt, and the files."""

    messages: int = 0
    corrupt: int = 0
    files: int = 0


def generate(folder: Path, messages: int, corrupt_ratio: float = 0.03, seed: int = 8) -> Expected:
    """Write about ``messages`` messages into ``folder`` (single files, multi-message files, logs)."""
    rng = random.Random(seed)
    expected = Expected()
    n = 0
    sub = 0
    while expected.messages < messages:
        kind = rng.random()
        broken = rng.random() < corrupt_ratio
        target = folder / f"d{sub:03d}"
        target.mkdir(parents=True, exist_ok=True)
        if expected.files % 500 == 499:
            sub += 1
        n += 1
        if kind < 0.25:  # one ISO message per file; a corrupt one is truncated XML
            data = pacs008(n) if kind < 0.18 else camt053(n)
            (target / f"iso{n}.xml").write_bytes(_corrupt_xml(data) if broken else data)
            count = 1
        elif kind < 0.45:  # one MT103/MT940 per file
            data = mt103(n) if kind < 0.38 else mt940(n)
            (target / f"mt{n}.fin").write_bytes(_corrupt_mt(data) if broken else data)
            count = 1
        elif kind < 0.60:  # several MT103 back to back, or an RJE file; each may be corrupt on its own
            count = rng.randint(2, 6)
            rje = kind < 0.52
            parts = []
            for i in range(count):
                wrong = rng.random() < corrupt_ratio
                expected.corrupt += wrong
                parts.append(_corrupt_mt(mt103(n * 10 + i)) if wrong else mt103(n * 10 + i))
            joiner = b"\r\n$" if rje else b"\r\n"
            (target / f"multi{n}.{'rje' if rje else 'fin'}").write_bytes(joiner.join(parts))
            broken = False
        elif kind < 0.80:  # a FIX log; each line may be corrupt on its own
            count = rng.randint(3, 12)
            lines = []
            bad = 0
            for i in range(count):
                wrong = rng.random() < corrupt_ratio
                bad += wrong
                lines.append(fix_message(n * 100 + i, corrupt=wrong))
            (target / f"fix{n}.log").write_bytes(b"\n".join(lines) + b"\n")
            expected.corrupt += bad
            broken = False
        else:  # several AppHdr+Document pairs in one wrapper
            count = rng.randint(2, 4)
            body = b"".join(pacs008(n * 10 + i, with_header=True) for i in range(count))
            (target / f"batch{n}.xml").write_bytes(b"<Envelope>" + body + b"</Envelope>")
            broken = False
        expected.messages += count
        expected.corrupt += broken
        expected.files += 1
    return expected
