"""``convert --help`` lists the MT variant targets (mt103stp, mt103remit, mt202cov, mt205cov).

The help says every target is listed; the variants were accepted but not listed. Each listed
variant must also be one the translator really produces (the cover variant is converted here).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from finmsg.cli import EXIT_OK, main

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "translate"


def _mt_targets(capsys: pytest.CaptureFixture[str]) -> list[str]:
    assert main(["convert", "--help"]) == EXIT_OK
    text = " ".join(capsys.readouterr().out.split())
    listed = text.split("--to an MT message (a translation target):")[1].split("--to")[0]
    return re.findall(r"mt\d{3}[a-z]*", listed)


def test_variants_are_listed(capsys: pytest.CaptureFixture[str]) -> None:
    targets = _mt_targets(capsys)
    assert {"mt103stp", "mt103remit", "mt202cov", "mt205cov"} <= set(targets)
    assert "mt940cov" not in targets and "mt202stp" not in targets


def test_the_listed_cover_variant_converts(tmp_path: Path) -> None:
    source = FIXTURES / "pacs009-mt202" / "cov-underlying" / "input.xml"
    out = tmp_path / "out"
    assert main(["convert", str(source), "--to", "mt202cov", "--out", str(out), "--jobs", "1"]) == EXIT_OK
    written = (out / "input.fin").read_text()
    assert "{119:COV}" in written and "{2:I202" in written
