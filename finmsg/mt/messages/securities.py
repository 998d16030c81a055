"""Securities messages (MT515, MT518, MT540–MT547) with a generic block-and-qualifier model.

Category 5 messages are built from ``16R``/``16S`` delimited blocks holding
generic fields (``:98A::SETT//20240131``). Instead of one hand-written spec
per message we describe each MT as a tree of :class:`Block` (name, presence,
repetition, child blocks, mandatory qualified fields) and check any field list
against it: blocks must open and close in a valid nesting and order, mandatory
blocks and mandatory ``tag::QUAL`` fields must be present.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from finmsg.diagnostics import Diagnostic, Severity
from finmsg.mt.message import MtField, occurrence_paths
from finmsg.mt.messages.spec import MessageSpec, register
from finmsg.mt.rules import RuleContext
from finmsg.mt.rules import error as rule_error

__all__ = ["Block", "SecuritiesSpec", "settlement_amount_rule", "settlement_parties_rule"]

_Add = Callable[[str, str, str], None]


@dataclass(frozen=True, slots=True)
class Block:
    """A ``16R``/``16S`` block: ``required`` lists ``"98a:SETT"`` style needs (any option)."""

    name: str
    children: tuple[Block, ...] = ()
    optional: bool = False
    many: bool = False
    required: tuple[str, ...] = ()


@dataclass(frozen=True)
class SecuritiesSpec(MessageSpec):
    """A spec whose ``items`` are unused: the structure is the :class:`Block` tree ``blocks``."""

    blocks: tuple[Block, ...] = ()

    def check(self, fields: Sequence[MtField], prefix: str) -> list[Diagnostic]:
        diags: list[Diagnostic] = []

        def add(code: str, message: str, path: str) -> None:
            diags.append(Diagnostic(f"mt.structure.{code}", Severity.ERROR, message, path=path))

        root = Block("", self.blocks)
        stack: list[tuple[Block, list[MtField], dict[str, int], int]] = [(root, [], {}, -1)]
        for f, path in zip(fields, occurrence_paths(prefix, fields), strict=True):
            parent, content, counts, last = stack[-1]
            if f.tag == "16R":
                names = [c.name for c in parent.children]
                if f.value not in names:
                    add(
                        "unexpected",
                        f"block {f.value} is not allowed here (inside {parent.name or 'message'})",
                        path,
                    )
                    stack.append((Block(f.value), [], {}, -1))
                    continue
                pos = names.index(f.value)
                child = parent.children[pos]
                if pos < last:
                    add("order", f"block {f.value} is out of order", path)
                if counts.get(f.value) and not child.many:
                    add("repeat", f"block {f.value} must not be repeated", path)
                counts[f.value] = counts.get(f.value, 0) + 1
                stack[-1] = (parent, content, counts, max(last, pos))
                stack.append((child, [], {}, -1))
            elif f.tag == "16S":
                if len(stack) == 1 or stack[-1][0].name != f.value:
                    add(
                        "block",
                        f"16S:{f.value} does not close the open block {parent.name or '(none)'}",
                        path,
                    )
                    continue
                self._close(stack.pop(), prefix, add)
            else:
                if len(stack) == 1:
                    add("unexpected", f"field {f.tag} is outside any 16R/16S block", path)
                content.append(f)
        while len(stack) > 1:
            block = stack[-1][0]
            add("block", f"block {block.name} is not closed by 16S", f"{prefix}:{block.name}")
            self._close(stack.pop(), prefix, add)
        self._close(stack[0], prefix, add)
        return diags

    @staticmethod
    def _close(frame: tuple[Block, list[MtField], dict[str, int], int], prefix: str, add: _Add) -> None:
        block, content, counts, _ = frame
        where = f"{prefix}:{block.name}" if block.name else prefix
        for child in block.children:
            if not child.optional and not counts.get(child.name):
                add("missing", f"mandatory block {child.name} missing", where)
        for need in block.required:
            number, _, qualifier = need.partition(":")
            if not any(
                f.tag[:2] == number[:2]
                and (not qualifier or f.qualifier == qualifier)
                and (len(number) == 2 or number[2] == "a" or f.tag == number)
                for f in content
            ):
                add(
                    "missing",
                    f"mandatory field {need.replace(':', '::')} missing in block {block.name}",
                    where,
                )


_LINK = Block("LINK", optional=True, many=True, required=("20C",))
_GENL = Block("GENL", (_LINK,), required=("20C:SEME", "23G"))
_SETDET = Block(
    "SETDET",
    (
        Block("SETPRTY", optional=True, many=True),
        Block("CSHPRTY", optional=True, many=True),
        Block("AMT", optional=True, many=True),
    ),
    required=("22F:SETR",),
)
_OTHRPRTY = Block("OTHRPRTY", optional=True, many=True)
_TRADDET = Block("TRADDET", (Block("FIA", optional=True),), required=("98a:SETT", "35B"))
_FIAC = Block(
    "FIAC", (Block("BREAK", optional=True, many=True),), many=True, required=("36B:SETT", "97a:SAFE")
)
_REPO = Block("REPO", optional=True)

for _mt, _name in (
    ("540", "Receive Free"),
    ("541", "Receive Against Payment"),
    ("542", "Deliver Free"),
    ("543", "Deliver Against Payment"),
):
    register(SecuritiesSpec(_mt, _name, (), blocks=(_GENL, _TRADDET, _FIAC, _REPO, _SETDET, _OTHRPRTY)))

_TRADDET_CONF = Block("TRADDET", (Block("FIA", optional=True),), required=("98a:ESET", "35B"))
_FIAC_CONF = Block(
    "FIAC", (Block("BREAK", optional=True, many=True),), many=True, required=("36B:ESTT", "97a:SAFE")
)
for _mt, _name in (
    ("544", "Receive Free Confirmation"),
    ("545", "Receive Against Payment Confirmation"),
    ("546", "Deliver Free Confirmation"),
    ("547", "Deliver Against Payment Confirmation"),
):
    register(
        SecuritiesSpec(_mt, _name, (), blocks=(_GENL, _TRADDET_CONF, _FIAC_CONF, _REPO, _SETDET, _OTHRPRTY))
    )

_CONFDET = Block(
    "CONFDET",
    (Block("CONFPRTY", many=True), Block("FIA", optional=True)),
    required=("98a:TRAD", "36B:CONF", "35B"),
)
_SETDET_OPT = Block(
    "SETDET",
    (
        Block("SETPRTY", optional=True, many=True),
        Block("CSHPRTY", optional=True, many=True),
        Block("AMT", optional=True, many=True),
    ),
    optional=True,
    required=("22F:SETR",),
)
register(
    SecuritiesSpec(
        "515",
        "Client Confirmation of Purchase or Sale",
        (),
        blocks=(_GENL, _CONFDET, _SETDET_OPT, _OTHRPRTY, _REPO),
    ),
    SecuritiesSpec(
        "518",
        "Market-Side Securities Trade Confirmation",
        (),
        blocks=(_GENL, _CONFDET, _SETDET_OPT, _OTHRPRTY, _REPO),
    ),
)
del _mt, _name


# Network validated rules of MT540–MT543 (SWIFT category 5, checked against the MT543
# SR2017 text; MT540–MT542 carry the same rules with the deliverer/receiver swapped).
_AGENT = {"540": "DEAG", "541": "DEAG", "542": "REAG", "543": "REAG"}


def _qualified(fields: Sequence[MtField], number: str, qualifier: str) -> bool:
    return any(f.tag[:2] == number and f.qualifier == qualifier for f in fields)


def settlement_amount_rule(ctx: RuleContext) -> list[Diagnostic]:
    """MT541/MT543 C2 (E92): against payment, one E3 Amounts block must hold :19A::SETT."""
    mt = ctx.msg.mt_number
    if _qualified(ctx.msg.fields, "19", "SETT"):
        return []
    return [
        rule_error(
            "E92",
            f"MT{mt}/C2",
            "an against-payment instruction must state :19A::SETT in sequence E3",
            f"{ctx.prefix}:SETDET/AMT",
        )
    ]


def settled_amount_rule(ctx: RuleContext) -> list[Diagnostic]:
    """MT545/MT547 C2 (E92): a settlement confirmation against payment states :19A::ESTT."""
    if _qualified(ctx.msg.fields, "19", "ESTT"):
        return []
    return [
        rule_error(
            "E92",
            f"MT{ctx.msg.mt_number}/C2",
            "an against-payment confirmation must state the settled amount :19A::ESTT in sequence E3",
            f"{ctx.prefix}:SETDET/AMT",
        )
    ]


def settlement_parties_rule(ctx: RuleContext) -> list[Diagnostic]:
    """MT540–MT543 (E91): unless :22F::DBNM is given, E1 must name PSET and the counterparty's agent."""
    msg = ctx.msg
    if _qualified(msg.fields, "22", "DBNM"):
        return []
    agent = _AGENT[msg.mt_number]
    missing = [q for q in (agent, "PSET") if not _qualified(msg.fields, "95", q)]
    return [
        rule_error(
            "E91",
            f"MT{msg.mt_number}/E91",
            f"sequence E1 must contain :95a::{q} (no :22F::DBNM given)",
            f"{ctx.prefix}:SETDET/SETPRTY",
        )
        for q in missing
    ]


#: Registered as network rules by :mod:`finmsg.mt.rules.securities`.
NETWORK_RULES = {"541": settlement_amount_rule, "543": settlement_amount_rule}
