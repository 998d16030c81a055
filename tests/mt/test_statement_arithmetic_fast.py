"""MT940/MT950 balance rules, differential: the rules' findings equal a plain reference.

The rules (``mt.C27`` balance currencies, ``mt.C03`` decimals of the 61 amounts,
``mt.check.balance`` opening + lines = closing)
take a quick path for the usual statement layout and fall back to the exact rules for
anything else. The reference below is written from the rule texts alone: walk the
fields, read each amount as a :class:`~decimal.Decimal` and add them up. Generated
statements cover balanced and unbalanced ones, C/D/RC/RD marks, 0-3 decimals, funds
codes, entry dates, currencies, 0-40 lines, 86 after some 61, extra 64/65 fields and
malformed lines.
"""

from __future__ import annotations

import re
from decimal import Decimal

from hypothesis import example, given, settings
from hypothesis import strategies as st

from finmsg.diagnostics import Diagnostic, Severity
from finmsg.mt.message import MtField, MtMessage
from finmsg.mt.rules.stmtfast import statement_silent
from finmsg.mt.validate import check_network_rules

_BAL = re.compile(r"([CD])[0-9]{6}([A-Z]{3})([0-9]{1,14}),([0-9]*)")
_LINE = re.compile(r"[0-9]{6}(?:[0-9]{4})?(RC|RD|C|D)[A-Z]?([0-9]{1,14}),([0-9]*)")
#: ISO 4217 minor units of the opening currencies the statements below use.
_MINOR_UNITS = {"EUR": 2, "USD": 2, "JPY": 0}


def _decimal(whole: str, fraction: str) -> Decimal:
    return Decimal(f"{whole}.{fraction}")


def reference(mt: str, fields: list[tuple[str, str]]) -> list[Diagnostic]:
    """What the two rules must report, computed the plain way."""
    out: list[Diagnostic] = []
    prefixes: list[str] = []
    for i, (tag, value) in enumerate(fields, 1):
        if tag[:2] in ("60", "62", "64", "65") and len(value) >= 10:
            if prefixes and value[7:9] != prefixes[0]:
                message = "balance currencies must share their first two letters"
                n = sum(1 for t, _ in fields[: i - 1] if t == tag) + 1  # paths count occurrences of a tag
                where = f"MT{mt}:{tag}" if n == 1 else f"MT{mt}:{tag}[{n}]"
                out.append(Diagnostic("mt.C27", Severity.ERROR, message, path=where, rule=f"MT{mt}/C1"))
                break
            prefixes.append(value[7:9])
    openings = [v for t, v in fields if t in ("60F", "60M")]
    closings = [v for t, v in fields if t in ("62F", "62M")]
    first = _BAL.fullmatch(openings[0]) if openings else None
    if first is not None and first[2] in _MINOR_UNITS:
        lines = [v for t, v in fields if t == "61"]
        for n, value in enumerate(lines, 1):
            line = _LINE.match(value)
            units = _MINOR_UNITS[first[2]]
            if line is not None and len(line[3]) > units:
                where = f"MT{mt}:61" if n == 1 else f"MT{mt}:61[{n}]"
                message = f"{first[2]} (60a) allows {units} decimal(s); this amount has {len(line[3])}"
                out.append(Diagnostic("mt.C03", Severity.ERROR, message, path=where, rule=f"MT{mt}/61"))
    if not openings or not closings:
        return out
    opening, closing = _BAL.fullmatch(openings[0]), _BAL.fullmatch(closings[-1])
    if opening is None or closing is None or opening[2] != closing[2]:
        return out
    start = _decimal(opening[3], opening[4])
    end = _decimal(closing[3], closing[4])
    if opening[1] == "D":
        start = -start
    if closing[1] == "D":
        end = -end
    total = Decimal(0)
    count = 0
    for tag, value in fields:
        if tag != "61":
            continue
        line = _LINE.match(value)
        if line is None:
            return out  # a malformed line: the field layer reports it, no sum
        amount = _decimal(line[2], line[3])
        total += amount if line[1] in ("C", "RD") else -amount
        count += 1
    if start + total != end:
        out.append(
            Diagnostic(
                "mt.check.balance",
                Severity.ERROR,
                f"opening balance {start} + {count} statement line(s) {total:+} = {start + total}, "
                f"but the closing balance 62a is {end}",
                path=f"MT{mt}:62a",
                rule=f"MT{mt}-balance",
                original=str(end),
                emitted=str(start + total),
            )
        )
    return out


def _amount(value: Decimal, decimals: int) -> str:
    text = f"{abs(value):.{decimals}f}"
    return text.replace(".", ",") if decimals else text + ","


def _balance(value: Decimal, ccy: str, decimals: int) -> str:
    return f"{'D' if value < 0 else 'C'}240131{ccy}{_amount(value, decimals)}"


_ODD = ("decimals", "reversal", "funds", "malformed")
_WHOLE = st.one_of(st.integers(0, 999), st.integers(0, 10**14 - 1))


@st.composite
def _line(draw: st.DrawFn, decimals: int, odd_ones: frozenset[str]) -> tuple[Decimal, Decimal, str]:
    """(signed amount, the amount as a careless reader would take it, 61 value).

    Each unusual feature named in ``odd_ones`` (other decimals, a reversal, a C/D funds
    code, a malformed start) shows up in about one line in five: statements draw none, one
    or all of them, so that lines all plain (the quick path) or plain but for one feature
    are common. The careless reading (R ignored, the digits taken at the balance's
    decimals) makes closing balances that only a wrong sum would match.
    """

    def odd(feature: str) -> bool:
        return feature in odd_ones and draw(st.integers(0, 4)) == 0

    places = draw(st.integers(0, 3)) if odd("decimals") else decimals
    whole, fraction = draw(_WHOLE), draw(st.integers(0, 10**places - 1))
    amount = Decimal(whole) + Decimal(fraction).scaleb(-places)
    mark = draw(st.sampled_from(["RC", "RD"] if odd("reversal") else ["C", "D"]))
    funds = draw(st.sampled_from(["C", "D"] if odd("funds") else ["", "", "R", "A", "Z"]))
    entry = draw(st.sampled_from(["", "0131"]))
    text = f"240131{entry}{mark}{funds}{_amount(amount, places)}NTRFREF{whole % 1000}//B"
    if draw(st.booleans()):
        text += "\nSUPPLEMENTARY DETAILS"
    if odd("malformed"):
        text = draw(st.sampled_from(["2401X1", "24013", "240131R", "240131CC"])) + text[6:]
    careless = Decimal(f"{whole}{fraction:0{places}d}" if places else str(whole)).scaleb(-decimals)
    return (amount if mark in ("C", "RD") else -amount), (careless if mark[-1] == "C" else -careless), text


@st.composite
def statements(draw: st.DrawFn) -> tuple[str, list[tuple[str, str]]]:
    mt = draw(st.sampled_from(["940", "950"]))
    ccy = draw(st.sampled_from(["EUR", "USD", "JPY"]))
    decimals = draw(st.integers(0, 3))
    opening = Decimal(draw(st.integers(-(10**9), 10**9))).scaleb(-decimals)
    fields = [("20", "STMT"), ("25", "ACCOUNT"), ("28C", "1/1"), ("60F", _balance(opening, ccy, decimals))]
    total = careless_total = Decimal(0)
    odd_ones = frozenset(draw(st.sampled_from([(), *((odd,) for odd in _ODD), (), _ODD])))
    for _ in range(draw(st.one_of(st.integers(0, 2), st.integers(0, 40)))):
        signed, careless, value = draw(_line(decimals, odd_ones))
        total += signed
        careless_total += careless
        fields.append(("61", value))
        if draw(st.booleans()):
            fields.append(("86", "DETAILS\n240131C1,00 LOOKS LIKE A LINE"))
    if draw(st.integers(0, 3)) == 0:
        total = careless_total
    closing = opening + total + draw(st.sampled_from([Decimal(0), Decimal(0), Decimal("0.01"), Decimal(-1)]))
    closing_ccy = draw(st.sampled_from([ccy, ccy, ccy, "EUX", "CHF"]))
    closing_decimals = draw(st.sampled_from([decimals, decimals, 3]))
    fields.append(("62F", _balance(closing, closing_ccy, closing_decimals)))
    if draw(st.booleans()):
        fields.append(("64", _balance(closing, draw(st.sampled_from([ccy, "GBP"])), decimals)))
    if draw(st.booleans()):
        fields.append(("86", "CLOSING INFORMATION"))
    return mt, fields


def _rules(mt: str, fields: list[tuple[str, str]]) -> list[Diagnostic]:
    msg = MtMessage(message_type=mt, fields=tuple(MtField(t, v) for t, v in fields), block4_style="bare")
    return check_network_rules(msg)


_PLAIN = [
    ("20", "S"),
    ("60F", "C240130EUR100,00"),
    ("61", "2401310131C10,05NTRFA"),
    ("86", "X"),
    ("61", "240131D2,50NTRFB"),
    ("62F", "C240131EUR107,55"),
]


@settings(max_examples=150, deadline=None)
@given(statements())
@example(("940", _PLAIN))
@example(("950", [*_PLAIN[:-1], ("62F", "C240131EUR107,56")]))
def test_rules_report_what_the_plain_reference_reports(statement: tuple[str, list[tuple[str, str]]]) -> None:
    mt, fields = statement
    expected = reference(mt, fields)
    assert _rules(mt, fields) == expected
    if statement_silent([MtField(t, v) for t, v in fields]):
        assert expected == []  # the quick verdict never hides a finding


def _silent(fields: list[tuple[str, str]]) -> bool:
    return statement_silent([MtField(t, v) for t, v in fields])


def test_the_usual_layouts_take_the_quick_path() -> None:
    # 61 each with an 86, 61 without 86, and a mix: 100,00 + 10,05 - 2,50 = 107,55.
    assert _silent(_PLAIN)
    assert _silent([f for f in _PLAIN if f[0] != "86"])
    mixed = [*_PLAIN[:4], ("61", "240131C0,50NTRFC"), *_PLAIN[4:-1], ("62F", "C240131EUR108,05")]
    assert _silent(mixed)
    assert _silent([("20", "S"), ("60F", "D240130EUR5,"), ("62F", "D240131EUR5,")])


def test_a_statement_without_lines_must_keep_its_balance() -> None:
    (found,) = _rules("940", [("20", "S"), ("60F", "D240130EUR5,"), ("62F", "C240131EUR5,")])
    assert (found.original, found.emitted) == ("5", "-5")


def test_unusual_statements_go_to_the_exact_rules() -> None:
    reversal = [*_PLAIN[:-2], ("61", "240131RD2,50NTRFB"), ("62F", "C240131EUR112,55")]
    assert not _silent(reversal)
    assert _rules("940", reversal) == []  # 100,00 + 10,05 + 2,50 (a reversed debit)
    other_decimals = [*_PLAIN[:-2], ("61", "240131D2,5NTRFB"), ("62F", "C240131EUR107,55")]
    assert not _silent(other_decimals)
    assert _rules("940", other_decimals) == []
    # The same two statements with the closing balance a careless sum would give.
    (found,) = _rules("940", [*reversal[:-1], ("62F", "C240131EUR107,55")])
    assert found.emitted == "112.55"
    (found,) = _rules("940", [*other_decimals[:-1], ("62F", "C240131EUR109,80")])
    assert found.emitted == "107.55"
    foreign_tag = [*_PLAIN[:3], ("99", "X"), *_PLAIN[3:]]
    assert not _silent(foreign_tag)
    assert _rules("940", foreign_tag) == []


def test_an_unbalanced_statement_is_reported_once_with_its_numbers() -> None:
    fields = [*_PLAIN[:-1], ("62F", "C240131EUR107,50")]
    (found,) = _rules("940", fields)
    assert found.code == "mt.check.balance"
    assert found.message == (
        "opening balance 100.00 + 2 statement line(s) +7.55 = 107.55, but the closing balance 62a is 107.50"
    )
    assert (found.original, found.emitted) == ("107.50", "107.55")


def test_a_foreign_currency_prefix_is_reported_at_its_field() -> None:
    fields = [*_PLAIN, ("64", "C240131USD107,55")]
    (found,) = _rules("950", fields)
    assert (found.code, found.path, found.rule) == ("mt.C27", "MT950:64", "MT950/C1")
