"""The one-pass entry lane (``entries_fast.map_entry``) agrees with the general reader.

Two kinds of checks. (1) Hand-written expectations for a plain entry, straight from the
XML. (2) For many entry shapes, including every kind of oddity the fast lane must
decline, ``map_entry`` either declines (None) or returns exactly what
``read_entry_general`` returns (equal and same repr), and leaves no diagnostics behind;
the shapes that must decline are asserted to decline, so the lane is never credited
with mapping what only the general reader can keep (extras, diagnostics).
"""

from __future__ import annotations

import glob
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from finmsg.iso20022.components.entries import read_entry, read_entry_general
from finmsg.iso20022.entries_fast import map_entry
from finmsg.iso20022.reading import Node, ReadContext
from finmsg.model.common import Account, AddressStyle, Agent, Amount, Party
from finmsg.model.payments import CodeOrProprietary, Remittance
from finmsg.model.statements import BankTransactionCode, DateOrDateTime, Entry
from tests.conftest import CORPUS, FIXTURES

NS = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"
PATH = "/Document/BkToCstmrStmt/Stmt[1]/Ntry[3]"
HEAD = '<Amt Ccy="EUR">12.50</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>'


def _ntry(body: str, ns: str = NS) -> etree._Element:
    root = etree.fromstring(f'<Stmt xmlns="{ns}"><Ntry>{body}</Ntry></Stmt>'.encode())
    return root[0]


def _tx(body: str) -> str:
    return f"{HEAD}<NtryDtls><TxDtls>{body}</TxDtls></NtryDtls>"


def _both(el: etree._Element, details: bool = True) -> tuple[Entry | None, Entry | None, ReadContext]:
    fast_ctx, slow_ctx = ReadContext(), ReadContext()
    fast = map_entry(el, PATH, fast_ctx, details)
    slow = read_entry_general(Node(el, PATH, slow_ctx))
    assert fast_ctx.diagnostics == []  # a declined attempt takes its diagnostics back
    return fast, slow, slow_ctx


def test_plain_entry_values_come_straight_from_the_xml() -> None:
    el = _ntry(
        "<NtryRef>R-1</NtryRef>" + HEAD + "<RvslInd>true</RvslInd>"
        "<BookgDt><Dt>2026-12-30</Dt></BookgDt><ValDt><DtTm>2026-12-31T10:00:00+01:00</DtTm></ValDt>"
        "<AcctSvcrRef>ASR-9</AcctSvcrRef>"
        "<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>"
        "<NtryDtls><TxDtls><Refs><EndToEndId>E2E-1</EndToEndId><UETR>u-1</UETR></Refs>"
        "<RltdPties><Dbtr><Pty><Nm>Anna Muster</Nm></Pty></Dbtr>"
        "<DbtrAcct><Id><IBAN>DE89370400440532013000</IBAN></Id></DbtrAcct></RltdPties>"
        "<RltdAgts><DbtrAgt><FinInstnId><BICFI>COBADEFFXXX</BICFI></FinInstnId></DbtrAgt></RltdAgts>"
        "<RmtInf><Ustrd>Invoice 7</Ustrd><Ustrd>line 2</Ustrd></RmtInf>"
        "</TxDtls></NtryDtls><AddtlNtryInf>SEPA credit</AddtlNtryInf>"
    )
    entry = map_entry(el, PATH, ReadContext())
    assert entry is not None
    assert entry.amount == Amount(Decimal("12.50"), "EUR")
    assert (entry.credit_debit, entry.status, entry.reference) == ("CRDT", CodeOrProprietary("BOOK"), "R-1")
    assert entry.reversal is True
    assert entry.booking_date == DateOrDateTime(date(2026, 12, 30))
    assert entry.value_date is not None and entry.value_date.date_time is not None
    assert entry.value_date.date_time.text == "2026-12-31T10:00:00+01:00"
    assert entry.value_date.date_time.value.utcoffset() is not None
    assert entry.bank_transaction_code == BankTransactionCode("PMNT", "RCDT", "ESCT")
    assert entry.account_servicer_ref == "ASR-9"
    assert entry.additional_info == "SEPA credit"
    assert entry.extras == ()
    (details,) = entry.details
    (tx,) = details.transactions
    assert tx.refs is not None and (tx.refs.end_to_end_id, tx.refs.uetr) == ("E2E-1", "u-1")
    assert tx.debtor == Party(name="Anna Muster")
    assert tx.debtor_account == Account(iban="DE89370400440532013000")
    assert tx.debtor_agent == Agent(bic="COBADEFFXXX")
    assert tx.remittance == Remittance(("Invoice 7", "line 2"))
    assert read_entry(Node(el, PATH, ReadContext())) == entry


# Shapes the lane maps itself (or through a general sub-reader): must equal the general reader.
MAPPED = {
    "minimal": HEAD,
    "no namespace": HEAD,
    "bare status before .07": '<Amt Ccy="EUR">1</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts>',
    "proprietary status": '<Amt Ccy="EUR">1</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts><Prtry>X</Prtry></Sts>',
    "empty values": '<NtryRef/><Amt Ccy="EUR"> 1.0 </Amt><CdtDbtInd/><Sts/><RvslInd> 1 </RvslInd>',
    "reversal false": HEAD + "<RvslInd>no</RvslInd>",
    "date and date-time both": HEAD
    + "<BookgDt><Dt>2026-01-02</Dt><DtTm>2026-01-02T00:00:00Z</DtTm></BookgDt>",
    "fraction seconds": HEAD + "<ValDt><DtTm>2026-01-02T03:04:05.123456789Z</DtTm></ValDt>",
    "proprietary bank code": HEAD + "<BkTxCd><Prtry><Cd>NTRF</Cd><Issr>SWIFT</Issr></Prtry></BkTxCd>",
    "empty bank code": HEAD + "<BkTxCd/>",
    "batch": HEAD
    + '<NtryDtls><Btch><MsgId>M</MsgId><NbOfTxs>2</NbOfTxs><TtlAmt Ccy="EUR">3</TtlAmt></Btch></NtryDtls>',
    "two details, two transactions": HEAD
    + "<NtryDtls><TxDtls><AddtlTxInf>a</AddtlTxInf></TxDtls><TxDtls/></NtryDtls>"
    + "<NtryDtls><TxDtls/></NtryDtls>",
    "all references": _tx(
        "<Refs>"
        + "".join(
            f"<{t}>{t}-v</{t}>"
            for t in [
                *("MsgId", "AcctSvcrRef", "PmtInfId", "InstrId", "EndToEndId", "UETR", "TxId", "MndtId"),
                *("ChqNb", "ClrSysRef", "AcctOwnrTxId", "AcctSvcrTxId", "MktInfrstrctrTxId", "PrcgId"),
            ]
        )
        + "</Refs>"
    ),
    "amounts": _tx(
        '<Amt Ccy="USD">5</Amt><CdtDbtInd>DBIT</CdtDbtInd><AmtDtls><InstdAmt><Amt Ccy="CHF">4.5</Amt>'
        '</InstdAmt><TxAmt><Amt Ccy="USD">5</Amt></TxAmt></AmtDtls>'
    ),
    "codes and dates": _tx(
        "<LclInstrm><Cd>INST</Cd></LclInstrm><Purp><Prtry>P</Prtry></Purp>"
        "<RltdDts><IntrBkSttlmDt>2026-03-04</IntrBkSttlmDt></RltdDts>"
        "<RtrInf><Rsn><Cd>AC04</Cd></Rsn><AddtlInf>closed</AddtlInf><AddtlInf>x</AddtlInf></RtrInf>"
    ),
    "party with address (general address reader)": _tx(
        "<RltdPties><Cdtr><Pty><Nm>N</Nm><PstlAdr><TwnNm>Wien</TwnNm><Ctry>AT</Ctry></PstlAdr>"
        "<CtryOfRes>AT</CtryOfRes></Pty></Cdtr></RltdPties>"
    ),
    "party with ids (general party reader)": _tx(
        "<RltdPties><UltmtDbtr><Pty><Nm>N</Nm><Id><OrgId><AnyBIC>AAAADEFF</AnyBIC></OrgId></Id></Pty>"
        "</UltmtDbtr><InitgPty><Pty><Id><PrvtId><Othr><Id>7</Id></Othr></PrvtId></Id></Pty></InitgPty>"
        "</RltdPties>"
    ),
    "party with extras (general party reader keeps them)": _tx(
        "<RltdPties><Dbtr><Pty><Nm>N</Nm><CtctDtls><Nm>C</Nm></CtctDtls></Pty></Dbtr></RltdPties>"
    ),
    "party before .07 (no Pty/Agt choice)": _tx(
        "<RltdPties><Dbtr><Nm>Old</Nm><CtryOfRes>DE</CtryOfRes></Dbtr></RltdPties>"
    ),
    "party before .07, name only": _tx("<RltdPties><Cdtr><Nm>Old</Nm></Cdtr></RltdPties>"),
    "empty party": _tx("<RltdPties><Cdtr/></RltdPties>"),
    "agent as related party": _tx(
        "<RltdPties><Dbtr><Agt><FinInstnId><BICFI>AAAADEFF</BICFI><Nm>Bank</Nm></FinInstnId></Agt></Dbtr>"
        "</RltdPties>"
    ),
    "agents and intermediaries": _tx(
        "<RltdAgts><InstgAgt><FinInstnId><LEI>L</LEI></FinInstnId></InstgAgt>"
        "<CdtrAgt><FinInstnId><BICFI/></FinInstnId></CdtrAgt>"
        "<IntrmyAgt1><FinInstnId><BICFI>I1</BICFI></FinInstnId></IntrmyAgt1>"
        "<IntrmyAgt2><FinInstnId><BICFI>I2</BICFI></FinInstnId><BrnchId><Id>B</Id></BrnchId></IntrmyAgt2>"
        "</RltdAgts>"
    ),
    "agent with clearing member (general agent reader)": _tx(
        "<RltdAgts><DbtrAgt><FinInstnId><ClrSysMmbId><MmbId>123</MmbId></ClrSysMmbId></FinInstnId></DbtrAgt>"
        "</RltdAgts>"
    ),
    "accounts": _tx(
        "<RltdPties><DbtrAcct><Id><IBAN>X</IBAN></Id><Ccy>EUR</Ccy><Nm>Main</Nm></DbtrAcct>"
        "<CdtrAcct><Id><Othr><Id>123</Id></Othr></Id></CdtrAcct></RltdPties>"
    ),
    "account with type (general account reader)": _tx(
        "<RltdPties><CdtrAcct><Id><IBAN>X</IBAN></Id><Tp><Cd>CACC</Cd></Tp></CdtrAcct></RltdPties>"
    ),
    "structured remittance (general remittance reader)": _tx(
        "<RmtInf><Ustrd>u</Ustrd><Strd><CdtrRefInf><Ref>RF18</Ref></CdtrRefInf></Strd></RmtInf>"
    ),
    "empty remittance": _tx("<RmtInf/>"),
    "whitespace between members": "\n  "
    + HEAD.replace("><", ">\n  <")
    + "\n  <NtryDtls>\n    <TxDtls>\n      <RmtInf>\n <Ustrd> spaced </Ustrd>\n </RmtInf>"
    + "\n    </TxDtls>\n  </NtryDtls>\n",
}

# Shapes the general reader answers with extras or diagnostics: the lane must decline.
DECLINED = {
    "unknown entry member": HEAD + "<AddtlInfInd><MsgNmId>x</MsgNmId></AddtlInfInd>",
    "repeated member": HEAD + "<NtryRef>a</NtryRef><NtryRef>b</NtryRef>",
    "value with children": HEAD + "<NtryRef><X/></NtryRef>",
    "bad amount": '<Amt Ccy="EUR">1,5</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>',
    "missing status": '<Amt Ccy="EUR">1</Amt><CdtDbtInd>CRDT</CdtDbtInd>',
    "missing amount": "<CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>",
    "status with other member": HEAD.replace("</Sts>", "<X>y</X></Sts>"),
    "bad date": HEAD + "<BookgDt><Dt>2026-13-01</Dt></BookgDt>",
    "bad date-time": HEAD + "<BookgDt><DtTm>yesterday</DtTm></BookgDt>",
    "empty date choice": HEAD + "<ValDt/>",
    "repeated date": HEAD + "<ValDt><Dt>2026-01-01</Dt><Dt>2026-01-02</Dt></ValDt>",
    "bank code with extra": HEAD + "<BkTxCd><Domn><Cd>P</Cd><X/></Domn></BkTxCd>",
    "foreign namespace member": HEAD + '<NtryRef xmlns="urn:other">a</NtryRef>',
    "prefixed foreign member": HEAD + '<o:X xmlns:o="urn:other">a</o:X>',
    "details extra": HEAD + "<NtryDtls><TxDtls/><X/></NtryDtls>",
    "transaction extra": _tx("<Intrst><TtlIntrstAndTaxAmt Ccy='EUR'>1</TtlIntrstAndTaxAmt></Intrst>"),
    "references extra": _tx("<Refs><Foo>1</Foo></Refs>"),
    "Pty and Agt together": _tx(
        "<RltdPties><Dbtr><Pty><Nm>a</Nm></Pty><Agt><FinInstnId><BICFI>B</BICFI></FinInstnId></Agt></Dbtr>"
        "</RltdPties>"
    ),
    "intermediary gap": _tx(
        "<RltdAgts><IntrmyAgt2><FinInstnId><BICFI>B</BICFI></FinInstnId></IntrmyAgt2></RltdAgts>"
    ),
    "related dates extra": _tx("<RltdDts><AccptncDtTm>2026-01-01T00:00:00Z</AccptncDtTm></RltdDts>"),
    "return extra": _tx("<RtrInf><Orgtr><Nm>x</Nm></Orgtr></RtrInf>"),
    "purpose with extra": _tx("<Purp><Cd>A</Cd><Cd>B</Cd></Purp>"),
    "related parties extra": _tx("<RltdPties><TradgPty><Pty><Nm>x</Nm></Pty></TradgPty></RltdPties>"),
    "amount details extra": _tx("<AmtDtls><CntrValAmt><Amt Ccy='EUR'>1</Amt></CntrValAmt></AmtDtls>"),
    "bad settlement date": _tx("<RltdDts><IntrBkSttlmDt>soon</IntrBkSttlmDt></RltdDts>"),
}

# Declined although the general reader reports nothing: it skips comments.
DECLINED_QUIETLY = {
    "comment": HEAD + "<!-- note -->",
}


@pytest.mark.parametrize("name", sorted(MAPPED))
def test_mapped_shapes_equal_the_general_reader(name: str) -> None:
    el = _ntry(MAPPED[name], ns="" if name == "no namespace" else NS)
    fast, slow, slow_ctx = _both(el)
    assert fast is not None, "the fast lane declined a shape it should map"
    assert fast == slow and repr(fast) == repr(slow)
    assert slow_ctx.diagnostics == []


@pytest.mark.parametrize("name", sorted(DECLINED))
def test_odd_shapes_are_left_to_the_general_reader(name: str) -> None:
    fast, slow, slow_ctx = _both(_ntry(DECLINED[name]))
    assert fast is None
    # and the general reader does have something to say (an extra, a diagnostic or no entry)
    assert slow is None or slow.extras or slow_ctx.diagnostics or _has_nested_extras(slow)


@pytest.mark.parametrize("name", sorted(DECLINED_QUIETLY))
def test_quiet_oddities_are_left_to_the_general_reader_too(name: str) -> None:
    fast, slow, _ = _both(_ntry(DECLINED_QUIETLY[name]))
    assert fast is None and slow is not None


def test_an_amount_with_children_is_no_amount_for_either_reader() -> None:
    """``<Amt>1<X/></Amt>`` is not read as 1 (which would lose ``<X/>``): the general reader
    gives no entry, so the statement keeps the whole ``Ntry`` as an extra with an error."""
    fast, slow, _ = _both(_ntry('<Amt Ccy="EUR">1<X/></Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>'))
    assert fast is None and slow is None


def _has_nested_extras(entry: Entry) -> bool:
    if entry.bank_transaction_code is not None and entry.bank_transaction_code.extras:
        return True
    return any(d.extras or any(t.extras for t in d.transactions) for d in entry.details)


def test_without_details_equals_the_general_reader_on_the_pruned_entry() -> None:
    body = MAPPED["codes and dates"]
    fast = map_entry(_ntry(body), PATH, ReadContext(), details=False)
    pruned = _ntry(body)
    for block in pruned.findall(f"{{{NS}}}NtryDtls"):
        pruned.remove(block)
    assert fast is not None and fast == read_entry_general(Node(pruned, PATH, ReadContext()))
    assert fast.details == ()


def test_general_sub_readers_get_the_paths_the_general_reader_gives() -> None:
    body = _tx("<RltdPties><Dbtr><Pty><Nm>N</Nm><CtctDtls><Nm>C</Nm></CtctDtls></Pty></Dbtr></RltdPties>")
    fast, _, _ = _both(_ntry(body))
    assert fast is not None
    party = fast.details[0].transactions[0].debtor
    assert isinstance(party, Party)
    assert [x.path for x in party.extras] == [f"{PATH}/NtryDtls[1]/TxDtls[1]/RltdPties/Dbtr/Pty/CtctDtls[1]"]


def test_address_style_is_the_general_readers() -> None:
    fast, _, _ = _both(_ntry(MAPPED["party with address (general address reader)"]))
    assert fast is not None
    party = fast.details[0].transactions[0].creditor
    assert isinstance(party, Party) and party.address is not None
    assert (party.address.style, party.address.town_name) == (AddressStyle.STRUCTURED, "Wien")


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


def _camt_files() -> list[Path]:
    found = [Path(p) for p in glob.glob(str(CORPUS / "**" / "*.xml"), recursive=True)]
    found += [Path(p) for p in glob.glob(str(FIXTURES / "**" / "*.xml"), recursive=True)]
    return sorted(p for p in found if b"camt.05" in p.read_bytes()[:4096])


def test_every_entry_of_the_corpus_and_fixtures_agrees() -> None:
    files = _camt_files()
    if not files:
        pytest.skip("no camt.052/053/054 files found")
    mapped = 0
    for path in files:
        try:
            root = etree.fromstring(path.read_bytes(), _PARSER)
        except etree.XMLSyntaxError:
            continue  # malformed on purpose (robustness fixtures)
        for el in root.iter("{*}Ntry"):
            fast, slow, slow_ctx = _both(el)
            if fast is not None:
                mapped += 1
                assert (fast, repr(fast)) == (slow, repr(slow)), path
                assert slow_ctx.diagnostics == [], path
    assert mapped > 0
