"""IBAN (ISO 13616): registry structure per country, MOD 97-10 check digits in 02..98."""

from __future__ import annotations

import pytest

from finmsg.standards import iban
from finmsg.standards.exceptions import (
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidIdentifier,
    InvalidLength,
)

from .conftest import mod97

# Examples published with the IBAN registry / national bank documentation.
VALID = [
    "DE89370400440532013000",
    "GB82WEST12345698765432",
    "NL91ABNA0417164300",
    "FR1420041010050500013M02606",
    "BE71096123456769",
    "CH9300762011623852957",
    "NO9386011117947",  # shortest format (15)
    "LC55HEMM000100010012001200023015",  # 32 characters
    "MT84MALT011000012345MTLCAST001S",
]


@pytest.mark.parametrize("value", VALID)
def test_valid(value: str) -> None:
    assert iban.validate(value) == value
    assert iban.is_valid(value)
    # sanity of the fixture itself, computed independently of the code under test
    assert mod97(value[4:] + value[:4]) == 1


def test_compact_and_format() -> None:
    assert iban.validate("gb82 west 1234 5698 7654 32") == "GB82WEST12345698765432"
    assert iban.validate("DE89-3704-0044-0532-0130-00") == "DE89370400440532013000"
    assert iban.format("DE89370400440532013000") == "DE89 3704 0044 0532 0130 00"
    assert iban.format("NO9386011117947") == "NO93 8601 1117 947"


@pytest.mark.parametrize(
    "value, error, code",
    [
        ("DE88370400440532013000", InvalidChecksum, "standards.iban.checksum"),
        ("DE8937040044053201300", InvalidLength, "standards.iban.length"),
        ("DE893704004405320130000", InvalidLength, "standards.iban.length"),
        ("DE89", InvalidLength, "standards.iban.length"),
        ("DE89" + "1" * 31, InvalidLength, "standards.iban.length"),  # 35 > 34
        ("NL91ABNA04171643OO", InvalidFormat, "standards.iban.format"),  # letters O in account digits
        ("NL9112340417164300", InvalidFormat, "standards.iban.format"),  # bank code must be letters
        ("D189370400440532013000", InvalidFormat, "standards.iban.format"),
        ("XX89370400440532013000", InvalidComponent, "standards.iban.component"),
        ("US64SVBKUS6S3300958879", InvalidComponent, "standards.iban.component"),  # no US IBAN
    ],
)
def test_invalid(value: str, error: type[InvalidIdentifier], code: str) -> None:
    with pytest.raises(error) as info:
        iban.validate(value)
    assert info.value.code == code
    assert not iban.is_valid(value)


def _account_with_check_value(target: int) -> str:
    """A German BBAN whose ISO check digits (98 - remainder) equal ``target``."""
    for n in range(1_000_000):
        bban = f"37040044{n:010d}"
        if 98 - mod97(bban + "DE00") == target:
            return bban
    raise AssertionError("not reached")


@pytest.mark.parametrize("correct, alias", [(98, "01"), (97, "00"), (2, "99")])
def test_check_digits_outside_02_98_are_rejected(correct: int, alias: str) -> None:
    # 00, 01 and 99 are congruent to 97, 98 and 02 modulo 97, so they pass the bare
    # remainder test; ISO 13616 only allows 02..98.
    bban = _account_with_check_value(correct)
    good = f"DE{correct:02d}{bban}"
    bad = f"DE{alias}{bban}"
    assert mod97(bad[4:] + bad[:4]) == 1
    assert iban.is_valid(good)
    with pytest.raises(InvalidChecksum):
        iban.validate(bad)


def test_calc_check_digits() -> None:
    assert iban.calc_check_digits("DE", "370400440532013000") == "89"
    assert iban.calc_check_digits("gb", "west12345698765432") == "82"


def test_national_check_is_opt_in() -> None:
    # Belgian BBAN 096-1234567-68: the ISO check digits are made right, but the
    # national check digits must be 0961234567 mod 97 = 69, not 68.
    bban = "096123456768"
    value = f"BE{98 - mod97(bban + 'BE00'):02d}{bban}"
    assert iban.is_valid(value)
    with pytest.raises(InvalidIdentifier) as info:
        iban.validate(value, check_national=True)
    assert info.value.code.startswith("standards.iban.")
    assert "national" in info.value.message
    assert iban.validate("BE71096123456769", check_national=True) == "BE71096123456769"


def test_registry() -> None:
    countries = iban.countries()
    assert {"DE", "GB", "FR", "NL", "CH", "NO", "SA", "BR"} <= countries
    assert "US" not in countries
    assert iban.bban_structure("gb") == "4!a6!n8!n"
    with pytest.raises(InvalidComponent):
        iban.bban_structure("US")
