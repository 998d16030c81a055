"""pacs.008/pacs.004 → MT103 writes block 4 in the MT103 field order without sorting it.

The writer appends the fields in the order of the MT103 format specification (no sort step
afterwards), so this checks that order on every golden input of the pairs that write an MT103,
and on generated pacs.008 messages. The order below is written out from the MT103 specification
(sequence of fields 20 ... 77T), not taken from the code under test.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from finmsg.iso20022.document import read_iso
from finmsg.model.payments import CreditTransfer
from finmsg.mt.message import MtField, MtMessage
from finmsg.testing.translate import FIXED_NOW, pacs008_messages
from finmsg.translate import translate

#: MT103 block 4 in specification order; options of one field share its place.
MT103_ORDER = (
    "20",
    "13C",
    "23B",
    "23E",
    "26T",
    "32A",
    "33B",
    "36",
    "50",
    "51A",
    "52",
    "53",
    "54",
    "55",
    "56",
    "57",
    "59",
    "70",
    "71A",
    "71F",
    "71G",
    "72",
    "77B",
    "77T",
)

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "translate"
INPUTS = sorted(
    path
    for pair in ("pacs008-mt103", "pacs004-mt103")
    for path in (FIXTURES / pair).glob("*/input.xml")
    if not (path.parent / "expected-error.json").exists()
)


def _place(tag: str) -> int:
    """Index of ``tag`` in :data:`MT103_ORDER` (exact tag first, else its field number)."""
    if tag in MT103_ORDER:
        return MT103_ORDER.index(tag)
    return MT103_ORDER.index(tag[:2])


def _assert_in_order(message: MtMessage) -> None:
    places = [_place(f.tag) for f in message.fields]
    assert places == sorted(places), [f.tag for f in message.fields]


def test_the_order_rejects_a_misplaced_field() -> None:
    """The check itself can fail: 59 before 50 is out of order."""
    fields = (MtField("20", "A"), MtField("59", "/1\nX"), MtField("50K", "/2\nY"))
    wrong = MtMessage(message_type="103", fields=fields)
    with pytest.raises(AssertionError):
        _assert_in_order(wrong)


def test_there_are_inputs() -> None:
    assert len(INPUTS) >= 10


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: f"{p.parent.parent.name}/{p.parent.name}")
def test_golden_inputs_come_out_in_mt103_order(path: Path) -> None:
    message = read_iso(path.read_bytes(), {}).value
    produced = translate(message, "mt", now=FIXED_NOW).value
    assert isinstance(produced, MtMessage) and produced.message_type.startswith("103")
    _assert_in_order(produced)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pacs008_messages())
def test_generated_pacs008_come_out_in_mt103_order(message: CreditTransfer) -> None:
    produced = translate(message, "mt103", now=FIXED_NOW).value
    assert isinstance(produced, MtMessage)
    _assert_in_order(produced)
