"""MIC (ISO 10383) format and CFI (ISO 10962) category/group table."""

from __future__ import annotations

import pytest

from finmsg.standards import cfi, mic
from finmsg.standards.exceptions import InvalidComponent, InvalidFormat, InvalidLength


@pytest.mark.parametrize("value", ["XLON", "xnys", "XETR", "XOFF", "XXXX", "SINT", "1234", " BATE "])
def test_mic_valid(value: str) -> None:
    assert mic.validate(value) == value.strip().upper()
    assert mic.is_valid(value)


@pytest.mark.parametrize(
    "value, error",
    [("XLO", InvalidLength), ("XLONX", InvalidLength), ("", InvalidLength), ("XL_N", InvalidFormat)],
)
def test_mic_invalid(value: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        mic.validate(value)
    assert not mic.is_valid(value)


def test_mic_special() -> None:
    assert all(mic.is_special(v) for v in ("XOFF", "xxxx", "SINT"))
    assert not mic.is_special("XLON")
    assert not mic.is_special(None)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "value, category, group",
    [
        ("ESVUFR", "Equities", "Common/ordinary shares"),
        ("esvufr", "Equities", "Common/ordinary shares"),
        ("DBFTFB", "Debt instruments", "Bonds"),
        ("CIOGEU", "Collective investment vehicles", "Standard (vanilla) investment funds/mutual funds"),
        ("OCASPS", "Listed options", "Call options"),
        ("FFICSX", "Futures", "Financial futures"),
        ("SRCCSP", "Swaps", "Rates"),
        ("JFTXFP", "Forwards", "Foreign exchange"),
        ("RWSNCA", "Entitlements (rights)", "Warrants"),
        ("MMXXXX", "Others (miscellaneous)", "Other assets (miscellaneous)"),
        ("TIXXXX", "Referential instruments", "Indices"),
        ("LRXXXX", "Financing", "Repurchase agreements"),
    ],
)
def test_cfi_valid(value: str, category: str, group: str) -> None:
    assert cfi.validate(value) == value.upper()
    assert cfi.describe(value) == (category, group)


@pytest.mark.parametrize(
    "value, error",
    [
        ("ESVUF", InvalidLength),
        ("ESVUFRX", InvalidLength),
        ("ES1UFR", InvalidFormat),
        ("ZSXXXX", InvalidComponent),  # no category Z
        ("XXXXXX", InvalidComponent),  # X is not a category
        ("EZXXXX", InvalidComponent),  # no group Z in equities
        ("EXXXXX", InvalidComponent),  # X is not a group
        ("FSXXXX", InvalidComponent),  # futures have only F and C
        ("EUXXXX", InvalidComponent),  # units moved out of equities in the 2015 edition
    ],
)
def test_cfi_invalid(value: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        cfi.validate(value)
    assert not cfi.is_valid(value)


def test_cfi_group_counts_match_the_standard() -> None:
    expected = {
        "E": 8,
        "C": 8,
        "D": 12,
        "R": 7,
        "O": 3,
        "F": 2,
        "S": 6,
        "H": 6,
        "I": 2,
        "J": 5,
        "K": 7,
        "L": 3,
        "T": 7,
        "M": 2,
    }
    assert {cat: len(groups) for cat, (_name, groups) in cfi.CATEGORIES.items()} == expected
