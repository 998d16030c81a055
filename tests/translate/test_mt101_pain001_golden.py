"""Golden MT101 ↔ pain.001 pairs: output, diagnostics, XSD, MT validity and the round trips.

Each ``fixtures/translate/<pair>/<case>/`` holds ``input.fin`` (translated to
ISO 20022, the pair chosen automatically) or ``input.xml`` (translated to MT),
the expected output and ``expected-diagnostics.json``. Expected files are only
written by ``pytest --update-goldens`` and then reviewed value by value.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from finmsg.iso20022.document import read_iso
from finmsg.model.initiation import PaymentInitiation
from finmsg.model.payments import CreditTransferTx
from finmsg.mt.api import read_one
from finmsg.mt.validate import validate_message
from finmsg.testing.translate import check_mx, diagnostics_json, mt_to_mx, mx_to_mt, unexplained_differences
from tests.golden import check_golden

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "translate"
PAIRS = ("mt101-pain001", "pain001-mt101")
CASES = sorted(case for pair in PAIRS for case in (FIXTURES / pair).glob("*") if case.is_dir())


def test_every_mt101_pair_has_five_cases() -> None:
    counts = {pair: sum(1 for case in CASES if case.parent.name == pair) for pair in PAIRS}
    assert all(count >= 5 for count in counts.values()), counts


def _amount(tx: CreditTransferTx) -> tuple[object, ...]:
    """InstdAmt, or the EqvtAmt fragment text (amount, currency and currency of transfer)."""
    if tx.instructed_amount is not None:
        return (tx.instructed_amount,)
    return tuple(e.content.split(">", 1)[1] for e in tx.extras if e.path.endswith("EqvtAmt"))


def _core(message: PaymentInitiation) -> list[tuple[object, ...]]:
    """Per transaction: debtor account, execution date, amount, creditor account, agents' BICs, UETR."""
    out: list[tuple[object, ...]] = []
    for batch in message.payments:
        for tx in batch.transactions:
            out.append(
                (
                    batch.debtor_account.identifier if batch.debtor_account else None,
                    batch.requested_execution_date
                    or (
                        batch.requested_execution_datetime.value.date()
                        if batch.requested_execution_datetime
                        else None
                    ),
                    _amount(tx),
                    tx.creditor_account.identifier if tx.creditor_account else None,
                    tx.creditor_agent.bic if tx.creditor_agent else None,
                    tx.ids.uetr,
                )
            )
    return out


@pytest.mark.parametrize("case", CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_mt101_golden(case: Path, update_goldens: bool) -> None:
    if (case / "input.fin").exists():
        source = (case / "input.fin").read_bytes()
        original = read_one(source).value
        assert [str(d) for d in validate_message(original) if d.is_error] == []
        xml, _model, diagnostics = mt_to_mx(source, "iso20022")
        check_golden(case / "expected.xml", xml.decode("utf-8"), update_goldens)
        check_golden(case / "expected-diagnostics.json", diagnostics_json(diagnostics), update_goldens)
        assert [str(d) for d in check_mx(xml) if d.is_error] == []
        assert all(d.rule for d in diagnostics)
        _, back, back_diags = mx_to_mt(xml, "mt")
        assert [str(d) for d in validate_message(back) if d.is_error] == []
        assert back.mt_number == "101"
        assert back.uetr == original.uetr
        for tag in ("20", "21", "30", "32B", "21F", "36", "33B", "25A", "21R"):
            assert [f.value for f in back.fields if f.tag == tag] == [
                f.value for f in original.fields if f.tag == tag
            ], tag
        assert unexplained_differences(original, back, diagnostics + back_diags) == []
    else:
        source = (case / "input.xml").read_bytes()
        assert [str(d) for d in check_mx(source) if d.is_error] == []
        fin, message, diagnostics = mx_to_mt(source, "mt")
        check_golden(case / "expected.fin", fin.decode("ascii").replace("\r\n", "\n"), update_goldens)
        check_golden(case / "expected-diagnostics.json", diagnostics_json(diagnostics), update_goldens)
        assert [str(d) for d in validate_message(message) if d.is_error] == []
        assert all(d.rule for d in diagnostics)
        xml, _, _ = mt_to_mx(fin, "iso20022")
        assert [str(d) for d in check_mx(xml) if d.is_error] == []
        given = read_iso(source, {}).value
        again = read_iso(xml, {}).value
        assert isinstance(given, PaymentInitiation) and isinstance(again, PaymentInitiation)
        dropped = {d.path for d in diagnostics if d.rule == "TA018"}
        kept = [
            row
            for row, (n, m) in zip(_core(given), _positions(given), strict=True)
            if f"/Document/CstmrCdtTrfInitn/PmtInf[{n}]/CdtTrfTxInf[{m}]" not in dropped
        ]
        assert _core(again) == kept


def _positions(message: PaymentInitiation) -> list[tuple[int, int]]:
    return [(n, m) for n, b in enumerate(message.payments, 1) for m in range(1, len(b.transactions) + 1)]


def test_decimal_amounts_are_exact() -> None:
    """The 32B text 15250,75 is the Decimal 15250.75 in the pain.001 (never a float)."""
    source = (FIXTURES / "pain001-mt101" / "structured-lei-single" / "input.xml").read_bytes()
    fin, message, _ = mx_to_mt(source, "mt")
    assert [f.value for f in message.fields if f.tag == "32B"] == ["EUR15250,75"]
    _, model, _ = mt_to_mx(fin, "iso20022")
    assert isinstance(model, PaymentInitiation)
    assert model.transactions[0].instructed_amount is not None
    assert model.transactions[0].instructed_amount.value == Decimal("15250.75")
