"""The reconcile command: an empty side is a usage error, and the CSV lists the problems."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from finmsg.cli import main
from tests.reconcile.test_findings import DEBTOR, MT103, UETR, _entry, _write, camt054


def test_cli_an_empty_side_is_a_usage_error_and_csv_lists_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sent = tmp_path / "sent"
    sent.mkdir()
    (tmp_path / "empty").mkdir()
    shutil.copy(MT103, sent / "first.fin")
    shutil.copy(MT103, sent / "second.fin")
    booked = _write(tmp_path / "n.xml", camt054(DEBTOR, _entry("DBIT", uetr=UETR)))
    assert main(["reconcile", str(sent), str(tmp_path / "empty")]) == 2
    assert f"the folder {tmp_path / 'empty'} holds no file" in capsys.readouterr().err
    assert main(["reconcile", str(tmp_path / "*.none"), booked]) == 2
    table = tmp_path / "r.csv"
    assert main(["reconcile", str(sent), booked, "--out", str(tmp_path / "r.json"), "--csv", str(table)]) == 1
    rows = list(csv.DictReader(io.StringIO(table.read_text(encoding="utf-8"))))
    problems = sorted(r["problem_code"] for r in rows if r["status"] == "problem_a")
    assert problems == ["reconcile.duplicate"] * 2


def test_cli_standard_input_is_refused_by_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["reconcile", str(MT103), "-"]) == 2
    assert "not standard input (-)" in capsys.readouterr().err
