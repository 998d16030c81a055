"""join_lines of a single line: the flag still means "wrap_coded gives the same lines back".

A one-line 70, 72 or 86 (the common case, and every closing 86 of a statement since it is
joined like an entry's) no longer wraps the text again to find out: a line of 1 to ``width``
characters that neither starts nor ends with a space and holds no `` /`` is its own wrapping.
The expected flags are written from the definition of :func:`wrap_coded` (lines of at most
``width`` characters, no line starting or ending with a space, a coded item starting a line).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from finmsg.translate.stmt_lines import CODES_86
from finmsg.translate.text import join_lines, wrap_coded


@pytest.mark.parametrize(
    ("line", "width", "exact"),
    [
        ("PAYMENT FOR INVOICE 4711", 35, True),
        ("X" * 35, 35, True),  # a full line of one word is still its own wrapping
        ("X" * 36, 35, False),  # longer than a line
        ("ENDS WITH A SPACE ", 35, False),
        (" STARTS WITH A SPACE", 35, False),
        ("", 35, False),  # an empty line is never a line wrap_coded writes
        ("A/B/C NO SPACE BEFORE THE SLASH", 35, True),
        ("SEE /XYZ/ NOT ONE OF THE CODES", 65, True),  # ' /' but not a code: one line
        ("INVOICE 7 /REMI/ PAID", 65, False),  # a code starts a new line: two lines
    ],
)
def test_one_line_flag(line: str, width: int, exact: bool) -> None:
    assert join_lines([line], width, CODES_86) == (line, exact)


@settings(max_examples=200)
@given(st.text(alphabet=" ABC/REMIO:-", max_size=40), st.sampled_from([10, 35, 65]))
def test_one_line_flag_is_what_wrap_coded_gives_back(line: str, width: int) -> None:
    text, exact = join_lines([line], width, CODES_86)
    assert text == line
    assert exact == (wrap_coded(line, width, CODES_86) == [line])
