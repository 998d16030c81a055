"""The MT writer's whole-body fast path gives the careful path's bytes and diagnostics.

The second write of a message takes the fast path (its tags are known by then); these
cases check that a clean body is written exactly as FIN expects, and that a body needing
care (a line starting with ``:``, an over-long narrative line, a character outside the X
set) still gets the careful treatment on every write.
"""

from __future__ import annotations

from finmsg.mt.message import ApplicationHeader, BasicHeader, MtField, MtMessage
from finmsg.mt.writer import write_message

_HEAD = "{1:F01BANKBEBBAXXX0000000000}{2:I103BANKDEFFXXXXN}"


def _msg(*fields: tuple[str, str]) -> MtMessage:
    return MtMessage(
        message_type="103",
        basic_header=BasicHeader("F01BANKBEBBAXXX0000000000"),
        application_header=ApplicationHeader("I103BANKDEFFXXXXN"),
        fields=tuple(MtField(tag, value) for tag, value in fields),
    )


def test_clean_body_written_as_is_every_time() -> None:
    msg = _msg(("20", "REF1"), ("32A", "261130EUR1,"), ("70", "LINE ONE\nLINE TWO"))
    expected = (_HEAD + "{4:\r\n:20:REF1\r\n:32A:261130EUR1,\r\n:70:LINE ONE\r\nLINE TWO\r\n-}").encode()
    for _ in range(2):
        out = write_message(msg)
        assert out.value == expected
        assert out.diagnostics == []


def test_continuation_line_starting_with_colon_is_defused_every_time() -> None:
    msg = _msg(("20", "REF2"), ("70", "FIRST\n:59:INJECTED"))
    for _ in range(2):
        out = write_message(msg)
        assert b"\r\n.59:INJECTED\r\n-}" in out.value
        assert [d.code for d in out.diagnostics] == ["charset.transliterated"]


def test_long_narrative_line_is_wrapped_every_time() -> None:
    msg = _msg(("20", "REF3"), ("70", "A" * 40))
    for _ in range(2):
        out = write_message(msg)
        assert (":70:" + "A" * 35 + "\r\n" + "AAAAA\r\n-}").encode() in out.value
        assert [d.code for d in out.diagnostics] == ["mt.writer.wrapped"]


def test_character_outside_x_set_is_transliterated_every_time() -> None:
    msg = _msg(("20", "REF4"), ("70", "CAFÉ"))
    for _ in range(2):
        out = write_message(msg)
        assert b":70:CAFE\r\n-}" in out.value
        assert [d.code for d in out.diagnostics] == ["charset.transliterated"]


def test_a_field_that_is_not_an_mtfield_is_refused_on_every_write() -> None:
    """A longer tuple must not reach the whole-body join, which would write its third
    element unchecked (here a forged trailer); it is a typed error, fast path or not."""
    import dataclasses

    import pytest

    from finmsg.errors import ConversionError

    clean = _msg(("20", "REF1"), ("32A", "261130EUR1,"))
    write_message(clean)  # the tags are known now: the next write would take the fast path
    forged = dataclasses.replace(clean, fields=(("20", "REF1", "\n-}{5:{MAC:00000000}}"), clean.fields[1]))
    for _ in range(2):
        with pytest.raises(ConversionError) as caught:
            write_message(forged)
        assert caught.value.code == "mt.writer.field" and caught.value.path == "MT103:block4[1]"
