"""CLI rough edges found by the corpus sweep: exit codes, ``-o`` options at the split step,
``inspect`` of a folder and a misspelt ``--profile``."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from finmsg.cli import main
from tests.conftest import FIXTURES
from tests.fix.helpers import fix, order, order_body

PACS008 = FIXTURES / "iso20022" / "pacs008-cbpr-structured" / "input.xml"
HEAD = "{1:F01BANKBEBBAXXX0000000000}{2:I199BANKDEFFXXXXN}"
#: Block 4 closed by a bare '}' (no CRLF '-'): only allow_loose_block4_end reads it.
NO_END = (HEAD + "{4:\r\n:20:REF1\r\n:79:HELLO\r\n}").encode()
LF_MT = (HEAD + "{4:\n:20:REF1\n:79:HELLO\n-}").encode()


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


@pytest.fixture()
def damaged(tmp_path: Path) -> Path:
    path = tmp_path / "damaged.fin"
    path.write_bytes(NO_END)
    return path


def _one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


def test_inspect_of_a_folder_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.fin").write_bytes(LF_MT)
    (tmp_path / "b.fin").write_bytes(LF_MT)
    code, out = run("inspect", str(tmp_path))
    assert (code, out) == (2, "")
    line = _one_line(capsys.readouterr().err)
    assert "is a folder" in line and "finmsg convert" in line


def test_inspect_of_an_empty_folder_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _ = run("inspect", str(tmp_path))
    assert code == 2
    _one_line(capsys.readouterr().err)


def test_misspelt_profile_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = run("validate", "--profile", "cbpr", str(PACS008))
    assert code == 2
    assert "cbpr+" in capsys.readouterr().err
    code, out = run("validate", "--profile", "CBPR+", str(PACS008))
    assert code == 0 and "valid" in out


@pytest.mark.parametrize("option", ["allow_lf=maybe", "max_bytes=abc", "ValidateFieldsOutOfOrder=maybe"])
def test_unusable_option_value_is_a_usage_error(
    tmp_path: Path, option: str, capsys: pytest.CaptureFixture[str]
) -> None:
    mt = tmp_path / "m.fin"
    mt.write_bytes(LF_MT)
    fix = FIXTURES / "fix" / "session_log" / "input.log"
    target = fix if option.startswith("Validate") else mt
    code, _ = run("validate", "-o", option, str(target))
    assert code == 2
    assert "option.invalid" in _one_line(capsys.readouterr().err)


def test_max_bytes_from_the_command_line_is_a_number(tmp_path: Path) -> None:
    mt = tmp_path / "m.fin"
    mt.write_bytes(LF_MT)
    code, out = run("validate", "--json", "-o", "max_bytes=10", str(mt))
    assert code == 1
    (record,) = json.loads(out)
    assert [d["code"] for d in record["diagnostics"]] == ["mt.limit.size"]


def test_tolerance_option_applies_when_cutting_the_input(damaged: Path) -> None:
    code, out = run("validate", "--json", str(damaged))
    assert code == 1
    (record,) = json.loads(out)
    assert (record["family"], record["type"]) == ("mt", "199")  # sniffed as MT, typed by its block 2
    assert "-o allow_loose_block4_end=true" in record["diagnostics"][0]["message"]

    code, out = run("validate", "--json", "-o", "allow_loose_block4_end=true", str(damaged))
    (record,) = json.loads(out)
    assert (record["family"], record["type"]) == ("mt", "199")
    assert "mt.tolerance.block4_end" in [d["code"] for d in record["diagnostics"]]

    code, out = run("detect", "-o", "allow_loose_block4_end=true", str(damaged))
    assert (code, out) == (0, f"{damaged}#1\tmt\t199\n")

    code, out = run("inspect", "-o", "allow_loose_block4_end=true", str(damaged))
    assert code == 0
    assert json.loads(out)["message_type"] == "199"


def test_report_rejects_one_bad_message_and_reads_the_ones_after_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "mixed.log"
    log.write_bytes(order() + b"\n" + fix(order_body(), checksum="000") + b"\n" + order("58=LAST|") + b"\n")
    code, out = run("report", "screening", str(log))
    assert code == 1
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["source"] for line in lines if "fields" in line] == [f"{log}#1", f"{log}#3"]
    # the unreadable one is in the report too, as a line of its own (it still needs screening)
    assert [(line["source"], line["rejected"]["code"]) for line in lines if "rejected" in line] == [
        (f"{log}#2", "fix.frame.checksum")
    ]
    err = capsys.readouterr().err
    assert f"{log}#2: rejected [fix.frame.checksum]" in err


def test_report_takes_reader_options(damaged: Path) -> None:
    code, out = run("report", "screening", "-o", "allow_loose_block4_end=true", str(damaged))
    assert code == 0
    (record,) = [json.loads(line) for line in out.splitlines()]
    assert ("MT199:79/narrative", "HELLO") in [(f["path"], f["value"]) for f in record["fields"]]
