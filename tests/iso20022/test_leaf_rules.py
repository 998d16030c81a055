"""What the ISO 20022 reader makes of comments, processing instructions and attributes.

Rules (``finmsg/iso20022/reading.py``): comments and PIs carry no data, so the text
around them is the value, for every kind of value; a child element makes a leaf a
non-leaf, kept whole as an extra. An attribute the mapping does not read (anything but
``Ccy`` on an amount) is not part of any ISO 20022 schema: it is reported as
``lossy.dropped`` (rule R001) with its path and value, through read, write, version
conversion and translation to MT alike.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from decimal import Decimal

import pytest
from lxml import etree

import finmsg
from finmsg.diagnostics import Diagnostic, Severity
from finmsg.errors import ConversionError
from finmsg.iso20022.reading import leaf_text
from finmsg.model.common import Agent, Amount, Party
from finmsg.model.payments import CreditTransfer, CreditTransferTx
from tests.conftest import FIXTURES

SOURCE = (FIXTURES / "iso20022" / "pacs008-cbpr-structured" / "input.xml").read_text(encoding="utf-8")
TX = "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]"


def _edit(old: str, new: str, text: str = SOURCE) -> bytes:
    assert text.count(old) == 1, old  # the edit must hit exactly one place of the fixture
    return text.replace(old, new).encode("utf-8")


def _dropped(diagnostics: list[Diagnostic]) -> list[tuple[str | None, str | None]]:
    return [(d.path, d.original) for d in diagnostics if d.code == "lossy.dropped" and d.rule == "R001"]


# --------------------------------------------------------------------------- leaf_text


@pytest.mark.parametrize(
    ("xml", "expected"),
    [
        ("<Nm>Acme</Nm>", "Acme"),
        ("<Nm/>", ""),
        ("<Nm>Ac<!--c-->me</Nm>", "Acme"),
        ("<Nm><!--c-->Acme<!--d--></Nm>", "Acme"),
        ("<Nm>Ac<?pi data?>me</Nm>", "Acme"),
        ("<Nm>Ac<X>y</X>me</Nm>", None),
        ("<Nm><!--c--><X/></Nm>", None),
    ],
)
def test_leaf_text(xml: str, expected: str | None) -> None:
    assert leaf_text(etree.fromstring(xml)) == expected


# --------------------------------------------------------------------------- comments in values


def _message(data: bytes) -> CreditTransfer:
    message = finmsg.parse(data).value
    assert isinstance(message, CreditTransfer)
    return message


def _tx(data: bytes) -> CreditTransferTx:
    return _message(data).transactions[0]


def test_a_comment_inside_a_name_is_not_data() -> None:
    tx = _tx(_edit("<Nm>Acme Widgets Ltd</Nm>", "<Nm>Acme <!-- legal name -->Widgets Ltd</Nm>"))
    assert isinstance(tx.debtor, Party)
    assert tx.debtor.name == "Acme Widgets Ltd"
    assert tx.debtor.extras == ()


def test_a_comment_inside_an_amount_is_not_data() -> None:
    data = _edit('Ccy="EUR">12500.50</IntrBkSttlmAmt>', 'Ccy="EUR">125<!--x-->00.50</IntrBkSttlmAmt>')
    assert _tx(data).settlement_amount == Amount(Decimal("12500.50"), "EUR")


def test_a_comment_inside_a_date_is_not_data() -> None:
    data = _edit(
        "<IntrBkSttlmDt>2026-11-30</IntrBkSttlmDt>", "<IntrBkSttlmDt>2026-11<!--x-->-30</IntrBkSttlmDt>"
    )
    assert _tx(data).settlement_date == date(2026, 11, 30)


def test_a_comment_inside_a_date_time_is_not_data() -> None:
    data = _edit(
        "<CreDtTm>2026-11-29T09:15:00+00:00</CreDtTm>", "<CreDtTm>2026-11-29T09:15<!--x-->:00+00:00</CreDtTm>"
    )
    creation = _message(data).group_header.creation
    assert creation is not None
    assert creation.value == datetime(2026, 11, 29, 9, 15, tzinfo=timezone.utc)
    assert creation.text == "2026-11-29T09:15:00+00:00"


def test_a_comment_inside_a_code_is_not_data() -> None:
    tx = _tx(_edit("<Cd>G001</Cd>", "<Cd>G0<!--x-->01</Cd>"))
    assert tx.payment_type is not None
    assert [level.code for level in tx.payment_type.service_levels] == ["G001"]


def test_a_processing_instruction_inside_a_reference_is_not_data() -> None:
    tx = _tx(
        _edit("<EndToEndId>E2E-INV-4711</EndToEndId>", "<EndToEndId>E2E-<?note x?>INV-4711</EndToEndId>")
    )
    assert tx.ids.end_to_end_id == "E2E-INV-4711"


def test_a_commented_value_is_written_back_without_the_comment() -> None:
    plain = finmsg.write(finmsg.parse(SOURCE.encode()).value, "pacs.008.001.08").value
    commented = _edit("<Nm>Acme Widgets Ltd</Nm>", "<Nm>Acme<!--c--> Widgets Ltd</Nm>")
    assert finmsg.write(finmsg.parse(commented).value, "pacs.008.001.08").value == plain


def test_a_child_element_makes_a_value_a_non_leaf_kept_whole() -> None:
    tx = _tx(_edit("<Nm>Acme Widgets Ltd</Nm>", "<Nm>Acme<Sfx>Ltd</Sfx></Nm>"))
    assert isinstance(tx.debtor, Party)
    assert tx.debtor.name is None
    (extra,) = tx.debtor.extras
    assert extra.path == f"{TX}/Dbtr/Nm[1]"
    assert "<Sfx>Ltd</Sfx>" in extra.content


def test_comments_inside_a_kept_element_do_not_cut_its_text() -> None:
    # an unknown member kept whole as an extra: its text after the comment must survive
    data = _edit("<Purp><Cd>GDDS</Cd></Purp>", "<Purp><Cd>GDDS</Cd></Purp><Zz9>77<!--c-->.70</Zz9>")
    (extra,) = [e for e in _tx(data).extras if "Zz9" in e.path]
    assert ">77.70</Zz9>" in extra.content


# --------------------------------------------------------------------------- attributes


def test_an_attribute_on_a_name_is_reported_with_its_path() -> None:
    data = _edit("<Nm>Acme Widgets Ltd</Nm>", '<Nm foo="x">Acme Widgets Ltd</Nm>')
    read = finmsg.parse(data)
    debtor = _tx(data).debtor
    assert isinstance(debtor, Party) and debtor.name == "Acme Widgets Ltd"
    assert _dropped(read.diagnostics) == [(f"{TX}/Dbtr/Nm/@foo", "x")]
    (found,) = [d for d in read.diagnostics if d.rule == "R001"]
    assert found.severity is Severity.WARNING


def test_a_namespaced_attribute_is_named_with_its_prefix() -> None:
    data = _edit(
        "<InstgAgt><FinInstnId><BICFI>BANKGB2LXXX</BICFI>",
        '<InstgAgt><FinInstnId><BICFI xml:lang="en">BANKGB2LXXX</BICFI>',
    )
    read = finmsg.parse(data)
    agent = _tx(data).instructing_agent
    assert isinstance(agent, Agent) and agent.bic == "BANKGB2LXXX"
    assert _dropped(read.diagnostics) == [(f"{TX}/InstgAgt/FinInstnId/BICFI/@xml:lang", "en")]


def test_an_amount_keeps_its_currency_and_reports_any_other_attribute() -> None:
    data = _edit('<IntrBkSttlmAmt Ccy="EUR">', '<IntrBkSttlmAmt Ccy="EUR" x="1">')
    read = finmsg.parse(data)
    assert _tx(data).settlement_amount == Amount(Decimal("12500.50"), "EUR")
    assert _dropped(read.diagnostics) == [(f"{TX}/IntrBkSttlmAmt/@x", "1")]


def test_an_attribute_on_an_element_with_members_is_reported() -> None:
    read = finmsg.parse(_edit("<Dbtr>", '<Dbtr foo="y">'))
    assert _dropped(read.diagnostics) == [(f"{TX}/Dbtr/@foo", "y")]


def test_an_attribute_on_a_repeated_value_names_its_position() -> None:
    read = finmsg.parse(_edit("<Ustrd>Second line", '<Ustrd foo="z">Second line'))
    assert _dropped(read.diagnostics) == [(f"{TX}/RmtInf/Ustrd[2]/@foo", "z")]


def test_an_attribute_in_the_application_header_is_reported() -> None:
    read = finmsg.parse(_edit("<BizMsgIdr>", '<BizMsgIdr foo="h">'))
    assert _dropped(read.diagnostics) == [("/AppHdr/BizMsgIdr/@foo", "h")]


def test_an_attribute_inside_an_element_kept_whole_is_kept_not_reported() -> None:
    # PmtId with a member the reader does not map is kept whole, so its attribute travels with it
    data = _edit("<PmtId>", '<PmtId foo="1"><Zz9>u</Zz9>')
    read = finmsg.parse(data)
    assert _dropped(read.diagnostics) == []
    written = finmsg.write(read.value, "pacs.008.001.08")
    assert b'<PmtId foo="1">' in written.value


def test_the_document_schema_location_is_not_reported() -> None:
    xsi = "http://www.w3.org/2001/XMLSchema-instance"
    data = _edit(
        '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08">',
        f'<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08" xmlns:xsi="{xsi}" '
        'xsi:schemaLocation="urn:x pacs.008.001.08.xsd">',
    )
    read = finmsg.parse(data)
    assert _dropped(read.diagnostics) == []
    assert b'schemaLocation="urn:x pacs.008.001.08.xsd"' in finmsg.write(read.value, "pacs.008.001.08").value


def test_writing_back_drops_only_the_attribute_and_is_schema_valid() -> None:
    plain = finmsg.write(finmsg.parse(SOURCE.encode()).value, "pacs.008.001.08").value
    data = _edit("<Nm>Acme Widgets Ltd</Nm>", '<Nm foo="x">Acme Widgets Ltd</Nm>')
    written = finmsg.write(finmsg.parse(data).value, "pacs.008.001.08", validate_output=True)
    assert written.value == plain
    assert [d for d in written.diagnostics if d.is_error] == []


def test_converting_to_another_version_reports_the_attribute() -> None:
    data = _edit("<Nm>Acme Widgets Ltd</Nm>", '<Nm foo="x">Acme Widgets Ltd</Nm>')
    result = finmsg.convert(data, "pacs.008.001.13")
    assert _dropped(result.diagnostics) == [(f"{TX}/Dbtr/Nm/@foo", "x")]
    assert b"<Nm>Acme Widgets Ltd</Nm>" in result.value
    with pytest.raises(ConversionError) as raised:
        finmsg.convert(data, "pacs.008.001.13", strict=True)
    assert raised.value.path == f"{TX}/Dbtr/Nm/@foo"


def test_translating_to_mt_reports_the_attribute() -> None:
    data = _edit('<IntrBkSttlmAmt Ccy="EUR">', '<IntrBkSttlmAmt Ccy="EUR" x="1">')
    result = finmsg.convert(data, "mt")
    assert (f"{TX}/IntrBkSttlmAmt/@x", "1") in _dropped(result.diagnostics)
    assert b":32A:261130EUR12500,50" in result.value
