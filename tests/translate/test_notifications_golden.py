"""Golden MT900/MT910 ↔ camt.054 pairs: output, diagnostics, XSD, MT validity and the round trip.

Each ``fixtures/translate/<pair>/<case>/`` holds ``input.fin`` (translated to
ISO 20022) or ``input.xml`` (translated to MT), the expected output and
``expected-diagnostics.json``. Expected files are written only by
``pytest --update-goldens`` and then reviewed value by value.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from finmsg.iso20022.document import read_iso
from finmsg.iso20022.envelope import find_envelopes
from finmsg.iso20022.schemas import validate_document
from finmsg.iso20022.xmlsafe import parse_xml
from finmsg.model.statements import Entry, Statement
from finmsg.mt.api import read_one
from finmsg.mt.message import MtMessage
from finmsg.mt.validate import validate_message
from finmsg.testing.translate import check_mx, diagnostics_json, mt_to_mx, mx_to_mt, unexplained_differences
from tests.golden import check_golden

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "translate"
PAIRS = ("mt900-camt054", "camt054-mt900")
CASES = sorted(case for pair in PAIRS for case in (FIXTURES / pair).glob("*") if case.is_dir())
#: Fields whose value a round trip never changes (references, account, amount, date, booking time).
KEPT = ("20", "21", "25", "25P", "13D", "32A")


def test_every_notification_pair_has_five_cases() -> None:
    counts = {pair: sum(1 for case in CASES if case.parent.name == pair) for pair in PAIRS}
    assert all(count >= 5 for count in counts.values()), counts


def _xsd_errors(xml: bytes) -> list[str]:
    envelope = find_envelopes(parse_xml(xml))[0]
    return [str(d) for d in validate_document(envelope.document, envelope.message_id) if d.is_error]


def _values(message: MtMessage, tag: str) -> list[str]:
    return [f.value for f in message.fields if f.tag == tag]


def _core(entry: Entry) -> tuple[object, ...]:
    return (entry.amount, entry.credit_debit, entry.value_date)


def _uetr(entry: Entry) -> str | None:
    for details in entry.details:
        for tx in details.transactions:
            return tx.refs.uetr if tx.refs is not None else None
    return None


@pytest.mark.parametrize("case", CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_notification_golden(case: Path, update_goldens: bool) -> None:
    if (case / "input.fin").exists():
        source = (case / "input.fin").read_bytes()
        original = read_one(source).value
        assert [str(d) for d in validate_message(original) if d.is_error] == []
        xml, _model, diagnostics = mt_to_mx(source, "iso20022")
        check_golden(case / "expected.xml", xml.decode("utf-8"), update_goldens)
        check_golden(case / "expected-diagnostics.json", diagnostics_json(diagnostics), update_goldens)
        assert [str(d) for d in check_mx(xml) if d.is_error] == []
        _, back, back_diags = mx_to_mt(xml, "mt")
        assert [str(d) for d in validate_message(back) if d.is_error] == []
        assert back.mt_number == original.mt_number
        assert back.uetr == original.uetr
        for tag in KEPT:
            assert _values(back, tag) == _values(original, tag), tag
        assert unexplained_differences(original, back, diagnostics + back_diags) == []
    else:
        source = (case / "input.xml").read_bytes()
        assert _xsd_errors(source) == []
        fin, message, diagnostics = mx_to_mt(source, "mt")
        check_golden(case / "expected.fin", fin.decode("ascii").replace("\r\n", "\n"), update_goldens)
        check_golden(case / "expected-diagnostics.json", diagnostics_json(diagnostics), update_goldens)
        assert [str(d) for d in validate_message(message) if d.is_error] == []
        xml, _, _ = mt_to_mx(fin, "iso20022")
        assert [str(d) for d in check_mx(xml) if d.is_error] == []
        before = read_iso(source, {}).value
        again = read_iso(xml, {}).value
        assert isinstance(before, Statement) and isinstance(again, Statement)
        first, second = before.reports[0].entries[0], again.reports[0].entries[0]
        assert second.amount == first.amount and second.credit_debit == first.credit_debit
        assert _uetr(second) == _uetr(first)
        defaulted = {d.path for d in diagnostics if d.rule == "TN015"}
        if not any(p and p.endswith("/BookgDt") for p in defaulted):
            assert second.value_date == first.value_date
