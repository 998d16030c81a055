"""Golden fixtures: each ``fixtures/mt/<case>/`` holds an input and hand-written expectations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from finmsg.mt import read_all, validate_message, write_message
from finmsg.mt.blocks import decode, scan
from finmsg.mt.options import ParseOptions

from ._paths import FIXTURES

CASES = sorted(p for p in FIXTURES.iterdir() if p.is_dir())


def _input(case: Path) -> bytes:
    (path,) = [p for p in case.iterdir() if p.name.startswith("input.")]
    return path.read_bytes()


def _block4s(data: bytes) -> list[str]:
    opts = ParseOptions()
    text = decode(data, opts, [])
    return [seg.blocks.get("4", "").replace("\r\n", "\n") for seg in scan(text, opts, [])]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_fixture(case: Path) -> None:
    expected_file = case / "expected.json"
    assert expected_file.exists(), f"missing golden file {expected_file}"
    expected = json.loads(expected_file.read_text())
    data = _input(case)
    result = read_all(data)
    assert sorted({d.code for d in result.diagnostics}) == expected["parse_diagnostics"]
    assert len(result.value) == len(expected["messages"])
    codes: set[str] = set()
    for msg, want in zip(result.value, expected["messages"], strict=True):
        assert msg.message_type == want["message_type"]
        assert len(msg.fields) == want["fields"]
        if "uetr" in want:
            assert msg.uetr == want["uetr"]
        assert (msg.ack is not None) == want.get("ack", False)
        codes |= {d.code for d in validate_message(msg)}
    assert sorted(codes) == expected["diagnostics"]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_fixture_round_trip_block4(case: Path) -> None:
    data = _input(case)
    out = b"".join(write_message(m).value for m in read_all(data).value)
    assert _block4s(out) == _block4s(data)
    assert b"\r\n" in out and b"\n" not in out.replace(b"\r\n", b"")
