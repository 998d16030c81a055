"""Fast write lane: a pacs.008 / pacs.009 credit transfer straight to text.

Why: the general writer builds one WNode per element (with a schema lookup per
child) and then renders the tree; for the usual CBPR+ payment, that bookkeeping
costs more than the text. This lane appends the indented text directly, byte for
byte what ``write_credit_transfer`` + ``render`` give, and checks all values once.

It never guesses. :func:`write_fast` returns None, and the general writer runs,
for anything it does not cover the same way: a version outside ``VERSIONS``,
extras anywhere except supplementary fragments directly under a transaction,
any model member the target schema has no place for (where the general writer
would report ``version.dropped``), a model subclass, a value that would need
escaping or holds a control character, an unusual envelope tag or header.

Which elements exist, and their order, come from the target schema at first use
(:func:`~finmsg.iso20022.fastwrite_parts.fits`): transaction members are written in
the general writer's call order, which must be the schema's order, and the members
of the underlying customer transfer in schema order (the general writer sorts them).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from finmsg.iso20022.envelope import ISO_NS
from finmsg.iso20022.fastwrite_parts import (
    IND,
    SHAPES,
    Bound,
    Decline,
    Shape,
    emit_account,
    emit_agent,
    emit_code,
    emit_leaf,
    fits,
    party_emitter,
)
from finmsg.iso20022.fastwrite_tx import TxPlan, emit_tx, tx_plan
from finmsg.iso20022.render import NAME, plain
from finmsg.iso20022.writing import format_decimal
from finmsg.model.payments import AgentAccount, AppHeader, CreditTransfer, GroupHeader, SettlementInfo

if TYPE_CHECKING:
    from finmsg.iso20022.schema_model import ElementType

__all__ = ["ENABLED", "VERSIONS", "write_fast"]

#: Module switch for tests that need the general writer (``monkeypatch.setattr(..., False)``).
ENABLED = True
#: Versions the lane writes (the CBPR+ ones); each is still checked against its schema.
VERSIONS = frozenset({"pacs.008.001.08", "pacs.009.001.08"})
_ROOTS = {"pacs.008": "FIToFICstmrCdtTrf", "pacs.009": "FICdtTrf"}
_HEADER_VERSION = re.compile(r"head\.001\.001\.0[1-3]")
_DECLARATION = "<?xml version='1.0' encoding='UTF-8'?>"

_REIMBURSEMENT = ("InstgRmbrsmntAgt", "InstdRmbrsmntAgt", "ThrdRmbrsmntAgt")
_SETTLEMENT: Shape = (
    ("SttlmMtd", None),
    ("SttlmAcct", SHAPES["account"]),
    ("ClrSys", SHAPES["code"]),
    *(
        (tag, SHAPES[kind])
        for name in _REIMBURSEMENT
        for tag, kind in ((name, "agent"), (name + "Acct", "account"))
    ),
)
_GROUP: Shape = (
    ("MsgId", None),
    ("CreDtTm", None),
    ("BtchBookg", None),
    ("NbOfTxs", None),
    ("CtrlSum", None),
    ("TtlIntrBkSttlmAmt", None),
    ("IntrBkSttlmDt", None),
    ("SttlmInf", _SETTLEMENT),
)
_HEADER_PARTY: Shape = (("FIId", (("FinInstnId", (("BICFI", None), ("ClrSysMmbId", (("MmbId", None),)))),)),)
_HEADER: Shape = (
    ("Fr", _HEADER_PARTY),
    ("To", _HEADER_PARTY),
    *(
        (name, None)
        for name in ("BizMsgIdr", "MsgDefIdr", "BizSvc", "CreDt", "CpyDplct", "PssblDplct", "Prty")
    ),
)


class _DocPlan:
    """What the lane knows about one target version at one nesting level (None: not supported)."""

    __slots__ = ("body", "instd", "instg", "level", "namespace", "tx")

    def __init__(
        self, level: int, namespace: str, body: str, tx: TxPlan, agents: tuple[Bound, Bound]
    ) -> None:
        self.level = level
        self.namespace = namespace
        self.body = body
        self.tx = tx
        self.instg, self.instd = agents


_PLANS: dict[tuple[str, int], _DocPlan | None] = {}
_HEADERS: dict[str, bool] = {}


def _schema(message_id: str) -> ElementType | None:
    from finmsg.iso20022.writing import _schema_type  # the general writer's own root types

    return _schema_type(message_id)


def _doc_plan(version: str, level: int) -> _DocPlan | None:
    key = (version, level)
    try:
        return _PLANS[key]
    except KeyError:
        pass
    plan = None
    root = _schema(version)
    body_name = _ROOTS[version[:8]]
    body_decl = root.children.get(body_name) if root is not None else None
    if body_decl is not None:
        body = body_decl.type
        group = body.children.get("GrpHdr")
        tx = body.children.get("CdtTrfTxInf")
        if group is not None and tx is not None and fits(group.type, _GROUP):
            agents = [_agent_place(group.type, name, level + 3) for name in ("InstgAgt", "InstdAgt")]
            txp = tx_plan(tx.type, level + 2, "CdtTrfTxInf", body_name)
            if txp is not None and agents[0] is not None and agents[1] is not None:
                plan = _DocPlan(level, ISO_NS + version, body_name, txp, (agents[0], agents[1]))
    _PLANS[key] = plan
    return plan


def _agent_place(kind: ElementType, name: str, lv: int) -> Bound | None:
    decl = kind.children.get(name)
    return None if decl is None else party_emitter(decl.type, lv, name)


def _settlement(out: list[str], vals: list[str], lv: int, value: SettlementInfo) -> None:
    """``SttlmInf`` (``write_settlement``)."""
    if type(value) is not SettlementInfo or value.extras:
        raise Decline
    ind = IND[lv]
    mark = len(out)
    out.append(f"{ind}<SttlmInf>")
    emit_leaf(out, vals, IND[lv + 1], "SttlmMtd", value.method)
    if (  # the usual lone settlement method
        value.account is None
        and value.clearing_system is None
        and value.instructing_reimbursement is None
        and value.instructed_reimbursement is None
        and value.third_reimbursement is None
    ):
        pass
    elif value.account is not None:
        emit_account(out, vals, lv + 1, "SttlmAcct", value.account)
    if value.clearing_system is not None:
        emit_code(out, vals, lv + 1, "ClrSys", value.clearing_system)
    if value.instructing_reimbursement is not None:
        _reimbursement(out, vals, lv + 1, "InstgRmbrsmntAgt", value.instructing_reimbursement)
    if value.instructed_reimbursement is not None:
        _reimbursement(out, vals, lv + 1, "InstdRmbrsmntAgt", value.instructed_reimbursement)
    if value.third_reimbursement is not None:
        _reimbursement(out, vals, lv + 1, "ThrdRmbrsmntAgt", value.third_reimbursement)
    if len(out) == mark + 1:
        out[mark] = f"{ind}<SttlmInf/>"
    else:
        out.append(f"{ind}</SttlmInf>")


def _reimbursement(out: list[str], vals: list[str], lv: int, name: str, pair: AgentAccount) -> None:
    """A reimbursement agent and its account (``write_agent_account``)."""
    if type(pair) is not AgentAccount:
        raise Decline
    emit_agent(out, vals, lv, name, pair.agent)
    if pair.account is not None:
        emit_account(out, vals, lv, name + "Acct", pair.account)


def _group(out: list[str], vals: list[str], plan: _DocPlan, value: GroupHeader) -> None:
    """``GrpHdr`` (``write_group_header``); an initiating party is not in the supported versions."""
    if type(value) is not GroupHeader or value.extras or value.initiating_party is not None:
        raise Decline
    lv = plan.level + 2
    ind, sub = IND[lv], IND[lv + 1]
    mark = len(out)
    out.append(f"{ind}<GrpHdr>")
    text: str | None = value.message_id
    if text is not None:
        out += (f"{sub}<MsgId>", text, "</MsgId>")
        vals.append(text)
    if value.creation is not None:
        text = value.creation.text
        out += (f"{sub}<CreDtTm>", text, "</CreDtTm>")
        vals.append(text)
    if value.batch_booking is not None:
        out += (f"{sub}<BtchBookg>", "true" if value.batch_booking else "false", "</BtchBookg>")
    text = value.number_of_transactions
    if text is not None:
        out += (f"{sub}<NbOfTxs>", text, "</NbOfTxs>")
        vals.append(text)
    if value.control_sum is not None:
        out += (f"{sub}<CtrlSum>", format_decimal(value.control_sum), "</CtrlSum>")
    total = value.total_settlement_amount
    if total is not None:
        vals.append(total.currency)
        out += (
            f'{sub}<TtlIntrBkSttlmAmt Ccy="{total.currency}">',
            format_decimal(total.value),
            "</TtlIntrBkSttlmAmt>",
        )
    if value.settlement_date is not None:
        out += (f"{sub}<IntrBkSttlmDt>", value.settlement_date.isoformat(), "</IntrBkSttlmDt>")
    if value.settlement is not None:
        _settlement(out, vals, lv + 1, value.settlement)
    if value.instructing_agent is not None:
        plan.instg(out, vals, value.instructing_agent)
    if value.instructed_agent is not None:
        plan.instd(out, vals, value.instructed_agent)
    if len(out) == mark + 1:
        out[mark] = f"{ind}<GrpHdr/>"
    else:
        out.append(f"{ind}</GrpHdr>")


def _header_fits(header_id: str) -> bool:
    known = _HEADERS.get(header_id)
    if known is None:
        known = _HEADERS[header_id] = _HEADER_VERSION.fullmatch(header_id) is not None and fits(
            _schema(header_id), _HEADER
        )
    return known


def _header_party(out: list[str], vals: list[str], name: str, bic: str | None, member: str | None) -> None:
    """``Fr`` / ``To`` as FIId (``header._write_party``), at level 2 inside the envelope."""
    if bic is None and member is None:
        return
    out += (f"{IND[2]}<{name}>", f"{IND[3]}<FIId>", f"{IND[4]}<FinInstnId>")
    mark = len(out) - 1
    emit_leaf(out, vals, IND[5], "BICFI", bic)
    if member is not None:
        out += (f"{IND[5]}<ClrSysMmbId>", f"{IND[6]}<MmbId>", member, "</MmbId>", f"{IND[5]}</ClrSysMmbId>")
        vals.append(member)
    if len(out) == mark + 1:
        out[mark] = f"{IND[4]}<FinInstnId/>"
    else:
        out.append(f"{IND[4]}</FinInstnId>")
    out += (f"{IND[3]}</FIId>", f"{IND[2]}</{name}>")


def _header(
    out: list[str], vals: list[str], header: AppHeader, header_id: str, definition: str | None
) -> None:
    """The AppHdr (``write_app_header``) with MsgDefIdr ``definition``, at level 1 in the envelope."""
    if type(header) is not AppHeader or header.extras:
        raise Decline
    start = f'\n  <AppHdr xmlns="{ISO_NS}{header_id}">'
    out.append(start)
    mark = len(out)
    _header_party(out, vals, "Fr", header.from_bic, header.from_clearing)
    _header_party(out, vals, "To", header.to_bic, header.to_clearing)
    sub = IND[2]
    emit_leaf(out, vals, sub, "BizMsgIdr", header.business_message_id)
    emit_leaf(out, vals, sub, "MsgDefIdr", definition)
    emit_leaf(out, vals, sub, "BizSvc", header.business_service)
    if header.creation is not None:  # (``timestamp``: its text is written even if it is not text)
        text = header.creation.text
        out += (f"{sub}<CreDt>", text, "</CreDt>")
        vals.append(text)  # a non-text value fails the join below, and the lane declines
    emit_leaf(out, vals, sub, "CpyDplct", header.copy_duplicate)
    if header.possible_duplicate is not None:
        out += (f"{sub}<PssblDplct>", "true" if header.possible_duplicate else "false", "</PssblDplct>")
    emit_leaf(out, vals, sub, "Prty", header.priority)
    if len(out) == mark:
        out[-1] = start[:-1] + "/>"
    else:
        out.append("\n  </AppHdr>")


def _document(out: list[str], vals: list[str], plan: _DocPlan, message: CreditTransfer) -> None:
    ind, sub = IND[plan.level], IND[plan.level + 1]
    out += (f'{ind}<Document xmlns="{plan.namespace}">', f"{sub}<{plan.body}>")
    _group(out, vals, plan, message.group_header)
    tx = plan.tx
    for transaction in message.transactions:
        emit_tx(out, vals, tx, transaction)
    out += (f"{sub}</{plan.body}>", f"{ind}</Document>")


def _safe(values: str) -> bool:
    """Whether no value needs escaping (or holds a control character): then it is written as is.

    (``"`` too: a currency is an attribute value.)
    """
    return plain(values) and '"' not in values


def write_fast(
    message: CreditTransfer,
    version: str,
    header: tuple[AppHeader, str, str | None] | None = None,
    envelope_tag: object = "Envelope",
) -> bytes | None:
    """The bytes the general writer gives for ``message`` as ``version``, or None (not covered).

    ``header`` is (AppHdr, its schema version, the MsgDefIdr to write) when the message
    has one. The caller has checked: same version (no conversion), no message extras.
    """
    if not ENABLED or version not in VERSIONS or type(message) is not CreditTransfer or message.extras:
        return None
    level = 0 if header is None else 1
    plan = _doc_plan(version, level)
    if plan is None:
        return None
    out = [_DECLARATION]
    vals: list[str] = []
    try:
        if header is None:
            _document(out, vals, plan, message)
        else:
            app, header_id, definition = header
            if (
                type(envelope_tag) is not str
                or NAME.fullmatch(envelope_tag) is None
                or not _header_fits(header_id)
            ):
                return None
            out.append(f"\n<{envelope_tag}>")
            _header(out, vals, app, header_id, definition)
            _document(out, vals, plan, message)
            out.append(f"\n</{envelope_tag}>")
        if not _safe("".join(vals)):
            return None
        return "".join(out).encode("utf-8")
    except (Decline, AttributeError, TypeError, ValueError, IndexError, UnicodeEncodeError):
        # AttributeError/TypeError: a value of another type than the model declares; the
        # general writer then does whatever it does with it (raise, or hand it to lxml).
        return None
