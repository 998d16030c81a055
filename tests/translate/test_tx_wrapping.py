"""Word-safe, code-safe wrapping of text fields (70, 86) and the MT103 → pacs.008 → MT103 round trip.

Expected lines are written by hand from the field formats (70: 4*35x, 86: 6*65x); the property
generates 70 contents of one coded item per line, the layout banks write, and requires the
round trip to give the same lines back.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import finmsg
from finmsg.mt.message import MtMessage
from finmsg.translate.context import Ctx
from finmsg.translate.stmt_lines import field_86
from finmsg.translate.text import REMITTANCE_CODES, join_lines, wrap_coded

_BASIC = Path(__file__).resolve().parents[2] / "fixtures" / "mt" / "mt103_basic" / "input.fin"


def _mt103_with_70(lines: list[str]) -> str:
    return _BASIC.read_text().replace(":70:INVOICE 42\n", ":70:" + "\n".join(lines) + "\n")


def _round_trip_70(lines: list[str]) -> list[str]:
    mx = finmsg.convert(_mt103_with_70(lines), "pacs.008").value
    back = finmsg.parse(finmsg.convert(mx, "mt103").value).value
    assert isinstance(back, MtMessage)
    return next(f.value for f in back.fields if f.tag == "70").split("\n")


def test_a_code_starts_a_line_and_words_stay_whole() -> None:
    text = "/RFB/REF9988 7712 3344 5566 /INV/2026-118 ORDER 4711"
    assert wrap_coded(text, 35, REMITTANCE_CODES) == [
        "/RFB/REF9988 7712 3344 5566",
        "/INV/2026-118 ORDER 4711",
    ]


def test_a_code_glued_to_the_previous_item_starts_the_next_line() -> None:
    # /ROC/ + EndToEndId, then /RFB/ from Strd: 36 characters, one too many for a line
    text = "/ROC/SEPA-E2E-1/RFB/RF18539007547034"
    assert wrap_coded(text, 35, REMITTANCE_CODES) == ["/ROC/SEPA-E2E-1", "/RFB/RF18539007547034"]
    assert wrap_coded("/ROC/E2E-1/INV/123", 35, REMITTANCE_CODES) == ["/ROC/E2E-1/INV/123"]  # fits: kept


def test_words_break_at_spaces_without_trailing_space() -> None:
    text = "CARGO 2026-118 CRUDE OIL DELIVERY HOUSTON SHIP CHANNEL"
    lines = wrap_coded(text, 35)
    assert lines == ["CARGO 2026-118 CRUDE OIL DELIVERY", "HOUSTON SHIP CHANNEL"]
    assert all(line == line.strip() for line in lines)


def test_a_word_longer_than_a_line_is_cut_hard_and_joined_back() -> None:
    word = "X" * 40
    assert wrap_coded(f"{word} END", 35) == ["X" * 35, "XXXXX END"]
    assert join_lines(["X" * 35, "XXXXX END"], 35) == (f"{word} END", True)


def test_no_line_starts_with_a_dash_or_colon() -> None:
    assert wrap_coded("RECHNUNG NR. 2026/117 - LIEFERUNG", 22) == ["RECHNUNG NR.", "2026/117 - LIEFERUNG"]


def test_brief_example_rfb_is_not_cut_mid_token() -> None:
    lines = ["/RFB/REF9988 7712 3344 5566", "/INV/2026-118 ORDER 4711"]
    assert _round_trip_70(lines) == lines


def test_field_86_wraps_at_words_without_trailing_spaces() -> None:
    text = (
        "Payment of invoice 2026-118 for the delivery of office furniture and the assembly "
        "on site in November"
    )
    f = field_86(Ctx(), text, "/src", "MT940:86", "TS016")
    assert f is not None
    assert f.value.split("\n") == [
        "Payment of invoice 2026-118 for the delivery of office furniture",
        "and the assembly on site in November",
    ]


_CODE = st.sampled_from(sorted(REMITTANCE_CODES))
_WORD = st.text(
    alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.,-()?+'", min_size=1, max_size=12
)


@st.composite
def _coded_line(draw: st.DrawFn) -> str:
    line = f"/{draw(_CODE)}/"
    words = draw(st.lists(_WORD, min_size=1, max_size=6))
    line += words[0]
    for word in words[1:]:
        if len(line) + 1 + len(word) > 35:
            break
        line += " " + word
    return line[:35]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_coded_line(), min_size=1, max_size=4))
def test_coded_70_survives_mt103_pacs008_mt103(lines: list[str]) -> None:
    assert _round_trip_70(lines) == lines
