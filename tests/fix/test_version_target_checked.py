"""A message converted to another FIX version is checked against that version's dictionary.

A review converted a FIX 4.4 fill (ExecType F) to FIX 4.2 and got no diagnostic, although the
result lacks ExecTransType (20, required in 4.2) and carries an ExecType 4.2 does not know:
its receiver would reject it. Expected codes are those of the FIX 4.2 dictionary's checks.
They are warnings: the fields are carried whole, and a second review found that errors
quarantined every FIX 4.2 ExecutionReport converted to 4.4 (tag 20 left the standard in 4.3).
"""

from __future__ import annotations

import finmsg

from .helpers import fix, order

FILL = fix(
    "35=8|49=B|56=C|34=5|52=20260302-10:15:30.123|37=O1|17=E1|150=F|39=2|54=1|38=100|32=100|31=25.5"
    "|151=0|14=100|6=25.5|55=TTE|"
)


def test_a_fix44_fill_written_as_fix42_names_each_failed_check() -> None:
    result = finmsg.convert(FILL, "fix42")
    found = sorted((d.code, d.severity.value, d.target_path, d.rule) for d in result.diagnostics)
    assert found == [
        ("fix.write.invalid", "warning", "FIX:150", "fix.373.5"),
        ("fix.write.invalid", "warning", "FIX:20", "fix.373.1"),
    ]


def test_a_fix42_report_written_as_fix44_warns_once_for_tag_20() -> None:
    """ExecTransType (20) is not in FIX 4.4: the writer's undefined-tag warning says so once."""
    report = fix(
        "35=8|49=B|56=C|34=5|52=20260302-10:15:30|37=O1|17=E1|20=0|150=0|39=0|55=TTE|54=1|38=100|"
        "32=0|31=0|151=100|14=0|6=0|",
        "FIX.4.2",
    )
    result = finmsg.convert(report, "fix44")
    assert [(d.code, d.target_path) for d in result.diagnostics if d.target_path == "FIX:20"] == [
        ("fix.write.undefined", "FIX:20")
    ]
    assert all(d.severity.value != "error" for d in result.diagnostics)


def test_a_custom_tag_is_reported_once() -> None:
    result = finmsg.convert(order("9999=X|"), "fix42")
    assert [d.code for d in result.diagnostics if d.target_path == "FIX:9999"] == ["fix.write.undefined"]


def test_the_users_validation_options_reach_the_check() -> None:
    """``UseDataDictionary=N`` (QuickFIX: no dictionary checks) leaves nothing to report; a
    review found the check ran with the defaults whatever the user had chosen."""
    assert finmsg.convert(FILL, "fix42", UseDataDictionary="N").diagnostics == []


def test_the_same_version_is_not_checked_again() -> None:
    assert finmsg.convert(FILL, "fix44").diagnostics == []


def test_an_empty_group_kept_whole_is_written_as_its_count_field() -> None:
    """Review R1: an unmapped message's empty group (``454=0``) was written ``454=454=0``."""
    definition = fix(
        "35=d|49=A|56=B|34=2|52=20231130-07:00:00.000|320=R1|322=1|323=6|55=TBS|454=0|", "FIXT.1.1"
    )
    written = finmsg.write(finmsg.parse(definition).value, "fix44").value
    assert b"\x01454=0\x01" in written and b"454=454" not in written
