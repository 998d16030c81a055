"""Tokenizer and framing: delimiters, data fields, log prefixes, BodyLength/CheckSum, streaming."""

from __future__ import annotations

import io

import pytest

from finmsg.errors import ParseError
from finmsg.fix.tagvalue import checksum, iter_file, iter_frames, parse_frame, tokenize

from .helpers import fix, order


def test_tokenize_soh_and_pipe_give_same_pairs() -> None:
    expected = [(8, "FIX.4.4"), (9, "5"), (35, "0"), (58, "a=b"), (10, "000")]
    assert tokenize(b"8=FIX.4.4\x019=5\x0135=0\x0158=a=b\x0110=000\x01") == expected
    assert tokenize("8=FIX.4.4|9=5|35=0|58=a=b|10=000|") == expected
    assert tokenize("8=FIX.4.4|9=5|35=0|58=a=b|10=000") == expected  # trailing delimiter optional


def test_empty_value_and_negative_tag_are_tokens_not_framing_errors() -> None:
    # QuickFIX answers these with 373=4 / 373=0, so the tokenizer must let them through.
    assert tokenize("8=FIX.4.4|9=5|35=0|56=|-1=HI|10=000|")[3:5] == [(56, ""), (-1, "HI")]


@pytest.mark.parametrize(
    "bad",
    [
        "8=FIX.4.4|9=5|35=0|4garbled9=TW|10=000|",
        "8=FIX.4.4|9=5|35=0|=x|10=000|",
        "8=FIX.4.4|9=5|35=0|12|10=000|",
        "8=FIX.4.4|9=5|35=0| 56=x|10=000|",
    ],
)
def test_garbled_fields_raise_typed_error(bad: str) -> None:
    with pytest.raises(ParseError) as info:
        tokenize(bad)
    assert info.value.code == "fix.frame.garbled"


def test_length_prefixed_data_may_contain_delimiter_and_equals() -> None:
    pairs = tokenize(
        b"8=FIX.4.4\x019=5\x0135=B\x0195=7\x0196=a\x01b=c\x01d\x01212=2\x01213=\x01\x01\x0110=000\x01"
    )
    assert pairs[3:7] == [(95, "7"), (96, "a\x01b=c\x01d"), (212, "2"), (213, "\x01\x01")]


def test_data_length_mismatch_is_reported() -> None:
    with pytest.raises(ParseError) as info:
        tokenize(b"8=FIX.4.4\x019=5\x0135=B\x0195=4\x0196=ab\x0110=000\x01")
    assert info.value.code == "fix.frame.data_length"
    assert info.value.path == "FIX:96"


def test_frame_checks_body_length_and_checksum() -> None:
    msg = fix("35=0|49=A|56=B|34=1|52=20240102-10:11:12|")
    frame = parse_frame(msg)
    assert (frame.begin_string, frame.msg_type, frame.body_length) == ("FIX.4.4", "0", 41)
    assert frame.checksum == sum(msg[: msg.rindex(b"10=")]) % 256
    with pytest.raises(ParseError) as info:
        parse_frame(fix("35=0|49=A|", length=11))
    assert info.value.code == "fix.frame.body_length"
    with pytest.raises(ParseError) as info:
        parse_frame(fix("35=0|49=A|", checksum="256"))
    assert info.value.code == "fix.frame.checksum"
    with pytest.raises(ParseError) as info:
        parse_frame(fix("35=0|49=A|", checksum="7"))  # must be three digits
    assert info.value.code == "fix.frame.checksum"
    # ValidateLengthAndChecksum=N skips the arithmetic only.
    assert parse_frame(fix("35=0|49=A|", checksum="001"), verify=False).msg_type == "0"


def test_first_three_fields_and_truncation() -> None:
    with pytest.raises(ParseError) as info:
        parse_frame(b"8=FIX.4.4\x0135=0\x019=5\x0110=000\x01")
    assert info.value.code == "fix.frame.order"
    with pytest.raises(ParseError) as info:
        parse_frame(order()[:-8])
    assert info.value.code == "fix.frame.truncated"


def test_pipe_log_checksum_is_the_soh_checksum() -> None:
    wire = order()
    piped = wire.replace(b"\x01", b"|")
    assert checksum(piped[: piped.rindex(b"10=")], b"|") == sum(wire[: wire.rindex(b"10=")]) % 256
    assert parse_frame(piped).fields == parse_frame(wire).fields


def test_log_lines_with_prefix() -> None:
    wire = order().replace(b"\x01", b"|")
    log = (
        b"20240102-10:11:12.123 : FIX.4.4:BUY->SELL: "
        + wire
        + b"\nnoise line\n"
        + b"2024 in: "
        + wire
        + b"\n"
    )
    frames = list(iter_frames(log))
    assert [f.prefix for f in frames] == ["20240102-10:11:12.123 : FIX.4.4:BUY->SELL:", "2024 in:"]
    assert all(f.data == wire for f in frames)
    assert frames[0].offset == log.index(b"8=FIX")


def test_concatenated_buffer_uses_body_length_even_with_data_containing_8_fix() -> None:
    data = "8=FIX.4.4|9=1|35=0|"  # harmless text that looks like a message start
    tricky = fix(f"35=B|49=A|56=B|34=1|52=20240102-10:11:12|148=h|95={len(data)}|96={data}|")
    buf = tricky + order() + order()
    frames = list(iter_frames(buf))
    assert [f.data for f in frames] == [tricky, order(), order()]


def test_bad_body_length_frame_ends_at_checksum_and_next_message_survives() -> None:
    bad = fix("35=0|49=A|", length=200)
    frames = list(iter_frames(bad + order()))
    assert [f.data for f in frames] == [bad, order()]
    with pytest.raises(ParseError):
        parse_frame(frames[0].data)


def test_iter_file_matches_iter_frames_for_any_chunk_size() -> None:
    msgs = [order(f"58=msg{i}|") for i in range(50)]
    buf = b"\n".join(msgs) + b"\n"
    expected = [f.data for f in iter_frames(buf)]
    assert len(expected) == 50
    for chunk in (7, 64, 1000, 1 << 20):
        got = [f.data for f in iter_file(io.BytesIO(buf), chunk_size=chunk)]
        assert got == expected, chunk
