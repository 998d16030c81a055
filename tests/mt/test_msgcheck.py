"""The one-match validation fast path (session-3 performance work) decides exactly what
the layers decide.

* the expressions of :mod:`finmsg.mt.semantics` against independent oracles over
  their whole input space (``datetime.date`` for every ``YYMMDD``, the BIC standard
  module for every two-letter country, the T26 rule as written in the standard);
* :func:`finmsg.mt.msgcheck.fields_clean` against the layer-by-layer findings, and
  ``validate_message(m)`` against ``validate_message(m, LAYERS)``, for the fixtures
  and structural and value mutations of them;
* the MT103 quick network predicate never says "silent" where a rule reports.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from datetime import date

import pytest

from finmsg.errors import FinmsgError
from finmsg.mt.blocks import parse_message
from finmsg.mt.headers import check_headers, headers_clean
from finmsg.mt.message import ApplicationHeader, BasicHeader, MtField, MtMessage
from finmsg.mt.msgcheck import SEP, fields_clean, plan_for
from finmsg.mt.rules import _QUICK_IN_FORCE, _RULES, network_rule, quick_rules_for
from finmsg.mt.rules.mt103quick import mt103_silent
from finmsg.mt.semantics import DATE6, bic, currency_units, reference
from finmsg.mt.validate import LAYERS, check_network_rules, check_structure, validate_message
from finmsg.standards import bic as std_bic
from finmsg.standards import currency as std_currency

from ._paths import FIXTURES

MT103 = (FIXTURES / "mt103_basic" / "input.fin").read_bytes()
BASE = parse_message(MT103).value


def test_date6_is_exactly_the_calendar() -> None:
    pattern = re.compile(DATE6)
    for number in range(1_000_000):
        text = f"{number:06d}"
        try:
            date(2000 + number // 10_000, number // 100 % 100, number % 100)
            real = True
        except ValueError:
            real = False
        assert (pattern.fullmatch(text) is not None) == real, text


def test_bic_expression_is_exactly_the_bic_check() -> None:
    pattern = re.compile(bic())
    for a, b in itertools.product("ABCDEFGHIJKLMNOPQRSTUVWXYZ", repeat=2):
        for candidate in (f"BANK{a}{b}2L", f"BANK{a}{b}2L500"):
            assert (pattern.fullmatch(candidate) is not None) == std_bic.is_valid(candidate), candidate
    assert pattern.fullmatch("BANKDEFF") and pattern.fullmatch("BANKXKPR")  # XK: Kosovo, used by SWIFT
    assert not pattern.fullmatch("BANKZZFF") and not pattern.fullmatch("BANKDEFF5")


def _t26_ok(text: str) -> bool:
    """Field 20/21: 1-16 X characters, not starting or ending with '/', no '//'."""
    return 1 <= len(text) <= 16 and not text.startswith("/") and not text.endswith("/") and "//" not in text


def test_reference_expression_is_exactly_t26() -> None:
    pattern = re.compile(reference(16))
    for length in range(7):
        for letters in itertools.product("A/ ", repeat=length):
            text = "".join(letters)
            assert (pattern.fullmatch(text) is not None) == _t26_ok(text), text
    for text in ("A" * 16, "A" * 17, "A/" * 8, "AB/" * 5 + "C", "A" * 15 + "/"):
        assert (pattern.fullmatch(text) is not None) == _t26_ok(text), text


def test_currency_units_are_the_standard_table() -> None:
    units = currency_units()
    assert units == {code: std_currency.minor_units(code) for code in std_currency.codes()}
    assert (units["JPY"], units["EUR"], units["KWD"], units["CLF"], units["XAU"]) == (0, 2, 3, 4, None)


def _with(msg: MtMessage, fields: list[MtField], **changes: object) -> MtMessage:
    args: dict[str, object] = {
        "message_type": msg.message_type,
        "basic_header": msg.basic_header,
        "application_header": msg.application_header,
        "user_header": msg.user_header,
        "fields": tuple(fields),
    }
    args.update(changes)
    return MtMessage(**args)  # type: ignore[arg-type]


def _variants() -> Iterator[MtMessage]:
    """The fixtures plus mutations of the MT103: fields dropped, doubled, swapped,
    re-optioned, and values made wrong one business rule at a time."""
    for path in sorted(FIXTURES.glob("*/input.fin")):
        try:
            yield parse_message(path.read_bytes()).value
        except FinmsgError:  # fixtures of parse errors are not this test's subject
            continue
    fields = list(BASE.fields)
    yield BASE
    for i in range(len(fields)):
        yield _with(BASE, fields[:i] + fields[i + 1 :])
        yield _with(BASE, fields[: i + 1] + fields[i:])
        if i + 1 < len(fields):
            yield _with(BASE, [*fields[:i], fields[i + 1], fields[i], *fields[i + 2 :]])
        tag, value = fields[i]
        for letter in ("", "A", "D", "F", "K"):
            yield _with(BASE, [*fields[:i], MtField(tag[:2] + letter, value), *fields[i + 1 :]])
        for bad in (value + SEP, SEP + "20" + SEP + "X", value + "\n" + value, value.lower(), value + "é"):
            yield _with(BASE, [*fields[:i], MtField(tag, bad), *fields[i + 1 :]])
    replacements = {
        "32A": (
            "240230EUR1,00",
            "240229EUR1,00",
            "250229EUR1,00",
            "240131JPY1,5",
            "240131JPY1,",
            "240131KWD1,234",
            "240131KWD1,2345",
            "240131XXX1,23",
            "240131XAU1,23456",
            "240131ABC1,00",
            "241331EUR1,00",
        ),
        "20": ("/REF", "REF/", "RE//F", "R/E/F", "A" * 16, "A" * 17),
        "52A": ("BANKZZBB", "BANKXKBB", "BANKDEFF500", "/D/12345\nBANKDEFF", "/12345\nBANKZZFF"),
        "33B": ("EUR1234,56", "USD1234,56", "JPY1234,5", "EUR1234,567"),
        "50K": ("/DE1\nA\nB\nC\nD", "/DE1\nA\nB\nC\nD\nE", "JOHN\n:20:X"),
    }
    for tag, values in replacements.items():
        index = next(i for i, f in enumerate(fields) if f.tag == tag)
        for value in values:
            yield _with(BASE, [*fields[:index], MtField(tag, value), *fields[index + 1 :]])
    at59 = next(i for i, f in enumerate(fields) if f.tag == "59")
    for value in (
        "/12345\n1/JANE ROE\n2/RUE 1\n3/FR/PARIS",
        "1/JANE ROE\n3/FR/PARIS",
        "1/JANE\n2/RUE 1",
        "/1\n1/X\n3/ZZ",
    ):
        yield _with(BASE, [*fields[:at59], MtField("59F", value), *fields[at59 + 1 :]])
    at71 = next(i for i, f in enumerate(fields) if f.tag == "71A")
    for charges in (["EUR1,00"], ["EUR1,00", "USD2,50"], ["EUR1,00", "JPY2,5"], ["ABC1,00"]):
        extra = [MtField("71F", v) for v in charges]
        yield _with(BASE, [*fields[: at71 + 1], *extra, *fields[at71 + 1 :]])
    yield _with(BASE, fields, message_type="103STP")
    yield _with(BASE, fields, message_type="103REMIT")
    yield _with(
        BASE, [f for f in fields if f.tag != "70"] + [MtField("77T", "{ENVELOPE")], message_type="103REMIT"
    )
    yield _with(BASE, fields, basic_header=BasicHeader("F01BANKBEBBAXXX000000000"))
    yield _with(BASE, fields, application_header=ApplicationHeader("I103BANKDEFFXXXXN4"))
    yield _with(
        BASE, fields, application_header=ApplicationHeader("O1031200240131BANKBEBBAXXX00000000002401311201N")
    )


def test_fields_clean_is_exactly_the_silence_of_the_field_and_structure_layers() -> None:
    clean = dirty = 0
    for msg in _variants():
        if plan_for(msg.message_type) is None:
            continue
        layers = validate_message(msg, ("charset", "fields", "business", "structure"))
        assert fields_clean(msg.message_type, msg.fields) == (not layers), (
            msg.message_type,
            msg.fields,
            layers,
        )
        clean += not layers
        dirty += bool(layers)
    assert clean > 20 and dirty > 50


def test_headers_clean_is_exactly_the_silence_of_check_headers() -> None:
    for msg in _variants():
        assert headers_clean(msg) == (not check_headers(msg))


def test_validation_equals_the_layer_by_layer_path() -> None:
    count = 0
    for msg in _variants():
        assert validate_message(msg) == validate_message(msg, LAYERS), msg.fields
        count += 1
    assert count > 150


def _mt103(type_: str, b2: str, **tags: str | list[str] | None) -> MtMessage:
    """An MT103 in spec order from the given tag values (lists repeat a tag)."""
    order = (
        "20",
        "23B",
        "23E",
        "32A",
        "33B",
        "36",
        "50K",
        "53A",
        "53B",
        "54A",
        "55A",
        "56A",
        "57A",
        "57D",
        "59",
        "70",
        "71A",
        "71F",
        "71G",
    )
    defaults = {
        "20": "REF1",
        "23B": "CRED",
        "32A": "240131EUR100,00",
        "50K": "ORDERING",
        "59": "/1\nBENEFICIARY",
        "71A": "SHA",
    }
    values = {**defaults, **tags}
    fields = []
    for tag in order:
        value = values.get(tag)
        for one in value if isinstance(value, list) else [value] if value is not None else []:
            fields.append(MtField(tag, one))
    return MtMessage(
        message_type=type_,
        basic_header=BasicHeader("F01BANKBEBBAXXX0000000000"),
        application_header=ApplicationHeader(b2),
        fields=tuple(fields),
    )


def test_mt103_quick_predicate_never_hides_a_rule() -> None:
    silent = reported = 0
    choices = itertools.product(
        ("103", "103STP", "103REMIT"),
        ("I103BANKDEFFXXXXN", "I103BANKUSFFXXXXN"),  # C2: BE -> DE is in the list, BE -> US is not
        ("CRED", "CRTS", "SPRI", "SSTD", "SPAY", "XXXX"),
        (None, "SDVA", ["CHQB", "PHOB/1"]),
        (None, "EUR100,00", "USD110,00"),
        (None, "1,1"),
        ("SHA", "OUR", "BEN"),
        (None, ["EUR1,00"]),
        (None, "EUR2,00", "USD2,00"),
        ((), ("55A",), ("53A", "54A", "55A"), ("56A",), ("56A", "57A"), ("53B",), ("57D",)),
    )
    for mt, b2, code, instr, f33, f36, charge, f71f, f71g, parties in choices:
        party_values = {
            "53A": "BANKDEFF",
            "53B": "/ACCOUNT",
            "54A": "BANKDEFF",
            "55A": "BANKDEFF",
            "56A": "BANKDEFF",
            "57A": "BANKDEFF",
            "57D": "NAME",
        }
        msg = _mt103(
            mt,
            b2,
            **{"23B": code, "23E": instr, "33B": f33, "36": f36, "71A": charge, "71F": f71f, "71G": f71g},
            **{p: party_values[p] for p in parties},
        )
        if check_structure(msg):
            continue
        rules = check_network_rules(msg)
        text = "".join(f"{SEP}{f.tag}:{f.value}" for f in msg.fields)
        if mt103_silent(msg, text):
            assert rules == [], (mt, b2, code, instr, f33, f36, charge, f71f, f71g, parties, rules)
            silent += 1
        reported += bool(rules)
    assert silent > 100 and reported > 1000


def test_quick_predicate_stands_down_when_a_rule_is_added() -> None:
    assert quick_rules_for("103") is mt103_silent

    def extra(ctx: object) -> list[object]:
        return []

    network_rule("103")(extra)  # type: ignore[arg-type]
    try:
        assert quick_rules_for("103") is None
    finally:
        _RULES["103"].remove(extra)  # type: ignore[arg-type]
        _QUICK_IN_FORCE.clear()
    assert quick_rules_for("103") is mt103_silent


@pytest.mark.parametrize(
    "message_type", ["103", "103STP", "202", "202COV", "940", "950", "101", "900", "910"]
)
def test_plans_compile_for_the_main_types(message_type: str) -> None:
    assert plan_for(message_type) is not None


def test_no_plan_for_open_tail_or_unknown_types() -> None:
    assert plan_for("799") is None
    assert plan_for("192") is None  # the copy of the original message may hold any fields
    assert plan_for("541") is None  # securities: sequences checked by their own model


def test_the_pattern_is_compiled_only_for_a_type_seen_several_times() -> None:
    from finmsg.mt import msgcheck

    msgcheck._PLANS.pop("910", None)
    msgcheck._SEEN.pop("910", None)
    fields = (MtField("20", "REF"),)
    for _ in range(msgcheck.COMPILE_AFTER - 1):
        assert not fields_clean("910", fields)
        assert "910" not in msgcheck._PLANS
    fields_clean("910", fields)
    assert msgcheck._PLANS["910"] is not None
