"""TR060: the field 20 of the MTs of one split, made distinct as ``<reference>/<n>``.

Expected values are written by hand from the MT rules: field 20 is 16x and must not start or
end with '/' nor contain '//' (network rule T26); a reference cut to fit a 16x field keeps
'+' as its truncation mark (TR004: 15 characters + '+'). When the reference must be cut again
to make room for ``/<n>``, the '+' goes right after the cut, before the suffix, so the cut stays
visible and ``/<n>`` stays the end of the field; no space or slash stands before the mark or
the suffix.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from finmsg import convert_all, validate
from finmsg.diagnostics import Result
from finmsg.translate.split_refs import derive

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "iso20022"
_T26 = re.compile(r"[^/](?:(?!//).)*[^/]|[^/]")


@pytest.mark.parametrize(
    ("reference", "suffix", "expected"),
    [
        # fits: kept whole, no mark
        ("ABC", "/2", "ABC/2"),
        ("ABCDEFGHIJKLMN", "/2", "ABCDEFGHIJKLMN/2"),
        ("A/B", "/1", "A/B/1"),
        ("AB+", "/1", "AB+/1"),  # a '+' inside a short reference is its own character
        # a TR004 cut (15 + '+') cut again: the mark stays, before the suffix
        ("ABCDEFGHIJKLMNO+", "/3", "ABCDEFGHIJKLM+/3"),
        ("BATCH-20261129-+", "/1", "BATCH-2026112+/1"),
        # a 16-character reference that must be cut for the suffix gets the mark
        ("ABCDEFGHIJKLMNOP", "/12", "ABCDEFGHIJKL+/12"),
        ("ABCDEFGHIJKLMNO", "/2", "ABCDEFGHIJKLM+/2"),
        # the cut ends on a slash or a space: neither stays before the mark
        ("ABCDEFGHIJKL/XYZ", "/2", "ABCDEFGHIJKL+/2"),
        ("ABCDEFGHIJKL XYZ", "/2", "ABCDEFGHIJKL+/2"),
        ("ABCDEFGHIJK  XYZ", "/2", "ABCDEFGHIJK+/2"),
        # a reference that fits but ends in a space or slash: no space or '//' before the suffix
        ("REF 7 ", "/2", "REF 7/2"),
        ("REF/", "/2", "REF/2"),
    ],
)
def test_derive_keeps_the_mark_and_no_space_before_the_slash(
    reference: str, suffix: str, expected: str
) -> None:
    derived = derive(reference, suffix)
    assert derived == expected
    assert len(derived) <= 16
    assert _T26.fullmatch(derived) is not None
    assert " /" not in derived and " +" not in derived


def _fields(out: Result[bytes], tag: str) -> list[str]:
    return re.findall(rf"\r\n:{tag}:([^\r]*)", out.value.decode("ascii"))


def test_the_fixture_batch_keeps_the_truncation_mark() -> None:
    # MsgId BATCH-20261129-77 (17 characters) is a 16x cut BATCH-20261129-+ (TR004); the two
    # MT103s take 13 of its characters, the mark and /1, /2
    outs = convert_all(
        (FIXTURES / "pacs008-multi-bare" / "input.xml").read_bytes(), "mt103", receiver="DEUTDEFFXXX"
    )
    assert [_fields(out, "20") for out in outs] == [["BATCH-2026112+/1"], ["BATCH-2026112+/2"]]
    assert all(validate(out.value).ok for out in outs)
    notes = [d for out in outs for d in out.diagnostics if d.code == "mapping.derived"]
    assert [(d.original, d.emitted) for d in notes] == [
        ("BATCH-20261129-+", "BATCH-2026112+/1"),
        ("BATCH-20261129-+", "BATCH-2026112+/2"),
    ]
    assert all("'+' marks the cut" in d.message for d in notes)


def test_camt056_cancellations_keep_the_truncation_mark() -> None:
    # Assgnmt/Id BNP-RCL-20261201-1 (18 characters) → BNP-RCL-2026120+ → 13 + '+' + /n
    outs = convert_all((FIXTURES / "camt056-group-multi" / "input.xml").read_bytes(), "mt")
    assert [_fields(out, "20") for out in outs] == [["BNP-RCL-20261+/1"], ["BNP-RCL-20261+/2"]]
    assert all(validate(out.value).ok for out in outs)
