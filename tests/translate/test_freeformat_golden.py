"""Golden MT199/MT299 ↔ admi.024 pairs: output, diagnostics, XSD and MT validity, the round trip.

Each ``fixtures/translate/{mtn99-admi024,admi024-mtn99}/<case>/`` holds the input,
the expected output and the expected diagnostics (written only by
``pytest --update-goldens`` and reviewed by hand).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from finmsg.diagnostics import Diagnostic
from finmsg.iso20022.document import read_iso
from finmsg.model.admin import Correspondence
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
PAIRS = ("mtn99-admi024", "admi024-mtn99")
CASES = sorted(p for pair in PAIRS for p in (FIXTURES / pair).glob("*") if p.is_dir())


def test_corpus_has_five_cases_per_direction() -> None:
    counts = {pair: sum(1 for case in CASES if case.parent.name == pair) for pair in PAIRS}
    assert all(count >= 5 for count in counts.values()), counts


def _errors(found: list[Diagnostic]) -> list[str]:
    return [str(d) for d in found if d.is_error]


def _named(diagnostics: list[Diagnostic], fragment: str) -> bool:
    return any(fragment in f"{d.path} {d.target_path}" for d in diagnostics)


@pytest.mark.parametrize("case", CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_golden_case(case: Path, update_goldens: bool) -> None:
    if (case / "input.fin").exists():
        source = (case / "input.fin").read_bytes()
        xml, model, diagnostics = mt_to_mx(source, "iso20022")
        check_golden(case / "expected.xml", xml.decode("utf-8"), update_goldens)
        check_golden(case / "expected-diagnostics.json", diagnostics_json(diagnostics), update_goldens)
        assert _errors(check_mx(xml)) == []
        assert isinstance(model, Correspondence)
        _, back, back_diags = mx_to_mt(xml, "mt")
        assert _errors(validate_message(back)) == []
        original = read_one(source).value
        assert back.message_type == original.message_type
        assert unexplained_differences(original, back, diagnostics + back_diags) == []
        return
    source = (case / "input.xml").read_bytes()
    target = (case / "target").read_text().strip() if (case / "target").exists() else "mt"
    fin, message, diagnostics = mx_to_mt(source, target)
    check_golden(case / "expected.fin", fin.decode("ascii").replace("\r\n", "\n"), update_goldens)
    check_golden(case / "expected-diagnostics.json", diagnostics_json(diagnostics), update_goldens)
    assert _errors(validate_message(message)) == []
    xml, _, back_diags = mt_to_mx(fin, "iso20022")
    assert _errors(check_mx(xml)) == []
    first = read_iso(source, {}).value
    again = read_iso(xml, {}).value
    assert isinstance(first, Correspondence) and isinstance(again, Correspondence)
    before, after = first.notifications[0], again.notifications[0]
    src = "/Document/NtfctnOfCrspdc/NtfctnData[1]"
    # every identifier and narrative survives MX -> MT -> MX unless a diagnostic names the element
    if not _named(diagnostics, f"{src}/SndrNtfctnId"):
        assert after.sender_id == before.sender_id
    if before.related_ids and not _named(diagnostics, f"{src}/RltdNtfctnData[1]"):
        assert after.related_ids[:1] == before.related_ids[:1]
    if not _named(diagnostics, f"{src}/NtfctnNrrtv"):
        assert "".join(after.narrative) == "".join(before.narrative).replace("\n", "")
    # the MT written holds only 20, 21 and 79 and no block 3: nothing is lost on the way back
    assert [d for d in back_diags if d.code.startswith("lossy")] == []
