"""MT540–MT543 network rules added for the settlement mappings: E92 (SETT amount) and E91 (parties)."""

from __future__ import annotations

from finmsg.mt.messages.securities import settlement_amount_rule, settlement_parties_rule
from finmsg.mt.rules import RuleContext
from tests.settlement.helpers import FIXTURES, read_mt

_SETT = ":16R:AMT\n:19A::SETT//EUR1500,00\n:16S:AMT\n"


def _mt541() -> str:
    return (FIXTURES / "missing_ssi" / "fix_to_mt.fin").read_text()


def _codes(text: str) -> list[str]:
    msg = read_mt(text)
    if msg.mt_number not in ("541", "543"):
        return []
    return [d.code for d in settlement_amount_rule(RuleContext(msg))]


def test_against_payment_without_settlement_amount_is_e92() -> None:
    text = _mt541()
    assert _SETT in text
    assert _codes(text) == []
    assert _codes(text.replace(_SETT, "")) == ["mt.E92"]


def test_free_of_payment_needs_no_settlement_amount() -> None:
    text = _mt541().replace("{2:I541", "{2:I540").replace(_SETT, "")
    assert _codes(text) == []


def test_parties_rule_wants_pset_and_agent_unless_dbnm() -> None:
    bare = read_mt(_mt541())
    found = settlement_parties_rule(RuleContext(bare))
    assert [(d.code, d.message.split(":95a::")[1][:4]) for d in found] == [
        ("mt.E91", "DEAG"),
        ("mt.E91", "PSET"),
    ]
    parties = (
        ":16R:SETPRTY\n:95P::DEAG//BRKRDEFF\n:16S:SETPRTY\n:16R:SETPRTY\n:95P::PSET//DAKVDEFF\n:16S:SETPRTY\n"
    )
    full = _mt541().replace(":22F::SETR//TRAD\n", ":22F::SETR//TRAD\n" + parties)
    assert settlement_parties_rule(RuleContext(read_mt(full))) == []
    dbnm = _mt541().replace(":22F::SETR//TRAD\n", ":22F::SETR//TRAD\n:22F::DBNM//VEND\n")
    assert settlement_parties_rule(RuleContext(read_mt(dbnm))) == []
