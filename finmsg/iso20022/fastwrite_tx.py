"""Fast write lane, transactions: ``CdtTrfTxInf`` and ``UndrlygCstmrCdtTrf`` as text.

A :class:`TxPlan` is made once per (schema type, nesting level) from ``_MEMBERS``,
the members in the order ``write_transaction`` writes them: each member the schema
has, and whose block :func:`~finmsg.iso20022.fastwrite_parts.fits` its type, gets
an emitter; a member without one makes the lane decline when the model sets it
(the general writer would report it as ``version.dropped``). The underlying customer
transfer is sorted by the general writer (``und.sort()``), so its plan is in schema
order; a transaction's plan must already be in schema order, else there is no plan.

Supplementary fragments kept directly under a transaction (``RgltryRptg``...) are
written where the general writer inserts them: before the first member of a higher
schema position.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from operator import attrgetter, itemgetter
from typing import TYPE_CHECKING, Any

from finmsg.errors import FinmsgError
from finmsg.iso20022.fastwrite_parts import (
    IND,
    SHAPES,
    Decline,
    Shape,
    bound,
    close,
    emit_account,
    emit_agent,
    fits,
    party_emitter,
)
from finmsg.iso20022.render import NeedsLxml
from finmsg.iso20022.writing import _fragment, format_decimal, parent_key
from finmsg.model.common import Extra
from finmsg.model.payments import (
    AgentAccount,
    Charge,
    CreditTransferTx,
    Instruction,
    PaymentIds,
    PaymentTypeInfo,
    Remittance,
)

if TYPE_CHECKING:
    from finmsg.iso20022.schema_model import ChildDecl, ElementType

__all__ = ["TxPlan", "emit_tx", "tx_plan"]

#: ``emit(out, vals, value)`` for one member, its element name and level baked in.
Member = Callable[[list[str], list[str], Any], None]

#: (element, model attribute, kind) in ``write_transaction``'s order.
_MEMBERS = (
    ("PmtId", "ids", "ids"),
    ("PmtTpInf", "payment_type", "type"),
    ("IntrBkSttlmAmt", "settlement_amount", "amount"),
    ("IntrBkSttlmDt", "settlement_date", "date"),
    ("SttlmPrty", "settlement_priority", "text"),
    ("InstdAmt", "instructed_amount", "amount"),
    ("XchgRate", "exchange_rate", "decimal"),
    ("ChrgBr", "charge_bearer", "text"),
    ("ChrgsInf", "charges", "charges"),
    ("PrvsInstgAgt", "previous_instructing_agents", "chain"),
    ("InstgAgt", "instructing_agent", "party"),
    ("InstdAgt", "instructed_agent", "party"),
    ("IntrmyAgt", "intermediary_agents", "chain"),
    ("UltmtDbtr", "ultimate_debtor", "party"),
    ("InitgPty", "initiating_party", "party"),
    ("Dbtr", "debtor", "party"),
    ("DbtrAcct", "debtor_account", "account"),
    ("DbtrAgt", "debtor_agent", "party"),
    ("DbtrAgtAcct", "debtor_agent_account", "account"),
    ("CdtrAgt", "creditor_agent", "party"),
    ("CdtrAgtAcct", "creditor_agent_account", "account"),
    ("Cdtr", "creditor", "party"),
    ("CdtrAcct", "creditor_account", "account"),
    ("UltmtCdtr", "ultimate_creditor", "party"),
    ("InstrForCdtrAgt", "instructions_for_creditor_agent", "instructions"),
    ("InstrForNxtAgt", "instructions_for_next_agent", "instructions"),
    ("Purp", "purpose", "code"),
    ("RmtInf", "remittance", "remittance"),
    ("UndrlygCstmrCdtTrf", "underlying", "underlying"),
)
_CODE = SHAPES["code"]
_SHAPES: dict[str, Shape] = {
    "ids": tuple((name, None) for name in ("InstrId", "EndToEndId", "TxId", "UETR", "ClrSysRef")),
    "type": (
        ("InstrPrty", None),
        ("ClrChanl", None),
        ("SvcLvl", _CODE),
        ("LclInstrm", _CODE),
        ("CtgyPurp", _CODE),
    ),
    "charges": (("Amt", None), ("Agt", SHAPES["agent"])),
    "instructions": (("Cd", None), ("InstrInf", None)),
    "remittance": (("Ustrd", None),),
    "account": SHAPES["account"],
    "code": _CODE,
}
_NUMBERED = ("1", "2", "3")
_IDS = attrgetter("instruction_id", "end_to_end_id", "transaction_id", "uetr", "clearing_system_ref")
_ID_TAGS = ("InstrId", "EndToEndId", "TxId", "UETR", "ClrSysRef")
_NO_IDS = PaymentIds()


class TxPlan:
    """How to write a transaction element of one schema type at one nesting level."""

    __slots__ = ("end", "key", "level", "members", "spans", "start", "taken", "type", "underlying")

    def __init__(self, kind: ElementType, level: int, name: str, parent: str, underlying: bool) -> None:
        self.type = kind
        self.level = level
        self.start, self.end = f"{IND[level]}<{name}>", f"{IND[level]}</{name}>"
        #: parent_key of a fragment that belongs directly under this element
        self.key = (parent, name)
        self.underlying = underlying
        #: ``members(out, vals, tx, pending)``: appends the members, and the pending fragments
        #: (schema index, text; smallest index last) each before the first member of a higher index
        self.members: Callable[[list[str], list[str], CreditTransferTx, list[tuple[int, str]]], None]
        #: schema index ranges written by one member (numbered agents): no fragment fits inside
        self.spans: list[tuple[int, int]] = []
        #: underlying only: the schema indices its members write (numbered agents: the whole
        #: run); a fragment at one of them is declined (see :func:`_fragments`)
        self.taken: frozenset[int] = frozenset()


_PLANS: dict[tuple[int, int, str], TxPlan | None] = {}


def tx_plan(kind: ElementType, level: int, name: str, parent: str, underlying: bool = False) -> TxPlan | None:
    """The plan for ``name`` elements of type ``kind`` at ``level`` (None: the lane cannot write them)."""
    key = (id(kind), level, name)
    if key in _PLANS:
        return _PLANS[key]
    plan: TxPlan | None = TxPlan(kind, level, name, parent, underlying)
    assert plan is not None
    rows: list[_Row] = []
    for tag, attr, what in _MEMBERS:
        if underlying and what == "ids":
            continue  # written only when set, and no underlying of the supported versions has PmtId
        found = _member(plan, tag, what)
        rows.append((found[0], attr, found[1], what, tag) if found else (-1, attr, None, what, tag))
    written = [row[0] for row in rows if row[2] is not None]
    if underlying:  # the general writer sorts these members; members it cannot write go last
        rows.sort(key=lambda row: row[0] if row[2] is not None else 1 << 30)
        plan.taken = frozenset(written).union(*(range(lo, hi + 1) for lo, hi in plan.spans))
    elif written != sorted(written):
        plan = None  # the general writer's order is not the schema's here: leave it to that writer
    if plan is not None:
        plan.members = _compile(plan, rows)
    if len(_PLANS) < 256:
        _PLANS[key] = plan
    return plan


def _member(plan: TxPlan, tag: str, what: str) -> tuple[int, Member] | None:
    """(schema index, emitter) of one member, if the schema has it and the block fits."""
    children = plan.type.children
    lv = plan.level + 1
    if what == "chain":
        return _chain(plan, tag, children, lv)
    decl = children.get(tag)
    if decl is None:
        return None
    shape = _SHAPES.get(what)
    if shape is not None and not fits(decl.type, shape):
        return None
    emit: Member | None
    if what == "party":
        emit = party_emitter(decl.type, lv, tag)  # generated for this level and element
    elif what == "underlying":
        sub = tx_plan(decl.type, lv, tag, plan.key[1], underlying=True)
        emit = None if sub is None else _underlying(sub)
    else:
        emit = _BUILDERS[what](lv, tag)
    return None if emit is None else (decl.index, emit)


def _chain(plan: TxPlan, prefix: str, children: Any, lv: int) -> tuple[int, Member] | None:
    """Numbered agents with their accounts (``PrvsInstgAgt1``, ``PrvsInstgAgt1Acct``... up to 3)."""
    decls: list[ChildDecl] = []
    for n in _NUMBERED:
        agent, account = children.get(f"{prefix}{n}"), children.get(f"{prefix}{n}Acct")
        if agent is None or account is None:
            return None
        if not fits(agent.type, SHAPES["agent"]) or not fits(account.type, SHAPES["account"]):
            return None
        decls += (agent, account)
    indices = [decl.index for decl in decls]
    if indices != sorted(set(indices)):
        return None
    plan.spans.append((indices[0], indices[-1]))

    def emit(out: list[str], vals: list[str], chain: tuple[AgentAccount, ...]) -> None:
        if len(chain) > 3:
            raise Decline  # the general writer writes three and says nothing of the rest
        for n, entry in zip(_NUMBERED, chain, strict=False):
            if type(entry) is not AgentAccount:
                raise Decline
            emit_agent(out, vals, lv, f"{prefix}{n}", entry.agent)
            if entry.account is not None:
                emit_account(out, vals, lv, f"{prefix}{n}Acct", entry.account)

    return indices[0], emit


def _tags(lv: int, tag: str) -> tuple[str, str, str]:
    """(start, end, empty-element) tags of ``tag`` at ``lv``, made once per plan, not per call."""
    return f"{IND[lv]}<{tag}>", f"{IND[lv]}</{tag}>", f"{IND[lv]}<{tag}/>"


def _ids(lv: int, tag: str) -> Member:
    start, end, empty = _tags(lv, tag)
    s0, s1, s2, s3, s4 = (f"{IND[lv + 1]}<{name}>" for name in _ID_TAGS)

    def emit(out: list[str], vals: list[str], ids: PaymentIds) -> None:
        if type(ids) is not PaymentIds:
            raise Decline
        out.append(start)
        mark = len(out)
        v0, v1, v2, v3, v4 = _IDS(ids)
        if v0 is not None:
            out += (s0, v0, "</InstrId>")
            vals.append(v0)
        if v1 is not None:
            out += (s1, v1, "</EndToEndId>")
            vals.append(v1)
        if v2 is not None:
            out += (s2, v2, "</TxId>")
            vals.append(v2)
        if v3 is not None:
            out += (s3, v3, "</UETR>")
            vals.append(v3)
        if v4 is not None:
            out += (s4, v4, "</ClrSysRef>")
            vals.append(v4)
        if len(out) == mark:
            out[-1] = empty
        else:
            out.append(end)

    return emit


def _payment_type(lv: int, tag: str) -> Member:
    start, end, empty = _tags(lv, tag)
    priority, channel = (f"{IND[lv + 1]}<{name}>" for name in ("InstrPrty", "ClrChanl"))
    service, instrument, category = (
        bound("code", lv + 1, name) for name in ("SvcLvl", "LclInstrm", "CtgyPurp")
    )

    def emit(out: list[str], vals: list[str], value: PaymentTypeInfo) -> None:
        if type(value) is not PaymentTypeInfo or value.extras:
            raise Decline
        out.append(start)
        mark = len(out)
        text = value.instruction_priority
        if text is not None:
            out += (priority, text, "</InstrPrty>")
            vals.append(text)
        text = value.clearing_channel
        if text is not None:
            out += (channel, text, "</ClrChanl>")
            vals.append(text)
        for level in value.service_levels:
            service(out, vals, level)
        if value.local_instrument is not None:
            instrument(out, vals, value.local_instrument)
        if value.category_purpose is not None:
            category(out, vals, value.category_purpose)
        if len(out) == mark:
            out[-1] = empty
        else:
            out.append(end)

    return emit


def _amount(lv: int, tag: str) -> Member:
    start, end = f'{IND[lv]}<{tag} Ccy="', f"</{tag}>"

    def emit(out: list[str], vals: list[str], value: Any) -> None:
        out += (start + value.currency + '">', format_decimal(value.value), end)
        vals.append(value.currency)

    return emit


def _text(lv: int, tag: str) -> Member:
    start, end = f"{IND[lv]}<{tag}>", f"</{tag}>"

    def emit(out: list[str], vals: list[str], value: str) -> None:
        out += (start, value, end)
        vals.append(value)

    return emit


def _date(lv: int, tag: str) -> Member:
    start, end = f"{IND[lv]}<{tag}>", f"</{tag}>"

    def emit(out: list[str], vals: list[str], value: Any) -> None:
        out += (start, value.isoformat(), end)

    return emit


def _decimal(lv: int, tag: str) -> Member:
    start, end = f"{IND[lv]}<{tag}>", f"</{tag}>"

    def emit(out: list[str], vals: list[str], value: Any) -> None:
        out += (start, format_decimal(value), end)

    return emit


def _charges(lv: int, tag: str) -> Member:
    ind, amount = IND[lv], _amount(lv + 1, "Amt")

    def emit(out: list[str], vals: list[str], charges: tuple[Charge, ...]) -> None:
        for charge in charges:
            if type(charge) is not Charge or charge.type is not None:
                raise Decline  # Tp is not in the supported versions' charges
            mark = len(out)
            out.append(f"{ind}<{tag}>")
            if charge.amount is not None:
                amount(out, vals, charge.amount)
            if charge.agent is not None:
                emit_agent(out, vals, lv + 1, "Agt", charge.agent)
            close(out, mark, f"{ind}</{tag}>")

    return emit


def _instructions(lv: int, tag: str) -> Member:
    ind, sub = IND[lv], IND[lv + 1]

    def emit(out: list[str], vals: list[str], items: tuple[Instruction, ...]) -> None:
        for item in items:
            if type(item) is not Instruction:
                raise Decline
            mark = len(out)
            out.append(f"{ind}<{tag}>")
            if item.code is not None:
                out += (f"{sub}<Cd>", item.code, "</Cd>")
                vals.append(item.code)
            if item.info is not None:
                out += (f"{sub}<InstrInf>", item.info, "</InstrInf>")
                vals.append(item.info)
            close(out, mark, f"{ind}</{tag}>")

    return emit


def _remittance(lv: int, tag: str) -> Member:
    start, end, empty = _tags(lv, tag)
    line_start = f"{IND[lv + 1]}<Ustrd>"

    def emit(out: list[str], vals: list[str], value: Remittance) -> None:
        if type(value) is not Remittance or value.structured or value.extras:
            raise Decline
        out.append(start)
        mark = len(out)
        for line in value.unstructured:
            out += (line_start, line, "</Ustrd>")
            vals.append(line)
        if len(out) == mark:
            out[-1] = empty
        else:
            out.append(end)

    return emit


def _underlying(plan: TxPlan) -> Member:
    def emit(out: list[str], vals: list[str], value: CreditTransferTx) -> None:
        emit_tx(out, vals, plan, value)

    return emit


_BUILDERS: dict[str, Callable[[int, str], Member]] = {
    "ids": _ids,
    "type": _payment_type,
    "amount": _amount,
    "date": _date,
    "text": _text,
    "decimal": _decimal,
    "charges": _charges,
    "account": lambda lv, tag: bound("account", lv, tag),
    "instructions": _instructions,
    "code": lambda lv, tag: bound("code", lv, tag),
    "remittance": _remittance,
}


def _fragments(plan: TxPlan, extras: tuple[Extra, ...]) -> list[tuple[int, str]]:
    """The transaction's own supplementary fragments as (schema index, text), in writing order."""
    found: list[tuple[int, str]] = []
    for extra in extras:
        if extra.source != "iso20022" or parent_key(extra.path) != plan.key or "/@" in extra.path:
            raise Decline
        try:
            fragment = _fragment(extra.content)
            text = fragment.at(plan.level + 1)
        except (NeedsLxml, FinmsgError):  # the general writer reports or refuses these itself
            raise Decline from None
        decl = plan.type.children.get(fragment.name)
        if decl is None:
            raise Decline
        index = decl.index
        for lo, hi in plan.spans:
            if lo <= index < hi:
                raise Decline  # inside a run of numbered agents
        if index in plan.taken:
            # A fragment named like a member of the underlying (a repeated Dbtr, RmtInf...): the
            # general writer inserts it in call order, then sorts stably, so whether it ends up
            # before or after the member depends on which members are set; it writes it itself.
            raise Decline
        found.append((index, text))
    if len(found) > 1:
        found.sort(key=itemgetter(0))  # stable: equal positions keep their order, as inserted one by one
        found.reverse()  # the smallest index last, for ``pop``
    return found


def emit_tx(out: list[str], vals: list[str], plan: TxPlan, tx: CreditTransferTx) -> None:
    """Append one transaction element (``write_transaction``, plus ``sort`` for an underlying)."""
    if type(tx) is not CreditTransferTx:
        raise Decline
    if plan.underlying:
        if tx.ids != _NO_IDS:
            raise Decline  # the underlying customer transfer has no PmtId
    elif type(tx.ids) is not PaymentIds:
        raise Decline
    out.append(plan.start)
    mark = len(out)
    plan.members(out, vals, tx, _fragments(plan, tx.extras) if tx.extras else _NONE)
    if len(out) == mark:
        out[-1] = plan.start[:-1] + "/>"
    else:
        out.append(plan.end)


_NONE: list[tuple[int, str]] = []  # never filled: no fragments


def _flush(out: list[str], pending: list[tuple[int, str]], index: int) -> None:
    """Write the pending fragments that go before a member of schema position ``index``."""
    while pending and pending[-1][0] < index:
        out.append(pending.pop()[1])


#: (schema index or -1, model attribute, emitter or None, kind, element)
_Row = tuple[int, str, "Member | None", str, str]
#: ``t = format_decimal(x)``, inlined in the generated code (a call costs a third of it). A NaN or
#: an Infinity (``str``: ``NaN``, ``sNaN``, ``Infinity``: an ``N`` or ``n``, which no number's text
#: has) or a
#: value that is not a Decimal declines: the general writer refuses it with the element's path.
_DECIMAL = (
    "if type(x) is Decimal:\n"
    "            t = str(x)\n"
    '            if "E" in t or "e" in t or "N" in t or "n" in t:\n'
    "                if not x.is_finite():\n"
    "                    raise Decline\n"
    '                t = format(x, "f")\n'
    "        else:\n"
    "            raise Decline\n"
)
#: Kinds written inline by the generated code (the value's text is known to be safe or is checked)
_INLINE = {
    "text": "out += (S{i}, v, E{i})\n        vals.append(v)",
    "date": "out += (S{i}, v.isoformat(), E{i})",
    "decimal": "x = v\n        " + _DECIMAL + "        out += (S{i}, t, E{i})",
    "amount": (
        "c = v.currency\n"
        "        x = v.value\n        " + _DECIMAL + "        out += (S{i} + c + '\">', t, E{i})\n"
        "        vals.append(c)"
    ),
}


def _compile(plan: TxPlan, rows: list[_Row]) -> Any:
    """Generate the members function of ``plan``: one attribute test per member, no loop.

    Why generated: a loop over the ~30 members with an emitter call each cost more than
    the text written for the usual transaction (see ``walkgen.py`` for the same reason).
    """
    lv = plan.level + 1
    space: dict[str, Any] = {"Decline": Decline, "Decimal": Decimal, "flush": _flush}
    lines = ["def members(out, vals, tx, pending):"]
    for i, (lo, attr, emit, what, tag) in enumerate(rows):
        lines.append(f"    v = tx.{attr}")
        if emit is None:  # the general writer would report it as dropped
            lines.append("    if v is not None and (type(v) is not tuple or v):\n        raise Decline")
            continue
        lines.append(f"    if pending and pending[-1][0] < {lo}:\n        flush(out, pending, {lo})")
        if what in _INLINE:
            space[f"S{i}"] = f'{IND[lv]}<{tag} Ccy="' if what == "amount" else f"{IND[lv]}<{tag}>"
            space[f"E{i}"] = f"</{tag}>"
            lines.append("    if v is not None:\n        " + _INLINE[what].format(i=i))
        else:
            space[f"M{i}"] = emit
            lines.append(f"    if v is not None:\n        M{i}(out, vals, v)")
    lines.append("    if pending:\n        flush(out, pending, 1 << 30)")
    exec(compile("\n".join(lines), f"<fastwrite {plan.key[1]} level {plan.level}>", "exec"), space)
    return space["members"]
