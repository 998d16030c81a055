"""Golden investigation pairs (MT192/MT292 ↔ camt.056): output, diagnostics, validity, round trip.

``fixtures/translate/<pair>/<case>/`` holds ``input.fin`` or ``input.xml``, the
expected output and ``expected-diagnostics.json``, written only by
``pytest --update-goldens`` and then reviewed value by value. MX outputs are
validated (XSD or structural, plus CBPR+) in this test; MT outputs pass the
MT validator; the way back keeps the UETR, the references, the amount and the
date (issue §5), and every MT field a round trip changes is named by a
diagnostic.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from finmsg.iso20022.document import read_iso
from finmsg.model.exceptions import CancellationRequest
from finmsg.mt.api import read_one
from finmsg.mt.validate import validate_message
from finmsg.testing.translate import check_mx, diagnostics_json, mt_to_mx, mx_to_mt, unexplained_differences
from tests.golden import check_golden

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "translate"
PAIRS = ("mt192-camt056", "camt056-mt192")
CASES = sorted(case for pair in PAIRS for case in (FIXTURES / pair).glob("*") if case.is_dir())


def test_every_investigation_pair_has_five_cases() -> None:
    counts = {pair: sum(1 for case in CASES if case.parent.name == pair) for pair in PAIRS}
    assert all(count >= 5 for count in counts.values()), counts


def _key(message: CancellationRequest) -> tuple[object, ...]:
    tx = message.underlyings[0].transactions[0]
    ref = tx.original
    reason = tx.reasons[0].reason if tx.reasons else None
    return (ref.uetr, ref.settlement_amount, ref.settlement_date, reason)


def _errors(diagnostics: list) -> list[str]:  # type: ignore[type-arg]
    return [str(d) for d in diagnostics if d.is_error]


@pytest.mark.parametrize("case", CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_investigation_golden(case: Path, update_goldens: bool) -> None:
    if (case / "input.fin").exists():
        source = (case / "input.fin").read_bytes()
        original = read_one(source).value
        assert _errors(validate_message(original)) == []
        xml, _model, diagnostics = mt_to_mx(source, "iso20022")
        check_golden(case / "expected.xml", xml.decode("utf-8"), update_goldens)
        check_golden(case / "expected-diagnostics.json", diagnostics_json(diagnostics), update_goldens)
        assert _errors(check_mx(xml)) == []
        _, back, back_diags = mx_to_mt(xml, "mt")
        assert _errors(validate_message(back)) == []
        assert back.mt_number == original.mt_number
        assert back.uetr == original.uetr
        assert unexplained_differences(original, back, diagnostics + back_diags) == []
    else:
        source = (case / "input.xml").read_bytes()
        assert _errors(check_mx(source)) == []
        target = (case / "target").read_text().strip() if (case / "target").exists() else "mt"
        fin, message, diagnostics = mx_to_mt(source, target)
        if target != "mt":  # an explicit MT asked for is the MT written (README: optional ``target``)
            assert f"mt{message.mt_number}" == target
        check_golden(case / "expected.fin", fin.decode("ascii").replace("\r\n", "\n"), update_goldens)
        check_golden(case / "expected-diagnostics.json", diagnostics_json(diagnostics), update_goldens)
        assert _errors(validate_message(message)) == []
        xml, _, _ = mt_to_mx(fin, "camt.056")
        assert _errors(check_mx(xml)) == []
        before, after = read_iso(source, {}).value, read_iso(xml, {}).value
        assert isinstance(before, CancellationRequest) and isinstance(after, CancellationRequest)
        assert _key(after) == _key(before)
