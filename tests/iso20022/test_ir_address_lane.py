"""The lane's postal address and amount readers, after their speed-ups (helper IR, session 8).

The postal address mapper (``PartyLane.address``) builds PostalAddress directly; it no
longer goes through ``address_of`` / ``PostalAddress.style_of``: these tests pin
(1) the style rule by hand (structured members only: structured; lines only: unstructured;
both: hybrid; neither: structured), (2) every structured member landing in its own field,
by name, and (3) the same object as the general reader (``read_address``) for each shape.
``fastlane.amount`` reads its attributes in one call: only a lone ``Ccy`` passes. A
transaction without chain members skips the chain loop: chains are pinned by hand.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from lxml import etree

from finmsg.iso20022.components.parties import read_address
from finmsg.iso20022.fastlane import Decline, amount
from finmsg.iso20022.fastparties import PartyLane, PartyNames
from finmsg.iso20022.messages.credit_transfer import read_transaction
from finmsg.iso20022.reading import Node, ReadContext
from finmsg.iso20022.transfers_fast import map_transaction
from finmsg.model.common import AddressStyle, Amount, PostalAddress
from finmsg.model.payments import CreditTransferTx

NS = "urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"


def _el(inner: str) -> etree._Element:
    return etree.fromstring(f'<PstlAdr xmlns="{NS}">{inner}</PstlAdr>'.encode())


def _fast(el: etree._Element) -> PostalAddress:
    return PartyLane(PartyNames("{" + NS + "}"), ReadContext()).address(el)


def _general(el: etree._Element) -> PostalAddress | None:
    return read_address(Node(el, "/Document/X/PstlAdr", ReadContext()))


@pytest.mark.parametrize(
    ("inner", "style", "lines"),
    [
        ("<TwnNm>Wien</TwnNm><Ctry>AT</Ctry>", AddressStyle.STRUCTURED, ()),
        (
            "<AdrLine>Ring 1</AdrLine><AdrLine>1010 Wien</AdrLine>",
            AddressStyle.UNSTRUCTURED,
            ("Ring 1", "1010 Wien"),
        ),
        ("<Ctry>AT</Ctry><AdrLine>Ring 1</AdrLine>", AddressStyle.HYBRID, ("Ring 1",)),
        ("", AddressStyle.STRUCTURED, ()),
    ],
)
def test_style_from_the_members_present(inner: str, style: AddressStyle, lines: tuple[str, ...]) -> None:
    fast = _fast(_el(inner))
    assert fast.style is style
    assert fast.lines == lines
    assert fast.extras == ()
    assert fast == _general(_el(inner))
    assert repr(fast) == repr(_general(_el(inner)))


def test_every_structured_member_in_its_own_field() -> None:
    inner = (
        "<AdrTp><Cd>ADDR</Cd></AdrTp><CareOf>c/o Anna</CareOf><Dept>Dept A</Dept><SubDept>Sub B</SubDept>"
        "<StrtNm>Ringstrasse</StrtNm><BldgNb>1</BldgNb><BldgNm>Haus</BldgNm><Flr>3</Flr><UnitNb>U7</UnitNb>"
        "<PstBx>PB 9</PstBx><Room>R2</Room><PstCd>1010</PstCd><TwnNm>Wien</TwnNm>"
        "<TwnLctnNm>Innere Stadt</TwnLctnNm>"
        "<DstrctNm>Bezirk 1</DstrctNm><CtrySubDvsn>W</CtrySubDvsn><Ctry>AT</Ctry><AdrLine>line</AdrLine>"
    )
    fast = _fast(_el(inner))
    assert fast == PostalAddress(
        style=AddressStyle.HYBRID,
        address_type="ADDR",
        care_of="c/o Anna",
        department="Dept A",
        sub_department="Sub B",
        street_name="Ringstrasse",
        building_number="1",
        building_name="Haus",
        floor="3",
        unit_number="U7",
        post_box="PB 9",
        room="R2",
        post_code="1010",
        town_name="Wien",
        town_location_name="Innere Stadt",
        district_name="Bezirk 1",
        country_subdivision="W",
        country="AT",
        lines=("line",),
        extras=(),
    )
    assert fast == _general(_el(inner))


def test_member_order_in_the_xml_does_not_matter() -> None:
    fast = _fast(_el("<Ctry>DE</Ctry><PstCd>80331</PstCd><TwnNm>Muenchen</TwnNm>"))
    assert (fast.country, fast.post_code, fast.town_name) == ("DE", "80331", "Muenchen")
    assert fast.street_name is None and fast.address_type is None


def test_repeated_member_still_declines() -> None:
    with pytest.raises(Decline):
        _fast(_el("<TwnNm>A</TwnNm><TwnNm>B</TwnNm>"))


# --------------------------------------------------------------------------- amounts (``fastlane.amount``)


def _amt(attributes: str, text: str = "12.50") -> etree._Element:
    return etree.fromstring(f'<InstdAmt xmlns="{NS}" {attributes}>{text}</InstdAmt>'.encode())


def test_amount_takes_its_currency_from_ccy() -> None:
    assert amount(_amt('Ccy="EUR"')) == Amount(Decimal("12.50"), "EUR")
    assert amount(_amt("")) == Amount(Decimal("12.50"), "")
    assert amount(_amt('Ccy=""', " 7 ")) == Amount(Decimal("7"), "")


@pytest.mark.parametrize(
    "attributes",
    ['Ccy="EUR" x="1"', 'x="1" Ccy="EUR"', 'Cur="EUR"', 'xmlns:p="urn:p" p:Ccy="EUR"'],
)
def test_amount_declines_any_other_attribute(attributes: str) -> None:
    with pytest.raises(Decline):
        amount(_amt(attributes))


# --------------------------------------------------------------------------- agent chains (``_Walk.chain``)

_TX_HEAD = '<PmtId><EndToEndId>E-1</EndToEndId></PmtId><IntrBkSttlmAmt Ccy="EUR">1.00</IntrBkSttlmAmt>'
_TX_PATH = "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]"


def _agent(bic: str) -> str:
    return f"<FinInstnId><BICFI>{bic}</BICFI></FinInstnId>"


def _tx(body: str) -> tuple[CreditTransferTx | None, CreditTransferTx]:
    el = etree.fromstring(f'<B xmlns="{NS}"><CdtTrfTxInf>{_TX_HEAD}{body}</CdtTrfTxInf></B>'.encode())[0]
    fast = map_transaction(el, _TX_PATH, ReadContext(), False, read_transaction)
    return fast, read_transaction(Node(el, _TX_PATH, ReadContext()), False)


def test_no_chain_members_give_empty_chains() -> None:
    fast, general = _tx("")
    assert fast is not None
    assert fast.previous_instructing_agents == () and fast.intermediary_agents == ()
    assert fast == general


def test_a_chain_keeps_its_agents_and_accounts_in_order() -> None:
    body = (
        f"<PrvsInstgAgt1>{_agent('AAAAGB2LXXX')}</PrvsInstgAgt1>"
        f"<IntrmyAgt1>{_agent('BBBBDEFFXXX')}</IntrmyAgt1><IntrmyAgt2>{_agent('CCCCFRPPXXX')}</IntrmyAgt2>"
        "<IntrmyAgt2Acct><Id><IBAN>FR7630006000011234567890189</IBAN></Id></IntrmyAgt2Acct>"
    )
    fast, general = _tx(body)
    assert fast is not None
    assert [a.agent.bic for a in fast.previous_instructing_agents] == ["AAAAGB2LXXX"]
    assert [a.agent.bic for a in fast.intermediary_agents] == ["BBBBDEFFXXX", "CCCCFRPPXXX"]
    assert fast.intermediary_agents[0].account is None
    account = fast.intermediary_agents[1].account
    assert account is not None and account.iban == "FR7630006000011234567890189"
    assert fast == general


def test_an_account_without_its_agent_is_left_to_the_general_reader() -> None:
    fast, general = _tx("<PrvsInstgAgt2Acct><Id><IBAN>X</IBAN></Id></PrvsInstgAgt2Acct>")
    assert fast is None
    assert general.previous_instructing_agents == ()
    assert [e.path for e in general.extras] == [f"{_TX_PATH}/PrvsInstgAgt2Acct[1]"]
