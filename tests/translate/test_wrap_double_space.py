"""A run of spaces before ':' or '-' must not become a line break (review finding).

A line of an MT text field that starts with ':' reads as a field tag, one that starts
with '-' as the end of block 4. :func:`finmsg.translate.text.wrap_coded` skipped a
break whose *next* character is ':' or '-', but after a run of two spaces the next
character is the second space: the break was taken, the spaces were stripped and the
new line started with ':' / '-'. The MT writer then replaced the character by '.',
so text the base commit kept verbatim was altered.
"""

from __future__ import annotations

import re
from pathlib import Path

import finmsg
from finmsg.translate.text import REMITTANCE_CODES, wrap_coded

_FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "translate" / "pacs008-mt103"


def test_double_space_before_colon_is_not_a_break() -> None:
    text = "PAYMENT FOR INVOICE NUMBER 12345  :20:FAKE"
    assert wrap_coded(text, 35, REMITTANCE_CODES) == ["PAYMENT FOR INVOICE NUMBER", "12345  :20:FAKE"]


def test_double_space_before_dash_is_not_a_break() -> None:
    assert wrap_coded("INVOICE 2026/117 AND 118  - DELIVERY", 25) == [
        "INVOICE 2026/117 AND",
        "118  - DELIVERY",
    ]


def test_mt103_field_70_keeps_the_colon_after_two_spaces() -> None:
    source = (_FIXTURE / "truncation-long-ids" / "input.xml").read_text(encoding="utf-8")
    xml = re.sub(r"<Ustrd>.*?</Ustrd>", "<Ustrd>PAYMENT FOR INVOICE NUMBER 12345  :20:FAKE</Ustrd>", source)
    result = finmsg.convert(xml.encode(), "mt")
    body = result.value.decode()
    field70 = body.split("\r\n:70:", 1)[1].split("\r\n:", 1)[0].split("\r\n")
    assert not [line for line in field70[1:] if line[:1] in (":", "-")]
    assert "12345  :20:FAKE" in field70
    assert not [d for d in result.diagnostics if "must not start with" in d.message]
