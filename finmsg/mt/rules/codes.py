"""Code-word rules of MT103 fields 23B and 23E (MT103, MT103 STP, MT103 REMIT).

Facts from the SWIFT MT103 field specifications (Standards MT November 2015),
checked against the public copies of the User Handbook pages:

* 23B Bank Operation Code, one of CRED, CRTS, SPAY, SPRI, SSTD (T36) —
  https://pinas.synology.me/Swift_Manual/2015/books/us1m/alah003.htm
* 23E Instruction Code, MT103 and MT103 REMIT: codes T47, additional
  information only after PHON, PHOB, PHOI, TELE, TELB, TELI, HOLD or REPA (D97),
  repeated codes in the standard order (D98), forbidden pairs (D67), no code
  twice (E46) — https://pinas.synology.me/Swift_Manual/2015/books/us1m/ajh004.htm
* 23E in MT103 STP: only CORT, INTC, REPA, SDVA (T48), additional information only
  after REPA (D97), same order, pair and repetition rules —
  https://pinas.synology.me/Swift_Manual/2015/books/us1m/alah004.htm

The order below is the D98 order; a code's position in it is its rank.
"""

from __future__ import annotations

from finmsg.diagnostics import Diagnostic
from finmsg.mt.rules import RuleContext, error, network_rule

OPERATION_CODES = frozenset({"CRED", "CRTS", "SPAY", "SPRI", "SSTD"})
#: MT103 / MT103 REMIT instruction codes, in the order repeated codes must follow (D98).
INSTRUCTION_ORDER = (
    "SDVA",
    "INTC",
    "REPA",
    "CORT",
    "HOLD",
    "CHQB",
    "PHOB",
    "TELB",
    "PHON",
    "TELE",
    "PHOI",
    "TELI",
)
STP_INSTRUCTION_ORDER = ("SDVA", "INTC", "REPA", "CORT")
_WITH_INFO = frozenset({"PHON", "PHOB", "PHOI", "TELE", "TELB", "TELI", "HOLD", "REPA"})
_STP_WITH_INFO = frozenset({"REPA"})
#: Pairs of instruction codes that must not be used together (D67), in a fixed order.
FORBIDDEN_PAIRS = (
    ("SDVA", "HOLD"),
    ("SDVA", "CHQB"),
    ("INTC", "HOLD"),
    ("INTC", "CHQB"),
    ("REPA", "HOLD"),
    ("REPA", "CHQB"),
    ("REPA", "CORT"),
    ("CORT", "HOLD"),
    ("CORT", "CHQB"),
    ("HOLD", "CHQB"),
    ("PHOB", "TELB"),
    ("PHON", "TELE"),
    ("PHOI", "TELI"),
)


@network_rule("103", "103STP", "103REMIT")
def operation_code(ctx: RuleContext) -> list[Diagnostic]:
    """23B must be one of the five bank operation codes (T36)."""
    f23b = ctx.by_tag.get("23B")
    if f23b is None or f23b.value in OPERATION_CODES:
        return []
    return [error("T36", "MT103/23B", f"unknown bank operation code {f23b.value!r}", f"{ctx.prefix}:23B")]


@network_rule("103", "103STP", "103REMIT")
def instruction_codes(ctx: RuleContext) -> list[Diagnostic]:
    """23E: code list (T47, T48 in STP), additional information (D97), order (D98),
    forbidden pairs (D67) and no repeated code (E46)."""
    if "23E" not in ctx.by_tag:
        return []
    stp = ctx.msg.message_type == "103STP"
    order = STP_INSTRUCTION_ORDER if stp else INSTRUCTION_ORDER
    with_info = _STP_WITH_INFO if stp else _WITH_INFO
    name = "MT103STP/23E" if stp else "MT103/23E"
    p = ctx.prefix
    out: list[Diagnostic] = []
    codes: list[str] = []
    for f in ctx.msg.fields:
        if f.tag != "23E":
            continue
        n = len(codes) + 1
        where = f"{p}:23E" if n == 1 else f"{p}:23E[{n}]"
        code, slash, _ = f.value.partition("/")
        codes.append(code)
        if code not in order:
            out.append(
                error("T48" if stp else "T47", name, f"instruction code {code!r} is not allowed", where)
            )
        elif slash and code not in with_info:
            out.append(error("D97", name, f"additional information is not allowed after {code}", where))
    known = [c for c in codes if c in order]
    if len(set(known)) != len(known):
        out.append(error("E46", name, "an instruction code is used more than once", f"{p}:23E"))
    ranks = [order.index(c) for c in known]
    if ranks != sorted(ranks):
        out.append(
            error("D98", name, f"repeated 23E codes must follow the order {', '.join(order)}", f"{p}:23E")
        )
    present = set(known)
    for first, second in FORBIDDEN_PAIRS:
        if first in present and second in present:
            out.append(error("D67", name, f"23E {first} must not be combined with {second}", f"{p}:23E"))
    return out
