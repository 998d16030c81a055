"""A message converted to another FIX version is checked against that version's dictionary.

A review converted a FIX 4.4 fill (ExecType F) to FIX 4.2 and got no diagnostic, although the
result lacks ExecTransType (20, required in 4.2) and carries an ExecType 4.2 does not know:
its receiver would reject it. Expected codes are those of the FIX 4.2 dictionary's checks.
"""

from __future__ import annotations

import finmsg

from .helpers import fix, order

FILL = fix(
    "35=8|49=B|56=C|34=5|52=20260302-10:15:30.123|37=O1|17=E1|150=F|39=2|54=1|38=100|32=100|31=25.5"
    "|151=0|14=100|6=25.5|55=TTE|"
)


def test_a_fix44_fill_written_as_fix42_is_an_error_naming_each_failed_check() -> None:
    result = finmsg.convert(FILL, "fix42")
    found = sorted((d.code, d.severity.value, d.target_path, d.rule) for d in result.diagnostics)
    assert found == [
        ("fix.write.invalid", "error", "FIX:150", "fix.373.5"),
        ("fix.write.invalid", "error", "FIX:20", "fix.373.1"),
    ]


def test_an_order_valid_in_both_versions_converts_clean() -> None:
    result = finmsg.convert(order(), "fix42")
    assert result.value.startswith(b"8=FIX.4.2\x01")
    assert [d for d in result.diagnostics if d.severity.value == "error"] == []


def test_the_same_version_is_not_checked_again() -> None:
    assert finmsg.convert(FILL, "fix44").diagnostics == []
