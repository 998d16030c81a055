"""`finmsg report mifir` in XML mode names every withheld transaction (review MF item 3).

The XML document only holds what is reported; a compliance engineer reading it cannot see
what was left out. So each withheld transaction gets one stderr line with its source, code
and message, and an auth.016 report with no transaction (the XSD requires at least one
``Tx``: ``FinInstrmRptgTxRpt/Tx`` minOccurs=1) is not written at all, with a line saying so,
instead of a 0-byte file that is not XML.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from finmsg.cli import EXIT_INVALID, EXIT_OK, main

from ..fix.helpers import fix

MIFIR = Path(__file__).resolve().parents[2] / "fixtures" / "reports" / "mifir"
REFDATA = str(MIFIR / "refdata.json")
NS = {"a": "urn:iso:std:iso:20022:tech:xsd:auth.016.001.03"}
HDR = "49=BROKER|56=CLIENT|34=5|52=20260302-10:15:30.123|"
FILL = (
    "35=8|" + HDR + "1128=9|37=O1|17={id}|150=F|39=2|54=1|38=100|32=100|31=25.5|151=0|14=100|6=25.5|"
    "30=XPAR|29=4|{price}15=EUR|48=FR0000120271|22=4|461=ESVUFR|60=20260302-10:15:30.123|"
    "453=1|448=5493001KJTIIGC8Y1R12|447=N|452=1|"
)


def _fill(exec_id: str, price: str = "423=2|") -> bytes:
    return fix(FILL.format(id=exec_id, price=price), "FIXT.1.1")


def test_all_withheld_writes_no_file_and_names_the_transaction(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "pq.xml"
    code = main(
        ["report", "mifir", str(MIFIR / "price-qty-neg.fix"), "--refdata", REFDATA, "--out", str(out)]
    )
    err = capsys.readouterr().err
    assert code == EXIT_INVALID
    assert not out.exists()
    lines = [line for line in err.splitlines() if " withheld [" in line]
    assert len(lines) == 1
    assert "price-qty-neg.fix#1" in lines[0]
    assert "[MIFIR-PRICE-QTY]" in lines[0]
    assert "no transaction to report" in err


def test_mixed_run_names_the_withheld_execution_and_writes_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "mixed.fix"
    # E2: a percentage price (423=1) for shares counted in units: refused (MIFIR-PRICE-QTY)
    source.write_bytes(_fill("E1") + _fill("E2", "854=0|423=1|"))
    out = tmp_path / "mixed.xml"
    code = main(["report", "mifir", str(source), "--refdata", REFDATA, "--out", str(out)])
    err = capsys.readouterr().err
    assert code == EXIT_INVALID
    withheld = [line for line in err.splitlines() if " withheld [" in line]
    assert len(withheld) == 1
    assert "mixed.fix#2" in withheld[0] and "E2" in withheld[0] and "[MIFIR-PRICE-QTY]" in withheld[0]
    doc = etree.parse(str(out))
    assert doc.xpath("//a:New/a:TxId/text()", namespaces=NS) == ["E1"]


def test_clean_run_prints_no_withheld_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "one.fix"
    source.write_bytes(_fill("E1"))
    out = tmp_path / "one.xml"
    assert main(["report", "mifir", str(source), "--refdata", REFDATA, "--out", str(out)]) == EXIT_OK
    assert " withheld [" not in capsys.readouterr().err
    assert out.stat().st_size > 0


def test_json_mode_keeps_stderr_to_the_summary(capsys: pytest.CaptureFixture[str]) -> None:
    # the JSON report itself lists every finding: no per-transaction stderr lines
    main(["report", "mifir", str(MIFIR / "price-qty-neg.fix"), "--refdata", REFDATA, "--format", "json"])
    assert " withheld [" not in capsys.readouterr().err
