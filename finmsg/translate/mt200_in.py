"""MT200 (FI transfer for its own account) → pacs.009 (rules TF010, and the MT202 rules TR040...).

An MT200 is an MT202 without 21, 52a and 58a: the sender moves its own
funds, held with the receiver (53B names the account), to its account with
the institution in 57a. So the MT202 reader (:func:`~finmsg.translate.fi_in.mt2xx_to_pacs009`)
does the field work (32A, 53B → settlement, 56a, 57a, 72, block 3), and this
module adds what MT200 only implies: the creditor is the sender itself, and
field 20, the only reference, is also the mandatory EndToEndId.
"""

from __future__ import annotations

from dataclasses import replace

import finmsg.translate.mt200_rules  # noqa: F401  (registers the TF01x rule ids)
from finmsg.errors import ConversionError
from finmsg.model.common import Agent
from finmsg.model.payments import CreditTransfer
from finmsg.mt.message import MtMessage
from finmsg.translate.context import Ctx
from finmsg.translate.fi_in import TX9, mt2xx_to_pacs009
from finmsg.translate.headers import routing_from_mt
from finmsg.translate.text import NOTPROVIDED

__all__ = ["mt200_to_pacs009"]


def mt200_to_pacs009(msg: MtMessage, ctx: Ctx, version: str = "pacs.009.001.08") -> CreditTransfer:
    """Translate an MT200 into a pacs.009 (core) whose Dbtr and Cdtr are both the sender."""
    p = msg.path_prefix
    sender = routing_from_mt(msg).sender
    if sender is None:
        raise ConversionError(
            "MT200 without a sender BIC: the debtor and creditor (the sender itself) are unknown",
            code="translate.missing",
            path=f"{p}:block1",
        )
    message = mt2xx_to_pacs009(msg, ctx, version)
    tx = message.transactions[0]
    ids = tx.ids
    reference = ids.instruction_id or NOTPROVIDED
    if ids.end_to_end_id in (None, NOTPROVIDED):
        ctx.defaulted(
            "TF010",
            f"{p}:20",
            f"{TX9}/PmtId/EndToEndId",
            reference,
            "MT200 has no field 21; its own reference 20 is the end-to-end id",
            reference,
        )
        ids = replace(ids, end_to_end_id=reference)
    ctx.defaulted(
        "TF010",
        f"{p}:block1",
        f"{TX9}/Cdtr",
        sender,
        "an MT200 moves the sender's own funds: the sender is the creditor",
        sender,
    )
    tx = replace(tx, ids=ids, creditor=Agent(bic=sender))
    return replace(message, transactions=(tx,))
