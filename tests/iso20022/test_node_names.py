"""Node child names: local names under the parent's namespace, the same on every read of a shape."""

from __future__ import annotations

from lxml import etree

from finmsg.iso20022.reading import Node, ReadContext

XML = (
    '<R xmlns="urn:names:test"><Aa>1</Aa><!-- c --><Bb>2</Bb>'
    '<f:Cc xmlns:f="urn:other:ns">3</f:Cc><Aa>4</Aa></R>'
)


def _read(xml: str) -> tuple[str | None, str | None, list[tuple[str, str]]]:
    node = Node(etree.fromstring(xml), "/R", ReadContext())
    return node.text("Aa"), node.text("Bb"), [(e.path, e.content) for e in node.extras()]


def test_names_are_the_same_on_first_and_later_reads() -> None:
    # The foreign child is cut with its parent's namespace length: an odd name, kept as an extra.
    first = _read(XML)
    assert first[:2] == ("1", "2")
    (_, foreign), second_aa = first[2]
    assert foreign.startswith("<f:Cc ") and foreign.endswith(">3</f:Cc>")
    assert second_aa == ("/R/Aa[2]", '<Aa xmlns="urn:names:test">4</Aa>')
    assert _read(XML) == first
    assert _read(XML.replace("<!-- c -->", "")) == first


def test_a_name_first_met_in_a_later_document_is_read() -> None:
    assert _read(XML)[0] == "1"
    node = Node(etree.fromstring('<R xmlns="urn:names:test"><Aa>1</Aa><Zz>9</Zz></R>'), "/R", ReadContext())
    assert node.text("Zz") == "9" and node.text("Aa") == "1" and node.complete()


def test_an_amount_with_child_elements_is_kept_whole_as_an_extra() -> None:
    """``<Amt>1<X/></Amt>`` is not an amount leaf: reading it as 1 would silently lose ``<X/>``."""
    xml = '<R xmlns="urn:names:test"><Amt Ccy="EUR">1<X/></Amt><Fee Ccy="EUR">2.50</Fee></R>'
    node = Node(etree.fromstring(xml), "/R", ReadContext())
    assert node.amount("Amt") is None
    fee = node.amount("Fee")
    assert fee is not None and (str(fee.value), fee.currency) == ("2.50", "EUR")
    assert [(e.path, e.content) for e in node.extras()] == [
        ("/R/Amt[1]", '<Amt xmlns="urn:names:test" Ccy="EUR">1<X/></Amt>')
    ]


def test_a_comment_inside_an_amount_is_not_data() -> None:
    """Comments carry no data: ``27<!--c-->34.56`` is the amount 2734.56, not 27 and not an extra."""
    xml = '<R xmlns="urn:names:test"><Amt Ccy="EUR">27<!-- c -->34.56</Amt></R>'
    node = Node(etree.fromstring(xml), "/R", ReadContext())
    amount = node.amount("Amt")
    assert amount is not None and (str(amount.value), amount.currency) == ("2734.56", "EUR")
    assert node.extras() == ()
