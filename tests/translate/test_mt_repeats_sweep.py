"""Every field of every MT → MX golden input, doubled in place: carried, or the message refused.

For each FIN input under ``fixtures/translate/mt*`` and each of its fields, the field is
inserted a second time right after itself (inside the same occurrence of its sequence)
and the message translated. Acceptable outcomes only: a typed refusal, or the second
value carried (a line of it occurs more often in the XML and the diagnostics' original
and emitted values than without the copy). A repetition the message layout allows (61
statement lines, 65, 71F, 23E, the copy that ends an MT n92/n96) is the mapping's to carry
and is not judged here beyond that.

The fields that the SWIFT layouts allow once per occurrence of a repeated sequence, or
once in each of two sequences, must be refused with ``translate.repeated-field``: those
are listed by hand below from the MT101, MT940 and MT202COV/205COV formats.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from finmsg.errors import ConversionError, FinmsgError
from finmsg.iso20022.document import write_iso
from finmsg.mt.api import read_one
from finmsg.mt.message import MtMessage
from finmsg.mt.messages.spec import spec_for
from finmsg.testing.translate import FIXED_NOW
from finmsg.translate import translate

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "translate"
CASES = sorted(FIXTURES.glob("mt*/*/input.fin"))

_B101 = "21F 32B 50C 50L 50F 50G 50H 52A 52C 56A 56C 56D 57A 57C 57D 59 59A 59F 70 77B 33B 71A 25A 36"
_COV = (
    "20 21 32A 52A 52D 53A 53B 53D 54A 54B 54D 56A 56D 57A 57B 57D 58A 58D 72 50A 50F 50K 59 59A 59F 70 33B"
)
#: Per message type, the tags whose doubling must be refused as a repeated field.
MUST_REFUSE: dict[str, frozenset[str]] = {
    "101": frozenset(_B101.split()),
    "940": frozenset({"86"}),
    "202COV": frozenset(_COV.split()),
    "205COV": frozenset(_COV.split()),
}
#: MT n92: the head fields 20 and 21 (the copy after 11S may repeat them).
HEAD_N92 = 2


def _render(message: MtMessage) -> str:
    """The translated XML plus every diagnostic's original and emitted value."""
    result = translate(message, "iso20022", now=FIXED_NOW)
    written = write_iso(result.value, result.value.message_type, {})
    parts = [written.value.decode("utf-8")]
    for d in (*result.diagnostics, *written.diagnostics):
        parts += [str(d.original or ""), str(d.emitted or "")]
    return "\n".join(parts)


def _markers(value: str) -> list[str]:
    """Lines of a value long enough to be recognised in the output."""
    lines = (line.strip().lstrip("/") for line in value.split("\n"))
    return [line for line in lines if len(line) >= 4]


def _must_refuse(message: MtMessage, index: int) -> bool:
    tag = message.fields[index].tag
    if message.mt_number in ("192", "292"):
        return index < HEAD_N92
    return tag in MUST_REFUSE.get(message.message_type, frozenset())


@pytest.mark.parametrize("case", CASES, ids=lambda p: f"{p.parent.parent.name}/{p.parent.name}")
def test_every_doubled_field_is_carried_or_refused(case: Path) -> None:
    message = read_one(case.read_bytes()).value
    spec = spec_for(message.message_type)
    base = _render(message)
    fields = message.fields
    silent, not_refused = [], []
    for j, field in enumerate(fields):
        doubled = replace(message, fields=(*fields[: j + 1], field, *fields[j + 1 :]))
        try:
            out = _render(doubled)
        except ConversionError as error:
            if _must_refuse(message, j) and error.code != "translate.repeated-field":
                not_refused.append((j + 1, field.tag, error.code))
            continue
        except FinmsgError:
            continue
        if _must_refuse(message, j):
            not_refused.append((j + 1, field.tag, "translated"))
        if any(out.count(line) > base.count(line) for line in _markers(field.value)):
            continue
        if spec is not None and not spec.check(doubled.fields, ""):
            continue  # a repetition the layout allows
        silent.append((j + 1, field.tag))
    assert silent == [], "second value neither carried nor refused"
    assert not_refused == []


def test_the_sweep_meets_every_repeated_sequence_with_a_pair() -> None:
    """The golden inputs hold the fields the hand-written lists name (so the sweep above
    really doubles them), and every message type with a once-only field inside a repeated
    sequence and an MT → MX pair is among them."""
    seen: dict[str, set[str]] = {}
    for case in CASES:
        message = read_one(case.read_bytes()).value
        seen.setdefault(message.message_type, set()).update(f.tag for f in message.fields)
    assert {"101", "940", "942", "202COV", "205COV", "192", "292"} <= set(seen)
    for message_type, tags in MUST_REFUSE.items():
        assert len(tags & seen[message_type]) >= min(3, len(tags)), message_type
