"""Cancels, corrections and non-trade ExecutionReports are not settled as new instructions.

Review finding: ExecType H (cancel), G (correct) and FIX 4.2 ExecTransType 1/2/3 all gave
``:23G:NEWM``. A cancel is a cancellation (``:23G:CANC`` linked to the cancelled instruction's
SEME by ``:20C::PREV//``, which is the cancelled fill's ExecID, RefExecID 19); sese.023 cannot
carry one (that is a sese.020): a typed refusal. A correction is refused with a typed error. A
status report or an order acknowledgement is no trade: ``NotATradeError`` (a batch skips it).
"""

from __future__ import annotations

import pytest

import finmsg
from finmsg.errors import ConversionError
from finmsg.fix.exec_kind import NotATradeError, classify_execution, no_trade_reason
from finmsg.settlement import parse_ssi
from tests.fix.helpers import fix

SSI = parse_ssi(
    "account,market,sender,receiver,pset,reag\nSAFE-001,US,FUNDGB2LXXX,CUSTUS33XXX,DTCYUS33,BRKRUS33\n"
)
ORDER = (
    "49=BROKERX|56=FUNDMGR|52=20240129-15:00:00.000|37=ORD7|1=SAFE-001|55=MSFT|48=US5949181045|22=4|54=2|"
    "38=600|75=20240129|15=USD|64=20240131|60=20240129-15:00:00.000|"
)
CANCEL = f"35=8|34=9|{ORDER}17=EXEC7-1C|19=EXEC7-1|150=H|39=1|32=100|31=10.01|151=500|14=200|6=10.02|"
CORRECT = f"35=8|34=9|{ORDER}17=EXEC7-1R|19=EXEC7-1|150=G|39=1|32=100|31=10.05|151=500|14=200|6=10.02|"
CANCEL42 = f"35=8|34=9|{ORDER}17=X1C|20=1|19=X1|150=2|39=2|32=600|31=10.01|151=0|14=600|6=10.01|"
CORRECT42 = f"35=8|34=9|{ORDER}17=X1R|20=2|19=X1|150=2|39=2|32=600|31=10.02|151=0|14=600|6=10.02|"
STATUS42 = f"35=8|34=9|{ORDER}17=X1S|20=3|150=2|39=2|32=600|31=10.01|151=0|14=600|6=10.01|"
NEW_ORDER_ACK = f"35=8|34=9|{ORDER}17=X1N|150=0|39=0|151=600|14=0|6=0|"


def _lines(body: str, begin: str = "FIX.4.4") -> list[str]:
    return finmsg.convert(fix(body, begin), "mt543", ssi=SSI).value.decode().split("\r\n")


def _genl(lines: list[str]) -> list[str]:
    return lines[lines.index(":16R:GENL") : lines.index(":16S:GENL") + 1]


def test_a_trade_cancel_is_a_cancellation_of_the_cancelled_fills_instruction() -> None:
    assert _genl(_lines(CANCEL)) == [
        ":16R:GENL",
        ":20C::SEME//EXEC7-1C",
        ":23G:CANC",
        ":16R:LINK",
        ":20C::PREV//EXEC7-1",
        ":16S:LINK",
        ":16R:LINK",
        ":20C::RELA//ORD7",
        ":16S:LINK",
        ":16R:LINK",
        ":20C::TRRF//EXEC7-1",
        ":16S:LINK",
        ":16S:GENL",
    ]


def test_a_fix42_exec_trans_type_cancel_is_a_cancellation() -> None:
    genl = _genl(_lines(CANCEL42, "FIX.4.2"))
    assert ":23G:CANC" in genl and ":20C::PREV//X1" in genl
    assert ":23G:NEWM" not in genl


def test_a_cancel_without_ref_exec_id_is_refused() -> None:
    with pytest.raises(ConversionError) as info:
        finmsg.convert(fix(CANCEL.replace("19=EXEC7-1|", "")), "mt543", ssi=SSI)
    assert info.value.code == "settlement.reference" and info.value.path == "FIX:19"


def test_sese023_refuses_a_cancellation_naming_sese020() -> None:
    with pytest.raises(ConversionError) as info:
        finmsg.convert(fix(CANCEL), "sese.023", ssi=SSI)
    assert info.value.code == "settlement.function"
    assert "sese.020" in info.value.message


@pytest.mark.parametrize(("body", "begin"), [(CORRECT, "FIX.4.4"), (CORRECT42, "FIX.4.2")])
def test_a_correction_is_refused_with_a_typed_error(body: str, begin: str) -> None:
    for target in ("mt543", "sese.023"):
        with pytest.raises(ConversionError) as info:
            finmsg.convert(fix(body, begin), target, ssi=SSI)
        assert info.value.code == "settlement.correction"
        assert "cancelling the previous instruction" in info.value.message


@pytest.mark.parametrize(
    ("body", "begin", "path"),
    [(STATUS42, "FIX.4.2", "FIX:20"), (NEW_ORDER_ACK, "FIX.4.4", "FIX:150")],
)
def test_a_report_that_is_no_execution_is_not_settled(body: str, begin: str, path: str) -> None:
    with pytest.raises(NotATradeError) as info:
        finmsg.convert(fix(body, begin), "mt543", ssi=SSI)
    assert info.value.code == "fix.not-a-trade" and info.value.path == path
    assert "nothing to settle" in info.value.message


def test_a_cancellation_read_from_an_mt_keeps_its_previous_reference() -> None:
    mt = (
        "{1:F01FUNDGB2LAXXX0000000000}{2:I543CUSTUS33XXXXN}{4:\r\n:16R:GENL\r\n:20C::SEME//X1C\r\n"
        ":23G:CANC\r\n:16R:LINK\r\n:20C::PREV//X1\r\n:16S:LINK\r\n:16S:GENL\r\n:16R:TRADDET\r\n"
        ":98A::SETT//20240131\r\n:35B:ISIN US5949181045\r\n:16S:TRADDET\r\n:16R:FIAC\r\n"
        ":36B::SETT//UNIT/100,\r\n:97A::SAFE//SAFE-001\r\n:16S:FIAC\r\n:16R:SETDET\r\n"
        ":22F::SETR//TRAD\r\n:16R:SETPRTY\r\n:95P::REAG//BRKRUS33\r\n:16S:SETPRTY\r\n:16R:SETPRTY\r\n"
        ":95P::PSET//DTCYUS33\r\n:16S:SETPRTY\r\n:16S:SETDET\r\n-}"
    )
    from finmsg.settlement import mt_to_settlement, settlement_to_mt

    model = mt_to_settlement(finmsg.parse(mt.encode()).value).value  # type: ignore[arg-type]
    again = settlement_to_mt(model)
    assert ("20C", ":PREV//X1") in [(f[0], f[1]) for f in again.value.fields]
    assert not any(d.code == "lossy.dropped" for d in again.diagnostics)


@pytest.mark.parametrize(
    ("exec_type", "trans", "begin", "kind"),
    [
        ("F", None, "FIX.4.4", "new"),
        ("H", None, "FIX.4.4", "cancel"),
        ("G", None, "FIX.4.4", "correct"),
        ("2", "1", "FIX.4.2", "cancel"),
        ("2", "2", "FIX.4.2", "correct"),
        ("F", "1", "FIX.4.4", "new"),  # a stray 20 in FIX 4.4 does not make a cancel
        ("2", "3", "FIX.4.2", None),
        ("0", None, "FIX.4.4", None),
        ("8", None, "FIX.4.4", None),
    ],
)
def test_shared_classification(exec_type: str, trans: str | None, begin: str, kind: str | None) -> None:
    assert classify_execution(exec_type, trans, begin).kind == kind


def test_no_trade_reason_names_session_messages_and_orders() -> None:
    logon = finmsg.parse(fix("35=A|34=1|49=BROKERX|56=FUNDMGR|52=20240129-15:00:00.000|98=0|108=30|")).value
    order = finmsg.parse(
        fix(
            "35=D|34=3|49=BROKERX|56=FUNDMGR|52=20240129-15:00:00.000|11=C1|1=SAFE-001|55=AAPL|54=1|38=100|"
            "40=2|44=185.25|60=20240129-15:00:00.000|"
        )
    ).value
    assert no_trade_reason(logon) == ("FIX:35", "Logon (35=A) is a FIX session message, not a trade")  # type: ignore[arg-type]
    found = no_trade_reason(order)  # type: ignore[arg-type]
    assert found is not None and found[0] == "FIX:35" and "NewOrderSingle (35=D)" in found[1]
