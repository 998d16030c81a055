"""Hand-checked mappings: expected values written from the rules, not produced by the code."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from finmsg.errors import ConversionError, ParseError
from finmsg.model.common import Amount, Extra
from finmsg.model.trading import AllocationInstruction, ExecutionReport, Instrument, TradingParty
from finmsg.settlement import (
    aggregate_fills,
    convert_settlement,
    fix_to_mt54x,
    fix_to_mt515,
    fix_to_settlement,
    mt54x_to_sese025,
    parse_ssi,
    settlement_to_mt,
)
from finmsg.settlement.aggregate import average_price
from finmsg.settlement.rules import RULES, describe
from tests.settlement.helpers import mt_text, read_mt, read_sese, sese_xml


def _er(side: str = "1", extras: tuple[tuple[int, str], ...] = (), **kw: object) -> ExecutionReport:
    base: dict[str, object] = {
        "exec_id": "E1",
        "order_id": "O1",
        "side": side,
        "last_qty": Decimal("100"),
        "last_px": Decimal("12.5"),
        "trade_date": "20240102",
        "currency": "EUR",
        "account": "ACC1",
        "instrument": Instrument(security_id="DE0007164600", security_id_source="4"),
        "parties": (
            TradingParty("DAKVDEFF", "B", "10"),
            TradingParty("COBADEFF", "B", "18"),
        ),
    }
    base.update(kw)
    all_extras = ((64, "20240104"), *extras)
    return ExecutionReport(extras=tuple(Extra("fix", f"FIX:{t}", v) for t, v in all_extras), **base)  # type: ignore[arg-type]


def _fields(mt: object) -> list[tuple[str, str]]:
    return [(f.tag, f.value) for f in mt.fields]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("side", "delivery_type", "expected"),
    [("1", "0", "541"), ("1", "1", "540"), ("2", "1", "542"), ("2", "0", "543"), ("5", "0", "543")],
)
def test_message_type_from_side_and_payment(side: str, delivery_type: str, expected: str) -> None:
    mt = fix_to_mt54x(
        _er(side, ((172, delivery_type), (118, "1250"))), sender="AAAAGB2L", receiver="BBBBDEFF"
    )
    assert mt.value.message_type == expected
    mt_text(mt.value)


def test_dates_instrument_quantity_and_price() -> None:
    fields = _fields(fix_to_mt54x(_er()).value)
    assert ("98A", ":TRAD//20240102") in fields
    assert ("98A", ":SETT//20240104") in fields
    assert ("35B", "ISIN DE0007164600") in fields
    assert ("36B", ":SETT//UNIT/100,") in fields
    assert ("90B", ":DEAL//ACTU/EUR12,5") in fields
    assert ("97A", ":SAFE//ACC1") in fields
    assert ("95P", ":PSET//DAKVDEFF") in fields
    assert ("95P", ":DEAG//COBADEFF") in fields


def test_computed_amounts_buy_and_sell() -> None:
    # 100 x 12.5 = 1250.00 gross; buyer pays gross + commission 10 + accrued 2.5 = 1262.50
    buy = fix_to_settlement(_er("1", ((12, "10"), (13, "3"), (159, "2.5")))).value
    assert buy.amount("DEAL") == Amount(Decimal("1250.00"), "EUR")
    assert buy.amount("SETT") == Amount(Decimal("1262.50"), "EUR")
    sell = fix_to_settlement(_er("2", ((12, "10"), (13, "3"), (159, "2.5")))).value
    assert sell.amount("SETT") == Amount(Decimal("1242.50"), "EUR")


def test_commission_rate_is_reported_not_mapped() -> None:
    result = fix_to_settlement(_er("1", ((12, "0.1"), (13, "2"))))
    assert result.value.amount("EXEC") is None
    assert any(d.code == "lossy.dropped" and d.rule == "SE006" for d in result.diagnostics)


def test_bond_uses_face_amount_and_percentage_price() -> None:
    bond = _er(
        "1",
        ((423, "1"),),
        instrument=Instrument(security_id="DE0001102580", security_id_source="4", cfi_code="DBFTFB"),
        last_qty=Decimal("50000"),
        last_px=Decimal("101.25"),
    )
    fields = _fields(fix_to_mt54x(bond).value)
    assert ("36B", ":SETT//FAMT/50000,") in fields
    assert ("90A", ":DEAL//PRCT/101,25") in fields
    assert ("19A", ":DEAL//EUR50625,00") in fields  # 50000 x 101.25 / 100


def test_average_price_exact_and_rounded() -> None:
    assert average_price([(Decimal(100), Decimal("10")), (Decimal(300), Decimal("11"))]) == (
        Decimal("10.75"),
        False,
    )
    value, rounded = average_price([(Decimal(1), Decimal(1)), (Decimal(2), Decimal(2))])  # 5/3
    assert rounded and value == Decimal("1.6666666667")


def test_aggregation_sums_quantity_and_gross_exactly() -> None:
    fills = [
        _er("1", exec_id="F1", last_qty=Decimal("100"), last_px=Decimal("10.01")),
        _er("1", exec_id="F2", last_qty=Decimal("200"), last_px=Decimal("10.02")),
        _er("1", exec_id="F3", order_id="OTHER"),
    ]
    result = aggregate_fills(fills)
    first, second = result.value
    assert first.reference == "O1" and first.quantity == Decimal("300")
    assert first.amount("DEAL") == Amount(Decimal("3005.00"), "EUR")  # 1001 + 2004
    assert first.price is not None and first.price.value == Decimal("10.0166666667")
    assert second.reference == "F3"  # a group of one fill keeps its ExecID


def test_aggregation_refuses_different_settlement_dates() -> None:
    fills = [_er("1", exec_id="F1"), _er("1", ((64, "20240105"),), exec_id="F2")]
    fills[1] = _er("1", exec_id="F2").__class__(
        **{
            **{
                f: getattr(fills[0], f)
                for f in (
                    "order_id",
                    "side",
                    "last_qty",
                    "last_px",
                    "currency",
                    "account",
                    "instrument",
                    "trade_date",
                )
            },
            "exec_id": "F2",
            "extras": (Extra("fix", "FIX:64", "20240105"),),
        }
    )
    with pytest.raises(ConversionError) as info:
        aggregate_fills(fills)
    assert info.value.code == "settlement.aggregate.mismatch"


def test_missing_settlement_date_raises() -> None:
    report = _er()
    report = report.__class__(
        **{
            k: getattr(report, k)
            for k in ("exec_id", "side", "last_qty", "last_px", "currency", "instrument")
        }
    )
    with pytest.raises(ConversionError) as info:
        fix_to_settlement(report)
    assert info.value.code == "settlement.missing"


def test_ssi_csv_and_json_match_most_specific() -> None:
    table = parse_ssi("account,market,pset,deag\nACC1,,GENERIC1,AGENTAAA\nACC1,DE,DAKVDEFF,COBADEFF\n")
    entry = table.find("ACC1", "DE", "BUYI")
    assert entry is not None and entry.line == 3  # file line (the header is line 1)
    json_table = parse_ssi('[{"account": "ACC1", "parties": {"PSET": "XXXXUS33", "SELL": "ISSR/12"}}]')
    only = json_table.find("ACC1", "US", None)
    assert only is not None
    assert [(p.role, p.bic, p.issuer, p.proprietary_id) for p in only.parties] == [
        ("PSET", "XXXXUS33", None, None),
        ("SELL", None, "ISSR", "12"),
    ]


@pytest.mark.parametrize(
    "text",
    ['[{"acount": "x"}]', '{"ssi": 3}', '[{"payment": "CASH"}]', '[{"parties": {"XXXX": "A"}}]', "{bad"],
)
def test_ssi_errors_are_typed(text: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_ssi(text)
    assert info.value.code.startswith("settlement.ssi.")


def test_missing_parties_is_an_error_diagnostic() -> None:
    result = fix_to_settlement(_er(parties=()))
    codes = {(d.code, d.rule, d.severity.value) for d in result.diagnostics}
    assert ("settlement.ssi.missing", "SE011", "error") in codes


def test_mt515_carries_side_and_payment_indicators() -> None:
    mt = fix_to_mt515(_er("2", ((172, "1"),)), sender="AAAAGB2L", receiver="BBBBDEFF").value
    fields = _fields(mt)
    assert ("22H", ":BUSE//SELL") in fields and ("22H", ":PAYM//FREE") in fields
    assert ("36B", ":CONF//UNIT/100,") in fields
    mt_text(mt)
    back = convert_settlement(read_mt(mt_text(mt)), "fix")
    view = back.value
    assert isinstance(view, AllocationInstruction)
    delivery = [e.content for a in view.allocations for e in a.extras if e.path == "FIX:172"]
    pairs = {54: view.side, 172: delivery[0]}  # the FIX view: Side 2 (sell), SettlDeliveryType 1 (free)
    assert pairs == {54: "2", 172: "1"}
    with pytest.raises(ConversionError):
        convert_settlement(read_mt(mt_text(mt)), "sese.023")


def test_confirmation_mt545_to_sese025_and_back() -> None:
    model = fix_to_settlement(
        _er(), kind="settlement-confirmation", sender="AAAAGB2L", receiver="BBBBDEFF"
    ).value
    mt = settlement_to_mt(model).value
    assert mt.message_type == "545"
    fields = _fields(mt)
    assert ("98A", ":ESET//20240104") in fields and ("36B", ":ESTT//UNIT/100,") in fields
    settled = [value for tag, value in fields if tag == "19A" and value.startswith((":ESTT", ":SETT"))]
    assert settled and all(value.startswith(":ESTT//") for value in settled)  # network rule E92
    mx = mt54x_to_sese025(read_mt(mt_text(mt))).value
    xml = sese_xml(mx, "sese.025")
    again = read_sese(xml)
    assert again.settlement_date == date(2024, 1, 4) and again.quantity == Decimal("100")
    assert settlement_to_mt(again).value.message_type == "545"
    assert again.amount("SETT") == model.amount("SETT")  # ESTT is read back as the settled amount


def test_wrong_mt_target_is_refused() -> None:
    with pytest.raises(ConversionError):
        convert_settlement(_er(), "mt540")


def test_every_rule_is_described() -> None:
    assert all(key.startswith("SE") and describe(key) for key in RULES)
