"""The run's "with lossy findings" count is what ``--strict`` refuses, not an info default.

Review (ST): the README's equity_dvp example converts with an info ``mapping.defaulted`` (no
SettlDeliveryType, against payment assumed); ``--strict`` rightly passes it, yet the summary
said "1 converted message(s) with lossy findings".
"""

from __future__ import annotations

import json
from pathlib import Path

from finmsg.cli import main

DVP = Path(__file__).resolve().parents[2] / "fixtures" / "settlement" / "equity_dvp"


def test_an_info_default_is_not_counted_as_lossy(tmp_path: Path) -> None:
    ledger = tmp_path / "ledger.json"
    argv = ["convert", str(DVP / "input.fix"), "--to", "mt541", "--ssi", str(DVP / "ssi.json")]
    argv += ["--out", str(tmp_path / "o"), "--ledger", str(ledger), "--strict", "--jobs", "1"]
    assert main([*argv, "--progress", "none"]) == 0
    counts = json.loads(ledger.read_text())
    assert (counts["converted"], counts["converted_lossy"]) == (1, 0)
