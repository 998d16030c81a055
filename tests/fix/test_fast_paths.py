"""The fast paths agree with the slow ones they shortcut: byte sums, tokens, shape-cache checks.

Each fast path may refuse and hand over to the slow path, but must never answer
differently; these tests pit them against the plain definitions (``sum`` of the
bytes, the field-by-field walk, one ``fullmatch`` per value).
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from finmsg.fix.options import FixOptions, parse_document
from finmsg.fix.shapes import _format_test
from finmsg.fix.tagvalue import DEFAULT_DATA_FIELDS, _tokenize, _tokenize_slow, byte_sum, checksum

from .helpers import order


@settings(max_examples=80, deadline=None)
@given(st.binary(max_size=2000))
def test_byte_sum_is_the_plain_sum(data: bytes) -> None:
    assert byte_sum(data) == sum(data)
    assert checksum(data) == sum(data) % 256


def test_byte_sum_at_chunk_boundaries() -> None:
    for size in (255, 256, 257, 511, 512, 513, 1024, 1025, 70_000):
        high = b"\xff" * size
        ascii_ = b"\x7f" * size
        assert byte_sum(high) == 255 * size
        assert byte_sum(ascii_) == 127 * size


_FIELD = st.tuples(
    st.sampled_from(["8", "9", "35", "49", "58", "95", "96", "212", "0035", "-1", "12345", "", "x"]),
    st.text(alphabet="ab=|\x01 9\u00e9", max_size=6),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_FIELD, min_size=1, max_size=8), st.sampled_from([b"\x01", b"|"]))
def test_tokenizer_fast_path_equals_field_walk(fields: list[tuple[str, str]], delim: bytes) -> None:
    d = delim.decode()
    raw = "".join(f"{t}={v}{d}" for t, v in fields).encode("utf-8", "surrogateescape")
    try:
        expected = _tokenize_slow(raw, delim, DEFAULT_DATA_FIELDS, "utf-8")
    except Exception as exc:  # the walk refuses garbled input: so must the fast path
        with pytest.raises(type(exc)):
            _tokenize(raw, delim, DEFAULT_DATA_FIELDS, "utf-8")
        return
    tags, values, built = _tokenize(raw, delim, DEFAULT_DATA_FIELDS, "utf-8")
    assert list(zip(tags, values, strict=True)) == expected
    assert built is None or built == expected


_PATTERNS = ["[0-9]+", "-?[0-9]+", ".", r"-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)", "[YN]"]


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(_PATTERNS),
    st.lists(st.text(alphabet="0123456789-.YNx \x01\n٣", max_size=4), min_size=1, max_size=5),
)
def test_grouped_format_test_never_accepts_an_invalid_value(pattern: str, values: list[str]) -> None:
    check = re.compile(pattern, re.DOTALL).fullmatch
    test = _format_test(check, len(values))
    assert test is not None
    each_valid = all(check(v) is not None for v in values)
    if test(tuple(values)):
        assert each_valid
    elif pattern not in ("-?[0-9]+",):  # the signed-int test may only defer to the regex
        assert not each_valid


def test_cached_shape_still_checks_every_value() -> None:
    opts = FixOptions()
    dic = opts.dictionary_for("FIX.4.4")
    parties = "453=2|448=AAA|447=D|452=1|448=BBB|447=D|452=3|"
    good = order(parties + "110=5|211=1.5|")
    for _ in range(3):
        assert parse_document(good, opts).ok
    assert dic._shape_cache  # the layout is now cached
    cases = {
        "110=5|": ("110=x|", "fix.373.6"),  # INT
        "211=1.5|": ("211=1.5.|", "fix.373.6"),  # PRICEOFFSET (float)
        "452=3|": ("452=999|", "fix.373.5"),  # PartyRole enum
        "447=D|452=3": ("447=?|452=3", "fix.373.5"),  # PartyIDSource enum (CHAR)
        "453=2|": ("453=3|", "fix.373.16"),  # group count
    }
    for old, (new, code) in cases.items():
        bad = order(parties.replace(old, new) + "110=5|211=1.5|".replace(old, new))
        result = parse_document(bad, opts)
        assert [d.code for d in result.errors][:1] == [code], (old, result.errors)
