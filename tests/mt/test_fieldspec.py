"""SWIFT notation compiler, the field table and the option-F party line rules."""

from __future__ import annotations

import pytest

from finmsg.mt.fields import FORMATS, components, format_for
from finmsg.mt.fieldspec import compile_format
from finmsg.mt.partyf import check_party_f

ISSUE_FIELDS = [
    *("11S", "13C", "13D", "20", "21", "23B", "23E", "25", "26T", "28C", "32A", "32B", "33B", "34F", "36"),
    *("50A", "50F", "50K", "51A", "52A", "52D", "53A", "53B", "53D", "54A", "54B", "54D", "55A", "55B"),
    *("55D", "56A", "56C", "56D", "57A", "57B", "57C", "57D", "58A", "58D", "59", "59A", "59F", "60F"),
    *("60M", "61", "62F", "62M", "64", "65", "70", "71A", "71F", "71G", "72", "76", "77B", "77T", "79"),
    *("86", "90C", "90D"),
]


def test_every_issue_field_has_a_format() -> None:
    assert [t for t in ISSUE_FIELDS if t not in FORMATS] == []


def test_compiled_once() -> None:
    assert compile_format("6!n3!a15d") is compile_format("6!n3!a15d")
    assert format_for("32A") is format_for("32A")


@pytest.mark.parametrize(
    ("notation", "value", "ok"),
    [
        ("3!a", "EUR", True),
        ("3!a", "EU", False),
        ("3!a", "eur", False),
        ("16x", "A" * 16, True),
        ("16x", "A" * 17, False),
        ("15d", "1234,56", True),
        ("15d", "1234", False),  # the decimal comma is mandatory
        ("15d", "12345678901234,", True),  # 15 characters with the comma
        ("15d", "123456789012345,", False),
        ("15d", ",5", False),  # at least one integer digit
        ("4*35x", "A\nB\nC\nD", True),
        ("4*35x", "A\nB\nC\nD\nE", False),
        ("4*35x", "A" * 36, False),
        ("[/1!a][/34x]", "/D/123", True),
        ("4!c[/30x]", "SDVA", True),
        ("4!c[/30x]", "SDVA/", False),
        ("2!h", "0F", True),
        ("1!e", " ", True),
    ],
)
def test_notation(notation: str, value: str, ok: bool) -> None:
    assert (compile_format(notation).regex.fullmatch(value) is not None) is ok


@pytest.mark.parametrize(
    ("tag", "value", "expected"),
    [
        ("32A", "240131EUR1234,56", {"date": "240131", "currency": "EUR", "amount": "1234,56"}),
        ("13C", "/SNDTIME/1249+0100", {"code": "SNDTIME", "time": "1249", "sign": "+", "offset": "0100"}),
        ("23E", "TELB/0201234", {"code": "TELB", "additional": "0201234"}),
        ("28C", "00035/001", {"statement": "00035", "sequence": "001"}),
        ("34F", "EURD100,", {"currency": "EUR", "dc": "D", "amount": "100,"}),
        ("52A", "/D/12345\nBANKBEBB", {"dc": "D", "account": "12345", "bic": "BANKBEBB"}),
        ("57A", "BANKDEFFXXX", {"bic": "BANKDEFFXXX"}),
        ("53B", "/0000123", {"account": "0000123"}),
        ("59", "/123\nJOHN\nSTREET", {"account": "123", "name_address": "JOHN\nSTREET"}),
        ("60F", "C240131EUR1000,00", {"dc": "C", "date": "240131", "currency": "EUR", "amount": "1000,00"}),
        (
            "61",
            "2401310131RD250,00NTRFINV42//BANKREF1\nDETAILS",
            {
                "value_date": "240131",
                "entry_date": "0131",
                "mark": "RD",
                "amount": "250,00",
                "type": "N",
                "code": "TRF",
                "customer_reference": "INV42",
                "bank_reference": "BANKREF1",
                "supplementary": "DETAILS",
            },
        ),
        (
            "61",
            "240131C100,FMSCNONREF",
            {
                "value_date": "240131",
                "mark": "C",
                "amount": "100,",
                "type": "F",
                "code": "MSC",
                "customer_reference": "NONREF",
            },
        ),
        ("90D", "3EUR300,", {"count": "3", "currency": "EUR", "amount": "300,"}),
        ("98A", ":SETT//20240205", {"qualifier": "SETT", "date": "20240205"}),
        ("36B", ":SETT//UNIT/100,", {"qualifier": "SETT", "quantity_type": "UNIT", "quantity": "100,"}),
        ("35B", "ISIN US0378331005\nAPPLE INC", {"isin": "US0378331005", "description": "APPLE INC"}),
        ("22F", ":SETR//TRAD", {"qualifier": "SETR", "indicator": "TRAD"}),
        ("19A", ":SETT//NEUR10,", {"qualifier": "SETT", "sign": "N", "currency": "EUR", "amount": "10,"}),
    ],
)
def test_components(tag: str, value: str, expected: dict[str, str]) -> None:
    assert components(tag, value) == expected


@pytest.mark.parametrize(
    ("tag", "value"),
    [
        ("59F", "/DE89370400440532013000\n1/JANE ROE\n3/DE/BERLIN"),  # 1/ and 3/ without 2/ is valid
        ("59F", "1/JANE ROE\n1/CONTINUED NAME\n2/STREET\n2/MORE\n3/DE/BERLIN\n3/MITTE"),
        ("50F", "/12345\n1/JOHN DOE\n2/HIGH STREET 1\n3/GB/LONDON"),
        ("50F", "NIDN/DE/121231234342\n1/JOHN DOE\n4/19700131\n5/DE/BERLIN"),
        ("50F", "/12345\n1/JOHN\n6/DE/ABC/123456\n8/CONTINUED ID"),
        ("50F", "CUST/DE/ABC/1234\n1/JOHN\n8/MORE OF THE ID"),
    ],
)
def test_party_f_valid(tag: str, value: str) -> None:
    assert check_party_f(tag, value, "P", lambda cc: cc in {"DE", "GB"}) == []


@pytest.mark.parametrize(
    ("tag", "value", "code", "fragment"),
    [
        ("59F", "1/JANE\n2/STREET", "mt.T56", "2/ (address) must not be used without 3/"),
        ("59F", "2/STREET\n3/DE/BERLIN", "mt.T56", "first numbered line must be 1/"),
        ("59F", "1/JANE\n3/DE/BERLIN\n2/STREET", "mt.T56", "numbers must ascend"),
        ("59F", "1/JANE\n4/19700101", "mt.T56", "line must start with a number in [123]"),
        ("50F", "/1\n1/JOHN\n4/19700131", "mt.T56", "must be used together"),
        ("50F", "/1\n1/JOHN\n4/19700230\n5/DE/X", "mt.T50", "not a real date"),
        ("50F", "/1\n1/JOHN\n3/XX/TOWN", "mt.T73", "unknown country code"),
        ("50F", "/1\n1/JOHN\n6/DE/A/1\n6/DE/A/2", "mt.T56", "must not be repeated"),
        ("50F", "/1\n1/JOHN\n8/ORPHAN", "mt.T56", "8/ may only continue"),
        ("50F", "/1\nJOHN", "mt.T56", "line must start with a number"),
        ("59F", "1/JANE\n3/BERLIN", "mt.T56", "country code"),
        # the 50F party identifier: an account, or code/country/identifier with one of 8 codes
        ("50F", "ABCD/DE/12345\n1/JOHN", "mt.T55", "'ABCD' is not one of ARNU, CCPT"),
        ("50F", "NIDN-DE-12345\n1/JOHN", "mt.T54", "code/country/identifier"),
        ("50F", "CCPT/XX/12345\n1/JOHN", "mt.T73", "unknown country code 'XX'"),
    ],
)
def test_party_f_invalid(tag: str, value: str, code: str, fragment: str) -> None:
    diags = check_party_f(tag, value, "MT103:59F", lambda cc: cc in {"DE", "GB"})
    assert any(d.code == code and fragment in d.message for d in diags), diags
    assert all(d.path and d.path.startswith("MT103:59F") for d in diags)
