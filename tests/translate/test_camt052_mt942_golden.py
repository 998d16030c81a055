"""Golden camt.052 → MT942 / MT941 cases: output, diagnostics, MT validity and the way back.

Each ``fixtures/translate/camt052-mt942/<case>/`` holds ``input.xml``, the
expected FIN text and ``expected-diagnostics.json``, written only by
``pytest --update-goldens`` and then reviewed value by value. The test also
translates the MT back to camt.052, validates that output, and checks that
every balance and entry MT carries comes back with the same amount, sign,
currency and dates (issue §5), unless a diagnostic reports it dropped.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from finmsg.diagnostics import Diagnostic
from finmsg.iso20022.document import read_iso
from finmsg.model.statements import Statement
from finmsg.mt.validate import validate_message
from finmsg.testing.translate import check_mx, diagnostics_json, mt_to_mx, mx_to_mt
from tests.golden import check_golden

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "translate" / "camt052-mt942"
CASES = sorted(case for case in FIXTURES.glob("*") if case.is_dir())
SRC = "/Document/BkToCstmrAcctRpt/Rpt[1]"


def test_the_pair_has_five_cases() -> None:
    assert len(CASES) >= 5


def _dropped(diagnostics: list[Diagnostic]) -> set[str]:
    return {d.path or "" for d in diagnostics if d.code == "lossy.dropped"}


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_camt052_golden(case: Path, update_goldens: bool) -> None:
    source = (case / "input.xml").read_bytes()
    assert [str(d) for d in check_mx(source) if d.is_error] == []
    fin, message, diagnostics = mx_to_mt(source, "mt")
    check_golden(case / "expected.fin", fin.decode("ascii").replace("\r\n", "\n"), update_goldens)
    check_golden(case / "expected-diagnostics.json", diagnostics_json(diagnostics), update_goldens)
    assert [str(d) for d in validate_message(message) if d.is_error] == []
    assert message.mt_number in ("941", "942")
    xml, _, _ = mt_to_mx(fin, "camt.052")
    assert [str(d) for d in check_mx(xml) if d.is_error] == []
    before = read_iso(source, {}).value
    after = read_iso(xml, {}).value
    assert isinstance(before, Statement) and isinstance(after, Statement)
    dropped = _dropped(diagnostics)
    first, again = before.reports[0], after.reports[0]
    kept = [
        (b.amount, b.credit_debit, b.date)
        for i, b in enumerate(first.balances, 1)
        if f"{SRC}/Bal[{i}]/Tp" not in dropped
    ]
    assert [(b.amount, b.credit_debit, b.date) for b in again.balances] == kept
    assert [(e.amount, e.credit_debit, e.value_date, e.account_servicer_ref) for e in again.entries] == [
        (e.amount, e.credit_debit, e.value_date, e.account_servicer_ref) for e in first.entries
    ]
    assert again.account.identifier == first.account.identifier
