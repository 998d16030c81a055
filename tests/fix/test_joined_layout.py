"""The one-regex value check of a cached layout accepts exactly what the per-field checks accept.

The per-field checks (``Plan.joined`` switched off) are the reference: for values mutated
field by field, both must give the same verdict, under both ``check_values`` settings;
a value holding the join separator is refused (the full validator then decides).
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from finmsg.fix.options import FixOptions, parse_document
from finmsg.fix.shapes import Plan, _trie
from tests.fix.helpers import order


@settings(max_examples=200, deadline=None)
@given(
    st.sets(st.text(alphabet="01AB-.", min_size=1, max_size=3), min_size=1, max_size=8),
    st.text("01AB-.x", max_size=4),
)
def test_trie_matches_exactly_its_values(values: set[str], probe: str) -> None:
    match = re.compile(_trie(sorted(values))).fullmatch
    assert all(match(v) for v in values)
    assert (match(probe) is not None) == (probe in values)


_MESSAGE = order("453=2|448=AAA|447=D|452=1|448=BBB|447=D|452=3|110=5|211=1.5|")
_NEW_VALUES = st.sampled_from(
    ["", "x", "0", "1", "2", "-1", "1.5", "1.", "D", "ZZ", "20240102-10:11:12", "a\x01b", "99"]
)


def _plan() -> tuple[Plan, list[str]]:
    result = parse_document(_MESSAGE, FixOptions())
    assert result.ok and result.value is not None
    doc = result.value
    dic = doc.dictionary
    assert dic is not None
    plan = Plan(doc, dic)
    assert plan.joined[True] is not None and plan.joined[False] is not None
    return plan, list(doc.frame.values)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 40), _NEW_VALUES), max_size=3), st.booleans())
def test_joined_check_equals_the_per_field_checks(changes: list[tuple[int, str]], check_values: bool) -> None:
    plan, values = _plan()
    for index, value in changes:
        values[index % len(values)] = value
    fast = plan.clean(values, check_values)
    saved = plan.joined
    plan.joined = {False: None, True: None}
    try:
        reference = plan.clean(values, check_values)
    finally:
        plan.joined = saved
    if any("\x01" in v for v in values):  # the joined check refuses; the full validator decides
        assert not fast
    else:
        assert fast == reference
