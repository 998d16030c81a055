"""Golden MT942 / MT941 → camt.052 cases: output, diagnostics, XSD + CBPR+ validity and the way back.

Each ``fixtures/translate/mt942-camt052/<case>/`` holds a hand-written
``input.fin`` (MT942 intraday report or MT941 balance report), the expected
camt.052 and ``expected-diagnostics.json``, written only by
``pytest --update-goldens`` and reviewed value by value. The test translates
the camt.052 back to MT, which must be the same message type again, and checks
that no block-4 field changed without a diagnostic naming it (issue §5), and
that every amount, sign, currency and date of the report survives.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from finmsg.iso20022.document import read_iso
from finmsg.model.statements import Statement
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

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "translate" / "mt942-camt052"
CASES = sorted(case for case in FIXTURES.glob("*") if case.is_dir())


def test_both_message_types_have_cases() -> None:
    kinds = [read_one((case / "input.fin").read_bytes()).value.mt_number for case in CASES]  # type: ignore[union-attr]
    assert len(CASES) >= 5 and {"941", "942"} <= set(kinds)


def _core(message: Statement) -> list[tuple[object, ...]]:
    report = message.reports[0]
    out: list[tuple[object, ...]] = [(b.type.code, b.amount, b.credit_debit) for b in report.balances]
    out.extend((e.amount, e.credit_debit, e.value_date, e.account_servicer_ref) for e in report.entries)
    summary = report.summary
    if summary is not None:
        out.append((summary.credit_entries, summary.credit_sum, summary.debit_entries, summary.debit_sum))
    return out


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_mt94x_golden(case: Path, update_goldens: bool) -> None:
    source = (case / "input.fin").read_bytes()
    original = read_one(source).value
    assert [str(d) for d in validate_message(original) if d.is_error] == []  # a valid hand-written input
    xml, model, diagnostics = mt_to_mx(source, "iso20022")
    assert model.message_type.startswith("camt.052")
    check_golden(case / "expected.xml", xml.decode("utf-8"), update_goldens)
    check_golden(case / "expected-diagnostics.json", diagnostics_json(diagnostics), update_goldens)
    assert [str(d) for d in check_mx(xml) if d.is_error] == []
    fin, back, back_diags = mx_to_mt(xml, "mt")
    assert [str(d) for d in validate_message(back) if d.is_error] == []
    assert back.mt_number == original.mt_number
    assert unexplained_differences(original, back, diagnostics + back_diags) == []
    again = read_iso(mt_to_mx(fin, "iso20022")[0], {}).value
    assert isinstance(model, Statement) and isinstance(again, Statement)
    assert _core(again) == _core(model)
