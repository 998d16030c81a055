"""Model values the general writer used to drop without a word: a fourth numbered agent, an account proxy."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from lxml import etree

import finmsg
from finmsg.model.common import Account
from finmsg.model.payments import Agent, AgentAccount

_NS = {"d": "urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"}


_FIXTURE = (
    Path(__file__).resolve().parents[2] / "fixtures" / "iso20022" / "pacs008-cbpr-structured" / "input.xml"
)


def _pacs008() -> finmsg.Message:
    return finmsg.parse(_FIXTURE.read_bytes()).value


def test_a_fourth_intermediary_agent_is_reported_not_cut() -> None:
    message = _pacs008()
    tx = message.transactions[0]
    chain = tuple(
        AgentAccount(Agent(bic=bic)) for bic in ("AAAADEFFXXX", "BBBBDEFFXXX", "CCCCDEFFXXX", "DDDDDEFFXXX")
    )
    message = replace(message, transactions=(replace(tx, intermediary_agents=chain),))
    result = finmsg.convert(message, "pacs.008.001.08")
    doc = etree.fromstring(result.value)
    written = doc.xpath("//d:IntrmyAgt3/d:FinInstnId/d:BICFI/text()", namespaces=_NS)
    assert written == ["CCCCDEFFXXX"]
    dropped = [d for d in result.diagnostics if d.code == "version.dropped"]
    assert [d.original for d in dropped] == ["DDDDDEFFXXX"]
    assert dropped[0].path.endswith("/IntrmyAgt4")


def test_an_account_proxy_is_written() -> None:
    message = _pacs008()
    tx = message.transactions[0]
    account = replace(tx.creditor_account or Account(iban="DE89370400440532013000"), proxy="+4915112345678")
    message = replace(message, transactions=(replace(tx, creditor_account=account),))
    result = finmsg.convert(message, "pacs.008.001.08")
    doc = etree.fromstring(result.value)
    assert doc.xpath("//d:CdtrAcct/d:Prxy/d:Id/text()", namespaces=_NS) == ["+4915112345678"]
    assert not [d for d in result.diagnostics if d.severity.name in ("WARNING", "ERROR")]
