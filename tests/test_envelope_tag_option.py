"""The library refuses an ``envelope_tag`` that is no XML element name with a typed OptionError.

The command line checked the value up front, but ``finmsg.convert(..., envelope_tag=...)`` passed
it to lxml, which raised a bare ``ValueError`` (``Invalid tag name``). Markup in the value must
never reach the output, and the error must name the option.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import finmsg
from finmsg.errors import OptionError

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
WITH_HEADER = FIXTURES / "iso20022" / "pacs008-cbpr-structured" / "input.xml"  # AppHdr + Document


@pytest.mark.parametrize("tag", ["a><b", "E><evil/><E", "x y", "a:b", "", "1st", 5])
@pytest.mark.parametrize("target", ["pacs.008.001.08", "pacs.008.001.13"])  # same version and another
def test_a_tag_that_is_no_xml_name_is_an_option_error(tag: object, target: str) -> None:
    with pytest.raises(OptionError) as caught:
        finmsg.convert(WITH_HEADER.read_bytes(), target, envelope_tag=tag)
    assert caught.value.code == "option.invalid"
    assert caught.value.path == "option envelope_tag"
    assert "envelope_tag must be an XML element name" in caught.value.message


def test_a_plain_name_still_wraps_header_and_document() -> None:
    out = finmsg.convert(WITH_HEADER.read_bytes(), "pacs.008.001.08", envelope_tag="Wrap.v-1").value
    assert b"\n<Wrap.v-1>" in out and out.rstrip().endswith(b"</Wrap.v-1>")
    assert b"<AppHdr" in out and b"<Document" in out


def test_write_refuses_it_too() -> None:
    message = finmsg.parse(WITH_HEADER.read_bytes()).value
    with pytest.raises(OptionError):
        finmsg.write(message, "pacs.008.001.08", envelope_tag="a><b")
