"""MT103 ``/RETN/`` ↔ pacs.004, MT202/MT205 ``/RETN/`` ↔ pacs.004 and MT103 ``/REJT/`` ↔ pacs.002.

pacs.004 → MT: the return of an FI transfer (pacs.009 origin, or no customer in RtrChain) becomes an
MT202 (MT205 on request) and is tried first (priority 90); any other return is an MT103.
"""

from __future__ import annotations

from collections.abc import Callable

from finmsg.model.base import Message
from finmsg.model.exceptions import PaymentReturn, StatusReport
from finmsg.mt.message import MtMessage
from finmsg.translate.context import Ctx
from finmsg.translate.registry import Pair, Target

__all__ = ["PAIRS"]

#: The versions chosen when the target names none (``--to iso20022``, ``--to pacs.002``); another
#: is written when asked for (``--to pacs.002.001.12``). pacs.002 is the CBPR+ version. CBPR+ also
#: uses pacs.004.001.09, but its return chain (TransactionParties7) has no DbtrAcct/CdtrAcct: the
#: 50a/59a accounts of every MT103 RETN would be dropped (version.dropped), so the automatic
#: choice stays on .14 until the return accounts have a v09 place (``--to pacs.004.001.09`` works
#: and reports them).
PACS004 = "pacs.004.001.14"
PACS002 = "pacs.002.001.10"


def _mt103_with(code: str) -> Callable[[Message], bool]:
    def accepts(message: Message) -> bool:
        if not isinstance(message, MtMessage) or message.mt_number != "103":
            return False
        f72 = message.get("72")
        return f72 is not None and f72.value.startswith(code)

    return accepts


def _fi_with_retn(message: Message) -> bool:
    if not isinstance(message, MtMessage) or message.mt_number not in ("202", "205"):
        return False
    if message.validation_flag == "COV" or message.message_type.endswith("COV"):
        return False  # a COV return has no pair: sequence B would be lost
    f72 = message.get("72")
    return f72 is not None and f72.value.startswith("/RETN/")


def _fi_to_pacs004(message: Message, target: Target, ctx: Ctx) -> Message:
    from finmsg.translate.fi_returns import mt2xx_to_pacs004

    assert isinstance(message, MtMessage)
    return mt2xx_to_pacs004(message, ctx, target.version or PACS004)


def _is_fi_return(message: Message) -> bool:
    from finmsg.translate.fi_returns import is_fi_return

    return isinstance(message, PaymentReturn) and is_fi_return(message)


def _from_fi_pacs004(message: Message, target: Target, ctx: Ctx) -> Message:
    from finmsg.translate.fi_returns import pacs004_to_mt2xx

    assert isinstance(message, PaymentReturn)
    return pacs004_to_mt2xx(message, ctx, target.message or "202")


def _to_pacs004(message: Message, target: Target, ctx: Ctx) -> Message:
    from finmsg.translate.returns_in import mt103_to_pacs004

    assert isinstance(message, MtMessage)
    return mt103_to_pacs004(message, ctx, target.version or PACS004)


def _to_pacs002(message: Message, target: Target, ctx: Ctx) -> Message:
    from finmsg.translate.returns_in import mt103_to_pacs002

    assert isinstance(message, MtMessage)
    return mt103_to_pacs002(message, ctx, target.version or PACS002)


def _from_pacs004(message: Message, target: Target, ctx: Ctx) -> Message:
    from finmsg.translate.returns_out import pacs004_to_mt103

    assert isinstance(message, PaymentReturn)
    return pacs004_to_mt103(message, ctx)


def _from_pacs002(message: Message, target: Target, ctx: Ctx) -> Message:
    from finmsg.translate.returns_out import pacs002_to_mt103

    assert isinstance(message, StatusReport)
    return pacs002_to_mt103(message, ctx)


PAIRS = (
    Pair("mt103retn-pacs004", "mt", _mt103_with("/RETN/"), ("pacs.004",), _to_pacs004),
    Pair("mt202retn-pacs004", "mt", _fi_with_retn, ("pacs.004",), _fi_to_pacs004),
    Pair("mt103rejt-pacs002", "mt", _mt103_with("/REJT/"), ("pacs.002",), _to_pacs002),
    Pair("pacs004-mt202", "iso20022", _is_fi_return, ("202", "205"), _from_fi_pacs004, priority=90),
    Pair("pacs004-mt103", "iso20022", lambda m: isinstance(m, PaymentReturn), ("103",), _from_pacs004),
    Pair(
        "pacs002-mt103",
        "iso20022",
        lambda m: isinstance(m, StatusReport) and m.message_type.startswith("pacs.002"),
        ("103",),
        _from_pacs002,
    ),
)
