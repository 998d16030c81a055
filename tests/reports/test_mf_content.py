"""MiFIR RTS 22 content rules (review MF item 4), expected values from RTS 22 Annex I Table 2.

* field 35 Net amount: "only for debt instruments" -> NetMoney (118) is reported for a CFI
  starting with D, not applicable (omitted) otherwise;
* fields 8 / 17 Country of the branch for the buyer / seller: when the buyer / seller is a
  client, the country of the branch of the firm that received the client's order (the firm's
  home country when no branch did);
* field 30 Quantity: for a debt instrument the nominal value; FIX QtyType 854=0 means "units
  (shares, par, currency)", i.e. units of par for a bond -> NmnlVal in Currency (15).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from lxml import etree

import finmsg
from finmsg.reports import get_exporter
from finmsg.reports.base import ReportInput

from ..fix.helpers import fix

REFDATA = Path(__file__).resolve().parents[2] / "fixtures" / "reports" / "mifir" / "refdata.json"
NS = {"a": "urn:iso:std:iso:20022:tech:xsd:auth.016.001.03"}
HDR = "49=BROKER|56=CLIENT|34=5|52=20260302-10:15:30.123|"
PARTIES = "453=3|448=5493001KJTIIGC8Y1R12|447=N|452=1|448=TRD7|447=P|452=12|2376=24|448=CLT2|447=P|452=3|"


def _sell(instrument: str, qty_price: str, capacity: str = "29=1|") -> bytes:
    """A client's (CLT2) sell on XPAR executed by TRD7; ``capacity`` 29=1 Agent -> AOTC."""
    return fix(
        f"35=8|{HDR}1128=9|37=O1|17=E1|150=F|39=2|54=2|38=100|151=0|14=100|6=25.5|30=XPAR|{capacity}"
        f"{qty_price}15=EUR|{instrument}60=20260302-10:15:30.123|{PARTIES}",
        "FIXT.1.1",
    )


EQUITY = "48=FR0000120271|22=4|461=ESVUFR|"
BOND = "48=DE0001102580|22=4|461=DBFTFB|"  # a Bund; ISIN check digit valid


def _report(data: bytes) -> tuple[dict[str, Any], etree._Element | None]:
    read = finmsg.parse(data)
    assert read.ok, [str(d) for d in read.errors]
    report = get_exporter("mifir").export([ReportInput("m#1", read.value)], {"refdata": REFDATA})
    xml = report.formats["xml"]
    return json.loads(report.formats["json"]), etree.fromstring(xml.encode()) if xml else None


def _codes(data: dict[str, Any]) -> list[tuple[str, str]]:
    return [(f["code"], f["severity"]) for t in data["transactions"] for f in t["findings"]]


def test_net_amount_is_omitted_for_an_equity() -> None:
    data, doc = _report(_sell(EQUITY, "32=100|31=25.5|118=2550|"))
    assert doc is not None
    assert doc.findall(".//a:NetAmt", NS) == []
    assert data["summary"]["errors"] == 0


def test_net_amount_is_reported_for_a_debt_instrument() -> None:
    data, doc = _report(_sell(BOND, "32=1000000|31=99.5|854=0|423=1|118=1001234.56|"))
    assert doc is not None, data
    assert doc.findtext(".//a:NetAmt", namespaces=NS) == "1001234.56"


def test_bond_units_of_par_with_a_percentage_price_are_a_nominal_quantity() -> None:
    data, doc = _report(_sell(BOND, "32=1000000|31=99.5|854=0|423=1|"))
    assert data["summary"]["errors"] == 0, _codes(data)
    assert doc is not None
    qty = doc.find(".//a:Tx/a:New/a:Tx/a:Qty/a:NmnlVal", NS)
    assert qty is not None
    assert (qty.text, qty.get("Ccy")) == ("1000000", "EUR")
    assert doc.findtext(".//a:Pric/a:Pric/a:Pctg", namespaces=NS) == "99.5"


def test_equity_units_with_a_percentage_price_stay_refused() -> None:
    # an equity counted in shares has no nominal: a percentage price cannot apply
    data, doc = _report(_sell(EQUITY, "32=100|31=99.5|854=0|423=1|"))
    assert doc is None
    assert data["summary"]["errors"] >= 1


def test_client_seller_gets_the_country_of_the_branch_of_the_firm() -> None:
    data, doc = _report(_sell(EQUITY, "32=100|31=25.5|"))
    assert doc is not None, _codes(data)
    seller = doc.find(".//a:Sellr/a:AcctOwnr", NS)
    assert seller is not None
    assert seller.find("a:Id/a:Prsn", NS) is not None  # CLT2, a natural person
    assert seller.findtext("a:CtryOfBrnch", namespaces=NS) == "FR"  # refdata firm.branch_country
    # the buyer is the venue, not a client: no field 8
    buyer = doc.find(".//a:Buyr/a:AcctOwnr", NS)
    assert buyer is not None
    assert buyer.findtext("a:Id/a:MIC", namespaces=NS) == "XPAR"
    assert buyer.find("a:CtryOfBrnch", NS) is None


def test_firm_dealing_on_own_account_has_no_branch_country_as_buyer_or_seller() -> None:
    # LastCapacity 29=3 (Cross as principal) -> DEAL: the firm itself sells, it is nobody's client
    data, doc = _report(_sell(EQUITY, "32=100|31=25.5|", capacity="29=3|"))
    assert doc is not None, _codes(data)
    assert doc.findtext(".//a:TradgCpcty", namespaces=NS) == "DEAL"
    assert doc.findtext(".//a:Sellr/a:AcctOwnr/a:Id/a:LEI", namespaces=NS) == "5493001KJTIIGC8Y1R12"
    assert doc.findall(".//a:Sellr/a:AcctOwnr/a:CtryOfBrnch", NS) == []
    # field 37 (country of the branch membership) is another field: still the firm's
    assert doc.findtext(".//a:New/a:Tx/a:CtryOfBrnch", namespaces=NS) == "FR"


def test_counterparty_from_refdata_has_no_branch_country(tmp_path: Path) -> None:
    refdata = json.loads(REFDATA.read_text(encoding="utf-8"))
    refdata["parties"]["CPTY1"] = {"lei": "529900T8BM49AURSDO55", "branch_country": "DE"}
    path = tmp_path / "refdata.json"
    path.write_text(json.dumps(refdata), encoding="utf-8")
    message = fix(
        f"35=8|{HDR}1128=9|37=O1|17=E1|150=F|39=2|54=2|38=100|151=0|14=100|6=25.5|30=XOFF|29=1|"
        f"32=100|31=25.5|15=EUR|{EQUITY}60=20260302-10:15:30.123|"
        "453=4|448=5493001KJTIIGC8Y1R12|447=N|452=1|448=TRD7|447=P|452=12|2376=24|448=CLT2|447=P|452=3|"
        "448=CPTY1|447=D|452=17|",
        "FIXT.1.1",
    )
    read = finmsg.parse(message)
    assert read.ok
    report = get_exporter("mifir").export([ReportInput("m#1", read.value)], {"refdata": path})
    doc = etree.fromstring(report.formats["xml"].encode())
    buyer = doc.find(".//a:Buyr/a:AcctOwnr", NS)
    assert buyer is not None
    assert buyer.findtext("a:Id/a:LEI", namespaces=NS) == "529900T8BM49AURSDO55"
    assert buyer.find("a:CtryOfBrnch", NS) is None  # a counterparty, not a client
    assert doc.findtext(".//a:Sellr/a:AcctOwnr/a:CtryOfBrnch", namespaces=NS) == "FR"  # client CLT2
