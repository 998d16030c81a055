"""MT101 network validated rules (parties in sequence A or in every B, exchange rate).

Rule numbers and error codes as in the MT101 network validated rules
(https://pinas.synology.me/Swift_Manual/2006/FINAL/US1M/DOC/AED.HTM): C1 D54
(36 needs 21F), C3 D61 (ordering customer in A or in every B), C4 D62
(instructing party in A or in B, not both). Later releases added option F to the
C3 ordering-customer options (50F/G/H), which is what is checked here.
"""

from __future__ import annotations

from finmsg.diagnostics import Diagnostic
from finmsg.mt.message import MtField
from finmsg.mt.rules import RuleContext, error, network_rule


def _sequences(fields: tuple[MtField, ...]) -> tuple[list[MtField], list[list[MtField]]]:
    """Sequence A and the occurrences of B (each B starts with field 21)."""
    seq_a: list[MtField] = []
    seq_b: list[list[MtField]] = []
    for f in fields:
        if f.tag == "21":
            seq_b.append([f])
        elif seq_b:
            seq_b[-1].append(f)
        else:
            seq_a.append(f)
    return seq_a, seq_b


@network_rule("101")
def party_placement(ctx: RuleContext) -> list[Diagnostic]:
    """C3 (D61): ordering customer (50F/G/H) in A or in every B, never both;
    C4 (D62): instructing party (50C/L) in A or in B, never both."""
    msg, p = ctx.msg, ctx.prefix
    out: list[Diagnostic] = []
    seq_a, seq_b = _sequences(msg.fields)
    a_ord = any(f.tag in ("50F", "50G", "50H") for f in seq_a)
    b_ord = [any(f.tag in ("50F", "50G", "50H") for f in b) for b in seq_b]
    if a_ord and any(b_ord):
        out.append(error("D61", "MT101/C3", "ordering customer is in sequence A and in B", f"{p}:B/50a"))
    elif not a_ord and not all(b_ord):
        out.append(
            error("D61", "MT101/C3", "ordering customer must be in sequence A or in every B", f"{p}:50a")
        )
    a_ins = any(f.tag in ("50C", "50L") for f in seq_a)
    if a_ins and any(any(f.tag in ("50C", "50L") for f in b) for b in seq_b):
        out.append(error("D62", "MT101/C4", "instructing party is in sequence A and in B", f"{p}:B/50a"))
    return out


@network_rule("101")
def exchange_rate(ctx: RuleContext) -> list[Diagnostic]:
    """C1 (D54): in each B, if 36 is present then 21F is mandatory."""
    msg, p = ctx.msg, ctx.prefix
    out: list[Diagnostic] = []
    for n, b in enumerate(_sequences(msg.fields)[1], 1):
        tags = {f.tag for f in b}
        if "36" in tags and "21F" not in tags:
            out.append(error("D54", "MT101/C1", "36 is present, so 21F is mandatory", f"{p}:B[{n}]/21F"))
    return out
