"""Unit tests of the shared translation helpers: addresses, 16x references, field 72, clearing codes."""

from __future__ import annotations

import pytest

from finmsg.model.common import AddressStyle, ClearingMember
from finmsg.translate.address import split_town, structure_lines
from finmsg.translate.clearing import clearing_from_mt, clearing_to_mt
from finmsg.translate.context import Ctx
from finmsg.translate.field72 import build_72, parse_72
from finmsg.translate.mtvalues import decimal_from_mt, decimal_to_mt
from finmsg.translate.rules import RULES, describe, register_rules
from finmsg.translate.text import join_lines, reference16, to_x


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["MAIN STREET 1", "10115 BERLIN", "GERMANY"], ("MAIN STREET", "1", "10115", "BERLIN", "DE")),
        (["1 WALL STREET", "NEW YORK NY 10005", "USA"], ("WALL STREET", "1", "10005", "NEW YORK", "US")),
        (
            ["10 DOWNING STREET", "LONDON SW1A 2AA", "UNITED KINGDOM"],
            ("DOWNING STREET", "10", "SW1A 2AA", "LONDON", "GB"),
        ),
        (
            ["KEIZERSGRACHT 62", "1015 CS AMSTERDAM NETHERLANDS"],
            ("KEIZERSGRACHT", "62", "1015 CS", "AMSTERDAM", "NL"),
        ),
        (["ZURICH", "SWITZERLAND"], (None, None, None, "ZURICH", "CH")),
    ],
)
def test_structure_lines(lines: list[str], expected: tuple[str | None, ...]) -> None:
    guess = structure_lines(lines)
    a = guess.address
    assert (a.street_name, a.building_number, a.post_code, a.town_name, a.country) == expected
    assert guess.missing == ()
    assert 0 < guess.confidence <= 1


@pytest.mark.parametrize(
    "lines",
    [
        ["MAIN STREET 1"],  # no town, no country
        ["MAIN STREET 1", "SPRINGFIELD CA"],  # "CA" could be California: never read as Canada
        ["10115 BERLIN"],  # a town but no country: the country is never invented
    ],
)
def test_never_invent_town_or_country(lines: list[str]) -> None:
    guess = structure_lines(lines)
    assert guess.missing != ()
    assert guess.address.style is AddressStyle.UNSTRUCTURED
    assert guess.address.country is None and guess.address.town_name is None
    assert guess.address.lines == tuple(lines)
    assert guess.confidence == 0.0


def test_unrecognised_street_stays_as_hybrid_line() -> None:
    guess = structure_lines(["C/O ACME", "75002 PARIS", "FRANCE"])
    assert guess.address.style is AddressStyle.HYBRID
    assert guess.address.lines == ("C/O ACME",)


def test_split_town() -> None:
    assert split_town("75008 PARIS") == ("75008", "PARIS", None)
    assert split_town("MANCHESTER M1 1AA") == ("M1 1AA", "MANCHESTER", None)
    assert split_town("GENT") == (None, "GENT", None)


def test_reference16_rules() -> None:
    ctx = Ctx()
    assert reference16(ctx, "ABCDEFGHIJKLMNOP", "s", "t") == "ABCDEFGHIJKLMNOP"
    assert reference16(ctx, "ABCDEFGHIJKLMNOPQ", "s", "t") == "ABCDEFGHIJKLMNO+"
    assert reference16(ctx, "/ABC", "s", "t") == "NOTPROVIDED"
    assert reference16(ctx, "ABC/", "s", "t") == "NOTPROVIDED"
    assert reference16(ctx, "A//B", "s", "t") == "NOTPROVIDED"
    assert reference16(ctx, None, "s", "t") == "NOTPROVIDED"
    codes = [(d.code, d.rule) for d in ctx.finish()]
    assert codes == [
        ("lossy.truncated", "TR004"),
        ("mapping.defaulted", "TR005"),
        ("mapping.defaulted", "TR005"),
        ("mapping.defaulted", "TR005"),
        ("mapping.defaulted", "TR028"),
    ]


def test_to_x_reports_once_per_message() -> None:
    ctx = Ctx()
    assert to_x(ctx, "Crème brûlée", "a", "b") == "Creme brulee"
    assert to_x(ctx, "Łódź", "c", "d") == "Lodz"
    assert to_x(ctx, "PLAIN", "e", "f") == "PLAIN"
    diags = ctx.finish()
    assert len(diags) == 1
    assert diags[0].code == "charset.transliterated" and diags[0].rule == "TR023"
    assert diags[0].original == "èûéŁóź" and diags[0].emitted == "eueLoz"
    assert diags[0].path == "a c" and diags[0].target_path == "b d"


def test_join_lines_reports_recoverability() -> None:
    assert join_lines(["A" * 35, "B"], 35) == ("A" * 35 + "B", True)
    assert join_lines(["SHORT", "NEXT"], 35) == ("SHORT NEXT", False)


def test_field72_parse_and_build() -> None:
    items = parse_72("/INS/ABNANL2A\n/ACC/" + "X" * 30 + "\n//" + "Y" * 10)
    assert [(i.code, i.text, i.line, i.exact) for i in items] == [
        ("INS", "ABNANL2A", 1, True),
        ("ACC", "X" * 30 + "Y" * 10, 2, True),
    ]
    lines, left = build_72([("ACC", "X" * 40)] * 4)
    assert lines == ["/ACC/" + "X" * 30, "//" + "X" * 10] * 3
    assert left == [("ACC", "X" * 40)]


def test_clearing_codes() -> None:
    assert clearing_from_mt("//FW021000021") == ClearingMember("021000021", "USABA", None)
    assert clearing_from_mt("//ZZ123") == ClearingMember("123", None, "ZZ")
    assert clearing_from_mt("/12345") is None
    assert clearing_to_mt(ClearingMember("200415", "GBDSC", None)) == "//SC200415"
    assert clearing_to_mt(ClearingMember("1", "XXXXX", None)) is None


def test_decimals_keep_scale() -> None:
    assert decimal_to_mt(decimal_from_mt("1234,", "p")) == "1234,"
    assert decimal_to_mt(decimal_from_mt("1234,50", "p")) == "1234,50"
    assert str(decimal_from_mt("0,5", "p")) == "0.5"


def test_rule_table() -> None:
    # TR payments, TS statements, TN notifications, TI investigations (pair modules register theirs)
    prefixes = {"TR", "TS", "TN", "TI", "TA", "TF"}
    assert all(key[:2] in prefixes and key[2:].isdigit() and text for key, text in RULES.items())
    assert describe("TR004").startswith("an identifier longer")
    register_rules({"TR999": "test rule"})
    assert describe("TR999") == "test rule"
    with pytest.raises(ValueError):
        register_rules({"TR999": "another text"})
    del RULES["TR999"]
