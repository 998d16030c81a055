"""Text between or after FIX messages that holds fields is never skipped silently.

A review found ``...10=252|54=2|38=999999|`` (fields glued after a message's CheckSum)
validated as one valid message and converted with exit 0: the 999999 vanished. Lines that
are not messages but carry no fields (QuickFIX script actions, comments, blank lines) are
still skipped, as logs and test scripts are full of them.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import finmsg
from finmsg.errors import ParseError
from finmsg.fix.tagvalue import iter_frames

from .helpers import order

MSG = order()
STRAY = b"54=2\x0138=999999\x01"


def _frames(buffer: bytes) -> list[bytes]:
    return [frame.data for frame in iter_frames(buffer)]


def test_fields_glued_after_the_last_checksum_are_a_frame_of_their_own() -> None:
    assert _frames(MSG + STRAY + b"\n") == [MSG, STRAY]


def test_fields_glued_after_a_checksum_before_the_next_message() -> None:
    assert _frames(MSG + STRAY + b"\n" + MSG) == [MSG, STRAY, MSG]


def test_a_line_of_fields_without_begin_string_between_messages() -> None:
    buffer = MSG + b"\n" + b"35=D\x0111=X\x01" + b"\n" + MSG + b"\n"
    assert _frames(buffer) == [MSG, b"35=D\x0111=X\x01", MSG]


def test_lines_without_fields_are_still_skipped() -> None:
    buffer = b"# a comment\niCONNECT\n\n" + MSG + b"\r\n\r\neDISCONNECT\n" + MSG + b"\n"
    assert _frames(buffer) == [MSG, MSG]


def test_a_log_prefix_on_the_message_line_is_not_stray_text() -> None:
    buffer = b"20240102-10:11:12.123 : " + MSG + b"\n20240102-10:11:13.000 : " + MSG + b"\n"
    frames = list(iter_frames(buffer))
    assert [f.data for f in frames] == [MSG, MSG]
    assert frames[1].prefix == "20240102-10:11:13.000 :"


def test_parse_all_reports_the_stray_fields_as_a_broken_message() -> None:
    results = list(finmsg.parse_all(MSG + STRAY))
    assert len(results) == 2
    assert results[0].value is not None
    broken = results[1]
    assert broken.value is None
    assert [d.code for d in broken.diagnostics] == ["fix.frame.begin_string"]


def test_reading_the_stray_frame_alone_is_a_typed_error() -> None:
    with pytest.raises(ParseError) as caught:
        finmsg.parse(STRAY, format="fix")
    assert caught.value.code == "fix.frame.begin_string"


def test_convert_quarantines_the_stray_fields(tmp_path: Path) -> None:
    source = tmp_path / "fill.fix"
    source.write_bytes(MSG + STRAY + b"\n")
    out, quarantine = tmp_path / "out", tmp_path / "q"
    command = [sys.executable, "-m", "finmsg", "convert", str(source), "--to", "json"]
    command += ["--out", str(out), "--quarantine", str(quarantine), "--jobs", "1", "--progress", "none"]
    done = subprocess.run(command, capture_output=True, check=False)
    assert done.returncode == 1, done.stderr.decode()
    assert sorted(p.name for p in out.iterdir()) == ["fill.1.json"]
    quarantined = [p for p in quarantine.iterdir() if not p.name.endswith(".reason.json")]
    assert [p.read_bytes() for p in quarantined] == [STRAY]


def test_a_loggers_closing_text_or_a_decoded_field_is_no_stray_frame() -> None:
    """Review R1: ``<ts, FIX.4.4:A->B, outgoing> (8=FIX...10=xxx\\x01)``, `` [OK]``, a doubled
    delimiter and an indented decoded field are logger text, not fields."""
    for tail in (b")", b" [OK]", b"\x01", b"\t# heartbeat", b"\n    35=0 (Heartbeat)"):
        assert _frames(MSG + tail + b"\n" + MSG) == [MSG, MSG], tail


def test_fields_glued_between_two_messages_of_one_line_are_not_a_log_prefix() -> None:
    frames = list(iter_frames(MSG + STRAY + MSG))
    assert [f.data for f in frames] == [MSG, STRAY, MSG]
    assert frames[2].prefix == ""


def test_chunked_reading_cuts_glued_fields_as_the_whole_buffer_does() -> None:
    import io

    from finmsg.fix.tagvalue import iter_file

    buffer = (MSG + STRAY) * 5 + MSG
    whole = [f.data for f in iter_frames(buffer)]
    for size in (64, 100, 257, 1000):
        assert [f.data for f in iter_file(io.BytesIO(buffer), chunk_size=size)] == whole, size


def test_an_undelimited_field_glued_after_a_checksum_is_a_stray_frame() -> None:
    """Review R3: ``...10=252|9=110=145`` (no closing delimiter) left no trace."""
    assert _frames(MSG + b"9=110=145\n" + MSG) == [MSG, b"9=110=145", MSG]
    assert _frames(MSG + b"9=110=145") == [MSG, b"9=110=145"]
