"""IVMS101 payloads place or report every identifier of the parties (nothing silently left out)."""

from __future__ import annotations

from pathlib import Path

import finmsg
from finmsg.reports import get_exporter
from finmsg.reports.base import ReportInput
from finmsg.reports.ivms101 import validate_payload

CBPR = Path(__file__).resolve().parents[2] / "fixtures" / "iso20022" / "pacs008-cbpr-structured" / "input.xml"

DEBTOR_IDS = (
    "<Id><OrgId><AnyBIC>ACMEGB21XXX</AnyBIC><LEI>5493001KJTIIGC8Y1R12</LEI>"
    "<Othr><Id>CUST-998877</Id><SchmeNm><Cd>CUST</Cd></SchmeNm></Othr></OrgId></Id>"
)
CREDITOR_ID = (
    "<Id><PrvtId><Othr><Id>C01X00T47</Id><SchmeNm><Cd>CCPT</Cd></SchmeNm><Issr>DE</Issr></Othr>"
    "</PrvtId></Id></Cdtr>"
)


def _payload() -> tuple[dict, list[dict]]:
    xml = CBPR.read_text(encoding="utf-8")
    xml = xml.replace("<Id><OrgId><LEI>5493001KJTIIGC8Y1R12</LEI></OrgId></Id>", DEBTOR_IDS, 1)
    head, cdtr, tail = xml.partition("<Cdtr>")
    body, _, rest = tail.partition("</Cdtr>")
    xml = head + cdtr + body + CREDITOR_ID + rest
    report = get_exporter("ivms101").export([ReportInput("p", finmsg.parse(xml.encode()).value)], {})
    record = report.records[0]
    return record["ivms101"], record["diagnostics"]


def test_a_legal_persons_customer_number_is_kept_beside_its_lei() -> None:
    payload, diagnostics = _payload()
    legal = payload["originator"]["originatorPersons"][0]["legalPerson"]
    assert legal["nationalIdentification"]["nationalIdentifierType"] == "LEIX"
    assert legal["customerNumber"] == "CUST-998877"
    assert ("ivms101.id", "ACMEGB21XXX") in {(d["code"], d["original"]) for d in diagnostics}


def test_country_of_registration_is_not_invented_from_the_address() -> None:
    payload, _ = _payload()
    assert "countryOfRegistration" not in payload["originator"]["originatorPersons"][0]["legalPerson"]


def test_a_passport_keeps_its_country_of_issue() -> None:
    payload, _ = _payload()
    natural = payload["beneficiary"]["beneficiaryPersons"][0]["naturalPerson"]
    assert natural["nationalIdentification"] == {
        "nationalIdentifier": "C01X00T47",
        "nationalIdentifierType": "CCPT",
        "countryOfIssue": "DE",
    }
    assert validate_payload(payload) == []
