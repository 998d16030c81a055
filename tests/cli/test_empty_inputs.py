"""An empty file, or one holding only blanks or a byte order mark, is ``input.empty`` on the command
line as in the library (it was ``format.unknown``, "starts ''"): in ``validate``, ``detect``,
``inspect`` (a usage error, exit 2, as an unknown format) and in a batch's quarantine reason.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from finmsg.cli import EXIT_INVALID, EXIT_USAGE, main

CONTENTS = [b"", b"  \n", b"\xef\xbb\xbf", b"\xff\xfe\x20\x00"]


@pytest.mark.parametrize("content", CONTENTS)
def test_validate_and_inspect_say_empty(
    content: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "empty.xml"
    source.write_bytes(content)
    assert main(["validate", "--json", str(source)]) == EXIT_INVALID
    (record,) = json.loads(capsys.readouterr().out)
    assert [d["code"] for d in record["diagnostics"]] == ["input.empty"]
    assert main(["inspect", str(source)]) == EXIT_USAGE
    assert "[input.empty]" in capsys.readouterr().err


def test_the_batch_quarantines_it_as_empty(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "blank.fin").write_bytes(b"\xef\xbb\xbf \r\n")
    quarantine = tmp_path / "q"
    args = ["convert", str(folder), "--to", "json", "--out", str(tmp_path / "out"), "--jobs", "1"]
    assert main([*args, "--quarantine", str(quarantine)]) == EXIT_INVALID
    (reason,) = quarantine.glob("*.reason.json")
    assert json.loads(reason.read_text())["reason"] == "input.empty"
