"""`--to csv --report`: the findings of the MT -> ISO 20022 translation the rows come from are reported."""

from __future__ import annotations

import io
import json
from pathlib import Path

from finmsg.cli import main
from tests.conftest import FIXTURES


def test_csv_report_lists_the_translation_findings(tmp_path: Path) -> None:
    report = tmp_path / "r.jsonl"
    source = FIXTURES / "mt" / "mt103_basic" / "input.fin"
    argv = ["convert", str(source), "--to", "csv", "--report", str(report), "--out", str(tmp_path / "o")]
    assert main(argv, out=io.StringIO()) == 0
    codes = sorted(json.loads(line)["code"] for line in report.read_text().splitlines())
    # 50K/59 third lines (MAIN STREET 1, RUE DE LA PAIX 2) give no town/country: kept unstructured;
    # 52A/57A name the sender/receiver (implicit agents); block 3 108 becomes the AppHdr's id.
    assert codes == [
        "address.unstructured",
        "address.unstructured",
        "envelope.replaced",
        "mapping.implicit",
        "mapping.implicit",
    ]
