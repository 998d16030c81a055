"""Reading FIX is not validating it: an undefined tag is a warning on read, an error on validate.

QuickFIX rejects a message with an unknown tag or a tag the message type does not define
(SessionRejectReason 0/2). ``finmsg validate`` says so (errors); ``finmsg convert`` (without
``--validate``) keeps such a field as an extra, converts the message and reports the finding
as a warning, as it converts an MT message that breaks a network rule. A value the mapping may
read that is missing, empty, outside its enumeration or malformed (373=1/4/5/6) stays an error
on read (review R3: as a warning, a garbled LastQty settled CumQty instead). A duplicated tag
(373=13) or a broken repeating group (373=15/16) leaves the message's structure in doubt: still
an error, still quarantined. Expected codes and paths are written from the SessionRejectReason
list of the FIX specification and the FIX 4.4 Heartbeat / NewOrderSingle layouts.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import finmsg
from finmsg.cli import main
from finmsg.diagnostics import Severity
from finmsg.fix.reader import READ_WARNING_REASONS

from .helpers import HDR, fix, order

#: FIX 4.4 Heartbeat (35=0) with Text (58): the Heartbeat body defines only TestReqID (112).
HEARTBEAT_WITH_TEXT = fix(f"35=0|{HDR}58=still here|")
#: TimeInForce (59) = Z: not one of 59's enumerated values (0-9 in FIX 4.4).
ORDER_BAD_ENUM = order("59=Z|")
#: TestReqID (112) twice in one Heartbeat: 373=13, Tag appears more than once.
HEARTBEAT_TAG_TWICE = fix(f"35=0|{HDR}112=A|112=B|")
#: NoPartyIDs (453) = 2 but one entry: 373=16, Incorrect NumInGroup count.
ORDER_GROUP_COUNT = order("453=2|448=ABC|447=D|452=1|")


def _codes(diagnostics: list[finmsg.Diagnostic], severity: Severity) -> list[tuple[str, str | None]]:
    return [(d.code, d.path) for d in diagnostics if d.severity is severity]


def test_an_unknown_tag_is_a_read_warning() -> None:
    data = fix(f"35=0|{HDR}999=HI|")  # no tag 999 in FIX 4.4
    assert 0 in READ_WARNING_REASONS
    read = finmsg.parse(data)
    assert read.ok and ("fix.373.0", "FIX:999") in _codes(read.diagnostics, Severity.WARNING)
    assert _codes(finmsg.validate(data).diagnostics, Severity.ERROR) == [("fix.373.0", "FIX:999")]


@pytest.mark.parametrize(
    ("data", "code", "path"),
    [
        (fix("35=0|49=BUY|34=2|52=20240102-10:11:12|"), "fix.373.1", "FIX:56"),  # TargetCompID missing
        (fix(f"35=0|{HDR}112=|"), "fix.373.4", "FIX:112"),  # TestReqID without a value
        (order("110=x|"), "fix.373.6", "FIX:110"),  # MinQty is a Qty
        (ORDER_BAD_ENUM, "fix.373.5", "FIX:59"),  # TimeInForce Z
    ],
    ids=["required-missing", "empty-value", "bad-format", "bad-enum"],
)
def test_a_value_the_mapping_may_read_stays_a_read_error(data: bytes, code: str, path: str) -> None:
    """Review R3: as warnings, a garbled LastQty (32=4O) let a sese.023 settle CumQty instead."""
    assert int(code.rpartition(".")[2]) not in READ_WARNING_REASONS
    read = finmsg.parse(data)
    assert (code, path) in _codes(read.diagnostics, Severity.ERROR)
    assert _codes(finmsg.validate(data).diagnostics, Severity.ERROR) == [(code, path)]


def test_heartbeat_with_text_reads_with_a_warning_and_fails_validation() -> None:
    read = finmsg.parse(HEARTBEAT_WITH_TEXT)
    assert read.ok
    assert _codes(read.diagnostics, Severity.WARNING) == [("fix.373.2", "FIX:58")]
    assert read.value.message_type == "0"
    assert read.value.text == "still here"  # kept in the model, as any Text
    checked = finmsg.validate(HEARTBEAT_WITH_TEXT)
    assert not checked.ok
    assert _codes(checked.diagnostics, Severity.ERROR) == [("fix.373.2", "FIX:58")]
    assert checked.errors[0].rule == "373=2 371=58"


@pytest.mark.parametrize(
    ("data", "code", "path"),
    [
        (HEARTBEAT_TAG_TWICE, "fix.373.13", "FIX:112"),
        (ORDER_GROUP_COUNT, "fix.373.16", "FIX:453"),
        # 373=0 as for an unknown tag, but 0 and -1 are no tag numbers at all: a garbled token
        (fix(f"35=0|{HDR}0=HI|"), "fix.373.0", "FIX:0"),
        (fix(f"35=0|{HDR}-1=HI|"), "fix.373.0", "FIX:-1"),
    ],
    ids=["tag-twice", "numingroup", "tag-zero", "tag-negative"],
)
def test_structure_findings_stay_errors_on_read(data: bytes, code: str, path: str) -> None:
    read = finmsg.parse(data)
    assert (code, path) in _codes(read.diagnostics, Severity.ERROR)
    assert (code, path) in _codes(finmsg.validate(data).diagnostics, Severity.ERROR)


def _convert(tmp_path: Path, name: str, data: bytes, *extra: str) -> tuple[int, list[dict[str, object]]]:
    source = tmp_path / f"{name}.fix"
    source.write_bytes(data)
    audit = tmp_path / f"{name}{len(extra)}.audit.jsonl"
    out = tmp_path / f"out-{name}{len(extra)}"
    code = main(["convert", str(source), "--to", "json", "--out", str(out), "--audit", str(audit), *extra])
    records = [json.loads(line) for line in audit.read_text().splitlines() if line.strip()]
    return code, [r for r in records if r.get("status") in ("converted", "quarantined")]


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [("heartbeat", HEARTBEAT_WITH_TEXT, "fix.373.2")],
    ids=["heartbeat"],
)
def test_convert_converts_and_convert_validate_quarantines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, data: bytes, code: str
) -> None:
    status, records = _convert(tmp_path, name, data)
    assert status == 0
    assert [r["status"] for r in records] == ["converted"]
    assert (tmp_path / f"out-{name}0" / f"{name}.json").is_file()
    status, records = _convert(tmp_path, name, data, "--validate")
    assert status == 1
    assert [(r["status"], r["reason"]) for r in records] == [("quarantined", code)]
    capsys.readouterr()


def test_convert_still_quarantines_a_tag_given_twice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, records = _convert(tmp_path, "twice", HEARTBEAT_TAG_TWICE)
    assert status == 1
    assert [(r["status"], r["reason"]) for r in records] == [("quarantined", "fix.373.13")]
    assert not (tmp_path / "out-twice0" / "twice.json").exists()
    capsys.readouterr()
