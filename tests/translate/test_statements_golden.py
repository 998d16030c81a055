"""Golden statement pairs (MT940/MT950 ↔ camt.053, ...): output, diagnostics, XSD, MT validity, round trip.

Each ``fixtures/translate/<pair>/<case>/`` of the statement pairs holds
``input.fin`` (translated to ISO 20022) or ``input.xml`` (translated to MT),
the expected output and ``expected-diagnostics.json``. Expected files are only
written by ``pytest --update-goldens`` and then reviewed value by value.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from finmsg.diagnostics import Diagnostic
from finmsg.iso20022.document import read_iso
from finmsg.model.statements import DateOrDateTime, Statement
from finmsg.mt.api import read_one
from finmsg.mt.validate import validate_message
from finmsg.testing.translate import check_mx, diagnostics_json, mt_to_mx, mx_to_mt, unexplained_differences
from tests.golden import check_golden

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "translate"
PAIRS = ("mt940-camt053", "camt053-mt940")
SRC = "/Document/BkToCstmrStmt/Stmt[1]"
CASES = sorted(case for pair in PAIRS for case in (FIXTURES / pair).glob("*") if case.is_dir())


def test_every_statement_pair_has_five_cases() -> None:
    counts = {pair: sum(1 for case in CASES if case.parent.name == pair) for pair in PAIRS}
    assert all(count >= 5 for count in counts.values()), counts


def _day(choice: DateOrDateTime | None) -> date | None:
    if choice is None:
        return None
    return choice.date or (choice.date_time.value.date() if choice.date_time else None)


def _core(message: Statement) -> list[tuple[object, ...]]:
    """Amounts, currencies, signs, dates and references of the first report's balances and entries."""
    report = message.reports[0]
    out: list[tuple[object, ...]] = [
        (b.type.code, b.amount, b.credit_debit, _day(b.date)) for b in report.balances
    ]
    for e in report.entries:
        out.append((e.amount, e.credit_debit, e.value_date, e.booking_date, e.account_servicer_ref))
    return out


@pytest.mark.parametrize("case", CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_statement_golden(case: Path, update_goldens: bool) -> None:
    if (case / "input.fin").exists():
        source = (case / "input.fin").read_bytes()
        xml, _model, diagnostics = mt_to_mx(source, "iso20022")
        check_golden(case / "expected.xml", xml.decode("utf-8"), update_goldens)
        check_golden(case / "expected-diagnostics.json", diagnostics_json(diagnostics), update_goldens)
        assert [str(d) for d in check_mx(xml) if d.is_error] == []
        _, back, back_diags = mx_to_mt(xml, "mt")
        assert [str(d) for d in validate_message(back) if d.is_error] == []
        original = read_one(source).value
        assert back.mt_number == original.mt_number
        assert unexplained_differences(original, back, diagnostics + back_diags) == []
    else:
        source = (case / "input.xml").read_bytes()
        fin, message, diagnostics = mx_to_mt(source, "mt")
        check_golden(case / "expected.fin", fin.decode("ascii").replace("\r\n", "\n"), update_goldens)
        check_golden(case / "expected-diagnostics.json", diagnostics_json(diagnostics), update_goldens)
        assert [str(d) for d in validate_message(message) if d.is_error] == []
        xml, _, _ = mt_to_mx(fin, "iso20022")
        assert [str(d) for d in check_mx(xml) if d.is_error] == []
        source_model = read_iso(source, {}).value
        again = read_iso(xml, {}).value
        assert isinstance(source_model, Statement) and isinstance(again, Statement)
        _assert_balances_kept(source_model, again, diagnostics)


def _assert_balances_kept(original: Statement, again: Statement, diagnostics: list[Diagnostic]) -> None:
    """Every balance MT carries comes back with its amount, sign and date; a type change is reported."""
    named = {d.path: d.code for d in diagnostics}
    expected = []
    for index, item in enumerate(_core(original)[: len(original.reports[0].balances)], 1):
        code = named.get(f"{SRC}/Bal[{index}]/Tp")
        if code == "lossy.dropped":
            continue
        expected.append(item if code is None else (None, *item[1:]))
    kept = [k for k in _core(again) if len(k) == 4]
    assert len(kept) == len(expected)
    assert [
        k if e[0] is not None else (None, *k[1:]) for k, e in zip(kept, expected, strict=True)
    ] == expected
