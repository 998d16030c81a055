"""A repaired quarantine folder converts again as it is: its ``.reason.json`` files are no inputs.

A review re-ran ``finmsg convert q ...`` on a quarantine folder, as docs/batch.md suggests: the
``bad.fin.reason.json`` beside ``bad.fin`` was read as a message (``format.unknown``) and got a
``bad.fin.reason.json.reason.json`` of its own.
"""

from __future__ import annotations

import json
from pathlib import Path

from finmsg.cli import main

MT103 = (Path(__file__).resolve().parents[2] / "fixtures" / "mt" / "mt103_basic" / "input.fin").read_bytes()


def _convert(source: Path, out: Path, quarantine: Path, ledger: Path) -> int:
    argv = ["convert", str(source), "--to", "json", "--out", str(out), "--quarantine", str(quarantine)]
    return main([*argv, "--ledger", str(ledger), "--jobs", "1", "--progress", "none"])


def test_a_repaired_quarantine_converts_without_its_reason_files(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.fin").write_bytes(MT103)
    (inputs / "bad.fin").write_bytes(MT103[: MT103.index(b"{4:")] + b"{4:\r\n:20:X")  # cut short
    q = tmp_path / "q"
    assert _convert(inputs, tmp_path / "out", q, tmp_path / "l1.json") == 1
    assert sorted(p.name for p in q.iterdir()) == ["bad.fin", "bad.fin.reason.json"]
    (q / "bad.fin").write_bytes(MT103)  # repaired in place
    assert _convert(q, tmp_path / "out2", tmp_path / "q2", tmp_path / "l2.json") == 0
    ledger = json.loads((tmp_path / "l2.json").read_text())
    assert (ledger["inputs"], ledger["messages"], ledger["converted"]) == (1, 1, 1)
    assert sorted(p.name for p in (tmp_path / "out2").iterdir()) == ["bad.json"]


def test_a_reason_file_without_its_message_is_still_an_input(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "lonely.reason.json").write_text("{}")
    assert _convert(inputs, tmp_path / "out", tmp_path / "q", tmp_path / "l.json") == 1
    assert json.loads((tmp_path / "l.json").read_text())["inputs"] == 1
