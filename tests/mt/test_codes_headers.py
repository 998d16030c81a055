"""Session-2 correctness: 23B/23E code words, MT910 C1, MT101 rule numbers, blocks 1 and 2.

Expected codes are the ones the SWIFT field specifications give (sources cited in
``finmsg.mt.rules.codes``, ``finmsg.mt.rules.cash`` and ``finmsg.mt.rules.mt101``).
"""

from __future__ import annotations

import pytest

from finmsg.mt.headers import check_headers
from finmsg.mt.message import ApplicationHeader, BasicHeader, MtField, MtMessage
from finmsg.mt.validate import check_network_rules, validate_message

BASE_103 = [
    ("20", "REF1"),
    ("23B", "CRED"),
    ("32A", "240131USD100,"),
    ("50K", "JOHN"),
    ("57A", "BANKUS33"),
    ("59", "/123\nJANE"),
    ("71A", "SHA"),
]


#: A well-formed UETR (block 3 field 121, mandatory in MT103/202/205 since SR2018).
UETR = "eb6305c9-1f7f-49de-aed0-16487c27b42d"


def msg(
    mt: str, fields: list[tuple[str, str]], b1: str = "F01BANKUS33AXXX0000000000", b2: str = ""
) -> MtMessage:
    return MtMessage(
        message_type=mt,
        basic_header=BasicHeader(b1),
        application_header=ApplicationHeader(b2 or f"I{mt[:3]}BANKJPJTXXXXN"),
        user_header=(("121", UETR),),
        fields=tuple(MtField(t, v) for t, v in fields),
    )


def with_23e(*codes: str, mt: str = "103", op: str = "CRED") -> MtMessage:
    fields = [("20", "REF1"), ("23B", op), *(("23E", c) for c in codes), *BASE_103[2:]]
    return msg(mt, fields)


def network(m: MtMessage) -> list[str]:
    return sorted(d.code for d in check_network_rules(m))


def test_valid_103_has_no_findings() -> None:
    assert validate_message(msg("103", BASE_103)) == []
    assert validate_message(with_23e("SDVA", "PHOB/0049 123", "TELE")) == []


@pytest.mark.parametrize("op", ["CRED", "CRTS", "SPAY", "SPRI", "SSTD"])
def test_23b_codes_accepted(op: str) -> None:
    assert "mt.T36" not in network(with_23e(mt="103", op=op))


def test_23b_unknown_code_is_t36() -> None:
    m = with_23e(op="CRDT")
    found = [d for d in check_network_rules(m) if d.code == "mt.T36"]
    assert len(found) == 1 and found[0].path == "MT103:23B"


def test_23e_unknown_code_t47_and_stp_list_t48() -> None:
    assert network(with_23e("BONL")) == ["mt.T47"]  # BONL left the MT103 list
    assert network(with_23e("XXXX", mt="103REMIT")) == ["mt.T47"]
    assert network(with_23e("HOLD", mt="103STP")) == ["mt.T48"]
    assert network(with_23e("SDVA", "REPA", mt="103STP")) == []


def test_23e_additional_information_d97() -> None:
    assert network(with_23e("HOLD/AT THE DESK")) == []
    assert network(with_23e("SDVA/TODAY")) == ["mt.D97"]
    assert network(with_23e("REPA/E-PAY REF", mt="103STP")) == []
    assert network(with_23e("INTC/GROUP", mt="103STP")) == ["mt.D97"]


def test_23e_order_d98_pairs_d67_repeats_e46() -> None:
    assert network(with_23e("INTC", "SDVA")) == ["mt.D98"]
    assert network(with_23e("SDVA", "INTC", "PHOB")) == []
    assert network(with_23e("SDVA", "HOLD")) == ["mt.D67"]
    assert network(with_23e("PHON", "TELE")) == ["mt.D67"]
    assert network(with_23e("PHOB", "PHOB")) == ["mt.E46"]
    paths = [d.path for d in check_network_rules(with_23e("SDVA", "XXXX"))]
    assert paths == ["MT103:23E[2]"]


MT910 = [("20", "R"), ("21", "REL"), ("25", "ACC"), ("32A", "240131EUR1,")]


def test_mt910_c1_either_50a_or_52a_not_both() -> None:
    assert network(msg("910", [*MT910, ("50K", "ORDERER")])) == []
    assert network(msg("910", [*MT910, ("52A", "BANKUS33")])) == []
    assert network(msg("910", MT910)) == ["mt.C06"]
    both = check_network_rules(msg("910", [*MT910, ("50K", "ORDERER"), ("52A", "BANKUS33")]))
    assert [(d.code, d.rule, d.path) for d in both] == [("mt.C06", "MT910/C1", "MT910:52A")]


def test_mt101_rule_numbers() -> None:
    a = [("20", "R"), ("28D", "1/1"), ("50L", "INSTRUCTING"), ("30", "240131")]
    b = [("21", "T1"), ("32B", "EUR1,"), ("50L", "X"), ("59", "/1\nX"), ("71A", "SHA")]
    rules = {d.code: d.rule for d in check_network_rules(msg("101", a + b))}
    assert rules == {"mt.D61": "MT101/C3", "mt.D62": "MT101/C4"}


@pytest.mark.parametrize(
    "b1",
    ["F01BANKBEBBAXXX0000000000", "A01BANKBEBBAXXX0000000000", "F21BANKBEBBAXXX0000000000"],
)
def test_block1_valid(b1: str) -> None:
    assert check_headers(msg("103", BASE_103, b1=b1)) == []


@pytest.mark.parametrize(
    ("b1", "code"),
    [
        ("X01BANKBEBBAXXX0000000000", "mt.header.application_id"),
        ("F05BANKBEBBAXXX0000000000", "mt.header.service_id"),
        ("F01BANK1EBBAXXX0000000000", "mt.header.lt_address"),
        ("F01BANKBEBBAXX0000000000", "mt.header.sequence"),
        ("F01BANKBEBBAXXX00000000", "mt.header.sequence"),
    ],
)
def test_block1_invalid(b1: str, code: str) -> None:
    found = check_headers(msg("103", BASE_103, b1=b1))
    assert code in [d.code for d in found] and all(d.path == "MT103:block1" for d in found)


@pytest.mark.parametrize(
    "b2",
    [
        "I103BANKDEFFXXXX",
        "I103BANKDEFFXXXXN",
        "I103BANKDEFFXXXXU3003",
        "I103BANKDEFFXXXXN2020",
        "O1031200240131BANKBEBBAXXX12345678902401311200N",
        "O1031200240131BANKBEBBAXXX12345678902401311200",
    ],
)
def test_block2_valid(b2: str) -> None:
    assert check_headers(msg("103", BASE_103, b2=b2)) == []


@pytest.mark.parametrize(
    ("b2", "code"),
    [
        ("X103BANKDEFFXXXXN", "mt.header.direction"),
        ("I103BANKDEFFXXXXP", "mt.header.priority"),
        ("I103BANKDEFFXXXXN4", "mt.header.delivery_monitoring"),
        ("I103BANKDEFFXXXXU3010", "mt.header.obsolescence"),
        ("I103BANK1EFFXXXXN", "mt.header.lt_address"),
        ("I1A3BANKDEFFXXXXN", "mt.header.message_type"),
        ("O1031200240131BANKBEBBAXXX12345678902401311200X", "mt.header.format"),
    ],
)
def test_block2_invalid(b2: str, code: str) -> None:
    found = check_headers(msg("103", BASE_103, b2=b2))
    assert code in [d.code for d in found]


def test_headers_are_part_of_full_validation() -> None:
    bad = msg("103", BASE_103, b2="I103BANKDEFFXXXXP")
    assert [d.code for d in validate_message(bad)] == ["mt.header.priority"]
    assert validate_message(bad, ("fields",)) == []
