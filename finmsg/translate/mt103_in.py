"""MT103 (plain, STP, REMIT) → pacs.008 customer credit transfer (CBPR+ usage).

The field loop hands each block-4 field to one rule; a field that no rule
takes is reported (TR031), so nothing disappears silently. Paths in
diagnostics are ``MT103:50K[2]`` (field, line) on the source side and
``/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Dbtr/Nm`` on the target side.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from operator import itemgetter
from typing import Any, NamedTuple

from finmsg.model.common import Account, Agent, Amount
from finmsg.model.payments import (
    AgentAccount,
    Charge,
    CodeOrProprietary,
    CreditTransfer,
    CreditTransferTx,
    GroupHeader,
    PaymentIds,
    PaymentTypeInfo,
    Remittance,
)
from finmsg.mt.message import MtField, MtMessage
from finmsg.translate import codes
from finmsg.translate.bics import bic_agent, same_bic
from finmsg.translate.context import Ctx
from finmsg.translate.fieldtags import tags_of
from finmsg.translate.headers import Routing, app_header, routing_from_mt, timestamp
from finmsg.translate.instructions import apply_72
from finmsg.translate.memo import replayed
from finmsg.translate.mt_parties import agent_from_mt, party_from_mt
from finmsg.translate.mtvalues import amount_from_mt, date_from_mt, decimal_from_mt
from finmsg.translate.settlement import INDA, has_reimbursement, settlement_from_mt
from finmsg.translate.text import NOTPROVIDED, REMITTANCE_CODES, join_lines
from finmsg.translate.txparts import TxParts

__all__ = [
    "HANDLERS",
    "TX",
    "Handler",
    "agent_handler",
    "collect",
    "collect_message",
    "field_paths",
    "header_tags",
    "mt103_to_pacs008",
    "path_prefix",
    "transaction",
]

Handler = Callable[[Ctx, MtField, str, TxParts, Routing], None]

TX = "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]"
GRP = "/Document/FIToFICstmrCdtTrf/GrpHdr"
_CHARGE_BEARER = {"OUR": "DEBT", "BEN": "CRED", "SHA": "SHAR"}
_SERVICE_23B = frozenset({"SPRI", "SSTD", "SPAY"})
_TAG = itemgetter(0)


#: ``MT103:32A`` path texts of first occurrences, per prefix: the same few hundred paths serve every
#: message, so they are formatted once (bounded: tags are two digits and an option letter).
_FIRST_PATHS: dict[str, dict[str, str]] = {}


#: ``MT103`` path prefixes by message type (the ``path_prefix`` property, computed once per type).
_PREFIXES: dict[str, str] = {}


def path_prefix(msg: MtMessage) -> str:
    """``msg.path_prefix``, remembered per message type."""
    prefix = _PREFIXES.get(msg.message_type)
    if prefix is None:
        if len(_PREFIXES) > 1024:
            _PREFIXES.clear()
        prefix = _PREFIXES[msg.message_type] = msg.path_prefix
    return prefix


def _first_paths(prefix: str) -> dict[str, str]:
    first = _FIRST_PATHS.get(prefix)
    if first is None or len(first) > 4096:
        first = _FIRST_PATHS[prefix] = {}
    return first


def field_paths(msg: MtMessage, prefix: str | None = None) -> list[tuple[MtField, str]]:
    """Each field with its diagnostic path (``MT103:59``, the second 59 is ``MT103:59[2]``)."""
    if prefix is None:
        prefix = path_prefix(msg)
    first = _first_paths(prefix)
    counts: dict[str, int] = {}
    out = []
    for f in msg.fields:
        tag = f[0]
        if tag in counts:
            n = counts[tag] = counts[tag] + 1
            out.append((f, f"{prefix}:{tag}[{n}]"))
            continue
        counts[tag] = 1
        path = first.get(tag)
        if path is None:
            path = first[tag] = f"{prefix}:{tag}"
        out.append((f, path))
    return out


def mt103_to_pacs008(msg: MtMessage, ctx: Ctx, version: str = "pacs.008.001.08") -> CreditTransfer:
    """Translate one MT103 into a pacs.008 model (BAH first, then group header and transaction)."""
    p = path_prefix(msg)
    routing = routing_from_mt(msg)
    fields = msg.fields
    shape = _shape(p, tags_of(fields), HANDLERS)
    reference = fields[shape.reference][1] if shape.reference is not None else NOTPROVIDED
    header = app_header(ctx, routing, reference, version, p)
    uetr, g001, others = _block3(msg)
    if uetr is None:
        ctx.add(
            "mapping.missing",
            "TR002",
            "no UETR in block 3 tag 121; CBPR+ requires one and it is never derived from field 20",
            f"{p}:block3/121",
            f"{TX}/PmtId/UETR",
        )
    if others:
        header_tags(msg, ctx, p, "pacs.008")
    acc = TxParts(TX)
    _run_plan(ctx, fields, shape, acc, routing, "pacs.008")
    if shape.reimbursement:
        settlement, acc_values = settlement_from_mt(ctx, msg, routing, TX, GRP)
        if acc_values:
            acc.values.update(acc_values)
    else:
        settlement = INDA  # what settlement_from_mt says for a message without 53a/54a/55a
    if g001:
        acc.service.insert(0, CodeOrProprietary(code="G001"))
    tx = transaction(acc, routing, reference, uetr, bic_agent(routing.sender), bic_agent(routing.receiver))
    group = GroupHeader(reference, timestamp(ctx), "1", None, None, None, settlement)
    return CreditTransfer(
        message_type=version,
        family="iso20022",
        variant="customer",
        group_header=group,
        transactions=(tx,),
        header=header,
    )


def _block3(msg: MtMessage) -> tuple[str | None, bool, bool]:
    """One pass over block 3: the UETR (first 121), whether the first 111 is the gpi ``001``, and
    whether any tag other than those and 119 is there (for :func:`header_tags` to report)."""
    uetr: str | None = None
    first_111: str | None = None
    seen_121 = seen_111 = others = False
    for tag, value in msg.user_header or ():
        if tag == "121":
            if not seen_121:
                uetr, seen_121 = value, True
        elif tag == "111":
            if not seen_111:
                first_111, seen_111 = value, True
            if value != "001":
                others = True
        elif tag != "119":
            others = True
    return uetr, first_111 == "001", others


def header_tags(msg: MtMessage, ctx: Ctx, p: str, target: str) -> None:
    """Block 3 tags other than 119, 121 and the gpi service id 111:001 have no MX place (TR031); the
    MUR (108) is an envelope value the AppHdr replaces, named by the envelope report (TR033)."""
    for tag, value in msg.user_header or ():
        if tag in ("119", "121", "108") or (tag == "111" and value == "001"):
            continue
        ctx.dropped(
            "TR031", f"{p}:block3/{tag}", None, value or "", f"block 3 tag {tag} has no place in {target}"
        )


class _Shape(NamedTuple):
    """What the tag sequence alone says about a message: each field's handler (None: 13C or no
    handler) and path, the index of the first field 20 (None: no 20), and whether a 53a, 54a or
    55a is there (else the settlement is INDA without looking again)."""

    steps: tuple[tuple[Handler | None, str], ...]
    reference: int | None
    reimbursement: bool


#: Per message shape (prefix, tags, handler table). MT103 traffic has a few dozen shapes, so the
#: dispatch and the path texts are worked out once per shape; the handler tables are module
#: constants (the table itself is kept in the entry and compared by identity, so a table built on
#: the fly can never be confused with another).
_SHAPES: dict[tuple[object, ...], tuple[dict[str, Handler], _Shape]] = {}


def _shape(prefix: str, tags: tuple[str, ...], handlers: dict[str, Handler]) -> _Shape:
    key = (prefix, tags, id(handlers))
    found = _SHAPES.get(key)
    if found is not None and found[0] is handlers:
        return found[1]
    counts: dict[str, int] = {}
    steps: list[tuple[Handler | None, str]] = []
    for tag in tags:
        n = counts[tag] = counts.get(tag, 0) + 1
        path = f"{prefix}:{tag}" if n == 1 else f"{prefix}:{tag}[{n}]"
        handler = None if tag == "13C" else handlers.get(tag) or handlers.get(tag[:2])
        steps.append((handler, path))
    if len(_SHAPES) >= 4096:
        _SHAPES.clear()
    shape = _Shape(tuple(steps), tags.index("20") if "20" in tags else None, has_reimbursement(tags))
    _SHAPES[key] = (handlers, shape)
    return shape


def _run_plan(
    ctx: Ctx, fields: tuple[MtField, ...], shape: _Shape, acc: TxParts, routing: Routing, target: str
) -> None:
    """Hand each field to its handler; 13C values are gathered; unknown fields are reported (TR031)."""
    f13c: list[tuple[str, str]] = []
    for f, (handler, path) in zip(fields, shape.steps, strict=True):
        if handler is not None:
            handler(ctx, f, path, acc, routing)
        elif f[0] == "13C":
            f13c.append((f[1], path))
        else:
            ctx.dropped("TR031", path, None, f[1], f"field {f[0]} has no place in {target}")
    if f13c:
        _time(ctx, f13c, acc)


def collect_message(
    ctx: Ctx,
    msg: MtMessage,
    prefix: str,
    acc: TxParts,
    routing: Routing,
    handlers: dict[str, Handler],
    target: str,
) -> None:
    """:func:`collect` over every field of ``msg``, with the paths of :func:`field_paths`."""
    fields = msg.fields
    _run_plan(ctx, fields, _shape(prefix, tags_of(fields), handlers), acc, routing, target)


def collect(
    ctx: Ctx,
    items: list[tuple[MtField, str]],
    acc: TxParts,
    routing: Routing,
    handlers: dict[str, Handler],
    target: str,
) -> None:
    """Hand each field to its handler; 13C values are gathered; unknown fields are reported (TR031)."""
    f13c: list[tuple[str, str]] = []
    for f, path in items:
        tag = f[0]
        if tag == "13C":
            f13c.append((f[1], path))
            continue
        handler = handlers.get(tag) or handlers.get(tag[:2])
        if handler is not None:
            handler(ctx, f, path, acc, routing)
        else:
            ctx.dropped("TR031", path, None, f[1], f"field {tag} has no place in {target}")
    if f13c:
        _time(ctx, f13c, acc)


def transaction(
    acc: TxParts,
    routing: Routing,
    reference: str,
    uetr: str | None,
    debtor_agent: Agent | None,
    creditor_agent: Agent | None,
) -> CreditTransferTx:
    """The collected members as a transaction; absent debtor/creditor agents take the given defaults."""
    v = acc.values
    ptype = None
    priority = "HIGH" if routing.priority == "U" else None
    if acc.service or acc.local or acc.category or priority:
        ptype = PaymentTypeInfo(priority, None, tuple(acc.service), acc.local, acc.category)
    # Built positionally from a list in field order: a 30-member keyword call (with the collected
    # members merged in by name) cost about a third more. A member the collector set by name
    # overrides the list's value, exactly as ``**values`` did in the keyword call.
    members = list(_TX_DEFAULTS)
    members[_IDS] = PaymentIds(reference, acc.end_to_end or NOTPROVIDED, None, uetr)
    members[_PTYPE] = ptype
    members[_INSTG] = bic_agent(routing.sender)
    members[_INSTD] = bic_agent(routing.receiver)
    members[_CHARGES] = tuple(acc.charges)
    members[_PREVIOUS] = tuple(acc.previous[:3])
    members[_INTERMEDIARIES] = tuple(acc.intermediaries[:3])
    members[_CDTR_INSTR] = tuple(acc.cdtr_instr)
    members[_NEXT_INSTR] = tuple(acc.next_instr)
    members[_EXTRAS] = tuple(acc.extras)
    index = _TX_INDEX
    try:
        for name, value in v.items():
            members[index[name]] = value
    except KeyError:
        raise TypeError(f"CreditTransferTx has no member {name!r}") from None
    members[_DEBTOR_AGENT] = v.get("debtor_agent") or debtor_agent
    members[_CREDITOR_AGENT] = v.get("creditor_agent") or creditor_agent
    return CreditTransferTx(*members)


#: CreditTransferTx members in field order, their defaults and the positions :func:`transaction` sets.
_TX_FIELDS = tuple(f.name for f in dataclasses.fields(CreditTransferTx))
_TX_INDEX = {name: index for index, name in enumerate(_TX_FIELDS)}
_TX_DEFAULTS: tuple[Any, ...] = tuple(f.default for f in dataclasses.fields(CreditTransferTx))
if dataclasses.MISSING in _TX_DEFAULTS:  # a member without default would need a value here
    raise RuntimeError("CreditTransferTx gained a member without a default: update transaction()")
_IDS, _PTYPE, _INSTG, _INSTD = (
    _TX_INDEX[n] for n in ("ids", "payment_type", "instructing_agent", "instructed_agent")
)
_CHARGES, _PREVIOUS, _INTERMEDIARIES = (
    _TX_INDEX[n] for n in ("charges", "previous_instructing_agents", "intermediary_agents")
)
_CDTR_INSTR, _NEXT_INSTR, _EXTRAS = (
    _TX_INDEX[n] for n in ("instructions_for_creditor_agent", "instructions_for_next_agent", "extras")
)
_DEBTOR_AGENT, _CREDITOR_AGENT = _TX_INDEX["debtor_agent"], _TX_INDEX["creditor_agent"]


def _f20(ctx: Ctx, f: MtField, path: str, acc: TxParts, routing: Routing) -> None:
    """20 → InstrId, MsgId, BizMsgIdr (TR003): set by the caller, nothing else to do."""


def _f23b(ctx: Ctx, f: MtField, path: str, acc: TxParts, routing: Routing) -> None:
    if f.value in _SERVICE_23B:
        acc.service.append(CodeOrProprietary(proprietary=f.value))
    elif f.value != "CRED":
        ctx.dropped(
            "TR029", path, f"{acc.path}/PmtTpInf/SvcLvl", f.value, f"23B {f.value} has no pacs.008 equivalent"
        )


def _f23e(ctx: Ctx, f: MtField, path: str, acc: TxParts, routing: Routing) -> None:
    code, info = codes.from_23e(f.value)
    placed = codes.instruction_for_23e(code, info)
    if placed is not None:
        (acc.cdtr_instr if placed[0] == "cdtr" else acc.next_instr).append(placed[1])
    elif code in codes.SERVICE_CODES and info is None:
        acc.service.append(CodeOrProprietary(code=code))
    elif code in codes.CATEGORY_CODES and info is None and acc.category is None:
        acc.category = CodeOrProprietary(code=code)
    else:
        ctx.dropped(
            "TR019", path, f"{acc.path}/InstrForNxtAgt", f.value, f"23E {code} has no pacs.008 equivalent"
        )


def _f26t(ctx: Ctx, f: MtField, path: str, acc: TxParts, routing: Routing) -> None:
    acc.values["purpose"] = CodeOrProprietary(proprietary=f.value)


def _f32a(ctx: Ctx, f: MtField, path: str, acc: TxParts, routing: Routing) -> None:
    acc.values["settlement_date"] = date_from_mt(f.value[:6], path)
    acc.values["settlement_amount"] = amount_from_mt(f.value[6:], path)


def _f33b(ctx: Ctx, f: MtField, path: str, acc: TxParts, routing: Routing) -> None:
    acc.values["instructed_amount"] = amount_from_mt(f.value, path)


def _f36(ctx: Ctx, f: MtField, path: str, acc: TxParts, routing: Routing) -> None:
    acc.values["exchange_rate"] = decimal_from_mt(f.value, path)


def _f50(ctx: Ctx, f: MtField, path: str, acc: TxParts, routing: Routing) -> None:
    party, account = party_from_mt(ctx, f, path, f"{acc.path}/Dbtr")
    acc.values["debtor"], acc.values["debtor_account"] = party, account


def _f59(ctx: Ctx, f: MtField, path: str, acc: TxParts, routing: Routing) -> None:
    party, account = party_from_mt(ctx, f, path, f"{acc.path}/Cdtr")
    acc.values["creditor"], acc.values["creditor_account"] = party, account


@replayed()
def _agent_outcome(
    ctx: Ctx, f: MtField, path: str, target: str, default: str | None, own: str | None, role: str
) -> tuple[Agent | None, Account | None]:
    """The agent of an agent field, or the default BIC's agent; ``(None, None)``: dropped (TR015).

    Remembered per field text, paths and default BIC: the correspondents repeat."""
    agent, account = agent_from_mt(ctx, f, path, target)
    if agent is not None and same_bic(agent.bic, default) and account is None and agent.clearing is None:
        ctx.info(
            "mapping.implicit",
            "TR015",
            f"{f.tag} names the {own}, which is the default {role}; "
            f"the reverse translation leaves {f.tag} out",
            path,
            target,
            f.value,
        )
    if agent is None and default is None:
        ctx.dropped("TR015", path, target, f.value, f"{f.tag} identifies no institution")
        return None, None
    return agent or bic_agent(default), account


def agent_handler(name: str, role: str, own: str | None) -> Handler:
    account_name = f"{name}_account"

    def handler(ctx: Ctx, f: MtField, path: str, acc: TxParts, routing: Routing) -> None:
        default = routing.sender if own == "sender" else routing.receiver if own else None
        agent, account = _agent_outcome(ctx, f, path, f"{acc.path}/{role}", default, own, role)
        if agent is None:
            return
        if name == "intermediary":
            acc.intermediaries.insert(0, AgentAccount(agent, account))
            return
        acc.values[name] = agent
        acc.values[account_name] = account

    return handler


def _f70(ctx: Ctx, f: MtField, path: str, acc: TxParts, routing: Routing) -> None:
    text, exact = join_lines(f[1].split("\n"), 35, REMITTANCE_CODES)
    if not exact:
        ctx.info(
            "lossy.linebreaks",
            "TR027",
            "70 line breaks are not carried by RmtInf/Ustrd; the reverse translation wraps at 35 characters",
            path,
            f"{acc.path}/RmtInf/Ustrd",
            f.value,
            text,
        )
    acc.values["remittance"] = Remittance((text,))
    if text.startswith("/ROC/"):
        roc = text[5:].split("/", 1)[0].strip()
        if roc and len(roc) <= 35:
            acc.end_to_end = roc


def _f77t(ctx: Ctx, f: MtField, path: str, acc: TxParts, routing: Routing) -> None:
    text = f.value.replace("\n", " ")
    if len(text) > 140:
        ctx.truncated("TR017", path, f"{acc.path}/RmtInf/Ustrd", f.value, text[:140], "77T envelope")
        text = text[:140]
    acc.values["remittance"] = Remittance(unstructured=(text,))
    ctx.info(
        "lossy.variant",
        "TR017",
        "the REMIT envelope 77T travels in RmtInf/Ustrd; the reverse "
        "translation writes it as MT103:70 of a plain MT103",
        path,
        f"{acc.path}/RmtInf/Ustrd",
        f.value,
        text,
    )


def _f71a(ctx: Ctx, f: MtField, path: str, acc: TxParts, routing: Routing) -> None:
    acc.values["charge_bearer"] = _CHARGE_BEARER.get(f.value, f.value)


def _f71f(ctx: Ctx, f: MtField, path: str, acc: TxParts, routing: Routing) -> None:
    acc.charges.append(Charge(amount_from_mt(f.value, path), bic_agent(routing.sender)))


def _f71g(ctx: Ctx, f: MtField, path: str, acc: TxParts, routing: Routing) -> None:
    amount = amount_from_mt(f.value, path)
    settled = acc.values.get("settlement_amount")
    if isinstance(settled, Amount) and settled.currency != amount.currency:
        ctx.add(
            "mapping.inconsistent",
            "TR011",
            "71G currency differs from the 32A currency",
            path,
            f"{acc.path}/ChrgsInf",
            f.value,
        )
    acc.charges.append(Charge(amount, bic_agent(routing.receiver)))


def _f72(ctx: Ctx, f: MtField, path: str, acc: TxParts, routing: Routing) -> None:
    apply_72(ctx, f.value, path, acc, acc.path)


def _f77b(ctx: Ctx, f: MtField, path: str, acc: TxParts, routing: Routing) -> None:
    acc.extras.append(codes.fragment(f"{acc.path}/RgltryRptg[1]", codes.regulatory_from_77b(f.lines)))


def _time(ctx: Ctx, values: list[tuple[str, str]], acc: TxParts) -> None:
    req, left = codes.time_from_13c([v for v, _ in values])
    if req is not None:
        acc.extras.append(codes.fragment(f"{acc.path}/SttlmTmReq[1]", req))
    for value in left:
        path = next(p for v, p in values if v == value)
        ctx.dropped("TR022", path, f"{acc.path}/SttlmTmReq", value, "13C code has no SttlmTmReq member")


def _settled_elsewhere(ctx: Ctx, f: MtField, path: str, acc: TxParts, routing: Routing) -> None:
    """53a/54a/55a are read by :func:`settlement_from_mt` (TR006, TR016)."""


HANDLERS: dict[str, Handler] = {
    "20": _f20,
    "23B": _f23b,
    "23E": _f23e,
    "26T": _f26t,
    "32A": _f32a,
    "33B": _f33b,
    "36": _f36,
    "50A": _f50,
    "50F": _f50,
    "50K": _f50,
    "59": _f59,
    "59A": _f59,
    "59F": _f59,
    "52": agent_handler("debtor_agent", "DbtrAgt", "sender"),
    "56": agent_handler("intermediary", "IntrmyAgt1", None),
    "57": agent_handler("creditor_agent", "CdtrAgt", "receiver"),
    "53": _settled_elsewhere,
    "54": _settled_elsewhere,
    "55": _settled_elsewhere,
    "70": _f70,
    "77T": _f77t,
    "71A": _f71a,
    "71F": _f71f,
    "71G": _f71g,
    "72": _f72,
    "77B": _f77b,
}
