"""A missing mandatory field is not a repeat of the field that follows it.

The repeated-field guard walks the MT layout to find a once-only slot filled twice inside one
occurrence of a sequence. An MT101 transaction (sequence B) whose mandatory 71A is missing is
followed by the next transaction's 21: that 21 starts the next occurrence, it is not a second
21 of the first, and nothing is lost in translation. Layouts hand-written from the SWIFT MT101
format (sequence A: 20, 28D, 50a, 30; sequence B: 21, 32B, 57a, 59a, 70, 71A).
"""

from __future__ import annotations

import finmsg
from finmsg.errors import ConversionError

Fields = list[tuple[str, str]]

HEAD: Fields = [
    ("20", "BATCH1"),
    ("28D", "1/1"),
    ("50H", "/DE12500105170648489890\nACME GMBH"),
    ("30", "240131"),
]
TX1_NO_71A: Fields = [
    ("21", "TXONE"),
    ("32B", "EUR100,00"),
    ("57A", "BANKDEFF"),
    ("59", "/DE89370400440532013000\nJANE ROE"),
    ("70", "INVOICE 1"),
]
TX2: Fields = [
    ("21", "TXTWO"),
    ("32B", "EUR200,00"),
    ("59", "/FR1420041010050500013M02606\nJOHN ROE"),
    ("71A", "SHA"),
]


def fin(fields: Fields) -> bytes:
    head = "{1:F01BANKBEBBAXXX0000000000}{2:I101BANKDEFFXXXXN}{4:\r\n"
    body = "".join(f":{tag}:{value.replace(chr(10), chr(13) + chr(10))}\r\n" for tag, value in fields)
    return (head + body + "-}").encode()


def test_a_transaction_missing_71a_does_not_make_the_next_21_a_repeat() -> None:
    out = finmsg.convert(fin([*HEAD, *TX1_NO_71A, *TX2]), "pain.001.001.09").value
    assert b"<InstrId>TXONE</InstrId>" in out
    assert b"<InstrId>TXTWO</InstrId>" in out


def test_a_real_repeat_in_the_same_transaction_is_still_refused() -> None:
    """The negative control: 70 twice inside the first transaction (fields 9 and 10)."""
    tx1 = [*TX1_NO_71A, ("70", "INVOICE 2"), ("71A", "SHA")]
    try:
        finmsg.convert(fin([*HEAD, *tx1, *TX2]), "pain.001.001.09")
    except ConversionError as exc:
        assert exc.code == "translate.repeated-field"
        assert (
            "field 70 occurs 2 times in one occurrence of sequence B (fields 9, 10 of block 4)" in exc.message
        )
    else:
        raise AssertionError("two 70 in one MT101 transaction were not refused")
