"""``aggregate_fills`` sums fills only: resends, duplicates, cancels and corrections.

Review finding: a PossDup resend (43=Y) of an ExecID already seen and a cancel (150=H) were
summed as fills (600 instead of 200). Order ORD7 below: fill EXEC7-1 of 100 @ 10.01, fill
EXEC7-2 of 200 @ 10.02.
"""

from __future__ import annotations

from decimal import Decimal

from finmsg import parse
from finmsg.diagnostics import Severity
from finmsg.model.trading import ExecutionReport
from finmsg.settlement import aggregate_fills, parse_ssi
from tests.fix.helpers import fix

SSI = parse_ssi(
    "account,market,sender,receiver,pset,reag\nSAFE-001,US,FUNDGB2LXXX,CUSTUS33XXX,DTCYUS33,BRKRUS33\n"
)
COMMON = (
    "49=BROKERX|56=FUNDMGR|52=20240129-15:00:00.000|37=ORD7|1=SAFE-001|55=MSFT|48=US5949181045|22=4|"
    "54=2|38=600|75=20240129|15=USD|64=20240131|60=20240129-15:00:00.000|"
)
FILL1 = f"35=8|34=7|{COMMON}17=EXEC7-1|150=F|39=1|32=100|31=10.01|151=500|14=100|6=10.01|"
FILL2 = f"35=8|34=8|{COMMON}17=EXEC7-2|150=F|39=1|32=200|31=10.02|151=300|14=300|6=10.02|"
RESEND2 = FILL2.replace("34=8|", "34=8|43=Y|122=20240129-15:00:00.000|")
CANCEL1 = f"35=8|34=9|{COMMON}17=EXEC7-1C|19=EXEC7-1|150=H|39=1|32=100|31=10.01|151=500|14=200|6=10.02|"
CORRECT1 = f"35=8|34=9|{COMMON}17=EXEC7-1R|19=EXEC7-1|150=G|39=1|32=150|31=10.00|151=250|14=350|6=10.01|"
ACK = f"35=8|34=6|{COMMON}17=EXEC7-0|150=0|39=0|151=600|14=0|6=0|"


def _reports(*bodies: str) -> list[ExecutionReport]:
    out = []
    for body in bodies:
        value = parse(fix(body)).value
        assert isinstance(value, ExecutionReport)
        out.append(value)
    return out


def test_the_review_sequence_settles_200() -> None:
    result = aggregate_fills(_reports(FILL1, FILL2, RESEND2, CANCEL1), ssi=SSI)
    (model,) = result.value
    assert model.quantity == Decimal(200)
    codes = {(d.code, d.path) for d in result.diagnostics}
    assert ("settlement.aggregate.resent", "FIX:43") in codes
    assert ("settlement.aggregate.cancelled", "FIX:19") in codes
    assert not any(d.severity is Severity.ERROR for d in result.diagnostics)


def test_an_unflagged_duplicate_exec_id_is_an_error_and_not_summed() -> None:
    result = aggregate_fills(_reports(FILL1, FILL2, FILL2), ssi=SSI)
    (model,) = result.value
    assert model.quantity == Decimal(300)
    errors = [d for d in result.diagnostics if d.severity is Severity.ERROR]
    assert [(d.code, d.path, d.original) for d in errors] == [
        ("settlement.aggregate.duplicate", "FIX:17", "EXEC7-2")
    ]


def test_a_correction_replaces_the_fill_it_corrects() -> None:
    result = aggregate_fills(_reports(FILL1, FILL2, CORRECT1), ssi=SSI)
    (model,) = result.value
    assert model.quantity == Decimal(350)  # 150 (corrected) + 200
    # (150 x 10.00 + 200 x 10.02) / 350 = 3504 / 350 = 10.0114285714...: rounded to 10 places
    assert model.price is not None and model.price.value == Decimal("10.0114285714")


def test_an_order_acknowledgement_is_not_a_fill() -> None:
    result = aggregate_fills(_reports(ACK, FILL1), ssi=SSI)
    (model,) = result.value
    assert model.quantity == Decimal(100)
    assert any(
        d.code == "settlement.aggregate.not-a-fill" and d.path == "FIX:150" for d in result.diagnostics
    )


def test_a_cancel_of_an_unknown_fill_is_an_error() -> None:
    result = aggregate_fills(_reports(FILL2, CANCEL1), ssi=SSI)
    (model,) = result.value
    assert model.quantity == Decimal(200)
    assert [d.code for d in result.diagnostics if d.severity is Severity.ERROR] == [
        "settlement.aggregate.unmatched"
    ]


def test_every_fill_cancelled_gives_no_instruction() -> None:
    result = aggregate_fills(_reports(FILL1, CANCEL1), ssi=SSI)
    assert result.value == []
    assert any(d.code == "settlement.aggregate.cancelled" and d.path == "FIX:37" for d in result.diagnostics)
