#!/usr/bin/env python3
"""Time finmsg's XSD validation against bare lxml and xmlschema on a ~4 KB pacs.008.001.08.

Prints microseconds per call and ratios. No assertions: numbers vary by machine.
Run: ``python3 benchmarks/xsd/run.py``
"""

from __future__ import annotations

import copy
import timeit
from collections.abc import Callable

from lxml import etree

from finmsg.iso20022 import schemas, structural

P8 = "urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"
TX = """<CdtTrfTxInf><PmtId><InstrId>INSTR-{n}</InstrId><EndToEndId>E2E-{n}</EndToEndId>
<UETR>eb6305c9-1f7f-49de-aed0-16487c27b42d</UETR></PmtId>
<IntrBkSttlmAmt Ccy="EUR">1234.56</IntrBkSttlmAmt><IntrBkSttlmDt>2024-01-02</IntrBkSttlmDt>
<ChrgBr>SHAR</ChrgBr><InstgAgt><FinInstnId><BICFI>BANKDEFFXXX</BICFI></FinInstnId></InstgAgt>
<InstdAgt><FinInstnId><BICFI>BANKGB2LXXX</BICFI></FinInstnId></InstdAgt>
<Dbtr><Nm>Debtor Name</Nm><PstlAdr><StrtNm>Main Street</StrtNm><BldgNb>1</BldgNb><PstCd>10115</PstCd>
<TwnNm>Berlin</TwnNm><Ctry>DE</Ctry></PstlAdr></Dbtr>
<DbtrAcct><Id><IBAN>DE89370400440532013000</IBAN></Id></DbtrAcct>
<DbtrAgt><FinInstnId><BICFI>BANKDEFFXXX</BICFI></FinInstnId></DbtrAgt>
<CdtrAgt><FinInstnId><BICFI>BANKGB2LXXX</BICFI></FinInstnId></CdtrAgt>
<Cdtr><Nm>Creditor Name</Nm><PstlAdr><TwnNm>London</TwnNm><Ctry>GB</Ctry></PstlAdr></Cdtr>
<CdtrAcct><Id><IBAN>GB29NWBK60161331926819</IBAN></Id></CdtrAcct>
<RmtInf><Ustrd>Invoice {n}</Ustrd></RmtInf></CdtTrfTxInf>
"""


def build(n_tx: int) -> bytes:
    txs = "".join(TX.format(n=i) for i in range(n_tx))
    return (
        f'<Document xmlns="{P8}"><FIToFICstmrCdtTrf><GrpHdr><MsgId>MSG-1</MsgId>'
        f"<CreDtTm>2024-01-01T10:00:00</CreDtTm><NbOfTxs>{n_tx}</NbOfTxs>"
        f"<SttlmInf><SttlmMtd>INDA</SttlmMtd></SttlmInf></GrpHdr>{txs}</FIToFICstmrCdtTrf></Document>"
    ).encode()


def per_call_us(fn: Callable[[], object], number: int) -> float:
    return min(timeit.repeat(fn, number=number, repeat=5)) / number * 1e6


def main() -> None:
    data = build(3)
    doc = etree.fromstring(data)
    wrapper = etree.fromstring(b'<Env xmlns="urn:example"><AppHdr/></Env>')
    wrapper.append(copy.deepcopy(doc))
    wrapped = wrapper[1]
    schema = schemas.get_schema("pacs.008.001.08")
    assert schemas.validate_document(doc, "pacs.008.001.08") == []
    assert schemas.validate_document(wrapped, "pacs.008.001.08") == []

    import xmlschema

    rich = xmlschema.XMLSchema(str(schemas.xsd_path("pacs.008.001.08")))
    bare = per_call_us(lambda: schema.validate(doc), 20000)
    msg = "pacs.008.001.08"
    rows = [
        ("bare lxml XMLSchema.validate (root)", bare),
        ("finmsg validate_document (root)", per_call_us(lambda: schemas.validate_document(doc, msg), 20000)),
        (
            "finmsg validate_document (wrapped)",
            per_call_us(lambda: schemas.validate_document(wrapped, msg), 20000),
        ),
        ("bare lxml, again (noise check)", per_call_us(lambda: schema.validate(doc), 20000)),
        ("deepcopy of the Document (avoided)", per_call_us(lambda: copy.deepcopy(wrapped), 20000)),
        ("finmsg validate_structure", per_call_us(lambda: structural.validate_structure(doc, msg), 500)),
        ("xmlschema.is_valid", per_call_us(lambda: rich.is_valid(doc), 200)),
    ]
    print(f"pacs.008.001.08, {len(data)} bytes, 3 transactions")
    for label, us in rows:
        print(f"  {label:45s} {us:9.1f} µs   x{us / bare:6.2f} vs bare lxml")


if __name__ == "__main__":
    main()
