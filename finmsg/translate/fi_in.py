"""MT202 / MT205 (and their COV variants) → pacs.009 FI credit transfer (rules TR040, TR041).

Sequence A: 20 → InstrId, 21 → EndToEndId (``NONREF`` → NOTPROVIDED), 32A,
52a → Dbtr (default: the sender), 53a/54a → settlement, 56a → IntrmyAgt1,
57a → CdtrAgt, 58a → Cdtr, 72 → agents and instructions. In a COV message
sequence B (from the first 50a) becomes UndrlygCstmrCdtTrf with the MT103
field rules; its absent 52a/57a default to the FI debtor and creditor.
"""

from __future__ import annotations

from dataclasses import replace

from finmsg.model.common import Agent
from finmsg.model.payments import CodeOrProprietary, CreditTransfer, CreditTransferTx, GroupHeader, PaymentIds
from finmsg.mt.message import MtField, MtMessage
from finmsg.translate.bics import same_bic
from finmsg.translate.context import Ctx
from finmsg.translate.headers import Routing, app_header, routing_from_mt, timestamp
from finmsg.translate.instructions import apply_72
from finmsg.translate.mt103_in import (
    HANDLERS,
    Handler,
    agent_handler,
    collect,
    field_paths,
    header_tags,
    transaction,
)
from finmsg.translate.mt_parties import agent_from_mt
from finmsg.translate.settlement import settlement_from_mt
from finmsg.translate.text import NOTPROVIDED
from finmsg.translate.txparts import TxParts

__all__ = ["TX9", "mt2xx_to_pacs009"]

TX9 = "/Document/FICdtTrf/CdtTrfTxInf[1]"
GRP9 = "/Document/FICdtTrf/GrpHdr"
UND = f"{TX9}/UndrlygCstmrCdtTrf"


def _f21(ctx: Ctx, f: MtField, path: str, acc: TxParts, routing: Routing) -> None:
    acc.end_to_end = NOTPROVIDED if f.value == "NONREF" else f.value


def _fi_party(name: str, role: str) -> Handler:
    def handler(ctx: Ctx, f: MtField, path: str, acc: TxParts, routing: Routing) -> None:
        agent, account = agent_from_mt(ctx, f, path, f"{acc.path}/{role}")
        if agent is None:
            ctx.dropped("TR040", path, f"{acc.path}/{role}", f.value, f"{f.tag} identifies no institution")
            return
        if (
            name == "debtor"
            and same_bic(agent.bic, routing.sender)
            and account is None
            and agent.clearing is None
        ):
            ctx.info(
                "mapping.implicit",
                "TR040",
                f"{f.tag} names the sender, which is the default Dbtr; the "
                f"reverse translation leaves {f.tag} out",
                path,
                f"{acc.path}/Dbtr",
                f.value,
            )
        acc.values[name] = agent
        acc.values[f"{name}_account"] = account

    return handler


def _f72(ctx: Ctx, f: MtField, path: str, acc: TxParts, routing: Routing) -> None:
    apply_72(ctx, f.value, path, acc, acc.path)


def _skip(ctx: Ctx, f: MtField, path: str, acc: TxParts, routing: Routing) -> None:
    """Read elsewhere (20: the reference; 53a/54a: the settlement)."""


_SEQ_A: dict[str, Handler] = {
    "20": _skip,
    "21": _f21,
    "32A": HANDLERS["32A"],
    "52": _fi_party("debtor", "Dbtr"),
    "53": _skip,
    "54": _skip,
    "56": agent_handler("intermediary", "IntrmyAgt1", None),
    "57": agent_handler("creditor_agent", "CdtrAgt", None),
    "58": _fi_party("creditor", "Cdtr"),
    "72": _f72,
}
_SEQ_B: dict[str, Handler] = {
    "50A": HANDLERS["50A"],
    "50F": HANDLERS["50F"],
    "50K": HANDLERS["50K"],
    "52": agent_handler("debtor_agent", "DbtrAgt", None),
    "56": agent_handler("intermediary", "IntrmyAgt1", None),
    "57": agent_handler("creditor_agent", "CdtrAgt", None),
    "59": HANDLERS["59"],
    "59A": HANDLERS["59A"],
    "59F": HANDLERS["59F"],
    "70": HANDLERS["70"],
    "72": _f72,
    "33B": HANDLERS["33B"],
}


def mt2xx_to_pacs009(msg: MtMessage, ctx: Ctx, version: str = "pacs.009.001.08") -> CreditTransfer:
    """Translate an MT202/205 (COV) into a pacs.009 model."""
    p = msg.path_prefix
    routing = routing_from_mt(msg)
    ref_field = msg.get("20")
    reference = ref_field.value if ref_field else NOTPROVIDED
    header = app_header(ctx, routing, reference, version, p)
    cov = msg.validation_flag == "COV" or msg.message_type.endswith("COV")
    if cov and header is not None:
        header = replace(header, business_service="swift.cbprplus.cov.02")
    if msg.mt_number == "205":
        ctx.info(
            "mapping.variant",
            "TR042",
            "pacs.009 does not say whether it came from an MT205 or an MT202: the reverse translation "
            "writes MT202 unless MT205 is asked for",
            f"{p}:block2",
            "/Document/FICdtTrf",
            msg.message_type,
        )
    uetr = msg.uetr
    if uetr is None:
        ctx.add(
            "mapping.missing",
            "TR002",
            "no UETR in block 3 tag 121; CBPR+ requires one and it is never derived from field 20",
            f"{p}:block3/121",
            f"{TX9}/PmtId/UETR",
        )
    header_tags(msg, ctx, p, "pacs.009")
    items = field_paths(msg)
    split = (
        next((i for i, (f, _) in enumerate(items) if f.tag[:2] == "50"), len(items)) if cov else len(items)
    )
    acc = TxParts(path=TX9)
    collect(ctx, items[:split], acc, routing, _SEQ_A, "pacs.009")
    if msg.header_tag(111) == "001":
        acc.service.insert(0, CodeOrProprietary(code="G001"))
    settlement, _ = settlement_from_mt(ctx, msg, routing, TX9, GRP9)
    debtor = acc.values.get("debtor") or Agent(bic=routing.sender)
    acc.values["debtor"] = debtor
    underlying = None
    if cov:
        und = TxParts(path=UND)
        collect(ctx, items[split:], und, routing, _SEQ_B, "UndrlygCstmrCdtTrf")
        creditor = acc.values.get("creditor")
        underlying = transaction(
            und,
            routing,
            "",
            None,
            debtor,  # type: ignore[arg-type]
            creditor if isinstance(creditor, Agent) else None,
        )
        underlying = _strip_ids(underlying)
        _report_implicit_b(ctx, items[split:], underlying, debtor, creditor)
    tx = transaction(acc, routing, reference, uetr, None, None)
    if underlying is not None:
        tx = replace(tx, underlying=underlying)
    group = GroupHeader(
        message_id=reference, creation=timestamp(ctx), number_of_transactions="1", settlement=settlement
    )
    variant = "cov" if cov else "core"
    return CreditTransfer(
        message_type=version,
        family="iso20022",
        variant=variant,
        group_header=group,
        transactions=(tx,),
        header=header,
    )


def _report_implicit_b(
    ctx: Ctx, items: list[tuple[MtField, str]], und: CreditTransferTx, fi_debtor: object, fi_creditor: object
) -> None:
    """Sequence B 52a/57a that only repeat their defaults (the FI debtor, the FI creditor 58a) are left
    out by the reverse translation (57a stays when 56a is present: rule C81); say so (TR041)."""
    has_56 = any(f.tag[:2] == "56" for f, _ in items)
    checks = {
        "52": (und.debtor_agent, und.debtor_agent_account, "DbtrAgt", "the FI debtor (52a or the sender)"),
        "57": (und.creditor_agent, und.creditor_agent_account, "CdtrAgt", "the FI creditor (58a)"),
    }
    defaults = {"52": fi_debtor, "57": fi_creditor}
    for f, path in items:
        number = f.tag[:2]
        if number not in checks or (number == "57" and has_56):
            continue
        agent, account, role, what = checks[number]
        default = defaults[number]
        if agent is not None and account is None and isinstance(default, Agent) and agent == default:
            ctx.info(
                "mapping.implicit",
                "TR041",
                f"sequence B {f.tag} repeats {what}, the default {role} of the underlying transfer; "
                f"the reverse translation leaves it out",
                path,
                f"{UND}/{role}",
                f.value,
            )


def _strip_ids(tx: CreditTransferTx) -> CreditTransferTx:
    """The underlying transfer has no PmtId, instructing/instructed agents of its own in CBPR+ COV."""
    return replace(tx, ids=PaymentIds(), instructing_agent=None, instructed_agent=None)
