"""BIC (ISO 9362): structure 4!a2!a2!c[3!c] and the country part."""

from __future__ import annotations

import pytest

from finmsg.standards import bic
from finmsg.standards.exceptions import InvalidComponent, InvalidFormat, InvalidLength


@pytest.mark.parametrize(
    "value, expected",
    [
        ("DEUTDEFF", "DEUTDEFF"),
        ("DEUTDEFF500", "DEUTDEFF500"),
        ("NEDSZAJJXXX", "NEDSZAJJXXX"),
        ("deutdeff", "DEUTDEFF"),
        (" DEUT DE FF ", "DEUTDEFF"),
        ("DEUT-DE-FF", "DEUTDEFF"),
        ("BANKXKPR", "BANKXKPR"),  # Kosovo: XK is accepted in BICs
        ("ABCDUS33", "ABCDUS33"),
    ],
)
def test_valid(value: str, expected: str) -> None:
    assert bic.validate(value) == expected
    assert bic.is_valid(value)


@pytest.mark.parametrize(
    "value, error, code",
    [
        ("DEUTDEF", InvalidLength, "standards.bic.length"),
        ("DEUTDEFF5", InvalidLength, "standards.bic.length"),
        ("DEUTDEFF5000", InvalidLength, "standards.bic.length"),
        ("", InvalidLength, "standards.bic.length"),
        ("DEU1DEFF", InvalidFormat, "standards.bic.format"),  # digit in the party prefix
        ("DEUTD3FF", InvalidFormat, "standards.bic.format"),  # digit in the country
        ("DEUTDEF_", InvalidFormat, "standards.bic.format"),
        ("DEUTUKFF", InvalidComponent, "standards.bic.component"),  # UK is not ISO 3166
        ("DEUTZZFF", InvalidComponent, "standards.bic.component"),
        ("DEUTDEFF\u017f", InvalidFormat, "standards.bic.format"),  # long s would upper-case to S
        ("DEUTDEF\uff26", InvalidFormat, "standards.bic.format"),  # full-width F
    ],
)
def test_invalid(value: str, error: type[Exception], code: str) -> None:
    with pytest.raises(error) as info:
        bic.validate(value)
    assert info.value.code == code  # type: ignore[attr-defined]
    assert not bic.is_valid(value)


def test_alphanumeric_prefix_is_opt_in() -> None:
    assert not bic.is_valid("1234DEFF")
    assert bic.validate("1234DEFF", alphanumeric_prefix=True) == "1234DEFF"
    # The country part stays alphabetic and checked even then.
    assert not bic.is_valid("1234D1FF", alphanumeric_prefix=True)
    assert not bic.is_valid("1234ZZFF", alphanumeric_prefix=True)


def test_to_bic11_and_format() -> None:
    assert bic.to_bic11("deutdeff") == "DEUTDEFFXXX"
    assert bic.to_bic11("DEUTDEFF500") == "DEUTDEFF500"
    assert bic.format(" deut deff ") == "DEUTDEFF"
    assert bic.compact("de ut-deff") == "DEUTDEFF"


def test_country_codes_include_kosovo_and_iso() -> None:
    codes = bic.country_codes()
    assert {"XK", "DE", "US", "GB"} <= codes
    assert "UK" not in codes
