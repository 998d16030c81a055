"""Golden pacs.002 → MT199 cases: output, diagnostics, MT validity, and the pair choice.

``fixtures/translate/pacs002-mt199/<case>/`` hold ``input.xml``, an optional
``target`` (default ``mt``: the automatic choice between MT103 REJT and
MT199 is part of what is tested), the expected MT199 and the expected
diagnostics (written only by ``pytest --update-goldens``, reviewed by hand).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from finmsg.diagnostics import Diagnostic
from finmsg.iso20022.document import read_iso
from finmsg.model.exceptions import StatusReport
from finmsg.mt.validate import validate_message
from finmsg.testing.translate import check_mx, diagnostics_json, mx_to_mt
from tests.golden import check_golden

CASES = sorted(
    p
    for p in (Path(__file__).resolve().parents[2] / "fixtures/translate/pacs002-mt199").glob("*")
    if p.is_dir()
)


def test_corpus_has_five_cases() -> None:
    assert len(CASES) >= 5


def _errors(found: list[Diagnostic]) -> list[str]:
    return [str(d) for d in found if d.is_error]


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_golden_case(case: Path, update_goldens: bool) -> None:
    source = (case / "input.xml").read_bytes()
    assert _errors(check_mx(source)) == []  # the input itself is a valid pacs.002
    target = (case / "target").read_text().strip() if (case / "target").exists() else "mt"
    fin, message, diagnostics = mx_to_mt(source, target)
    check_golden(case / "expected.fin", fin.decode("ascii").replace("\r\n", "\n"), update_goldens)
    check_golden(case / "expected-diagnostics.json", diagnostics_json(diagnostics), update_goldens)
    assert message.message_type == "199"
    assert _errors(validate_message(message)) == []
    report = read_iso(source, {}).value
    assert isinstance(report, StatusReport)
    # the original UETR is never lost: block 3 tag 121 carries it
    uetr = report.transactions[0].original.uetr if report.transactions else None
    assert message.uetr == uetr
    # every diagnostic names its rule and both paths
    assert all(d.rule and d.path and d.target_path for d in diagnostics)
