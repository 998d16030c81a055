"""MT202/MT205 ``/RETN/`` ↔ pacs.004 (TR050, TR053): the MT103-or-MT202 choice, MT205, refusals.

Expected values are written by hand from the return guideline (72: ``/RETN/`` + field,
reason code, ``/MREF/`` = field 20 of the returned message) and the pacs.009 ↔ MT202 rules.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from finmsg.errors import ConversionError
from finmsg.iso20022.document import read_iso
from finmsg.model.common import Agent, Amount, Party
from finmsg.model.exceptions import OriginalGroupRef, OriginalTxDetails, PaymentReturn, ReturnChain
from finmsg.mt.api import read_one
from finmsg.mt.message import MtMessage
from finmsg.testing.translate import FIXED_NOW, mt_to_mx, mx_to_mt
from finmsg.translate import translate
from finmsg.translate.fi_returns import is_fi_return

CASES = Path(__file__).resolve().parents[2] / "fixtures" / "translate"

MT205_RETN = b"""{1:F01BANKDEFFAXXX0000000000}{2:I205BANKBEBBXXXXN}\
{3:{121:1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f}}{4:
:20:RTN-205-1
:21:REL-205
:32A:261216EUR9000,
:52A:BANKDEFF
:57A:KREDBEBB
:58A:BANKBEBB
:72:/RETN/57A
/AC06/ACCOUNT BLOCKED
/MREF/ORIG-205-1
-}"""


def _return(case: str) -> PaymentReturn:
    _, message, _ = mt_to_mx((CASES / "mt202retn-pacs004" / case / "input.fin").read_bytes(), "iso20022")
    assert isinstance(message, PaymentReturn)
    return message


def test_mt202_return_values() -> None:
    rtr = _return("am05-agents-text").transactions[0]
    assert rtr.return_id == "RTN-FI-0002"
    assert rtr.returned_amount == Amount(Decimal("2500000.00"), "EUR")
    assert rtr.settlement_date == date(2026, 12, 10)
    assert rtr.original.instruction_id == "FX-778201"
    assert rtr.original.end_to_end_id == "E2E-SWAP-2026-12"
    assert rtr.original.uetr == "3f2a1b0c-4d5e-4f60-8a7b-9c0d1e2f3a4b"
    assert rtr.original.group == OriginalGroupRef("FX-778201", "MT202")
    chain = rtr.return_chain
    assert chain is not None
    assert isinstance(chain.debtor, Agent) and chain.debtor.bic == "IRVTUS3N"
    assert isinstance(chain.creditor, Agent) and chain.creditor.bic == "DEUTDEFF"
    assert chain.creditor_account is not None
    assert chain.creditor_account.identifier == "DE44500105175407324931"
    assert [a.agent.bic for a in chain.intermediary_agents] == ["COBADEFF"]
    assert chain.creditor_agent is not None and chain.creditor_agent.bic == "HELADEFF"
    reason = rtr.reasons[0]
    assert reason.reason is not None and reason.reason.code == "AM05"
    assert reason.additional_info == (
        "/RETN/57A",
        "DUPLICATE OF EARLIER FUNDING",
        "/TEXT/FUNDS SENT BACK VIA THE SAME INTERMEDIARY AS RECEIVED",
    )


def test_nonref_takes_the_tref_and_a_conflicting_tref_is_reported() -> None:
    assert _return("nonref-tref-chgs-no-uetr").transactions[0].original.end_to_end_id == "E2E-LIQ-115"
    _, message, diagnostics = mt_to_mx(
        (CASES / "mt202retn-pacs004" / "be01-58d-tref-conflict" / "input.fin").read_bytes(), "iso20022"
    )
    assert isinstance(message, PaymentReturn)
    assert message.transactions[0].original.end_to_end_id == "REL-DIRECT-9"
    dropped = [d for d in diagnostics if d.rule == "TR053"]
    assert [(d.path, d.original) for d in dropped] == [("MT202:72/line[4]", "/TREF/OTHER-REF-1")]


def test_mt205_return_to_pacs004_and_back_to_mt205() -> None:
    xml, message, diagnostics = mt_to_mx(MT205_RETN, "iso20022")
    assert isinstance(message, PaymentReturn)
    rtr = message.transactions[0]
    assert rtr.original.group == OriginalGroupRef("ORIG-205-1", "MT205")
    assert rtr.returned_amount == Amount(Decimal("9000"), "EUR")
    assert rtr.reasons[0].reason is not None and rtr.reasons[0].reason.code == "AC06"
    assert "TR042" in {d.rule for d in diagnostics}  # MT205 or MT202 is not said by pacs.004 either
    _, back, _ = mx_to_mt(xml, "mt205")
    assert back.message_type == "205"
    original = read_one(MT205_RETN).value
    assert isinstance(original, MtMessage)
    assert [(f.tag, f.value) for f in back.fields] == [(f.tag, f.value) for f in original.fields]
    _, default, _ = mx_to_mt(xml, "mt")
    assert default.message_type == "202"
    assert default.get("52A") is None  # 52A names the sender: left to its default in an MT202


def test_mt202_return_round_trip_keeps_block_4() -> None:
    source = (CASES / "mt202retn-pacs004" / "ac01-basic" / "input.fin").read_bytes()
    xml, _, _ = mt_to_mx(source, "iso20022")
    _, back, _ = mx_to_mt(xml, "mt")
    original = read_one(source).value
    assert isinstance(original, MtMessage)
    assert [(f.tag, f.value) for f in back.fields] == [(f.tag, f.value) for f in original.fields]


def _pacs004(chain: ReturnChain | None, name_id: str | None) -> PaymentReturn:
    source = (CASES / "pacs004-mt202" / "ac01-pacs009-origin" / "input.xml").read_bytes()
    message = read_iso(source, {}).value
    assert isinstance(message, PaymentReturn)
    rtr = message.transactions[0]
    group = OriginalGroupRef("FI-2026-0001", name_id) if name_id else None
    rtr = replace(rtr, return_chain=chain, original=replace(rtr.original, group=group))
    return replace(message, transactions=(rtr,))


BANK = Agent(bic="CHASUS33XXX")
OTHER = Agent(bic="BANKBEBBXXX")
PERSON = Party(name="JOHN SMITH")


@pytest.mark.parametrize(
    ("chain", "name_id", "fi"),
    [
        (ReturnChain(debtor=BANK, creditor=OTHER), "pacs.009.001.08", True),
        (ReturnChain(debtor=BANK, creditor=OTHER), "MT202COV", True),
        (ReturnChain(debtor=BANK, creditor=OTHER), None, True),  # agents only: an FI return
        (ReturnChain(debtor=PERSON, creditor=OTHER), None, False),
        (ReturnChain(debtor=BANK, creditor=OTHER), "pacs.008.001.08", False),  # the name decides
        (ReturnChain(debtor=PERSON, creditor=PERSON), "MT103", False),
        (None, None, False),
    ],
)
def test_the_mt103_or_mt202_choice(chain: ReturnChain | None, name_id: str | None, fi: bool) -> None:
    assert is_fi_return(_pacs004(chain, name_id)) is fi


def test_a_customer_return_still_becomes_an_mt103() -> None:
    source = (CASES / "pacs004-mt103" / "ac04-basic" / "input.xml").read_bytes()
    _, message, _ = mx_to_mt(source, "mt")
    assert message.message_type == "103"
    with pytest.raises(ConversionError) as err:
        mx_to_mt(source, "mt202")
    assert err.value.code == "translate.unsupported"


def test_an_explicit_mt202_for_a_party_is_refused() -> None:
    message = _pacs004(ReturnChain(debtor=BANK, creditor=PERSON), "pacs.009.001.08")
    with pytest.raises(ConversionError) as err:
        translate(message, "mt202", now=FIXED_NOW)
    assert err.value.code == "translate.unsupported"
    assert err.value.path == "/Document/PmtRtr/TxInf[1]/RtrChain/Cdtr/Pty"


def test_an_mt202_return_without_creditor_is_refused() -> None:
    message = _pacs004(ReturnChain(debtor=BANK), "pacs.009.001.08")
    with pytest.raises(ConversionError) as err:
        translate(message, "mt", now=FIXED_NOW)
    assert err.value.code == "translate.missing"


def test_a_cov_return_has_no_pair() -> None:
    cov = MT205_RETN.replace(b"I205", b"I202").replace(b"{121:", b"{119:COV}{121:")
    with pytest.raises(ConversionError) as err:
        mt_to_mx(cov, "iso20022")
    assert err.value.code == "translate.unsupported"


def test_original_details_and_ultimate_parties_are_reported() -> None:
    """OrgnlTxRef and UltmtCdtr have no MT202 field: TR053 names them, nothing goes silently."""
    message = _pacs004(ReturnChain(debtor=BANK, creditor=OTHER, ultimate_creditor=PERSON), "pacs.009.001.08")
    rtr = message.transactions[0]
    details = OriginalTxDetails(settlement_amount=Amount(Decimal("1000000.00"), "USD"))
    message = replace(message, transactions=(replace(rtr, original=replace(rtr.original, details=details)),))
    result = translate(message, "mt", now=FIXED_NOW)
    assert {d.path for d in result.diagnostics if d.rule == "TR053"} == {
        "/Document/PmtRtr/TxInf[1]/RtrChain/UltmtCdtr",
        "/Document/PmtRtr/TxInf[1]/OrgnlTxRef",
    }
