"""Property: ISIN, quantity, settlement date, amounts and side survive FIX -> MT -> MX -> MT."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from finmsg.model.common import Extra
from finmsg.model.trading import ExecutionReport, Instrument, TradingParty
from finmsg.settlement import fix_to_mt54x, mt54x_to_sese023, sese023_to_mt54x
from finmsg.standards.isin import calc_check_digit
from tests.settlement.helpers import mt_text, read_mt, read_sese, sese_xml

_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


@st.composite
def isins(draw: st.DrawFn) -> str:
    country = draw(st.sampled_from(["US", "DE", "FR", "GB", "CH", "JP"]))
    body = draw(st.text(_ALNUM, min_size=9, max_size=9))
    return country + body + calc_check_digit(country + body)


@st.composite
def executions(draw: st.DrawFn) -> ExecutionReport:
    trade_day = draw(st.dates(date(2001, 1, 1), date(2098, 12, 1)))
    settle = trade_day + timedelta(days=draw(st.integers(0, 5)))
    # Quantity x price stays below 10**11 so that every amount fits the MT 15-character amount
    # format; larger amounts are refused (see test_amount_too_long_for_mt_is_refused).
    qty = Decimal(draw(st.integers(1, 10**7))) / Decimal(10) ** draw(st.integers(0, 2))
    px = Decimal(draw(st.integers(1, 10**6))) / Decimal(10) ** draw(st.integers(2, 4))
    net = Decimal(draw(st.integers(1, 10**12))) / 100
    extras = [Extra("fix", "FIX:64", f"{settle:%Y%m%d}"), Extra("fix", "FIX:118", str(net))]
    if draw(st.booleans()):
        extras.append(Extra("fix", "FIX:12", str(Decimal(draw(st.integers(0, 10**6))) / 100)))
        extras.append(Extra("fix", "FIX:13", "3"))
    return ExecutionReport(
        exec_id=draw(st.text(_ALNUM, min_size=1, max_size=16)),
        side=draw(st.sampled_from(["1", "2"])),
        last_qty=qty,
        last_px=px,
        trade_date=f"{trade_day:%Y%m%d}",
        currency="USD",
        account="SAFE1",
        instrument=Instrument(security_id=draw(isins()), security_id_source="4"),
        parties=(TradingParty("DTCYUS33", "B", "10"), TradingParty("BRKRUS33", "B", "18")),
        extras=tuple(sorted(extras, key=lambda e: int(e.path[4:]))),
    )


@settings(max_examples=25, deadline=None)
@given(executions())
def test_fix_mt_mx_mt_keeps_the_settlement_facts(report: ExecutionReport) -> None:
    mt1 = fix_to_mt54x(report, sender="FUNDGB2LXXX", receiver="CUSTUS33XXX").value
    text1 = mt_text(mt1)
    mx = mt54x_to_sese023(read_mt(text1)).value
    back = read_sese(sese_xml(mx, "sese.023"))
    mt2 = sese023_to_mt54x(back).value
    fields1 = {(f.tag, f.value) for f in mt1.fields}
    fields2 = {(f.tag, f.value) for f in mt2.fields}
    assert fields1 == fields2
    assert back.isin == report.instrument.isin  # type: ignore[union-attr]
    assert back.quantity == report.last_qty
    settle = next(e.content for e in report.extras if e.path == "FIX:64")
    assert back.settlement_date.strftime("%Y%m%d") == settle
    assert back.side == ("BUYI" if report.side == "1" else "SELL")
    net = next(e.content for e in report.extras if e.path == "FIX:118")
    assert back.amount("SETT") is not None and back.amount("SETT").value == Decimal(net)  # type: ignore[union-attr]
    assert mt2.message_type == ("541" if report.side == "1" else "543")


def test_amount_too_long_for_mt_is_refused() -> None:
    import pytest

    from finmsg.errors import ConversionError

    report = ExecutionReport(
        exec_id="BIG1",
        side="1",
        last_qty=Decimal("1000000000"),
        last_px=Decimal("1000000"),
        trade_date="20260105",
        currency="USD",
        account="SAFE1",
        instrument=Instrument(security_id="US0378331005", security_id_source="4"),
        parties=(TradingParty("DTCYUS33", "B", "10"), TradingParty("BRKRUS33", "B", "18")),
        extras=(Extra("fix", "FIX:64", "20260107"),),
    )
    with pytest.raises(ConversionError) as info:
        fix_to_mt54x(report, sender="FUNDGB2LXXX", receiver="CUSTUS33XXX")
    assert info.value.code == "settlement.amount-too-long"
