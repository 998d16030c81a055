"""Validation layers: structure, network rules (SWIFT codes), business checks, charset."""

from __future__ import annotations

import pytest

from finmsg.diagnostics import Severity
from finmsg.mt.message import ApplicationHeader, BasicHeader, MtField, MtMessage
from finmsg.mt.validate import (
    check_business,
    check_charset,
    check_fields,
    check_network_rules,
    check_structure,
    validate_message,
)

US_SENDER = BasicHeader("F01BANKUS33AXXX0000000000")


#: A well-formed UETR (block 3 field 121, mandatory in MT103/202/205 since SR2018).
UETR = "eb6305c9-1f7f-49de-aed0-16487c27b42d"


def msg(mt: str, fields: list[tuple[str, str]], receiver: str = "BANKJPJTXXXX") -> MtMessage:
    return MtMessage(
        message_type=mt,
        basic_header=US_SENDER,
        application_header=ApplicationHeader(f"I{mt[:3]}{receiver}N"),
        user_header=(("121", UETR),),
        fields=tuple(MtField(t, v) for t, v in fields),
    )


BASE_103 = [
    ("20", "REF1"),
    ("23B", "CRED"),
    ("32A", "240131USD100,"),
    ("50K", "JOHN"),
    ("59", "/123\nJANE"),
    ("71A", "SHA"),
]


def replace(fields: list[tuple[str, str]], tag: str, new: list[tuple[str, str]]) -> list[tuple[str, str]]:
    i = [t for t, _ in fields].index(tag)
    return fields[:i] + new + fields[i + 1 :]


def codes(diags: list) -> list[str]:  # type: ignore[type-arg]
    return sorted(d.code for d in diags)


def test_valid_mt103_is_clean() -> None:
    assert validate_message(msg("103", BASE_103)) == []


def test_structure_missing_field_has_path() -> None:
    diags = check_structure(msg("103", [f for f in BASE_103 if f[0] != "32A"]))
    assert [(d.code, d.path) for d in diags] == [("mt.structure.missing", "MT103:32A")]


def test_structure_unexpected_and_order() -> None:
    fields = [*BASE_103, ("61", "X")]
    assert [(d.code, d.path) for d in check_structure(msg("103", fields))] == [
        ("mt.structure.unexpected", "MT103:61")
    ]
    swapped = [BASE_103[1], BASE_103[0], *BASE_103[2:]]
    assert "mt.structure.order" in codes(check_structure(msg("103", swapped)))


def test_structure_repetition() -> None:
    fields = replace(BASE_103, "71A", [("71A", "SHA"), ("71A", "OUR")])
    assert codes(check_structure(msg("103", fields))) == ["mt.structure.order"]


def test_unknown_type_is_info_only() -> None:
    diags = validate_message(msg("799", [("20", "X"), ("79", "HELLO")]))
    assert [(d.code, d.severity) for d in diags] == [("mt.type.unknown", Severity.INFO)]


def test_stp_structure_rejects_option_d() -> None:
    fields = replace(BASE_103, "59", [("57D", "SOME BANK"), ("59", "/123\nJANE")])
    assert check_structure(msg("103", fields)) == []
    assert codes(check_structure(msg("103STP", fields))) != []


def test_remit_requires_77t() -> None:
    assert codes(check_structure(msg("103REMIT", BASE_103))) == ["mt.structure.missing"]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        # D75: 33B in another currency needs 36, and 36 is only allowed then
        ({"32A": [("32A", "240131USD100,"), ("33B", "EUR90,")]}, "mt.D75"),
        ({"32A": [("32A", "240131USD100,"), ("33B", "USD100,"), ("36", "1,")]}, "mt.D75"),
        # E01: SPRI limits 23E; E02: SSTD forbids 23E
        ({"23B": [("23B", "SPRI"), ("23E", "HOLD")]}, "mt.E01"),
        ({"23B": [("23B", "SSTD"), ("23E", "SDVA")]}, "mt.E02"),
        # E03 / E05 / E06 / E07: correspondents with the special 23B codes
        ({"23B": [("23B", "SPAY")], "59": [("53D", "X"), ("59", "/1\nJ")]}, "mt.E03"),
        ({"23B": [("23B", "SPAY")], "59": [("53A", "BANKUS33"), ("54B", "/1"), ("59", "/1\nJ")]}, "mt.E05"),
        ({"59": [("55A", "BANKUS33"), ("59", "/1\nJ")]}, "mt.E06"),
        # E10: special codes need the beneficiary account; E18: CHQB forbids it
        ({"23B": [("23B", "SSTD")], "59": [("59", "JANE")]}, "mt.E10"),
        ({"23B": [("23B", "CRED"), ("23E", "CHQB")]}, "mt.E18"),
        # E16: SPRI forbids 56a
        (
            {"23B": [("23B", "SPRI")], "59": [("56A", "BANKUS33"), ("57A", "BANKUS33"), ("59", "/1\nJ")]},
            "mt.E16",
        ),
        # E44 / E45: phone/telecom codes need the intermediary / account-with institution
        ({"23B": [("23B", "CRED"), ("23E", "TELI")]}, "mt.E44"),
        ({"23B": [("23B", "CRED"), ("23E", "PHON")]}, "mt.E45"),
        # charges: E13 OUR without 71F, D50 SHA without 71G, E15 BEN needs 71F, D51 needs 33B
        ({"71A": [("71A", "OUR"), ("71F", "USD1,")]}, "mt.E13"),
        ({"71A": [("71A", "SHA"), ("71G", "USD1,")]}, "mt.D50"),
        ({"71A": [("71A", "BEN")]}, "mt.E15"),
        ({"71A": [("71A", "SHA"), ("71F", "USD1,")]}, "mt.D51"),
        (
            {
                "32A": [("32A", "240131USD100,"), ("33B", "USD101,")],
                "71A": [("71A", "OUR"), ("71G", "EUR1,")],
            },
            "mt.C02",
        ),
    ],
)
def test_mt103_network_rules(changes: dict[str, list[tuple[str, str]]], expected: str) -> None:
    fields = BASE_103
    for tag, new in changes.items():
        fields = replace(fields, tag, new)
    assert expected in codes(check_network_rules(msg("103", fields)))


def test_d49_eu_sender_and_receiver_need_33b() -> None:
    m = MtMessage(
        message_type="103",
        basic_header=BasicHeader("F01BANKBEBBAXXX0000000000"),
        application_header=ApplicationHeader("I103BANKDEFFXXXXN"),
        fields=tuple(MtField(t, v) for t, v in BASE_103),
    )
    assert codes(check_network_rules(m)) == ["mt.D49"]


def test_stp_instruction_codes_and_c81() -> None:
    fields = replace(BASE_103, "23B", [("23B", "CRED"), ("23E", "HOLD")])
    fields = replace(fields, "59", [("56A", "BANKUS33"), ("59", "/1\nJ")])
    # HOLD is not an MT103 STP instruction code: T48 (see finmsg.mt.rules.codes for the source)
    assert codes(check_network_rules(msg("103STP", fields))) == ["mt.C81", "mt.T48"]


MT202 = [("20", "R"), ("21", "REL"), ("32A", "240131USD1,"), ("58A", "BANKUS33")]


def test_mt202_c81() -> None:
    assert check_network_rules(msg("202", MT202)) == []
    with_56 = replace(MT202, "58A", [("56A", "BANKUS33"), ("58A", "BANKUS33")])
    assert codes(check_network_rules(msg("202", with_56))) == ["mt.C81"]


def test_mt202cov_sequence_b_c81_and_structure() -> None:
    seq_b = [("50K", "ORDERER"), ("56A", "BANKUS33"), ("59", "/1\nBENEF")]
    diags = validate_message(msg("202COV", MT202 + seq_b))
    assert [(d.code, d.path) for d in diags] == [("mt.C81", "MT202:B/57a")]
    assert codes(check_structure(msg("202COV", MT202))) == ["mt.structure.missing"]


def test_mt205_needs_52a() -> None:
    assert codes(check_structure(msg("205", MT202))) == ["mt.structure.missing"]


MT940 = [
    ("20", "S1"),
    ("25", "ACC"),
    ("28C", "1/1"),
    ("60F", "C240130EUR10,00"),
    ("61", "2401310131D5,00NTRFREF"),
    ("86", "TEXT"),
    ("62F", "C240131EUR5,00"),
]


def test_mt940_valid_and_c27() -> None:
    assert validate_message(msg("940", MT940)) == []
    bad = replace(MT940, "62F", [("62F", "C240131USD5,00")])
    assert codes(check_network_rules(msg("940", bad))) == ["mt.C27"]


def test_mt950_c27() -> None:
    fields = [f for f in MT940 if f[0] != "86"]
    fields = replace(fields, "62F", [("62F", "C240131GBP5,00")])
    assert codes(check_network_rules(msg("950", fields))) == ["mt.C27"]


def test_mt942_floor_limits() -> None:
    base = [
        ("20", "S"),
        ("25", "ACC"),
        ("28C", "1"),
        ("34F", "EURD10,"),
        ("34F", "EURC20,"),
        ("13D", "2401311200+0100"),
    ]
    assert validate_message(msg("942", base)) == []
    swapped = replace(base, "34F", [("34F", "EURC10,")])
    assert "mt.C23" in codes(check_network_rules(msg("942", swapped)))
    mixed = [*base, ("90D", "1USD5,")]
    assert "mt.C27" in codes(check_network_rules(msg("942", mixed)))


def test_mt910_c06_and_mt900_clean() -> None:
    base = [("20", "R"), ("21", "REL"), ("25", "ACC"), ("32A", "240131EUR1,")]
    assert validate_message(msg("900", base)) == []
    assert codes(check_network_rules(msg("910", base))) == ["mt.C06"]
    assert check_network_rules(msg("910", [*base, ("52A", "BANKUS33")])) == []


def test_mt101_party_rules() -> None:
    a = [("20", "R"), ("28D", "1/1"), ("30", "240131")]
    b = [("21", "T1"), ("32B", "EUR1,"), ("59", "/1\nX"), ("71A", "SHA")]
    assert codes(check_network_rules(msg("101", a + b))) == ["mt.D61"]
    ok = [*a[:2], ("50H", "/123\nORDERER"), a[2], *b]
    assert validate_message(msg("101", ok)) == []
    both = [*ok, ("21", "T2"), ("32B", "EUR1,"), ("50H", "/9\nO"), ("59", "/1\nX"), ("71A", "SHA")]
    assert "mt.D61" in codes(check_network_rules(msg("101", both)))
    rate = replace(ok, "71A", [("71A", "SHA"), ("36", "1,1")])
    assert codes(check_network_rules(msg("101", rate))) == ["mt.D54"]


@pytest.mark.parametrize(
    ("tag", "value", "code"),
    [
        ("20", "/REF", "mt.T26"),
        ("20", "REF/", "mt.T26"),
        ("21", "A//B", "mt.T26"),
        ("52A", "BANKXX33", "mt.T27"),
    ],
)
def test_field_level_codes(tag: str, value: str, code: str) -> None:
    fields = [("20", "R"), ("21", "REL"), ("32A", "240131USD1,"), (tag, value), ("58A", "BANKUS33")]
    fields = [f for i, f in enumerate(fields) if f[0] != tag or i == 3]
    assert code in codes(check_fields(msg("202", fields)))


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("240230EUR1,", "mt.T50"),  # 30 February
        ("230229EUR1,", "mt.T50"),  # 2023 is not a leap year
        ("240131XYZ1,", "mt.T52"),
        ("240131JPY1,5", "mt.T43"),
        ("240131EUR1,001", "mt.T43"),
    ],
)
def test_business_checks(value: str, code: str) -> None:
    assert codes(check_business(msg("202", [("20", "R"), ("32A", value)]))) == [code]


def test_business_accepts_leap_day_and_kwd_decimals() -> None:
    assert check_business(msg("202", [("32A", "240229KWD1,123")])) == []


def test_field_format_and_charset() -> None:
    m = msg("202", [("20", "REF_1"), ("32A", "240131EUR1.5")])
    assert codes(check_charset(m)) == ["mt.charset"]
    diags = check_fields(m)
    assert [(d.code, d.path) for d in diags] == [
        ("mt.field.format", "MT202:20"),
        ("mt.field.format", "MT202:32A"),
    ]
    assert codes(validate_message(m, ["charset"])) == ["mt.charset"]


def test_securities_generic_model() -> None:
    fields = [
        ("16R", "GENL"), ("20C", ":SEME//R1"), ("23G", "NEWM"), ("16S", "GENL"),
        ("16R", "TRADDET"), ("98A", ":SETT//20240205"), ("35B", "ISIN US0378331005"), ("16S", "TRADDET"),
        ("16R", "FIAC"), ("36B", ":SETT//UNIT/1,"), ("97A", ":SAFE//1"), ("16S", "FIAC"),
        ("16R", "SETDET"), ("22F", ":SETR//TRAD"),
        ("16R", "SETPRTY"), ("95P", ":PSET//DTCYUS33"), ("16S", "SETPRTY"),
        ("16R", "SETPRTY"), ("95P", ":DEAG//BRKRUS33"), ("16S", "SETPRTY"), ("16S", "SETDET"),
    ]  # fmt: skip
    assert validate_message(msg("540", fields)) == []
    no_parties = [f for f in fields if f[0] != "95P" and f[1] != "SETPRTY"]
    assert [(d.code, d.message) for d in validate_message(msg("540", no_parties))] == [
        ("mt.E91", "sequence E1 must contain :95a::DEAG (no :22F::DBNM given)"),
        ("mt.E91", "sequence E1 must contain :95a::PSET (no :22F::DBNM given)"),
    ]
    no_seme = replace(fields, "20C", [("20C", ":PREV//R1")])
    assert [d.message for d in check_structure(msg("540", no_seme))] == [
        "mandatory field 20C::SEME missing in block GENL"
    ]
    unclosed = fields[:-1]
    assert "mt.structure.block" in codes(check_structure(msg("540", unclosed)))
    wrong = replace(fields, "16S", [("16S", "TRADDET")])
    assert "mt.structure.block" in codes(check_structure(msg("540", wrong)))
    no_fiac = fields[:8] + fields[12:]
    assert [d.message for d in check_structure(msg("540", no_fiac))] == ["mandatory block FIAC missing"]
