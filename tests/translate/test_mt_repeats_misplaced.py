"""A field out of place is a structure error, not a repeated field.

An MT942 whose 13D comes after the first 61, or an MT940 whose 60F does, used to be refused
by the repeated-field guard as a repeated 86: its walk restarted at the misplaced field and
kept the message-level slots already filled, so the first line's 86 (cut off from its 61 by
the misplaced field) was counted as the report's 86. The structure layer reports such a
field as ``mt.structure.order``; conversion treats the message like any other out-of-order
MT (it converts it, ``--validate`` quarantines it). A once-only field that really occurs too
often is still refused, misplaced fields or not.

Layouts hand-written from the SWIFT MT940 (20, 21, 25a, 28C, 60a, {61, 86}, 62a, 64, 65, 86)
and MT942 (20, 21, 25a, 28C, 34F, 34F, 13D, {61, 86}, 90D, 90C, 86) formats; every position
below is counted by hand (1-based in block 4).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import finmsg
from finmsg.cli import main
from finmsg.errors import ConversionError

VALUES = {
    "20": "REP1",
    "25": "DE89370400440532013000",
    "28C": "1/1",
    "34F": "EUR0,",
    "13D": "2401011200+0100",
    "60F": "C240101EUR100,00",
    "61": "2401010101C10,00NTRFREF1",
    "62F": "C240101EUR120,00",
    "90D": "1EUR10,",
}


def fin(message_type: str, tags: str) -> bytes:
    """A FIN message with the tags in ``tags`` (86 values numbered by position: INFO5 ...)."""
    body = "".join(f":{tag}:{VALUES.get(tag, f'INFO{n}')}\r\n" for n, tag in enumerate(tags.split(), start=1))
    return f"{{1:F01BANKBEBBAXXX0000000000}}{{2:I{message_type}BANKDEFFXXXXN}}{{4:\r\n{body}-}}".encode()


MT942_13D_AFTER_FIRST_61 = "20 25 28C 34F 61 13D 86 61 86 90D 86"
MT942_13D_BETWEEN_61_AND_86 = "20 25 28C 34F 61 86 61 13D 86 90D 86"
MT940_60F_AFTER_FIRST_61 = "20 25 28C 61 60F 86 61 86 62F 86"
MT940_60F_BETWEEN_61_AND_86 = "20 25 28C 61 86 61 60F 86 62F 86"


@pytest.mark.parametrize(
    ("message_type", "tags", "target", "misplaced"),
    [
        # each misplaced field is its tag's only occurrence: a path counts occurrences of a tag
        # (docs/paths.md), so it has no index, wherever in block 4 the field stands
        ("942", MT942_13D_AFTER_FIRST_61, "camt.052.001.08", "MT942:13D"),
        ("942", MT942_13D_BETWEEN_61_AND_86, "camt.052.001.08", "MT942:13D"),
        ("940", MT940_60F_AFTER_FIRST_61, "camt.053.001.08", "MT940:60F"),
        ("940", MT940_60F_BETWEEN_61_AND_86, "camt.053.001.08", "MT940:60F"),
    ],
)
def test_a_misplaced_field_is_an_order_error_not_a_repeat(
    message_type: str, tags: str, target: str, misplaced: str
) -> None:
    data = fin(message_type, tags)
    structure = [d for d in finmsg.validate(data).diagnostics if d.code.startswith("mt.structure.")]
    # the walk that explains a mismatch is best effort after the first finding
    assert (structure[0].code, structure[0].path) == ("mt.structure.order", misplaced)
    out = finmsg.convert(data, target)  # converted like any other out-of-order MT
    assert out.value.count(b"<Ntry>") == 2
    assert not any(d.code == "translate.repeated-field" for d in out.diagnostics)


def test_a_misplaced_field_does_not_hide_a_real_repeat_at_message_level() -> None:
    """MT942 with 13D after the first 61 and, besides, 86 twice after the totals (fields 11, 12):
    the report's 86 may occur once."""
    data = fin("942", "20 25 28C 34F 61 13D 86 61 86 90D 86 86")
    with pytest.raises(ConversionError) as caught:
        finmsg.convert(data, "camt.052.001.08")
    assert caught.value.code == "translate.repeated-field"
    assert "field 86 occurs 2 times at message level (fields 11, 12 of block 4)" in caught.value.message


def test_three_86_for_one_line_and_the_report_are_still_refused_across_a_misplaced_90d() -> None:
    """``61 86 86 90D 86``: one statement line and the report hold two 86, not three."""
    data = fin("942", "20 25 28C 34F 13D 61 86 86 90D 86")
    with pytest.raises(ConversionError) as caught:
        finmsg.convert(data, "camt.052.001.08")
    assert caught.value.code == "translate.repeated-field"
    assert caught.value.path == "MT942:86"


def test_two_86_of_one_line_around_a_misplaced_field_are_refused_as_without_it() -> None:
    """A misplaced field between them changes nothing: ``61 86 86 62F`` is refused, so is
    ``61 86 60F 86 62F`` (the 86 at fields 5 and 7 both follow the line at field 4)."""
    for tags, positions in (("20 25 28C 60F 61 86 86 62F", "6, 7"), ("20 25 28C 61 86 60F 86 62F", "5, 7")):
        with pytest.raises(ConversionError) as caught:
            finmsg.convert(fin("940", tags), "camt.053.001.08")
        assert caught.value.code == "translate.repeated-field"
        assert "field 86 occurs 2 times in one occurrence of sequence" in caught.value.message
        assert f"(fields {positions} of block 4)" in caught.value.message


def test_convert_validate_quarantines_a_misplaced_field_as_an_order_error(tmp_path: Path) -> None:
    source = tmp_path / "in.fin"
    source.write_bytes(fin("942", MT942_13D_AFTER_FIRST_61))
    quarantine = tmp_path / "q"
    argv = [str(source), "--to", "camt.052.001.08", "--out", str(tmp_path / "out")]
    argv += ["--quarantine", str(quarantine), "--validate", "--progress", "none", "--jobs", "1"]
    assert main(["convert", *argv]) == 1
    reason = json.loads((quarantine / "in.fin.reason.json").read_text())
    assert reason["reason"] == "mt.structure.order"
    assert reason["diagnostics"][0]["path"] == "MT942:13D"


def test_a_repeat_before_many_misplaced_fields_is_still_refused() -> None:
    """The walk steps over a bounded number of misplaced fields (one walk each); a repeat it has
    passed before it stops looking is still reported: two 86 after the first 61 (fields 6, 7),
    then twenty statement lines each followed by a stray 13D (which an MT940 does not have)."""
    lines = " ".join(["61 86 13D"] * 20)
    data = fin("940", f"20 25 28C 60F 61 86 86 {lines} 62F 86")
    with pytest.raises(ConversionError) as caught:
        finmsg.convert(data, "camt.053.001.08")
    assert caught.value.code == "translate.repeated-field"
    assert "(fields 6, 7 of block 4)" in caught.value.message
