"""Golden MT ↔ MX pairs: output, diagnostics, XSD/CBPR+/MT validity and the round trip, per case.

Each ``fixtures/translate/<pair>/<case>/`` holds ``input.fin`` (translated to
ISO 20022, the pair chosen automatically) or ``input.xml`` (translated to MT),
the expected output and the expected diagnostics. Expected files are only
written by ``pytest --update-goldens`` and reviewed by hand.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from finmsg.diagnostics import Severity
from finmsg.iso20022.document import read_iso
from finmsg.model.exceptions import PaymentReturn, StatusReport
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
#: The payment pairs of this suite (other pair families bring their own golden tests).
PAIRS = (
    "mt103-pacs008",
    "pacs008-mt103",
    "mt202-pacs009",
    "pacs009-mt202",
    "mt103retn-pacs004",
    "pacs004-mt103",
    "mt202retn-pacs004",
    "pacs004-mt202",
    "mt103rejt-pacs002",
    "pacs002-mt103",
)
CASES = sorted(p for pair in PAIRS for p in (FIXTURES / pair).glob("*") if p.is_dir())


def _explained(check: list, diagnostics: list) -> list:
    """CBPR+ findings that no translation diagnostic announced (address/UETR gaps are announced)."""
    announced = {d.code for d in diagnostics}
    out = []
    for finding in check:
        if finding.code == "cbpr.address.unstructured" and "address.unstructured" in announced:
            continue
        if finding.code == "cbpr.uetr" and "mapping.missing" in announced:
            continue
        out.append(finding)
    return out


def test_corpus_has_five_cases_per_pair() -> None:
    counts = {pair: sum(1 for case in CASES if case.parent.name == pair) for pair in PAIRS}
    assert all(count >= 5 for count in counts.values()), counts


@pytest.mark.parametrize("case", CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_golden_case(case: Path, update_goldens: bool) -> None:
    if (case / "input.fin").exists():
        source = (case / "input.fin").read_bytes()
        xml, _, diagnostics = mt_to_mx(source, "iso20022")
        check_golden(case / "expected.xml", xml.decode("utf-8"), update_goldens)
        check_golden(case / "expected-diagnostics.json", diagnostics_json(diagnostics), update_goldens)
        assert [d for d in check_mx(xml) if d.severity is Severity.ERROR and d.code.startswith("xsd")] == []
        assert _explained([d for d in check_mx(xml) if d.is_error], diagnostics) == []
        _, back_msg, back_diags = mx_to_mt(xml, "mt")
        assert [str(d) for d in validate_message(back_msg) if d.is_error] == []
        original = read_one(source).value
        assert unexplained_differences(original, back_msg, diagnostics + back_diags) == []
    else:
        source = (case / "input.xml").read_bytes()
        target = (case / "target").read_text().strip() if (case / "target").exists() else "mt"
        fin, message, diagnostics = mx_to_mt(source, target)
        if case.parent.name == "pacs002-mt103":
            # the pair choice: a rejected customer transfer goes to MT103 /REJT/, never MT199
            assert message.message_type == "103" and message.get("72").value.startswith("/REJT/")  # type: ignore[union-attr]
        if case.parent.name == "pacs004-mt202":
            # the pair choice: the return of an FI transfer goes to MT202 (MT205 on request) /RETN/
            assert message.message_type in ("202", "205") and message.get("72").value.startswith("/RETN/")  # type: ignore[union-attr]
        if case.parent.name == "pacs004-mt103":
            assert message.message_type == "103"
        # FIN uses CRLF; the golden file holds LF line ends (read_text normalises newlines).
        check_golden(case / "expected.fin", fin.decode("ascii").replace("\r\n", "\n"), update_goldens)
        check_golden(case / "expected-diagnostics.json", diagnostics_json(diagnostics), update_goldens)
        assert [str(d) for d in validate_message(message) if d.is_error] == []
        xml, _, back_diags = mt_to_mx(fin, "iso20022")
        assert _explained([d for d in check_mx(xml) if d.is_error], back_diags) == []
        original = read_iso(source, {}).value
        again = read_iso(xml, {}).value
        _assert_core_kept(original, again)


def _assert_core_kept(original: object, again: object) -> None:
    """MX → MT → MX keeps amounts, currencies, dates, agents' BICs, accounts and the UETR."""
    a = original.transactions[0]  # type: ignore[attr-defined]
    b = again.transactions[0]  # type: ignore[attr-defined]
    if isinstance(original, StatusReport):
        assert isinstance(again, StatusReport)
        left_tx, right_tx = original.transactions[0], again.transactions[0]
        left, right = left_tx.original, right_tx.original
        assert (right.uetr, right_tx.status) == (left.uetr, "RJCT")
        assert right_tx.reasons[0].reason == left_tx.reasons[0].reason
        assert left.details is not None and right.details is not None
        for name in ("settlement_amount", "settlement_date"):
            assert getattr(right.details, name) == getattr(left.details, name), name
        for name in ("debtor_account", "creditor_account"):
            acc_l, acc_r = getattr(left.details, name), getattr(right.details, name)
            assert (acc_l.identifier if acc_l else None) == (acc_r.identifier if acc_r else None), name
        return
    if isinstance(original, PaymentReturn):
        assert (b.returned_amount, b.settlement_date) == (a.returned_amount, a.settlement_date)
        assert b.original.uetr == a.original.uetr
        assert b.reasons[0].reason == a.reasons[0].reason
        for name in ("debtor_account", "creditor_account"):
            left, right = getattr(a.return_chain, name), getattr(b.return_chain, name)
            assert (left.identifier if left else None) == (right.identifier if right else None), name
        return
    assert b.settlement_amount == a.settlement_amount
    assert b.settlement_date == a.settlement_date
    assert b.ids.uetr == a.ids.uetr
    assert (b.instructed_amount or b.settlement_amount) == (a.instructed_amount or a.settlement_amount)
    assert b.exchange_rate == a.exchange_rate
    for name in ("debtor_account", "creditor_account"):
        left, right = getattr(a, name), getattr(b, name)
        assert (left.identifier if left else None) == (right.identifier if right else None), name
    for name in ("creditor_agent", "debtor_agent"):
        left, right = getattr(a, name), getattr(b, name)
        if left is not None and left.bic:
            assert right is not None and right.bic and right.bic[:8] == left.bic[:8], name
