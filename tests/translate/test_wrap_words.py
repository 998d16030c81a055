"""Word-safe wrapping of MX text into MT lines (72, 76, 77A, 79): no "TREAS/URY" cuts.

Expected lines are written by hand; the properties check the join invariants the readers rely on.
"""

from __future__ import annotations

from datetime import datetime, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from finmsg.model.admin import Correspondence
from finmsg.model.exceptions import ReasonInfo
from finmsg.model.payments import CodeOrProprietary
from finmsg.mt.api import read_one
from finmsg.translate import translate
from finmsg.translate.context import Ctx
from finmsg.translate.field72 import build_72, parse_72
from finmsg.translate.invest_common import reason_lines
from finmsg.translate.resolution_common import Answer, format_answer
from finmsg.translate.text import wrap_words

TEXT = "PLEASE NOTE THAT FROM 2 JANUARY 2027 OUR EUR TREASURY DESK WILL ACCEPT"


def test_breaks_at_the_last_space_that_fits() -> None:
    assert wrap_words(TEXT, 50) == [
        "PLEASE NOTE THAT FROM 2 JANUARY 2027 OUR EUR",
        "TREASURY DESK WILL ACCEPT",
    ]


def test_keep_space_leaves_the_space_on_its_line() -> None:
    assert wrap_words(TEXT, 50, keep_space=True) == [
        "PLEASE NOTE THAT FROM 2 JANUARY 2027 OUR EUR ",
        "TREASURY DESK WILL ACCEPT",
    ]


def test_a_word_longer_than_a_line_is_cut_hard() -> None:
    assert wrap_words("IBAN DE89370400440532013000 OK", 10) == ["IBAN", "DE89370400", "4405320130", "00 OK"]
    assert wrap_words("DE89370400440532013000", 10, keep_space=True) == ["DE89370400", "4405320130", "00"]


def test_first_width_and_empty_text() -> None:
    assert wrap_words("AAA BBB CCC DDD", 8, first_width=4) == ["AAA", "BBB CCC", "DDD"]
    assert wrap_words("", 35) == []
    assert wrap_words("SHORT", 35) == ["SHORT"]


def test_field_76_answer_wraps_between_words() -> None:
    ctx = Ctx()
    answer = Answer("RJCR", "LEGL", ("FUNDS ARE SUBJECT TO A COURT ORDER ISSUED BY THE DISTRICT COURT",))
    value = format_answer(ctx, answer, "/src", "MT196:76")
    assert value.split("\n") == [
        "/RJCR/LEGL",
        "//FUNDS ARE SUBJECT TO A COURT",
        "//ORDER ISSUED BY THE DISTRICT",
        "//COURT",
    ]


def test_77a_and_79_reason_lines_wrap_between_words() -> None:
    reason = ReasonInfo(
        CodeOrProprietary(code="DUPL"),
        ("SHORT", "THIS IS A DUPLICATE OF THE TRANSFER SENT EARLIER TODAY UNDER ANOTHER REFERENCE"),
    )
    lines = reason_lines(Ctx(), reason, "/src", "MT196:77A", 35, 20, "TI034")
    assert lines == [
        "/DUPL/SHORT",
        "THIS IS A DUPLICATE OF THE TRANSFER",
        "SENT EARLIER TODAY UNDER ANOTHER",
        "REFERENCE",
    ]


def test_79_of_an_mt199_keeps_every_character_across_the_round_trip() -> None:
    now = datetime(2026, 11, 29, 9, 30, tzinfo=timezone.utc)
    narrative = TEXT + " MONEY MARKET CONFIRMATIONS ONLY UNTIL 15.00 CET"
    fin = (
        "{1:F01BANKDEFFAXXX0000000000}{2:I199BANKBEBBXXXXN}{4:\n:20:NOTE-1\n:79:"
        + "\n".join(wrap_words(narrative, 50, keep_space=True))
        + "\n-}"
    )
    mx = translate(read_one(fin.encode()).value, "iso20022", now=now).value
    assert isinstance(mx, Correspondence)
    assert "".join(mx.notifications[0].narrative) == narrative
    back = translate(mx, "mt", now=now).value
    f79 = back.get("79")  # type: ignore[attr-defined]
    assert f79.value.split("\n") == [
        "PLEASE NOTE THAT FROM 2 JANUARY 2027 OUR EUR ",
        "TREASURY DESK WILL ACCEPT MONEY MARKET ",
        "CONFIRMATIONS ONLY UNTIL 15.00 CET",
    ]


_WORDS = st.lists(st.text("ABCDEFGHIJ0123456789-.", min_size=1, max_size=40), min_size=1, max_size=12)


@settings(max_examples=150, deadline=None)
@given(words=_WORDS, width=st.integers(min_value=5, max_value=50))
def test_wrap_invariants(words: list[str], width: int) -> None:
    text = " ".join(words)
    kept = wrap_words(text, width, keep_space=True)
    assert "".join(kept) == text
    assert all(len(line) <= width for line in kept)
    broken = wrap_words(text, width)
    assert all(len(line) <= width for line in broken)
    if all(len(w) <= width for w in words):
        assert " ".join(broken) == text
        # no word is cut: every line is a run of whole words
        assert all(set(line.split(" ")) <= set(words) for line in broken)


@settings(max_examples=100, deadline=None)
@given(words=_WORDS)
def test_field_72_round_trip_stays_exact(words: list[str]) -> None:
    text = " ".join(words)
    lines, left = build_72([("REC", text)])
    if left:
        return  # longer than six lines: reported by the callers, nothing to read back
    (item,) = parse_72("\n".join(lines))
    assert (item.code, item.text, item.exact) == ("REC", text, True)
