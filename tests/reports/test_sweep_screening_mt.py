"""Screening and TFR inputs of SWIFT MT messages (sweep findings).

1. ``finmsg report screening`` gave ``"fields": []`` for every MT message: the generic walk
   finds ``name``/``bic`` members, and the MT model is a field list.
2. ``tfr-check`` / ``ivms101`` rejected an MT103 REMIT (``103REMIT``) as "not a credit transfer".
"""

from __future__ import annotations

import json

import finmsg
from finmsg.reports import get_exporter
from finmsg.reports.base import ReportInput

MT103 = (
    "{1:F01BANKBEBBAXXX0000000000}{2:I103BANKDEFFXXXXN}{3:{121:eb6305c9-1f7f-49de-aed0-16487c27b42d}}{4:\r\n"
    ":20:REF1\r\n:23B:CRED\r\n:32A:240131EUR100,00\r\n"
    ":50F:/DE89370400440532013000\r\n1/IVAN PETROV\r\n2/LENINA 1\r\n3/RU/MOSCOW 101000\r\n"
    ":52A:/C/123456\r\nBANKBEBB\r\n"
    ":59:/FR1420041010050500013M02606\r\nJANE ROE\r\nRUE DE LA PAIX 2\r\n"
    ":70:INVOICE 42\r\n:71A:SHA\r\n-}"
)


def _screen(data: bytes) -> list[tuple[str, str, str]]:
    report = get_exporter("screening").export([ReportInput("x", finmsg.parse(data).value)], {})
    (record,) = [json.loads(line) for line in report.formats["jsonl"].splitlines()]
    return [(f["path"], f["kind"], f["value"]) for f in record["fields"]]


def test_mt103_names_addresses_bics_accounts_and_text_are_screened() -> None:
    assert _screen(MT103.encode()) == [
        ("MT103:block1", "bic", "BANKBEBBXXX"),
        ("MT103:block2", "bic", "BANKDEFFXXX"),
        ("MT103:50F/party_identifier", "account", "DE89370400440532013000"),
        ("MT103:50F/name_address/line[1]", "name", "IVAN PETROV"),
        ("MT103:50F/name_address/line[2]", "address", "LENINA 1"),
        ("MT103:50F/name_address/line[3]", "country", "RU"),
        ("MT103:50F/name_address/line[3]", "address", "MOSCOW 101000"),
        ("MT103:52A/account", "account", "123456"),
        ("MT103:52A/bic", "bic", "BANKBEBB"),
        ("MT103:59/account", "account", "FR1420041010050500013M02606"),
        ("MT103:59/name_address/line[1]", "name", "JANE ROE"),
        ("MT103:59/name_address/line[2]", "address", "RUE DE LA PAIX 2"),
        ("MT103:70/narrative", "text", "INVOICE 42"),
    ]


def test_field_that_does_not_match_its_format_is_screened_whole() -> None:
    # '@' is outside the X character set, so 59 has no components: its whole value is screened
    data = MT103.replace("JANE ROE", "JANE@ROE").encode()
    screened = _screen(data)
    assert ("MT103:59", "text", "/FR1420041010050500013M02606\nJANE@ROE\nRUE DE LA PAIX 2") in screened


def test_securities_parties_are_screened() -> None:
    mt = (
        "{1:F01BANKBEBBAXXX0000000000}{2:I541BANKDEFFXXXXN}{4:\r\n"
        ":16R:GENL\r\n:20C::SEME//REF1\r\n:23G:NEWM\r\n:16S:GENL\r\n"
        ":16R:SETDET\r\n:16R:SETPRTY\r\n:95Q::BUYR//JOHN DOE\r\nLONDON\r\n:16S:SETPRTY\r\n"
        ":16R:SETPRTY\r\n:95R::DEAG/FOOV/1234\r\n:16S:SETPRTY\r\n:16S:SETDET\r\n-}"
    )
    screened = _screen(mt.encode())
    assert ("MT541:95Q/name_address/line[1]", "name", "JOHN DOE") in screened
    assert ("MT541:95Q/name_address/line[2]", "address", "LONDON") in screened
    assert ("MT541:95R/code", "id", "1234") in screened


def test_mt103_remit_is_a_credit_transfer_for_tfr_and_ivms101() -> None:
    remit = MT103.replace("{3:{121:", "{3:{119:REMIT}{121:").replace(
        ":70:INVOICE 42\r\n", ":77T:/NARR/INVOICE 42\r\n"
    )
    message = finmsg.parse(remit.encode()).value
    assert message.message_type == "103REMIT"
    for name in ("tfr-check", "ivms101"):
        report = get_exporter(name).export([ReportInput("x", message)], {})
        assert report.rejected == [], name
        assert len(report.records) == 1, name


def test_a_50f_identifier_code_is_an_id_and_its_issuing_country_a_country() -> None:
    """50F line 1 ``4!a/2!a/27x`` (here a passport, CCPT, issued in RU); ``/34x`` is an account
    (a review found the IBAN screened as an ``id`` with its slash, missed by account rules)."""
    coded = MT103.replace(":50F:/DE89370400440532013000", ":50F:CCPT/RU/4510123456")
    screened = _screen(coded.encode())
    assert ("MT103:50F/party_identifier", "country", "RU") in screened
    assert ("MT103:50F/party_identifier", "id", "CCPT/RU/4510123456") in screened


def test_77b_residence_countries_are_screened_as_countries() -> None:
    reported = MT103.replace(":71A:SHA", ":71A:SHA\r\n:77B:/ORDERRES/IR//TEHRAN\r\n/BENEFRES/FR//")
    screened = _screen(reported.encode())
    assert [(p, v) for p, k, v in screened if k == "country" and p.startswith("MT103:77B")] == [
        ("MT103:77B/narrative", "IR"),
        ("MT103:77B/narrative", "FR"),
    ]


def test_a_77b_country_without_narrative_is_a_country_too() -> None:
    """The format is ``/8a/2!a[//additional information]``: the ``//`` part is optional."""
    reported = MT103.replace(":71A:SHA", ":71A:SHA\r\n:77B:/ORDERRES/BE\r\n/BENEFRES/IR")
    screened = _screen(reported.encode())
    assert [v for p, k, v in screened if k == "country" and p.startswith("MT103:77B")] == ["BE", "IR"]
