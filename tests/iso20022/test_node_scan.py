"""The one-pass Node helpers (``scan``, ``pick``, ``complete``) and the readers' short cuts.

Each helper must mark and return exactly what the per-name probes it replaces
(``text`` / ``child``) would: first child of a name only, leaves only for text,
and anything not taken stays an extra with its usual path.
"""

from __future__ import annotations

import dataclasses

from lxml import etree

from finmsg.iso20022.components.parties import _ADDRESS_FIELDS, read_account, read_address, read_agent
from finmsg.iso20022.reading import Node, ReadContext
from finmsg.model.common import Account, AddressStyle, Agent, Extra, PostalAddress

NS = "urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"


def _node(inner: str, tag: str = "R") -> Node:
    return Node(etree.fromstring(f'<{tag} xmlns="{NS}">{inner}</{tag}>'), f"/{tag}", ReadContext())


def test_scan_takes_the_first_leaf_of_each_name_like_text() -> None:
    node = _node("<A>1</A><B><X>x</X></B><A>2</A><C>3</C><B>4</B><Z>z</Z>")
    assert node.scan({"A": 0, "B": 1, "C": 2, "D": 3}, 4) == ["1", None, "3", None]
    # B[1] is not a leaf and B[2] is never looked at (text("B") would not either);
    # A[2] is a second A: all three stay extras, as does the unknown Z.
    assert [e.path for e in node.extras()] == ["/R/B[1]", "/R/A[2]", "/R/B[2]", "/R/Z[1]"]
    assert not node.complete()


def test_scan_of_an_empty_leaf_is_an_empty_string() -> None:
    node = _node("<A/><B>  </B>")
    assert node.scan({"A": 0, "B": 1}, 2) == ["", "  "]
    assert node.complete() and node.extras() == ()


def test_pick_returns_first_children_as_nodes_with_paths() -> None:
    node = _node("<P><Q>1</Q></P><P><Q>2</Q></P><S>s</S>")
    first, missing = node.pick({"P": 0, "T": 1}, 2)
    assert missing is None
    assert first is not None and first.path == "/R/P" and first.text("Q") == "1"
    assert [e.path for e in node.extras()] == ["/R/P[2]", "/R/S[1]"]


def test_address_members_map_to_the_model_fields_in_order() -> None:
    """read_address builds PostalAddress positionally from the schema order."""
    names = [f.name for f in dataclasses.fields(PostalAddress)]
    assert names[:2] == ["style", "address_type"]
    assert names[2:18] == [attr for _, attr in _ADDRESS_FIELDS]
    assert names[18:] == ["lines", "extras"]


def test_every_structured_address_member_is_read_into_its_own_field() -> None:
    inner = "".join(f"<{tag}>{tag}-v</{tag}>" for tag, _ in _ADDRESS_FIELDS)
    address = read_address(_node(inner + "<AdrLine>l1</AdrLine>", "PstlAdr"))
    for tag, attr in _ADDRESS_FIELDS:
        assert getattr(address, attr) == f"{tag}-v"
    assert address.style is AddressStyle.HYBRID and address.lines == ("l1",) and address.extras == ()


def test_address_with_type_lines_and_an_unknown_member() -> None:
    address = read_address(
        _node("<AdrTp><Cd>ADDR</Cd></AdrTp><AdrLine>a</AdrLine><AdrLine>b</AdrLine><Xtra>q</Xtra>", "P")
    )
    assert (address.style, address.address_type, address.lines) == (
        AddressStyle.UNSTRUCTURED,
        "ADDR",
        ("a", "b"),
    )
    assert [e.path for e in address.extras] == ["/P/Xtra[1]"]


def test_agent_with_a_lone_bic_and_with_more() -> None:
    assert read_agent(_node("<FinInstnId><BICFI>BANKGB2L</BICFI></FinInstnId>", "A")) == Agent("BANKGB2L")
    full = read_agent(
        _node(
            "<FinInstnId><BICFI>BANKGB2L</BICFI><ClrSysMmbId><MmbId>123</MmbId></ClrSysMmbId>"
            "<Nm>Bank</Nm></FinInstnId><BrnchId><Id>B1</Id></BrnchId>",
            "A",
        )
    )
    assert (full.bic, full.clearing and full.clearing.member_id, full.name, full.branch_id, full.extras) == (
        "BANKGB2L",
        "123",
        "Bank",
        "B1",
        (),
    )


def test_agent_with_both_bic_forms_keeps_the_second_as_an_extra() -> None:
    agent = read_agent(_node("<FinInstnId><BICFI>AAAAGB2L</BICFI><BIC>BBBBGB2L</BIC></FinInstnId>", "A"))
    assert agent.bic == "AAAAGB2L"
    assert agent.extras == (Extra("iso20022", "/A/FinInstnId/BIC[1]", f'<BIC xmlns="{NS}">BBBBGB2L</BIC>'),)


def test_agent_with_an_empty_bicfi_falls_back_to_bic() -> None:
    agent = read_agent(_node("<FinInstnId><BICFI/><BIC>BBBBGB2L</BIC></FinInstnId>", "A"))
    assert (agent.bic, agent.extras) == ("BBBBGB2L", ())


def test_account_with_a_lone_iban_and_with_other_members() -> None:
    assert read_account(_node("<Id><IBAN>GB33BUKB20201555555555</IBAN></Id>", "A")) == Account(
        "GB33BUKB20201555555555"
    )
    account = read_account(
        _node("<Id><IBAN>GB33BUKB20201555555555</IBAN></Id><Ccy>GBP</Ccy><Nm>Main</Nm><Odd>1</Odd>", "A")
    )
    assert (account.iban, account.currency, account.name) == ("GB33BUKB20201555555555", "GBP", "Main")
    assert [e.path for e in account.extras] == ["/A/Odd[1]"]


def test_account_id_with_an_unknown_member_keeps_it_under_id() -> None:
    account = read_account(_node("<Id><IBAN>GB33BUKB20201555555555</IBAN><Q>1</Q></Id>", "A"))
    assert account.iban == "GB33BUKB20201555555555"
    assert [e.path for e in account.extras] == ["/A/Id/Q[1]"]
