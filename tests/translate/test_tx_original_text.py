"""The ``original`` of a lossy diagnostic is readable, complete text (not a repr, not only a name).

Expected texts are written by hand from the inputs: an account as ``IBAN …`` / ``<scheme> <id>``,
a party as name; address; BIC/LEI; identifiers, an XML fragment without namespace declarations.
"""

from __future__ import annotations

from pathlib import Path

import finmsg
from finmsg.model.common import Account, AddressStyle, Agent, GenericId, Party, PostalAddress
from finmsg.translate.summary import describe, plain_fragment

_ENVELOPE = (
    Path(__file__).resolve().parents[2] / "fixtures" / "iso20022" / "camt053-cbpr-envelope" / "input.xml"
)


def test_accounts_read_as_iban_or_scheme_and_id() -> None:
    assert describe(Account(iban="DE89370400440532013000")) == "IBAN DE89370400440532013000"
    other = Account(other=GenericId("29501800020582", scheme_code="BBAN"), type_code="CACC")
    assert describe(other) == "BBAN 29501800020582; type CACC"
    assert (
        describe(GenericId("12345678901", scheme_proprietary="TAX", issuer="FI"))
        == "TAX 12345678901 (issuer FI)"
    )


def test_a_party_keeps_address_and_identifiers() -> None:
    party = Party(
        name="Aeroskobing Trading A/S",
        address=PostalAddress(
            AddressStyle.STRUCTURED,
            street_name="Vestergade",
            building_number="12",
            post_code="5970",
            town_name="Aeroskobing",
            country="DK",
        ),
        lei="5493001KJTIIGC8Y1R12",
    )
    assert (
        describe(party)
        == "Aeroskobing Trading A/S; Vestergade 12, 5970 Aeroskobing, DK; LEI 5493001KJTIIGC8Y1R12"
    )
    assert describe(Agent(bic="DABADKKKXXX", name="Danske")) == "BIC DABADKKKXXX; Danske"


def test_fragments_lose_their_namespace_declarations() -> None:
    xml = '<CcyXchg xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02" xmlns:xsi="http://x"><SrcCcy>USD</SrcCcy></CcyXchg>'
    assert plain_fragment(xml) == "<CcyXchg><SrcCcy>USD</SrcCcy></CcyXchg>"
    assert plain_fragment("no xml here") == "no xml here"


def test_camt053_debtor_original_names_its_lei_and_address() -> None:
    result = finmsg.convert(_ENVELOPE.read_bytes(), "mt")
    by_path = {d.path: d.original for d in result.diagnostics}
    dbtr = by_path["/Document/BkToCstmrStmt/Stmt[1]/Ntry[1]/NtryDtls[1]/TxDtls[1]/RltdPties/Dbtr"]
    assert dbtr == "Ærøskøbing Trading A/S; Vestergade 12, 5970 Ærøskøbing, DK; LEI 5493001KJTIIGC8Y1R12"
    assert "GenericId(" not in repr(by_path) and "Account(" not in repr(by_path)
