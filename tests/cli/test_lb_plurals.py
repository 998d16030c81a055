"""Counts in the command line's summary lines agree with their nouns: "1 message", "2 messages"
(brief LB item 5; ``validate`` printed "summary: 1 messages" for one message without a schema,
and the batch progress bar "1/? messages")."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from finmsg.batch.ledger import Ledger
from finmsg.batch.progress import make_progress
from finmsg.cli import EXIT_OK, main

#: An ISO 20022 message finmsg has no schema for: ``validate`` prints a summary even for one.
UNKNOWN = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Document xmlns="urn:iso:std:iso:20022:tech:xsd:acmt.007.001.03">'
    b"<AcctOpngReq><Junk>x</Junk></AcctOpngReq></Document>"
)


def _summary(tmp_path: Path, count: int, capsys: pytest.CaptureFixture[str]) -> str:
    paths = []
    for n in range(count):
        path = tmp_path / f"m{n}.xml"
        path.write_bytes(UNKNOWN)
        paths.append(str(path))
    assert main(["validate", *paths]) == EXIT_OK
    (line,) = [line for line in capsys.readouterr().out.splitlines() if line.startswith("summary:")]
    return line


def test_one_message_is_one_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _summary(tmp_path, 1, capsys) == (
        "summary: 1 message, 0 invalid, 1 not validated (no schema); by type: iso20022:acmt.007.001.03=1"
    )


def test_two_messages_are_messages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _summary(tmp_path, 2, capsys).startswith("summary: 2 messages, 0 invalid, 2 not validated")


@pytest.mark.parametrize(("messages", "shown"), [(1, "1/? message ·"), (2, "2/? messages ·")])
def test_the_progress_bar_counts_messages_in_words_that_agree(messages: int, shown: str) -> None:
    stream = io.StringIO()
    bar = make_progress("bar", stream)
    bar.start()
    bar.stop(Ledger(inputs=1, messages=messages))
    assert shown in stream.getvalue()
