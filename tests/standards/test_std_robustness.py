"""Throw junk at every standards module: ``is_valid`` never raises, ``validate`` raises only finmsg errors."""

from __future__ import annotations

from types import ModuleType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from finmsg.errors import FinmsgError
from finmsg.standards import bic, cfi, country, currency, iban, isin, lei, mic
from finmsg.standards.exceptions import InvalidIdentifier

MODULES: list[ModuleType] = [bic, iban, lei, isin, currency, country, mic, cfi]

NASTY: list[Any] = [
    "",
    " ",
    "\x00",
    "\t\n\r",
    "-" * 40,
    "é" * 8,
    "ß" * 4,  # upper-cases to SSSSSSSS
    "\u0131" * 8,  # dotless i, upper-cases to I
    "Ⅻ" * 6,
    "١٢٣٤٥٦٧٨٩٠١٢",  # Arabic-Indic digits: int() would accept them
    "\ud800",  # lone surrogate
    "DE89\u200b370400440532013000",  # zero-width space inside
    "A" * 10_000,
    "1" * 1_000_000,
    "GB82 WEST 1234 5698 7654 32" * 50,
    None,
    0,
    12345678,
    b"DEUTDEFF",
    ["DEUTDEFF"],
    object(),
]


def _check(module: ModuleType, value: Any) -> None:
    assert module.is_valid(value) in (True, False)
    try:
        module.validate(value)
    except InvalidIdentifier as exc:
        assert isinstance(exc, FinmsgError)
        assert exc.code.startswith(f"standards.{module.__name__.rsplit('.', 1)[1]}.")
        assert exc.message


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__.rsplit(".", 1)[1])
@pytest.mark.parametrize("value", NASTY, ids=lambda v: repr(v)[:20])
def test_nasty_values(module: ModuleType, value: Any) -> None:
    _check(module, value)


junk = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="ascii"), max_size=40),
    st.binary(max_size=40).map(lambda b: b.decode("latin-1")),
    st.binary(max_size=40).map(lambda b: b.decode("utf-8", errors="replace")),
    st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -", min_size=2, max_size=36),
)


@settings(max_examples=150, deadline=None)
@given(value=junk)
def test_random_junk(value: str) -> None:
    for module in MODULES:
        _check(module, value)


@settings(max_examples=100, deadline=None)
@given(value=junk)
def test_lookup_never_raises(value: str) -> None:
    found = country.lookup(value)
    assert found is None or country.is_valid(found)
    found = country.lookup(value, codes_allowed=False)
    assert found is None or country.is_valid(found)


@pytest.mark.parametrize("value", NASTY, ids=lambda v: repr(v)[:20])
def test_lookup_nasty(value: Any) -> None:
    assert country.lookup(value) is None or country.is_valid(country.lookup(value))
