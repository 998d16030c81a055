"""Fixture cases under ``fixtures/fix/<case>/``: input plus hand-written expected diagnostics."""

from __future__ import annotations

import json
from pathlib import Path

from finmsg.registry import get_format

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "fix"


def test_session_log_case() -> None:
    case = FIXTURES / "session_log"
    expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))["messages"]
    handler = get_format("fix")
    data = (case / "input.log").read_bytes()
    assert handler.sniff(data)
    got = []
    for part in handler.split(data, {}):
        result = handler.validate(part.data, {})
        got.append(
            {
                "index": part.index,
                "message_type": part.message_type,
                "errors": [[d.code, d.path] for d in result.errors],
            }
        )
    assert got == expected
