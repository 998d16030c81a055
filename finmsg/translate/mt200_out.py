"""pacs.009 → MT200, when the target asks for it (rules TF011-TF013, and the MT202 rules).

The MT202 writer (:func:`~finmsg.translate.fi_out.pacs009_to_mt2xx`) builds
the fields; this module keeps those an MT200 has (20, 32A, 53B, 56a, 57a, 72)
and reports every other one with the pacs.009 element it came from: an MT200
says "my own funds", so a Dbtr or Cdtr other than the sender, a real
EndToEndId, a reimbursement chain or a settlement time cannot travel. An
underlying customer transfer (COV) is refused: an MT200 can never cover one.
"""

from __future__ import annotations

from dataclasses import replace

import finmsg.translate.mt200_rules  # noqa: F401  (registers the TF01x rule ids)
from finmsg.diagnostics import Diagnostic
from finmsg.errors import ConversionError
from finmsg.model.common import Agent
from finmsg.model.payments import CreditTransfer
from finmsg.mt.message import ApplicationHeader, MtField, MtMessage
from finmsg.translate.bics import same_bic
from finmsg.translate.context import Ctx
from finmsg.translate.fi_out import pacs009_to_mt2xx
from finmsg.translate.headers import routing_from_mx
from finmsg.translate.text import NOTPROVIDED

__all__ = ["pacs009_to_mt200"]

_ROOT = "/Document/FICdtTrf"
_TX = f"{_ROOT}/CdtTrfTxInf[1]"
_P = "MT200"
#: MT202 fields with no MT200 counterpart: the pacs.009 element they came from.
_SOURCES = {
    "13C": f"{_TX}/SttlmTmReq",
    "52": f"{_TX}/Dbtr",
    "54": f"{_ROOT}/GrpHdr/SttlmInf/InstdRmbrsmntAgt",
    "55": f"{_ROOT}/GrpHdr/SttlmInf/ThrdRmbrsmntAgt",
    "58": f"{_TX}/Cdtr",
}


def pacs009_to_mt200(message: CreditTransfer, ctx: Ctx) -> MtMessage:
    """Translate the (first) transaction of a core pacs.009 into an MT200."""
    if message.transactions and message.transactions[0].underlying is not None:
        raise ConversionError(
            "a pacs.009 COV (with UndrlygCstmrCdtTrf) cannot become an MT200; translate to MT202COV",
            code="translate.unsupported",
            path=f"{_TX}/UndrlygCstmrCdtTrf",
        )
    inner = Ctx(ctx.options)
    mt202 = pacs009_to_mt2xx(message, inner, "202")
    ctx.mt_prefix = _P
    gone = ("MT202:21", "MT202:13C", "MT202:52", "MT202:54", "MT202:55", "MT202:58")
    ctx.diagnostics.extend(_moved(d) for d in inner.diagnostics if not _targets(d, gone))
    ctx.changes.extend((s, t.replace("MT202:", f"{_P}:"), o, n) for s, t, o, n in inner.changes)
    tx = message.transactions[0]
    grp = message.group_header
    routing = routing_from_mx(
        message.header,
        grp.instructing_agent or tx.instructing_agent,
        grp.instructed_agent or tx.instructed_agent,
        ctx.options,
    )
    fields: list[MtField] = []
    for f in mt202.fields:
        number = f.tag[:2]
        if f.tag == "21":
            _end_to_end(ctx, tx.ids.end_to_end_id, tx.ids.instruction_id)
        elif number == "53" and f.tag != "53B":
            ctx.dropped(
                "TF013",
                f"{_ROOT}/GrpHdr/SttlmInf/InstgRmbrsmntAgt",
                f"{_P}:53B",
                f.value,
                f"MT200 has only 53B; the {f.tag} reimbursement agent cannot travel",
            )
        elif number == "58" and _is_sender(tx.creditor, tx.creditor_account, routing.sender):
            ctx.info(
                "mapping.implicit",
                "TF011",
                "Cdtr is the sender: implied by the MT200 itself",
                f"{_TX}/Cdtr",
                _P,
                f.value,
            )
        elif f.tag in _SOURCES or number in _SOURCES:
            key = f.tag if f.tag in _SOURCES else number
            ctx.dropped("TF011", _SOURCES[key], f"{_P}:{f.tag}", f.value, f"MT200 has no field {f.tag}")
        else:
            fields.append(f)
    if not any(f.tag[:2] == "57" for f in fields):
        receiver = routing.receiver or ""
        ctx.defaulted(
            "TF012",
            f"{_TX}/CdtrAgt",
            f"{_P}:57A",
            receiver,
            "57a is mandatory in MT200; without CdtrAgt the receiver holds the sender's account",
        )
        index = next((i for i, f in enumerate(fields) if f.tag == "72"), len(fields))
        fields.insert(index, MtField("57A", receiver))
    header = mt202.application_header
    assert header is not None  # build_message always writes block 2
    return replace(
        mt202,
        message_type="200",
        application_header=ApplicationHeader("I200" + header.raw[4:]),
        fields=tuple(fields),
    )


def _end_to_end(ctx: Ctx, e2e: str | None, instruction: str | None) -> None:
    """EndToEndId travels only when it adds nothing: NOTPROVIDED or a copy of InstrId (TF010)."""
    if e2e and e2e not in (NOTPROVIDED, instruction):
        ctx.dropped(
            "TF011", f"{_TX}/PmtId/EndToEndId", _P, e2e, "MT200 has no field 21 for the end-to-end id"
        )


def _is_sender(party: object, account: object, sender: str | None) -> bool:
    return (
        account is None
        and isinstance(party, Agent)
        and party == Agent(bic=party.bic)
        and same_bic(party.bic, sender)
    )


def _targets(diag: Diagnostic, prefixes: tuple[str, ...]) -> bool:
    return diag.target_path is not None and diag.target_path.startswith(prefixes)


def _moved(diag: Diagnostic) -> Diagnostic:
    target = diag.target_path.replace("MT202:", f"{_P}:") if diag.target_path else diag.target_path
    return replace(diag, target_path=target)
