"""Junk in, typed errors out, in bounded time: random bytes, truncations, 10 MB of garbage."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from finmsg.errors import FinmsgError
from finmsg.mt import read_all, validate_bytes
from finmsg.registry import get_format

from ._paths import FIXTURES

SAMPLES = [p.read_bytes() for p in sorted(FIXTURES.glob("*/input.*"))]


def _read(data: bytes) -> None:
    try:
        read_all(data)
    except FinmsgError as exc:
        assert exc.code and exc.message
    result = validate_bytes(data)
    assert result.value is not None or result.errors


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes(data: bytes) -> None:
    _read(data)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=200), st.sampled_from(["{1:", "{4:\r\n:20:", "{2:I103", "{3:{", "$", "{4:{"]))
def test_random_bytes_after_a_block_start(data: bytes, start: str) -> None:
    _read(start.encode() + data)


@pytest.mark.parametrize("sample", range(len(SAMPLES)))
def test_every_truncation(sample: int) -> None:
    data = SAMPLES[sample]
    for cut in range(len(data)):
        _read(data[:cut])


def test_ten_megabytes_of_garbage() -> None:
    rng = random.Random(42)
    garbage = bytes(rng.getrandbits(8) for _ in range(1 << 16)) * 160
    with pytest.raises(FinmsgError):
        read_all(garbage)
    brace_bomb = b"{1:" + b"{" * (10 << 20)
    with pytest.raises(FinmsgError):
        read_all(brace_bomb)
    unterminated = b"{1:F01BANKBEBBAXXX0000000000}{4:\r\n:20:" + b"A" * (10 << 20)
    with pytest.raises(FinmsgError):
        read_all(unterminated)
    many_fields = b"{4:\r\n" + b":20:X\r\n" * (1 << 20) + b"-}"
    assert len(read_all(many_fields).value[0].fields) == 1 << 20


def test_registry_split_on_junk_raises_typed_error() -> None:
    with pytest.raises(FinmsgError):
        list(get_format("mt").split(b"\x00\xff{{{", {}))
