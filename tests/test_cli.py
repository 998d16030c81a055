"""The CLI contract shared by every format: detect, validate, inspect, convert, exit codes."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from finmsg.cli import main
from tests.conftest import FIXTURES

PACS008 = FIXTURES / "iso20022" / "pacs008-cbpr-structured" / "input.xml"
PACS009 = FIXTURES / "iso20022" / "pacs009-cov" / "input.xml"


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


def test_detect_prints_file_index_family_type() -> None:
    code, out = run("detect", str(PACS008), str(PACS009))
    assert code == 0
    assert out.splitlines() == [
        f"{PACS008}#1\tiso20022\tpacs.008.001.08",
        f"{PACS009}#1\tiso20022\tpacs.009.001.08",
    ]


def test_validate_json_shape_and_exit_codes(tmp_path: Path) -> None:
    code, out = run("validate", "--json", str(PACS008))
    assert code == 0
    (record,) = json.loads(out)
    # the keys, plus "validated" (false when no schema checked the message)
    assert set(record) == {"file", "index", "family", "type", "valid", "validated", "diagnostics"}
    assert record["valid"] is True and record["validated"] is True and record["type"] == "pacs.008.001.08"
    broken = tmp_path / "broken.xml"
    broken.write_bytes(PACS008.read_bytes().replace(b"<MsgId>MSG-20261129-0001</MsgId>", b""))
    code, out = run("validate", "--json", str(broken))
    assert code == 1
    (record,) = json.loads(out)
    assert record["valid"] is False
    assert any(d["code"] == "xsd.invalid" and d["path"] for d in record["diagnostics"])


def test_validate_missing_file_is_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = run("validate", "does-not-exist.xml")
    assert code == 2
    assert "cannot read does-not-exist.xml" in capsys.readouterr().err


def test_inspect_prints_the_model() -> None:
    code, out = run("inspect", "--json", str(PACS008))
    assert code == 0
    assert json.loads(out)["transactions"][0]["ids"]["uetr"] == "8a562c67-ca16-48ba-b074-65581be6f001"


def test_convert_writes_one_file_per_message_and_a_report(tmp_path: Path) -> None:
    multi = tmp_path / "two.xml"
    body = b"".join(
        p.read_bytes().split(b"?>", 1)[1].replace(b"<Envelope>", b"").replace(b"</Envelope>", b"")
        for p in (PACS008, PACS008)
    )
    multi.write_bytes(b"<Batch>" + body + b"</Batch>")
    report = tmp_path / "report.jsonl"
    code, _ = run(
        "convert",
        str(multi),
        str(PACS009),
        "--to",
        "pacs.008.001.13",
        "--out",
        str(tmp_path / "o"),
        "--report",
        str(report),
    )
    # the pacs.009 cannot become a pacs.008: reported, exit 1, the others are written
    assert code == 1
    assert sorted(p.name for p in (tmp_path / "o").iterdir()) == ["two.1.xml", "two.2.xml"]
    assert report.exists()


def test_convert_strict_exits_1_on_lossy(tmp_path: Path) -> None:
    report = tmp_path / "r.jsonl"
    code, _ = run(
        "convert",
        str(PACS008),
        "--to",
        "pacs.008.001.02",
        "--out",
        str(tmp_path),
        "--strict",
        "--report",
        str(report),
    )
    assert code == 1
    lines = [json.loads(line) for line in report.read_text().splitlines()]
    assert lines and all(rec["file"] == str(PACS008) for rec in lines)
    assert {rec["code"] for rec in lines} == {"version.dropped", "iso.header.updated"}


def test_convert_to_json(tmp_path: Path) -> None:
    code, _ = run("convert", str(PACS008), "--to", "json", "--out", str(tmp_path))
    assert code == 0
    assert json.loads((tmp_path / "input.json").read_text())["_type"] == "CreditTransfer"


def test_user_errors_print_one_line_and_no_traceback(tmp_path: Path) -> None:
    junk = tmp_path / "junk.txt"
    junk.write_text("hello")
    proc = subprocess.run(
        [sys.executable, "-m", "finmsg.cli", "convert", str(junk), "--to", "nowhere", "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_option_flag_reaches_the_reader_and_rejects_junk(capsys: pytest.CaptureFixture[str]) -> None:
    log = FIXTURES / "fix" / "session_log" / "input.log"
    _, out = run("validate", "--json", str(log))
    assert [rec["valid"] for rec in json.loads(out)] == [True, False, True, False]
    # QuickFIX's UseDataDictionary=N: message 2's bad enum (59=Z) is no longer checked; the
    # bad checksum of message 4 still is (framing is not a dictionary rule)
    code, out = run("validate", "--json", "-o", "UseDataDictionary=N", str(log))
    assert code == 1
    assert [rec["valid"] for rec in json.loads(out)] == [True, True, True, False]
    code, _ = run("validate", "-o", "no-equals-sign", str(log))
    assert code == 2
    assert "--option takes KEY=VALUE" in capsys.readouterr().err
