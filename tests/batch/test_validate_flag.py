"""``convert --validate``: invalid messages go to quarantine with the validators' findings."""

from __future__ import annotations

import io
import json
from pathlib import Path

from finmsg.cli import main
from tests.conftest import FIXTURES

VALID = FIXTURES / "mt" / "mt103_basic" / "input.fin"
INVALID = FIXTURES / "mt" / "mt103_invalid" / "input.fin"


def _convert(tmp_path: Path, *extra: str) -> tuple[int, dict[str, int]]:
    ledger = tmp_path / "ledger.json"
    argv = ["convert", str(VALID), str(INVALID), "--to", "json", "--out", str(tmp_path / "out")]
    argv += ["--quarantine", str(tmp_path / "q"), "--ledger", str(ledger), "--jobs", "1", *extra]
    code = main(argv, out=io.StringIO())
    return code, json.loads(ledger.read_text())


def test_without_validate_a_readable_but_invalid_message_is_converted(tmp_path: Path) -> None:
    code, ledger = _convert(tmp_path)
    assert code == 0
    assert (ledger["converted"], ledger["quarantined"]) == (2, 0)


def test_validate_quarantines_the_invalid_message_with_its_reasons(tmp_path: Path) -> None:
    code, ledger = _convert(tmp_path, "--validate")
    assert code == 1
    assert (ledger["messages"], ledger["converted"], ledger["quarantined"]) == (2, 1, 1)
    reasons = list((tmp_path / "q").rglob("*.reason.json"))
    assert len(reasons) == 1
    codes = {d["code"] for d in json.loads(reasons[0].read_text())["diagnostics"]}
    assert {"mt.T26", "mt.D75"} <= codes
