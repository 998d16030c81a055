"""``join_lines``: the joined text and the "recoverable" flag, with the shortcut for lines that no
wrapping can give (empty, over the width, or opening with a space).

The flag is defined as ``wrap_coded(text, width, codes) == lines``; the property test holds the
shortcut to that definition.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from finmsg.translate.text import REMITTANCE_CODES, join_lines, wrap_coded

#: Field 70 of the translation benchmark's MT103: four full lines, the second opening with a space.
FIELD_70 = [
    "/INV/2026-0042/20261115 SEA FREIGHT",
    " SHIPMENT AND HANDLING FEES FOR NOV",
    "EMBER INCLUDING INSURANCE PREMIUM A",
    "ND PORT CHARGES PAID IN ADVANCE 123",
]


def test_benchmark_70_is_glued_and_not_recoverable() -> None:
    text, exact = join_lines(FIELD_70, 35, REMITTANCE_CODES)
    assert text == (
        "/INV/2026-0042/20261115 SEA FREIGHT SHIPMENT AND HANDLING FEES FOR NOV"
        "EMBER INCLUDING INSURANCE PREMIUM AND PORT CHARGES PAID IN ADVANCE 123"
    )
    assert exact is False


def test_lines_broken_at_spaces_are_recoverable() -> None:
    # 22 characters at width 20: the break falls on the last space before column 20.
    assert join_lines(["ABCDEFGHIJ KLMNO", "PQRST"], 20) == ("ABCDEFGHIJ KLMNO PQRST", True)


def test_one_line_within_the_width_is_recoverable() -> None:
    assert join_lines(["SEA FREIGHT"], 35, REMITTANCE_CODES) == ("SEA FREIGHT", True)


def test_coded_items_on_their_own_lines_are_recoverable() -> None:
    lines = ["/INV/123 SEA FREIGHT", "/RFB/ABC"]
    assert join_lines(lines, 35, REMITTANCE_CODES) == ("/INV/123 SEA FREIGHT /RFB/ABC", True)


def test_a_line_opening_with_a_space_is_not_recoverable() -> None:
    assert join_lines(["SEA FREIGHT", " AND HANDLING"], 35) == ("SEA FREIGHT  AND HANDLING", False)
    assert join_lines([" SEA FREIGHT"], 35) == (" SEA FREIGHT", False)


def test_an_empty_line_is_not_recoverable() -> None:
    assert join_lines(["SEA FREIGHT", "", "PAID"], 35) == ("SEA FREIGHT  PAID", False)
    assert join_lines([""], 35) == ("", False)


def test_a_line_over_the_width_is_not_recoverable() -> None:
    assert join_lines(["ABCDEFGHIJKL"], 10) == ("ABCDEFGHIJKL", False)
    assert join_lines(["ABC", "DEFGHIJKLMNO"], 10) == ("ABC DEFGHIJKLMNO", False)


_LINE = st.text(alphabet="AB /:-", max_size=12) | st.sampled_from(["/INV/", "/RFB/X", " /ROC/1", "AB CD"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_LINE, min_size=1, max_size=5), st.integers(min_value=4, max_value=10), st.booleans())
def test_flag_is_whether_wrapping_gives_the_lines_back(lines: list[str], width: int, coded: bool) -> None:
    codes = REMITTANCE_CODES if coded else frozenset()
    text, exact = join_lines(lines, width, codes)
    assert exact == (wrap_coded(text, width, codes) == lines)
