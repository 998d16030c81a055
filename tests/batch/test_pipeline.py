"""The batch pipeline end to end: ledger, quarantine, exit codes, determinism, confinement."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from finmsg.batch.atomic import TEMP_MARKER, confined
from finmsg.cli import main
from finmsg.errors import FinmsgError
from tests.batch.mixed import fix_message, generate, mt103, pacs008
from tests.batch.support import REPO, sorted_audit, tree


def convert(*argv: str) -> int:
    return main(["convert", *argv, "--progress", "none"])


def test_ten_thousand_mixed_messages_are_all_accounted_for(tmp_path: Path) -> None:
    expected = generate(tmp_path / "in", 10_000, corrupt_ratio=0.03)
    assert expected.corrupt > 200  # the generator really produced about 3% corrupt records
    out, quarantine, ledger = tmp_path / "out", tmp_path / "q", tmp_path / "ledger.json"
    code = convert(
        str(tmp_path / "in"),
        "--to",
        "json",
        "--out",
        str(out),
        "--quarantine",
        str(quarantine),
        "--ledger",
        str(ledger),
        "--jobs",
        "2",
    )
    assert code == 1  # some messages were quarantined
    counts = json.loads(ledger.read_text())
    assert counts["inputs"] == expected.files
    assert counts["messages"] == expected.messages
    assert counts["quarantined"] == expected.corrupt
    assert counts["converted"] == expected.messages - expected.corrupt
    assert counts["messages"] == counts["converted"] + counts["quarantined"] + counts["skipped"]
    assert counts["invariant_ok"] is True
    outputs = [p for p in out.rglob("*.json")]
    assert len(outputs) == counts["converted"]
    reasons = sorted(quarantine.rglob("*.reason.json"))
    originals = [p for p in quarantine.rglob("*") if p.is_file() and not p.name.endswith(".reason.json")]
    assert len(reasons) == len(originals) == expected.corrupt
    for reason_file in reasons[:50]:
        reason = json.loads(reason_file.read_text())
        assert reason["reason"] in {
            "xml.syntax",
            "fix.frame.checksum",
            "mt.block.unterminated",
            "mt.block.syntax",
        }, reason
        assert reason["diagnostics"] and reason["diagnostics"][0]["severity"] == "error"
        original = reason_file.with_name(reason_file.name.removesuffix(".reason.json"))
        assert original.exists()
    fix_reason = next(r for r in reasons if ".log" in r.name)
    message = fix_reason.with_name(fix_reason.name.removesuffix(".reason.json")).read_bytes()
    assert message.startswith(b"8=FIX.4.4\x01") and message.endswith(b"\x01")  # the exact message bytes


def test_exit_code_0_when_everything_converts(tmp_path: Path) -> None:
    (tmp_path / "a.xml").write_bytes(pacs008(1))
    (tmp_path / "b.fin").write_bytes(mt103(2))
    code = convert(
        str(tmp_path / "a.xml"),
        str(tmp_path / "b.fin"),
        "--to",
        "json",
        "--out",
        str(tmp_path / "o"),
        "--jobs",
        "1",
    )
    assert code == 0
    assert sorted(p.name for p in (tmp_path / "o").iterdir()) == ["a.json", "b.json"]


def test_jobs_1_and_2_produce_identical_outputs_and_audit(tmp_path: Path) -> None:
    expected = generate(tmp_path / "in", 400, corrupt_ratio=0.05, seed=3)
    runs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        audit = tmp_path / f"audit{jobs}.jsonl"
        code = convert(
            str(tmp_path / "in"),
            "--to",
            "json",
            "--out",
            str(out),
            "--quarantine",
            str(tmp_path / f"q{jobs}"),
            "--audit",
            str(audit),
            "--jobs",
            jobs,
        )
        assert code == 1
        runs[jobs] = (tree(out), tree(tmp_path / f"q{jobs}"), sorted_audit(audit))
    assert runs["1"] == runs["2"]
    assert len(runs["1"][2]) == expected.messages  # one record per message
    record = next(r for r in runs["1"][2] if r["status"] == "converted")
    assert set(record) == {
        "input",
        "index",
        "sha256_in",
        "type",
        "status",
        "output",
        "sha256_out",
        "rules",
        "diagnostics",
    }
    out_file = tmp_path / "out1" / record["output"]
    assert hashlib.sha256(out_file.read_bytes()).hexdigest() == record["sha256_out"]


def test_nothing_is_written_outside_the_output_folders(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    generate(inputs, 120, corrupt_ratio=0.1, seed=5)
    before = tree(inputs)
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "finmsg.cli",
            "convert",
            str(inputs),
            "--to",
            "json",
            "--out",
            "out",
            "--quarantine",
            "q",
            "--jobs",
            "2",
            "--progress",
            "none",
        ],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
    )
    assert proc.returncode == 1, proc.stderr
    assert tree(inputs) == before
    assert sorted(p.name for p in cwd.iterdir()) == ["out", "q"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cwd", "in"]


def test_output_names_never_escape() -> None:
    root = Path("/srv/out")
    assert confined(root, "a/b.json") == root / "a" / "b.json"
    for bad in ("../x.json", "a/../../x.json", "/etc/passwd", "."):
        with pytest.raises(FinmsgError) as info:
            confined(root, bad)
        assert info.value.code == "batch.path.escape"


def test_stdin_and_glob_inputs(tmp_path: Path) -> None:
    log = fix_message(1) + b"\n" + fix_message(2) + b"\n"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "finmsg.cli",
            "convert",
            "-",
            "--to",
            "json",
            "--out",
            str(tmp_path / "o"),
            "--jobs",
            "1",
            "--progress",
            "none",
        ],
        input=log,
        capture_output=True,
        check=False,
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
    )
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in (tmp_path / "o").iterdir()) == ["stdin.1.json", "stdin.2.json"]
    (tmp_path / "g" / "sub").mkdir(parents=True)
    (tmp_path / "g" / "sub" / "x.fin").write_bytes(mt103(1))
    (tmp_path / "g" / "sub" / "y.txt").write_bytes(b"not matched by the glob")
    code = convert(str(tmp_path / "g" / "**" / "*.fin"), "--to", "json", "--out", str(tmp_path / "o2"))
    assert code == 0
    assert tree(tmp_path / "o2").keys() == {"sub/x.json"}


def test_same_stem_different_extension_does_not_overwrite(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "x.fin").write_bytes(mt103(1))
    (tmp_path / "in" / "x.xml").write_bytes(pacs008(1))
    assert convert(str(tmp_path / "in"), "--to", "json", "--out", str(tmp_path / "o"), "--jobs", "1") == 0
    assert sorted(tree(tmp_path / "o")) == ["x.json", "x~xml.json"]


def test_fail_fast_stops_at_the_first_failure(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a0.fix").write_bytes(fix_message(1, corrupt=True))
    for n in range(1, 40):
        (folder / f"b{n:02d}.fix").write_bytes(fix_message(n))
    ledger = tmp_path / "l.json"
    code = convert(
        str(folder),
        "--to",
        "json",
        "--out",
        str(tmp_path / "o"),
        "--fail-fast",
        "--jobs",
        "1",
        "--ledger",
        str(ledger),
    )
    assert code == 1
    counts = json.loads(ledger.read_text())
    assert counts["quarantined"] == 1 and counts["messages"] < 40 and counts["invariant_ok"]
    assert "messages == converted + quarantined + skipped holds" in capsys.readouterr().err


def test_missing_input_is_an_io_error_exit_2(tmp_path: Path) -> None:
    (tmp_path / "ok.fix").write_bytes(fix_message(1))
    code = convert(
        str(tmp_path / "ok.fix"),
        str(tmp_path / "missing.fix"),
        "--to",
        "json",
        "--out",
        str(tmp_path / "o"),
        "--jobs",
        "1",
    )
    assert code == 2
    assert (tmp_path / "o" / "ok.json").exists()


def test_progress_json_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.fix").write_bytes(fix_message(1))
    code = main(
        [
            "convert",
            str(tmp_path / "a.fix"),
            "--to",
            "json",
            "--out",
            str(tmp_path / "o"),
            "--progress",
            "json",
            "--jobs",
            "1",
        ]
    )
    assert code == 0
    events = [json.loads(line) for line in capsys.readouterr().err.splitlines() if line.startswith("{")]
    assert events[-1]["event"] == "done" and events[-1]["converted"] == 1


def test_no_temporary_files_are_left(tmp_path: Path) -> None:
    generate(tmp_path / "in", 60, seed=9)
    convert(
        str(tmp_path / "in"),
        "--to",
        "json",
        "--out",
        str(tmp_path / "o"),
        "--quarantine",
        str(tmp_path / "q"),
    )
    assert not [p for p in tmp_path.rglob(f"{TEMP_MARKER}*")]
