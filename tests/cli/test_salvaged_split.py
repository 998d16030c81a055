"""detect and validate cut a damaged multi-message file as convert does.

Before: one broken message in an RJE file made ``validate`` report the whole file as
one INVALID "unknown" message and ``detect`` print nothing, while ``convert`` cut it
into its messages and quarantined only the broken one.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

from finmsg.cli import main

UETR = "eb6305c9-1f7f-49de-aed0-16487c27b42d"
GOOD = (
    "{1:F01BANKDEFFAXXX0000000000}{2:I103BANKUS33XXXXN}{3:{121:" + UETR + "}}"
    "{4:\r\n:20:REF%d\r\n:23B:CRED\r\n:32A:261130USD100,\r\n:50K:/123\r\nJOHN\r\n:59:/456\r\nJANE\r\n:71A:SHA\r\n-}"
)
BROKEN = "{1:F01BANKDEFFAXXX0000000000}{2:I103BANKGB2LXXXXN}{ZZ"


def _rje(tmp_path: Path) -> Path:
    path = tmp_path / "batch.rje"
    path.write_bytes("\r\n$".join([GOOD % 1, BROKEN, GOOD % 3]).encode())
    return path


def test_validate_reports_each_message(tmp_path: Path) -> None:
    out = io.StringIO()
    code = main(["validate", "--json", str(_rje(tmp_path))], out=out)
    records = json.loads(out.getvalue())
    assert [(r["index"], r["type"], r["valid"]) for r in records] == [
        (1, "103", True),
        (2, "103", False),  # block 2 names the type of the broken message
        (3, "103", True),
    ]
    assert [d["code"] for d in records[1]["diagnostics"]] == ["mt.block.id"]  # once, not twice
    assert code == 1


def test_detect_lists_each_message(tmp_path: Path) -> None:
    out = io.StringIO()
    main(["detect", str(_rje(tmp_path))], out=out)
    assert [line.split("\t")[1:] for line in out.getvalue().splitlines()] == [
        ["mt", "103"],
        ["mt", "103"],
        ["mt", "103"],
    ]


def test_library_detect_lists_each_message(tmp_path: Path) -> None:
    import finmsg

    found = finmsg.detect(_rje(tmp_path))
    assert [(m.index, m.message_type) for m in found] == [(1, "103"), (2, "103"), (3, "103")]
    assert [d.code for d in found[1].diagnostics] == ["mt.block.id"]
