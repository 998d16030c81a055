"""A fill in USD that settles in EUR (SettlCurrency 120, SettlCurrAmt 119, SettlCurrFxRate 155).

Review finding: every amount was relabelled EUR (``:90B::DEAL//ACTU/EUR185,25``,
``:19A::DEAL//EUR18525,``) and 119/155 vanished. The deal price and deal amount stay in the trade
currency (15); the settlement amount is 119 in 120, with the rate as ``:92B::EXCH`` in the SETT
amount block (92B: one unit of the first currency = rate units of the second). Expected values
are written from the FIX fields below, not from the converter's output.
"""

from __future__ import annotations

from lxml import etree

import finmsg
from finmsg.diagnostics import Diagnostic
from finmsg.settlement import aggregate_fills, parse_ssi
from tests.fix.helpers import fix

SSI = parse_ssi(
    "account,market,sender,receiver,pset,deag\nSAFE-001,US,FUNDGB2LXXX,CUSTUS33XXX,DTCYUS33,BRKRUS33\n"
)
#: 100 AAPL bought at 185.25 USD: gross 18525 USD, commission 15 USD, net 18540 USD; settled as
#: 17019.72 EUR at 0.918 EUR per USD.
BASE = (
    "35=8|49=BROKERX|56=FUNDMGR|34=7|52=20240129-15:00:00.000|37=ORD1|17=EXEC1|150=F|39=2|1=SAFE-001|"
    "55=AAPL|48=US0378331005|22=4|54=1|38=100|32=100|31=185.25|151=0|14=100|6=185.25|75=20240129|"
    "15=USD|12=15|13=3|64=20240131|381=18525|118=18540|172=0|423=2|"
    "453=3|448=DTCYUS33|447=B|452=10|448=BRKRUS33XXX|447=B|452=18|448=CPTYUS33|447=B|452=17|"
)
FX = BASE + "120=EUR|119=17019.72|155=0.918|"


def _mt(body: str) -> tuple[list[str], list[Diagnostic]]:
    result = finmsg.convert(fix(body), "mt541", ssi=SSI)
    return result.value.decode().split("\r\n"), result.diagnostics


def test_prices_and_deal_amount_stay_in_the_trade_currency() -> None:
    lines, _ = _mt(FX)
    assert ":90B::DEAL//ACTU/USD185,25" in lines
    assert ":19A::DEAL//USD18525," in lines
    assert ":19A::EXEC//USD15," in lines
    assert not any("EUR185" in line or "EUR18525" in line for line in lines)


def test_settlement_amount_is_settl_curr_amt_with_its_rate() -> None:
    lines, diags = _mt(FX)
    at = lines.index(":19A::SETT//EUR17019,72")
    assert lines[at + 1] == ":92B::EXCH//USD/EUR/0,918"  # 1 USD = 0.918 EUR, in the same AMT block
    assert lines[at + 2] == ":16S:AMT"
    # 156 absent: the rate multiplies (said as an info, which --strict does not refuse)
    assert any(d.code == "mapping.defaulted" and d.path == "FIX:156" for d in diags)
    assert not any(d.path in ("FIX:119", "FIX:120", "FIX:155") and d.code.startswith("lossy.") for d in diags)


def test_a_dividing_rate_is_written_the_other_way_round() -> None:
    lines, diags = _mt(BASE + "120=EUR|119=17019.72|155=1.0885|156=D|")
    assert ":92B::EXCH//EUR/USD/1,0885" in lines  # 1 EUR = 1.0885 USD
    assert not any(d.path == "FIX:156" for d in diags)


def test_settlement_currency_without_its_amount_is_reported() -> None:
    lines, diags = _mt(BASE + "120=EUR|")
    assert ":19A::SETT//USD18540," in lines
    dropped = [d for d in diags if d.code == "lossy.dropped" and d.path == "FIX:120"]
    assert len(dropped) == 1 and "EUR" in dropped[0].message


def test_sese023_settlement_amount_in_eur_deal_amount_in_usd_and_the_rate_reported() -> None:
    result = finmsg.convert(fix(FX), "sese.023", ssi=SSI)
    root = etree.fromstring(result.value)
    ns = {"d": "urn:iso:std:iso:20022:tech:xsd:sese.023.001.12"}
    sttlm = root.find(".//d:SttlmAmt/d:Amt", ns)
    trad = root.find(".//d:OthrAmts/d:TradAmt/d:Amt", ns)
    assert sttlm is not None and (sttlm.get("Ccy"), sttlm.text) == ("EUR", "17019.72")
    assert trad is not None and (trad.get("Ccy"), trad.text) == ("USD", "18525")
    dropped = [d for d in result.diagnostics if d.code == "lossy.dropped" and d.path == "FIX:155"]
    assert len(dropped) == 1 and dropped[0].original == ":EXCH//USD/EUR/0,918"


def test_aggregated_fills_sum_their_settlement_currency_amounts() -> None:
    first = FX.replace("32=100|", "32=40|").replace("381=18525|118=18540|", "").replace("12=15|13=3|", "")
    first = first.replace("119=17019.72", "119=6802.40")
    second = (
        first.replace("17=EXEC1", "17=EXEC2")
        .replace("32=40|", "32=60|")
        .replace("119=6802.40", "119=10203.60")
    )
    reports = [finmsg.parse(fix(body)).value for body in (first, second)]
    result = aggregate_fills(reports, ssi=SSI)  # type: ignore[arg-type]
    (model,) = result.value
    assert model.quantity == 100
    sett = model.amount("SETT")
    deal = model.amount("DEAL")
    assert sett is not None and (sett.currency, str(sett.value)) == ("EUR", "17006.00")
    assert deal is not None and deal.currency == "USD"
