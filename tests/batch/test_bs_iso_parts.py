"""A failed message of a multi-message ISO 20022 file is quarantined as its original bytes, and the
audit's ``sha256_in`` of every message of such a file is the digest of those bytes."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from finmsg.cli import main
from tests.batch import mixed
from tests.batch.support import sorted_audit

#: The second message's amount is not a number: the reader rejects it (iso.value.amount).
GOOD_1 = mixed.pacs008(1, with_header=True)
BAD_2 = mixed.pacs008(2, with_header=True).replace(b"2.25</IntrBkSttlmAmt>", b"2.2x5</IntrBkSttlmAmt>")
GOOD_3 = mixed.pacs008(3, with_header=True)


def _run(tmp_path: Path, data: bytes, jobs: str = "1") -> Path:
    inputs = tmp_path / "in"
    inputs.mkdir(parents=True)
    (inputs / "batch.xml").write_bytes(data)
    base = tmp_path / f"run{jobs}"
    code = main(
        [
            "convert",
            str(inputs),
            "--to",
            "json",
            "--out",
            str(base / "out"),
            "--quarantine",
            str(base / "q"),
            "--audit",
            str(base / "audit.jsonl"),
            "--ledger",
            str(base / "ledger.json"),
            "--jobs",
            jobs,
            "--progress",
            "none",
        ]
    )
    assert code == 1  # one message quarantined
    return base


def test_the_quarantine_file_of_a_failed_part_is_its_exact_bytes_in_the_input(tmp_path: Path) -> None:
    assert b"2.2x5" in BAD_2  # the template still holds the amount this test breaks
    data = (
        b'<?xml version="1.0" encoding="UTF-8"?>\n<Envelope>\n'
        + GOOD_1
        + b"\n"
        + BAD_2
        + b"\n"
        + GOOD_3
        + b"\n</Envelope>\n"
    )
    base = _run(tmp_path, data)
    assert (base / "q" / "batch.2.xml").read_bytes() == BAD_2
    reason = json.loads((base / "q" / "batch.2.xml.reason.json").read_text())
    assert reason["reason"] == "iso.value.amount"
    ledger = json.loads((base / "ledger.json").read_text())
    assert (ledger["messages"], ledger["converted"], ledger["quarantined"]) == (3, 2, 1)


def test_the_audit_hashes_each_part_as_it_stands_in_the_input(tmp_path: Path) -> None:
    data = b"<Envelope>" + GOOD_1 + BAD_2 + GOOD_3 + b"</Envelope>"
    base = _run(tmp_path, data)
    records = sorted_audit(base / "audit.jsonl")
    expected = [hashlib.sha256(part).hexdigest() for part in (GOOD_1, BAD_2, GOOD_3)]
    assert [r["sha256_in"] for r in records] == expected
    assert [r["status"] for r in records] == ["converted", "quarantined", "converted"]


def test_jobs_1_and_jobs_2_write_the_same_audit_for_parts(tmp_path: Path) -> None:
    data = b"<Envelope>" + GOOD_1 + BAD_2 + GOOD_3 + b"</Envelope>"
    one = sorted_audit(_run(tmp_path / "a", data, "1") / "audit.jsonl")
    two = sorted_audit(_run(tmp_path / "b", data, "2") / "audit.jsonl")
    strip = [{k: v for k, v in r.items() if k not in ("input", "output", "quarantine")} for r in one]
    assert strip == [{k: v for k, v in r.items() if k not in ("input", "output", "quarantine")} for r in two]
