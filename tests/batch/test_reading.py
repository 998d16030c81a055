"""read_whole: every byte of an input, whatever its size or however the kernel hands it over."""

from __future__ import annotations

import hashlib
import io
import json
import os
import threading
from pathlib import Path

import pytest

from finmsg.batch import BatchConfig, RunOptions, reading, run_batch
from finmsg.batch.reading import FIRST_READ, read_whole
from tests.batch.mixed import fix_message


@pytest.mark.parametrize(
    "size", [0, 1, 1500, FIRST_READ - 1, FIRST_READ, FIRST_READ + 1, 3 * FIRST_READ + 17]
)
def test_every_size_is_read_whole(tmp_path: Path, size: int) -> None:
    data = bytes((n * 7 + n // 251) % 256 for n in range(size))
    path = tmp_path / "input.bin"
    path.write_bytes(data)
    assert read_whole(str(path)) == data


def test_short_reads_are_not_taken_for_the_end(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file system may return fewer bytes than asked before the end: only an empty read ends the file."""
    data = b"{1:F01BANKDEFFAXXX0000000000}" * 5000  # 145,000 bytes: past the first read's size
    path = tmp_path / "input.fin"
    path.write_bytes(data)
    real_read = os.read
    asked: list[int] = []

    def stingy(handle: int, size: int) -> bytes:
        asked.append(size)
        return real_read(handle, min(size, 1000))

    monkeypatch.setattr(reading.os, "read", stingy)
    assert read_whole(str(path)) == data
    assert len(asked) == 146  # 145 reads of 1,000 bytes, then the empty one


def test_a_pipe_is_read_to_its_end(tmp_path: Path) -> None:
    """An explicit input may be a FIFO (``<(...)``): pieces arrive apart, the end is the writer closing."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    pieces = [b"8=FIX.4.4\x01" * 700, b"35=D\x01" * 20000, b"10=000\x01\n"]

    def writer() -> None:
        with open(fifo, "wb", buffering=0) as handle:
            for piece in pieces:
                handle.write(piece)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        assert read_whole(str(fifo)) == b"".join(pieces)
    finally:
        thread.join()


def test_errors_are_the_ones_open_raises(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError) as missing:
        read_whole(str(tmp_path / "absent.xml"))
    assert missing.value.strerror == "No such file or directory"
    with pytest.raises(IsADirectoryError) as folder:
        read_whole(str(tmp_path))
    assert folder.value.strerror == "Is a directory"


def test_no_descriptor_is_left_open(tmp_path: Path) -> None:
    path = tmp_path / "a.xml"
    path.write_bytes(b"<Document/>")
    before = len(os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else None
    for _ in range(50):
        read_whole(str(path))
    with pytest.raises(IsADirectoryError):
        read_whole(str(tmp_path))
    if before is not None:
        assert len(os.listdir("/proc/self/fd")) == before


def test_an_input_past_the_first_read_loses_no_message(tmp_path: Path) -> None:
    """A FIX log of ~150 KB (read whole, not streamed): every message is converted, and the audit
    trail's input digest is the one of the whole file's bytes as written."""
    messages = [fix_message(n) for n in range(900)]
    data = b"\n".join(messages) + b"\n"
    assert len(data) > 2 * FIRST_READ
    source = tmp_path / "in" / "big.log"
    source.parent.mkdir()
    source.write_bytes(data)
    audit = tmp_path / "audit.jsonl"
    config = BatchConfig(target="json", out_dir=tmp_path / "out", quarantine_dir=tmp_path / "q")
    opts = RunOptions(inputs=[str(source.parent)], config=config, jobs=1, progress="none", audit_path=audit)
    outcome = run_batch(opts, err=io.StringIO())
    assert (outcome.ledger.messages, outcome.ledger.converted, outcome.exit_code) == (900, 900, 0)
    assert len(list((tmp_path / "out").glob("big.*.json"))) == 900
    records = [json.loads(line) for line in audit.read_text().splitlines()]
    last = next(r for r in records if r["index"] == 900)
    assert last["sha256_in"] == hashlib.sha256(messages[-1]).hexdigest()
