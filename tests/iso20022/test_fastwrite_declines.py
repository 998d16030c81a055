"""The fast write lane declines what it does not write like the general writer, and the output stays equal.

One test per decline reason: extras at each level, a value needing escaping or holding a
line break, an unsupported version, a conversion, a member the target schema lacks.
Then injection attempts, and hypothesis-generated messages (lane and general writer agree).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from finmsg.iso20022 import fastwrite
from finmsg.iso20022.document import read_iso, write_iso
from finmsg.model.common import Account, Agent, Extra, Party
from finmsg.model.payments import (
    AgentAccount,
    CreditTransfer,
    CreditTransferTx,
    Remittance,
    StructuredRemittance,
)
from finmsg.mt.api import read_one
from finmsg.testing.mt import mt103_messages, mt202cov_messages
from finmsg.testing.translate import FIXED_NOW, pacs008_messages
from finmsg.translate import translate

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "iso20022"
V8 = "pacs.008.001.08"


def _load(name: str) -> CreditTransfer:
    message = read_iso((FIXTURES / name / "input.xml").read_bytes(), {}).value
    assert isinstance(message, CreditTransfer)
    return message


def _lane(message: CreditTransfer, version: str = V8) -> bytes | None:
    header = message.header
    lane_header = None if header is None else (header, header.version, header.message_definition_id)
    return fastwrite.write_fast(message, version, lane_header)


def _general(message: CreditTransfer, version: str, options: dict[str, Any] | None = None) -> Any:
    fastwrite.ENABLED = False
    try:
        return write_iso(message, version, options or {})
    finally:
        fastwrite.ENABLED = True


def _same(message: CreditTransfer, version: str = V8) -> bytes:
    fast, general = write_iso(message, version, {}), _general(message, version)
    assert fast.value == general.value
    assert fast.diagnostics == general.diagnostics
    return bytes(fast.value)


def _outcome(write: Callable[[], Any]) -> tuple[Any, ...]:
    try:
        result = write()
    except Exception as exc:  # the general writer refuses some values (lxml: control characters)
        return ("error", type(exc), str(exc))
    return ("ok", result.value, result.diagnostics)


def _same_outcome(message: CreditTransfer, version: str) -> None:
    """Equal bytes and diagnostics, or the same error from both paths."""
    assert _outcome(lambda: write_iso(message, version, {})) == _outcome(lambda: _general(message, version))


def _tx(message: CreditTransfer, **changes: Any) -> CreditTransfer:
    return replace(
        message, transactions=(replace(message.transactions[0], **changes), *message.transactions[1:])
    )


BASE = _load("pacs008-cbpr-structured")
TX = BASE.transactions[0]
assert isinstance(TX.debtor, Party) and TX.debtor.address is not None and TX.debtor_agent is not None
assert TX.debtor_account is not None and TX.remittance is not None
FOREIGN = Extra("iso20022", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf/Dbtr/CtctDtls", "<CtctDtls/>")


def test_the_base_message_takes_the_lane() -> None:
    assert _lane(BASE) is not None
    _same(BASE)


DECLINED: dict[str, Callable[[], CreditTransfer]] = {
    "message extras (Document attribute)": lambda: replace(
        BASE, extras=(Extra("iso20022", "/Document/@version", "1"),)
    ),
    "namespace extra": lambda: replace(
        BASE, extras=(Extra("iso20022", "/Document/@xmlns", "urn:example:variant"),)
    ),
    "group header extras": lambda: replace(
        BASE,
        group_header=replace(
            BASE.group_header,
            extras=(Extra("iso20022", "/Document/FIToFICstmrCdtTrf/GrpHdr/PmtTpInf", "<PmtTpInf/>"),),
        ),
    ),
    "settlement extras": lambda: replace(
        BASE,
        group_header=replace(
            BASE.group_header,
            settlement=replace(
                BASE.group_header.settlement,  # type: ignore[type-var]
                extras=(
                    Extra(
                        "iso20022", "/Document/FIToFICstmrCdtTrf/GrpHdr/SttlmInf/SttlmAcct", "<SttlmAcct/>"
                    ),
                ),
            ),
        ),
    ),
    "header extras (AppHdr attribute)": lambda: replace(
        BASE,
        header=replace(BASE.header, extras=(Extra("iso20022", "/AppHdr/@version", "1"),)),  # type: ignore[type-var]
    ),
    "transaction extras at another level": lambda: _tx(BASE, extras=(FOREIGN,)),
    "transaction extras of another source": lambda: _tx(BASE, extras=(Extra("mt", "MT103:72", "/INS/X"),)),
    "party extras": lambda: _tx(BASE, debtor=replace(TX.debtor, extras=(FOREIGN,))),  # type: ignore[type-var]
    "address extras": lambda: _tx(
        BASE,
        debtor=replace(TX.debtor, address=replace(TX.debtor.address, extras=(FOREIGN,))),  # type: ignore[union-attr,type-var]
    ),
    "agent extras": lambda: _tx(BASE, debtor_agent=replace(TX.debtor_agent, extras=(FOREIGN,))),  # type: ignore[type-var]
    "account extras": lambda: _tx(BASE, debtor_account=replace(TX.debtor_account, extras=(FOREIGN,))),  # type: ignore[type-var]
    "account proxy": lambda: _tx(BASE, debtor_account=replace(TX.debtor_account, proxy="+4912345")),  # type: ignore[type-var]
    "remittance extras": lambda: _tx(BASE, remittance=replace(TX.remittance, extras=(FOREIGN,))),  # type: ignore[type-var]
    "structured remittance": lambda: _tx(
        BASE, remittance=Remittance((), (StructuredRemittance(creditor_reference="RF18539007547034"),))
    ),
    "ampersand": lambda: _tx(BASE, debtor=replace(TX.debtor, name="Smith & Sons")),  # type: ignore[type-var]
    "less-than": lambda: _tx(BASE, debtor=replace(TX.debtor, name="a<b")),  # type: ignore[type-var]
    "quote in a currency": lambda: _tx(BASE, settlement_amount=replace(TX.settlement_amount, currency='E"R')),  # type: ignore[type-var]
    "line feed": lambda: _tx(BASE, remittance=Remittance(("line one\nline two",))),
    "carriage return": lambda: _tx(BASE, remittance=Remittance(("line one\rline two",))),
    "tab": lambda: _tx(BASE, remittance=Remittance(("a\tb",))),
    "member the version lacks (address CareOf)": lambda: _tx(
        BASE,
        debtor=replace(TX.debtor, address=replace(TX.debtor.address, care_of="Jane Doe")),  # type: ignore[union-attr,type-var]
    ),
    "member the version lacks (group header InitgPty)": lambda: replace(
        BASE, group_header=replace(BASE.group_header, initiating_party=Party(name="X"))
    ),
    "member the version lacks (pacs.008 underlying)": lambda: _tx(BASE, underlying=CreditTransferTx()),
    "agent where a party belongs": lambda: _tx(BASE, debtor=Agent(bic="BANKGB2LXXX")),
    "party where an agent belongs": lambda: _tx(BASE, debtor_agent=Party(name="Bank")),  # type: ignore[arg-type]
    "four previous instructing agents": lambda: _tx(
        BASE, previous_instructing_agents=tuple(AgentAccount(Agent(bic="BANKGB2LXXX")) for _ in range(4))
    ),
}


@pytest.mark.parametrize("name", list(DECLINED))
def test_declines(name: str) -> None:
    message = DECLINED[name]()
    assert _lane(message) is None
    _same(message)


def test_unsupported_version_is_declined() -> None:
    other = replace(BASE, message_type="pacs.008.001.09", header=None)
    assert _lane(other, "pacs.008.001.09") is None
    _same(other, "pacs.008.001.09")


def test_conversion_does_not_use_the_lane(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = fastwrite.write_fast
    monkeypatch.setattr(fastwrite, "write_fast", lambda *a, **k: calls.append(a[1]) or real(*a, **k))
    fast = write_iso(BASE, "pacs.008.001.10", {})
    assert calls == []
    assert fast.value == _general(BASE, "pacs.008.001.10").value


def test_odd_envelope_tag_is_left_to_the_general_writer() -> None:
    header = BASE.header
    assert header is not None
    assert fastwrite.write_fast(BASE, V8, (header, header.version, V8), "not a name") is None
    assert fastwrite.write_fast(BASE, V8, (header, header.version, V8), 3) is None


def test_supplementary_fragments_keep_their_schema_place() -> None:
    """RgltryRptg (kept from the input) sits between Purp and RmtInf; SplmtryData goes last."""
    supplementary = Extra(
        "iso20022",
        "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/SplmtryData[1]",
        '<SplmtryData xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"><Envlp/></SplmtryData>',
    )
    message = _tx(BASE, extras=(supplementary, *TX.extras))
    assert _lane(message) is not None
    xml = _same(message)
    ns = {"d": "urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"}
    tx = etree.fromstring(xml).find(".//d:CdtTrfTxInf", ns)
    assert tx is not None
    names = [etree.QName(child).localname for child in tx]
    assert names[-4:] == ["Purp", "RgltryRptg", "RmtInf", "SplmtryData"]


def test_fragment_of_an_unknown_element_is_declined() -> None:
    odd = Extra("iso20022", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Nonsense[1]", "<Nonsense/>")
    message = _tx(BASE, extras=(odd,))
    assert _lane(message) is None
    _same(message)


INJECTIONS = ("</Nm><Nm>", "A & B", "x < y", "]]>", "a\r\nb", "<!--", "'\"")


@pytest.mark.parametrize("value", INJECTIONS)
def test_injection_never_changes_the_structure(value: str) -> None:
    message = _tx(BASE, debtor=replace(TX.debtor, name=value))  # type: ignore[type-var]
    assert _lane(message) is None or value == "'\""
    xml = _same(message)
    ns = {"d": "urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"}
    root = etree.fromstring(xml)
    names = root.findall(".//d:Dbtr/d:Nm", ns)
    assert len(names) == 1
    assert names[0].text == value  # a CR is written as &#13;, so even it comes back
    assert len(list(root.iter())) == len(list(etree.fromstring(_same(BASE)).iter()))


def _mutate(draw: Any, message: CreditTransfer) -> CreditTransfer:
    """Random edits of a fixture's first transaction: the lane must agree or decline."""
    text = st.one_of(st.none(), st.text(alphabet='AZaz09 -/&<>éß\n"', max_size=6))
    tx = message.transactions[0]
    changes: dict[str, Any] = {}
    if draw(st.booleans()):
        changes["charge_bearer"] = draw(text)
    if draw(st.booleans()):
        changes["settlement_priority"] = draw(text)
    if draw(st.booleans()):
        changes["remittance"] = draw(
            st.one_of(st.none(), st.builds(Remittance, st.lists(st.text(max_size=5), max_size=2).map(tuple)))
        )
    if draw(st.booleans()) and isinstance(tx.debtor, Party):
        address = tx.debtor.address
        changes["debtor"] = replace(
            tx.debtor,
            name=draw(text),
            country_of_residence=draw(text),
            address=None if address is None or draw(st.booleans()) else replace(address, room=draw(text)),
        )
    if draw(st.booleans()):
        changes["creditor_account"] = draw(
            st.one_of(st.none(), st.builds(Account, iban=text, currency=text, name=text))
        )
    if draw(st.booleans()):
        changes["instructing_agent"] = draw(
            st.one_of(st.none(), st.builds(Agent, bic=text, lei=text, name=text, branch_id=text))
        )
    return replace(message, transactions=(replace(tx, **changes), *message.transactions[1:]))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.data(),
    st.sampled_from(["pacs008-cbpr-structured", "pacs009-core", "pacs009-cov", "pacs008-multi-bare"]),
)
def test_mutated_fixtures_write_the_same(data: Any, name: str) -> None:
    message = _mutate(data.draw, _load(name))
    _same_outcome(message, message.message_type[:15])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pacs008_messages())
def test_generated_pacs008_write_the_same(message: CreditTransfer) -> None:
    _same(message, V8)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(mt103_messages(), mt202cov_messages()))
def test_generated_mt_translations_write_the_same(mt: Any) -> None:
    from finmsg.mt.writer import write_message

    source = read_one(write_message(mt).value).value
    message = translate(source, "iso20022", now=FIXED_NOW).value
    assert isinstance(message, CreditTransfer)
    assert _lane(message, message.message_type) is not None
    _same(message, message.message_type)
