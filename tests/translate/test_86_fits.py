"""86 text that fits 6 x 65 characters is not cut for its layout (review finding).

Breaking 86 lines between words costs room: 22 words of 16 letters (373 characters) need 8
lines of at most 3 words, and were cut to 6 (``lossy.truncated``), where the base commit's
plain cut at 65 characters kept all of them. The writer now falls back to the plain cut when
only that fits.
"""

from __future__ import annotations

import re
from pathlib import Path

import finmsg

_FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "translate" / "camt053-mt940"
_WORD = "ABCDEFGHIJKLMNOP"
_TEXT = " ".join([_WORD] * 22)


def _convert(case: str, element: str) -> tuple[list[str], list[finmsg.Diagnostic]]:
    source = (_FIXTURES / case / "input.xml").read_text(encoding="utf-8")
    pattern = rf"<{element}>[^<]*</{element}>"
    assert re.search(pattern, source)
    xml = re.sub(pattern, f"<{element}>{_TEXT}</{element}>", source, count=1)
    result = finmsg.convert(xml.encode(), "mt")
    message = finmsg.parse(result.value).value
    return [f.value for f in message.fields if f.tag == "86"], list(result.diagnostics)


def test_statement_86_keeps_text_that_fits_six_lines() -> None:
    values, diagnostics = _convert("pending-reversal-odd-balances", "AddtlStmtInf")
    lines = values[-1].split("\n")
    assert len(lines) == 6 and all(len(line) <= 65 for line in lines)
    assert "".join(lines).replace(" ", "") == _WORD * 22
    assert not [d for d in diagnostics if d.code == "lossy.truncated" and "AddtlStmtInf" in (d.path or "")]


def test_entry_86_keeps_text_that_fits_six_lines() -> None:
    values, diagnostics = _convert("mt940-direct-debit-86", "AddtlNtryInf")
    lines = next(v for v in values if _WORD in v).split("\n")
    assert len(lines) == 6 and all(len(line) <= 65 for line in lines)
    assert "".join(lines).replace(" ", "") == _WORD * 22
    assert not [d for d in diagnostics if d.code == "lossy.truncated" and "AddtlNtryInf" in (d.path or "")]
