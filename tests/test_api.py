"""The public API over the registry: parse, validate, write, convert, strict mode, interop."""

from __future__ import annotations

import doctest

import pytest

import finmsg
import finmsg.api
from finmsg.diagnostics import Diagnostic, Severity
from finmsg.errors import ConversionError, UnknownFormatError
from finmsg.model.payments import CreditTransfer
from tests.conftest import FIXTURES, REPO

PACS008 = FIXTURES / "iso20022" / "pacs008-cbpr-structured" / "input.xml"


def test_docstring_examples_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    for module in (finmsg, finmsg.api):
        failures, tried = doctest.testmod(module)
        assert tried > 0 and failures == 0


def test_parse_accepts_bytes_text_and_path() -> None:
    from_bytes = finmsg.parse(PACS008.read_bytes()).value
    assert finmsg.parse(PACS008).value == from_bytes
    assert finmsg.parse(PACS008.read_text(encoding="utf-8")).value == from_bytes
    assert isinstance(from_bytes, CreditTransfer)


def test_unknown_input_raises_unknown_format_error() -> None:
    with pytest.raises(UnknownFormatError):
        finmsg.parse(b"just some text that is no financial message")
    result = finmsg.validate(b"just some text")
    assert not result.ok and result.errors[0].code == "format.unknown"


def test_unknown_target_raises_unknown_format_error() -> None:
    with pytest.raises(UnknownFormatError):
        finmsg.convert(PACS008.read_bytes(), "no-such-target")


def test_convert_to_json_is_the_canonical_model() -> None:
    import json

    data = json.loads(finmsg.convert(PACS008.read_bytes(), "json").value)
    assert data["_type"] == "CreditTransfer"
    assert data["transactions"][0]["settlement_amount"] == {
        "_type": "Amount",
        "value": "12500.50",
        "currency": "EUR",
    }


def test_strict_conversion_raises_on_lossy_diagnostics() -> None:
    lossy = finmsg.convert(PACS008.read_bytes(), "pacs.008.001.02")
    assert any(d.code == "version.dropped" for d in lossy.diagnostics)
    with pytest.raises(ConversionError) as info:
        finmsg.convert(PACS008.read_bytes(), "pacs.008.001.02", strict=True)
    assert info.value.code == "conversion.lossy"
    assert info.value.diagnostics


def test_lossless_strict_conversion_passes() -> None:
    result = finmsg.convert(PACS008.read_bytes(), "pacs.008.001.08", strict=True)
    assert result.diagnostics == []


def test_pyiso20022_interop_both_ways() -> None:
    message = finmsg.parse(PACS008).value
    document = finmsg.to_pyiso20022(message)
    assert type(document).__module__.startswith("pyiso20022.pacs.pacs_008_001_08")
    again = finmsg.parse(document).value
    assert isinstance(again, CreditTransfer)
    assert again.transactions == message.transactions


def test_diagnostic_renders_as_json_dict() -> None:
    diag = Diagnostic("version.dropped", Severity.WARNING, "m", path="/a", rule="V001", original="x")
    assert diag.to_dict() == {
        "code": "version.dropped",
        "severity": "warning",
        "message": "m",
        "path": "/a",
        "rule": "V001",
        "original": "x",
    }
