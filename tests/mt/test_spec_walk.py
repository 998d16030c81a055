"""The spec walk that finds once-only slots filled twice inside one occurrence of a sequence.

``MessageSpec.repeats`` walks a field list against the spec the way the structure check
explains a mismatch, and additionally records, per occurrence of each sequence, the
fields each once-only slot received. Field lists are hand-written from the MT940, MT942,
MT101, MT103 and MT202COV layouts; positions are counted by hand (1 = first field of
block 4).
"""

from __future__ import annotations

from finmsg.mt.message import MtField
from finmsg.mt.messages.spec import MessageSpec, Repeat, spec_for


def spec(message_type: str) -> MessageSpec:
    found = spec_for(message_type)
    assert found is not None
    return found


def fields(*tags: str) -> list[MtField]:
    return [MtField(tag, f"V{n}") for n, tag in enumerate(tags, 1)]


STMT = ("20", "25", "28C", "60F")


def test_a_well_formed_statement_has_no_repeat() -> None:
    assert (
        spec("940").repeats(fields(*STMT, "61", "86", "61", "61", "86", "62F", "64", "65", "65", "86")) == []
    )


def test_two_86_in_one_statement_line() -> None:
    found = spec("940").repeats(fields(*STMT, "61", "86", "86", "62F", "86"))
    assert found == [Repeat(tag="86", index=6, sequence="61", repeated=True, positions=(6, 7), allowed=1)]


def test_the_same_two_86_leave_the_validation_findings_as_they_were() -> None:
    """The structure check keeps its greedy explanation: the second 86 is taken as the
    statement's own 86, after which 62F (field 8) is out of order."""
    found = spec("940").check(fields(*STMT, "61", "86", "86", "62F", "86"), "MT940")
    assert [(d.code, d.path) for d in found] == [("mt.structure.order", "MT940:62F")]


def test_one_86_per_statement_line_in_three_lines_is_no_repeat() -> None:
    assert spec("940").repeats(fields(*STMT, "61", "86", "61", "86", "61", "86", "62F")) == []


def test_mt942_line_86_then_report_86_is_no_repeat() -> None:
    """13D then 61, 86, 86: the second 86 is the report's own (90D and 90C are optional)."""
    tags = ("20", "25", "28C", "34F", "13D", "61", "86", "86")
    assert spec("942").check(fields(*tags), "") == []
    assert spec("942").repeats(fields(*tags)) == []
    # The same with 13D missing: the check reports it, the walk still finds no repeat.
    assert spec("942").repeats(fields("20", "25", "28C", "34F", "61", "86", "86")) == []


def test_mt942_two_floor_limits_fill_two_slots_and_a_third_is_a_repeat() -> None:
    assert spec("942").repeats(fields("20", "25", "28C", "34F", "34F", "13D")) == []
    found = spec("942").repeats(fields("20", "25", "28C", "34F", "34F", "34F", "13D"))
    assert found == [Repeat(tag="34F", index=5, sequence="", repeated=False, positions=(4, 5, 6), allowed=2)]


def test_mt942_report_86_repeated_around_the_totals() -> None:
    """61, 86, 86, 90D, 86: whichever 86 is the line's, two are left for the report's slot."""
    found = spec("942").repeats(fields("20", "25", "28C", "34F", "13D", "61", "86", "86", "90D", "86"))
    assert [(r.tag, r.sequence, r.positions) for r in found] == [("86", "", (8, 10))]


A101 = ("20", "28D", "30")


def test_mt101_repeat_next_to_the_first_and_apart_from_it() -> None:
    next_to = spec("101").repeats(
        fields(*A101, "21", "32B", "59", "70", "70", "71A", "21", "32B", "59", "71A")
    )
    assert next_to == [Repeat(tag="70", index=7, sequence="B", repeated=True, positions=(7, 8), allowed=1)]
    apart = spec("101").repeats(fields(*A101, "21", "32B", "57A", "32B", "59", "71A"))
    assert apart == [Repeat(tag="32B", index=6, sequence="B", repeated=True, positions=(5, 7), allowed=1)]


def test_mt101_many_slot_and_a_new_transaction_are_no_repeats() -> None:
    tags = (*A101, "21", "23E", "23E", "32B", "59", "71A", "21", "32B", "59", "71A")
    assert spec("101").repeats(fields(*tags)) == []


def test_mt101_50c_and_50l_share_one_slot_but_50c_and_50g_do_not() -> None:
    assert spec("101").repeats(fields(*A101, "21", "32B", "50C", "50G", "59", "71A")) == []
    found = spec("101").repeats(fields(*A101, "21", "32B", "50C", "50L", "59", "71A"))
    assert [(r.tag, r.positions, r.allowed) for r in found] == [("50L", (6, 7), 1)]


def test_mt103_field_out_of_order_is_no_repeat() -> None:
    tags = ("20", "23B", "32A", "50K", "59", "71A", "70")
    assert spec("103").check(fields(*tags), "") != []
    assert spec("103").repeats(fields(*tags)) == []
    tags = ("20", "23B", "32A", "59", "50K", "70", "71A")
    assert spec("103").repeats(fields(*tags)) == []


def test_mt202cov_72_once_in_each_sequence_is_no_repeat_but_twice_in_a_is() -> None:
    both = ("20", "21", "32A", "58A", "72", "50K", "59", "72")
    assert spec("202COV").repeats(fields(*both)) == []
    found = spec("202COV").repeats(fields("20", "21", "32A", "58A", "72", "72", "50K", "59"))
    assert found == [Repeat(tag="72", index=5, sequence="A", repeated=False, positions=(5, 6), allowed=1)]


def test_mt192_copy_after_the_head_is_never_a_repeat() -> None:
    assert spec("192").repeats(fields("20", "21", "11S", "79", "20", "21", "79", "32A")) == []
    found = spec("192").repeats(fields("20", "21", "21", "11S"))
    assert found == [Repeat(tag="21", index=2, sequence="", repeated=False, positions=(2, 3), allowed=1)]
