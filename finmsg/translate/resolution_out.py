"""camt.029 → MT196 / MT296 (the MX → MT answer direction).

The first TxInfAndSts of the first CxlDtls is translated; every other block or
member without an MT field is reported (TI039). The transaction's TxCxlSts (or, without it,
Sts/Conf; under Sts/Conf PECR its group's GrpCxlSts) is the 76 answer; CxlStsRsnInf[1] its
reason and text, further
CxlStsRsnInf go to 77A. MT196 or MT296 is chosen as for MT n92 (TI038).
"""

from __future__ import annotations

from dataclasses import replace

from finmsg.errors import ConversionError
from finmsg.model.common import Agent
from finmsg.model.exceptions import (
    CancellationDetails,
    CancellationStatusTx,
    InvestigationResolution,
    OriginalTransactionRef,
)
from finmsg.mt.message import MtField, MtMessage
from finmsg.translate.context import Ctx
from finmsg.translate.headers import Routing, build_message
from finmsg.translate.invest_common import copy_32a, reason_lines
from finmsg.translate.invest_out import choose_family, report_original
from finmsg.translate.mtvalues import date_to_mt
from finmsg.translate.nested_extras import report_nested_extras
from finmsg.translate.resolution_common import TX_TO_ANSWER, Answer, format_answer
from finmsg.translate.text import NOTPROVIDED, reference16

__all__ = ["mt_from_resolution"]

_ROOT = "/Document/RsltnOfInvstgtn"


def _routing(message: InvestigationResolution) -> Routing:
    header, assignment = message.header, message.assignment
    sender = header.from_bic if header and header.from_bic else None
    receiver = header.to_bic if header and header.to_bic else None
    if sender is None and isinstance(assignment.assigner, Agent):
        sender = assignment.assigner.bic
    if receiver is None and isinstance(assignment.assignee, Agent):
        receiver = assignment.assignee.bic
    return Routing(sender, receiver)


def _first_tx(ctx: Ctx, message: InvestigationResolution) -> CancellationStatusTx:
    txs = [
        (d_index, t_index, tx)
        for d_index, details in enumerate(message.cancellation_details, 1)
        for t_index, tx in enumerate(details.transactions, 1)
    ]
    for d_index, t_index, tx in txs[1:]:
        ctx.dropped(
            "TI039",
            f"{_ROOT}/CxlDtls[{d_index}]/TxInfAndSts[{t_index}]",
            None,
            tx.original.instruction_id or tx.original.uetr or tx.status or "",
            "one MT n96 answers for one transaction: split the camt.029",
        )
    tx = txs[0][2] if txs else CancellationStatusTx()
    answering = _answering_group(message, tx)
    for d_index, details in enumerate(message.cancellation_details, 1):
        if details.original_group is not None and d_index != answering:
            ctx.dropped(
                "TI039",
                f"{_ROOT}/CxlDtls[{d_index}]/OrgnlGrpInfAndSts",
                None,
                details.original_group.original.message_id,
                "MT n96 has no group cancellation status",
            )
    return tx


#: The Sts/Conf that only describes several transactions (partially executed cancellation
#: request): it says nothing of any one of them, and MT n96 field 76 has no such answer.
_PARTIAL = "PECR"


def _group_of(
    message: InvestigationResolution, tx: CancellationStatusTx
) -> tuple[int, CancellationDetails | None]:
    """The CxlDtls (1-based index) holding ``tx``; without any TxInfAndSts (``tx`` is then an
    empty stand-in) the first CxlDtls."""
    all_details = message.cancellation_details
    return next(
        ((i, d) for i, d in enumerate(all_details, 1) if any(t is tx for t in d.transactions)),
        (1, all_details[0]) if all_details else (1, None),
    )


def _answering_group(message: InvestigationResolution, tx: CancellationStatusTx) -> int:
    """Index of the CxlDtls whose GrpCxlSts answers for ``tx`` (:func:`_group_answer`), else 0."""
    if message.status.confirmation != _PARTIAL or TX_TO_ANSWER.get(tx.status or "") is not None:
        return 0
    d_index, details = _group_of(message, tx)
    group = details.original_group if details is not None else None
    return d_index if group is not None and TX_TO_ANSWER.get(group.status or "") is not None else 0


def _report_answering_group(ctx: Ctx, message: InvestigationResolution, tx: CancellationStatusTx) -> None:
    """The members of the OrgnlGrpInfAndSts whose GrpCxlSts became the 76 answer that MT n96
    does not carry, one by one (TI039): the status itself travels (reported as TI032 by
    :func:`_group_answer`), so the block as a whole is not "dropped". The original message's
    identification is carried when it is the transaction's own OrgnlGrpInf (20 and 11R)."""
    d_index = _answering_group(message, tx)
    group = message.cancellation_details[d_index - 1].original_group if d_index else None
    if group is None:
        return
    base = f"{_ROOT}/CxlDtls[{d_index}]/OrgnlGrpInfAndSts"
    original = group.original
    members: list[tuple[str, str | None, str]] = []
    if tx.original.group != original:
        why = "MT n96 identifies the original message by the transaction's copy (20, 11R)"
        creation = original.creation.text if original.creation is not None else None
        members += [
            ("OrgnlMsgId", original.message_id, why),
            ("OrgnlMsgNmId", original.message_name_id, why),
            ("OrgnlCreDtTm", creation, why),
        ]
    why = "MT n96 has no field for it: only the group's GrpCxlSts is carried (76)"
    members += [
        ("OrgnlGrpCxlId", group.id, why),
        ("RslvdCase/Id", group.case.id if group.case is not None else None, why),
        ("OrgnlNbOfTxs", group.number_of_transactions, why),
        ("OrgnlCtrlSum", str(group.control_sum) if group.control_sum is not None else None, why),
    ]
    for n, reason in enumerate(group.reasons, 1):
        code = reason.reason.value if reason.reason is not None else None
        shown = " ".join(filter(None, (code, *reason.additional_info)))
        members.append((f"CxlStsRsnInf[{n}]", shown, "76 and 77A carry the reasons of the transaction"))
    members += [(extra.path, extra.content, why) for extra in group.extras]
    for element, value, reason_why in members:
        if value:
            ctx.dropped("TI039", f"{base}/{element}", None, value, reason_why)


def _group_answer(
    ctx: Ctx, message: InvestigationResolution, tx: CancellationStatusTx, conf: str, tgt: str
) -> str:
    """The answer of a transaction without TxCxlSts under ``Sts/Conf`` PECR: its group's status.

    The CxlDtls/OrgnlGrpInfAndSts/GrpCxlSts of the transaction's group applies to each of its
    transactions that states no status of its own (ACCR → CNCL, PDCR, RJCR). Without one, the
    answer is unknown: field 76 answers CNCL, PDCR or RJCR, and writing ``/PECR/`` would tell
    the receiver a status of the whole request, not of the payment its MT n92 asked about.
    """
    d_index, details = _group_of(message, tx)
    group = details.original_group if details is not None else None
    status = group.status if group is not None else None
    answer = TX_TO_ANSWER.get(status or "")
    if answer is None:
        txs = details.transactions if details is not None else ()
        t_index = next((i for i, t in enumerate(txs, 1) if t is tx), None)
        where = (
            f"{_ROOT}/CxlDtls[{d_index}]/TxInfAndSts[{t_index}]/TxCxlSts"
            if t_index
            else f"{_ROOT}/CxlDtls[{d_index}]/OrgnlGrpInfAndSts/GrpCxlSts"
            if group is not None
            else f"{_ROOT}/CxlDtls"
        )
        raise ConversionError(
            f"an MT n96 answers one transaction: Sts/Conf {conf} (partially executed) does not say "
            "whether this one was cancelled, and neither its TxCxlSts nor its group's GrpCxlSts does "
            "(76 answers CNCL, PDCR or RJCR)",
            code="translate.missing",
            path=where,
            value=conf,
        )
    source = f"{_ROOT}/CxlDtls[{d_index}]/OrgnlGrpInfAndSts/GrpCxlSts"
    why = "no TxCxlSts: the group's cancellation status applies to the transaction"
    ctx.defaulted("TI032", source, tgt, answer, why, status)
    why = f"76 answers the one transaction: its group's GrpCxlSts {status} ({answer}), not the Sts/Conf"
    ctx.dropped("TI032", f"{_ROOT}/Sts/Conf", tgt, conf, why)
    _report_answering_group(ctx, message, tx)
    return answer


def _answer_code(
    ctx: Ctx, message: InvestigationResolution, tx: CancellationStatusTx, src: str, tgt: str
) -> str:
    """The answer code of 76 for the one transaction this MT n96 answers.

    An MT n96 answers one query about one transaction, so its 76 is that transaction's answer:
    the TxCxlSts (ACCR → CNCL, PDCR, RJCR) when it has one. ``Sts/Conf`` is the message's status:
    it is the answer when the transaction states none, and reported as not carried when it says
    something else; ``PECR`` (partially executed) only describes several transactions and is
    never an answer (:func:`_group_answer`).
    """
    conf = message.status.confirmation
    answer = TX_TO_ANSWER.get(tx.status or "")
    if answer is not None and not conf:
        ctx.defaulted(
            "TI032", f"{src}/TxCxlSts", tgt, answer, "no Sts/Conf: the answer is the TxCxlSts", tx.status
        )
        return answer
    if answer is not None:
        if conf != answer:
            why = f"76 answers the one transaction: its TxCxlSts {tx.status} ({answer}), not the Sts/Conf"
            ctx.dropped("TI032", f"{_ROOT}/Sts/Conf", tgt, conf or "", why)
        return answer
    if conf == _PARTIAL:
        return _group_answer(ctx, message, tx, conf, tgt)
    if conf:
        return conf
    raise ConversionError(
        "an MT n96 needs an answer: camt.029 has neither Sts/Conf nor a TxCxlSts",
        code="translate.missing",
        path=f"{_ROOT}/Sts",
    )


def _answer(ctx: Ctx, message: InvestigationResolution, tx: CancellationStatusTx, src: str, mt: str) -> str:
    tgt = f"MT{mt}:76"
    code = _answer_code(ctx, message, tx, src, tgt)
    reason = tx.reasons[0] if tx.reasons else None
    reason_code = None
    texts = list(reason.additional_info) if reason is not None else []
    if reason is not None and reason.reason is not None:
        if reason.reason.code and len(reason.reason.code) == 4:
            reason_code = reason.reason.code
        else:
            value = reason.reason.value or ""
            ctx.info(
                "lossy.layout",
                "TI033",
                "76 carries a 4-character reason code: the proprietary reason is written as text",
                f"{src}/CxlStsRsnInf[1]/Rsn/Prtry",
                tgt,
                value,
            )
            texts.insert(0, value)
    if reason is not None and reason.originator is not None:
        ctx.dropped(
            "TI039", f"{src}/CxlStsRsnInf[1]/Orgtr", None, str(reason.originator.name), "76 has no originator"
        )
    return format_answer(ctx, Answer(code, reason_code, tuple(texts)), f"{src}/CxlStsRsnInf[1]", tgt)


def _narrative(ctx: Ctx, tx: CancellationStatusTx, src: str, mt: str) -> MtField | None:
    lines: list[str] = []
    for index, reason in enumerate(tx.reasons[1:], 2):
        lines.extend(
            reason_lines(ctx, reason, f"{src}/CxlStsRsnInf[{index}]", f"MT{mt}:77A", 35, 20, "TI034")
        )
    if len(lines) > 20:
        ctx.truncated(
            "TI034", f"{src}/CxlStsRsnInf", f"MT{mt}:77A", "\n".join(lines), "\n".join(lines[:20]), "text"
        )
        lines = lines[:20]
    return MtField("77A", "\n".join(lines)) if lines else None


def _field_11r(ctx: Ctx, ref: OriginalTransactionRef, family: str, src: str, mt: str) -> MtField | None:
    group = ref.group
    if group is None:
        return None
    tgt = f"MT{mt}:11R"
    name = group.message_name_id
    number = name[2:5] if name.upper().startswith("MT") and name[2:5].isdigit() else None
    if number is None:
        number = "103" if family == "1" else "202"
        ctx.defaulted(
            "TI035",
            f"{src}/OrgnlGrpInf/OrgnlMsgNmId",
            tgt,
            number,
            "11R needs an MT number: the MT equivalent",
            name,
        )
    if group.creation is not None:
        moment = group.creation.value
        if (moment.hour, moment.minute, moment.second) != (0, 0, 0):
            ctx.truncated(
                "TI035",
                f"{src}/OrgnlGrpInf/OrgnlCreDtTm",
                tgt,
                group.creation.text,
                moment.date().isoformat(),
                "date-time",
            )
        day = moment.date()
    elif ref.settlement_date is not None:
        day = ref.settlement_date
        ctx.defaulted(
            "TI035",
            f"{src}/OrgnlIntrBkSttlmDt",
            tgt,
            day.isoformat(),
            "no OrgnlCreDtTm: 11R takes the settlement date",
        )
    else:
        ctx.dropped("TI035", f"{src}/OrgnlGrpInf", tgt, name, "11R needs a date: OrgnlGrpInf is not written")
        return None
    return MtField("11R", f"{number}\n{date_to_mt(day, src)}")


def _copy(
    ctx: Ctx, ref: OriginalTransactionRef, src: str, mt: str, related: str
) -> tuple[list[MtField], set[str]]:
    """The copy of the original: 20 from OrgnlInstrId (else OrgnlMsgId) and 32A (TI037)."""
    out: list[MtField] = []
    used: set[str] = set()
    group_id = ref.group.message_id if ref.group is not None else None
    if ref.instruction_id:
        out.append(
            MtField("20", reference16(ctx, ref.instruction_id, f"{src}/OrgnlInstrId", f"MT{mt}:20[2]"))
        )
        used.add("instruction_id")
        if group_id == ref.instruction_id:
            used.add("group")
    elif group_id and group_id not in (NOTPROVIDED, related):
        out.append(
            MtField("20", reference16(ctx, group_id, f"{src}/OrgnlGrpInf/OrgnlMsgId", f"MT{mt}:20[2]"))
        )
        used.add("group")
    if group_id in (None, NOTPROVIDED, related):
        used.add("group")
    copied = copy_32a(ref, src)
    if copied is not None:
        out.append(copied)
    elif ref.settlement_amount is not None or ref.settlement_date is not None:
        ctx.dropped(
            "TI037",
            f"{src}/OrgnlIntrBkSttlmAmt",
            f"MT{mt}:32A",
            str(ref.settlement_amount or ref.settlement_date),
            "a 32A copy needs both the amount and the date",
        )
    return out, used


def _report_case(
    ctx: Ctx, message: InvestigationResolution, tx: CancellationStatusTx, src: str, receiver: str | None
) -> None:
    case = message.resolved_case
    creator = case.creator if case is not None else None
    if creator is not None and not (isinstance(creator, Agent) and creator.bic == receiver):
        shown = getattr(creator, "bic", None) or getattr(creator, "name", None) or ""
        ctx.dropped("TI031", f"{_ROOT}/RslvdCase/Cretr", None, str(shown), "MT n96 names no case creator")
    if case is not None and case.reopened is not None:
        ctx.dropped("TI039", f"{_ROOT}/RslvdCase/ReopCaseIndctn", None, str(case.reopened), "no MT field")
    for value, element in (
        (tx.cancellation_status_id, "CxlStsId"),
        (tx.resolved_case.id if tx.resolved_case else None, "RslvdCase/Id"),
    ):
        if value:
            ctx.dropped("TI039", f"{src}/{element}", None, value, "MT n96 has no field for it")
    for party, element in ((tx.assigner, "Assgnr"), (tx.assignee, "Assgne")):
        if party is not None:
            shown = getattr(party, "bic", None) or getattr(party, "name", None) or ""
            ctx.dropped("TI039", f"{src}/{element}", None, str(shown), "the FIN header carries the parties")


def mt_from_resolution(message: InvestigationResolution, ctx: Ctx, wanted: str | None) -> MtMessage:
    """Translate a camt.029 answering a cancellation request into an MT196 or MT296."""
    tx = _first_tx(ctx, message)
    src = f"{_ROOT}/CxlDtls[1]/TxInfAndSts[1]"
    ref = tx.original
    family = wanted[0] if wanted else choose_family(ctx, ref, src, "MT n96")
    mt = f"{family}96"
    ctx.mt_prefix = f"MT{mt}"
    routing = _routing(message)
    reference = reference16(ctx, message.assignment.id or None, f"{_ROOT}/Assgnmt/Id", f"MT{mt}:20")
    case_id = message.resolved_case.id if message.resolved_case is not None else None
    related = reference16(ctx, case_id, f"{_ROOT}/RslvdCase/Id", f"MT{mt}:21")
    fields = [
        MtField("20", reference),
        MtField("21", related),
        MtField("76", _answer(ctx, message, tx, src, mt)),
    ]
    narrative = _narrative(ctx, tx, src, mt)
    if narrative is not None:
        fields.append(narrative)
    field_11 = _field_11r(ctx, ref, family, src, mt)
    if field_11 is not None:
        fields.append(field_11)
    copy, used = _copy(ctx, ref, src, mt, related)
    fields.extend(copy)
    report_original(ctx, ref, src, used)
    _report_case(ctx, message, tx, src, routing.receiver)
    for name, value in (
        ("DplctOf", message.status.duplicate_of),
        ("AssgnmtCxlConf", message.status.assignment_cancellation_confirmed),
    ):
        if value is not None:
            ctx.dropped("TI039", f"{_ROOT}/Sts/{name}", None, str(value), "76 carries Sts/Conf only")
    details = next(
        (d.extras for d in message.cancellation_details if any(t is tx for t in d.transactions)), ()
    )
    roots = (message.assignment, message.resolved_case, message.status, tx)
    report_nested_extras(ctx, roots, extras=(*message.extras, *details))  # TR031
    user = (("121", ref.uetr),) if ref.uetr else ()
    return replace(build_message(routing, mt, mt, "N", user, fields), user_header=user or None)
