"""Field 72 continuation lines (``//``): the line break between words is a space (TR018).

The SWIFT field 72 format: ``/8c/[narrative]`` then ``[//continuation of the
narrative]``. A writer breaks narrative between words, so the break reads as
one space; only a full line without an inner space (a word longer than the
line, cut hard) continues without one. Expected texts are written by hand.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from finmsg.mt.charset import X_CHARS
from finmsg.translate.field72 import build_72, parse_72


def test_rec_continuation_after_a_full_line_keeps_the_space() -> None:
    # the first line is exactly 35 characters and ends on a word: "UPON RECEIPT", not "UPONRECEIPT"
    value = "/REC/PLEASE CREDIT BENEFICIARY UPON\n//RECEIPT OF FUNDS WITHOUT DELAY\n//AND ADVISE BY PHONE"
    [item] = parse_72(value)
    assert item.code == "REC"
    assert item.text == "PLEASE CREDIT BENEFICIARY UPON RECEIPT OF FUNDS WITHOUT DELAY AND ADVISE BY PHONE"
    assert item.exact  # re-wrapping gives the same three lines back
    assert build_72([("REC", item.text)]) == (value.split("\n"), [])


def test_continuation_after_a_short_line_keeps_the_space() -> None:
    [item] = parse_72("/ACC/PLEASE ADVISE\n//BY PHONE")
    assert item.text == "PLEASE ADVISE BY PHONE"
    assert not item.exact  # the writer would keep it on one line: the break is reported (TR027)


def test_a_word_cut_hard_continues_without_a_space() -> None:
    reference = "HTTPS://PAY.EXAMPLE/INVOICE/2026/000004711"  # 42 characters, no space
    lines, left = build_72([("REC", reference)])
    assert lines == ["/REC/HTTPS://PAY.EXAMPLE/INVOICE/20", "//26/000004711"] and left == []
    [item] = parse_72("\n".join(lines))
    assert item.text == reference and item.exact


def test_build_breaks_at_the_last_space_that_fits() -> None:
    lines, _ = build_72([("INT", "CORRESPONDENT TO DEBIT OUR NOSTRO ACCOUNT 12345")])
    assert lines == ["/INT/CORRESPONDENT TO DEBIT OUR", "//NOSTRO ACCOUNT 12345"]


_TEXT = st.text(alphabet=sorted(set(X_CHARS) - {"\r", "\n"}), min_size=1, max_size=170)


@settings(max_examples=300, deadline=None)
@given(code=st.sampled_from(["REC", "ACC", "INT", "TEXT", "BNF"]), text=_TEXT)
def test_build_then_parse_gives_the_text_back(code: str, text: str) -> None:
    lines, left = build_72([(code, text)])
    if left:  # longer than six lines: build reports it instead of emitting it
        return
    assert all(len(line) <= 35 for line in lines)
    [item] = parse_72("\n".join(lines))
    assert (item.code, item.text, item.exact) == (code, text, True)
