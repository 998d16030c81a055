"""MT202, MT202COV, MT205 and MT205COV network validated rules."""

from __future__ import annotations

from finmsg.diagnostics import Diagnostic
from finmsg.mt.message import MtField
from finmsg.mt.rules import RuleContext, error, first, network_rule


def _split_cov(fields: tuple[MtField, ...]) -> tuple[tuple[MtField, ...], tuple[MtField, ...]]:
    """Sequence A and B of a COV message: B starts at the first field 50a."""
    for i, f in enumerate(fields):
        if f.tag[:2] == "50":
            return fields[:i], fields[i:]
    return fields, ()


@network_rule("202", "205", "202COV", "205COV")
def intermediary_needs_account_with(ctx: RuleContext) -> list[Diagnostic]:
    """C1 (C81): if 56a is present, 57a is mandatory (in each sequence of a COV)."""
    msg, p = ctx.msg, ctx.prefix
    seq_a, seq_b = _split_cov(msg.fields)
    out: list[Diagnostic] = []
    for name, seq in (("A", seq_a), ("B", seq_b)):
        if first(seq, "56") is not None and first(seq, "57") is None:
            where = f"{p}:57a" if name == "A" else f"{p}:B/57a"
            out.append(error("C81", f"MT{msg.mt_number}/C1", "56a is present, so 57a is mandatory", where))
    return out
