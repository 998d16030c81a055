"""pain.001 → MT101 (the reverse of :mod:`finmsg.translate.mt101_in`).

The BAH gives the routing (TR001); the group header gives sequence A; every
``CdtTrfTxInf`` of the batches that can share one MT101 gives a sequence B.
The debtor side is written once in sequence A when every batch has the same
one, else in each B (MT101 rule C2). A batch with another execution date or a
cheque method cannot join (TA018); members without an MT101 field are
reported (TA016), never dropped silently.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from finmsg.errors import ConversionError
from finmsg.iso20022.envelope import local_name
from finmsg.model.common import Account, Agent, Extra, Party
from finmsg.model.initiation import PaymentInitiation, PaymentInstruction
from finmsg.model.payments import CodeOrProprietary, CreditTransferTx, PaymentTypeInfo
from finmsg.mt.message import MtField, MtMessage
from finmsg.mt.writer import make_user_header
from finmsg.translate import (
    codes,
    mt101_rules,  # noqa: F401  (registers the TA rule ids)
)
from finmsg.translate.bics import same_bic
from finmsg.translate.context import Ctx
from finmsg.translate.headers import build_message, routing_from_mx
from finmsg.translate.mt101_in import CATEGORY_23E, CREDITOR_AGENT_23E, ROOT
from finmsg.translate.mt103_out import remittance_field
from finmsg.translate.mtvalues import amount_to_mt, date_to_mt, decimal_from_mt, decimal_to_mt
from finmsg.translate.mx_parties import agent_field, party_field
from finmsg.translate.nested_extras import report_nested_extras
from finmsg.translate.text import NOTPROVIDED, reference16, to_x

__all__ = ["pain001_to_mt101"]

_BEARER = {"DEBT": "OUR", "CRED": "BEN", "SHAR": "SHA"}
_OPTION_101 = {"50A": "50G", "50K": "50H"}
_CODED = re.compile(r"/([A-Z0-9]{4})/([^/]*)")
#: Transaction fragments this module reads back itself.
_HANDLED = ("XchgRateInf", "InstrForDbtrAgt", "RgltryRptg", "EqvtAmt")
P = "MT101"


def _children(extra: Extra) -> dict[str, str]:
    el = codes.read_fragment(extra)
    out = {local_name(child.tag): child.text or "" for child in el.iterchildren("{*}*")}
    if el.text and el.text.strip():
        out[""] = el.text
    for child in el.iterchildren("{*}*"):
        if child.get("Ccy"):
            out[f"{local_name(child.tag)}@Ccy"] = child.get("Ccy") or ""
    return out


def _fragment(extras: tuple[Extra, ...], name: str) -> dict[str, str] | None:
    for extra in extras:
        if extra.source == "iso20022" and extra.path.rsplit("/", 1)[-1].split("[")[0] == name:
            return _children(extra)
    return None


def _execution(ctx: Ctx, batch: PaymentInstruction, src: str) -> date:
    if batch.requested_execution_date is not None:
        return batch.requested_execution_date
    if batch.requested_execution_datetime is not None:
        stamp = batch.requested_execution_datetime
        ctx.add(
            "lossy.truncated",
            "TA006",
            "field 30 is a date: the time of day and its offset are not carried",
            f"{src}/ReqdExctnDt/DtTm",
            f"{P}:30",
            stamp.text,
            stamp.value.strftime("%y%m%d"),
        )
        return stamp.value.date()
    raise ConversionError("PmtInf has no ReqdExctnDt", code="translate.missing", path=f"{src}/ReqdExctnDt")


def _kept_batches(ctx: Ctx, message: PaymentInitiation) -> tuple[date, list[tuple[int, PaymentInstruction]]]:
    """The batches that fit one MT101: same execution date as the first, credit transfer method (TA018)."""
    first = message.payments[0]
    day = _execution(ctx, first, f"{ROOT}/PmtInf[1]")
    kept: list[tuple[int, PaymentInstruction]] = []
    for n, batch in enumerate(message.payments, start=1):
        src = f"{ROOT}/PmtInf[{n}]"
        when = day if n == 1 else _execution(ctx, batch, src)
        why = None
        if batch.method not in ("TRF", "TRA"):
            why = f"payment method {batch.method} is not a credit transfer MT101 can request"
        elif when != day:
            why = f"execution date {when} differs from {day} (MT101 field 30 is one date)"
        if why is None:
            kept.append((n, batch))
            continue
        for m, tx in enumerate(batch.transactions, start=1):
            ctx.dropped("TA018", f"{src}/CdtTrfTxInf[{m}]", None, tx.ids.instruction_id or "", why)
    return day, kept


def pain001_to_mt101(message: PaymentInitiation, ctx: Ctx) -> MtMessage:
    """Translate a pain.001 into one MT101 (one sequence B per kept transaction)."""
    ctx.mt_prefix = P
    if not message.payments or not message.transactions:
        raise ConversionError("pain.001 without a transaction", code="translate.empty", path=ROOT)
    grp = message.group_header
    day, kept = _kept_batches(ctx, message)
    first = kept[0][1]
    routing = routing_from_mx(message.header, None, first.debtor_agent, ctx.options)
    fields: list[MtField] = [
        MtField("20", reference16(ctx, grp.message_id, f"{ROOT}/GrpHdr/MsgId", f"{P}:20"))
    ]
    if first.payment_info_id and first.payment_info_id != grp.message_id:
        fields.append(
            MtField("21R", reference16(ctx, first.payment_info_id, f"{ROOT}/PmtInf[1]/PmtInfId", f"{P}:21R"))
        )
    ctx.defaulted("TA002", None, f"{P}:28D", "1/1", "one pain.001 is one complete MT101 (28D 1/1)")
    fields.append(MtField("28D", "1/1"))
    fields.extend(_instructing(ctx, grp.initiating_party, [b for _, b in kept]))
    debtors_same = all((b.debtor, b.debtor_account) == (first.debtor, first.debtor_account) for _, b in kept)
    agents_same = all(
        (b.debtor_agent, b.debtor_agent_account) == (first.debtor_agent, first.debtor_agent_account)
        for _, b in kept
    )
    src1 = f"{ROOT}/PmtInf[{kept[0][0]}]"
    if debtors_same:
        fields.append(_ordering(ctx, first, src1))
    if agents_same:
        fields.extend(_servicer(ctx, first, src1, routing.receiver))
    fields.append(MtField("30", date_to_mt(day, f"{src1}/ReqdExctnDt")))
    fields.extend(_authorisation(ctx, grp.extras))
    count = 0
    uetrs: list[tuple[str, str]] = []
    for n, batch in kept:
        src = f"{ROOT}/PmtInf[{n}]"
        _report_batch(ctx, batch, src, n, kept[0][1].payment_info_id)
        for m, tx in enumerate(batch.transactions, start=1):
            tx_src = f"{src}/CdtTrfTxInf[{m}]"
            fields.extend(
                _sequence_b(ctx, batch, tx, tx_src, src, not debtors_same, not agents_same, routing.receiver)
            )
            if tx.ids.uetr:
                uetrs.append((tx.ids.uetr, tx_src))
            count += 1
    uetr = None
    if count == 1 and uetrs:
        uetr = uetrs[0][0]
    else:
        for value, src in uetrs:
            ctx.dropped(
                "TA017",
                f"{src}/PmtId/UETR",
                f"{P}:block3/121",
                value,
                "block 3 names one UETR; this MT101 has several transactions",
            )
    for extra in (*grp.extras, *message.extras):
        if extra.path.rsplit("/", 1)[-1].split("[")[0] != "Authstn":
            ctx.dropped(
                "TA016", extra.path, None, extra.content, "message-level element has no place in MT101"
            )
    batches = [batch for _, batch in kept]
    handled = (grp, *batches, *(tx for batch in batches for tx in batch.transactions))
    report_nested_extras(ctx, (grp, *batches), own=handled)
    built = build_message(routing, "101", "101", "N", make_user_header(uetr), fields)
    return built if uetr is not None else replace(built, user_header=None)  # no empty block 3


def describe(value: object) -> str:
    """A short text of a dropped member for the diagnostic (name, identifier or code, not a repr)."""
    if isinstance(value, (list, tuple)):
        return " ".join(describe(v) for v in value)
    if isinstance(value, CodeOrProprietary):
        return value.value or ""
    if isinstance(value, (Party, Agent)):
        return " ".join(v for v in (value.name, value.bic, value.lei) if v) or (
            value.address.town_name or "" if value.address else ""
        )
    if isinstance(value, Account):
        return value.identifier or ""
    if isinstance(value, PaymentTypeInfo):
        parts = [value.instruction_priority, *(s.value for s in value.service_levels)]
        parts += [c.value for c in (value.local_instrument, value.category_purpose) if c is not None]
        return " ".join(p for p in parts if p)
    return str(value)


def _instructing(ctx: Ctx, party: Party | None, batches: list[PaymentInstruction]) -> list[MtField]:
    """InitgPty → 50C (BIC) or 50L (identifier); the debtor itself needs no 50C/L (TA003)."""
    src = f"{ROOT}/GrpHdr/InitgPty"
    if party is None or any(party == b.debtor for b in batches):
        return []
    if party.bic:
        out = [MtField("50C", party.bic)]
        rest = [v for v in (party.name, party.lei, *(o.id for o in party.other_ids)) if v]
    elif party.other_ids:
        out = [MtField("50L", to_x(ctx, party.other_ids[0].id[:35], src, f"{P}:50L"))]
        rest = [v for v in (party.name, party.lei, *(o.id for o in party.other_ids[1:])) if v]
    else:
        out, rest = [], [party.name or ""]
    for value in rest:
        ctx.dropped(
            "TA003",
            src,
            f"{P}:50C",
            value,
            "50C/50L carry one BIC or one identifier of the instructing party",
        )
    if party.address is not None and out:
        ctx.dropped(
            "TA003",
            f"{src}/PstlAdr",
            out[0].tag,
            str(party.address.town_name or ""),
            "50C/50L carry no address",
        )
    return out


def _ordering(ctx: Ctx, batch: PaymentInstruction, src: str) -> MtField:
    """Dbtr + DbtrAcct → 50F, 50G (BIC) or 50H (name and address) (TA004)."""
    account = batch.debtor_account
    f = party_field(ctx, "50", batch.debtor, account, f"{src}/Dbtr")
    tag = _OPTION_101.get(f.tag, f.tag)
    value = f.value
    if tag in ("50G", "50H") and not value.startswith("/"):
        ctx.defaulted(
            "TA019", f"{src}/DbtrAcct", f"{P}:{tag}", f"/{NOTPROVIDED}", "50G/50H need an account line"
        )
        value = f"/{NOTPROVIDED}\n{value}"
    elif account is not None and account.identifier == NOTPROVIDED and tag == "50F":
        value = value.split("\n", 1)[1] if value.startswith(f"/{NOTPROVIDED}\n") else value
    return MtField(tag, value)


def _is_default(agent: Agent | None, account: Account | None, receiver: str | None) -> bool:
    return agent is None or (
        account is None and same_bic(agent.bic, receiver) and agent == Agent(bic=agent.bic)
    )


def _servicer(ctx: Ctx, batch: PaymentInstruction, src: str, receiver: str | None) -> list[MtField]:
    """DbtrAgt → 52A/52C unless it is the receiver (TA005)."""
    if _is_default(batch.debtor_agent, batch.debtor_agent_account, receiver):
        return []
    assert batch.debtor_agent is not None
    f = agent_field(ctx, "52", "AC", batch.debtor_agent, batch.debtor_agent_account, f"{src}/DbtrAgt")
    return [f] if f is not None else []


def _authorisation(ctx: Ctx, extras: tuple[Extra, ...]) -> list[MtField]:
    auth = _fragment(extras, "Authstn")
    if auth is None:
        return []
    text = auth.get("Prtry") or auth.get("Cd") or ""
    src = f"{ROOT}/GrpHdr/Authstn"
    value = to_x(ctx, text, src, f"{P}:25")
    if len(value) > 35:
        ctx.truncated("TA007", src, f"{P}:25", text, value[:35], "authorisation")
        value = value[:35]
    return [MtField("25", value)] if value else []


def _report_batch(ctx: Ctx, batch: PaymentInstruction, src: str, n: int, first_id: str) -> None:
    """Batch members without an MT101 field (TA016)."""
    unwritable: dict[str, object] = {
        "PmtTpInf": batch.payment_type,
        "UltmtDbtr": batch.ultimate_debtor,
        "InstrForDbtrAgt": batch.instruction_for_debtor_agent,
        "ChrgsAcctAgt": batch.charges_account_agent,
    }
    for name, value in unwritable.items():
        if value is not None:
            ctx.dropped("TA016", f"{src}/{name}", None, describe(value), f"PmtInf/{name} has no MT101 field")
    if n > 1 and batch.payment_info_id not in (first_id, f"{first_id}-{n}"):
        ctx.dropped("TA001", f"{src}/PmtInfId", f"{P}:21R", batch.payment_info_id, "MT101 has one 21R")
    for extra in batch.extras:
        ctx.dropped("TA016", extra.path, None, extra.content, "batch element has no place in MT101")


def _sequence_b(
    ctx: Ctx,
    batch: PaymentInstruction,
    tx: CreditTransferTx,
    src: str,
    batch_src: str,
    with_debtor: bool,
    with_agent: bool,
    receiver: str | None,
) -> list[MtField]:
    ref = tx.ids.instruction_id or tx.ids.end_to_end_id
    out = [MtField("21", reference16(ctx, ref, f"{src}/PmtId/InstrId", f"{P}:21"))]
    rate = _fragment(tx.extras, "XchgRateInf") or {}
    if rate.get("CtrctId"):
        out.append(
            MtField("21F", reference16(ctx, rate["CtrctId"], f"{src}/XchgRateInf/CtrctId", f"{P}:21F"))
        )
    out.extend(_codes_23e(ctx, batch, tx, src))
    out.extend(_amounts(ctx, tx, src))
    if with_debtor:
        out.append(_ordering(ctx, batch, batch_src))
    if with_agent:
        out.extend(_servicer(ctx, batch, batch_src, receiver))
    if tx.intermediary_agents:
        inter = tx.intermediary_agents[0]
        f56 = agent_field(ctx, "56", "ACD", inter.agent, inter.account, f"{src}/IntrmyAgt1")
        out.extend([f56] if f56 else [])
    for k, more in enumerate(tx.intermediary_agents[1:], start=2):
        ctx.dropped(
            "TA016",
            f"{src}/IntrmyAgt{k}",
            f"{P}:56a",
            more.agent.bic or more.agent.name or "",
            "MT101 has one intermediary",
        )
    if tx.creditor_agent is not None:
        f57 = agent_field(ctx, "57", "ACD", tx.creditor_agent, tx.creditor_agent_account, f"{src}/CdtrAgt")
        out.extend([f57] if f57 else [])
    out.append(party_field(ctx, "59", tx.creditor, tx.creditor_account, f"{src}/Cdtr"))
    remittance = remittance_field(ctx, tx, src, f"{P}:70")
    if remittance is not None:
        out.append(remittance)
    out.extend(_regulatory(tx))
    instd = _fragment(tx.extras, "EqvtAmt")
    if instd is not None:
        out.append(
            MtField(
                "33B",
                instd.get("Amt@Ccy", "")
                + decimal_to_mt(decimal_from_mt(instd.get("Amt", "0").replace(".", ","), src)),
            )
        )
    out.append(MtField("71A", _bearer(ctx, tx.charge_bearer or batch.charge_bearer, src)))
    if batch.charges_account is not None and batch.charges_account.identifier:
        out.append(MtField("25A", f"/{batch.charges_account.identifier}"))
    if rate.get("XchgRate"):
        out.append(MtField("36", decimal_to_mt(decimal_from_mt(rate["XchgRate"].replace(".", ","), src))))
    _report_tx(ctx, tx, src)
    return out


def _codes_23e(ctx: Ctx, batch: PaymentInstruction, tx: CreditTransferTx, src: str) -> list[MtField]:
    """23E from InstrPrty HIGH, CtgyPurp, InstrForCdtrAgt CHQB and coded InstrForDbtrAgt text (TA012)."""
    out: list[MtField] = []
    ptype = tx.payment_type or batch.payment_type
    if ptype is not None and ptype.instruction_priority == "HIGH":
        out.append(MtField("23E", "URGP"))
    cat = ptype.category_purpose if ptype else None
    if cat is not None and cat.code in CATEGORY_23E:
        out.append(MtField("23E", cat.code))
    elif cat is not None and tx.payment_type is not None:
        ctx.dropped(
            "TA012", f"{src}/PmtTpInf/CtgyPurp", f"{P}:23E", describe(cat), "no MT101 23E code for it"
        )
    if tx.payment_type is not None:
        members: tuple[tuple[str, object], ...] = (
            ("SvcLvl", tx.payment_type.service_levels),
            ("LclInstrm", tx.payment_type.local_instrument),
        )
        for member, given in members:
            if given:
                ctx.dropped(
                    "TA012",
                    f"{src}/PmtTpInf/{member}",
                    f"{P}:23E",
                    describe(given),
                    "no MT101 23E code for it",
                )
    for instr in tx.instructions_for_creditor_agent:
        if instr.code in CREDITOR_AGENT_23E and not instr.info:
            out.append(MtField("23E", instr.code))
        else:
            ctx.dropped(
                "TA012",
                f"{src}/InstrForCdtrAgt",
                f"{P}:23E",
                f"{instr.code or ''} {instr.info or ''}".strip(),
                "no MT101 23E code for it",
            )
    text = (_fragment(tx.extras, "InstrForDbtrAgt") or {}).get("", "")
    rest = _CODED.sub("", text).strip()
    for code, info in _CODED.findall(text):
        value = to_x(ctx, info, f"{src}/InstrForDbtrAgt", f"{P}:23E")
        if len(value) > 30:
            ctx.truncated("TA012", f"{src}/InstrForDbtrAgt", f"{P}:23E", info, value[:30], "23E information")
            value = value[:30]
        out.append(MtField("23E", codes.code_23e(code, value or None)))
    if rest:
        ctx.dropped(
            "TA012", f"{src}/InstrForDbtrAgt", f"{P}:23E", rest, "free text without a /CODE/ has no 23E"
        )
    return out


def _amounts(ctx: Ctx, tx: CreditTransferTx, src: str) -> list[MtField]:
    """InstdAmt → 32B; EqvtAmt → 32B (transfer currency, zero) and 33B (TA010)."""
    if tx.instructed_amount is not None:
        return [MtField("32B", amount_to_mt(tx.instructed_amount))]
    eqvt = _fragment(tx.extras, "EqvtAmt")
    if eqvt is not None and eqvt.get("CcyOfTrf"):
        return [MtField("32B", f"{eqvt['CcyOfTrf']}0,")]
    raise ConversionError("CdtTrfTxInf has no amount", code="translate.missing", path=f"{src}/Amt")


def _bearer(ctx: Ctx, bearer: str | None, src: str) -> str:
    code = _BEARER.get(bearer or "")
    if code is None and bearer is None:
        ctx.defaulted("TA015", f"{src}/ChrgBr", f"{P}:71A", "SHA", "charge bearer missing; 71A is mandatory")
    elif code is None:
        ctx.add(
            "lossy.mapped",
            "TA015",
            f"charge bearer {bearer} has no 71A code; SHA is the closest",
            f"{src}/ChrgBr",
            f"{P}:71A",
            bearer,
            "SHA",
        )
    return code or "SHA"


def _regulatory(tx: CreditTransferTx) -> list[MtField]:
    for extra in tx.extras:
        if extra.source == "iso20022" and extra.path.rsplit("/", 1)[-1].startswith("RgltryRptg"):
            lines = codes.regulatory_to_77b_of(extra.content)
            if lines:
                return [MtField("77B", "\n".join(lines[:3]))]
    return []


def _report_tx(ctx: Ctx, tx: CreditTransferTx, src: str) -> None:
    """Transaction members without an MT101 field (TA016)."""
    for extra in tx.extras:
        last = extra.path.rsplit("/", 1)[-1].split("[")[0]
        if extra.source == "iso20022" and last in _HANDLED:
            continue
        ctx.dropped("TA016", extra.path or src, None, extra.content, f"{last} has no place in MT101")
    members: dict[str, object] = {
        "UltmtDbtr": tx.ultimate_debtor,
        "UltmtCdtr": tx.ultimate_creditor,
        "Purp": tx.purpose,
        "CdtrAgtAcct": tx.creditor_agent_account if tx.creditor_agent is None else None,
    }
    for name, value in members.items():
        if value is not None:
            ctx.dropped("TA016", f"{src}/{name}", None, describe(value), f"{name} has no MT101 field")
    for n, inter in enumerate(tx.intermediary_agents[:1], start=1):
        if inter.account is not None and not inter.agent.bic and not inter.agent.name:
            ctx.dropped(
                "TA016",
                f"{src}/IntrmyAgt{n}Acct",
                f"{P}:56a",
                inter.account.identifier or "",
                "no agent to carry the account",
            )
