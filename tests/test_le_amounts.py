"""A NaN, an Infinity or a float amount is refused by every writer with a typed error naming
where it is (brief LE item 4).

Before: ISO 20022 wrote ``<IntrBkSttlmAmt Ccy="EUR">NaN</IntrBkSttlmAmt>`` (and a float as
``12.500000``), an MT wrote ``:32A:261130EURNaN,``, FIX raised a bare ``ValueError``. Only a
model built or edited in code can hold such a value: the readers make finite Decimals.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import finmsg
from finmsg.errors import ConversionError
from finmsg.fix.values import format_decimal as fix_decimal
from finmsg.iso20022.writing import format_decimal
from finmsg.translate.mtvalues import decimal_to_mt

ROOT = Path(__file__).resolve().parents[1]
PACS008 = ROOT / "fixtures/iso20022/pacs008-cbpr-structured/input.xml"
SESSION_LOG = ROOT / "fixtures/fix/session_log/input.log"

NOT_FINITE = ["NaN", "-NaN", "sNaN", "NaN12", "-NaN5", "-sNaN7", "Infinity", "-Infinity"]
AMOUNT_PATH = "message.transactions[0].settlement_amount.value"


@pytest.mark.parametrize("text", NOT_FINITE)
def test_the_iso_formatter_refuses_what_is_not_a_finite_number(text: str) -> None:
    with pytest.raises(ConversionError) as caught:
        format_decimal(Decimal(text))
    assert caught.value.code == "write.amount"
    assert "not a finite number" in caught.value.message


@pytest.mark.parametrize("value", [12.5, 0.1, True, "12.50"])
def test_the_iso_formatter_refuses_a_float_and_other_types(value: Any) -> None:
    with pytest.raises(ConversionError) as caught:
        format_decimal(value)
    assert caught.value.code == "write.amount" and caught.value.value == value


def test_a_float_is_told_to_become_a_decimal() -> None:
    with pytest.raises(ConversionError, match=r"pass a Decimal \(Decimal\('0.1'\)\)"):
        format_decimal(0.1)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("12500.50", "12500.50"),
        ("-0.50", "-0.50"),
        ("0", "0"),
        ("7", "7"),
        ("1E+2", "100"),
        ("1.5E-7", "0.00000015"),
        ("-1.25E+3", "-1250"),
    ],
)
def test_finite_amounts_are_written_as_before(text: str, written: str) -> None:
    assert format_decimal(Decimal(text)) == written
    assert fix_decimal(Decimal(text)) == written


def test_an_int_is_still_written_as_format_f_writes_it() -> None:
    assert format_decimal(5) == "5.000000"  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("-Infinity"), 10.5])
def test_the_fix_formatter_raises_the_typed_error_at_the_given_path(value: Any) -> None:
    with pytest.raises(ConversionError) as caught:
        fix_decimal(value, "FIX:44")
    assert (caught.value.code, caught.value.path) == ("write.amount", "FIX:44")


@pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("Infinity"), 3.25])
def test_the_mt_formatter_raises_the_typed_error(value: Any) -> None:
    with pytest.raises(ConversionError) as caught:
        decimal_to_mt(value, ":32A:")
    assert (caught.value.code, caught.value.path) == ("write.amount", ":32A:")
    assert decimal_to_mt(Decimal("1234.50")) == "1234,50" and decimal_to_mt(Decimal("7")) == "7,"


def _pacs008_with(value: Any) -> Any:
    message: Any = finmsg.parse(PACS008).value
    tx = message.transactions[0]
    amount = replace(tx.settlement_amount, value=value)
    return replace(message, transactions=[replace(tx, settlement_amount=amount)])


@pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("-Infinity"), 12.5])
@pytest.mark.parametrize("to", ["pacs.008.001.13", "mt103"])
def test_converting_a_model_names_the_attribute(value: Any, to: str) -> None:
    with pytest.raises(ConversionError) as caught:
        finmsg.convert(_pacs008_with(value), to, receiver="BANKDEFFXXX")
    assert (caught.value.code, caught.value.path) == ("write.amount", AMOUNT_PATH)
    assert AMOUNT_PATH in str(caught.value)


def test_convert_all_and_write_name_it_too() -> None:
    with pytest.raises(ConversionError) as caught:
        finmsg.convert_all(_pacs008_with(Decimal("NaN")), "mt103", receiver="BANKDEFFXXX")
    assert caught.value.path == AMOUNT_PATH
    with pytest.raises(ConversionError) as caught:
        finmsg.write(_pacs008_with(Decimal("NaN")), "pacs.008.001.13")
    assert caught.value.path == AMOUNT_PATH


@pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("sNaN"), Decimal("-Infinity"), 12.5])
def test_the_fast_lane_refuses_it_too(value: Any) -> None:
    # the fast writer inlines format_decimal (fastwrite_tx._DECIMAL): it declines, the general
    # writer refuses with the attribute's path
    with pytest.raises(ConversionError) as caught:
        finmsg.write(_pacs008_with(value), "pacs.008.001.08")
    assert (caught.value.code, caught.value.path) == (
        "write.amount",
        "message.transactions[0].settlement_amount.value",
    )


@pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("Infinity"), 10.5])
def test_the_fix_writer_names_the_attribute(value: Any) -> None:
    log = SESSION_LOG.read_bytes()
    order: Any = finmsg.parse(finmsg.detect(log)[0].data).value
    assert order.price == Decimal("10.5")  # the fixture's first order, 44=10.5
    with pytest.raises(ConversionError) as caught:
        finmsg.write(replace(order, price=value), "fix")
    assert (caught.value.code, caught.value.path) == ("write.amount", "message.price")
