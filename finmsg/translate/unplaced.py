"""Report what an MX → MT translation could not place (TR031): nothing is dropped silently.

The mapping modules handle the members they can write; this module walks
what remains of a credit transfer – supplementary fragments, ultimate party
details, the initiating party, accounts without an MT home, and the extras
kept inside any nested model object (:mod:`finmsg.translate.nested_extras`) –
and reports each as ``lossy.dropped`` with its source path.
"""

from __future__ import annotations

from finmsg.model.common import Party
from finmsg.model.payments import CreditTransfer, CreditTransferTx, GroupHeader
from finmsg.translate.context import Ctx
from finmsg.translate.nested_extras import report_nested_extras
from finmsg.translate.summary import describe

__all__ = ["report_extras"]

#: Fragments the payment mappings read back themselves.
HANDLED_FRAGMENTS = ("SttlmTmReq", "RgltryRptg")


def report_extras(
    ctx: Ctx,
    tx: CreditTransferTx,
    src: str,
    grp: GroupHeader,
    message: CreditTransfer,
    nested: bool = True,
) -> None:
    """Report the transaction's members without an MT place; ``nested``: also the extras kept below it
    (a builder that writes more fields afterwards says False and calls
    :func:`~finmsg.translate.nested_extras.report_nested_extras` itself, last)."""
    for extra in tx.extras:
        last = extra.path.rsplit("/", 1)[-1]
        if extra.source == "iso20022" and last.startswith(HANDLED_FRAGMENTS):
            continue
        ctx.dropped("TR031", extra.path or src, None, extra.content, f"{last} has no place in the MT message")
    for extra in (*grp.extras, *message.extras):
        ctx.dropped("TR031", extra.path, None, extra.content, "message-level element has no place in the MT")
    for name, party in (("UltmtDbtr", tx.ultimate_debtor), ("UltmtCdtr", tx.ultimate_creditor)):
        if isinstance(party, Party) and (party.address or party.lei or party.other_ids or party.bic):
            ctx.dropped(
                "TR031",
                f"{src}/{name}",
                f"{ctx.mt_prefix}:72",
                describe(party),
                "only the name of an ultimate party travels (72 /UDLC/ or /UCRD/)",
            )
    if tx.initiating_party is not None:
        ctx.dropped(
            "TR031",
            f"{src}/InitgPty",
            None,
            describe(tx.initiating_party),
            "the initiating party has no MT103 field",
        )
    for n, inter in enumerate(tx.intermediary_agents[1:], start=2):
        if inter.account is not None:
            ctx.dropped(
                "TR031",
                f"{src}/IntrmyAgt{n}Acct",
                f"{ctx.mt_prefix}:72",
                describe(inter.account),
                "72 /INTA/ carries the agent only",
            )
    for n, prev in enumerate(tx.previous_instructing_agents, start=1):
        if prev.account is not None:
            ctx.dropped(
                "TR031",
                f"{src}/PrvsInstgAgt{n}Acct",
                f"{ctx.mt_prefix}:72",
                describe(prev.account),
                "72 /INS/ carries the agent only",
            )
    # the parties, agents, accounts, addresses, remittance... below: their own bags (last: it skips
    # what the lines above and the field builders already named)
    if nested:
        report_nested_extras(ctx, (grp, tx), own=(grp, tx))
