"""Huge single inputs are streamed in slices: same outputs, ledger, audit and resume as whole-file runs."""

from __future__ import annotations

import io
import json
import os
import random
from collections.abc import Callable
from pathlib import Path

import pytest

from finmsg.batch import BatchConfig, RunOptions, run_batch
from finmsg.batch.manifest import MANIFEST_NAME
from finmsg.batch.stream import cut_point, iter_messages, streamable_handler
from finmsg.batch.worker import split_input
from finmsg.diagnostics import Severity
from finmsg.errors import ParseError
from finmsg.registry import FormatHandler, RawMessage, get_format
from tests.batch.mixed import fix_message, mt103, pacs008
from tests.batch.support import sorted_audit, tree


def _fix_log(path: Path, count: int, seed: int) -> int:
    """A FIX log with timestamp prefixes; about 3% of the lines have a wrong checksum."""
    rng = random.Random(seed)
    bad = 0
    with open(path, "wb") as handle:
        for n in range(count):
            wrong = rng.random() < 0.03
            bad += wrong
            handle.write(b"2026-01-05 10:00:00.123 IN " + fix_message(n, corrupt=wrong) + b"\n")
    return bad


def _rje(path: Path, count: int, seed: int) -> int:
    """An RJE file of MT103s separated by ``$`` lines; about 3% are cut short."""
    rng = random.Random(seed)
    parts, bad = [], 0
    for n in range(count):
        wrong = rng.random() < 0.03
        bad += wrong
        parts.append(mt103(n)[:60] if wrong else mt103(n))
    path.write_bytes(b"\r\n$".join(parts))
    return bad


def _run(
    inputs: Path, base: Path, stream_bytes: int, jobs: int = 1, **extra: object
) -> tuple[int, dict[str, int]]:
    config = BatchConfig(target="json", out_dir=base / "out", quarantine_dir=base / "q", **extra)  # type: ignore[arg-type]
    opts = RunOptions(
        inputs=[str(inputs)],
        config=config,
        jobs=jobs,
        ledger_path=base / "ledger.json",
        audit_path=base / "audit.jsonl",
        progress="none",
        keep_manifest=True,
        stream_bytes=stream_bytes,
        slice_messages=37,  # small slices: many of them, finishing out of order with two jobs
        slice_bytes=16 * 1024,  # small windows: many cuts inside the file
    )
    outcome = run_batch(opts, err=io.StringIO())
    return outcome.exit_code, json.loads((base / "ledger.json").read_text())


def _same_runs(a: Path, b: Path) -> None:
    assert json.loads((a / "ledger.json").read_text()) == json.loads((b / "ledger.json").read_text())
    assert tree(a / "out").keys() - {MANIFEST_NAME} == tree(b / "out").keys() - {MANIFEST_NAME}
    outputs_a = {k: v for k, v in tree(a / "out").items() if k != MANIFEST_NAME}
    outputs_b = {k: v for k, v in tree(b / "out").items() if k != MANIFEST_NAME}
    assert outputs_a == outputs_b
    assert tree(a / "q") == tree(b / "q")
    assert sorted_audit(a / "audit.jsonl") == sorted_audit(b / "audit.jsonl")


def test_cut_points_follow_message_starts() -> None:
    one = b"10:00 IN 8=FIX.4.4\x019=5\x0135=0\x0110=000\x01\n"
    two = b"10:01 IN 8=FIX.4.4\x019=5\x0135=0\x0110=000\x01\n"
    assert cut_point("fix", one + two) == len(one)  # the log prefix stays with its message
    bare = b"8=FIX.4.4\x019=5\x0135=0\x0110=000\x01"
    assert cut_point("fix", bare) == 0  # one message: no cut yet, read more
    assert cut_point("fix", bare + bare) == len(bare)  # no line ends at all: cut at the message start
    rje = b"{1:F01A}{4:\r\n:20:X\r\n-}\r\n${1:F01B}{4:\r\n:20:Y\r\n-}"
    assert cut_point("mt", rje) == rje.index(b"$")
    lines = b"{1:F01A}{4:\r\n:20:X\r\n-}\r\n{1:F01B}{4:\r\n:20:Y\r\n-}"
    assert cut_point("mt", lines) == lines.index(b"{1:F01B")
    ack = b"{1:F21A}{4:{177:2601051000}{451:0}}{1:F01A}{4:\r\n:20:X\r\n-}"
    assert cut_point("mt", ack) == 0  # an ACK stays with the message it acknowledges


@pytest.mark.parametrize("family", ["fix", "mt"])
def test_streamed_split_equals_the_whole_file_split(tmp_path: Path, family: str) -> None:
    path = tmp_path / "big"
    if family == "fix":
        _fix_log(path, 900, seed=1)
    else:
        _rje(path, 700, seed=2)
    handler = get_format(family)
    whole = split_input(handler, path.read_bytes())
    streamed = list(iter_messages(str(path), handler, split_input, window_bytes=4096))
    assert len(streamed) == len(whole) > 600
    assert [(p.data, p.message_type, p.index) for p in streamed] == [
        (p.data, p.message_type, p.index) for p in whole
    ]


def test_a_window_the_splitter_rejects_is_one_failed_message(tmp_path: Path) -> None:
    path = tmp_path / "big.log"
    _fix_log(path, 300, seed=8)
    handler = get_format("fix")
    whole = split_input(handler, path.read_bytes())
    calls = []

    def fussy(h: FormatHandler, window: bytes) -> list[RawMessage]:
        calls.append(len(window))
        if len(calls) == 2:
            raise ParseError("cannot split this", code="fix.test.split")
        return split_input(h, window)

    streamed = list(iter_messages(str(path), handler, fussy, window_bytes=8192))
    failed = [p for p in streamed if p.diagnostics]
    assert len(failed) == 1 and failed[0].diagnostics[0].code == "fix.test.split"
    assert failed[0].diagnostics[0].severity is Severity.ERROR
    first = calls[0]
    assert failed[0].data == path.read_bytes()[first : first + calls[1]]  # the window's bytes, kept
    kept = [p.data for p in streamed if not p.diagnostics]
    assert kept == [p.data for p in whole if p.data not in failed[0].data]
    assert [p.index for p in streamed] == list(range(1, len(streamed) + 1))


def test_only_fix_and_mt_are_streamed(tmp_path: Path) -> None:
    (tmp_path / "a.log").write_bytes(fix_message(1))
    (tmp_path / "b.xml").write_bytes(pacs008(1))
    fix = streamable_handler(str(tmp_path / "a.log"))
    assert fix is not None and fix.family == "fix"
    assert streamable_handler(str(tmp_path / "b.xml")) is None  # XML is read whole
    assert streamable_handler(str(tmp_path / "missing")) is None


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_streamed_run_equals_a_whole_file_run(tmp_path: Path, jobs: int) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    bad = _fix_log(inputs / "session.log", 1500, seed=4) + _rje(inputs / "archive.rje", 700, seed=5)
    (inputs / "small.xml").write_bytes(pacs008(7))
    assert (inputs / "session.log").stat().st_size > 200_000
    code, counts = _run(inputs, tmp_path / "whole", stream_bytes=1 << 40, jobs=jobs)
    assert code == 1
    assert counts["inputs"] == 3 and counts["messages"] == 2201 and counts["quarantined"] == bad
    code, streamed = _run(inputs, tmp_path / "streamed", stream_bytes=100_000, jobs=jobs)
    assert code == 1 and streamed == counts
    _same_runs(tmp_path / "whole", tmp_path / "streamed")
    manifest = (tmp_path / "streamed" / "out" / MANIFEST_NAME).read_text().splitlines()
    entries = [json.loads(line) for line in manifest]
    assert sum(1 for e in entries if "slice" in e) > 2 * 10  # really sliced (37 messages a slice)
    finished = [e for e in entries if "key" in e]
    assert len(finished) == 3  # one line per input, whichever way it was read


def _streamed_twice(tmp_path: Path, make: Callable[[Path], object]) -> tuple[Path, Path]:
    """Inputs made by ``make`` in ``in/``, streamed in 10 kB slices twice: into ``ref/`` (what a
    resume must reproduce) and into ``run/`` (the run to resume). Returns (inputs, run)."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    make(inputs)
    _run(inputs, tmp_path / "ref", stream_bytes=10_000)
    base = tmp_path / "run"
    _run(inputs, base, stream_bytes=10_000)
    return inputs, base


def _resume_and_compare(tmp_path: Path, inputs: Path, base: Path) -> None:
    """Resume the run in ``base``: it must end as the uninterrupted reference run did."""
    code, _ = _run(inputs, base, stream_bytes=10_000, resume=True)
    assert code == 1
    _same_runs(tmp_path / "ref", base)


def test_resume_replays_a_finished_streamed_input(tmp_path: Path) -> None:
    inputs, base = _streamed_twice(tmp_path, lambda folder: _fix_log(folder / "session.log", 600, seed=6))
    stamps = {p: p.stat().st_mtime_ns for p in (base / "out").rglob("*.json")}
    _resume_and_compare(tmp_path, inputs, base)
    assert all(p.stat().st_mtime_ns == t for p, t in stamps.items())  # nothing was converted again


def test_resume_after_an_interrupted_stream_redoes_the_input(tmp_path: Path) -> None:
    inputs, base = _streamed_twice(tmp_path, lambda folder: _rje(folder / "archive.rje", 500, seed=7))
    manifest = base / "out" / MANIFEST_NAME
    lines = manifest.read_text().splitlines(keepends=True)
    slices = [line for line in lines if '"slice"' in line]
    assert len(slices) > 10
    manifest.write_text("".join(slices[:5]) + slices[5][:40])  # killed mid-input, mid-line
    victim = next(iter(sorted((base / "out").rglob("*.json"))))
    victim.unlink()  # an output the killed run had not written yet
    _resume_and_compare(tmp_path, inputs, base)


def test_durable_syncs_every_output_and_manifest_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.fix").write_bytes(fix_message(1) + b"\n" + fix_message(2, corrupt=True) + b"\n")
    (inputs / "b.xml").write_bytes(pacs008(3))
    synced: list[int] = []
    real = os.fsync

    def counting(fd: int) -> None:
        synced.append(fd)
        real(fd)

    monkeypatch.setattr(os, "fsync", counting)
    code, counts = _run(inputs, tmp_path / "plain", stream_bytes=1 << 40)
    assert code == 1 and not synced  # no fsync unless asked
    code, durable = _run(inputs, tmp_path / "durable", stream_bytes=1 << 40, durable=True)
    assert code == 1 and durable == counts
    # a.fix: a.1.json, a.2.fix + a.2.fix.reason.json, then its folders out/ and q/; b.xml: b.json, out/;
    # one manifest line per input
    assert len(synced) == 4 + 3 + 2
    _same_runs(tmp_path / "plain", tmp_path / "durable")
