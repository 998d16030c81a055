"""Two honest CLI answers (new-user review, session 9).

- ``validate`` of a message finmsg has no schema for says ``NOT VALIDATED``, not ``valid``
  (``--json``: ``"validated": false``), and the summary counts it;
- ``inspect`` of a multi-message file with one broken message prints the others (the broken one
  is ``null`` in place and named on stderr with its index) and exits 1; it printed nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from finmsg.cli import EXIT_INVALID, EXIT_OK, main

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"

#: An ISO 20022 message finmsg has neither an XSD nor a model for (its namespace is well formed).
UNKNOWN = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Document xmlns="urn:iso:std:iso:20022:tech:xsd:acmt.007.001.03">'
    b"<AcctOpngReq><Junk>x</Junk></AcctOpngReq></Document>"
)

MT103 = (FIXTURES / "mt" / "mt103_basic" / "input.fin").read_bytes()


def test_a_message_without_a_schema_is_not_called_valid(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "acmt.xml"
    source.write_bytes(UNKNOWN)
    assert main(["validate", str(source)]) == EXIT_OK  # nothing invalid was found
    text = capsys.readouterr().out
    assert "\tNOT VALIDATED" in text and "\tvalid" not in text
    assert "1 not validated (no schema)" in text
    assert main(["validate", "--json", str(source)]) == EXIT_OK
    (record,) = json.loads(capsys.readouterr().out)
    assert record["valid"] is True and record["validated"] is False


def test_inspect_shows_the_good_messages_around_a_broken_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = b"{1:F01BANKBEBBAXXX0000000000}{2:I103BANKDEFFXXXXN}{:x}{4:\r\n:20:X\r\n-}"
    source = tmp_path / "three.fin"
    source.write_bytes(MT103.rstrip() + b"\r\n" + broken + b"\r\n" + MT103.rstrip())
    assert main(["detect", str(source)]) == EXIT_OK
    assert capsys.readouterr().out.count("\tmt\t") == 3
    assert main(["inspect", "--json", str(source)]) == EXIT_INVALID
    captured = capsys.readouterr()
    models = json.loads(captured.out)
    assert [m is None for m in models] == [False, True, False]
    assert models[0]["message_type"] == models[2]["message_type"] == "103"
    assert f"{source}#2: [" in captured.err
