"""MT101 (request for transfer) → pain.001 customer credit transfer initiation.

Sequence A becomes the group header and the shared debtor side of the
payment-information batches; each sequence B becomes one ``CdtTrfTxInf``
(TA008). MT101 may carry the ordering customer, the account servicing
institution and the charges account per transaction, while pain.001 keeps
them per batch, so consecutive B that share them share a ``PmtInf`` and a
change opens a new one: the transaction order never changes.

Customer fields reuse the payment helpers (59a, 70, 77B, 56a, 57a handlers of
:mod:`finmsg.translate.mt103_in`); what no rule takes is reported (TA016).
Paths are ``MT101:59F[2]`` (second 59F of the message) on the source side.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from lxml import etree

from finmsg.errors import ConversionError
from finmsg.iso20022.writing import format_decimal
from finmsg.model.common import Account, Agent, Extra, GenericId, Party, PartyKind
from finmsg.model.initiation import PaymentInitiation, PaymentInstruction
from finmsg.model.payments import (
    CodeOrProprietary,
    CreditTransferTx,
    GroupHeader,
    Instruction,
    PaymentIds,
    PaymentTypeInfo,
)
from finmsg.mt.message import MtField, MtMessage
from finmsg.translate import (
    codes,
    mt101_rules,  # noqa: F401  (registers the TA rule ids)
)
from finmsg.translate.context import Ctx
from finmsg.translate.headers import Routing, app_header, routing_from_mt, timestamp
from finmsg.translate.mt103_in import HANDLERS, agent_handler, field_paths
from finmsg.translate.mt_parties import agent_from_mt, party_from_mt
from finmsg.translate.mtvalues import amount_from_mt, date_from_mt, decimal_from_mt
from finmsg.translate.text import NOTPROVIDED
from finmsg.translate.txparts import TxParts

__all__ = ["ROOT", "mt101_to_pain001", "sequences"]

ROOT = "/Document/CstmrCdtTrfInitn"
GRP = f"{ROOT}/GrpHdr"
Item = tuple[MtField, str]
#: 23E codes with a pain.001 element of their own (TA012); the others travel as InstrForDbtrAgt text.
CATEGORY_23E = frozenset({"CORT", "INTC"})
CREDITOR_AGENT_23E = frozenset({"CHQB"})
_ORDERING = ("50F", "50G", "50H")
_INSTRUCTING = ("50C", "50L")
_SERVICER = ("52A", "52C")
_INSTR_DBTR_MAX = 140
#: The payment handlers this pair reuses as they are (TA013, TA015).
_SHARED = ("59", "59A", "59F", "70", "77B", "71A")
_AGENTS = {
    "56": agent_handler("intermediary", "IntrmyAgt1", None),
    "57": agent_handler("creditor_agent", "CdtrAgt", None),
}


def sequences(items: list[Item]) -> tuple[list[Item], list[list[Item]]]:
    """Sequence A and each sequence B (a B starts with its field 21)."""
    seq_a: list[Item] = []
    seq_b: list[list[Item]] = []
    for item in items:
        if item[0].tag == "21":
            seq_b.append([item])
        elif seq_b:
            seq_b[-1].append(item)
        else:
            seq_a.append(item)
    return seq_a, seq_b


@dataclass
class _SeqA:
    """What sequence A says once for the whole message."""

    reference: str = NOTPROVIDED
    info_id: str | None = None
    execution: date | None = None
    initiating: Party | None = None
    ordering: Item | None = None
    servicer: Item | None = None
    extras: list[Extra] = field(default_factory=list)


@dataclass
class _Batch:
    key: tuple[str | None, ...]
    ordering: Item | None
    servicer: Item | None
    charges: Item | None
    sequences: list[list[Item]] = field(default_factory=list)
    transactions: list[CreditTransferTx] = field(default_factory=list)


def _first(items: list[Item], tags: tuple[str, ...]) -> Item | None:
    return next((item for item in items if item[0].tag in tags), None)


def _instructing(f: MtField) -> Party:
    """50C is a BIC, 50L a party identifier (TA003)."""
    if f.tag == "50C":
        return Party(kind=PartyKind.ORGANISATION, bic=f.value)
    return Party(kind=PartyKind.ORGANISATION, other_ids=(GenericId(f.value),))


def _sequence_a(ctx: Ctx, items: list[Item]) -> _SeqA:
    a = _SeqA()
    for f, path in items:
        tag = f.tag
        if tag == "20":
            a.reference = f.value
        elif tag == "21R":
            a.info_id = f.value
        elif tag == "28D":
            if f.value != "1/1":
                ctx.add(
                    "mapping.partial",
                    "TA002",
                    f"message {f.value} of a multi-message set: this part alone becomes a pain.001; "
                    "translate every part (they share 21R) and the reverse writes 28D 1/1",
                    path,
                    f"{GRP}/MsgId",
                    f.value,
                )
        elif tag in _INSTRUCTING:
            a.initiating = _instructing(f)
        elif tag in _ORDERING:
            a.ordering = (f, path)
        elif tag in _SERVICER:
            a.servicer = (f, path)
        elif tag == "30":
            a.execution = date_from_mt(f.value, path)
        elif tag == "25":
            auth = etree.Element("Authstn")
            etree.SubElement(auth, "Prtry").text = f.value
            a.extras.append(codes.fragment(f"{GRP}/Authstn", auth))
        else:
            ctx.dropped("TA016", path, None, f.value, f"field {tag} has no place in pain.001")
    return a


def _group(a: _SeqA, seq_b: list[list[Item]]) -> list[_Batch]:
    """Consecutive B with the same debtor side share one batch (TA008)."""
    batches: list[_Batch] = []
    for b in seq_b:
        ordering = _first(b, _ORDERING) or a.ordering
        servicer = _first(b, _SERVICER) or a.servicer
        charges = _first(b, ("25A",))
        key = tuple(item[0].value if item else None for item in (ordering, servicer, charges))
        if not batches or batches[-1].key != key:
            batches.append(_Batch(key, ordering, servicer, charges))
        batches[-1].sequences.append(b)
    return batches


def _report_repeats(ctx: Ctx, seq_b: list[list[Item]], batches: list[_Batch]) -> None:
    """Per-B copies that become one batch value are written once (in sequence A) by the reverse."""
    if len(batches) != 1:
        return
    for tags, what in ((_ORDERING, "ordering customer"), (_SERVICER, "account servicing institution")):
        repeated = [item for b in seq_b if (item := _first(b, tags)) is not None]
        if len(repeated) > 1:
            ctx.info(
                "mapping.merged",
                "TA008",
                f"the same {what} in every sequence B is one PmtInf value; "
                "the reverse translation writes it once in sequence A",
                " ".join(path for _, path in repeated),
                f"{ROOT}/PmtInf[1]",
                repeated[0][0].value,
            )


def mt101_to_pain001(msg: MtMessage, ctx: Ctx, version: str = "pain.001.001.09") -> PaymentInitiation:
    """Translate one MT101 into a pain.001 model (BAH first, group header, batches)."""
    p = msg.path_prefix
    routing = routing_from_mt(msg)
    seq_a_items, seq_b = sequences(field_paths(msg))
    a = _sequence_a(ctx, seq_a_items)
    if a.execution is None:
        raise ConversionError("MT101 has no field 30", code="translate.missing", path=f"{p}:30")
    if not seq_b:
        raise ConversionError("MT101 has no sequence B", code="translate.missing", path=f"{p}:21")
    header = app_header(ctx, routing, a.reference, version, p)
    if routing.priority == "U":
        ctx.dropped(
            "TA016", f"{p}:block2", None, "U", "the FIN priority has no pain.001 element (23E URGP has)"
        )
    uetr = _header_tags(ctx, msg, len(seq_b))
    batches = _group(a, seq_b)
    _report_repeats(ctx, seq_b, batches)
    for n, batch in enumerate(batches, start=1):
        for m, b in enumerate(batch.sequences, start=1):
            tx_path = f"{ROOT}/PmtInf[{n}]/CdtTrfTxInf[{m}]"
            batch.transactions.append(_transaction(ctx, b, tx_path, routing, uetr))
    info_id = a.info_id or a.reference
    payments = tuple(_batch(ctx, batch, n, info_id, a, routing) for n, batch in enumerate(batches, 1))
    initiating = a.initiating or _b_initiating(ctx, seq_b)
    if initiating is None:
        initiating = payments[0].debtor
        ctx.defaulted(
            "TA003",
            f"{p}:50C",
            f"{GRP}/InitgPty",
            "Dbtr",
            "no instructing party (50C/50L): the initiating party is the debtor",
        )
    group = GroupHeader(
        message_id=a.reference,
        creation=timestamp(ctx),
        number_of_transactions=str(len(seq_b)),
        initiating_party=initiating,
        extras=tuple(a.extras),
    )
    return PaymentInitiation(
        message_type=version, family="iso20022", group_header=group, payments=payments, header=header
    )


def _b_initiating(ctx: Ctx, seq_b: list[list[Item]]) -> Party | None:
    """50C/50L given per transaction: the first is the initiating party; another one is reported."""
    found = [item for b in seq_b if (item := _first(b, _INSTRUCTING)) is not None]
    if not found:
        return None
    ctx.info(
        "mapping.merged",
        "TA003",
        "the instructing party of sequence B is the GrpHdr/InitgPty; the reverse writes it in sequence A",
        " ".join(path for _, path in found),
        f"{GRP}/InitgPty",
        found[0][0].value,
    )
    for f, path in found[1:]:
        if f.value != found[0][0].value:
            ctx.dropped("TA003", path, f"{GRP}/InitgPty", f.value, "pain.001 has one initiating party")
    return _instructing(found[0][0])


def _header_tags(ctx: Ctx, msg: MtMessage, count: int) -> str | None:
    """The UETR names one transaction (TA017); other block 3 tags have no place (TA016)."""
    p = msg.path_prefix
    uetr = None
    for tag, value in msg.user_header or ():
        if tag == "108":
            continue  # the MUR: an envelope value, named by the envelope report (TR033)
        if tag == "121" and count == 1:
            uetr = value
        elif tag == "121":
            ctx.dropped(
                "TA017",
                f"{p}:block3/121",
                None,
                value or "",
                "a UETR names one transaction; this MT101 has several",
            )
        else:
            ctx.dropped(
                "TA016", f"{p}:block3/{tag}", None, value or "", f"block 3 tag {tag} has no place in pain.001"
            )
    return uetr


def _debtor(ctx: Ctx, item: Item | None, tgt: str) -> tuple[Party | None, Account | None]:
    """50F as it is, 50G like 50A (account + BIC), 50H like 50K (account + name and address) (TA004)."""
    if item is None:
        return None, None
    f, path = item
    alias = {"50G": "50A", "50H": "50K"}.get(f.tag, f.tag)
    return party_from_mt(ctx, MtField(alias, f.value), path, tgt)


def _batch(ctx: Ctx, batch: _Batch, n: int, info_id: str, a: _SeqA, routing: Routing) -> PaymentInstruction:
    tgt = f"{ROOT}/PmtInf[{n}]"
    debtor, account = _debtor(ctx, batch.ordering, f"{tgt}/Dbtr")
    if debtor is None:
        raise ConversionError(
            "MT101 names no ordering customer (50F/G/H)", code="translate.missing", path="MT101:50a"
        )
    if account is None:
        assert batch.ordering is not None
        ctx.defaulted(
            "TA019",
            batch.ordering[1],
            f"{tgt}/DbtrAcct/Id/Othr/Id",
            NOTPROVIDED,
            "the ordering customer has no account line; DbtrAcct is mandatory",
        )
        account = Account(other=GenericId(NOTPROVIDED))
    agent, agent_account = _servicer(ctx, batch.servicer, f"{tgt}/DbtrAgt", routing)
    charges = None
    if batch.charges is not None:
        charges = Account(other=GenericId(batch.charges[0].value.lstrip("/")))
    return PaymentInstruction(
        payment_info_id=info_id if n == 1 else f"{info_id}-{n}",
        method="TRF",
        number_of_transactions=str(len(batch.transactions)),
        requested_execution_date=a.execution,
        debtor=debtor,
        debtor_account=account,
        debtor_agent=agent,
        debtor_agent_account=agent_account,
        charges_account=charges,
        transactions=tuple(batch.transactions),
    )


def _servicer(ctx: Ctx, item: Item | None, tgt: str, routing: Routing) -> tuple[Agent, Account | None]:
    """52A/52C, or the receiver when absent (TA005)."""
    if item is not None:
        agent, account = agent_from_mt(ctx, item[0], item[1], tgt)
        if agent is not None:
            return agent, account
    return Agent(bic=routing.receiver), None


def _transaction(
    ctx: Ctx, b: list[Item], tx_path: str, routing: Routing, uetr: str | None
) -> CreditTransferTx:
    acc = TxParts(path=tx_path)
    reference = NOTPROVIDED
    amount_32b: tuple[MtField, str] | None = None
    amount_33b: tuple[MtField, str] | None = None
    rate: dict[str, str] = {}
    for_debtor_agent: list[str] = []
    priority: str | None = None
    for f, path in b:
        tag = f.tag
        if tag == "21":
            reference = f.value
        elif tag == "21F":
            rate["CtrctId"] = f.value
        elif tag == "36":
            rate["XchgRate"] = format_decimal(decimal_from_mt(f.value, path))
        elif tag == "32B":
            amount_32b = (f, path)
        elif tag == "33B":
            amount_33b = (f, path)
        elif tag == "23E":
            priority = _23e(f.value, acc, for_debtor_agent) or priority
        elif tag in _SHARED:
            HANDLERS[tag](ctx, f, path, acc, routing)
        elif f.number in _AGENTS:
            _AGENTS[f.number](ctx, f, path, acc, routing)
        elif tag in (*_ORDERING, *_SERVICER, *_INSTRUCTING, "25A"):
            continue  # batch and group level (TA003-TA005, TA014)
        else:
            ctx.dropped("TA016", path, None, f.value, f"field {tag} has no place in pain.001")
    _amounts(ctx, acc, amount_32b, amount_33b, rate)
    if rate:
        info = etree.Element("XchgRateInf")
        for name in ("XchgRate", "CtrctId"):
            if name in rate:
                etree.SubElement(info, name).text = rate[name]
        acc.extras.append(codes.fragment(f"{tx_path}/XchgRateInf", info))
    if for_debtor_agent:
        text = "".join(for_debtor_agent)
        if len(text) > _INSTR_DBTR_MAX:
            ctx.truncated(
                "TA012", f"{tx_path}/23E", f"{tx_path}/InstrForDbtrAgt", text, text[:140], "23E codes"
            )
            text = text[:_INSTR_DBTR_MAX]
        node = etree.Element("InstrForDbtrAgt")
        node.text = text
        acc.extras.append(codes.fragment(f"{tx_path}/InstrForDbtrAgt", node))
    ptype = None
    if priority or acc.category:
        ptype = PaymentTypeInfo(instruction_priority=priority, category_purpose=acc.category)
    values = dict(acc.values)
    ids = PaymentIds(instruction_id=reference, end_to_end_id=acc.end_to_end or NOTPROVIDED, uetr=uetr)
    members: dict[str, object] = {
        "ids": ids,
        "payment_type": ptype,
        "intermediary_agents": tuple(acc.intermediaries[:3]),
        "instructions_for_creditor_agent": tuple(acc.cdtr_instr),
        "extras": tuple(acc.extras),
        **values,
    }
    return CreditTransferTx(**members)  # type: ignore[arg-type]


def _23e(value: str, acc: TxParts, for_debtor_agent: list[str]) -> str | None:
    """One 23E (TA012); returns ``HIGH`` for URGP."""
    code, info = codes.from_23e(value)
    if code == "URGP" and info is None:
        return "HIGH"
    if code in CATEGORY_23E and info is None and acc.category is None:
        acc.category = CodeOrProprietary(code=code)
    elif code in CREDITOR_AGENT_23E and info is None:
        acc.cdtr_instr.append(Instruction(code=code))
    else:
        for_debtor_agent.append(f"/{code}/{info or ''}")
    return None


def _amounts(
    ctx: Ctx,
    acc: TxParts,
    amount_32b: tuple[MtField, str] | None,
    amount_33b: tuple[MtField, str] | None,
    rate: dict[str, str],
) -> None:
    """32B → InstdAmt; a zero 32B with 33B → EqvtAmt (TA010)."""
    if amount_32b is None:
        raise ConversionError("MT101 sequence B without 32B", code="translate.missing", path=acc.path)
    transfer = amount_from_mt(amount_32b[0].value, amount_32b[1])
    if amount_33b is not None and transfer.value == Decimal(0):
        ordered = amount_from_mt(amount_33b[0].value, amount_33b[1])
        eqvt = etree.Element("EqvtAmt")
        amt = etree.SubElement(eqvt, "Amt", Ccy=ordered.currency)
        amt.text = format_decimal(ordered.value)
        etree.SubElement(eqvt, "CcyOfTrf").text = transfer.currency
        acc.extras.append(codes.fragment(f"{acc.path}/Amt/EqvtAmt", eqvt))
        return
    acc.values["instructed_amount"] = transfer
    if amount_33b is not None:
        ctx.dropped(
            "TA010",
            amount_33b[1],
            f"{acc.path}/Amt",
            amount_33b[0].value,
            "the original ordered amount has no pain.001 element next to a non-zero InstdAmt"
            + (" (the rate 36 is kept)" if "XchgRate" in rate else ""),
        )
