"""MT940/MT950 ↔ camt.053 value by value: every 61 subfield, balances, 28C, 25P, 21, 86, choice rules.

Expected values are written by hand from the MT field definitions and the
camt.053 schema, not produced by the code under test.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings

from finmsg.diagnostics import Diagnostic
from finmsg.errors import ConversionError
from finmsg.iso20022.document import read_iso
from finmsg.model.common import Account, Amount, GenericId, Party, PartyKind
from finmsg.model.payments import AppHeader, CodeOrProprietary
from finmsg.model.statements import (
    AccountReport,
    Balance,
    BankTransactionCode,
    DateOrDateTime,
    Entry,
    ReportKind,
    Statement,
    StatementGroupHeader,
)
from finmsg.mt.message import MtMessage
from finmsg.mt.validate import validate_message
from finmsg.mt.writer import write_message
from finmsg.testing.mt import mt940_messages
from finmsg.testing.translate import FIXED_NOW, check_mx, mt_to_mx, mx_to_mt
from finmsg.translate import translate
from finmsg.translate.rules import describe
from finmsg.translate.stmt_lines import booking_year

FIN = (
    "{1:F01BANKDEFFAXXX0000000000}{2:I940CUSTGB2LXXXXN}{4:\r\n"
    ":20:STMT-0042\r\n:21:REQ-77\r\n:25P:DE89370400440532013000\r\nCUSTGB2LXXX\r\n:28C:334/2\r\n"
    ":60M:D261129EUR15000,5\r\n"
    ":61:2612311231RC2734,56NTRFE2E-INV-2026-118//FT26334A1B2C\r\nSUPPL 1\r\n"
    ":86:LINE ONE\r\nLINE TWO\r\n"
    ":61:2612310102ECD12,NMSCNONREF\r\n"
    ":62M:C261231EUR16234,56\r\n:64:C261231EUR16234,56\r\n:65:C270101EUR1,\r\n:86:END NOTE\r\n-}"
).encode("ascii")


@pytest.fixture(scope="module")
def translated() -> tuple[bytes, Statement, list[Diagnostic]]:
    xml, model, diagnostics = mt_to_mx(FIN, "camt.053")
    assert isinstance(model, Statement)
    return xml, model, diagnostics


def test_mt940_header_fields(translated: tuple[bytes, Statement, list[Diagnostic]]) -> None:
    xml, model, _ = translated
    assert model.message_type == "camt.053.001.08"
    assert model.header is not None
    assert (model.header.from_bic, model.header.to_bic) == ("BANKDEFFXXX", "CUSTGB2LXXX")
    assert model.header.business_message_id == "STMT-0042"
    assert model.group_header.message_id == "STMT-0042"
    report = model.reports[0]
    assert report.id == "STMT-0042"
    assert report.account.iban == "DE89370400440532013000"
    assert report.account.currency == "EUR"
    assert report.account_owner is not None and report.account_owner.bic == "CUSTGB2LXXX"
    assert report.electronic_sequence == "334"
    assert report.pagination is not None
    assert (report.pagination.page_number, report.pagination.last_page) == ("2", False)  # 62M: not last
    assert report.additional_info == "END NOTE"
    assert b"<OrgnlBizQry>" in xml and b"<MsgId>REQ-77</MsgId>" in xml
    assert [d for d in check_mx(xml) if d.is_error] == []


def test_mt940_balances(translated: tuple[bytes, Statement, list[Diagnostic]]) -> None:
    balances = translated[1].reports[0].balances
    assert [
        (b.type.code, b.amount.value, b.credit_debit, b.date.date if b.date else None) for b in balances
    ] == [
        ("ITBD", Decimal("15000.5"), "DBIT", date(2026, 11, 29)),
        ("ITBD", Decimal("16234.56"), "CRDT", date(2026, 12, 31)),
        ("CLAV", Decimal("16234.56"), "CRDT", date(2026, 12, 31)),
        ("FWAV", Decimal("1"), "CRDT", date(2027, 1, 1)),
    ]
    assert str(balances[0].amount.value) == "15000.5"  # the scale written in the MT is kept


def test_mt940_statement_line_subfields(translated: tuple[bytes, Statement, list[Diagnostic]]) -> None:
    first, second = translated[1].reports[0].entries
    # RC = reversal of a credit: a debit entry with RvslInd.
    assert (first.credit_debit, first.reversal, first.status.code) == ("DBIT", True, "BOOK")
    assert first.amount == Amount(Decimal("2734.56"), "EUR")
    assert first.value_date == DateOrDateTime(date(2026, 12, 31))
    assert first.booking_date == DateOrDateTime(date(2026, 12, 31))
    assert first.account_servicer_ref == "FT26334A1B2C"
    assert first.bank_transaction_code == BankTransactionCode(proprietary="NTRF", proprietary_issuer="SWIFT")
    tx = first.details[0].transactions[0]
    assert tx.refs is not None and tx.refs.end_to_end_id == "E2E-INV-2026-118"
    assert tx.additional_info == "SUPPL 1"
    # the 86 lines are one text wrapped: a line shorter than 65 ends a word, so a space joins them;
    # the break cannot come back from the joined text (it fits one line): reported as info
    assert first.additional_info == "LINE ONE LINE TWO"
    breaks = [d for d in translated[2] if d.code == "lossy.linebreaks"]
    assert [(d.rule, d.original, d.emitted) for d in breaks] == [
        ("TS016", "LINE ONE\nLINE TWO", "LINE ONE LINE TWO")
    ]
    assert breaks[0].target_path == "/Document/BkToCstmrStmt/Stmt/Ntry[1]/AddtlNtryInf"
    # EC = expected credit (pending); entry date 0102 after a 31 December value date is next year;
    # the 'D' after EC is the funds code, which camt cannot hold (reported).
    assert (second.credit_debit, second.reversal, second.status.code) == ("CRDT", None, "PDNG")
    assert second.booking_date == DateOrDateTime(date(2027, 1, 2))
    assert second.details == ()  # NONREF and no supplementary details: no TxDtls
    assert second.account_servicer_ref is None


def test_mt940_reports_funds_code(translated: tuple[bytes, Statement, list[Diagnostic]]) -> None:
    found = [d for d in translated[2] if d.rule == "TS015"]
    assert len(found) == 1
    assert (found[0].code, found[0].path, found[0].original) == ("lossy.dropped", "MT940:61[2]", "D")


def test_mt940_round_trip_is_exact(translated: tuple[bytes, Statement, list[Diagnostic]]) -> None:
    _fin, back, _ = mx_to_mt(translated[0], "mt")
    assert back.message_type == "940"
    expected = [
        ("20", "STMT-0042"),
        ("21", "REQ-77"),
        ("25P", "DE89370400440532013000\nCUSTGB2LXXX"),
        ("28C", "334/2"),
        ("60M", "D261129EUR15000,5"),
        ("61", "2612311231RC2734,56NTRFE2E-INV-2026-118//FT26334A1B2C\nSUPPL 1"),
        ("86", "LINE ONE LINE TWO"),  # the line break is a reported change (lossy.linebreaks)
        ("61", "2612310102ECD12,NMSCNONREF".replace("ECD", "EC")),  # the funds code is the reported loss
        ("62M", "C261231EUR16234,56"),
        ("64", "C261231EUR16234,56"),
        ("65", "C270101EUR1,"),
        ("86", "END NOTE"),
    ]
    assert [(f.tag, f.value) for f in back.fields] == expected
    assert [str(d) for d in validate_message(back) if d.is_error] == []


def test_86_cut_inside_a_word_is_one_text() -> None:
    # a bank wraps its 86 text hard at 65 characters: line 1 is full and ends with the P of
    # PIPES, line 2 goes on with IPES; a full line continues its word on the next line
    first = "PAYMENT FOR INVOICE 2026-118 DELIVERY OF FORTY PALLETS OF STEEL P"
    assert len(first) == 65
    fin = FIN.replace(b":86:LINE ONE\r\nLINE TWO\r\n", f":86:{first}\r\nIPES TO ROTTERDAM\r\n".encode())
    _xml, model, _diagnostics = mt_to_mx(fin, "camt.053")
    assert isinstance(model, Statement)
    assert model.reports[0].entries[0].additional_info == (
        "PAYMENT FOR INVOICE 2026-118 DELIVERY OF FORTY PALLETS OF STEEL PIPES TO ROTTERDAM"
    )


@pytest.mark.parametrize(
    ("value_date", "mmdd", "expected"),
    [
        (date(2026, 12, 31), "0102", date(2027, 1, 2)),
        (date(2027, 1, 2), "1230", date(2026, 12, 30)),
        (date(2026, 6, 15), "0614", date(2026, 6, 14)),
        (date(2027, 3, 1), "0229", date(2028, 2, 29)),  # the only 29 February in reach
        (date(2026, 6, 15), "1332", None),
    ],
)
def test_booking_year(value_date: date, mmdd: str, expected: date | None) -> None:
    assert booking_year(value_date, mmdd) == expected


def _statement(
    owner: Party | None, entry_text: str | None = None, balances: tuple[Balance, ...] = ()
) -> Statement:
    day = DateOrDateTime(date(2026, 12, 1))
    default_balances = (
        Balance(CodeOrProprietary("OPBD"), Amount(Decimal("10.00"), "USD"), "CRDT", day),
        Balance(CodeOrProprietary("CLBD"), Amount(Decimal("7.5"), "USD"), "CRDT", day),
    )
    entry = Entry(
        amount=Amount(Decimal("2.50"), "USD"),
        credit_debit="DBIT",
        status=CodeOrProprietary("BOOK"),
        value_date=day,
        bank_transaction_code=BankTransactionCode(domain="PMNT"),
        additional_info=entry_text,
    )
    report = AccountReport(
        id="S1",
        account=Account(other=GenericId("12345678"), currency="USD"),
        account_owner=owner,
        electronic_sequence="9",
        balances=balances or default_balances,
        entries=(entry,),
    )
    return Statement(
        message_type="camt.053.001.08",
        family="iso20022",
        kind=ReportKind.STATEMENT,
        group_header=StatementGroupHeader("S1"),
        reports=(report,),
        header=AppHeader("head.001.001.02", from_bic="CHASUS33XXX", to_bic="BOFAUS3NXXX"),
    )


_FI_OWNER = Party(kind=PartyKind.ORGANISATION, bic="BOFAUS3NXXX")


def test_choice_mt950_for_the_receiving_fi() -> None:
    result = translate(_statement(_FI_OWNER), "mt", now=FIXED_NOW)
    msg = result.value
    assert isinstance(msg, MtMessage) and msg.message_type == "950"
    assert [(f.tag, f.value) for f in msg.fields] == [
        ("20", "S1"),
        ("25", "12345678"),
        ("28C", "9"),
        ("60F", "C261201USD10,00"),
        ("61", "261201D2,50NMSCNONREF"),
        ("62F", "C261201USD7,5"),
    ]
    assert any(d.rule == "TS011" and d.code == "mapping.defaulted" for d in result.diagnostics)


def test_choice_mt940_when_text_needs_86() -> None:
    msg = translate(_statement(_FI_OWNER, "NOTE"), "mt", now=FIXED_NOW).value
    assert isinstance(msg, MtMessage) and msg.message_type == "940"
    assert ("25P", "12345678\nBOFAUS3NXXX") in [(f.tag, f.value) for f in msg.fields]
    assert ("86", "NOTE") in [(f.tag, f.value) for f in msg.fields]


def test_choice_mt940_for_a_customer_and_explicit_mt950() -> None:
    customer = translate(_statement(None), "mt", now=FIXED_NOW).value
    assert isinstance(customer, MtMessage) and customer.message_type == "940"
    forced = translate(_statement(None, "NOTE"), "mt950", now=FIXED_NOW)
    assert isinstance(forced.value, MtMessage) and forced.value.message_type == "950"
    lost = [d for d in forced.diagnostics if d.rule == "TS016"]
    assert [(d.code, d.original) for d in lost] == [("lossy.dropped", "NOTE")]


def test_missing_closing_balance_is_an_error() -> None:
    day = DateOrDateTime(date(2026, 12, 1))
    only_open = (Balance(CodeOrProprietary("OPBD"), Amount(Decimal("1"), "USD"), "CRDT", day),)
    with pytest.raises(ConversionError) as info:
        translate(_statement(None, balances=only_open), "mt940", now=FIXED_NOW)
    assert info.value.code == "translate.missing"


def test_rule_ids_are_registered() -> None:
    assert "MT950" in describe("TS018")
    assert "EndToEndId" in describe("TS012")


@settings(max_examples=25, deadline=None)
@given(mt940_messages(max_transactions=8))
def test_generated_mt940_round_trip_keeps_block4(original: MtMessage) -> None:
    """Amounts, currencies, dates and references of a generated MT940 survive camt.053 and back."""
    xml, _model, diagnostics = mt_to_mx(write_message(original).value, "camt.053")
    assert [d for d in check_mx(xml) if d.is_error] == []
    assert [d for d in diagnostics if d.severity.value != "info"] == []
    again = read_iso(xml, {}).value
    assert isinstance(again, Statement)
    _, back, back_diags = mx_to_mt(xml, "mt")
    assert [d for d in back_diags if d.severity.value != "info"] == []
    # an 86 is one text wrapped in lines: its words come back, its line breaks when they are the
    # ones the MX -> MT direction writes (otherwise reported as lossy.linebreaks, info)
    assert [(f.tag, f.value) for f in back.fields if f.tag != "86"] == [
        (f.tag, f.value) for f in original.fields if f.tag != "86"
    ]
    reported = {d.original for d in diagnostics if d.code == "lossy.linebreaks"}
    before = [f.value for f in original.fields if f.tag == "86"]
    after = [f.value for f in back.fields if f.tag == "86"]
    assert len(before) == len(after)
    for old, new in zip(before, after, strict=True):
        if old != new:
            assert old in reported
            # every character but the breaks and the spaces around them, in order (a full
            # 65-character line continues its word on the next line)
            assert "".join(old.split()) == "".join(new.split())


@pytest.mark.parametrize("line", ["2612311332C1,NMSCNONREF", "261340C1,NMSCNONREF"])
def test_impossible_61_dates_raise_a_typed_error(line: str) -> None:
    bad = FIN.replace(b"2612310102ECD12,NMSCNONREF", line.encode("ascii"))
    with pytest.raises(ConversionError) as info:
        mt_to_mx(bad, "camt.053")
    assert info.value.code == "translate.value"
    assert info.value.path == "MT940:61[2]"
