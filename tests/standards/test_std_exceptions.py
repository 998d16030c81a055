"""The standards errors fit finmsg's hierarchy and carry code, value, path and message."""

from __future__ import annotations

import pytest

from finmsg.diagnostics import Severity
from finmsg.errors import FinmsgError, ValidationError
from finmsg.standards import bic, iban
from finmsg.standards.exceptions import (
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidIdentifier,
    InvalidLength,
)


def test_hierarchy() -> None:
    for cls in (InvalidFormat, InvalidChecksum, InvalidLength, InvalidComponent):
        assert issubclass(cls, InvalidIdentifier)
        assert issubclass(cls, ValidationError)
        assert issubclass(cls, FinmsgError)
    # As in python-stdnum, a wrong length is a kind of format error.
    assert issubclass(InvalidLength, InvalidFormat)
    assert not issubclass(InvalidChecksum, InvalidFormat)


def test_error_carries_code_value_and_message() -> None:
    with pytest.raises(InvalidChecksum) as info:
        iban.validate("GB83 WEST 1234 5698 7654 32")
    err = info.value
    assert err.code == "standards.iban.checksum"
    assert err.value == "GB83 WEST 1234 5698 7654 32"  # what the caller passed, not the compact form
    assert "check digits" in err.message
    assert str(err).startswith("[standards.iban.checksum]")


def test_to_diagnostic_uses_given_path() -> None:
    with pytest.raises(InvalidComponent) as info:
        bic.validate("DEUTZZFF")
    diag = info.value.to_diagnostic(path="MT103:57A")
    assert diag.code == "standards.bic.component"
    assert diag.severity is Severity.ERROR
    assert diag.path == "MT103:57A"
    assert diag.original == "DEUTZZFF"
    assert "ZZ" in diag.message


def test_to_diagnostic_truncates_junk() -> None:
    junk = "A" * 1000
    with pytest.raises(InvalidLength) as info:
        bic.validate(junk)
    original = info.value.to_diagnostic().original
    assert original is not None and len(original) < 100


def test_non_text_value_is_reported_not_crashing() -> None:
    with pytest.raises(InvalidFormat) as info:
        bic.validate(12345678)  # type: ignore[arg-type]
    assert info.value.code == "standards.bic.format"
    assert info.value.to_diagnostic().original == "12345678"
