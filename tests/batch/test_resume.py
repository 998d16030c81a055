"""kill -9 in the middle of a run, then ``--resume``: same outputs, ledger and audit, no leftovers."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from finmsg.batch.atomic import TEMP_MARKER
from finmsg.batch.manifest import MANIFEST_NAME
from finmsg.cli import main
from tests.batch.mixed import generate
from tests.batch.support import REPO, sorted_audit, tree


def _args(inputs: Path, base: Path) -> list[str]:
    return [
        "convert",
        str(inputs),
        "--to",
        "json",
        "--out",
        str(base / "out"),
        "--quarantine",
        str(base / "q"),
        "--ledger",
        str(base / "ledger.json"),
        "--audit",
        str(base / "audit.jsonl"),
        "--progress",
        "none",
    ]


def test_kill_9_then_resume_matches_an_uninterrupted_run(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    generate(inputs, 2000, corrupt_ratio=0.03, seed=11)
    reference, crashed = tmp_path / "ref", tmp_path / "crash"
    assert main([*_args(inputs, reference), "--jobs", "2"]) == 1

    proc = subprocess.Popen(
        [sys.executable, "-m", "finmsg.cli", *_args(inputs, crashed), "--jobs", "2"],
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    manifest = crashed / "out" / MANIFEST_NAME
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if manifest.exists() and manifest.read_bytes().count(b"\n") >= 20:
            break
        time.sleep(0.02)
    assert proc.poll() is None, "the run finished before it could be killed; give it more input"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    done_before = manifest.read_bytes().count(b"\n")
    assert 20 <= done_before < 600  # really interrupted mid-run

    assert main([*_args(inputs, crashed), "--jobs", "2", "--resume"]) == 1
    assert json.loads((crashed / "ledger.json").read_text()) == json.loads(
        (reference / "ledger.json").read_text()
    )
    assert tree(crashed / "out") == tree(reference / "out")
    assert tree(crashed / "q") == tree(reference / "q")
    assert sorted_audit(crashed / "audit.jsonl") == sorted_audit(reference / "audit.jsonl")
    assert not list(crashed.rglob(f"{TEMP_MARKER}*"))
    assert not manifest.exists()  # a finished run removes it


def test_resume_skips_finished_inputs(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    generate(inputs, 50, seed=2)
    args = [*_args(inputs, tmp_path), "--jobs", "1", "--keep-manifest"]
    main(args)
    first = tree(tmp_path / "out")
    stamp = {p: p.stat().st_mtime_ns for p in (tmp_path / "out").rglob("*.json")}
    assert main([*args, "--resume"]) in (0, 1)
    assert tree(tmp_path / "out") == first
    assert all(p.stat().st_mtime_ns == t for p, t in stamp.items())  # nothing was rewritten
