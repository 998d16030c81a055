"""Golden MT200 ↔ pacs.009 pairs: output, diagnostics, XSD and MT validity, the round trip.

``fixtures/translate/{mt200-pacs009,pacs009-mt200}/<case>/`` hold the input, the
expected output and the expected diagnostics (written only by
``pytest --update-goldens`` and reviewed by hand). The way back of each case
asks for MT200 explicitly: a plain ``mt`` target gives an MT202.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from finmsg.diagnostics import Diagnostic
from finmsg.iso20022.document import read_iso
from finmsg.model.common import Agent
from finmsg.model.payments import CreditTransfer
from finmsg.mt.api import read_one
from finmsg.mt.validate import validate_message
from finmsg.testing.translate import (
    check_mx,
    diagnostics_json,
    mt_to_mx,
    mx_to_mt,
    unexplained_differences,
)
from tests.golden import check_golden

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "translate"
PAIRS = ("mt200-pacs009", "pacs009-mt200")
CASES = sorted(p for pair in PAIRS for p in (FIXTURES / pair).glob("*") if p.is_dir())


def test_corpus_has_five_cases_per_direction() -> None:
    counts = {pair: sum(1 for case in CASES if case.parent.name == pair) for pair in PAIRS}
    assert all(count >= 5 for count in counts.values()), counts


def _errors(found: list[Diagnostic]) -> list[str]:
    return [str(d) for d in found if d.is_error]


def _transfer(xml: bytes) -> CreditTransfer:
    value = read_iso(xml, {}).value
    assert isinstance(value, CreditTransfer)
    return value


def _mt_golden(case: Path, update_goldens: bool) -> None:
    source = (case / "input.fin").read_bytes()
    xml, model, diagnostics = mt_to_mx(source, "iso20022")
    check_golden(case / "expected.xml", xml.decode("utf-8"), update_goldens)
    check_golden(case / "expected-diagnostics.json", diagnostics_json(diagnostics), update_goldens)
    assert [d for d in check_mx(xml) if d.is_error and d.code.startswith("xsd")] == []
    assert isinstance(model, CreditTransfer) and model.message_type.startswith("pacs.009")
    tx = model.transactions[0]
    sender = model.header.from_bic if model.header else None
    # the own-account reading: the sender is both ends of the transfer
    assert tx.debtor == Agent(bic=sender) and tx.creditor == Agent(bic=sender)
    _, back, back_diags = mx_to_mt(xml, "mt200")
    assert _errors(validate_message(back)) == []
    original = read_one(source).value
    assert back.message_type == "200"
    assert unexplained_differences(original, back, diagnostics + back_diags) == []


def _mx_golden(case: Path, update_goldens: bool) -> None:
    source = (case / "input.xml").read_bytes()
    target = (case / "target").read_text().strip()
    fin, message, diagnostics = mx_to_mt(source, target)
    check_golden(case / "expected.fin", fin.decode("ascii").replace("\r\n", "\n"), update_goldens)
    check_golden(case / "expected-diagnostics.json", diagnostics_json(diagnostics), update_goldens)
    assert message.message_type == "200"
    assert _errors(validate_message(message)) == []
    xml, _, _ = mt_to_mx(fin, "iso20022")
    assert [d for d in check_mx(xml) if d.is_error and d.code.startswith("xsd")] == []
    a, b = _transfer(source).transactions[0], _transfer(xml).transactions[0]
    assert (b.settlement_amount, b.settlement_date, b.ids.uetr) == (
        a.settlement_amount,
        a.settlement_date,
        a.ids.uetr,
    )
    named = " ".join(f"{d.path} {d.target_path}" for d in diagnostics)
    if "/CdtrAgt" not in named:
        assert b.creditor_agent is not None and a.creditor_agent is not None
        assert b.creditor_agent.bic == a.creditor_agent.bic
    if "/IntrmyAgt1" not in named:
        assert [i.agent.bic for i in b.intermediary_agents] == [i.agent.bic for i in a.intermediary_agents]


@pytest.mark.parametrize("case", CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_golden_case(case: Path, update_goldens: bool) -> None:
    if (case / "input.fin").exists():
        _mt_golden(case, update_goldens)
    else:
        _mx_golden(case, update_goldens)
