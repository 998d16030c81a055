"""``mt103_in.transaction``: which value each CreditTransferTx member takes.

The members it always sets (ids, agents, repeated members), the members the field rules collected
by name, and the model defaults for the rest: a collected member overrides a set one, the debtor and
creditor agents fall back to the given defaults, an unknown name is a TypeError.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from finmsg.model.common import Agent, Amount
from finmsg.model.payments import Charge, CodeOrProprietary, PaymentIds, Remittance
from finmsg.translate.headers import Routing
from finmsg.translate.mt103_in import transaction
from finmsg.translate.txparts import TxParts

ROUTING = Routing("BANKBEBBXXX", "BANKDEFFXXX", "U")
DEBTOR_AGENT = Agent(bic="DEBTBEBBXXX")
CREDITOR_AGENT = Agent(bic="CREDDEFFXXX")


def _parts() -> TxParts:
    acc = TxParts("/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]")
    acc.values["settlement_amount"] = Amount(Decimal("9876.50"), "EUR")
    acc.values["remittance"] = Remittance(("SEA FREIGHT",))
    acc.values["charge_bearer"] = "SHAR"
    acc.charges.append(Charge(Amount(Decimal("12.50"), "EUR"), Agent(bic="BANKBEBBXXX")))
    acc.service.append(CodeOrProprietary(code="G001"))
    acc.end_to_end = "E2E-1"
    return acc


def test_set_collected_and_default_members() -> None:
    tx = transaction(_parts(), ROUTING, "INV2026-0042", "4d7f3a2e-9b1c-4e8f-a6d2-1c3b5e7f9a0b", None, None)
    assert tx.ids == PaymentIds("INV2026-0042", "E2E-1", None, "4d7f3a2e-9b1c-4e8f-a6d2-1c3b5e7f9a0b")
    assert tx.settlement_amount == Amount(Decimal("9876.50"), "EUR")
    assert tx.remittance == Remittance(("SEA FREIGHT",))
    assert tx.charge_bearer == "SHAR"
    assert tx.charges == (Charge(Amount(Decimal("12.50"), "EUR"), Agent(bic="BANKBEBBXXX")),)
    assert tx.instructing_agent == Agent(bic="BANKBEBBXXX")
    assert tx.instructed_agent == Agent(bic="BANKDEFFXXX")
    assert tx.payment_type is not None
    assert tx.payment_type.instruction_priority == "HIGH"  # block 2 priority U
    assert tx.payment_type.service_levels == (CodeOrProprietary(code="G001"),)
    # members nobody set keep the model's defaults
    assert tx.debtor is None and tx.purpose is None and tx.intermediary_agents == ()
    assert tx.debtor_agent is None and tx.creditor_agent is None


def test_agents_fall_back_to_the_given_defaults() -> None:
    acc = _parts()
    acc.values["debtor_agent"] = None  # a rule that found no agent
    tx = transaction(acc, ROUTING, "REF", None, DEBTOR_AGENT, CREDITOR_AGENT)
    assert (tx.debtor_agent, tx.creditor_agent) == (DEBTOR_AGENT, CREDITOR_AGENT)
    acc.values["creditor_agent"] = Agent(bic="OTHRDEFFXXX")
    tx = transaction(acc, ROUTING, "REF", None, DEBTOR_AGENT, CREDITOR_AGENT)
    assert (tx.debtor_agent, tx.creditor_agent) == (DEBTOR_AGENT, Agent(bic="OTHRDEFFXXX"))


def test_a_collected_member_overrides_the_one_set_from_the_lists() -> None:
    acc = _parts()
    acc.values["charges"] = ()
    tx = transaction(acc, ROUTING, "REF", None, None, None)
    assert tx.charges == ()


def test_the_same_names_in_another_order_give_the_same_transaction() -> None:
    first, second = _parts(), TxParts("/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]")
    second.charges, second.service, second.end_to_end = first.charges, first.service, first.end_to_end
    for name in reversed(list(first.values)):
        second.values[name] = first.values[name]
    one, other = (transaction(acc, ROUTING, "REF", None, None, None) for acc in (first, second))
    assert one == other


def test_an_unknown_member_name_is_a_type_error() -> None:
    acc = _parts()
    acc.values["no_such_member"] = "X"
    with pytest.raises(TypeError, match="CreditTransferTx has no member 'no_such_member'"):
        transaction(acc, ROUTING, "REF", None, None, None)
