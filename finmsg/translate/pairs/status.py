"""pacs.002 → MT199 for every status that is not an MT103 rejection (rules TF020-TF024).

Two entries: the first (priority 50, before the MT103 ``/REJT/`` pair) takes
the status reports :func:`~finmsg.translate.status_out.is_customer_reject`
turns away, so a plain ``--to mt`` picks MT199 for them and MT103 REJT for a
rejected customer transfer. The second (priority 150) answers an explicit
``--to mt199`` for any pacs.002, which the MT103 pair does not produce.
"""

from __future__ import annotations

from finmsg.model.base import Message
from finmsg.model.exceptions import StatusReport
from finmsg.translate.context import Ctx
from finmsg.translate.registry import Pair, Target

__all__ = ["PAIRS"]


def _is_pacs002(message: Message) -> bool:
    return isinstance(message, StatusReport) and message.message_type.startswith("pacs.002")


def _not_customer_reject(message: Message) -> bool:
    from finmsg.translate.status_out import is_customer_reject

    return _is_pacs002(message) and not is_customer_reject(message)  # type: ignore[arg-type]


def _to_mt199(message: Message, target: Target, ctx: Ctx) -> Message:
    from finmsg.translate.status_out import pacs002_to_mt199

    assert isinstance(message, StatusReport)
    return pacs002_to_mt199(message, ctx)


PAIRS = (
    Pair("pacs002-mt199", "iso20022", _not_customer_reject, ("199",), _to_mt199, priority=50),
    Pair("pacs002-mt199-asked", "iso20022", _is_pacs002, ("199",), _to_mt199, priority=150),
)
