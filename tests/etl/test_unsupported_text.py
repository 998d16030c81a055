"""The ``etl.unsupported`` reason reads as one sentence with at most one level of brackets.

The pacs.004 reason used to nest them: ``MT103 (as pacs.004...) has no row in the ETL schema (a
payment return: it has no row shape in finmsg.etl/1 (see docs/etl-schema.md))``. These tests
check the shape of every kind of reason, not a copy of its text.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import finmsg
from finmsg.errors import ConversionError
from finmsg.etl import rows_for
from tests.batch.mixed import fix_message
from tests.conftest import FIXTURES

_HEAD = "{1:F01BANKBEBBAXXX0000000000}{2:I%sBANKDEFFXXXXN}{4:\r\n%s\r\n-}"


def _fin(number: str, *lines: str) -> bytes:
    return (_HEAD % (number, "\r\n".join(lines))).encode("ascii")


def _first(folder: str, pattern: str) -> Path | None:
    return next(iter(sorted((FIXTURES / "translate" / folder).glob(pattern))), None)


def _reason(data: bytes) -> str:
    with pytest.raises(ConversionError) as caught:
        rows_for(finmsg.parse(data).value, "x", 1)
    assert caught.value.code == "etl.unsupported"
    return caught.value.message


def _depth(text: str) -> int:
    """The deepest bracket nesting of ``text``; fails on an unbalanced bracket."""
    depth = deepest = 0
    for char in text:
        if char in "([":
            depth += 1
            deepest = max(deepest, depth)
        elif char in ")]":
            depth -= 1
            assert depth >= 0, f"unbalanced bracket in {text!r}"
    assert depth == 0, f"unclosed bracket in {text!r}"
    return deepest


CASES = {
    "MT192": lambda: _fin("192", ":20:CNCL-1", ":21:REF-103", ":11S:103", "260115", ":79:/DUPL/"),
    "MT199": lambda: _fin("199", ":20:FREE-1", ":79:PLEASE CONFIRM RECEIPT"),
    "FIX": lambda: fix_message(1),
    "pacs.004": lambda: (_first("pacs004-mt103", "*/input.xml") or Path("missing")).read_bytes(),
    "MT103 RETN": lambda: (_first("mt103retn-pacs004", "*/input.fin") or Path("missing")).read_bytes(),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_reason_has_no_nested_brackets_and_one_colon(name: str) -> None:
    try:
        data = CASES[name]()
    except FileNotFoundError:
        pytest.skip(f"no {name} fixture")
    reason = _reason(data)
    assert _depth(reason) <= 1
    head, sep, why = reason.partition(" has no row in the ETL schema: ")
    assert sep and head and why, reason
    assert ":" not in why and why.endswith("statement entries only")


@pytest.mark.parametrize("name", ["pacs.004", "MT103 RETN"])
def test_a_return_says_it_is_a_return_and_where_the_why_is(name: str) -> None:
    try:
        data = CASES[name]()
    except FileNotFoundError:
        pytest.skip(f"no {name} fixture")
    reason = _reason(data)
    assert "pacs.004" in reason and "payment return" in reason and "docs/etl-schema.md" in reason
