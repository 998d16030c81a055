"""Detection of FIX logs that open with a ``#`` comment header, and a bad dictionary name.

Found by the corpus sweep: a log whose first line was a comment was not recognised at
all (``format.unknown``), and an unknown ``dictionary`` option did not say which names exist.
"""

from __future__ import annotations

import pytest

import finmsg
from finmsg.errors import ParseError, UnknownFormatError
from finmsg.fix.dictionary import version_name
from tests.fix.helpers import order


def test_log_with_comment_header_is_fix() -> None:
    log = b"# session BUY->SELL, captured 2024-01-02\n#\n\n" + order() + b"\n" + order() + b"\n"
    parts = finmsg.detect(log)
    assert [(p.family, p.message_type) for p in parts] == [("fix", "D"), ("fix", "D")]
    assert finmsg.parse(parts[0].data).value.order_qty == 100  # type: ignore[attr-defined]


def test_comments_alone_are_not_fix() -> None:
    with pytest.raises(UnknownFormatError):
        finmsg.detect(b"# 8=FIX.4.4 mentioned in a comment only\n# nothing else\n")


def test_first_real_line_still_decides() -> None:
    # the first non-comment line is text, so a FIX message further down does not make it a FIX file
    with pytest.raises(UnknownFormatError):
        finmsg.detect(b"# header\nhello world\n" + order())


def test_unknown_dictionary_name_lists_the_bundled_ones() -> None:
    with pytest.raises(ParseError) as info:
        version_name("FIX99")
    assert info.value.code == "fix.dictionary.unknown"
    for name in ("FIX.4.2", "FIX.4.4", "FIX.5.0SP2", "FIXT.1.1"):
        assert name in info.value.message
    assert ".xml" in info.value.message
