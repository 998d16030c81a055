"""BAH / group header ↔ FIN blocks 1-3 (rules TR001, TR002, TR030).

The BAH is translated first: its From/To BICs become the block 1 (sender)
and block 2 (receiver) logical-terminal addresses, and back. The UETR lives
in block 3 tag 121 and nowhere else; it is never derived from field 20.
"""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from finmsg.errors import ConversionError
from finmsg.model.common import Agent, Timestamp
from finmsg.model.payments import AppHeader
from finmsg.mt.message import ApplicationHeader, BasicHeader, MtField, MtMessage, Tags
from finmsg.translate.context import Ctx

__all__ = ["Routing", "app_header", "build_message", "routing_from_mt", "routing_from_mx", "timestamp"]

HEADER_VERSION = "head.001.001.02"
CBPR_SERVICE = "swift.cbprplus.02"


class Routing(NamedTuple):
    """Sender and receiver BIC11s of one message, and the FIN priority (``N``/``U``/``S``).

    A named tuple: immutable like the frozen dataclass it was, and several times cheaper to build
    (one per translated message)."""

    sender: str | None
    receiver: str | None
    priority: str | None = None


def _bic_of_lt(lt: str | None) -> str | None:
    if not lt or len(lt) != 12:
        return None
    return lt[:8] + lt[9:12]


def _lt_of_bic(bic: str) -> str:
    bic11 = bic if len(bic) == 11 else bic[:8] + "XXX"
    return bic11[:8] + "A" + bic11[8:11]


def routing_from_mt(msg: MtMessage) -> Routing:
    """Sender/receiver from blocks 1 and 2 (input or output form)."""
    b1, b2 = msg.basic_header, msg.application_header
    if b2 is None:
        return Routing(_bic_of_lt(b1.lt_address) if b1 else None, None)
    if b2.direction == "O":
        return Routing(_bic_of_lt(b2.sender), _bic_of_lt(b1.lt_address) if b1 else None, b2.priority)
    return Routing(_bic_of_lt(b1.lt_address) if b1 else None, _bic_of_lt(b2.receiver), b2.priority)


#: The last translation time and its Timestamp: every message translated within the same second
#: (or with the same ``now`` option) shares one immutable object instead of formatting it again.
_last_stamp: tuple[datetime, Timestamp] | None = None


def _same_time(a: datetime, b: datetime) -> bool:
    """True when ``a`` and ``b`` give the same Timestamp: the same object, or plain datetimes with
    the same fields, the very same tzinfo and the same fold (which picks the offset in a DST overlap)."""
    if a is b:
        return True
    return (
        type(a) is datetime and type(b) is datetime and a.tzinfo is b.tzinfo and a.fold == b.fold and a == b
    )


def timestamp(ctx: Ctx) -> Timestamp:
    """The translation time as an ISO date-time with an explicit UTC offset (CBPR+).

    Computed once per translation (the BAH CreDt and GrpHdr/CreDtTm are the same instant, TR030).
    """
    global _last_stamp
    stamp = ctx.stamp
    if stamp is None:
        now = ctx.now
        last = _last_stamp
        if last is not None and _same_time(last[0], now):
            stamp = ctx.stamp = last[1]
            return stamp
        text = now.isoformat()
        if now.tzinfo is None:
            text += "+00:00"
        stamp = ctx.stamp = Timestamp(now, text)
        _last_stamp = (now, stamp)
    return stamp


def app_header(ctx: Ctx, routing: Routing, reference: str, definition: str, src: str) -> AppHeader:
    """A CBPR+ BAH from the FIN routing (TR001) and the sender's reference (TR003)."""
    if routing.sender is None or routing.receiver is None:
        for name, value in (("Fr", routing.sender), ("To", routing.receiver)):
            if value is None:
                ctx.add(
                    "mapping.missing",
                    "TR001",
                    f"no BIC for AppHdr/{name}: the FIN header is incomplete",
                    f"{src}:block1" if name == "Fr" else f"{src}:block2",
                    f"/AppHdr/{name}",
                )
    return AppHeader(
        version=HEADER_VERSION,
        from_bic=routing.sender,
        to_bic=routing.receiver,
        business_message_id=reference,
        message_definition_id=definition,
        business_service=CBPR_SERVICE,
        creation=timestamp(ctx),
    )


def routing_from_mx(header: AppHeader | None, instructing: Agent | None, instructed: Agent | None) -> Routing:
    """Sender/receiver from the BAH first, else from InstgAgt/InstdAgt."""
    sender = header.from_bic if header and header.from_bic else (instructing.bic if instructing else None)
    receiver = header.to_bic if header and header.to_bic else (instructed.bic if instructed else None)
    return Routing(sender, receiver)


def build_message(
    routing: Routing, mt: str, message_type: str, priority: str, user: Tags, fields: list[MtField]
) -> MtMessage:
    """An input (``I``) FIN message addressed from the routing, with block 3 ``user`` and ``fields``."""
    if not routing.sender or not routing.receiver:
        raise ConversionError(
            "cannot address the MT message: neither the BAH nor InstgAgt/InstdAgt carries a BIC",
            code="translate.routing",
            path="/AppHdr",
        )
    return MtMessage(
        message_type=message_type,
        basic_header=BasicHeader(f"F01{_lt_of_bic(routing.sender)}0000000000"),
        application_header=ApplicationHeader(f"I{mt}{_lt_of_bic(routing.receiver)}{priority}"),
        user_header=user,
        fields=tuple(fields),
    )
