"""Encodings that cannot frame FIX are refused, and every spelling of a version shares one dictionary."""

from __future__ import annotations

import pytest

from finmsg.errors import ParseError
from finmsg.fix import dictionary
from finmsg.fix.tagvalue import tokenize

HEARTBEAT = b"8=FIX.4.4\x019=5\x0135=0\x0110=163\x01"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "no-such-codec"])
def test_an_encoding_that_cannot_frame_fix_is_a_typed_error(encoding: str) -> None:
    # Decoding these bytes as UTF-16 used to yield no field at all: a silent loss.
    with pytest.raises(ParseError) as caught:
        tokenize(HEARTBEAT, encoding=encoding)
    assert caught.value.code == "fix.frame.encoding"
    assert encoding in str(caught.value)


def test_an_ascii_compatible_legacy_encoding_still_tokenizes() -> None:
    assert tokenize(HEARTBEAT, encoding="shift_jis")[:3] == [(8, "FIX.4.4"), (9, "5"), (35, "0")]


def test_every_spelling_of_a_version_shares_one_dictionary() -> None:
    assert dictionary.load("FIX44") is dictionary.load("FIX.4.4")
