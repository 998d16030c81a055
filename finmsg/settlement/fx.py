"""A settlement amount in another currency than the trade: FIX SettlCurrency (120), SettlCurrAmt
(119) and SettlCurrFxRate (155, with SettlCurrFxRateCalc 156) -> :19A::SETT and :92B::EXCH.

Why an extra: the settlement model has an amount per qualifier (each with its currency) but no
member for an exchange rate. The rate travels as ``Extra("mt", "MT:AMT/SETT/92B", ":EXCH//...")``
in the field's own MT form, which :mod:`finmsg.settlement.mt_out` writes in the SETT amount
block (sequence E3 of MT540-543, D3 of MT515) and every other target reports as not carried
(SE016) — sese.023 has ``SttlmAmt/FXDtls`` for it, which the sese.023 writer does not fill yet.

The rate's direction follows ISO 15022 field 92B: ``:EXCH//<first>/<second>/<rate>`` means one
unit of the first currency is ``rate`` units of the second. FIX 155 converts the trade currency
(15) into the settlement currency (120): multiplied (156=M, the default) that is ``15/120/rate``,
divided (156=D) ``120/15/rate``.
"""

from __future__ import annotations

from decimal import Decimal

from finmsg.errors import ConversionError
from finmsg.model.common import Extra
from finmsg.model.settlement import SettlementInstruction
from finmsg.translate.mtvalues import decimal_to_mt

__all__ = ["exchange_rate", "fx_field", "is_fx"]

_PATH = "MT:AMT/SETT/92B"


def exchange_rate(trade_ccy: str, settl_ccy: str, rate: Decimal, calc: str | None) -> Extra:
    """The 92B EXCH of FIX 155 (rate) and 156 (``M`` multiply, ``D`` divide; ``None`` = ``M``)."""
    first, second = (settl_ccy, trade_ccy) if calc == "D" else (trade_ccy, settl_ccy)
    if rate <= 0:
        raise ConversionError(
            f"SettlCurrFxRate {rate} is not a positive rate", code="settlement.value", path="FIX:155"
        )
    digits = decimal_to_mt(rate)
    if len(digits) > 15:
        raise ConversionError(
            f"SettlCurrFxRate {rate} needs {len(digits)} characters; an MT rate holds at most 15",
            code="settlement.value",
            path="FIX:155",
            value=str(rate),
        )
    return Extra("mt", _PATH, f":EXCH//{first}/{second}/{digits}")


def is_fx(extra: Extra) -> bool:
    """True for the exchange rate of the settlement amount set from FIX 155."""
    return extra.source == "mt" and extra.path == _PATH


def fx_field(model: SettlementInstruction) -> str | None:
    """The 92B value (``:EXCH//USD/EUR/0,918``) of the settlement amount, or ``None``."""
    return next((e.content for e in model.extras if is_fx(e)), None)
