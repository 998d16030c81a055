"""Field 70 text that fits 4 x 35 characters is not cut for its layout (review finding).

The coded layout (every ``/INV/``, ``/RFB/``, ``/ROC/``, ``/IPI/``, ``/TSU/`` on its own line,
words whole) can need more than the 4 lines of 70 for text that fits them: an MT103 whose 70
carries several code words per line came back from pacs.008 cut (``lossy.truncated``), where
the base commit gave all of it back. The writer now falls back to denser layouts first.
"""

from __future__ import annotations

import re
from pathlib import Path

import finmsg

_CASE = (
    Path(__file__).resolve().parents[2] / "fixtures" / "translate" / "mt103-pacs008" / "53b-location-no-57a"
)


def _round_trip(lines: list[str]) -> tuple[list[str], set[str]]:
    source = (_CASE / "input.fin").read_bytes().decode()
    assert ":70:ORDER 4711" in source
    mt = source.replace(":70:ORDER 4711", ":70:" + "\r\n".join(lines))
    mx = finmsg.convert(mt.encode(), "iso20022")
    back = finmsg.convert(mx.value, "mt")
    body = back.value.decode()
    field70 = re.search(r"\r\n:70:(.*?)\r\n:", body, re.S)
    assert field70 is not None
    return field70[1].split("\r\n"), {d.code for d in back.diagnostics}


def test_several_codes_on_a_line_come_back_whole() -> None:
    lines = ["2026-11 ABC/INV/9 FOR INV /TSU/", "/INV/123 /RFB/RF18NOTE. /INV/123"]
    got, codes = _round_trip(lines)
    assert "lossy.truncated" not in codes
    assert len(got) <= 4 and all(len(line) <= 35 for line in got)
    assert "".join(got).replace(" ", "") == "".join(lines).replace(" ", "")


def test_four_full_lines_with_codes_inside_come_back_whole() -> None:
    lines = [
        "/RFB/A1 /INV/B2 /ROC/C3 /TSU/D4 EE",
        "/IPI/F5 /INV/G6 /RFB/H7 /ROC/I8 JJ",
        "/INV/K9 /RFB/L0 /TSU/M1 /IPI/N2 OO",
        "/ROC/P3 /INV/Q4 /RFB/R5 /TSU/S6 TT",
    ]
    got, codes = _round_trip(lines)
    assert "lossy.truncated" not in codes
    assert len(got) == 4
    assert "".join(got).replace(" ", "") == "".join(lines).replace(" ", "")
