"""Network validated rules of MT900, MT910, MT940, MT942 and MT950.

MT900 has no network validated rule beyond its field formats and structure.
"""

from __future__ import annotations

from itertools import compress, count
from operator import itemgetter

from finmsg.diagnostics import Diagnostic
from finmsg.mt.rules import RuleContext, error, network_rule

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


@network_rule("940", "950")
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
                        f"{p}:{f.tag}[{i}]",
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
