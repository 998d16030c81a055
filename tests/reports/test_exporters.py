"""mifir, ivms101, screening, the CLI and the tfr-check property test."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from lxml import etree

import finmsg
from finmsg.cli import main
from finmsg.reports import get_exporter
from finmsg.reports.base import ReportInput
from finmsg.reports.ivms101 import validate_payload
from finmsg.reports.mifir import validate_output
from finmsg.reports.mifir.checks import check_record
from finmsg.reports.mifir.concat import concat
from finmsg.reports.mifir.mapping import build_record
from finmsg.reports.mifir.profiles import AUTH016_V03
from finmsg.reports.mifir.refdata import load_refdata
from finmsg.reports.mifir.writer import write_document
from finmsg.testing.translate import pacs008_messages
from tests.golden import check_golden

REPO = Path(__file__).resolve().parents[2]
MIFIR = REPO / "fixtures" / "reports" / "mifir"
NS = {"a": "urn:iso:std:iso:20022:tech:xsd:auth.016.001.03"}


def mifir(*names: str, fmt: str = "json") -> tuple[dict, str]:
    items = [ReportInput(n, finmsg.parse((MIFIR / f"{n}.fix").read_bytes()).value) for n in names]
    report = get_exporter("mifir").export(items, {"refdata": MIFIR / "refdata.json"})
    return json.loads(report.formats["json"]), report.formats[fmt]


# check id -> negative fixture; the positive for every check is execution-new (no finding at all).
CHECK_CASES = {
    "MIFIR-ISIN": "isin-neg",
    "MIFIR-MIC": "mic-neg",
    "MIFIR-CFI": "cfi-neg",
    "MIFIR-QTY": "qty-neg",
    "MIFIR-PRICE-QTY": "price-qty-neg",
    "MIFIR-LEI": "lei-neg",
    "MIFIR-MAP-CAPACITY": "capacity-neg",
}


@pytest.mark.parametrize("code", sorted(CHECK_CASES))
def test_mifir_check_positive_and_negative(code: str) -> None:
    good, _ = mifir("execution-new")
    bad, _ = mifir(CHECK_CASES[code])
    assert good["transactions"][0]["findings"] == [] and good["transactions"][0]["reported"]
    codes = [f["code"] for f in bad["transactions"][0]["findings"]]
    assert code in codes and not bad["transactions"][0]["reported"]


def test_mifir_mapping_and_xsd() -> None:
    _, xml = mifir("execution-new", "execution-cancel", fmt="xml")
    doc = etree.fromstring(xml.encode())
    assert validate_output(doc) == []
    new = doc.find("a:FinInstrmRptgTxRpt/a:Tx/a:New", NS)
    assert new is not None
    text = {
        p: new.findtext(p, namespaces=NS)
        for p in (
            "a:TxId",
            "a:ExctgPty",
            "a:Tx/a:TradDt",
            "a:Tx/a:TradgCpcty",
            "a:Tx/a:TradVn",
            "a:Tx/a:TradPlcMtchgId",
            "a:FinInstrm/a:Id",
            "a:AddtlAttrbts/a:ShrtSellgInd",
            "a:AddtlAttrbts/a:WvrInd",
            "a:InvstmtDcsnPrsn/a:Algo",
            "a:Sellr/a:AcctOwnr/a:Id/a:Prsn/a:Othr/a:Id",
            "a:Buyr/a:AcctOwnr/a:Id/a:MIC",
            "a:Tx/a:Qty/a:Unit",
            "a:Tx/a:Pric/a:Pric/a:MntryVal/a:Amt",
            "a:AddtlAttrbts/a:RskRdcgTx",
        )
    }
    assert text == {
        "a:TxId": "E1",
        "a:ExctgPty": "5493001KJTIIGC8Y1R12",
        "a:Tx/a:TradDt": "2026-03-02T10:15:30.123456789Z",  # 769 with 770=1, nanosecond precision kept
        "a:Tx/a:TradgCpcty": "AOTC",
        "a:Tx/a:TradVn": "XPAR",
        "a:Tx/a:TradPlcMtchgId": "VENUETX1",
        "a:FinInstrm/a:Id": "FR0000120271",
        "a:AddtlAttrbts/a:ShrtSellgInd": "SESH",
        "a:AddtlAttrbts/a:WvrInd": "RFPT",
        "a:InvstmtDcsnPrsn/a:Algo": "ALGO1",
        "a:Sellr/a:AcctOwnr/a:Id/a:Prsn/a:Othr/a:Id": "FR19800517JEAN#DUPON",
        "a:Buyr/a:AcctOwnr/a:Id/a:MIC": "XPAR",
        "a:Tx/a:Qty/a:Unit": "100",
        "a:Tx/a:Pric/a:Pric/a:MntryVal/a:Amt": "25.5",
        "a:AddtlAttrbts/a:RskRdcgTx": "true",
    }
    cxl = doc.find("a:FinInstrmRptgTxRpt/a:Tx/a:Cxl", NS)
    assert cxl is not None and cxl.findtext("a:TxId", namespaces=NS) == "E1"  # same reference as the New


def test_mifir_golden(update_goldens: bool) -> None:
    _, xml = mifir("execution-new", "execution-cancel", fmt="xml")
    check_golden(Path(__file__).parent / "goldens" / "mifir.xml", xml, update_goldens)


def _record():
    message = finmsg.parse((MIFIR / "execution-new.fix").read_bytes()).value
    record, diags = build_record(message, load_refdata(MIFIR / "refdata.json"), "x")
    assert record is not None and diags == []
    return record


def test_mifir_time_and_concat_checks() -> None:
    record = _record()
    assert check_record(record) == []
    record.trade_time = "2026-03-02T11:15:30.123456789+01:00"
    assert [d.code for d in check_record(record)] == ["MIFIR-TIME"]
    record = _record()
    record.trade_time = "2026-03-02T10:15:30.123Z"  # precision lost
    assert [d.code for d in check_record(record)] == ["MIFIR-TIME"]
    record = _record()
    assert record.seller is not None and record.seller.person is not None
    record.seller = replace(record.seller, person=replace(record.seller.person, id="FR1980JEAN"))
    assert [d.code for d in check_record(record)] == ["MIFIR-CONCAT"]


def test_concat_rules() -> None:
    assert concat("FR", "1980-05-17", "Jean", "Dupont") == "FR19800517JEAN#DUPON"
    assert concat("DE", "1960-02-29", "Dr. Jürgen", "von Müller") == "DE19600229JURGEMULLE"
    assert concat("IE", "1970-12-31", "Seán", "O'Brian") == "IE19701231SEAN#OBRIA"


def test_refdata_csv_equals_json(tmp_path: Path) -> None:
    path = tmp_path / "ref.csv"
    path.write_text(
        "short_code,lei,first_name,surname,birth_date,nationality,national_id,scheme,branch_country,decision_maker\n"
        "#firm,5493001KJTIIGC8Y1R12,,,,,,,FR,\n"
        "CLT2,,Jean,Dupont,1980-05-17,FR,,,,TRD7\n"
        "TRD7,,Anne,Martin,1985-01-02,FR,FR12345,NIDN,FR,\n",
        encoding="utf-8",
    )
    assert load_refdata(path) == load_refdata(MIFIR / "refdata.json")


def test_mifir_writer_escapes_values() -> None:
    record = _record()
    record.tx_id = "E1</TxId><Evil/>"
    doc = write_document([record], AUTH016_V03)
    assert doc.find(".//{*}Evil") is None
    assert doc.findtext(".//{*}TxId") == "E1</TxId><Evil/>"


def test_ivms101_payloads_are_schema_valid() -> None:
    xml = (REPO / "fixtures/iso20022/pacs008-cbpr-structured/input.xml").read_bytes()
    report = get_exporter("ivms101").export([ReportInput("p", finmsg.parse(xml).value)], {})
    payload = report.records[0]["ivms101"]
    assert validate_payload(payload) == []
    person = payload["originator"]["originatorPersons"][0]["legalPerson"]
    assert person["nationalIdentification"] == {
        "nationalIdentifier": "5493001KJTIIGC8Y1R12",
        "nationalIdentifierType": "LEIX",
    }
    assert payload["originator"]["accountNumber"] == ["GB33BUKB20201555555555"]
    assert payload["beneficiary"]["accountNumber"] == ["DE89370400440532013000"]
    assert person["geographicAddress"][0]["townName"] == "London"


def test_ivms101_schema_rejects_broken_payload() -> None:
    bad = {
        "originator": {
            "originatorPersons": [
                {
                    "legalPerson": {
                        "name": {
                            "nameIdentifier": [
                                {"legalPersonName": "X", "legalPersonNameIdentifierType": "LEGL"}
                            ]
                        },
                        "nationalIdentification": {
                            "nationalIdentifier": "ABC",
                            "nationalIdentifierType": "LEIX",
                        },
                    }
                }
            ]
        },
        "beneficiary": {"beneficiaryPersons": []},
    }
    codes = validate_payload(bad)
    assert len(codes) >= 2 and all(d.code == "ivms101.schema" for d in codes)


def test_ivms101_mt103_reports_what_it_leaves_out() -> None:
    mt = finmsg.parse((REPO / "fixtures/mt/mt103_basic/input.fin").read_bytes()).value
    report = get_exporter("ivms101").export([ReportInput("m", mt)], {})
    record = report.records[0]
    assert validate_payload(record["ivms101"]) == []
    assert "ivms101.address.country" in [d["code"] for d in record["diagnostics"]]


def test_screening_view_paths() -> None:
    xml = (REPO / "fixtures/iso20022/pacs009-cov/input.xml").read_bytes()
    report = get_exporter("screening").export([ReportInput("c", finmsg.parse(xml).value)], {})
    line = json.loads(report.payload.splitlines()[0])
    fields = {(f["path"], f["kind"]): f["value"] for f in line["fields"]}
    assert fields[("transactions[1].underlying.debtor.name", "name")] == "Société Générale d'Équipement SA"
    assert fields[("transactions[1].underlying.creditor.address.country", "country")] == "US"
    iban = fields[("transactions[1].underlying.debtor_account.iban", "account")]
    assert iban == "FR7630006000011234567890189"
    assert fields[("transactions[1].instructing_agent.bic", "bic")] == "BANKFRPPXXX"
    assert all(f["kind"] != "text" or "2026-11-29T" not in f["value"] for f in line["fields"])


def test_cli_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tfr = REPO / "fixtures/reports/tfr"
    out = tmp_path / "r.json"
    assert main(["report", "tfr-check", str(tfr / "full-clean.xml"), "--out", str(out)]) == 0
    assert json.loads(out.read_text())["summary"]["messages"] == 1
    assert main(["report", "tfr-check", str(tfr / "tfr-4.1.a-neg.xml"), "--out", str(out)]) == 1
    assert main(["report", "tfr-check", str(MIFIR / "execution-new.fix"), "--out", str(out)]) == 1
    assert main(["report", "tfr-check", str(tmp_path / "missing.xml")]) == 2
    assert main(["report", "screening", str(tfr / "full-clean.xml"), "--format", "csv"]) == 2
    assert main(["report", "nope", str(tfr / "full-clean.xml")]) == 2
    bad_ref = tmp_path / "ref.json"
    bad_ref.write_text("{not json")
    assert main(["report", "mifir", str(MIFIR / "execution-new.fix"), "--refdata", str(bad_ref)]) == 2
    ref = str(MIFIR / "refdata.json")
    target = str(tmp_path / "t.xml")
    assert main(["report", "mifir", str(MIFIR / "execution-new.fix"), "--refdata", ref, "--out", target]) == 0
    assert validate_output(etree.parse(str(tmp_path / "t.xml")).getroot()) == []


@settings(max_examples=25, deadline=None)
@given(pacs008_messages())
def test_property_tfr_finds_payer_and_payee_where_the_model_holds_them(message) -> None:  # type: ignore
    report = get_exporter("tfr-check").export([ReportInput("gen", message)], {})
    tx = message.transactions[0]
    found = report.records[0]["transactions"][0]
    assert found["payer"]["name"] == {"path": "transactions[1].debtor.name", "value": tx.debtor.name}
    assert found["payee"]["name"] == {"path": "transactions[1].creditor.name", "value": tx.creditor.name}
    assert found["payer"]["account"] == {
        "path": "transactions[1].debtor_account.other.id",
        "value": tx.debtor_account.other.id,
    }
    assert found["payee"]["account"] == {
        "path": "transactions[1].creditor_account.other.id",
        "value": tx.creditor_account.other.id,
    }
    # every data element is present, so no TFR/FATF rule may report it missing
    assert not [
        f
        for f in report.records[0]["findings"]
        if f["rule"].startswith(("TFR", "FATF")) and f["severity"] == "error"
    ]
