"""Library error messages a new user met (session-7 review): a file path passed as text, and an
unknown ISO 20022 target named as if it were a reader."""

from __future__ import annotations

from pathlib import Path

import pytest

import finmsg
from finmsg.errors import UnknownFormatError
from tests.conftest import FIXTURES

PACS008 = FIXTURES / "iso20022" / "pacs008-cbpr-structured" / "input.xml"
HINT = "pass pathlib.Path(...) to read a file"


@pytest.mark.parametrize(
    "text",
    [
        str(PACS008),  # an existing file
        "fixtures/iso20022/pacs008-cbpr-structured/input.xml",  # relative: exists from the repo root only
        "archive/2024/missing.fin",  # no such file, but a path by its shape and extension
        b"exports/trade.fix",
    ],
)
def test_a_path_given_as_text_gets_a_hint(text: str | bytes) -> None:
    with pytest.raises(UnknownFormatError) as caught:
        finmsg.parse(text)
    assert caught.value.code == "format.unknown"
    assert HINT in caught.value.message
    assert "not a recognised message format" in caught.value.message


@pytest.mark.parametrize("text", ["hello there", "notes.docx", "first line\nsecond.xml", '{"a": "b.json"}'])
def test_text_that_is_no_path_gets_no_hint(text: str) -> None:
    with pytest.raises(UnknownFormatError) as caught:
        finmsg.parse(text)
    assert HINT not in caught.value.message


def test_the_hinted_way_reads_the_file() -> None:
    assert finmsg.parse(Path(str(PACS008))).value.message_type == "pacs.008.001.08"


def test_an_unknown_iso_target_is_named_as_a_message_not_a_reader() -> None:
    message = finmsg.parse(PACS008).value
    with pytest.raises(UnknownFormatError) as caught:
        finmsg.convert(message, "pacs.999")
    text = caught.value.message
    assert "reader" not in text and "pacs.999" in text
    for family in ("pacs.008", "camt.053", "sese.023", "sese.025", "setr.027"):  # what the README lists
        assert family in text
