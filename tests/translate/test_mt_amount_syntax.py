"""MT amounts and currencies are read by their MT syntax, not by what ``Decimal`` accepts.

An MT103 whose ``:32A:`` reads ``261201EU11000,`` used to become ``<IntrBkSttlmAmt Ccy="EU1">`` with
no diagnostic, and ``Decimal`` also took ``1E5``, ``-5``, ``NaN`` and spaces as amounts.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from finmsg import convert
from finmsg.errors import ConversionError
from finmsg.translate.mtvalues import amount_from_mt, decimal_from_mt

MT103 = (Path(__file__).resolve().parents[2] / "fixtures" / "mt" / "mt103_basic" / "input.fin").read_bytes()


@pytest.mark.parametrize("text", ["EU11000,", "EUR1E5", "EUR-5,", "EURNaN", "EUR 100,", "EUR1.000,"])
def test_bad_amounts_are_refused(text: str) -> None:
    with pytest.raises(ConversionError) as caught:
        amount_from_mt(text, "MT103:32A")
    assert caught.value.code == "translate.value" and caught.value.path == "MT103:32A"


@pytest.mark.parametrize(("text", "value"), [("EUR1000,", "1000"), ("JPY5,", "5"), ("USD0,50", "0.50")])
def test_good_amounts_keep_their_scale(text: str, value: str) -> None:
    amount = amount_from_mt(text, "MT103:32A")
    assert (str(amount.value), amount.currency) == (value, text[:3])


@pytest.mark.parametrize("text", ["1E5", "-5", "NaN", " 5,", "5,0 "])
def test_bad_decimals_are_refused(text: str) -> None:
    with pytest.raises(ConversionError):
        decimal_from_mt(text, "MT103:36")


def test_a_bad_32a_currency_stops_the_translation_with_its_path() -> None:
    bad = re.sub(rb":32A:([0-9]{6})[A-Z]{3}", rb":32A:\1EU1", MT103)
    assert bad != MT103
    with pytest.raises(ConversionError) as caught:
        convert(bad, "pacs.008")
    assert caught.value.path == "MT103:32A" and "'EU1'" in caught.value.message
