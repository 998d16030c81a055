"""The pacs.008 / pacs.009 lane (``transfers_fast``) agrees with the general reader.

(1) Hand-written expectations for a plain transaction, straight from the XML.
(2) Shapes the lane maps (itself or through a general sub-reader): equal to the general
    reader (``==``, ``repr``, ``to_data``), no diagnostics left behind.
(3) Mutations the lane must decline (unknown or repeated member, comment, attribute,
    child element where a value belongs, bad amount/date, foreign namespace...): it
    returns None, and the general reader does have something to say about them.
(4) Whole documents: every pacs.008/009 of ``fixtures/`` (and of the shared corpus when
    present) reads the same with and without the lane; hypothesis mixes members.
"""

from __future__ import annotations

import glob
from datetime import date
from decimal import Decimal
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from finmsg.iso20022 import transfers_fast
from finmsg.iso20022.components.payment import read_group_header
from finmsg.iso20022.document import read_iso
from finmsg.iso20022.messages.credit_transfer import read_transaction
from finmsg.iso20022.reading import Node, ReadContext
from finmsg.iso20022.transfers_fast import map_group_header, map_transaction
from finmsg.model.common import Account, AddressStyle, Agent, Amount, Party, PartyKind
from finmsg.model.payments import CodeOrProprietary, CreditTransferTx
from finmsg.model.serialize import to_data
from tests.conftest import FIXTURES
from tests.corpus import CORPUS

NS8 = "urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"
NS9 = "urn:iso:std:iso:20022:tech:xsd:pacs.009.001.08"
PATH = "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[2]"
AGT = "<FinInstnId><BICFI>BANKDEFFXXX</BICFI></FinInstnId>"
HEAD = (
    "<PmtId><InstrId>I-1</InstrId><EndToEndId>E-1</EndToEndId><UETR>u-1</UETR></PmtId>"
    '<IntrBkSttlmAmt Ccy="EUR">10.50</IntrBkSttlmAmt><IntrBkSttlmDt>2026-11-30</IntrBkSttlmDt>'
    "<ChrgBr>SHAR</ChrgBr>"
)


def _tx(body: str, ns: str = NS8) -> etree._Element:
    return etree.fromstring(f'<Body xmlns="{ns}"><CdtTrfTxInf>{body}</CdtTrfTxInf></Body>'.encode())[0]


def _both(
    el: etree._Element, fi: bool = False
) -> tuple[CreditTransferTx | None, CreditTransferTx, ReadContext]:
    fast_ctx, slow_ctx = ReadContext(), ReadContext()
    fast = map_transaction(el, PATH, fast_ctx, fi, read_transaction)
    slow = read_transaction(Node(el, PATH, slow_ctx), fi)
    assert fast_ctx.diagnostics == []  # a declined attempt takes its diagnostics back
    return fast, slow, slow_ctx


def _same(fast: object, slow: object) -> None:
    assert fast == slow
    assert repr(fast) == repr(slow)
    assert to_data(fast) == to_data(slow)


def _has_extras(value: object) -> bool:
    """Any ``extras`` anywhere in a model object."""
    if isinstance(value, tuple):
        return any(_has_extras(v) for v in value)
    if getattr(value, "extras", ()):
        return True
    slots = getattr(type(value), "__slots__", ())
    return any(_has_extras(getattr(value, name)) for name in slots if name != "extras")


# --------------------------------------------------------------------------- values from the XML


def test_plain_transaction_values_come_straight_from_the_xml() -> None:
    el = _tx(
        HEAD + "<PmtTpInf><SvcLvl><Cd>G001</Cd></SvcLvl></PmtTpInf>"
        f"<InstgAgt>{AGT}</InstgAgt>"
        "<Dbtr><Nm>Acme Ltd</Nm><PstlAdr><StrtNm>High St</StrtNm><TwnNm>London</TwnNm><Ctry>GB</Ctry>"
        "</PstlAdr><Id><OrgId><LEI>5493001KJTIIGC8Y1R12</LEI></OrgId></Id></Dbtr>"
        "<DbtrAcct><Id><IBAN>GB33BUKB20201555555555</IBAN></Id></DbtrAcct>"
        "<Cdtr><Nm>M</Nm><PstlAdr><TwnNm>Wien</TwnNm><Ctry>AT</Ctry><AdrLine>Ring 1</AdrLine></PstlAdr>"
        "</Cdtr>"
        "<Purp><Cd>GDDS</Cd></Purp><RmtInf><Ustrd>inv 1</Ustrd><Ustrd>inv 2</Ustrd></RmtInf>"
    )
    tx = map_transaction(el, PATH, ReadContext(), False, read_transaction)
    assert tx is not None
    assert (tx.ids.instruction_id, tx.ids.end_to_end_id, tx.ids.uetr) == ("I-1", "E-1", "u-1")
    assert tx.settlement_amount == Amount(Decimal("10.50"), "EUR")
    assert tx.settlement_date == date(2026, 11, 30)
    assert tx.charge_bearer == "SHAR"
    assert tx.payment_type is not None and tx.payment_type.service_levels == (CodeOrProprietary("G001"),)
    assert tx.instructing_agent == Agent(bic="BANKDEFFXXX")
    debtor = tx.debtor
    assert isinstance(debtor, Party) and debtor.name == "Acme Ltd"
    assert (debtor.kind, debtor.lei) == (PartyKind.ORGANISATION, "5493001KJTIIGC8Y1R12")
    assert debtor.address is not None and debtor.address.style is AddressStyle.STRUCTURED
    assert (debtor.address.street_name, debtor.address.country) == ("High St", "GB")
    creditor = tx.creditor
    assert isinstance(creditor, Party) and creditor.address is not None
    assert creditor.address.style is AddressStyle.HYBRID and creditor.address.lines == ("Ring 1",)
    assert tx.debtor_account == Account(iban="GB33BUKB20201555555555")
    assert tx.purpose == CodeOrProprietary("GDDS")
    assert tx.remittance is not None and tx.remittance.unstructured == ("inv 1", "inv 2")
    assert tx.extras == ()


def test_an_unknown_member_is_kept_as_the_general_reader_keeps_it() -> None:
    el = _tx(HEAD + "<RgltryRptg><DbtCdtRptgInd>DEBT</DbtCdtRptgInd></RgltryRptg><SplmtryData/>")
    fast, slow, _ = _both(el)
    assert fast is not None
    _same(fast, slow)
    assert [x.path for x in fast.extras] == [f"{PATH}/RgltryRptg[1]", f"{PATH}/SplmtryData[1]"]
    assert "<DbtCdtRptgInd>DEBT</DbtCdtRptgInd>" in fast.extras[0].content


# --------------------------------------------------------------------------- mapped shapes

MAPPED = {
    "minimal": HEAD,
    "empty transaction": "",
    "no payment id": '<IntrBkSttlmAmt Ccy="JPY">100</IntrBkSttlmAmt>',
    "all ids": "<PmtId><InstrId>a</InstrId><EndToEndId>b</EndToEndId><TxId>c</TxId><UETR>d</UETR>"
    "<ClrSysRef>e</ClrSysRef></PmtId>",
    "payment type": HEAD + "<PmtTpInf><InstrPrty>HIGH</InstrPrty><ClrChanl>RTGS</ClrChanl>"
    "<SvcLvl><Cd>G001</Cd></SvcLvl><SvcLvl><Prtry>P</Prtry></SvcLvl><LclInstrm><Prtry>L</Prtry></LclInstrm>"
    "<CtgyPurp><Cd>SUPP</Cd></CtgyPurp></PmtTpInf>",
    "service level both": HEAD + "<PmtTpInf><SvcLvl><Cd>A</Cd><Prtry>B</Prtry></SvcLvl></PmtTpInf>",
    "payment type with extra (general reader)": HEAD
    + "<PmtTpInf><SvcLvl><Cd>A</Cd></SvcLvl><X>1</X></PmtTpInf>",
    "amounts and rate": HEAD + '<SttlmPrty>URGT</SttlmPrty><InstdAmt Ccy="USD"> 12.3 </InstdAmt>'
    "<XchgRate>0.9123</XchgRate>",
    "charges": HEAD + '<ChrgsInf><Amt Ccy="EUR">1</Amt><Agt>' + AGT + "</Agt></ChrgsInf>"
    '<ChrgsInf><Amt Ccy="EUR">2</Amt><Agt>' + AGT + "</Agt><Tp><Cd>CRED</Cd></Tp></ChrgsInf>",
    "agents and chains": HEAD + f"<PrvsInstgAgt1>{AGT}</PrvsInstgAgt1>"
    "<PrvsInstgAgt1Acct><Id><IBAN>X</IBAN></Id></PrvsInstgAgt1Acct>"
    f"<PrvsInstgAgt3>{AGT}</PrvsInstgAgt3><InstgAgt>{AGT}</InstgAgt><InstdAgt>{AGT}</InstdAgt>"
    f"<IntrmyAgt1>{AGT}</IntrmyAgt1><IntrmyAgt2>{AGT}</IntrmyAgt2><IntrmyAgt2Acct><Id><Othr><Id>1</Id>"
    f"</Othr></Id></IntrmyAgt2Acct><DbtrAgt>{AGT}</DbtrAgt><DbtrAgtAcct><Id><IBAN>Y</IBAN></Id>"
    f"</DbtrAgtAcct><CdtrAgt>{AGT}</CdtrAgt><CdtrAgtAcct><Id><IBAN>Z</IBAN></Id></CdtrAgtAcct>",
    "full agent": HEAD + "<DbtrAgt><FinInstnId><BICFI>B</BICFI><ClrSysMmbId><ClrSysId><Cd>USABA</Cd>"
    "</ClrSysId><MmbId>0210</MmbId></ClrSysMmbId><LEI>L</LEI><Nm>Bank</Nm><PstlAdr><TwnNm>T</TwnNm>"
    "<Ctry>US</Ctry></PstlAdr><Othr><Id>O</Id><SchmeNm><Prtry>S</Prtry></SchmeNm><Issr>I</Issr></Othr>"
    "</FinInstnId><BrnchId><Id>BR</Id></BrnchId></DbtrAgt>",
    "old BIC and empty BICFI": HEAD + "<DbtrAgt><FinInstnId><BICFI/><BIC>OLD</BIC></FinInstnId></DbtrAgt>"
    "<CdtrAgt><FinInstnId><BICFI/></FinInstnId></CdtrAgt>",
    "agent with branch name (general reader)": HEAD
    + f"<DbtrAgt>{AGT}<BrnchId><Id>1</Id><Nm>N</Nm></BrnchId></DbtrAgt>",
    "agent without FinInstnId (general reader)": HEAD + "<DbtrAgt><BrnchId><Id>1</Id></BrnchId></DbtrAgt>",
    "parties with ids": HEAD + "<UltmtDbtr><Nm>U</Nm><Id><OrgId><AnyBIC>AAAADEFF</AnyBIC><Othr><Id>9</Id>"
    "<SchmeNm><Cd>TXID</Cd></SchmeNm></Othr></OrgId></Id><CtryOfRes>DE</CtryOfRes></UltmtDbtr>"
    "<InitgPty><Id><PrvtId><DtAndPlcOfBirth><BirthDt>1980-01-02</BirthDt><PrvcOfBirth>P</PrvcOfBirth>"
    "<CityOfBirth>C</CityOfBirth><CtryOfBirth>FR</CtryOfBirth></DtAndPlcOfBirth><Othr><Id>7</Id></Othr>"
    "</PrvtId></Id></InitgPty><Dbtr><Id><OrgId><BICOrBEI>OLDBEI</BICOrBEI></OrgId></Id></Dbtr>"
    "<Cdtr><Id><OrgId><AnyBIC/></OrgId></Id></Cdtr><UltmtCdtr/>",
    "party with contact (general reader)": HEAD + "<Dbtr><Nm>N</Nm><CtctDtls><Nm>C</Nm></CtctDtls></Dbtr>",
    "party with both ids (general reader)": HEAD
    + "<Dbtr><Id><OrgId><LEI>L</LEI></OrgId><PrvtId><Othr><Id>1</Id></Othr></PrvtId></Id></Dbtr>",
    "address shapes": HEAD + "<Dbtr><PstlAdr><AdrTp><Cd>ADDR</Cd></AdrTp><Dept>D</Dept><PstCd/>"
    "<Ctry>DE</Ctry></PstlAdr></Dbtr><Cdtr><PstlAdr><AdrLine>1</AdrLine><AdrLine>2</AdrLine></PstlAdr>"
    "</Cdtr><UltmtCdtr><PstlAdr/></UltmtCdtr>",
    "address with proprietary type (general reader)": HEAD
    + "<Dbtr><PstlAdr><AdrTp><Prtry><Id>X</Id></Prtry></AdrTp></PstlAdr></Dbtr>",
    "accounts": HEAD + "<DbtrAcct><Id><Othr><Id>1</Id><SchmeNm><Cd>BBAN</Cd></SchmeNm><Issr>I</Issr></Othr>"
    "</Id><Tp><Cd>CACC</Cd></Tp><Ccy>EUR</Ccy><Nm>Main</Nm></DbtrAcct><CdtrAcct><Id/></CdtrAcct>",
    "account with proxy (general reader)": HEAD
    + "<CdtrAcct><Id><IBAN>X</IBAN></Id><Prxy><Id>p</Id></Prxy></CdtrAcct>",
    "instructions and purpose": HEAD + "<InstrForCdtrAgt><Cd>PHOB</Cd><InstrInf>call</InstrInf>"
    "</InstrForCdtrAgt><InstrForCdtrAgt><InstrInf>x</InstrInf></InstrForCdtrAgt>"
    "<InstrForNxtAgt><InstrInf>/ACC/1</InstrInf></InstrForNxtAgt><Purp><Prtry>P</Prtry></Purp>",
    "structured remittance (general reader)": HEAD
    + "<RmtInf><Ustrd>u</Ustrd><Strd><CdtrRefInf><Ref>RF18</Ref></CdtrRefInf></Strd></RmtInf>",
    "empty remittance": HEAD + "<RmtInf/>",
    "comment inside a party (general reader)": HEAD + "<Dbtr><!--c--><Nm>N</Nm></Dbtr>",
    "underlying customer transfer": HEAD
    + "<UndrlygCstmrCdtTrf><Dbtr><Nm>D</Nm></Dbtr><DbtrAgt>"
    + AGT
    + '</DbtrAgt><Cdtr><Nm>C</Nm></Cdtr><InstdAmt Ccy="USD">5</InstdAmt><Tax><Cdtr/></Tax>'
    "</UndrlygCstmrCdtTrf>",
    "underlying with a repeated member (general reader)": HEAD
    + "<UndrlygCstmrCdtTrf><Dbtr><Nm>D</Nm></Dbtr><Dbtr><Nm>E</Nm></Dbtr></UndrlygCstmrCdtTrf>",
    "whitespace between members": "\n  "
    + HEAD.replace("><", ">\n  <")
    + "\n  <Dbtr>\n <Nm> N </Nm>\n </Dbtr>\n",
    "unknown members": HEAD + "<SttlmTmIndctn><DbtDtTm>2026-01-01T00:00:00Z</DbtDtTm></SttlmTmIndctn>"
    "<Tax><Cdtr/></Tax><Tax/>",
}

FI_MAPPED = {
    "agents as parties": HEAD + f"<Dbtr>{AGT}</Dbtr><Cdtr>{AGT}</Cdtr><UltmtDbtr>{AGT}</UltmtDbtr>",
    "cover": HEAD + f"<Dbtr>{AGT}</Dbtr><Cdtr>{AGT}</Cdtr><UndrlygCstmrCdtTrf><Dbtr><Nm>D</Nm></Dbtr>"
    "<Cdtr><Nm>C</Nm></Cdtr><RmtInf><Ustrd>r</Ustrd></RmtInf></UndrlygCstmrCdtTrf>",
}


@pytest.mark.parametrize("name", sorted(MAPPED))
def test_mapped_shapes_equal_the_general_reader(name: str) -> None:
    fast, slow, slow_ctx = _both(_tx(MAPPED[name]))
    assert fast is not None, "the lane declined a shape it should map"
    _same(fast, slow)
    assert slow_ctx.diagnostics == []


@pytest.mark.parametrize("name", sorted(FI_MAPPED))
def test_pacs009_shapes_equal_the_general_reader(name: str) -> None:
    fast, slow, _ = _both(_tx(FI_MAPPED[name], NS9), fi=True)
    assert fast is not None
    _same(fast, slow)
    assert isinstance(fast.debtor, Agent)


def test_general_sub_readers_get_the_paths_the_general_reader_gives() -> None:
    fast, _, _ = _both(_tx(MAPPED["party with contact (general reader)"]))
    assert fast is not None and isinstance(fast.debtor, Party)
    assert [x.path for x in fast.debtor.extras] == [f"{PATH}/Dbtr/CtctDtls[1]"]


def test_no_namespace() -> None:
    el = etree.fromstring(
        f"<Body><CdtTrfTxInf>{MAPPED['parties with ids']}<X/></CdtTrfTxInf></Body>".encode()
    )[0]
    fast, slow, _ = _both(el)
    assert fast is not None
    _same(fast, slow)


# --------------------------------------------------------------------------- mutations: declined

DECLINED = {
    "repeated member": HEAD + "<ChrgBr>DEBT</ChrgBr>",
    "repeated agent": HEAD + f"<DbtrAgt>{AGT}</DbtrAgt><DbtrAgt>{AGT}</DbtrAgt>",
    "value with children": HEAD.replace("<ChrgBr>SHAR</ChrgBr>", "<ChrgBr><X/></ChrgBr>"),
    "amount with children": HEAD.replace(">10.50<", ">10.50<X/><"),
    "bad amount": HEAD.replace("10.50", "10,50"),
    "bad date": HEAD.replace("2026-11-30", "2026-13-01"),
    "bad rate": HEAD + "<XchgRate>x</XchgRate>",
    "payment id extra": HEAD.replace("</PmtId>", "<Foo>1</Foo></PmtId>"),
    "payment id repeated": HEAD.replace("</PmtId>", "<UETR>u-2</UETR></PmtId>"),
    "foreign namespace member": HEAD + '<Dbtr xmlns="urn:other"><Nm>a</Nm></Dbtr>',
    "charge without agent": HEAD + '<ChrgsInf><Amt Ccy="EUR">1</Amt></ChrgsInf>',
    "charge with odd agent": HEAD + '<ChrgsInf><Amt Ccy="EUR">1</Amt><Agt>' + AGT + "<X/></Agt></ChrgsInf>",
    "empty instruction": HEAD + "<InstrForNxtAgt/>",
    "account without its agent": HEAD + "<IntrmyAgt1Acct><Id><IBAN>X</IBAN></Id></IntrmyAgt1Acct>",
    "purpose with extra": HEAD + "<Purp><Cd>A</Cd><Cd>B</Cd></Purp>",
    "second remittance": HEAD + "<RmtInf><Ustrd>a</Ustrd></RmtInf><RmtInf><Ustrd>b</Ustrd></RmtInf>",
    "structured remittance with a bad date": HEAD
    + "<RmtInf><Strd><RfrdDocInf><RltdDt>soon</RltdDt></RfrdDocInf></Strd></RmtInf>",
    "attribute on a leaf": HEAD.replace("<ChrgBr>", '<ChrgBr foo="x">'),
    "second attribute on an amount": HEAD.replace('Ccy="EUR"', 'Ccy="EUR" x="1"'),
    "attribute on a party": HEAD + '<Dbtr foo="y"><Nm>N</Nm></Dbtr>',
    "attribute on a nested leaf": HEAD + '<Dbtr><PstlAdr><TwnNm xml:lang="en">T</TwnNm></PstlAdr></Dbtr>',
}

# Declined although the general reader keeps nothing or reports nothing for them.
DECLINED_QUIETLY = {
    # The general reader cuts names at its own namespace's length, so it takes this for a Dbtr.
    "same-length foreign namespace": HEAD
    + '<Dbtr xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.09"><Nm>a</Nm></Dbtr>',
    "comment between members": HEAD + "<!-- note -->",
    "comment inside a leaf": HEAD.replace(">SHAR<", ">SH<!--c-->AR<"),
    "attribute on the transaction": HEAD,
}


@pytest.mark.parametrize("name", sorted(DECLINED))
def test_odd_shapes_are_left_to_the_general_reader(name: str) -> None:
    fast, slow, slow_ctx = _both(_tx(DECLINED[name]))
    assert fast is None
    assert slow_ctx.diagnostics or _has_extras(slow)


@pytest.mark.parametrize("name", sorted(DECLINED_QUIETLY))
def test_quiet_oddities_are_left_to_the_general_reader_too(name: str) -> None:
    el = _tx(DECLINED_QUIETLY[name])
    if name == "attribute on the transaction":
        el.set("foo", "1")
    fast, _, _ = _both(el)
    assert fast is None


def test_mixed_content_is_read_as_the_general_reader_reads_it() -> None:
    """Text between members (no ISO 20022 element has mixed content): same result either way."""
    el = _tx(HEAD + "<Dbtr>stray<Nm>N</Nm>tail</Dbtr>")
    fast, slow, _ = _both(el)
    if fast is not None:
        _same(fast, slow)


# --------------------------------------------------------------------------- group header


def _grp(body: str) -> etree._Element:
    return etree.fromstring(f'<Body xmlns="{NS8}"><GrpHdr>{body}</GrpHdr></Body>'.encode())[0]


GROUP_MAPPED = {
    "usual": "<MsgId>M</MsgId><CreDtTm>2026-11-29T09:15:00+00:00</CreDtTm><NbOfTxs>1</NbOfTxs>"
    "<SttlmInf><SttlmMtd>INDA</SttlmMtd></SttlmInf>",
    "sepa": "<MsgId>M</MsgId><CreDtTm>2026-11-29T09:15:00.123Z</CreDtTm><BtchBookg>true</BtchBookg>"
    '<NbOfTxs>2</NbOfTxs><CtrlSum>3.5</CtrlSum><TtlIntrBkSttlmAmt Ccy="EUR">3.5</TtlIntrBkSttlmAmt>'
    "<IntrBkSttlmDt>2026-11-30</IntrBkSttlmDt><SttlmInf><SttlmMtd>CLRG</SttlmMtd><ClrSys><Prtry>ST2</Prtry>"
    f"</ClrSys></SttlmInf><InstgAgt>{AGT}</InstgAgt><InstdAgt>{AGT}</InstdAgt>",
    "cover settlement": "<MsgId>M</MsgId><SttlmInf><SttlmMtd>COVE</SttlmMtd><SttlmAcct><Id><IBAN>X</IBAN>"
    f"</Id></SttlmAcct><InstgRmbrsmntAgt>{AGT}</InstgRmbrsmntAgt><InstgRmbrsmntAgtAcct><Id><IBAN>Y</IBAN>"
    f"</Id></InstgRmbrsmntAgtAcct><ThrdRmbrsmntAgt>{AGT}</ThrdRmbrsmntAgt></SttlmInf>"
    "<InitgPty><Nm>I</Nm></InitgPty>",
    "empty": "",
}
GROUP_DECLINED = {
    "unknown member": "<MsgId>M</MsgId><PmtTpInf/>",
    "bad creation": "<MsgId>M</MsgId><CreDtTm>yesterday</CreDtTm>",
    "bad control sum": "<MsgId>M</MsgId><CtrlSum>x</CtrlSum>",
    "settlement extra": "<MsgId>M</MsgId><SttlmInf><SttlmMtd>INDA</SttlmMtd><X/></SttlmInf>",
    "reimbursement account alone": "<SttlmInf><InstdRmbrsmntAgtAcct><Id><IBAN>Y</IBAN></Id>"
    "</InstdRmbrsmntAgtAcct></SttlmInf>",
}


@pytest.mark.parametrize("name", sorted(GROUP_MAPPED))
def test_group_headers_equal_the_general_reader(name: str) -> None:
    el = _grp(GROUP_MAPPED[name])
    fast = map_group_header(el, "/G", ReadContext())
    slow_ctx = ReadContext()
    slow = read_group_header(Node(el, "/G", slow_ctx))
    assert fast is not None
    _same(fast, slow)
    assert slow_ctx.diagnostics == []


@pytest.mark.parametrize("name", sorted(GROUP_DECLINED))
def test_odd_group_headers_are_left_to_the_general_reader(name: str) -> None:
    el = _grp(GROUP_DECLINED[name])
    fast_ctx, slow_ctx = ReadContext(), ReadContext()
    assert map_group_header(el, "/G", fast_ctx) is None and fast_ctx.diagnostics == []
    slow = read_group_header(Node(el, "/G", slow_ctx))
    assert slow_ctx.diagnostics or _has_extras(slow)


# --------------------------------------------------------------------------- whole documents


def _read_both(data: bytes) -> None:
    fast = read_iso(data, {})
    with mock.patch.object(transfers_fast, "map_transfer_body", lambda *args: None):
        slow = read_iso(data, {})
    _same(fast.value, slow.value)
    assert fast.diagnostics == slow.diagnostics


def _transfer_files() -> list[Path]:
    found = [Path(p) for p in glob.glob(str(FIXTURES / "**" / "*.xml"), recursive=True)]
    if CORPUS.is_dir():
        found += [Path(p) for p in glob.glob(str(CORPUS / "**" / "*.xml"), recursive=True)]
    wanted = (b"xsd:pacs.008.", b"xsd:pacs.009.")
    return sorted(p for p in found if any(w in p.read_bytes() for w in wanted))


def test_every_credit_transfer_of_the_fixtures_and_corpus_reads_the_same() -> None:
    files = _transfer_files()
    read = 0
    for path in files:
        data = path.read_bytes()
        try:
            result = read_iso(data, {})
        except Exception:
            continue  # not readable by either (malformed on purpose); the readers' own tests cover it
        if result.value.message_type[:8] not in ("pacs.008", "pacs.009"):
            continue
        _read_both(data)
        read += 1
    assert read >= 20


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not present")
def test_corpus_transfers_read_the_same() -> None:
    for path in _transfer_files():
        if CORPUS in path.parents:
            try:
                _read_both(path.read_bytes())
            except Exception as exc:  # only a failure of both readers alike is acceptable
                if isinstance(exc, AssertionError):
                    raise


def _document(txs: list[str], ns: str = NS8, root: str = "FIToFICstmrCdtTrf") -> bytes:
    group = (
        "<GrpHdr><MsgId>M</MsgId><NbOfTxs>1</NbOfTxs><SttlmInf><SttlmMtd>INDA</SttlmMtd></SttlmInf></GrpHdr>"
    )
    body = "".join(f"<CdtTrfTxInf>{tx}</CdtTrfTxInf>" for tx in txs)
    return f'<Document xmlns="{ns}"><{root}>{group}{body}</{root}></Document>'.encode()


def test_a_declined_transaction_keeps_its_place_and_diagnostics() -> None:
    data = _document([MAPPED["charges"], DECLINED["bad amount"], MAPPED["accounts"]])
    _read_both(data)
    result = read_iso(data, {})
    assert [d.path for d in result.diagnostics if d.code == "iso.value.amount"] == [
        "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[2]/IntrBkSttlmAmt"
    ]


def test_an_odd_body_is_read_by_the_general_reader() -> None:
    data = _document([HEAD]).replace(b"</FIToFICstmrCdtTrf>", b"<SplmtryData/></FIToFICstmrCdtTrf>")
    _read_both(data)
    assert [x.path for x in read_iso(data, {}).value.extras] == ["/Document/FIToFICstmrCdtTrf/SplmtryData[1]"]


_PIECES = sorted({**MAPPED, **DECLINED, **DECLINED_QUIETLY}.items())


@settings(max_examples=40)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=4), st.booleans())
def test_mixed_documents_read_the_same(pieces: list[tuple[str, str]], fi: bool) -> None:
    """Transactions made of several shapes (members may repeat across pieces): same result."""
    body = "".join(piece for _, piece in pieces)
    if fi:
        _read_both(_document([body, HEAD], NS9, "FICdtTrf"))
    else:
        _read_both(_document([body, HEAD]))


_ATTR_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


def test_fixture_transactions_are_mapped_not_declined() -> None:
    """The lane is worth having: the fixtures' transactions are all shapes it maps itself."""
    mapped = declined = 0
    for path in _transfer_files():
        try:
            root = etree.fromstring(path.read_bytes(), _ATTR_PARSER)
        except etree.XMLSyntaxError:
            continue
        for el in root.iter("{*}CdtTrfTxInf"):
            if "pacs.00" not in el.tag:
                continue
            fi = "pacs.009" in el.tag
            fast, slow, slow_ctx = _both(el, fi)
            if fast is None:
                declined += 1
            else:
                mapped += 1
                _same(fast, slow)
                assert slow_ctx.diagnostics == []
    assert mapped >= 20 and declined <= mapped // 10
