"""XML attacks get a clear, typed error quickly and in bounded memory."""

from __future__ import annotations

import pytest

import finmsg
from finmsg.errors import LimitExceededError, ParseError
from finmsg.iso20022.xmlsafe import XmlLimits, parse_xml

BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
        for i in range(1, 10)
    )
    + b']><Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08">&lol9;</Document>'
)
XXE = (
    b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    b'<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"><x>&xxe;</x></Document>'
)
QUADRATIC = (
    b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "' + b"A" * 50_000 + b'">]>'
    b'<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08">' + b"&a;" * 50_000 + b"</Document>"
)
DEEP = b"<Document>" + b"<a>" * 100_000 + b"</a>" * 100_000 + b"</Document>"


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("billion laughs", BILLION_LAUGHS, "xml.dtd-forbidden"),
        ("external entity", XXE, "xml.dtd-forbidden"),
        ("quadratic blowup", QUADRATIC, "xml.dtd-forbidden"),
        ("100k nesting", DEEP, "xml.too-deep"),
    ],
)
def test_attack_is_rejected_with_typed_error(name: str, data: bytes, code: str) -> None:
    with pytest.raises(LimitExceededError) as info:
        parse_xml(data)
    assert info.value.code == code
    assert info.value.path


def test_attacks_fail_validation_as_diagnostics_not_exceptions() -> None:
    result = finmsg.validate(XXE)
    assert not result.ok
    assert result.errors[0].code == "xml.dtd-forbidden"
    assert "passwd" not in result.errors[0].message


def test_size_limit_is_configurable() -> None:
    with pytest.raises(LimitExceededError) as info:
        parse_xml(b"<Document>" + b" " * 2000 + b"</Document>", XmlLimits(max_bytes=1000))
    assert info.value.code == "xml.too-large"


def test_depth_limit_is_configurable() -> None:
    doc = b"<Document>" + b"<a>" * 20 + b"</a>" * 20 + b"</Document>"
    parse_xml(doc)  # fine with the default
    with pytest.raises(LimitExceededError):
        parse_xml(doc, XmlLimits(max_depth=10))


def test_malformed_xml_is_a_parse_error_with_line() -> None:
    with pytest.raises(ParseError) as info:
        parse_xml(b"<Document>\n<a></b></Document>")
    assert info.value.code == "xml.syntax"
    assert info.value.path == "line 2"
