"""The quick frame step of ``iter_frames`` cuts exactly the frames the general search cuts.

``_frame_head`` is forced to ``None`` (no quick step) to get the general search's
frames; both must agree on bytes, offsets, prefixes and delimiters for logs with
line breaks, prefixes, wrong BodyLength, truncation and custom delimiters.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from finmsg.fix import tagvalue
from finmsg.fix.tagvalue import RawFrame, checksum, iter_frames


def _message(body: str, delim: str, length_delta: int = 0) -> bytes:
    text = body.replace("|", delim).encode()
    head = b"8=FIX.4.4" + delim.encode() + b"9=%d" % (len(text) + length_delta) + delim.encode()
    msg = head + text
    return msg + b"10=%03d" % checksum(msg, delim.encode()) + delim.encode()


def _general(buffer: bytes, delimiter: bytes | None) -> list[RawFrame]:
    saved = dict(tagvalue._HEADS)
    try:
        tagvalue._HEADS.clear()
        tagvalue._HEADS.update(dict.fromkeys([None, b"\x01", b"|", b";"], None))
        return list(iter_frames(buffer, delimiter=delimiter))
    finally:
        tagvalue._HEADS.clear()
        tagvalue._HEADS.update(saved)


_PIECE = st.one_of(
    st.sampled_from([b"\n", b"\r\n", b"\r", b"", b"20240102-10:11:12 IN: ", b"junk", b"8=FIX"]),
    st.builds(
        _message,
        st.sampled_from(["35=D|11=A|", "35=0|", "35=8|58=a=b|", "35=D|95=3|96=x|y|"]),
        st.sampled_from(["\x01", "|"]),
        st.sampled_from([0, 0, 0, 1, -1, 40]),
    ),
    st.builds(
        lambda m, k: m[:k], st.builds(_message, st.just("35=D|11=A|"), st.just("\x01")), st.integers(1, 40)
    ),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECE, max_size=8), st.sampled_from([None, b"\x01", b"|"]))
def test_quick_step_cuts_the_same_frames_as_the_general_search(
    pieces: list[bytes], delim: bytes | None
) -> None:
    buffer = b"".join(pieces)
    assert list(iter_frames(buffer, delimiter=delim)) == _general(buffer, delim)


@pytest.mark.parametrize("delim", [None, b"\x01"])
def test_a_clean_log_is_cut_line_by_line(delim: bytes | None) -> None:
    msgs = [_message(f"35=D|11=ORD{i}|", "\x01") for i in range(3)]
    log = b"\r\n".join(msgs) + b"\n"
    frames = list(iter_frames(log, delimiter=delim))
    assert [f.data for f in frames] == msgs
    assert [f.offset for f in frames] == [0, len(msgs[0]) + 2, len(msgs[0]) + len(msgs[1]) + 4]
    assert all(f.prefix == "" and f.delimiter == b"\x01" for f in frames)
    assert all(type(f) is RawFrame for f in frames)
