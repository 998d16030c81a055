"""Network validated rules of MT900, MT910, MT940, MT942 and MT950.

MT900 has no network validated rule beyond its field formats and structure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from itertools import compress, count
from operator import itemgetter

from finmsg.diagnostics import Diagnostic, Severity
from finmsg.mt.fieldplan import currency_units
from finmsg.mt.message import MtField, occurrence_path
from finmsg.mt.rules import RuleContext, error, network_rule
from finmsg.mt.rules.stmtfast import statement_silent

_TAG = itemgetter(0)  # MtField.tag
_NUMBER = itemgetter(slice(0, 2))
_BALANCES = frozenset(("60", "62", "64", "65"))


@network_rule("910")
def ordering_party(ctx: RuleContext) -> list[Diagnostic]:
    """C1 (C06): either 50a or 52a must be present, but not both.

    The rule is "either 50a or 52a, not both" in the MT910 specification (as listed at
    https://docs.rs/swift-mt-message/2.2.4/swift_mt_message/messages/mt910/struct.MT910.html);
    C06 is the error code SWIFT gives to this "either field A or field B, but not both,
    must be present" pattern (for example MT710 C5, 50B or 52a:
    https://pinas.synology.me/Swift_Manual/2006/FINAL/US7M/DOC/AID.HTM).
    """
    p = ctx.prefix
    f50, f52 = ctx.first("50"), ctx.first("52")
    if f50 is None and f52 is None:
        return [error("C06", "MT910/C1", "either 50a or 52a must be present", f"{p}:50a")]
    if f50 is not None and f52 is not None:
        return [error("C06", "MT910/C1", "50a and 52a must not both be present", f"{p}:{f52.tag}")]
    return []


def balance_currencies(ctx: RuleContext) -> list[Diagnostic]:
    """C1 (C27): 60a, 62a, 64 and 65 share the first two letters of their currency code."""
    msg, p = ctx.msg, ctx.prefix
    seen: str | None = None
    fields = msg.fields
    # Positions (1-based) of the balance fields, picked in C: a statement is mostly 61/86.
    wanted = compress(count(1), map(_BALANCES.__contains__, map(_NUMBER, map(_TAG, fields))))
    for i in wanted:
        f = fields[i - 1]
        if len(f.value) >= 10:
            prefix = f.value[7:9]
            if seen is None:
                seen = prefix
            elif prefix != seen:
                return [
                    error(
                        "C27",
                        f"MT{msg.mt_number}/C1",
                        "balance currencies must share their first two letters",
                        occurrence_path(p, fields, i - 1),
                    )
                ]
    return []


@network_rule("942")
def floor_limits(ctx: RuleContext) -> list[Diagnostic]:
    """C1 (C27) currency prefix of 34F/90D/90C; C2 (C23) debit/credit marks of the two 34F."""
    msg, p = ctx.msg, ctx.prefix
    out: list[Diagnostic] = []
    limits = [f for f in msg.fields if f.tag == "34F"]
    prefixes = {f.value[:2] for f in limits}
    for f in msg.fields:
        if f.tag in ("90D", "90C"):
            digits = len(f.value) - len(f.value.lstrip("0123456789"))
            prefixes.add(f.value[digits : digits + 2])
    if len(prefixes) > 1:
        out.append(
            error(
                "C27", "MT942/C1", "34F, 90D and 90C must share the currency's first two letters", f"{p}:34F"
            )
        )
    marks = [f.value[3:4] if f.value[3:4] in ("D", "C") else "" for f in limits]
    if len(marks) == 1 and marks[0]:
        out.append(error("C23", "MT942/C2", "a single 34F must not carry a D/C mark", f"{p}:34F"))
    if len(marks) == 2 and marks != ["D", "C"]:
        out.append(error("C23", "MT942/C2", "with two 34F the first must be D and the second C", f"{p}:34F"))
    return out


#: 61 subfields 1-5 (one line per statement line, decimal comma already made a point): value
#: date, optional entry date, D/C mark (R = reversal), funds code, amount.
_LINES = re.compile(r"\n[0-9]{6}(?:[0-9]{4})?(R?[CD])[A-Z]?([0-9]{1,14}\.[0-9]*)")
#: 60a/62a: D/C mark, date, currency, amount.
_BALANCE = re.compile(r"([CD])[0-9]{6}([A-Z]{3})([0-9]{1,14},[0-9]*)\Z")
#: 90D/90C: number of entries, currency, sum.
_TOTAL = re.compile(r"([0-9]{1,5})[A-Z]{3}([0-9]{1,14},[0-9]*)\Z")
_VALUE = itemgetter(1)  # MtField.value
_OPENING = frozenset(("60F", "60M"))
_CLOSING = frozenset(("62F", "62M"))


def _amount(text: str) -> Decimal:
    return Decimal(text.replace(",", "."))


def _statement_lines(fields: Sequence[MtField]) -> dict[str, list[str]] | None:
    """The amounts of the statement lines (61) per D/C mark (``C``, ``D``, ``RC``, ``RD``), or
    None when one of them is malformed (the field layer reports that).

    Why one regex over the joined values: a statement is mostly 61 lines, and one C-level
    scan costs a fraction of a match per line (each line starts with a line break, a literal
    the regex engine searches for quickly).
    """
    values = list(compress(map(_VALUE, fields), map("61".__eq__, map(_TAG, fields))))
    found = _LINES.findall("\n" + "\n".join(values).replace(",", "."))
    if len(found) != len(values):
        return None
    by_mark: dict[str, list[str]] = {"C": [], "D": [], "RC": [], "RD": []}
    for mark, amount in found:
        by_mark[mark].append(amount)
    return by_mark


def _signed(mark: str, amount: str) -> Decimal:
    value = _amount(amount)
    return value if mark == "C" else -value


def statement_arithmetic(ctx: RuleContext) -> list[Diagnostic]:
    """Opening balance (60F/60M) + statement lines (61) = closing balance (62F/62M).

    Not a SWIFT network rule (the network does not add up statements), but the check every
    reconciliation relies on; ISO 20022 statements get the same one (``iso.check.balance``).
    It only speaks when every value it needs is well formed and in one currency: a field
    format error is the field layer's to report. A reversal of a credit (RC) takes money out,
    a reversal of a debit (RD) puts it back.
    """
    fields = ctx.msg.fields
    first = next((f[1] for f in fields if f[0] in _OPENING), None)
    last = next((f[1] for f in reversed(fields) if f[0] in _CLOSING), None)
    opening = _BALANCE.match(first) if first else None
    closing = _BALANCE.match(last) if last else None
    if opening is None or closing is None or opening[2] != closing[2]:
        return []
    lines = _statement_lines(fields)
    if lines is None:
        return []
    credits = sum(map(Decimal, lines["C"] + lines["RD"]), Decimal(0))
    total = credits - sum(map(Decimal, lines["D"] + lines["RC"]), Decimal(0))
    start, end = _signed(opening[1], opening[3]), _signed(closing[1], closing[3])
    if start + total == end:
        return []
    n_lines = sum(map(len, lines.values()))
    return [
        Diagnostic(
            "mt.check.balance",
            Severity.ERROR,
            f"opening balance {start} + {n_lines} statement line(s) {total:+} = {start + total}, "
            f"but the closing balance 62a is {end}",
            path=f"{ctx.prefix}:62a",
            rule=f"MT{ctx.msg.mt_number}-balance",
            original=str(end),
            emitted=str(start + total),
        )
    ]


@network_rule("942")
def interim_totals(ctx: RuleContext) -> list[Diagnostic]:
    """90D / 90C = the number and sum of the debit / credit statement lines (61).

    Like :func:`statement_arithmetic`, a consistency check rather than a SWIFT network rule.
    Reversals (RC/RD) are left out: whether a bank counts a reversed credit among its
    debits is not settled by the standard, so a report holding one is not checked.
    """
    fields = ctx.msg.fields
    totals = [(f[0], _TOTAL.match(f[1])) for f in fields if f[0] in ("90D", "90C")]
    if not totals:
        return []
    lines = _statement_lines(fields)
    if lines is None or lines["RC"] or lines["RD"]:
        return []
    out = []
    for tag, total in totals:
        if total is None:
            continue
        mark = tag[2]
        number, amount = int(total[1]), _amount(total[2])
        found, summed = len(lines[mark]), sum(map(Decimal, lines[mark]), Decimal(0))
        if (number, amount) != (found, summed):
            side = "debit" if mark == "D" else "credit"
            out.append(
                Diagnostic(
                    "mt.check.totals",
                    Severity.ERROR,
                    f"{tag} says {number} entries for {amount}, but the {side} statement lines "
                    f"are {found} for {summed}",
                    path=f"{ctx.prefix}:{tag}",
                    rule="MT942-totals",
                    original=f"{number} {amount}",
                    emitted=f"{found} {summed}",
                )
            )
    return out


@network_rule("940", "950")
def statement_balances(ctx: RuleContext) -> list[Diagnostic]:
    """:func:`balance_currencies` then :func:`statement_arithmetic`, in one rule.

    Why one rule: a quick look (:func:`~finmsg.mt.rules.stmtfast.statement_silent`) proves
    most statements silent for both at once; only the others run the exact rules.
    """
    if statement_silent(ctx.msg.fields):
        return []
    return balance_currencies(ctx) + line_decimals(ctx) + statement_arithmetic(ctx)


#: 61 from the mark to the amount's decimals: ``C``/``D``/``RC``/``RD``, funds code, amount.
_LINE_AMOUNT = re.compile(r"[0-9]{6}(?:[0-9]{4})?R?[CD][A-Z]?[0-9]{1,14},([0-9]*)")


def line_decimals(ctx: RuleContext) -> list[Diagnostic]:
    """Field 61 amount (C03): no more decimals than the statement's currency allows.

    The line has no currency of its own: it is the opening balance's (60a), and the number of
    digits after the comma must not exceed that currency's ISO 4217 minor units. (A 60a or 62a
    amount with too many decimals is the field layer's T43: those fields carry their currency.)
    """
    fields = ctx.msg.fields
    first = next((f[1] for f in fields if f[0] in _OPENING), None)
    opening = _BALANCE.match(first) if first else None
    if opening is None:
        return []
    valid, units = currency_units(opening[2])
    if not valid or units is None:
        return []
    out: list[Diagnostic] = []
    for n, value in enumerate(compress(map(_VALUE, fields), map("61".__eq__, map(_TAG, fields))), 1):
        found = _LINE_AMOUNT.match(value)
        if found is not None and len(found[1]) > units:
            where = f"{ctx.prefix}:61" if n == 1 else f"{ctx.prefix}:61[{n}]"
            message = f"{opening[2]} (60a) allows {units} decimal(s); this amount has {len(found[1])}"
            out.append(error("C03", f"MT{ctx.msg.mt_number}/61", message, where))
    return out
