"""MT900/910 field 72 text that fits 6 x 35 characters is not cut for its layout (review finding).

16 words of 12 letters (207 characters) fit 6 lines cut at 35 characters, but need 8 lines of
two words when lines break between words: the text was cut (``lossy.truncated``) where the base
commit kept it whole. The writer now falls back to the plain cut when only that fits.
"""

from __future__ import annotations

import re
from pathlib import Path

import finmsg

_CASE = (
    Path(__file__).resolve().parents[2]
    / "fixtures"
    / "translate"
    / "camt054-mt900"
    / "credit-no-dbtr-value-date-only"
)
_WORD = "ABCDEFGHIJKL"


def test_72_keeps_text_that_fits_six_lines() -> None:
    source = (_CASE / "input.xml").read_text(encoding="utf-8")
    pattern = r"<AddtlNtryInf>[^<]*</AddtlNtryInf>"
    assert re.search(pattern, source)
    xml = re.sub(pattern, "<AddtlNtryInf>" + " ".join([_WORD] * 16) + "</AddtlNtryInf>", source, count=1)
    result = finmsg.convert(xml.encode(), "mt")
    message = finmsg.parse(result.value).value
    lines = next(f.value for f in message.fields if f.tag == "72").split("\n")
    assert len(lines) == 6 and all(len(line) <= 35 for line in lines)
    assert "".join(lines).replace(" ", "") == _WORD * 16
    assert not [
        d for d in result.diagnostics if d.code == "lossy.truncated" and "AddtlNtryInf" in (d.path or "")
    ]
