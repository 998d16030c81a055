"""FIX logs, ``--strict`` and multi-allocation J through ``convert_all`` and the batch.

Review findings: a session log converted to a settlement target quarantined Logon, Heartbeat,
SequenceReset and NewOrderSingle (exit 1); ``--strict`` quarantined the README example for an
*info* default; an AllocationInstruction with two allocations could not be converted by
``convert_all`` or the CLI; a PossDup resend was written as a second NEWM.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

import finmsg
from finmsg.cli import main
from tests.fix.helpers import fix

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "settlement"
SSI_CSV = (
    "account,market,sender,receiver,pset,deag\n"
    "SAFE-001,US,FUNDGB2LXXX,CUSTUS33XXX,DTCYUS33,BRKRUS33\n"
    "SAFE-002,US,FUNDGB2LXXX,CUSTUS33XXX,DTCYUS33,BRKRUS33\n"
)
HDR = "49=BROKERX|56=FUNDMGR|52=20240129-15:00:00.000|"
FILL = (
    f"35=8|34=7|{HDR}37=ORD1|17=EXEC1|150=F|39=2|1=SAFE-001|55=AAPL|48=US0378331005|22=4|54=1|38=100|"
    "32=100|31=185.25|151=0|14=100|6=185.25|75=20240129|15=USD|64=20240131|60=20240129-15:00:00.000|"
)
LOG = [
    f"35=A|34=1|{HDR}98=0|108=30|",
    f"35=0|34=2|{HDR}",
    f"35=D|34=3|{HDR}11=C1|1=SAFE-001|55=AAPL|48=US0378331005|22=4|54=1|38=100|40=2|44=185.25|"
    "60=20240129-15:00:00.000|",
    FILL,
    f"35=4|34=9|{HDR}43=Y|123=Y|36=12|",
]
#: 300 AAPL allocated 100 to SAFE-001 and 200 to SAFE-002.
ALLOC = (
    f"35=J|34=3|{HDR}70=ALLOC1|71=0|626=1|857=0|54=1|55=AAPL|48=US0378331005|22=4|53=300|6=185.25|"
    "75=20240129|64=20240131|15=USD|78=2|79=SAFE-001|80=100|79=SAFE-002|80=200|"
)


def _run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, data: bytes, *extra: str
) -> tuple[int, str, Path]:
    source = tmp_path / name
    source.write_bytes(data)
    ssi = tmp_path / "ssi.csv"
    ssi.write_text(SSI_CSV)
    out = tmp_path / f"out-{name}"
    argv = ["convert", str(source), "--to", "mt541", "--ssi", str(ssi), "--jobs", "1", "--out", str(out)]
    code = main([*argv, *extra], out=io.StringIO())
    return code, capsys.readouterr().err, out


def test_a_session_log_converts_its_fill_and_skips_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = b"\n".join(fix(body) for body in LOG) + b"\n"
    report = tmp_path / "report.jsonl"
    code, err, out = _run(tmp_path, capsys, "session.fix", data, "--report", str(report))
    assert code == 0
    assert "messages=5 converted=1 quarantined=0 skipped=4" in err
    assert [p.name for p in out.iterdir()] == ["session.4.fin"]
    skipped = [json.loads(line) for line in report.read_text().splitlines() if '"batch.skipped"' in line]
    assert [(r["index"], r["path"]) for r in skipped] == [
        (1, "FIX:35"),
        (2, "FIX:35"),
        (3, "FIX:35"),
        (5, "FIX:35"),
    ]
    assert skipped[0]["message"].startswith("Logon (35=A) is a FIX session message")


def test_a_fill_that_cannot_settle_is_still_quarantined(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err, _ = _run(tmp_path, capsys, "nodate.fix", fix(FILL.replace("64=20240131|", "")))
    assert code == 1
    assert "quarantined=1 skipped=0" in err


def test_a_possdup_resend_of_a_fill_already_converted_is_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    resend = FILL.replace("35=8|34=7|", "35=8|34=7|43=Y|122=20240129-15:00:00.000|")
    code, err, out = _run(tmp_path, capsys, "pd.fix", fix(FILL) + b"\n" + fix(resend) + b"\n")
    assert code == 0
    assert "converted=1 quarantined=0 skipped=1" in err
    assert [p.name for p in out.iterdir()] == ["pd.1.fin"]


def test_an_unflagged_repeat_of_a_fill_is_quarantined_not_instructed_twice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Review R3: the same fill twice (no 43=Y) gave two NEWM instructions with one SEME."""
    again = FILL.replace("35=8|34=7|", "35=8|34=8|")
    code, err, out = _run(tmp_path, capsys, "dup.fix", fix(FILL) + b"\n" + fix(again) + b"\n")
    assert code == 1
    assert "converted=1 quarantined=1" in err and "settlement.duplicate" in err
    assert [p.name for p in out.iterdir()] == ["dup.1.fin"]


def test_strict_does_not_refuse_an_info_default(tmp_path: Path) -> None:
    example = FIXTURES / "equity_dvp" / "input.fix"
    ssi = FIXTURES / "equity_dvp" / "ssi.json"
    result = finmsg.convert(example.read_bytes(), "mt541", ssi=str(ssi), strict=True)
    assert any(d.code == "mapping.defaulted" and d.path == "FIX:172" for d in result.diagnostics)
    argv = ["convert", str(example), "--to", "mt541", "--ssi", str(ssi), "--strict", "--jobs", "1"]
    assert main([*argv, "--out", str(tmp_path / "o")], out=io.StringIO()) == 0


def test_strict_still_refuses_a_lossy_warning_and_says_which() -> None:
    data = fix(FILL + "5001=XQZ|")
    with pytest.raises(finmsg.ConversionError) as caught:
        finmsg.convert(data, "mt541", ssi=finmsg.settlement.parse_ssi(SSI_CSV), strict=True)
    assert caught.value.code == "conversion.lossy" and caught.value.path == "FIX:5001"
    assert caught.value.diagnostics[0].code == "lossy.dropped"
    assert all(d.severity.value != "info" for d in caught.value.diagnostics)


def test_convert_all_writes_one_instruction_per_allocation() -> None:
    outs = finmsg.convert_all(fix(ALLOC), "mt541", ssi=finmsg.settlement.parse_ssi(SSI_CSV))
    texts = [out.value.decode() for out in outs]
    assert len(texts) == 2
    assert ":20C::SEME//ALLOC1-1" in texts[0] and ":36B::SETT//UNIT/100," in texts[0]
    assert ":20C::SEME//ALLOC1-2" in texts[1] and ":36B::SETT//UNIT/200," in texts[1]
    assert all(":20C::RELA//ALLOC1" in text for text in texts)
    assert ":97A::SAFE//SAFE-002" in texts[1]


def test_convert_all_sese023_per_allocation() -> None:
    outs = finmsg.convert_all(fix(ALLOC), "sese.023", ssi=finmsg.settlement.parse_ssi(SSI_CSV))
    assert [b"<TxId>ALLOC1-1</TxId>" in o.value for o in outs] == [True, False]
    assert b"<TxId>ALLOC1-2</TxId>" in outs[1].value


def test_the_cli_writes_one_file_per_allocation(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err, out = _run(tmp_path, capsys, "alloc.fix", fix(ALLOC))
    assert code == 0
    assert "converted=1 quarantined=0" in err
    assert sorted(p.name for p in out.iterdir()) == ["alloc.1.fin", "alloc.2.fin"]
    assert ":20C::SEME//ALLOC1-2" in (out / "alloc.2.fin").read_text()


def test_convert_of_a_multi_allocation_j_points_to_convert_all() -> None:
    with pytest.raises(finmsg.ConversionError) as caught:
        finmsg.convert(fix(ALLOC), "mt541", ssi=finmsg.settlement.parse_ssi(SSI_CSV))
    assert caught.value.code == "settlement.multiple"
    assert "convert_all" in caught.value.message


def test_the_batch_says_strict_refused_a_lossy_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err, _ = _run(tmp_path, capsys, "lossy.fix", fix(FILL + "5001=XQZ|"), "--strict")
    assert code == 1
    (line,) = [line for line in err.splitlines() if "lossy.fix#1:" in line]
    assert "warning lossy.dropped FIX:5001" in line and line.endswith("(refused by --strict)")
