"""The fast lane for pacs.008 / pacs.009 (core, COV, ADV): group header and ``CdtTrfTxInf``.

Why: reading a credit transfer was about three times the cost of parsing and
schema-validating it, and a batch run spends most of its time there. The general
reader (:func:`finmsg.iso20022.messages.credit_transfer.read_transaction` over
:class:`~finmsg.iso20022.reading.Node`) builds a cursor per element and probes some
forty optional member names per transaction. Here a transaction is walked once:
one loop over its children dispatching on the full tag, parties, agents, accounts and
addresses mapped in one pass by :mod:`~finmsg.iso20022.fastparties`, model objects
built positionally, and paths formed only when a subtree goes to a general reader.

Same rules as every lane (:mod:`~finmsg.iso20022.fastlane`): a member the general
reader does not map is kept exactly as it keeps it (:func:`unread_extras` runs its own
code); a party, agent, account, payment type, remittance or underlying transfer that
is unusual goes to its general reader with the path it would get (those keep their
leftovers in their own model object); anything else unusual (a repeated member, a
comment, an attribute, an unreadable amount or date, a charge or instruction the
general reader would keep whole, another namespace) declines the whole transaction
(or group header), and the general reader reads the untouched element. The
differential tests (``tests/iso20022/test_transfers_fast.py``) hold the two readers
to the same result.
"""

from __future__ import annotations

from collections.abc import Callable

from finmsg.iso20022.components.payment import read_payment_type
from finmsg.iso20022.fastlane import (
    Decline,
    El,
    NameCache,
    amount,
    attempt,
    boolean,
    children,
    code,
    date_of,
    decimal,
    leaf,
    prefix_of,
    timestamp,
    unread_extras,
)
from finmsg.iso20022.fastparties import PartyLane, PartyNames
from finmsg.iso20022.reading import Node, ReadContext
from finmsg.model.common import Account, Agent, Party
from finmsg.model.payments import (
    AgentAccount,
    Charge,
    CodeOrProprietary,
    CreditTransferTx,
    GroupHeader,
    Instruction,
    PaymentIds,
    PaymentTypeInfo,
    SettlementInfo,
)

__all__ = ["map_group_header", "map_transaction", "map_transfer_body"]

GeneralTx = Callable[[Node, bool], CreditTransferTx]
GeneralHeader = Callable[[Node], GroupHeader]

#: Single members of a transaction; those from ``PrvsInstgAgt1`` on take part in chains.
_TX = (
    "PmtId",
    "PmtTpInf",
    "IntrBkSttlmAmt",
    "IntrBkSttlmDt",
    "SttlmPrty",
    "InstdAmt",
    "XchgRate",
    "ChrgBr",
    "InstgAgt",
    "InstdAgt",
    "UltmtDbtr",
    "InitgPty",
    "Dbtr",
    "DbtrAcct",
    "DbtrAgt",
    "DbtrAgtAcct",
    "CdtrAgt",
    "CdtrAgtAcct",
    "Cdtr",
    "CdtrAcct",
    "UltmtCdtr",
    "Purp",
    "RmtInf",
    "UndrlygCstmrCdtTrf",
    "PrvsInstgAgt1",
    "PrvsInstgAgt2",
    "PrvsInstgAgt3",
    "PrvsInstgAgt1Acct",
    "PrvsInstgAgt2Acct",
    "PrvsInstgAgt3Acct",
    "IntrmyAgt1",
    "IntrmyAgt2",
    "IntrmyAgt3",
    "IntrmyAgt1Acct",
    "IntrmyAgt2Acct",
    "IntrmyAgt3Acct",
)
_SINGLE = len(_TX)
#: Members that repeat; slots after the single ones (each gathers a list).
_REPEATED = ("ChrgsInf", "InstrForCdtrAgt", "InstrForNxtAgt")
_PREVIOUS = _TX.index("PrvsInstgAgt1")
#: The six slots of a chain (three agents, three accounts) when none is present.
_ABSENT_CHAIN: list[El | None] = [None] * 6
_INTERMEDIARY = _TX.index("IntrmyAgt1")
_IDS = {"InstrId": 0, "EndToEndId": 1, "TxId": 2, "UETR": 3, "ClrSysRef": 4}
_HEADER = {
    name: slot
    for slot, name in enumerate(
        (
            "MsgId",
            "CreDtTm",
            "NbOfTxs",
            "BtchBookg",
            "CtrlSum",
            "TtlIntrBkSttlmAmt",
            "IntrBkSttlmDt",
            "SttlmInf",
            "InitgPty",
            "InstgAgt",
            "InstdAgt",
        )
    )
}
#: SttlmInf members; the reimbursement agents (slots 3-5) each with its account (6-8).
_SETTLEMENT = {
    name: slot
    for slot, name in enumerate(
        (
            "SttlmMtd",
            "SttlmAcct",
            "ClrSys",
            "InstgRmbrsmntAgt",
            "InstdRmbrsmntAgt",
            "ThrdRmbrsmntAgt",
            "InstgRmbrsmntAgtAcct",
            "InstdRmbrsmntAgtAcct",
            "ThrdRmbrsmntAgtAcct",
        )
    )
}
_REIMBURSEMENT = ("InstgRmbrsmntAgt", "InstdRmbrsmntAgt", "ThrdRmbrsmntAgt")


class _Names(PartyNames):
    """The shared names plus the transfer's own, under one namespace prefix."""

    def __init__(self, prefix: str) -> None:
        super().__init__(prefix)
        self.tx = self.table({name: slot for slot, name in enumerate(_TX + _REPEATED)})
        self.ids = self.table(_IDS)
        self.header = self.table(_HEADER)
        self.settlement = self.table(_SETTLEMENT)
        p = prefix
        self.agt, self.amt, self.instr_inf = p + "Agt", p + "Amt", p + "InstrInf"
        self.grp_hdr, self.cdt_trf_tx_inf, self.svc_lvl = p + "GrpHdr", p + "CdtTrfTxInf", p + "SvcLvl"
        self.instr_prty, self.clr_chanl = p + "InstrPrty", p + "ClrChanl"
        self.lcl_instrm, self.ctgy_purp = p + "LclInstrm", p + "CtgyPurp"


_names = NameCache(_Names)


class _Walk(PartyLane):
    """The walk of one message body: names, read context, and the general transaction reader."""

    __slots__ = ("general_tx",)
    n: _Names

    def __init__(self, n: _Names, ctx: ReadContext, general_tx: GeneralTx) -> None:
        super().__init__(n, ctx)
        self.general_tx = general_tx

    def party_or_agent(self, el: El, base: str, name: str, fi: bool) -> Party | Agent:
        return self.agent_at(el, base, name) if fi else self.party_at(el, base, name)

    def chain(self, found: list[El | None], start: int, base: str, prefix: str) -> tuple[AgentAccount, ...]:
        """``{prefix}1..3`` with their accounts; an account without its agent stays an extra."""
        if found[start : start + 6] == _ABSENT_CHAIN:
            return ()  # the usual case: one slice compared instead of the loop below
        out = []
        for i in range(3):
            agent, account = found[start + i], found[start + 3 + i]
            if agent is None:
                if account is not None:
                    raise Decline
                continue
            number = "123"[i]
            out.append(
                AgentAccount(
                    self.agent_at(agent, base, prefix + number),
                    None if account is None else self.account_at(account, base, f"{prefix}{number}Acct"),
                )
            )
        return tuple(out)

    def transaction(self, el: El, path: str, fi: bool) -> CreditTransferTx:
        n = self.n
        if el.keys():
            raise Decline
        found: list[El | None] = [None] * _SINGLE
        charges: list[El] = []
        for_creditor_agent: list[El] = []
        for_next_agent: list[El] = []
        repeated = (charges, for_creditor_agent, for_next_agent)
        table = n.tx
        prefix = n.prefix
        unknown: list[El] = []
        for kid in children(el):
            tag = kid.tag
            slot = table.get(tag)
            if slot is None:
                if not isinstance(tag, str) or not tag.startswith(prefix):
                    raise Decline  # a comment, or a member of another namespace
                unknown.append(kid)  # a member the general reader keeps as an extra
            elif slot >= _SINGLE:
                repeated[slot - _SINGLE].append(kid)
            elif found[slot] is None:
                found[slot] = kid
            else:
                raise Decline  # a repeated member: the later ones stay extras
        (pmt_id, ptp, sttlm_amt, sttlm_dt, priority, instd_amt, rate, bearer) = found[:8]
        (instg, instd, ult_dbtr, initg, dbtr, dbtr_acct, dbtr_agt, dbtr_agt_acct) = found[8:16]
        (cdtr_agt, cdtr_agt_acct, cdtr, cdtr_acct, ult_cdtr, purp, rmt, und) = found[16:24]
        return CreditTransferTx(
            PaymentIds() if pmt_id is None else self.payment_ids(pmt_id),
            None if ptp is None else self.payment_type(ptp, path),
            None if sttlm_amt is None else amount(sttlm_amt),
            None if sttlm_dt is None else date_of(sttlm_dt),
            None if priority is None else leaf(priority),
            None if instd_amt is None else amount(instd_amt),
            None if rate is None else decimal(rate),
            None if bearer is None else leaf(bearer),
            tuple([self.charge(c) for c in charges]) if charges else (),
            self.chain(found, _PREVIOUS, path, "PrvsInstgAgt"),
            None if instg is None else self.agent_at(instg, path, "InstgAgt"),
            None if instd is None else self.agent_at(instd, path, "InstdAgt"),
            self.chain(found, _INTERMEDIARY, path, "IntrmyAgt"),
            None if ult_dbtr is None else self.party_or_agent(ult_dbtr, path, "UltmtDbtr", fi),  # type: ignore[arg-type]
            None if initg is None else self.party_at(initg, path, "InitgPty"),
            None if dbtr is None else self.party_or_agent(dbtr, path, "Dbtr", fi),
            None if dbtr_acct is None else self.account_at(dbtr_acct, path, "DbtrAcct"),
            None if dbtr_agt is None else self.agent_at(dbtr_agt, path, "DbtrAgt"),
            None if dbtr_agt_acct is None else self.account_at(dbtr_agt_acct, path, "DbtrAgtAcct"),
            None if cdtr_agt is None else self.agent_at(cdtr_agt, path, "CdtrAgt"),
            None if cdtr_agt_acct is None else self.account_at(cdtr_agt_acct, path, "CdtrAgtAcct"),
            None if cdtr is None else self.party_or_agent(cdtr, path, "Cdtr", fi),
            None if cdtr_acct is None else self.account_at(cdtr_acct, path, "CdtrAcct"),
            None if ult_cdtr is None else self.party_or_agent(ult_cdtr, path, "UltmtCdtr", fi),  # type: ignore[arg-type]
            tuple([self.instruction(i) for i in for_creditor_agent]) if for_creditor_agent else (),
            tuple([self.instruction(i) for i in for_next_agent]) if for_next_agent else (),
            None if purp is None else code(purp, n),
            None if rmt is None else self.remittance_at(rmt, path),
            None if und is None else self.underlying(und, f"{path}/UndrlygCstmrCdtTrf"),
            unread_extras(el, path, self.ctx, unknown, n.cut) if unknown else (),
        )

    def underlying(self, el: El, path: str) -> CreditTransferTx:
        """The customer transfer under a COV, which keeps its own extras: else its general reader."""
        try:
            return self.transaction(el, path, False)
        except Decline:
            return self.general_tx(Node(el, path, self.ctx), False)

    def payment_ids(self, el: El) -> PaymentIds:
        """``PmtId`` of plain, distinct references (else the general reader keeps it whole)."""
        values: list[str | None] = [None] * 5
        table = self.n.ids
        if el.keys():
            raise Decline
        for kid in children(el):
            slot = table.get(kid.tag)
            if slot is None or values[slot] is not None:
                raise Decline
            values[slot] = leaf(kid)
        return PaymentIds(*values)

    def payment_type(self, el: El, base: str) -> PaymentTypeInfo:
        try:
            return self._payment_type(el)
        except Decline:
            return self.general(read_payment_type, el, f"{base}/PmtTpInf")

    def _payment_type(self, el: El) -> PaymentTypeInfo:
        n = self.n
        priority = channel = None
        local = category = None
        levels: list[CodeOrProprietary] = []
        if el.keys():
            raise Decline
        for kid in children(el):
            tag = kid.tag
            if tag == n.svc_lvl:
                level = code(kid, n)
                if level.code is None and level.proprietary is None:
                    raise Decline  # an empty service level stays an extra
                levels.append(level)
            elif tag == n.lcl_instrm and local is None:
                local = code(kid, n)
            elif tag == n.ctgy_purp and category is None:
                category = code(kid, n)
            elif tag == n.instr_prty and priority is None:
                priority = leaf(kid)
            elif tag == n.clr_chanl and channel is None:
                channel = leaf(kid)
            else:
                raise Decline
        return PaymentTypeInfo(priority, channel, tuple(levels), local, category, ())

    def charge(self, el: El) -> Charge:
        """A ``ChrgsInf`` read whole (amount, plain agent, type) or declined: the general
        reader keeps a charge it cannot read whole as an extra of the transaction."""
        n = self.n
        value = agent = kind = None
        if el.keys():
            raise Decline
        for kid in children(el):
            tag = kid.tag
            if tag == n.amt and value is None:
                value = amount(kid)
            elif tag == n.agt and agent is None:
                agent = self.agent(kid)
            elif tag == n.tp and kind is None:
                kind = code(kid, n)
            else:
                raise Decline
        if value is None or agent is None:
            raise Decline
        return Charge(value, agent, kind)

    def instruction(self, el: El) -> Instruction:
        n = self.n
        cd = info = None
        if el.keys():
            raise Decline
        for kid in children(el):
            tag = kid.tag
            if tag == n.cd and cd is None:
                cd = leaf(kid)
            elif tag == n.instr_inf and info is None:
                info = leaf(kid)
            else:
                raise Decline
        if cd is None and info is None:
            raise Decline
        return Instruction(cd, info)

    def group_header(self, el: El, path: str) -> GroupHeader:
        n = self.n
        found: list[El | None] = [None] * 11
        table = n.header
        if el.keys():
            raise Decline
        for kid in children(el):
            slot = table.get(kid.tag)
            if slot is None or found[slot] is not None:
                raise Decline
            found[slot] = kid
        msg_id, created, count, batch, ctrl, total, sttlm_date, sttlm, initg, instg, instd = found
        return GroupHeader(
            "" if msg_id is None else leaf(msg_id),
            None if created is None else timestamp(created),
            None if count is None else leaf(count),
            None if ctrl is None else decimal(ctrl),
            None if total is None else amount(total),
            None if sttlm_date is None else date_of(sttlm_date),
            None if sttlm is None else self.settlement(sttlm, f"{path}/SttlmInf"),
            None if instg is None else self.agent_at(instg, path, "InstgAgt"),
            None if instd is None else self.agent_at(instd, path, "InstdAgt"),
            None if initg is None else self.party_at(initg, path, "InitgPty"),
            None if batch is None else boolean(batch),
            (),
        )

    def settlement(self, el: El, path: str) -> SettlementInfo:
        n = self.n
        found: list[El | None] = [None] * 9
        table = n.settlement
        if el.keys():
            raise Decline
        for kid in children(el):
            slot = table.get(kid.tag)
            if slot is None or found[slot] is not None:
                raise Decline
            found[slot] = kid
        method, account, system = found[:3]
        reimbursement: list[AgentAccount | None] = [None, None, None]
        for i in range(3):
            agent, agent_account = found[3 + i], found[6 + i]
            if agent is None:
                if agent_account is not None:
                    raise Decline  # an account without its agent stays an extra
                continue
            name = _REIMBURSEMENT[i]
            reimbursement[i] = AgentAccount(
                self.agent_at(agent, path, name),
                None if agent_account is None else self.account_at(agent_account, path, name + "Acct"),
            )
        settlement_account: Account | None = None
        if account is not None:
            settlement_account = self.account_at(account, path, "SttlmAcct")
        return SettlementInfo(
            "" if method is None else leaf(method),
            settlement_account,
            None if system is None else code(system, n),
            reimbursement[0],
            reimbursement[1],
            reimbursement[2],
            (),
        )


def map_transaction(
    el: El, path: str, ctx: ReadContext, fi: bool, general_tx: GeneralTx
) -> CreditTransferTx | None:
    """``CdtTrfTxInf`` ``el`` (at ``path``) as ``general_tx`` maps it, or None to leave it to that reader.

    ``fi``: a pacs.009 transaction (agents where pacs.008 has parties). Diagnostics a declined
    attempt may have produced are taken back out of ``ctx``.
    """
    tag = el.tag
    if not isinstance(tag, str):
        return None  # type: ignore[unreachable]  # lxml-stubs type every tag as str
    walk = _Walk(_names(prefix_of(tag)), ctx, general_tx)
    return attempt(ctx, lambda: walk.transaction(el, path, fi))


def map_group_header(el: El, path: str, ctx: ReadContext) -> GroupHeader | None:
    """``GrpHdr`` ``el`` (at ``path``) as ``read_group_header`` maps it, or None to leave it to it."""
    tag = el.tag
    if not isinstance(tag, str):
        return None  # type: ignore[unreachable]  # lxml-stubs type every tag as str
    walk = _Walk(_names(prefix_of(tag)), ctx, _no_general)
    return attempt(ctx, lambda: walk.group_header(el, path))


def _no_general(node: Node, fi: bool) -> CreditTransferTx:
    raise Decline  # a group header holds no transaction


def map_transfer_body(
    el: El,
    path: str,
    ctx: ReadContext,
    fi: bool,
    general_tx: GeneralTx,
    general_header: GeneralHeader,
) -> tuple[GroupHeader, tuple[CreditTransferTx, ...]] | None:
    """The group header and transactions of a pacs.008/009 body ``el`` at ``path``, as the
    general reader maps them: each transaction (and the header) the lane declines is read by
    ``general_tx`` / ``general_header``. None when the body holds anything but one ``GrpHdr``
    and the ``CdtTrfTxInf`` (the general reader then reads the whole body).
    """
    tag = el.tag
    if not isinstance(tag, str) or el.keys():
        return None
    n = _names(prefix_of(tag))
    header_el = None
    tx_els: list[El] = []
    for kid in children(el):
        kid_tag = kid.tag
        if kid_tag == n.cdt_trf_tx_inf:
            tx_els.append(kid)
        elif kid_tag == n.grp_hdr and header_el is None:
            header_el = kid
        else:
            return None
    if header_el is None:
        return None
    walk = _Walk(n, ctx, general_tx)
    header_path = f"{path}/GrpHdr"
    header = attempt(ctx, lambda: walk.group_header(header_el, header_path))
    if header is None:
        header = general_header(Node(header_el, header_path, ctx))
    txs = []
    for index, tx_el in enumerate(tx_els, 1):
        tx_path = f"{path}/CdtTrfTxInf[{index}]"
        tx = attempt(ctx, lambda: walk.transaction(tx_el, tx_path, fi))  # noqa: B023 - called at once
        txs.append(general_tx(Node(tx_el, tx_path, ctx), fi) if tx is None else tx)
    return header, tuple(txs)
