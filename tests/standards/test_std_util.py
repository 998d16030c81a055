"""Shared plumbing: input guard, fast MOD 97-10, SWIFT-notation compiler, stdnum wrapping."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import stdnum.exceptions
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum.iso7064 import mod_97_10

from finmsg.standards import _util, iban, isin, lei
from finmsg.standards.exceptions import InvalidChecksum, InvalidFormat, InvalidLength

from .conftest import mod97


@settings(max_examples=100, deadline=None)
@given(st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", min_size=1, max_size=40))
def test_mod97_agrees_with_stdnum_and_the_standard(text: str) -> None:
    assert _util.mod97(text) == mod_97_10.checksum(text) == mod97(text)


def test_prepare() -> None:
    assert _util.prepare(" ab-c d ", "x", " -") == "ABCD"
    with pytest.raises(InvalidFormat):
        _util.prepare("stra\u00dfe", "x")  # ß must not become SS
    with pytest.raises(InvalidFormat):
        _util.prepare(None, "x")
    with pytest.raises(InvalidLength):
        _util.prepare("A" * (_util.MAX_INPUT + 1), "x")


@pytest.mark.parametrize(
    "notation, matches, rejects",
    [
        ("4!a6!n8!n", "WEST12345698765432", "WEST1234569876543X"),
        ("8!n10!n", "370400440532013000", "37040044053201300"),
        ("1!a5!n5!n12!c", "X0542811101000000123456", "10542811101000000123456"),
        ("3c", "A1", "A1B2"),
    ],
)
def test_swift_regex(notation: str, matches: str, rejects: str) -> None:
    pattern = _util.swift_regex(notation)
    assert pattern.fullmatch(matches)
    assert not pattern.fullmatch(rejects)


@pytest.mark.parametrize("notation", ["", "4!x", "a4!n", "4!n 2!a"])
def test_swift_regex_rejects_unsupported(notation: str) -> None:
    with pytest.raises(ValueError):
        _util.swift_regex(notation)


def test_stdnum_errors_are_wrapped() -> None:
    def boom(_value: str) -> None:
        raise stdnum.exceptions.InvalidChecksum()

    with pytest.raises(InvalidChecksum) as info:
        _util.stdnum_call("lei", "X", boom, " in a test")
    assert info.value.code == "standards.lei.checksum"
    assert info.value.message.endswith(" in a test")
    assert isinstance(info.value.__cause__, stdnum.exceptions.InvalidChecksum)


@pytest.mark.parametrize(
    "call",
    [
        lambda: iban.calc_check_digits("DE", "12$4"),
        lambda: iban.calc_check_digits("D1", "1234"),
        lambda: iban.calc_check_digits(None, "1234"),  # type: ignore[arg-type]
        lambda: lei.calc_check_digits("TOO-SHORT"),
        lambda: isin.calc_check_digit("US\u00e9"),
        lambda: isin.from_nsin("U1", "037833100"),
    ],
)
def test_helpers_reject_bad_input_with_finmsg_errors(call: Callable[[], object]) -> None:
    with pytest.raises(InvalidFormat):
        call()
