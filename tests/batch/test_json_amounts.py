"""The JSON target refuses an amount no format can carry, as every other writer does (brief SP8 item 3).

Before: ``dumps_model_bytes`` wrote a Decimal NaN as ``"value": "NaN"`` (an Infinity as
``"Infinity"``), and orjson wrote a ``float`` amount as a number — a float NaN as ``null``,
silently. Now: :class:`~finmsg.errors.ConversionError` ``write.amount`` with the model path,
nothing emitted. Only a model built or edited in code can hold such a value.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import finmsg
from finmsg import jsonfmt
from finmsg.errors import ConversionError
from finmsg.model.serialize import to_data

ROOT = Path(__file__).resolve().parents[2]
PACS008 = ROOT / "fixtures/iso20022/pacs008-cbpr-structured/input.xml"
AMOUNT_PATH = "message.transactions[0].settlement_amount.value"
REFUSED = [
    Decimal("NaN"),
    Decimal("-NaN"),
    Decimal("sNaN"),
    Decimal("NaN12"),  # a payload: its text ends with a digit
    Decimal("Infinity"),
    Decimal("-Infinity"),
    12.5,
    float("nan"),
    0.0,
]


def _pacs008_with(value: Any) -> Any:
    message: Any = finmsg.parse(PACS008).value
    tx = message.transactions[0]
    amount = replace(tx.settlement_amount, value=value)
    return replace(message, transactions=[replace(tx, settlement_amount=amount)])


@pytest.mark.parametrize("value", REFUSED, ids=repr)
def test_the_json_writer_refuses_it_with_the_model_path(value: Any) -> None:
    model = _pacs008_with(value)
    for write in (jsonfmt.dumps_model_bytes, jsonfmt.dumps_model):
        with pytest.raises(ConversionError) as caught:
            write(model)
        assert (caught.value.code, caught.value.path) == ("write.amount", AMOUNT_PATH)


@pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("-Infinity"), 3.25], ids=repr)
def test_convert_to_json_refuses_it_too(value: Any) -> None:
    with pytest.raises(ConversionError) as caught:
        finmsg.convert(_pacs008_with(value), "json")
    assert (caught.value.code, caught.value.path) == ("write.amount", AMOUNT_PATH)
    assert AMOUNT_PATH in str(caught.value)


def test_the_plain_data_route_refuses_it_with_the_path() -> None:
    # to_data is what the standard-library fallback encodes (and what --processor output is checked with)
    with pytest.raises(ConversionError) as caught:
        to_data(_pacs008_with(Decimal("Infinity")))
    assert (caught.value.code, caught.value.path) == ("write.amount", AMOUNT_PATH)


def test_finite_amounts_are_written_as_before() -> None:
    text = jsonfmt.dumps_model_bytes(_pacs008_with(Decimal("1E+2"))).decode("utf-8")
    amount = json.loads(text)["transactions"][0]["settlement_amount"]
    assert amount == {"_type": "Amount", "value": "100", "currency": "EUR"}
    text = jsonfmt.dumps_model_bytes(_pacs008_with(Decimal("-0.10"))).decode("utf-8")
    assert '"value": "-0.10"' in text


@dataclass(frozen=True, slots=True)
class _Rate:
    rate: Decimal | None
    label: Any = None


def test_a_decimal_member_anywhere_is_refused_and_other_members_keep_their_rules() -> None:
    # not only Amount.value: any member the model declares a Decimal
    with pytest.raises(ConversionError) as caught:
        jsonfmt.dumps_model_bytes(_Rate(Decimal("NaN")))  # type: ignore[arg-type]
    assert (caught.value.code, caught.value.path) == ("write.amount", "message.rate")
    with pytest.raises(ConversionError) as caught:
        jsonfmt.dumps_model_bytes(_Rate(1.5))  # type: ignore[arg-type]
    assert (caught.value.code, caught.value.path) == ("write.amount", "message.rate")
    # a NaN Decimal inside a tuple of an untyped member: refused, and found by the walk
    with pytest.raises(ConversionError) as caught:
        jsonfmt.dumps_model_bytes(_Rate(None, (Decimal("1"), Decimal("-sNaN3"))))  # type: ignore[arg-type]
    assert (caught.value.code, caught.value.path) == ("write.amount", "message.label[1]")
    ok = jsonfmt.dumps_model_bytes(_Rate(Decimal("0.5"), "x"))  # type: ignore[arg-type]
    assert ok == b'{\n  "_type": "_Rate",\n  "rate": "0.5",\n  "label": "x"\n}\n'


def nan_amount(model: Any) -> Any:
    """A ``--processor`` that breaks the amount (what only code can do)."""
    tx = model.transactions[0]
    return replace(
        model,
        transactions=[replace(tx, settlement_amount=replace(tx.settlement_amount, value=Decimal("NaN")))],
    )


def test_a_processor_that_makes_a_nan_amount_is_named_with_the_path() -> None:
    from finmsg.batch.plugins import load_processor
    from finmsg.errors import FinmsgError

    processor = load_processor(f"{__name__}:nan_amount")
    with pytest.raises(FinmsgError) as caught:
        processor(finmsg.parse(PACS008).value)
    assert (caught.value.code, caught.value.path) == ("batch.processor", AMOUNT_PATH)
    assert "not a finite number" in str(caught.value)
