"""pacs.008 → MT103 or MT103 STP (CBPR+ MX → MT practice).

The BAH is read first for the routing (TR001). Each transaction member is
written to its MT field; members the MT cannot hold are reported one by one
(TR031). The STP variant is chosen when every agent can be written with a
BIC (option A) and no field outside the STP usage is needed (TR026).
"""

from __future__ import annotations

from functools import lru_cache

from finmsg.errors import ConversionError
from finmsg.iso20022.envelope import local_name
from finmsg.iso20022.xmlsafe import parse_xml
from finmsg.model.common import Agent, Amount
from finmsg.model.payments import CreditTransfer, CreditTransferTx
from finmsg.mt.message import MtField, MtMessage
from finmsg.mt.rules.codes import INSTRUCTION_ORDER
from finmsg.mt.rules.mt103 import EU_33B_COUNTRIES
from finmsg.mt.writer import make_user_header
from finmsg.translate import codes
from finmsg.translate.bics import bic_agent, same_bic
from finmsg.translate.context import Ctx
from finmsg.translate.field72 import build_72
from finmsg.translate.headers import build_message, routing_from_mx
from finmsg.translate.instructions import items_72
from finmsg.translate.memo import replayed
from finmsg.translate.mtvalues import amount_to_mt, date_to_mt, decimal_from_mt, decimal_to_mt
from finmsg.translate.mx_parties import agent_field, party_field
from finmsg.translate.settlement import settlement_date_of, settlement_to_mt
from finmsg.translate.text import NOTPROVIDED, REMITTANCE_CODES, mark_cut, reference16, to_x, wrap, wrap_coded
from finmsg.translate.unplaced import report_extras

__all__ = ["pacs008_to_mt103", "remittance_field", "report_rare_ids", "time_fields"]

_BEARER = {"DEBT": "OUR", "CRED": "BEN", "SHAR": "SHA", "SLEV": "SHA"}
_STP_23E = frozenset({"CORT", "INTC", "SDVA", "REPA"})
_SERVICE_23B = frozenset({"SPRI", "SSTD", "SPAY"})
#: InstrForNxtAgt code → 23E code (the fixed table of :data:`codes.NEXT_AGENT_CODES`, reversed once).
_REVERSE_NEXT = {v: k for k, v in codes.NEXT_AGENT_CODES.items()}
#: 23E code → rank in the D98 order of :data:`finmsg.mt.rules.codes.INSTRUCTION_ORDER`.
_D98_RANK = {code: rank for rank, code in enumerate(INSTRUCTION_ORDER)}


_new_tuple = tuple.__new__


def _field(tag: str, value: str) -> MtField:
    """``MtField(tag, value)`` without the named tuple's Python-level ``__new__`` (a dozen fields
    per message; the same immutable tuple, built for about half the cost)."""
    return _new_tuple(MtField, (tag, value))


def pacs008_to_mt103(message: CreditTransfer, ctx: Ctx, want_stp: bool | None = None) -> MtMessage:
    """Translate the (first) transaction of a pacs.008; ``want_stp`` None = choose automatically."""
    if not message.transactions:
        raise ConversionError("pacs.008 without a transaction", code="translate.empty", path="/Document")
    root = "/Document/FIToFICstmrCdtTrf"
    ctx.mt_prefix = "MT103"
    for n in range(2, len(message.transactions) + 1):
        ctx.dropped(
            "TR031",
            f"{root}/CdtTrfTxInf[{n}]",
            None,
            message.transactions[n - 1].ids.uetr or "",
            "an MT103 carries one transaction; split the pacs.008 first",
        )
    tx = message.transactions[0]
    src = f"{root}/CdtTrfTxInf[1]"
    grp = message.group_header
    routing = routing_from_mx(
        message.header,
        grp.instructing_agent or tx.instructing_agent,
        grp.instructed_agent or tx.instructed_agent,
        ctx.options,
    )
    # Fields are appended in MT103 order (20, 13C, 23B, 23E, 26T, 32A, 33B, 36, 50a, 52a-57a, 59a,
    # 70, 71A/F/G, 72, 77B), so no sort is needed (tests/translate/test_mt103_out_order.py checks it).
    fields: list[MtField] = []
    ref = tx.ids.instruction_id or grp.message_id
    fields.append(_field("20", reference16(ctx, ref, f"{src}/PmtId/InstrId", "MT103:20")))
    fields.extend(time_fields(ctx, tx, src))
    fields.extend(_codes(ctx, tx, src))
    day, day_path = settlement_date_of(tx, grp, src, root)
    if tx.settlement_amount is None or day is None:
        raise ConversionError(
            "IntrBkSttlmAmt and IntrBkSttlmDt (in the transaction or GrpHdr) are needed for 32A",
            code="translate.missing",
            path=f"{src}/IntrBkSttlmAmt" if tx.settlement_amount is None else f"{src}/IntrBkSttlmDt",
        )
    fields.append(_field("32A", date_to_mt(day, day_path) + amount_to_mt(tx.settlement_amount)))
    charges = _charges(ctx, tx, src, routing.receiver)
    instructed = tx.instructed_amount
    has_charges = any(f.tag in ("71F", "71G") for f in charges)
    if instructed is None and (has_charges or _needs_33b(routing.sender, routing.receiver)):
        instructed = _instructed_default(tx.settlement_amount, charges)
        ctx.defaulted(
            "TR008",
            f"{src}/InstdAmt",
            "MT103:33B",
            amount_to_mt(instructed),
            "33B is mandatory here (MT103 C2/C3); derived from 32A and the 71F/71G charges",
        )
    if instructed is not None:
        fields.append(_field("33B", amount_to_mt(instructed)))
    if tx.exchange_rate is not None:
        fields.append(_field("36", decimal_to_mt(tx.exchange_rate)))
    fields.append(party_field(ctx, "50", tx.debtor, tx.debtor_account, f"{src}/Dbtr"))
    agents: list[MtField | None] = []
    if not _is_default(tx.debtor_agent, tx.debtor_agent_account, routing.sender):
        agents.append(_agent(ctx, "52", "AD", tx.debtor_agent, tx.debtor_agent_account, f"{src}/DbtrAgt"))
    agents.extend(
        settlement_to_mt(
            ctx, grp.settlement, f"{root}/GrpHdr/SttlmInf", {"53": "ABD", "54": "AD", "55": "AD"}
        )
    )
    if tx.intermediary_agents:
        first = tx.intermediary_agents[0]
        agents.append(_agent(ctx, "56", "ACD", first.agent, first.account, f"{src}/IntrmyAgt1"))
    if not _is_default(tx.creditor_agent, tx.creditor_agent_account, routing.receiver):
        agents.append(
            _agent(ctx, "57", "ACD", tx.creditor_agent, tx.creditor_agent_account, f"{src}/CdtrAgt")
        )
    fields.extend(f for f in agents if f is not None)
    fields.append(party_field(ctx, "59", tx.creditor, tx.creditor_account, f"{src}/Cdtr"))
    remittance = remittance_field(ctx, tx, src, "MT103:70")
    if remittance is not None:
        fields.append(remittance)
    fields.extend(charges)
    items = items_72(ctx, tx, src, "MT103:72", _SKIP_CDTR, _SKIP_NEXT)
    if items:
        lines, left = _lines_72(ctx, tuple(items), src)
        if left:
            report_left_72(ctx, items, left, src, "MT103:72")
        if lines:
            fields.append(_field("72", "\n".join(lines)))
    fields.extend(_regulatory(ctx, tx))
    report_rare_ids(ctx, tx, src, ref)
    report_extras(ctx, tx, src, grp, message)
    stp = _stp_eligible(fields) if want_stp is None else want_stp
    if want_stp and not _stp_eligible(fields):
        raise ConversionError(
            "this pacs.008 cannot be written as MT103 STP (an agent or code needs a non-STP option)",
            code="translate.stp",
            path=src,
        )
    priority = "U" if tx.payment_type and tx.payment_type.instruction_priority == "HIGH" else "N"
    g001 = tx.payment_type is not None and any(s.code == "G001" for s in tx.payment_type.service_levels)
    tags = {"t119": "STP"} if stp else {}
    if g001:
        tags["t111"] = "001"
    user = make_user_header(tx.ids.uetr, **tags)
    return build_message(routing, "103", "103STP" if stp else "103", priority, user, fields)


#: Instructions already written as 23E: left out of field 72.
_SKIP_CDTR = frozenset(codes.CDTR_AGENT_CODES)
_SKIP_NEXT = frozenset({"PHOA", "TELA"})


@replayed()
def _lines_72(
    ctx: Ctx, items: tuple[tuple[str | None, str], ...], src: str
) -> tuple[tuple[str, ...], tuple[tuple[str | None, str], ...]]:
    """Field 72 lines (and the items beyond six lines) of the items in the X set. Remembered per
    items and path (standing instructions repeat); never when a character was transliterated."""
    lines, left = build_72([(code, to_x(ctx, text, src, "MT103:72")) for code, text in items])
    return tuple(lines), tuple(left)


#: 72 codeword → the element its item comes from (numbered agents: see :func:`report_left_72`).
_72_SOURCES = {
    "ACC": "InstrForCdtrAgt",
    "SVCLVL": "PmtTpInf/SvcLvl",
    "LOCINS": "PmtTpInf/LclInstrm",
    "CATPURP": "PmtTpInf/CtgyPurp",
    "PURP": "Purp/Cd",
    "UDLC": "UltmtDbtr/Nm",
    "UCRD": "UltmtCdtr/Nm",
}


def report_left_72(
    ctx: Ctx,
    items: list[tuple[str | None, str]],
    left: tuple[tuple[str | None, str], ...] | list[tuple[str | None, str]],
    src: str,
    tgt: str,
) -> None:
    """Report each 72 item that did not fit in six lines against the element it came from.

    ``left`` holds the items as written (X set), in the order of ``items``; they are matched by
    position and codeword. /INS/ and /INTA/ items are numbered like their agents (PrvsInstgAgt1..3,
    IntrmyAgt2..3); /REC/ and verbatim codewords come from InstrForNxtAgt. Runs only on overflow."""
    seen: dict[str | None, int] = {}
    pending = list(left)
    for code, _text in items:
        n = seen[code] = seen.get(code, 0) + 1
        if not pending or pending[0][0] != code:
            continue
        done, written = pending.pop(0)
        if code == "INS":
            where = f"PrvsInstgAgt{n}"
        elif code == "INTA":
            where = f"IntrmyAgt{n + 1}"
        else:
            where = _72_SOURCES.get(code or "", "InstrForNxtAgt")
        ctx.dropped("TR018", f"{src}/{where}", tgt, f"/{done}/{written}", "72 holds six lines: no room left")


def _agent(ctx: Ctx, number: str, letters: str, agent: object, account: object, src: str) -> MtField | None:
    if agent is None:
        return None
    return agent_field(ctx, number, letters, agent, account, src)  # type: ignore[arg-type]


def _is_default(agent: Agent | None, account: object, bic: str | None) -> bool:
    # compared with the shared BIC-only agent: no throw-away Agent built per call
    return agent is None or (account is None and same_bic(agent.bic, bic) and agent == bic_agent(agent.bic))


def _instructed_default(settled: Amount, charges: list[MtField]) -> Amount:
    """33B when the source has no InstdAmt: 32A plus deducted 71F, minus prepaid 71G (same currency)."""
    value = settled.value
    for f in charges:
        if f.tag in ("71F", "71G") and f.value[:3] == settled.currency:
            amount = decimal_from_mt(f.value[3:], f"MT103:{f.tag}")
            value = value + amount if f.tag == "71F" else value - amount
    return Amount(value, settled.currency)


def _needs_33b(sender: str | None, receiver: str | None) -> bool:
    return bool(sender and receiver and sender[4:6] in EU_33B_COUNTRIES and receiver[4:6] in EU_33B_COUNTRIES)


def time_fields(ctx: Ctx, tx: CreditTransferTx, src: str) -> list[MtField]:
    out: list[MtField] = []
    for extra in tx.extras:
        if extra.source == "iso20022" and extra.path.rsplit("/", 1)[-1].startswith("SttlmTmReq"):
            values, left = codes.time_to_13c_of(extra.content)
            for value in values:
                out.append(_field("13C", value))
            for item in left:
                ctx.dropped(
                    "TR022", f"{src}/SttlmTmReq", f"{ctx.mt_prefix}:13C", item, "no 13C code for this time"
                )
    return out


def _codes(ctx: Ctx, tx: CreditTransferTx, src: str) -> list[MtField]:
    ptype = tx.payment_type
    b: str | None = None  # the first SPRI/SSTD/SPAY service level: 23B
    sdva = False
    if ptype is not None:
        for level in ptype.service_levels:
            if b is None and level.proprietary in _SERVICE_23B:
                b = level.proprietary
            if level.code == "SDVA":
                sdva = True
    out = [_field("23B", b or "CRED")]
    e23: list[str] = []
    for instr in tx.instructions_for_creditor_agent:
        if instr.code in codes.CDTR_AGENT_CODES:
            e23.append(_23e(ctx, instr.code, instr.info, f"{src}/InstrForCdtrAgt"))
    for instr in tx.instructions_for_next_agent:
        if instr.code in _REVERSE_NEXT:
            e23.append(_23e(ctx, _REVERSE_NEXT[instr.code], instr.info, f"{src}/InstrForNxtAgt"))
    if sdva:
        e23.append("SDVA")
    cat = ptype.category_purpose if ptype else None
    if cat is not None and cat.code in codes.CATEGORY_CODES:
        e23.append(cat.code)
    if len(e23) > 1:
        e23.sort(key=_23e_rank)
    out.extend(_field("23E", value) for value in e23)
    purpose = tx.purpose.proprietary if tx.purpose is not None else None
    if purpose and len(purpose) == 3 and purpose.isalnum():
        out.append(_field("26T", purpose.upper()))
    elif purpose:
        ctx.dropped("TR020", f"{src}/Purp/Prtry", "MT103:26T", purpose, "not a 3-character code")
    return out


def _23e_rank(value: str) -> int:
    """Position of a 23E value's code in the network rule D98 order (the validator's own table),
    so repeated codes are written in the order the rule checks, whatever member they came from."""
    code = value.partition("/")[0]
    return _D98_RANK.get(code, len(_D98_RANK))


def _23e(ctx: Ctx, code: str, info: str | None, src: str) -> str:
    if info is None:
        return code
    text = to_x(ctx, info, src, "MT103:23E")
    if len(text) > 30:
        ctx.truncated("TR019", src, "MT103:23E", info, text[:30], "23E additional information")
        text = text[:30]
    return codes.code_23e(code, text)


def remittance_field(ctx: Ctx, tx: CreditTransferTx, src: str, tgt: str) -> MtField | None:
    """Field 70 from RmtInf (Ustrd, or /INV/ and /RFB/ from Strd) and /ROC/ from a real EndToEndId."""
    rmt = tx.remittance
    text = " ".join(rmt.unstructured) if rmt else ""
    if rmt is not None:
        for strd in rmt.structured:
            doc_type = strd.document_type.value if strd.document_type else "CINV"
            if strd.document_number and doc_type != "CINV":
                ctx.dropped(
                    "TR017",
                    f"{src}/RmtInf/Strd/RfrdDocInf",
                    tgt,
                    strd.document_number,
                    f"document type {doc_type} has no MT remittance code (only /INV/ for CINV)",
                )
            elif strd.document_number:
                date = f"/{strd.document_date.strftime('%Y%m%d')}" if strd.document_date else ""
                text += f"/INV/{strd.document_number}{date}"
            if strd.creditor_reference:
                text += f"/RFB/{strd.creditor_reference}"
            if strd.additional_info or strd.extras:
                ctx.dropped(
                    "TR017",
                    f"{src}/RmtInf/Strd",
                    tgt,
                    " ".join(strd.additional_info),
                    "structured remittance details beyond /INV/ and /RFB/",
                )
        for extra in rmt.extras:
            ctx.dropped(
                "TR031", extra.path, tgt, extra.content, "this RmtInf member has no place in field 70"
            )
    e2e = tx.ids.end_to_end_id
    if e2e and e2e != NOTPROVIDED and f"/ROC/{e2e}" not in text:
        text = f"/ROC/{e2e}" + ("" if not text or text.startswith("/") else "/") + text
    if not text:
        return None
    text = to_x(ctx, text, f"{src}/RmtInf/Ustrd", tgt)
    lines = _lines_70(text)
    if len(lines) > 4:
        lines, last = lines[:4], lines[3]
        lines[3] = mark_cut(last, 35)  # the TR004 cut mark
        ctx.truncated("TR017", f"{src}/RmtInf/Ustrd", tgt, text, "\n".join(lines), "remittance")
    return _field("70", "\n".join(lines))


def _lines_70(text: str) -> list[str]:
    """Field 70 lines: each code word on its own line, words whole; denser layouts when that
    takes more than the 4 lines of 70.

    Why the fallbacks: starting every ``/CODE/`` on a new line and breaking only between
    words costs room, and text that fits 4 x 35 characters (an MT103 70 read back from
    pacs.008) must not be cut for the sake of its layout. Words whole without the code
    breaks come next, then the plain cut at 35 characters, which holds all of 140. Text
    longer than that is cut in the coded layout.
    """
    coded = wrap_coded(text, 35, REMITTANCE_CODES)
    if len(coded) <= 4:
        return coded
    words = wrap_coded(text, 35)
    if len(words) <= 4:
        return words
    dense = wrap(text, 35)
    return dense if len(dense) <= 4 else coded  # too long anyway: cut in the coded layout


def _charges(ctx: Ctx, tx: CreditTransferTx, src: str, receiver: str | None) -> list[MtField]:
    bearer = tx.charge_bearer
    code = _BEARER.get(bearer or "")
    if code is None:
        ctx.defaulted(
            "TR009", f"{src}/ChrgBr", "MT103:71A", "SHA", "charge bearer missing or unknown", original=bearer
        )
        code = "SHA"
    out = [_field("71A", code)]
    for n, charge in enumerate(tx.charges, start=1):
        agent_bic = charge.agent.bic if isinstance(charge.agent, Agent) else None
        if code == "OUR" and same_bic(agent_bic, receiver) and not any(f.tag == "71G" for f in out):
            if tx.settlement_amount and charge.amount.currency != tx.settlement_amount.currency:
                ctx.add(
                    "mapping.inconsistent",
                    "TR011",
                    "71G currency differs from the 32A currency",
                    f"{src}/ChrgsInf[{n}]",
                    "MT103:71G",
                    str(charge.amount),
                )
            out.append(_field("71G", amount_to_mt(charge.amount)))
        elif code in ("BEN", "SHA"):
            out.append(_field("71F", amount_to_mt(charge.amount)))
        else:
            ctx.dropped(
                "TR010",
                f"{src}/ChrgsInf[{n}]",
                "MT103:71F",
                str(charge.amount),
                "with 71A OUR only the receiver's charges (71G) can be carried",
            )
    if code == "BEN" and len(out) == 1 and tx.settlement_amount is not None:
        zero = f"{tx.settlement_amount.currency}0,"
        ctx.defaulted("TR010", f"{src}/ChrgsInf", "MT103:71F", zero, "71A BEN requires at least one 71F")
        out.append(_field("71F", zero))
    return out


def _regulatory(ctx: Ctx, tx: CreditTransferTx) -> list[MtField]:
    """77B from the first RgltryRptg (TR021); what 77B cannot hold is reported, never left out silently."""
    for extra in tx.extras:
        if extra.source == "iso20022" and extra.path.rsplit("/", 1)[-1].startswith("RgltryRptg"):
            lines = codes.regulatory_to_77b_of(extra.content)
            for rel, value in _regulatory_left(extra.content):
                ctx.dropped("TR021", f"{extra.path}/{rel}", "MT103:77B", value, "77B has no place for it")
            if len(lines) > 3:
                ctx.truncated(
                    "TR021", extra.path, "MT103:77B", "\n".join(lines), "\n".join(lines[:3]), "77B (3 lines)"
                )
            if lines:
                return [_field("77B", "\n".join(lines[:3]))]
    return []


#: RgltryRptg leaves 77B carries: the /ORDERRES/ or /BENEFRES/ code and country, and the narrative.
_77B_CODE = ("DbtCdtRptgInd", "Authrty/Ctry")


@lru_cache(maxsize=256)
def _regulatory_left(content: str) -> tuple[tuple[str, str], ...]:
    """(path below RgltryRptg, value) of each leaf that :func:`codes.regulatory_to_77b` does not write.

    The code line needs both DbtCdtRptgInd (DEBT/CRED) and Authrty/Ctry; every Dtls/Inf becomes a
    narrative line; anything else (authority name, Dtls type, date, country, code, amount) has no
    77B place. Parsed once per distinct fragment text: regulatory blocks repeat."""
    root = parse_xml(content.encode("utf-8"))
    leaves: list[tuple[str, str]] = []
    for el in root.iter("{*}*"):
        if el is root or len(el):
            continue
        names = [local_name(a.tag) for a in el.iterancestors() if a is not root]
        rel = "/".join([*reversed(names), local_name(el.tag)])
        value = " ".join(filter(None, [*el.attrib.values(), (el.text or "").strip()]))
        leaves.append((rel, value))
    found = dict(leaves)
    coded = found.get("DbtCdtRptgInd") in ("DEBT", "CRED") and bool(found.get("Authrty/Ctry"))
    return tuple(
        (rel, value)
        for rel, value in leaves
        if not rel.endswith("Dtls/Inf") and not (coded and rel in _77B_CODE)
    )


def report_rare_ids(ctx: Ctx, tx: CreditTransferTx, src: str, written: str | None) -> None:
    """Identifiers and the clearing channel that no MT customer or FI transfer field holds (TR031).

    ``written`` is the reference field 20 was made from: a TxId equal to it (or to the EndToEndId,
    which 21 or 70 /ROC/ carries) travels. Attribute reads only, on objects already held, so the
    common message without these members pays nothing measurable."""
    ids = tx.ids
    txid = ids.transaction_id
    if txid is not None and txid != written and txid != ids.end_to_end_id:
        ctx.dropped("TR031", f"{src}/PmtId/TxId", None, txid, "no MT field carries the TxId")
    if ids.clearing_system_ref is not None:
        ctx.dropped(
            "TR031", f"{src}/PmtId/ClrSysRef", None, ids.clearing_system_ref, "no MT field carries ClrSysRef"
        )
    ptype = tx.payment_type
    if ptype is not None and ptype.clearing_channel is not None:
        ctx.dropped(
            "TR031",
            f"{src}/PmtTpInf/ClrChanl",
            None,
            ptype.clearing_channel,
            "no MT field carries the clearing channel",
        )
    if ids.uetr is None:
        ctx.add(
            "mapping.missing",
            "TR002",
            "no UETR in the source: block 3 gets no tag 121, which CBPR+ requires (never invented)",
            f"{src}/PmtId/UETR",
            f"{ctx.mt_prefix}:block3/121",
        )


def _stp_eligible(fields: list[MtField]) -> bool:
    """True when every field is allowed in an MT103 STP (fields 51A-57a by option, 23E by code)."""
    for f in fields:  # f[0]: unpacking a named tuple costs more than indexing it
        tag = f[0]
        if tag in _STP_FREE:
            continue
        if tag == "23E":
            if f[1][:4] not in _STP_23E:
                return False
        elif not _stp_tag(tag):
            return False
    return True


def _stp_tag(tag: str) -> bool:
    number, option = tag[:2], tag[2:]
    if number in ("52", "54", "55", "56", "57") and option != "A":
        return False
    if number == "53" and option not in ("A", "B"):
        return False
    return tag != "51A"


#: Tags :func:`_stp_tag` allows that an MT103 commonly holds: decided without the slicing.
_STP_FREE = frozenset(
    tag
    for tag in (
        *("20", "13C", "23B", "26T", "32A", "33B", "36", "50A", "50F", "50K", "59", "59A", "59F", "70"),
        *("71A", "71F", "71G", "72", "77B", "77T", "52A", "53A", "53B", "54A", "55A", "56A", "57A"),
    )
    if _stp_tag(tag)
)
